"""Exact Chinese search at archive scale (themes/default/static/search/pagefind.js).

A generated archive of a few hundred articles gives Pagefind 1.4.0 enough word
locations to split its index into chunks.  Pagefind finds a query word by the index
words that begin with it or, failing that, by the longest index word it begins with,
and it looks only in the chunk whose range holds the query word.  A word its segmenter
splits (呼伦贝尔: 呼 | 伦 | 贝尔) whose first piece is the last word of an earlier chunk
is then found on no page of that part of the index, while a small part finds it.  The
search page finds every page holding it, and shows no result it has not checked.
"""
from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path
from urllib.parse import quote

import pytest
from lxml import html as lxml_html

from bench.archive import write_archive
from site_builder.build.pipeline import build

from . import sitecheck
from .test_search import result_urls, show_all, wait_for_results

ARTICLES = 400
# Words of the generated articles that Pagefind 1.4.0 finds on no page of this archive
# (checked below in the browser, so a change of corpus or chunking shows as a failure).
LOST = ("呼伦贝尔", "包片责任")

_SEARCH = """async ([module, parts, query]) => {
  const pagefind = await import(module);
  await pagefind.options({basePath: parts[0]});
  for (const part of parts.slice(1)) { await pagefind.mergeIndex(part); }
  const found = await pagefind.search(query);
  return Promise.all(found.results.map(async (result) => (await result.data()).url));
}"""


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """The generated articles, one issue a day in January 2015 (one search part), and one
    issue of them again in February (a second part, small enough to be one chunk)."""
    base = tmp_path_factory.mktemp("archive")
    issues = base / "content" / "issues"
    write_archive(base / "content", ARTICLES)
    # The issue naming the first word most often (its source is in UTF-8 or GB 18030).
    richest = max(issues.iterdir(), key=lambda folder: sum(
        path.read_bytes().count(LOST[0].encode(encoding)) for path in folder.iterdir()
        for encoding in ("utf-8", "gb18030")))
    shutil.copytree(richest, issues / "2015-02-01")
    (issues / "2015-02-01" / "issue.toml").write_text("date = 2015-02-01\nnumber = 99\n", encoding="utf-8")
    build(base / "content", base / "public")
    return base / "public"


@pytest.fixture(scope="module")
def served(archive):
    with sitecheck.serve_directory(archive) as base:
        yield base


def page_texts(site: Path) -> dict[str, str]:
    """Chinese article pages: URL → the text Pagefind reads (no data-pagefind-ignore parts)."""
    texts = {}
    for path in site.glob("[0-9][0-9][0-9][0-9]/*/*/*/index.html"):
        [body] = lxml_html.fromstring(path.read_bytes()).xpath("//*[@data-pagefind-body]")
        for ignored in body.xpath(".//*[@data-pagefind-ignore]"):
            ignored.drop_tree()
        text = unicodedata.normalize("NFKC", body.text_content())
        texts["/" + path.relative_to(site).parent.as_posix() + "/"] = re.sub(r"\s+", "", text)
    return texts


def holding(texts: dict[str, str], query: str) -> set[str]:
    return {url for url, text in texts.items() if all(word in text for word in query.split())}


def parts_of(site: Path) -> list[str]:
    page = (site / "search" / "index.html").read_text(encoding="utf-8")
    return re.search(r'data-parts="([^"]*)"', page).group(1).split()


def search_with(browser, served: str, module: str, parts: list[str], query: str) -> set[str]:
    page = browser.new_page()
    page.goto(served)
    urls = page.evaluate(_SEARCH, [module, parts, query])
    page.close()
    assert len(urls) == len(set(urls))
    return set(urls)


