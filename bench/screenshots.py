"""Screenshots of every kind of page, in both languages, on a phone (390 px) and a desktop (1280 px).

    python bench/screenshots.py OUT                 # builds the demo archive (content/) first
    python bench/screenshots.py OUT --site public   # an already built site
    python bench/screenshots.py OUT --dark          # in the dark colour scheme as well

Writes OUT/<kind>-<language>-<width>[-dark].png (whole pages) and prints, for each,
the header's height: what to look at after a change to the templates or the style sheet.
Uses Debian's Chromium through Playwright (tests/sitecheck.py), as the browser tests do.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from site_builder.build.pipeline import build  # noqa: E402
from tests import sitecheck  # noqa: E402

WIDTHS = (390, 1280)
LANGUAGES = {"zh": "", "en": "en/"}


def first(site: Path, pattern: str, prefer: str = "") -> str:
    """The folder (below the site) of the first page matching `pattern`, one holding `prefer` if any."""
    found = sorted(site.glob(pattern))
    if not found:
        raise SystemExit(f"no page matches {pattern} in {site}")
    chosen = next((p for p in found if prefer and prefer in p.read_text(encoding="utf-8")), found[0])
    return chosen.parent.relative_to(site).as_posix() + "/"


def page_kinds(site: Path) -> dict[str, str]:
    """Each kind of page: its path below a language's root."""
    issues = sorted(site.glob("20[0-9][0-9]/[0-9][0-9]/[0-9][0-9]/index.html"))
    latest = issues[-1].parent.relative_to(site).as_posix() + "/"
    return {
        "home": "",
        "issue": latest,
        "article": first(site, "20*/*/*/*/index.html", "<picture>"),
        "tag": first(site, "tags/*/index.html"),
        "place": first(site, "places/*/index.html"),
        "places": "places/",
        "author": first(site, "authors/*/index.html"),
        "archive": "archive/",
        "year": first(site, "20[0-9][0-9]/index.html"),
        "search": "search/?q=",
        "about": "about/",
    }


def english_articles(site: Path) -> dict[str, str]:
    """An English article of each kind there is: complete, partial, headline only; a bilingual view."""
    kinds = {"article-complete": "Complete translation.", "article-partial": 'id="original"',
             "article-headline": 'class="read-original"'}
    found = {}
    for kind, marker in kinds.items():
        for path in sorted((site / "en").glob("20*/*/*/*/index.html")):
            if marker in path.read_text(encoding="utf-8"):
                found[kind] = path.parent.relative_to(site / "en").as_posix() + "/"
                break
    bilingual = sorted((site / "en").glob("20*/*/*/*/bilingual/index.html"))
    if bilingual:
        found["bilingual"] = bilingual[0].parent.relative_to(site / "en").as_posix() + "/"
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the folder to write the PNG files to")
    parser.add_argument("--site", type=Path, help="a built site (default: build content/ into a temporary folder)")
    parser.add_argument("--content", type=Path, default=PROJECT / "content")
    parser.add_argument("--dark", action="store_true", help="also in the dark colour scheme")
    args = parser.parse_args()
    if not sitecheck.browser_available():
        raise SystemExit("needs Chromium (/usr/bin/chromium) and the playwright package")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        site = args.site
        if site is None:  # built from a copy: a build records permalinks in its content folder
            content = Path(temporary) / "content"
            shutil.copytree(args.content, content)
            site = Path(temporary) / "public"
            build(content, site, base_url="/")  # served at the root, whatever site.toml says
        kinds = page_kinds(site)
        queries = {"zh": "民警", "en": "police"}
        schemes = ["light", "dark"] if args.dark else ["light"]
        with sitecheck.serve_directory(site) as base, sitecheck.launch_browser() as browser:
            for scheme in schemes:
                for width in WIDTHS:
                    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
                    for language, prefix in LANGUAGES.items():
                        shots = dict(kinds)
                        if language == "en":
                            shots.update(english_articles(site))
                        for kind, path in shots.items():
                            if not (site / prefix / path.partition("?")[0] / "index.html").is_file():
                                continue  # a kind this archive has not (no About page, say)
                            if path.endswith("?q="):
                                path += queries[language]
                            page.goto(base + prefix + path)
                            if kind == "search":
                                page.wait_for_timeout(1500)  # Pagefind's results
                            header = page.evaluate("document.querySelector('.site-header').offsetHeight")
                            name = f"{kind}-{language}-{width}{'-dark' if scheme == 'dark' else ''}.png"
                            page.screenshot(path=str(args.out / name), full_page=True)
                            print(f"{name:<36} header {header:4d} px  /{prefix}{path}")
                    page.close()


if __name__ == "__main__":
    main()
