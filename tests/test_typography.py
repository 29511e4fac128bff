"""Chinese typography as a reader sees it (Chromium): punctuation drawn by a CJK font.

A Latin system font first in the stack draws “ ” —— …… half width and on the baseline;
the font Chromium really used for a node comes from the DevTools protocol
(CSS.getPlatformFontsForNode), not from the style sheet.
"""
from __future__ import annotations

import re

import pytest

from . import sitecheck

CJK_FONT = re.compile(r"CJK|Source Han|PingFang|Hiragino|YaHei|WenQuanYi", re.IGNORECASE)


@pytest.fixture(scope="module")
def served(demo):
    with sitecheck.serve_directory(demo) as base:
        yield base


def fonts_of(page, selector: str) -> list[str]:
    """The platform fonts Chromium drew the first node matching `selector` with."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, selector
    used = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return [font["familyName"] for font in used]


def test_chinese_punctuation_is_drawn_by_a_cjk_font(browser, served, demo):
    # An article whose first paragraph holds Chinese quotation marks.
    article = next(path for path in sorted(demo.glob("20*/*/*/*/index.html"))
                   if "“" in path.read_text(encoding="utf-8").split('class="article-body"')[-1][:4000])
    page = browser.new_page()
    try:
        page.goto(served + article.relative_to(demo).parent.as_posix() + "/")
        index = page.evaluate("""() => [...document.querySelectorAll('.article-body p')]
                                      .findIndex(p => p.textContent.includes('“') && p.textContent.includes('。'))""")
        assert index >= 0
        fonts = fonts_of(page, f".article-body p:nth-of-type({index + 1})")
        assert fonts and all(CJK_FONT.search(name) for name in fonts), fonts
        assert page.evaluate("getComputedStyle(document.querySelector('.article-body p')).textAlign") == "justify"
    finally:
        page.close()


def test_a_sub_head_shows_no_full_stop(demo):
    for path in demo.glob("20*/*/*/*/index.html"):
        for heading in re.findall(r'<h2[^>]*>(.*?)</h2>', path.read_text(encoding="utf-8"), re.S):
            assert not heading.strip().endswith("。"), (path, heading)


def test_an_article_page_shows_its_date_once_and_a_citation_on_screen_and_in_print(browser, served, demo):
    article = sorted(demo.glob("2024/08/13/*/index.html"))[1]  # an issue of several articles: it has a pager
    page = browser.new_page()
    try:
        page.goto(served + article.relative_to(demo).parent.as_posix() + "/")
        meta = page.inner_text(".article .meta")
        assert meta.count("2024年8月13日") == 1 and "第5期" in meta, meta
        for media in ("screen", "print"):
            page.emulate_media(media=media)
            citation = page.locator(".citation")
            assert citation.is_visible(), media
            text = citation.inner_text()
            assert "《北疆警讯》2024年8月13日 第5期" in text and "/2024/08/13/" in text, text
        pager = page.inner_text(".pager")
        assert "上一篇" in pager or "下一篇" in pager
    finally:
        page.close()


def test_translated_text_has_typographic_quotes_and_the_original_is_left_as_printed():
    from site_builder.site.typography import curly_quotes

    assert curly_quotes('"Don\'t worry, we\'re on our way!" *and* [x](y) &amp;', "“”‘’") == (
        "“Don’t worry, we’re on our way!” *and* [x](y) &amp;")  # quotes only: no other markup is read
    assert curly_quotes("Drone 'sentinels in the sky'", "«»„“") == "Drone „sentinels in the sky“"
    assert curly_quotes("no quotes", "“”‘’") == "no quotes"


def test_english_pages_set_curly_quotes(tmp_path):
    from site_builder.build.pipeline import build

    from .siteutil import FIXTURE_SITE, copy_content

    content = copy_content(FIXTURE_SITE, tmp_path / "content")
    build(content, tmp_path / "out", search=False)
    english = next((tmp_path / "out/en/2024/03/01").glob("bao-tou*/index.html")).read_text(encoding="utf-8")
    assert "the city’s main roads" in english and "city's" not in english
