"""The parser on other papers' issues: the development set, scored as the hidden set will be.

tests/gold/devset/ is a copy of the shared development set (eight issues from about
fifty other papers, their gold and the accepted alternatives); tests/parse_eval.py is
a copy of the shared scorer, run here in-process on the parser's JSON.  The
thresholds are the parser's contract for papers it was not written for.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_builder.ingest import parse_file

from . import parse_eval
from .conftest import normalised_issue

DEVSET = Path(__file__).parent / "gold" / "devset"
ISSUES = sorted((DEVSET / "issues").iterdir())


def _scored(issue_path: Path) -> dict:
    gold = parse_eval.load_gold(
        str(DEVSET / "gold" / f"{issue_path.name}.json"),
        str(issue_path),
        str(DEVSET / "accept" / f"{issue_path.name}.json"),
    )
    return parse_eval.score_issue(gold, parse_file(issue_path).to_json())


@pytest.fixture(scope="module")
def summary() -> dict:
    return parse_eval.summarize([_scored(path) for path in ISSUES])


def test_the_development_set_is_all_here():
    assert [p.name for p in ISSUES] == [f"d0{n}.{'md' if n == 4 else 'txt'}" for n in range(1, 9)]


def test_articles_are_found_as_an_editor_would(summary):
    assert summary["articles_f1"] >= 0.97
    assert summary["failed_issues"] == 0


def test_headlines_datelines_and_bylines(summary):
    assert summary["title_acc"] >= 0.95
    assert summary["dateline_acc"] >= 0.95
    assert summary["byline_acc"] >= 0.95


def test_captions_sub_heads_and_paragraphs(summary):
    assert summary["caption_f1"] >= 0.95
    assert summary["heading_f1"] >= 0.95
    assert summary["para_exact"] >= 0.95


def test_joins_and_furniture(summary):
    assert summary["missed_joins"] == 0
    assert summary["false_joins"] <= 2
    assert summary["leaks"] == 0


@pytest.mark.parametrize("issue_path", ISSUES, ids=lambda p: p.name)
def test_every_gold_headline_is_an_article(issue_path: Path):
    """Straight from the gold: each gold article's title is the title (or, where the gold
    accepts it, a headline line) of one parsed article, in order."""
    gold = json.loads((DEVSET / "gold" / f"{issue_path.name}.json").read_text(encoding="utf-8"))
    accept = json.loads((DEVSET / "accept" / f"{issue_path.name}.json").read_text(encoding="utf-8"))
    accepted_titles: dict[int, set] = {}
    for entry in accept.get("accept", []):
        if entry["field"] == "title":
            accepted_titles.setdefault(entry["article"], set()).update(entry["values"])
    parsed = normalised_issue(parse_file(issue_path).to_json())
    headlines = [{a["kicker"], a["title"], a["subtitle"]} - {None} for a in parsed["articles"]]
    want = normalised_issue(gold)
    position = 0
    for number, article in enumerate(want["articles"]):
        titles = {article["title"]} | {normalised_issue({"source": "", "published": None, "source_name": None,
                                                        "articles": [dict(article, title=t)]})["articles"][0]["title"]
                                        for t in accepted_titles.get(number, ())}
        while position < len(headlines) and not titles & headlines[position]:
            position += 1
        assert position < len(headlines), f"{issue_path.name}: no article for {article['title']}"
        position += 1


@pytest.mark.parametrize("issue_path", ISSUES, ids=lambda p: p.name)
def test_published_and_source_come_from_the_first_web_page(issue_path: Path):
    """A web scrape's first publication line gives both; a print page's running header (a date
    and a page number) gives neither."""
    gold = json.loads((DEVSET / "gold" / f"{issue_path.name}.json").read_text(encoding="utf-8"))
    parsed = parse_file(issue_path)
    assert (parsed.published, parsed.source_name) == (gold["published"], gold["source_name"])
