"""The archive as a reader sees it, in Chromium: English pages that never pass Chinese off as
English, a compact header, each article's date once and its citation on screen and in print;
and the places index and the archive as a reader finds their way in them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_builder.build.pipeline import build

from . import sitecheck
from .siteutil import FIXTURE_SITE, copy_content

WIDTHS = (390, 1280)
HEADER_LIMIT = 120  # px, on a phone: the text starts on the first screen


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    """The fixture archive (a complete, a partial and a headline-only English article), served
    from a folder whose archive/ is the site, as its base URL says."""
    base = tmp_path_factory.mktemp("reader")
    build(copy_content(FIXTURE_SITE, base / "content"), base / "root" / "archive")
    return base / "root"


@pytest.fixture(scope="module")
def sites(demo, fixture_site):
    with sitecheck.serve_directory(demo) as demo_base, sitecheck.serve_directory(fixture_site) as fixture_base:
        yield {"demo": (demo, demo_base), "fixture": (fixture_site / "archive", fixture_base + "archive/")}


def english_pages(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in (root / "en").rglob("*.html")
                  if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))


# Chinese text on an English page: every visible text node holding a Chinese character must be
# inside an element marked lang="zh-Hans"; every paragraph of Chinese (20 characters or more)
# must be inside one block marked so and labelled, by its heading, as the original.
CHINESE_ON_ENGLISH_PAGE = r"""() => {
  const han = /[\u3400-\u9fff]/g;
  const unmarked = [], unlabelled = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!han.test(node.data) || !element.checkVisibility()) continue;
    han.lastIndex = 0;
    const marked = element.closest('[lang]');
    if (!marked || marked.lang !== 'zh-Hans') unmarked.push(node.data.trim().slice(0, 40));
  }
  for (const p of document.querySelectorAll('main p')) {
    if ((p.textContent.match(han) || []).length < 20 || !p.checkVisibility()) continue;
    // Labelled by the block's heading, or (the bilingual view's passages) by the column's label.
    const block = p.closest('[lang="zh-Hans"][aria-labelledby], [lang="zh-Hans"][aria-describedby]');
    const by = block && (block.getAttribute('aria-labelledby') || block.getAttribute('aria-describedby'));
    const label = by && document.getElementById(by);
    if (!label || !/original/i.test(label.textContent) || label.lang !== 'en') unlabelled.push(p.textContent.slice(0, 40));
  }
  return {unmarked, unlabelled};
}"""


@pytest.mark.parametrize("which", ["demo", "fixture"])
def test_no_english_page_passes_chinese_off_as_english(browser, sites, which):
    root, base = sites[which]
    pages = english_pages(root)
    assert len(pages) > 10
    problems = {}
    for width in WIDTHS:
        page = browser.new_page(viewport={"width": width, "height": 900})
        try:
            for path in pages:
                page.goto(base + path)
                found = page.evaluate(CHINESE_ON_ENGLISH_PAGE)
                if found["unmarked"] or found["unlabelled"]:
                    problems[(width, path)] = found
        finally:
            page.close()
    assert not problems, problems


def test_a_partial_translation_shows_its_chinese_passages_as_the_original(browser, sites):
    """Light and dark: the block is there, readable, after the English text."""
    root, base = sites["fixture"]
    [path] = [p for p in english_pages(root) if "chi-feng" in p and "bilingual" not in p]
    for scheme in ("light", "dark"):
        page = browser.new_page(viewport={"width": 390, "height": 900}, color_scheme=scheme)
        try:
            page.goto(base + path)
            block = page.locator("section.original")
            assert block.is_visible()
            assert block.locator("h2").inner_text() == "Original Chinese: the passages not yet translated"
            assert "巡逻民警深入社区" in block.inner_text()
            english = page.locator(".article-body").bounding_box()
            assert block.bounding_box()["y"] > english["y"] + english["height"] - 1
            colours = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('.original p:not(.caption)'));
                                               return [s.color, getComputedStyle(document.documentElement).backgroundColor]; }""")
            assert contrast(*colours) >= 4.5, (scheme, colours)
        finally:
            page.close()


