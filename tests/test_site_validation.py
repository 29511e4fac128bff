"""The built demo archive and the hostile fixture site pass the HTML, link, feed, sitemap and
accessibility checks, and no page runs a script or opens a dialog (tests/sitecheck.py)."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from site_builder.build.pipeline import build

from . import sitecheck
from .siteutil import FIXTURE_SITE, copy_content, html_files

# The fixture site lives under /archive/: it is built into <root>/archive so that
# root-relative links resolve against <root>.
FIXTURE_BASE = "archive"


@pytest.fixture(scope="module")
def fixture_root(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("fixture")
    content = copy_content(FIXTURE_SITE, base / "content")
    build(content, base / "root" / FIXTURE_BASE)
    return base / "root"


def test_html_is_valid(demo, fixture_root):
    sitecheck.require_tools()
    pages = html_files(demo) + html_files(fixture_root)
    assert len(pages) > 100
    assert sitecheck.vnu_errors(pages) == []


def test_no_broken_links(demo, fixture_root):
    sitecheck.require_tools()
    assert sitecheck.lychee_broken(demo) == []
    assert sitecheck.lychee_broken(fixture_root) == []


def test_feeds_are_valid_atom(demo, fixture_root):
    feeds = sorted(demo.rglob("feed.xml")) + sorted(fixture_root.rglob("feed.xml"))
    assert len(feeds) > 4
    for feed in feeds:
        assert sitecheck.atom_errors(feed) == [], feed


def test_sitemaps_are_valid(demo, fixture_root):
    for sitemap in (demo / "sitemap.xml", fixture_root / FIXTURE_BASE / "sitemap.xml"):
        assert sitecheck.sitemap_errors(sitemap) == []


def _pages_to_audit(root: Path) -> list[str]:
    article = next(p for p in sorted(root.glob("2024/*/*/*/index.html")))
    tag = next(p for p in sorted(root.glob("tags/*/index.html")))
    pages = ["index.html", "2024/07/11/index.html", article.relative_to(root).as_posix(),
             tag.relative_to(root).as_posix(), "tags/index.html", "places/index.html", "authors/index.html",
             "archive/index.html", "search/index.html", "404.html"]
    bilingual = next(p for p in sorted(root.glob("en/2024/*/*/*/bilingual/index.html")))
    return pages + ["en/" + p for p in pages] + [bilingual.relative_to(root).as_posix()]


def test_accessibility_of_every_kind_of_page_in_both_languages(demo, browser):
    failures = {}
    with sitecheck.serve_directory(demo) as base:
        page = browser.new_page()
        for path in _pages_to_audit(demo):
            page.goto(f"{base}/{path}")
            violations = sitecheck.axe_violations(page)
            if violations:
                failures[path] = [(v["id"], v["help"]) for v in violations]
        page.close()
    assert failures == {}


def test_accessibility_in_dark_mode(demo, browser):
    with sitecheck.serve_directory(demo) as base:
        page = browser.new_page(color_scheme="dark")
        page.goto(f"{base}/2024/07/11/index.html")
        assert sitecheck.axe_violations(page) == []
        page.close()


def test_hostile_text_never_runs_in_the_browser(fixture_root, browser):
    dialogs: list[str] = []
    errors: list[str] = []
    with sitecheck.serve_directory(fixture_root) as base:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: errors.append(str(error)))
        for html in html_files(fixture_root / FIXTURE_BASE):
            page.goto(f"{base}/{html.relative_to(fixture_root).as_posix()}")
            page.wait_for_load_state("load")
            # The only script elements are JSON-LD data blocks the theme wrote, and on the
            # search pages the search UI's two files.
            scripts = page.eval_on_selector_all("script", "els => els.map(e => [e.type, e.getAttribute('src')])")
            if html.parent.name == "search":
                assert scripts == [["", "/archive/pagefind/pagefind-ui.js"], ["", "/archive/static/search/search.js"]]
            else:
                assert {kind for kind, _ in scripts} <= {"application/ld+json"}, html
        # A hostile query on the search page is text too.
        for query in ("<img src=x onerror=alert(1)>", "包头交警<script>alert(1)</script>"):
            page.goto(f"{base}/{FIXTURE_BASE}/search/?q={quote(query)}")
            page.wait_for_selector(".pagefind-ui__message", timeout=15000)
        page.close()
    assert dialogs == []
    assert errors == []
