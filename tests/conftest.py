from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import settings

# A small example budget in the normal suite; `HYPOTHESIS_PROFILE=fuzz` for the large one.
settings.register_profile("default", max_examples=150, deadline=None)
settings.register_profile("fuzz", max_examples=20_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

TESTS = Path(__file__).resolve().parent
GOLD = TESTS / "gold"
SEEDS = GOLD / "seeds"
ROOT = TESTS.parent

_FOLD = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"})


def norm(text: str | None) -> str | None:
    """The schema's text comparison: NFKC, no white space, punctuation width folded."""
    if text is None:
        return None
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace()).translate(_FOLD)


def normalised_issue(obj: dict) -> dict:
    articles = []
    for article in obj["articles"]:
        blocks = []
        for block in article["blocks"]:
            if block["type"] == "figure":
                blocks.append({"type": "figure", "caption": norm(block["caption"]), "image": block["image"]})
            else:
                blocks.append({"type": block["type"], "text": norm(block["text"])})
        articles.append(
            {
                "kicker": norm(article["kicker"]),
                "title": norm(article["title"]),
                "subtitle": norm(article["subtitle"]),
                "dateline": norm(article["dateline"]),
                "bylines": [norm(b) for b in article["bylines"]],
                "blocks": blocks,
            }
        )
    return {
        "source": obj["source"],
        "published": obj["published"],
        "source_name": obj["source_name"],
        "articles": articles,
    }


def gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.json"))


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> Path:
    """The demo archive (content/) built once for the whole run, from a copy."""
    from site_builder.build.pipeline import build

    from .siteutil import DEMO_CONTENT, copy_content

    base = tmp_path_factory.mktemp("demo")
    output = base / "public"
    build(copy_content(DEMO_CONTENT, base / "content"), output)
    return output


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright, launched once (a test needing it fails when it is missing)."""
    from . import sitecheck

    sitecheck.require_browser()
    with sitecheck.launch_browser() as launched:
        yield launched
