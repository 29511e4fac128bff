"""Search: Pagefind indexes the built demo archive, one index per language, and the search
page finds articles when a person types into it (headless Chromium)."""
from __future__ import annotations

import json
import re
import shutil
import sys
from datetime import date
from urllib.parse import quote

import pytest

from site_builder.build import search
from site_builder.build.pipeline import build
from site_builder.core.errors import SiteBuilderError
from site_builder.site.search_parts import Partition

from . import sitecheck
from .siteutil import DEMO_CONTENT, FIXTURE_SITE, copy_content, tree

# The demo articles holding 大数据 (the string); Pagefind alone also returns pages
# holding 大 and 数据 apart, which the search page's exact matching drops.
BIG_DATA = {
    "/2022/08/16/tui-jin-yi-chang-ye-wu-he-cha-gong-zuo-jia-qiang-zhi-fa-gui/",
    "/2024/02/27/wu-lan-hao-te-shi-gong-an-ju-zhao-dao-ke-ji-xing-jing-zui/",
    "/2024/07/11/e-er-duo-si-gong-an-yi-zhu-dong-shan-zhi-hu-nuan-cheng-ping/",
    "/2024/08/13/zi-zhi-qu-gong-an-ting-ke-ji-xing-jing-huo-dong-zhou-quan-qi/",
}
DRONES = "/en/2022/08/16/kong-zhong-shao-bing-rang-zhi-hui-jing-wu-zhen-chi-gao-fei/"


@pytest.fixture(scope="module")
def served(demo):
    with sitecheck.serve_directory(demo) as base:
        yield base


# --- the index ----------------------------------------------------------------


