"""A generated archive in the real content layout builds completely: paginated listings, sitemap, feeds."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.archive import write_archive
from site_builder.pipeline import build
from site_builder.render.pages import PAGE_SIZE, RELATED


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
    pages = sorted(biggest.glob("page/*/index.html"))
    assert pages, "a tag with more than one page of articles"
    first = (biggest / "index.html").read_text(encoding="utf-8")
    assert first.count('<li class="teaser">') == PAGE_SIZE
    assert f'href="/tags/{biggest.name}/page/2/">' in first
    last = pages[-1].read_text(encoding="utf-8")
    assert 'rel="prev"' in last and 'rel="next"' not in last


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