def test_a_word_pagefind_finds_on_no_page_is_found_on_every_page_holding_it(archive, served, browser):
    texts = page_texts(archive)
    parts = parts_of(archive)
    assert parts == ["/pagefind/2015-01/", "/pagefind/2015-02/"]
    for word in LOST:
        truth = holding(texts, word)
        january = {url for url in truth if url.startswith("/2015/01/")}
        assert january and truth - january, word
        # The failure, on Pagefind's own API over the same bundles: the January part loses the
        # word, the February part (one chunk) finds it (and pages holding its pieces apart).
        found = search_with(browser, served, "/pagefind/pagefind.js", parts, word)
        assert truth - january <= found and not found & january, word
        assert search_with(browser, served, "/pagefind/pagefind.js", parts[:1], word) == set(), word
        assert search_with(browser, served, "/static/search/pagefind.js", parts, word) == truth, word
    both = " ".join(LOST)
    assert search_with(browser, served, "/static/search/pagefind.js", parts, both) == holding(texts, both)
    # Typed into the search page.
    page = browser.new_page()
    page.goto(served + "search/?q=" + quote(LOST[0]))
    message = wait_for_results(page)
    show_all(page)
    truth = holding(texts, LOST[0])
    assert set(result_urls(page)) == truth, message
    assert f"{len(truth)} " in message
    page.close()


# --- every result checked, the count exact --------------------------------------

HOLDING, APART = 30, 270
THEME_SEARCH = Path(__file__).resolve().parent.parent / "themes" / "default" / "static" / "search"


def _ranked_site(folder: Path) -> None:
    """Pages with 大数据 many times, which Pagefind ranks first for 大数据 (it indexes 大 and
    数据 apart and matches 大), then pages holding 大 and 数据 only apart."""
    for number in range(HOLDING + APART):
        if number < HOLDING:
            text = "公安机关运用大数据。" * 20
        else:
            text = "大，数据显示，" + "民警巡逻。" * 10
        page = folder / f"p{number:04d}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text('<!doctype html><html lang="zh-Hans"><head><title>页面</title></head>'
                        f'<body><main data-pagefind-body><p>{text}</p></main></body></html>', encoding="utf-8")


def test_no_result_is_given_unchecked_and_the_count_is_exact(browser, tmp_path):
    # 300 pages found, the first 25 in rank order all holding the word: a check that stops at a
    # clean batch and passes the rest unchecked counts 300 and lists 270 pages without it.
    from site_builder.build.search import run_pagefind

    site = tmp_path / "site"
    _ranked_site(site)
    for path, data in run_pagefind(site, None):
        (site / "pagefind" / path).parent.mkdir(parents=True, exist_ok=True)
        (site / "pagefind" / path).write_bytes(data)
    (site / "static").mkdir()
    shutil.copytree(THEME_SEARCH, site / "static" / "search")
    holding_pages = {f"/p{number:04d}/" for number in range(HOLDING)}
    with sitecheck.serve_directory(site) as base:
        found = search_with(browser, base, "/pagefind/pagefind.js", ["/pagefind/"], "大数据")
        assert len(found) == HOLDING + APART  # Pagefind's own answer: every page with 大
        page = browser.new_page()
        page.goto(base)
        answer = page.evaluate("""async () => {
          const pagefind = await import("/static/search/pagefind.js");
          await pagefind.options({basePath: "/pagefind/"});
          const found = await pagefind.search("大数据");
          const urls = await Promise.all(found.results.map(async (result) => (await result.data()).url));
          return {urls, count: found.unfilteredResultCount, unchecked: found.unchecked};
        }""")
        page.close()
    assert set(answer["urls"]) == holding_pages
    assert answer["count"] == HOLDING and answer["unchecked"] == 0