def test_one_index_per_language_in_parts_holding_only_articles(demo):
    # The demo's newest year (2024) is split by month, the years before it are one part each.
    parts = sorted(entry.parent.name for entry in (demo / "pagefind").glob("*/pagefind-entry.json"))
    assert parts == ["2022", "2023", "2024-02", "2024-07", "2024-08"]
    counts = {"zh-hans": 0, "en": 0}
    for part in parts:
        entry = json.loads((demo / "pagefind" / part / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert entry["version"] == "1.4.0"
        assert set(entry["languages"]) <= {"zh-hans", "en"}
        for language, index in entry["languages"].items():
            counts[language] += index["page_count"]
        # Each part reads only its own articles: its fragments name pages of its year or month.
        assert not (demo / "pagefind" / part / "pagefind.js").exists()  # the runtime is shared
    assert counts["zh-hans"] == len(list(demo.glob("[0-9]*/*/*/*/index.html")))
    assert counts["en"] == len(list((demo / "en").glob("[0-9]*/*/*/*/index.html")))
    manifest = json.loads((demo / ".site-builder-manifest.json").read_text(encoding="utf-8"))["files"]
    assert "pagefind/pagefind.js" in manifest and "pagefind/pagefind-ui.js" in manifest
    # Each language's search page merges the parts holding its pages, oldest first.
    for search_page in (demo / "search" / "index.html", demo / "en" / "search" / "index.html"):
        listed = re.search(r'data-parts="([^"]*)"', search_page.read_text(encoding="utf-8")).group(1).split()
        assert listed == [f"/pagefind/{part}/" for part in parts]


def test_article_markup_gives_pagefind_body_meta_filters_and_sort(demo):
    page = next(demo.glob("2024/02/27/wu-lan-hao-te*/index.html")).read_text(encoding="utf-8")
    assert page.count("data-pagefind-body") == 1 and '<article class="article" data-pagefind-body>' in page
    assert 'data-pagefind-meta="title"' in page
    assert 'data-pagefind-meta="date:2024年2月27日"' in page and 'data-pagefind-sort="date[datetime]"' in page
    assert 'data-pagefind-meta="issue"' in page
    for chinese in ("年份:2024", "标签:", "地区:", "作者:"):
        assert f'data-pagefind-filter="{chinese}' in page, chinese
    english = next((demo / "en").glob("2024/02/27/wu-lan-hao-te*/index.html")).read_text(encoding="utf-8")
    for name in ("Year:2024", "Tag:", "Place:", "Author:"):
        assert f'data-pagefind-filter="{name}' in english, name
    # Sub-results come from the sub-heads' ids.
    assert re.search(r'<h2 id="s-[^"]+"', page)
    # Pages other than articles are not indexed.
    assert "data-pagefind-body" not in (demo / "index.html").read_text(encoding="utf-8")


def test_every_page_has_a_search_box_that_goes_to_the_search_page(demo):
    home = (demo / "index.html").read_text(encoding="utf-8")
    assert '<form class="site-search" role="search" action="/search/" method="get">' in home
    assert '<label for="site-search-q">搜索档案</label>' in home
    english = (demo / "en" / "index.html").read_text(encoding="utf-8")
    assert 'action="/en/search/"' in english and "Search the archive" in english
    page = (demo / "search" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hans">' in page and 'class="site-search"' not in page
    assert "<noscript>" in page and 'href="/archive/"' in page and 'href="/tags/"' in page
    assert '<meta name="robots" content="noindex">' in page


def test_a_part_is_a_year_or_in_the_newest_year_a_month():
    partition = Partition.of([date(2015, 3, 1), date(2016, 5, 14), date(2016, 1, 2)])
    assert partition.part(date(2015, 12, 31)) == "2015"
    assert partition.part(date(2016, 5, 14)) == "2016-05"
    prefixes = ["", "en/"]
    assert partition.part_of_page("2015/03/01/slug/index.html", prefixes) == "2015"
    assert partition.part_of_page("en/2016/01/02/slug/index.html", prefixes) == "2016-01"
    for other in ("tags/2015/index.html", "en/index.html", "2016/01/02/slug/photo.jpg", "search/index.html"):
        assert partition.part_of_page(other, prefixes) is None, other
    # Only article pages are read: a third of the time and half the memory of every page.
    assert search.part_glob(partition, "2015", prefixes) == "{2015,en/2015}/**/*.html"
    assert search.part_glob(partition, "2016-05", [""]) == "2016/05/**/*.html"
    # Without articles, one part reads every page (Pagefind needs a page to index).
    empty = Partition.of([])
    assert empty.part_of_page("index.html", prefixes) == search.WHOLE_SITE
    assert search.part_glob(empty, search.WHOLE_SITE, prefixes) is None


def test_a_large_past_year_is_cut_into_runs_of_whole_months():
    """Pagefind loses words in a part of 6,000 articles that a smaller part finds, and an edit
    re-indexes the whole part: a past year over the limit is cut into runs of months."""
    days = [date(2015, month, 1) for month in (1, 2, 2, 3, 5, 5, 5, 5, 9)] + [date(2014, 6, 1)] * 4 + [date(2016, 1, 1)]
    partition = Partition.of(days, limit=4)
    parts = {day: partition.part(day) for day in days}
    assert parts[date(2014, 6, 1)] == "2014"  # at the limit: one part
    assert [parts[date(2015, m, 1)] for m in (1, 2, 3, 5, 9)] == [
        "2015-from-01", "2015-from-01", "2015-from-01", "2015-from-05", "2015-from-09"]  # 1 + 2 + 1 | 4 | 1
    assert all(sum(1 for d in days if parts[d] == part) <= 4 for part in parts.values() if part.startswith("2015"))
    assert partition.folders("2015-from-01") == ["2015/01", "2015/02", "2015/03", "2015/04"]
    assert partition.folders("2015-from-09") == ["2015/09", "2015/10", "2015/11", "2015/12"]
    assert search.part_glob(partition, "2015-from-05", ["", "en/"]) == (
        "{2015/05,2015/06,2015/07,2015/08,en/2015/05,en/2015/06,en/2015/07,en/2015/08}/**/*.html")
    assert partition.part_of_page("en/2015/08/31/slug/index.html", ["", "en/"]) == "2015-from-05"
    assert partition.part(date(2016, 1, 1)) == "2016-01"  # the newest year: by month, whatever its size


def test_what_pagefind_reads_leaves_out_the_pager_and_related_articles():
    page = (b'<!doctype html><html lang="zh-Hans"><head><title>t</title></head><body>'
            b'<article class="article" data-pagefind-body><h1>A</h1></article><nav>next</nav></body></html>')
    later = page.replace(b"<nav>next</nav>", b"<nav>another next</nav>")
    assert search.indexed_bytes(page) == search.indexed_bytes(later)
    assert search.indexed_bytes(page) != search.indexed_bytes(page.replace(b"<h1>A", b"<h1>B"))
    assert search.indexed_bytes(page) != search.indexed_bytes(page.replace(b'lang="zh-Hans"', b'lang="en"'))


def test_two_builds_give_the_same_index(tmp_path):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    build(content, tmp_path / "one")
    build(content, tmp_path / "two")
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert any(name.startswith("pagefind/") for name in one)
    assert one == two


def test_a_rebuild_indexes_only_the_parts_whose_articles_changed(tmp_path):
    content = copy_content(DEMO_CONTENT, tmp_path / "content")
    output = tmp_path / "public"
    first = build(content, output)
    assert first.search_parts == (5, 5)
    inodes = {path: (output / path).stat().st_ino for path in tree(output) if path.startswith("pagefind/2022/")}
    # A new issue in the newest month: only that month's part is indexed again.
    issues = content / "issues"
    shutil.copytree(issues / "2024-08-13", issues / "2024-08-20")
    toml = issues / "2024-08-20" / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("2024-08-13", "2024-08-20")
                    .replace("number = 5", "number = 6"), encoding="utf-8")
    assert build(content, output).search_parts == (1, 5)
    assert {path: (output / path).stat().st_ino for path in inodes} == inodes  # linked, not rewritten
    # An edit to a 2022 article: only 2022 is indexed again.
    [source] = (issues / "2022-08-16").glob("*.txt")
    source.write_text(source.read_text(encoding="utf-8").replace("公安", "公安机关", 1), encoding="utf-8")
    assert build(content, output).search_parts == (1, 5)
    # The bundles are those a clean build makes of the same content.
    clean = build(content, tmp_path / "clean")
    assert clean.search_parts == (5, 5)
    bundle = {path: data for path, data in tree(output).items() if path.startswith("pagefind/")}
    assert bundle == {path: data for path, data in tree(tmp_path / "clean").items() if path.startswith("pagefind/")}


def test_a_search_page_merges_only_the_parts_holding_its_language(tmp_path):
    # Pagefind answers from another language's index when a bundle lacks the page's own,
    # so the English search page must not list a part without English pages.
    content = copy_content(DEMO_CONTENT, tmp_path / "content")
    shutil.rmtree(content / "translations" / "en" / "2023-12-12")
    output = tmp_path / "public"
    build(content, output)
    assert not list((output / "en" / "2023").glob("*/*/*/index.html"))

    def listed(page):
        return re.search(r'data-parts="([^"]*)"', page.read_text(encoding="utf-8")).group(1).split()

    assert "/pagefind/2023/" in listed(output / "search" / "index.html")
    assert listed(output / "en" / "search" / "index.html") == [
        "/pagefind/2022/", "/pagefind/2024-02/", "/pagefind/2024-07/", "/pagefind/2024-08/"]
    entry = json.loads((output / "pagefind" / "2023" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"zh-hans"}


def test_a_language_without_articles_says_there_is_nothing_to_search(browser, tmp_path):
    # Without a part to load, Pagefind's UI would ask for /pagefind/pagefind-entry.json (absent)
    # and show "Searching for …" for ever.
    content = copy_content(DEMO_CONTENT, tmp_path / "content")
    shutil.rmtree(content / "translations" / "en")
    output = tmp_path / "public"
    build(content, output)
    english = (output / "en" / "search" / "index.html").read_text(encoding="utf-8")
    assert "nothing to search" in english and "pagefind-ui.js" not in english and 'id="search"' not in english
    assert 'data-parts="/pagefind/' in (output / "search" / "index.html").read_text(encoding="utf-8")
    with sitecheck.serve_directory(output) as base:
        page = browser.new_page()
        missing: list[str] = []
        page.on("response", lambda response: missing.append(response.url) if response.status >= 400 else None)
        page.goto(base + "en/search/?q=police")
        page.wait_for_load_state("networkidle")
        assert "nothing to search" in page.inner_text("main")
        assert missing == []
        page.close()


def test_a_site_built_without_its_index_says_so_on_the_search_page(browser, tmp_path):
    # build --no-search (and serve without --search) writes no bundle and no Pagefind UI: the
    # search page waited for ever. It says, in its language, that this build has no index.
    output = tmp_path / "root" / "archive"  # the fixture site's base URL ends in /archive/
    build(copy_content(FIXTURE_SITE, tmp_path / "content"), output, search=False)
    assert not (output / "pagefind").exists()
    with sitecheck.serve_directory(output.parent) as base:
        for path, words in (("archive/search/?q=" + quote("公安"), "没有生成搜索索引"),
                            ("archive/en/search/?q=police", "built without a search index")):
            page = browser.new_page()
            page.goto(base + path)
            page.wait_for_selector("#search-unindexed", state="visible", timeout=20000)
            assert words in page.inner_text("#search-unindexed")
            assert page.is_hidden("#search") and page.get_attribute("#search", "aria-busy") == "false"
            assert page.eval_on_selector_all("#search-unindexed a", "links => links.length") == 4
            page.close()


def test_failed_indexing_publishes_nothing(tmp_path, monkeypatch):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    output = tmp_path / "public"
    build(content, output)
    before = tree(output)
    failing = [sys.executable, "-c", "import sys; print('index exploded', file=sys.stderr); sys.exit(3)"]
    monkeypatch.setattr(search, "pagefind_command", lambda site, out, glob=None: failing)
    with pytest.raises(SiteBuilderError) as caught:
        build(content, output, force=True)  # nothing changed: only a forced build reaches the indexer
    assert "search indexing (Pagefind) failed with exit code 3" in caught.value.message
    assert "index exploded" in caught.value.message
    assert tree(output) == before
    assert not list(tmp_path.glob(".public.building-*"))


def test_missing_bundle_is_an_error(tmp_path, monkeypatch):
    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    monkeypatch.setattr(search, "pagefind_command", lambda site, out, glob=None: [sys.executable, "-c", "pass"])
    with pytest.raises(SiteBuilderError, match="wrote no search bundle"):
        build(content, tmp_path / "public")
    assert not (tmp_path / "public").exists()


# --- in the browser -----------------------------------------------------------


def result_urls(page) -> list[str]:
    return page.eval_on_selector_all(
        ".pagefind-ui__result .pagefind-ui__result-link",
        "links => links.filter(a => !a.closest('.pagefind-ui__result-nested')).map(a => a.getAttribute('href'))")


def wait_for_results(page, count: int | None = None) -> str:
    """Wait until the UI says how many results it found, the count final; return that message."""
    page.wait_for_selector(".pagefind-ui__message", timeout=20000)
    page.wait_for_function(
        "() => { const m = document.querySelector('.pagefind-ui__message');"
        " return m && /\\d/.test(m.textContent) && !document.querySelector('.pagefind-ui__loading')"
        " && !document.querySelector('#search[aria-busy=true]'); }",
        timeout=20000)
    return page.inner_text(".pagefind-ui__message")


def show_all(page) -> None:
    while page.locator(".pagefind-ui__button").count():
        page.click(".pagefind-ui__button")
        page.wait_for_timeout(200)


def open_filter(page, name: str, console: list[str]) -> None:
    """Open the filter group ``name``; when it never appears, say what the page showed instead."""
    block = f"details.pagefind-ui__filter-block:has-text('{name}')"
    try:
        page.wait_for_selector(block, timeout=60000)
    except Exception as error:  # Playwright's TimeoutError: report the drawer, not only the wait
        drawer = page.eval_on_selector(".pagefind-ui", "element => element.outerHTML.slice(0, 4000)")
        raise AssertionError(
            f"no filter group {name!r} on the search page; console: {console}; it showed:\n{drawer}") from error
    page.click(block + " summary")


def test_chinese_query_typed_into_the_search_page_finds_exactly_the_articles(browser, served):
    page = browser.new_page()
    page.goto(served + "search/")
    page.fill(".pagefind-ui__search-input", "大数据")
    message = wait_for_results(page)
    show_all(page)
    assert set(result_urls(page)) == BIG_DATA, message
    assert "4" in message
    page.close()


def test_english_query_on_the_english_search_page(browser, served):
    page = browser.new_page()
    page.goto(served + "en/search/")
    page.fill(".pagefind-ui__search-input", "drones")  # stemmed: the article says "drone"
    wait_for_results(page)
    show_all(page)
    urls = result_urls(page)
    assert DRONES in urls
    assert all(url.startswith("/en/") for url in urls)
    page.close()


def test_query_from_the_address_runs_on_load_and_the_header_form_sends_it(browser, served):
    page = browser.new_page()
    page.goto(served)
    page.fill("#site-search-q", "乌兰牧骑")
    page.click(".site-search button")
    page.wait_for_url(re.compile(r"/search/\?q="))
    wait_for_results(page)
    urls = result_urls(page)
    assert urls and all(url.startswith("/20") for url in urls)
    assert page.input_value(".pagefind-ui__search-input") == "乌兰牧骑"
    for query in ("大数据", '"大数据"'):  # quotes: Pagefind's phrase mode would miss most hits
        page.goto(served + "search/?q=" + quote(query))
        wait_for_results(page)
        show_all(page)
        assert set(result_urls(page)) == BIG_DATA, query
    page.close()


def test_a_filter_narrows_the_results(browser, served):
    page = browser.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
    page.goto(served + "search/?q=" + quote("公安"))
    wait_for_results(page)
    show_all(page)
    everything = result_urls(page)
    open_filter(page, "年份", console)
    page.click("label.pagefind-ui__filter-label:has-text('2024')")
    page.wait_for_function(
        "(n) => document.querySelectorAll('.pagefind-ui__result').length < n", arg=len(everything), timeout=20000)
    wait_for_results(page)
    show_all(page)
    narrowed = result_urls(page)
    assert narrowed and len(narrowed) < len(everything)
    assert all(url.startswith("/2024/") for url in narrowed)
    assert set(narrowed) == {url for url in everything if url.startswith("/2024/")}
    page.close()


def test_every_filter_group_shows_when_some_filter_chunks_arrive_late(browser, tmp_path):
    # Pagefind counts a search's filters from the filter chunks loaded so far, and its UI
    # keeps the first non-empty set it is given. Here the search's word index arrives after
    # one filter chunk and before the others: a search answered then hid the other groups.
    # (The fixture site is one search part; with several, every part would have to be late.)
    output = tmp_path / "root" / "archive"  # the fixture site's base URL ends in /archive/
    build(copy_content(FIXTURE_SITE, tmp_path / "content"), output)
    [part] = [entry.parent for entry in (output / "pagefind").glob("*/pagefind-entry.json")]
    chunks = sorted(path.name for path in (part / "filter").glob("zh-hans_*.pf_filter"))
    assert len(chunks) == 4
    early = f"/archive/pagefind/{part.name}/filter/{chunks[0]}"

    def delay(path: str) -> float:
        if path.endswith(".pf_index"):
            return 0.5
        if path.endswith(".pf_filter") and path != early:
            return 2.0
        return 0.0

    with sitecheck.serve_directory(output.parent, delay) as base:
        page = browser.new_page()
        page.goto(base + "archive/search/?q=" + quote("公安"))
        wait_for_results(page)
        page.wait_for_timeout(2500)  # every late chunk has arrived; a lost group stays lost
        groups = page.eval_on_selector_all(
            "details.pagefind-ui__filter-block summary", "names => names.map(name => name.textContent)")
        assert sorted(groups) == sorted(["年份", "标签", "地区", "作者"]), groups
        page.close()


@pytest.mark.parametrize("path", ["search/?q=" + quote("大数据"), "en/search/?q=police"])
def test_search_page_with_results_is_accessible(browser, served, path):
    page = browser.new_page()
    page.goto(served + path)
    wait_for_results(page)
    assert sitecheck.axe_violations(page) == []
    page.close()
