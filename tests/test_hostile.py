"""A hostile archive: script-bearing text in every field a source, config or catalog can set.

Nothing runs: every page is loaded in Chromium with a dialog handler armed,
and the only scripts are the ones the theme writes.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from lxml import etree

from site_builder.build.pipeline import build

from . import sitecheck
from .siteutil import copy_content, html_files

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"


class _Attributes(HTMLParser):
    """Every attribute name, and every URL-valued attribute, of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            self.names.append(name)
            if name in ("href", "src", "action", "formaction", "srcset") and value:
                self.urls.append(value)
THEME_SCRIPTS = re.compile(r'<script( type="application/ld\+json"| src="/[^"]+"( defer)?)>')


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    content = copy_content(HOSTILE, base / "content")
    output = base / "public"
    report = build(content, output)
    assert report.articles == 3 and not [w for w in report.warnings if w.severity.value == "error"]
    return output


def test_every_field_is_escaped_in_html(site):
    pages = html_files(site)
    assert len(pages) > 30
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for m in re.finditer(r"<script[^>]*>", html):
            assert THEME_SCRIPTS.fullmatch(m.group(0)), (page, m.group(0))
        parser = _Attributes()
        parser.feed(html)
        assert not [a for a in parser.names if a.startswith("on")], page  # no event handler attribute at all
        assert not [u for u in parser.urls if u.strip().lower().startswith(("javascript:", "data:"))], page
        assert "\u202e" not in html, page
        assert "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'" in html, page
        for m in re.finditer(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
            assert "<" not in m.group(1)
            json.loads(m.group(1))
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "测试&lt;/title&gt;&lt;script&gt;alert(&#39;site&#39;)&lt;/script&gt;" in home


def test_feeds_and_sitemap_stay_well_formed(site):
    for path in list(site.rglob("feed.xml")) + [site / "sitemap.xml"]:
        etree.parse(str(path))  # a CDATA terminator or </summary> in the text cannot break the XML
    for feed in site.rglob("feed.xml"):
        assert sitecheck.atom_errors(feed) == [], feed
    assert sitecheck.sitemap_errors(site / "sitemap.xml") == []
    feed = (site / "en/feed.xml").read_text(encoding="utf-8")
    assert 'label="Patrols ]]&gt; &lt;/summary&gt;&lt;script&gt;' in feed


def test_no_dialog_fires_and_no_foreign_script_runs_in_the_browser(site, browser):
    dialogs: list[str] = []
    errors: list[str] = []
    with sitecheck.serve_directory(site) as base:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: errors.append(str(error)))
        for html in html_files(site):
            page.goto(f"{base}/{html.relative_to(site).as_posix()}")
            page.wait_for_load_state("load")
            sources = page.eval_on_selector_all("script", "els => els.map(e => e.type || e.src)")
            for source in sources:
                assert source == "application/ld+json" or source.startswith(base.rstrip("/") + "/"), (html, source)
        page.close()
    assert dialogs == []
    assert errors == []


def test_search_results_show_hostile_text_as_text(site, browser):
    dialogs: list[str] = []
    with sitecheck.serve_directory(site) as base:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in ("search/?q=%E4%BA%A4%E8%AD%A6", "en/search/?q=script", "search/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"):
            page.goto(f"{base.rstrip('/')}/{path}")
            page.wait_for_timeout(2000)
        shown = page.inner_text("main")
        injected = page.eval_on_selector_all("main img[onerror], main svg[onload], main iframe, main script", "e => e.length")
        page.close()
    assert dialogs == []
    assert injected == 0
    assert shown  # the page rendered