def test_the_search_page_shows_checked_results_first_then_every_result_and_the_exact_count(archive, browser, tmp_path):
    # A site indexed before the grams (build/search_grams.py) existed: the module reads each
    # result's fragment.  Fragments come slowly, as on a large archive: the page shows the first
    # checked results, says that more are being checked, then shows them all with the exact
    # count and filter counts.
    site = tmp_path / "site"
    shutil.copytree(archive, site)
    for grams in site.glob("pagefind/*/grams"):
        shutil.rmtree(grams)
    archive = site
    texts = page_texts(archive)
    query = "科技兴警"  # Pagefind finds it by 科技: most of what it finds lacks it
    truth = holding(texts, query)
    assert 5 < len(truth) < 20

    def delay(path: str) -> float:
        return 0.02 if path.endswith(".pf_fragment") else 0.0

    with sitecheck.serve_directory(archive, delay) as base:
        page = browser.new_page()
        page.goto(base + "search/?q=" + quote(query))
        page.wait_for_selector("#search[aria-busy=true] .pagefind-ui__result", timeout=20000)
        early = page.inner_text(".pagefind-ui__message")
        assert "待核对" in early, early  # 已找到 5 个 科技兴警 的相关结果，还有 N 个待核对…
        shown = result_urls(page)
        assert shown and set(shown) <= truth
        message = wait_for_results(page)
        assert message == f"找到 {len(truth)} 个 {query} 的相关结果", message
        show_all(page)
        assert sorted(result_urls(page)) == sorted(truth)
        # The tag filter counts the results shown, and only those.
        page.click("details.pagefind-ui__filter-block:has-text('标签') summary")
        labels = page.eval_on_selector_all(
            "details.pagefind-ui__filter-block:has-text('标签') label.pagefind-ui__filter-label",
            "labels => labels.map(label => label.textContent)")
        page.close()
    counted = {match.group(1): int(match.group(2))
               for match in (re.fullmatch(r"(.+) \((\d+)\)", label.strip()) for label in labels)}
    tags = {}
    for url in truth:
        html = (archive / url.strip("/") / "index.html").read_text(encoding="utf-8")
        for tag in re.findall(r'data-pagefind-filter="标签:([^"]+)"', html):
            tags[tag] = tags.get(tag, 0) + 1
    assert {tag: count for tag, count in counted.items() if count} == tags


# --- a word Pagefind finds by itself needs no check -------------------------------


def test_a_common_words_exact_count_needs_no_fragment_requests(archive, served, browser):
    # 民警 is an index word in every part: every page Pagefind finds for it holds it, so the exact
    # count comes from Pagefind's answer, not from reading each result (one request per result).
    texts = page_texts(archive)
    query = "民警"
    truth = holding(texts, query)
    assert len(truth) > 100
    fragments: list[str] = []

    def seen(request) -> None:
        if "/fragment/" in request.url:
            fragments.append(request.url)

    page = browser.new_page()
    page.on("request", seen)
    page.goto(served)
    answer = page.evaluate("""async ([parts, query]) => {
      const pagefind = await import("/static/search/pagefind.js");
      await pagefind.options({basePath: parts[0]});
      for (const part of parts.slice(1)) { await pagefind.mergeIndex(part); }
      const found = await pagefind.search(query);
      return {count: found.unfilteredResultCount, results: found.results.length, unchecked: found.unchecked};
    }""", [parts_of(archive), query])
    assert answer == {"count": len(truth), "results": len(truth), "unchecked": 0}
    assert fragments == []
    # The search page: the exact count at once, and fragments only for the results it shows.
    page.goto(served + "search/?q=" + quote(query))
    message = wait_for_results(page)
    assert message == f"找到 {len(truth)} 个 {query} 的相关结果", message
    shown = result_urls(page)
    assert shown and set(shown) <= truth
    assert len(fragments) <= len(shown), (len(fragments), len(shown))
    assert page.is_hidden("#search-unindexed")
    # A query Pagefind finds by a shorter word (科技兴警 by 科技) is still checked, result by result.
    page.goto(served + "search/?q=" + quote("科技兴警"))
    message = wait_for_results(page)
    assert message == f"找到 {len(holding(texts, '科技兴警'))} 个 科技兴警 的相关结果", message
    page.close()
