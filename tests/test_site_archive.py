"""A generated archive in the real content layout builds completely: paginated listings, sitemap, feeds."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.archive import write_archive
from site_builder.build.pipeline import build
from site_builder.core.config import SIZES

PAGE_SIZE = SIZES["page_size"]
from site_builder.site.related import RELATED


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("archive")
    write_archive(base / "content", articles=240, per_issue=20, seed=3)
    report = build(base / "content", base / "public")
    assert report.articles == 240
    return base / "public"


def test_listings_are_paginated(archive):
    biggest = max((p for p in (archive / "tags").iterdir() if p.is_dir()),
                  key=lambda p: len(list(p.glob("page/*/index.html"))))
    pages = {int(p.parent.name): p for p in biggest.glob("page/*/index.html")}
    assert pages, "a tag with more than one page of articles"
    # Numbered pages are cut from the oldest article: page/1/ is the oldest, page/N/ the
    # newest full one, and the first page shows the newest PAGE_SIZE.
    newest = max(pages)
    assert sorted(pages) == list(range(1, newest + 1))
    first = (biggest / "index.html").read_text(encoding="utf-8")
    assert first.count('<li class="teaser">') == PAGE_SIZE
    assert f'rel="next" href="/tags/{biggest.name}/page/{newest}/">' in first and 'rel="prev"' not in first
    for number, page in pages.items():
        assert page.read_text(encoding="utf-8").count('<li class="teaser">') == PAGE_SIZE
    oldest = pages[1].read_text(encoding="utf-8")
    assert 'rel="prev"' in oldest and 'rel="next"' not in oldest
    top = pages[newest].read_text(encoding="utf-8")
    assert f'rel="prev" href="/tags/{biggest.name}/">' in top


def test_a_new_issue_leaves_the_numbered_pages_as_they_were(tmp_path):
    """Stable pagination: adding articles changes a listing's first page and its newest numbered page only."""
    from bench.corpus import generate_issue

    content = tmp_path / "content"
    write_archive(content, articles=300, per_issue=20, seed=5)
    build(content, tmp_path / "public", search=False)
    before = {p: p.read_bytes() for p in (tmp_path / "public").glob("*/*/page/*/index.html")}
    folder = content / "issues" / "2030-01-01"
    folder.mkdir()
    (folder / "issue.toml").write_text("date = 2030-01-01\nnumber = 999\n", encoding="utf-8")
    (folder / "source.txt").write_bytes(generate_issue(7, articles=20, seed=5, style="print").data)
    build(content, tmp_path / "public", search=False)
    changed = {p for p, data in before.items() if not p.exists() or p.read_bytes() != data}
    listings = {p.parent.parent.parent for p in before}
    assert before and len(changed) <= len(listings)  # at most the newest numbered page of each listing


def test_every_article_has_a_page_and_few_related(archive):
    articles = list(archive.glob("20*/*/*/*/index.html"))
    assert len(articles) == 240
    for page in articles[:40]:
        html = page.read_text(encoding="utf-8")
        related = re.search(r'<section class="related".*?</section>', html, re.S)
        if related:
            assert 0 < related.group(0).count("<li>") <= RELATED


def test_sitemap_lists_every_indexable_page(archive):
    sitemap = (archive / "sitemap.xml").read_text(encoding="utf-8")
    pages = [p for p in archive.rglob("index.html") if 'content="noindex"' not in p.read_text(encoding="utf-8")]
    assert sitemap.count("<loc>") == len(pages)


def test_the_article_index_lists_are_newest_first(archive):
    from site_builder.archive.folders import load_library
    from site_builder.archive.library import Library
    from site_builder.core.config import load_config

    library = load_library(load_config(archive.parent / "content"))
    index = library.index()
    assert sum(len(v) for v in index.by_tag.values()) > 100
    for table in (index.by_tag, index.by_place, index.by_author):
        for articles in table.values():
            assert articles == Library.newest_first(articles)
    assert sorted(id(a) for v in index.by_author.values() for a in v) == sorted(
        id(a) for a in library.articles for _ in a.authors)
