"""The site checkers in tests/sitecheck.py: each passes clean input and catches bad input."""
from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from . import sitecheck
from .sitecheck import (
    atom_errors,
    axe_violations,
    lychee_broken,
    require_browser,
    require_tools,
    serve_directory,
    sitemap_errors,
    vnu_errors,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser


def page(body: str, *, lang: str | None = "en", title: str = "Test page") -> str:
    lang_attr = f' lang="{lang}"' if lang else ""
    return (
        f'<!DOCTYPE html>\n<html{lang_attr}>\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- vnu ----------------------------------------------------------------------


def test_vnu_passes_valid_html_and_reports_errors_with_positions(tmp_path: Path) -> None:
    require_tools()
    good = write(tmp_path / "good.html", page("<h1>通报</h1>\n<p>呼和浩特讯 正文。</p>", lang="zh-Hans"))
    stray = write(tmp_path / "stray.html", page("<p>text</p>\n</div>"))
    no_title = write(tmp_path / "no title.html", page("<p>x</p>").replace("<title>Test page</title>\n", ""))

    errors = vnu_errors([good, stray, no_title])  # one JVM for all three

    assert not [e for e in errors if e.startswith(str(good))]
    assert f"{stray}:10:1: Stray end tag “div”." in errors
    assert any(e.startswith(f"{no_title}:") and "title" in e for e in errors), errors
    assert vnu_errors([]) == []


# --- lychee -------------------------------------------------------------------


def test_lychee_resolves_root_relative_and_directory_links(tmp_path: Path) -> None:
    require_tools()
    site = tmp_path / "public"
    write(site / "2024/07/11/x/index.html", page('<a href="/">home</a> <a href="../../../../en/">English</a>'))
    write(site / "en/index.html", page('<a href="/2024/07/11/x/">article</a>'))
    (site / "empty").mkdir()
    write(
        site / "index.html",
        page(
            '<a href="/2024/07/11/x/">root-relative directory</a>\n'
            '<a href="2024/07/11/x/index.html">relative file</a>\n'
            '<a href="https://example.com/">another host, not checked</a>\n'
            '<a href="/2024/07/11/gone/">missing page</a>\n'
            '<a href="empty/">directory without index.html</a>\n'
            '<img src="/img/missing.png" alt="missing image">'
        ),
    )

    broken = lychee_broken(site)

    assert [b.split(": ", 1)[0] for b in broken] == ["index.html:12:10", "index.html:13:10", "index.html:14:11"]
    assert "/2024/07/11/gone" in broken[0] and "empty" in broken[1] and "img/missing.png" in broken[2]


def test_lychee_clean_site(tmp_path: Path) -> None:
    require_tools()
    write(tmp_path / "index.html", page('<a href="/a/">a</a>'))
    write(tmp_path / "a/index.html", page('<a href="/">home</a> <a href="../index.html">home</a>'))
    assert lychee_broken(tmp_path) == []


# --- Atom ---------------------------------------------------------------------

FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-Hans">
  <title>警察报</title>
  <id>tag:example.org,2024:feed</id>
  <updated>2024-07-11T08:00:00+08:00</updated>
  <link rel="self" href="https://example.org/feed.xml"/>
  <author><name>编辑部</name></author>
  <entry>
    <title>通报</title>
    <id>tag:example.org,2024:2024-07-11-x</id>
    <updated>2024-07-11T08:00:00+08:00</updated>
    <link rel="alternate" hreflang="zh-Hans" href="https://example.org/2024/07/11/x/"/>
    <summary type="html">&lt;p&gt;呼和浩特讯&lt;/p&gt;</summary>
  </entry>
</feed>
"""


def test_atom_valid_feed(tmp_path: Path) -> None:
    assert atom_errors(write(tmp_path / "feed.xml", FEED)) == []


def test_atom_missing_id(tmp_path: Path) -> None:
    feed = write(tmp_path / "feed.xml", FEED.replace("  <id>tag:example.org,2024:feed</id>\n", ""))
    errors = atom_errors(feed)
    assert f"{feed}:2: An atom:feed must contain exactly one atom:id." in errors
    assert all(e.startswith(f"{feed}:2: ") or "interleave" in e for e in errors), errors


def test_atom_schematron_rules(tmp_path: Path) -> None:
    no_author = FEED.replace("  <author><name>编辑部</name></author>\n", "")
    no_link = FEED.replace('    <link rel="alternate" hreflang="zh-Hans" href="https://example.org/2024/07/11/x/"/>\n', "")
    assert atom_errors(write(tmp_path / "a.xml", no_author)) == [
        f"{tmp_path / 'a.xml'}:2: An atom:feed must have an atom:author unless all of its atom:entry children have an atom:author.",
        f"{tmp_path / 'a.xml'}:7: An atom:entry must have an atom:author if its feed does not.",
    ]
    assert [e.split(": ", 1)[1] for e in atom_errors(write(tmp_path / "b.xml", no_link))] == [
        "An atom:entry must have at least one atom:link element with a rel attribute of 'alternate' or an atom:content."
    ]


def test_atom_bad_date_and_malformed_xml(tmp_path: Path) -> None:
    assert atom_errors(write(tmp_path / "d.xml", FEED.replace("2024-07-11T08:00:00+08:00", "2024年7月11日", 1)))
    broken = write(tmp_path / "m.xml", FEED.replace("</feed>", ""))
    assert [e.split(": ", 1)[0] for e in atom_errors(broken)] == [f"{broken}:16"]


# --- sitemap ------------------------------------------------------------------

SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:xhtml="http://www.w3.org/1999/xhtml">
  <url>
    <loc>https://example.org/2024/07/11/x/</loc>
    <lastmod>2024-07-11</lastmod>
    <xhtml:link rel="alternate" hreflang="zh-Hans" href="https://example.org/2024/07/11/x/"/>
    <xhtml:link rel="alternate" hreflang="en" href="https://example.org/en/2024/07/11/x/"/>
    <xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/2024/07/11/x/"/>
  </url>
</urlset>
"""


def test_sitemap_valid_with_hreflang_alternates(tmp_path: Path) -> None:
    assert sitemap_errors(write(tmp_path / "sitemap.xml", SITEMAP)) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("<lastmod>2024-07-11</lastmod>", "<modified>2024-07-11</modified>", "modified': This element is not expected"),
        ("<lastmod>2024-07-11</lastmod>", "<lastmod>11 July 2024</lastmod>", "lastmod"),
        ('<xhtml:link rel="alternate" hreflang="en"', '<xhtml:a rel="alternate" hreflang="en"', "No matching global element"),
        ('hreflang="en" href=', 'hreflang="en" hraf=', "'href' is required"),
        ('hreflang="en"', 'hreflang="English"', "hreflang"),
    ],
    ids=["wrong-sitemap-element", "bad-lastmod", "wrong-xhtml-element", "link-without-href", "bad-hreflang"],
)
def test_sitemap_errors(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in SITEMAP
    errors = sitemap_errors(write(tmp_path / "sitemap.xml", SITEMAP.replace(old, new)))
    assert any(expected in e for e in errors), errors


# --- browser: serve_directory, axe --------------------------------------------


def test_serve_directory(tmp_path: Path) -> None:
    write(tmp_path / "a/index.html", page("<p>served</p>"))
    with serve_directory(tmp_path) as base:
        assert base.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(base + "a/") as resp:
            assert b"served" in resp.read()
        with pytest.raises(urllib.error.HTTPError, match="404"):
            urllib.request.urlopen(base + "missing.html")


# `browser` is the session's one (conftest.py): Playwright's sync API allows one instance per thread.


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("axe")
    img = "<p><img src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' width='40' height='40'{alt}></p>"
    write(root / "en.html", page("<h1>Notice</h1>\n<p>Hohhot report.</p>" + img.format(alt=" alt='Police station'")))
    write(root / "en-noalt.html", page("<h1>Notice</h1>" + img.format(alt="")))
    write(root / "zh.html", page("<h1>通报</h1>\n<p>呼和浩特讯 正文。</p>" + img.format(alt=" alt='派出所'"), lang="zh-Hans", title="通报"))
    write(root / "zh-noalt.html", page("<h1>通报</h1>\n<p>呼和浩特讯 正文。</p>" + img.format(alt=""), lang="zh-Hans", title="通报"))
    write(root / "nolang.html", page("<h1>Notice</h1>", lang=None))
    with serve_directory(root) as base:
        yield base


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("en.html", []),
        ("zh.html", []),
        ("en-noalt.html", ["image-alt"]),
        ("zh-noalt.html", ["image-alt"]),
        ("nolang.html", ["html-has-lang"]),
    ],
)
def test_axe(browser: Browser, site: str, name: str, expected: list[str]) -> None:
    tab = browser.new_page()
    try:
        tab.goto(site + name)
        violations = axe_violations(tab)
    finally:
        tab.close()
    assert [v["id"] for v in violations] == expected, violations
    for v in violations:
        assert v["impact"] and v["help"] and v["nodes"]
    if expected == ["image-alt"]:
        assert violations[0]["nodes"] == ["img"]


# --- guards -------------------------------------------------------------------


def test_require_browser_fails_when_tools_are_missing_and_skips_only_when_asked(monkeypatch: pytest.MonkeyPatch,
                                                                                tmp_path: Path) -> None:
    monkeypatch.setattr(sitecheck, "AXE_JS", tmp_path / "missing" / "axe.min.js")
    monkeypatch.setenv("CI", "false")
    monkeypatch.delenv("SITE_BUILDER_SKIP_MISSING", raising=False)
    with pytest.raises(pytest.fail.Exception, match="axe-core.*bash .ci/run"):
        require_browser()
    monkeypatch.setenv("SITE_BUILDER_SKIP_MISSING", "1")
    with pytest.raises(pytest.skip.Exception, match="axe-core"):
        require_browser()
    monkeypatch.setenv("CI", "true")  # never skipped in CI
    with pytest.raises(pytest.fail.Exception, match="axe-core"):
        require_browser()