def contrast(foreground: str, background: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"\d+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("which", ["demo", "fixture"])
def test_the_header_is_compact_on_a_phone_in_both_languages(browser, sites, which):
    root, base = sites[which]
    zh_article = next(p for p in sorted(root.glob("20*/*/*/*/index.html")))
    paths = ["", "en/", "archive/", "en/archive/", "search/", "en/search/",
             zh_article.relative_to(root).parent.as_posix() + "/"]
    if which == "fixture":  # an article with no English edition: the switcher carries a note
        paths.append("2024/03/01/wu-hai-min-jing-jiu-zhu-bei-kun-qun-zhong/")
    for width in WIDTHS:
        page = browser.new_page(viewport={"width": width, "height": 900})
        try:
            for path in paths:
                page.goto(base + path)
                height = page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
                assert height <= HEADER_LIMIT, (width, path, height)
                # Every section and the search are still reachable from the header.
                links = page.locator(".site-header a:visible, .site-header input:visible").count()
                assert links >= 7, (width, path, links)
        finally:
            page.close()


ARTICLES = {  # (path below the fixture site, the date as the page writes it, the citation's start)
    "zh": ("2024/03/01/chi-feng-gong-an-kai-zhan-dong-ji-xun-luo/", "2024年3月1日",
           "引用：《测试警讯》2024年3月1日 第11期，https:"),
    "en-complete": ("en/2024/03/01/bao-tou-jiao-jing-kai-zhan-chun-yun-hu-hang/", "1 March 2024",
                    "Cite as: Test Police News, 1 March 2024, Issue 11"),
    "en-partial": ("en/2024/03/01/chi-feng-gong-an-kai-zhan-dong-ji-xun-luo/", "1 March 2024",
                   "Cite as: Test Police News, 1 March 2024, Issue 11"),
    "en-headline": ("en/2024/03/08/bao-tou-jiao-jing-script-alert-1-script-cha-chu-wei-fa/", "8 March 2024",
                    "Cite as: Test Police News, 8 March 2024, Issue 12"),
}


@pytest.mark.parametrize("kind", ARTICLES)
def test_an_article_shows_its_date_once_and_its_citation_on_screen_and_in_print(browser, sites, kind):
    root, base = sites["fixture"]
    path, day, citation = ARTICLES[kind]
    for width in WIDTHS:
        page = browser.new_page(viewport={"width": width, "height": 900})
        try:
            page.goto(base + path)
            for media in ("screen", "print"):
                page.emulate_media(media=media)
                cited = page.locator(".citation")
                assert cited.is_visible(), (kind, width, media)
                assert cited.inner_text().startswith(citation), cited.inner_text()
                shown = page.locator(".article").inner_text().replace(cited.inner_text(), "")
                assert shown.count(day) == 1, (kind, width, media, shown)
        finally:
            page.close()


def test_the_places_index_is_grouped_by_kind(demo):
    html = (demo / "en/places/index.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h2 id="group-\d+">([^<]+)</h2>', html)
    assert headings[:3] == ["Region", "Leagues", "Cities"] and "Banners" in headings
    cities = html.split(">Cities</h2>")[1].split("</section>")[0]
    names = re.findall(r'<a href="/en/places/[^"]+/">([^<]+)</a>', cities)
    assert names == sorted(names, key=str.casefold) and "Hohhot" in names and "Inner Mongolia" not in names
    assert "<h2 id=\"group-1\">自治区</h2>" in (demo / "places/index.html").read_text(encoding="utf-8")


def test_the_archive_lists_each_year_issues_with_numbers_and_counts(demo):
    html = (demo / "en/archive/index.html").read_text(encoding="utf-8")
    year = html.split('id="year-2024"')[1].split("</section>")[0]
    issues = re.findall(r'<li><a href="/en/(\d{4}/\d\d/\d\d)/">([^<]+)</a> <span class="count">([^<]+)</span></li>', year)
    assert [(day, label) for day, label, _ in issues] == [
        ("2024/08/13", "Issue 5, 13 August 2024"), ("2024/07/11", "Issue 4, 11 July 2024"),
        ("2024/02/27", "Issue 3, 27 February 2024")]
    assert [count for _, _, count in issues] == ["3 articles", "1 article", "5 articles"]
    assert year.index('class="issue-list"') < year.index('class="calendar"')


def test_a_translated_article_reads_side_by_side_with_its_original(browser, sites):
    """The bilingual view: each Chinese passage beside its English one at 1280, the English under
    the Chinese on a phone; linked from the article in both languages; an untranslated passage
    says so in the translation's column."""
    root, base = sites["fixture"]
    path = "en/2024/03/01/chi-feng-gong-an-kai-zhan-dong-ji-xun-luo/"
    for width in WIDTHS:
        page = browser.new_page(viewport={"width": width, "height": 900})
        try:
            page.goto(base + path)
            page.get_by_role("link", name="Read side by side with the original").click()
            assert page.url == base + path + "bilingual/"
            original = page.locator(".passage-original").first
            translation = page.locator(".passage-translation").first
            assert original.get_attribute("lang") == "zh-Hans"
            assert "赤峰市公安局" in original.inner_text()
            assert "The Chifeng public security bureau" in translation.inner_text()
            left, right = original.bounding_box(), translation.bounding_box()
            if width == 1280:  # side by side: the same row, the original on the left
                assert abs(left["y"] - right["y"]) < 2 and left["x"] + left["width"] <= right["x"]
            else:  # one after the other
                assert right["y"] >= left["y"] + left["height"] - 1
            notes = page.locator(".passage-translation .untranslated-note")
            assert notes.count() >= 1 and notes.first.inner_text() == "Not yet translated"
        finally:
            page.close()
    chinese = (root / "2024/03/01/chi-feng-gong-an-kai-zhan-dong-ji-xun-luo/index.html").read_text(encoding="utf-8")
    assert f'href="/archive/{path}bilingual/" hreflang="en">双语对照阅读（English）</a>' in chinese
    # A headline-only edition has no body to set beside the original.
    assert not list((root / "en/2024/03/08").glob("*/bilingual"))
