"""Parser fixture cases in markdown-it-py's `.`-delimited style (tests/fixtures/parser/*.txt).

Each case: a title line, `.`, the source text, `.`, the expected outline, `.`.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from site_builder.core.model import Issue
from site_builder.ingest import parse_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "parser"


def outline(issue: Issue) -> str:
    out: list[str] = []
    if issue.published:
        out.append(f"published: {issue.published}")
    if issue.source_name:
        out.append(f"source_name: {issue.source_name}")
    for article in issue.articles:
        out.append("article:")
        for key in ("kicker", "title", "subtitle"):
            value = getattr(article, key)
            if value:
                out.append(f"  {key}: {value}")
        if article.dateline:
            out.append(f"  dateline: {article.dateline.place}")
        if article.bylines:
            out.append(f"  bylines: {'、'.join(article.bylines)}")
        for block in article.blocks:
            if block.type == "paragraph":
                out.append(f"  p: {block.text}")
            elif block.type == "heading":
                out.append(f"  h: {block.text}")
            elif block.image:
                out.append(f"  fig: {block.caption or ''} | {block.image}".replace("fig:  |", "fig: |"))
            else:
                out.append(f"  fig: {block.caption}")
    return "\n".join(out) + "\n"


def cases():
    for path in sorted(FIXTURES.glob("*.txt")):
        for line, title, source, expected in read_fixture_file(path):
            yield pytest.param(source, expected, id=f"{path.stem}:{line + 1}:{title[:40]}")


@pytest.mark.parametrize(("source", "expected"), list(cases()))
def test_fixture(source: str, expected: str):
    issue = parse_bytes(source.encode("utf-8"), "fixture.txt")
    assert outline(issue) == expected


def test_there_are_fixtures_for_every_style():
    assert {p.stem for p in FIXTURES.glob("*.txt")} >= {"print", "indented", "web", "markdown", "punctuation"}
    assert len(list(cases())) >= 40
