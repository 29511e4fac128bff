"""The grams (build/search_grams.py, static/search/grams.js): exact Chinese words without fragments.

Pagefind's segmenter keeps 大 and 数据 apart, so Pagefind finds 大数据 by 大 and answers
every page holding 大.  The search module keeps only the pages holding 大数据 itself,
and tells which from the part's grams: the answer, its count and its filter counts come
with no fragment fetched.
"""
from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from site_builder.build import search_grams
from site_builder.build.search import run_pagefind
from site_builder.site.search_parts import RUNTIME

from . import sitecheck

THEME = Path(__file__).resolve().parent.parent / "themes" / "default" / "static" / "search"

# (text, tag): 大数据 itself on the first pages; 大 and 数据 apart (or the other way round,
# or across a line break, which plain() removes) on the others.
PAGES = [("公安 机关 推进 大数据 建设", "科技"), ("大数据 平台 上线", "科技"), ("建设 大数据", "治安"),
         ("大 和 数据 不 相连", "科技"), ("数据 很 大", "治安"), ("大力 推进 数据 共享", "治安"),
         ("数据大 平台", "科技"), ("大\n数据 中心", "治安")]
HOLDING = {0, 1, 2, 7}  # white space is removed before matching, as in the fragment check


def _site(folder: Path) -> None:
    for number, (text, tag) in enumerate(PAGES * 5):  # 40 pages, so that 大 is a word of many
        page = folder / f"p{number:04d}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text('<!doctype html><html lang="zh-Hans"><head><title>页面</title></head>'
                        f'<body><main data-pagefind-body><h1>第{number}篇</h1><p>{text}</p>'
                        f'<span data-pagefind-filter="标签">{tag}</span></main></body></html>', encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("grams")
    _site(root)
    for name, data in run_pagefind(root, "p*/index.html"):
        path = root / "pagefind" / (name if name in RUNTIME else "part/" + name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    shutil.copytree(THEME, root / "static" / "search")
    return root


def test_grams_list_each_pair_where_it_occurs(site: Path) -> None:
    grams = site / "pagefind" / "part" / "grams"
    meta = json.loads(gzip.decompress((grams / "pages.grams").read_bytes()))
    assert len(meta["pages"]) == len(PAGES) * 5
    assert {tuple(value) for value in meta["values"]} == {("标签", "科技"), ("标签", "治安")}
    shard = json.loads(gzip.decompress((grams / f"{search_grams.bucket_of('大数', meta['buckets'])}.grams").read_bytes()))
    pages, i, page = set(), 0, 0
    while i < len(shard["大数"]):
        page += shard["大数"][i]
        pages.add(page)
        i += 2 + shard["大数"][i + 1]
    assert len(pages) == len(HOLDING) * 5


def test_a_compound_word_is_found_exactly_without_reading_fragments(site: Path, browser) -> None:
    script = """async (query) => {
      const pagefind = await import("/static/search/pagefind.js");
      await pagefind.options({basePath: "/pagefind/part/"});
      performance.setResourceTimingBufferSize(100000);
      const found = await pagefind.search(query);
      const fragments = performance.getEntriesByType("resource").filter((r) => r.name.includes("/fragment/")).length;
      const urls = await Promise.all(found.results.map(async (result) => (await result.data()).url));
      return {urls, fragments, count: found.unfilteredResultCount, unchecked: found.unchecked, filters: found.filters};
    }"""
    with sitecheck.serve_directory(site) as base:
        page = browser.new_page()
        page.goto(base + "p0000/")
        plain = page.evaluate("""async () => { const pagefind = await import("/pagefind/pagefind.js");
          await pagefind.options({basePath: "/pagefind/part/"});
          return (await pagefind.search("大数据")).results.length; }""")
        page.close()
        page = browser.new_page()
        page.goto(base + "p0000/")
        got = page.evaluate(script, "大数据")
        page.close()
    holding = {f"/p{number:04d}/" for number in range(len(PAGES) * 5) if number % len(PAGES) in HOLDING}
    assert plain > len(holding)  # Pagefind alone answers pages that hold 大 and 数据 apart
    assert got["fragments"] == 0
    assert set(got["urls"]) == holding
    assert got["count"] == len(holding) and got["unchecked"] == 0
    assert got["filters"]["标签"] == {"科技": 10, "治安": 10}
