"""The five seed issues parse to exactly their gold files."""
from __future__ import annotations

import pytest

from site_builder.ingest import parse_file

from .conftest import SEEDS, gold_files, load_gold, norm, normalised_issue

AMBIGUOUS = "ambiguous_joins"


def _expected_variants(gold: dict) -> list[dict]:
    """The gold, plus the forms its ambiguous joins allow (each join undone)."""
    base = normalised_issue(gold)
    variants = [base]
    for join in gold.get(AMBIGUOUS, []):
        before, after = norm(join["before"]), norm(join["after"])
        for variant in list(variants):
            split = normalised_issue(gold)
            split["articles"] = [dict(a, blocks=list(a["blocks"])) for a in variant["articles"]]
            for article in split["articles"]:
                for index, block in enumerate(article["blocks"]):
                    text = block.get("text") or ""
                    pos = text.find(before + after)
                    if block["type"] == "paragraph" and pos >= 0:
                        cut = pos + len(before)
                        article["blocks"][index : index + 1] = [
                            {"type": "paragraph", "text": text[:cut]},
                            {"type": "paragraph", "text": text[cut:]},
                        ]
                        break
            variants.append(split)
    return variants


@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda p: p.name.split("_")[0])
def test_seed_parses_to_gold(gold_path):
    gold = load_gold(gold_path)
    issue = parse_file(SEEDS / gold["source"])
    got = normalised_issue(issue.to_json())
    variants = _expected_variants(gold)
    assert got in variants, _first_difference(got, variants[0])


@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda p: p.name.split("_")[0])
def test_json_has_exactly_the_schema_keys(gold_path):
    gold = load_gold(gold_path)
    obj = parse_file(SEEDS / gold["source"]).to_json()
    assert set(obj) == {"source", "published", "source_name", "articles"}
    for article in obj["articles"]:
        assert set(article) == {"kicker", "title", "subtitle", "dateline", "bylines", "blocks"}
        for block in article["blocks"]:
            keys = {"type", "caption", "image"} if block["type"] == "figure" else {"type", "text"}
            assert set(block) == keys


def test_seed_text_is_full_width_where_chinese():
    issue = parse_file(SEEDS / "000_6315d8aa0ecd7a90.txt")
    first = issue.articles[0].blocks[0].text
    assert first.startswith("为进一步加强全区公安交管执法规范化建设，严格内部监督管理，")
    assert "," not in first


def test_web_metadata_of_seed():
    issue = parse_file(SEEDS / "002_850b0f0afc74d383.txt")
    assert issue.published == "2024-07-11"
    assert issue.source_name == "平安内蒙古微信公众号"
    assert issue.style == "web"
    reasons = {r.reason for r in issue.removed}
    assert {"publication line", "related reading"} <= reasons


def _first_difference(got: dict, want: dict) -> str:
    if len(got["articles"]) != len(want["articles"]):
        return f"{len(got['articles'])} articles, gold has {len(want['articles'])}"
    for number, (a, b) in enumerate(zip(got["articles"], want["articles"]), start=1):
        for key in ("kicker", "title", "subtitle", "dateline", "bylines"):
            if a[key] != b[key]:
                return f"article {number} {key}: {a[key]!r} != gold {b[key]!r}"
        for index, (x, y) in enumerate(zip(a["blocks"], b["blocks"])):
            if x != y:
                return f"article {number} block {index}: {x} != gold {y}"
        if len(a["blocks"]) != len(b["blocks"]):
            return f"article {number}: {len(a['blocks'])} blocks, gold has {len(b['blocks'])}"
    return "metadata differs"
