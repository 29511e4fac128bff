"""Client-side search: Pagefind indexes the written site, one index per <html lang>.

Pagefind (the `pagefind[extended]` PyPI package, pinned; the extended binary
segments Chinese) runs over the staging folder once every page is written, so a
failed indexing never publishes a half site.  Its bundles are written into
temporary folders and then handed to the OutputWriter file by file, so the files
are in the manifest like every other file of the build.

Only article pages are indexed: their <article> carries `data-pagefind-body`,
with title, date, issue and image as metadata, tag, place, author and year as
filters and the date as a sort key (see themes/default/templates/article.html).

The index is split into parts (see Partition), each its own Pagefind bundle
below pagefind/<part>/, which the search page merges in the browser (Pagefind's
mergeIndex).  A rebuild indexes again only the parts whose pages changed: a new
issue costs the seconds of its month, not the minutes of the whole archive, and
the indexer's memory is bounded by the largest part.  Pagefind's runtime
(pagefind.js and its UI), the same for every bundle, is kept once, in pagefind/.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from site_builder.core.errors import SiteBuilderError, SourceSpan

BUNDLE = "pagefind"  # the bundles' folder below the site root
TIMEOUT = 3600  # seconds; a hung indexer must not hang the build forever
# The files every bundle has alike: the search page loads them once, from pagefind/.
RUNTIME = ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-highlight.js",
           "pagefind-modular-ui.js", "pagefind-modular-ui.css")
WHOLE_SITE = "site"  # the one part of an archive without articles: every page is read


@dataclass(frozen=True)
class Partition:
    """Which search part holds an article page: its year's, or in the newest year its month's.

    New issues land in the newest month, so adding one re-indexes about a month of
    articles; a past year's part changes only when one of its articles does, or once,
    when the first issue of a new year closes it.  A ten-year archive has at most
    10 + 12 parts for the browser to merge.
    """
    newest_year: int | None  # None: no articles, one part for the whole site

    @classmethod
    def of(cls, days: Iterable[date]) -> Partition:
        return cls(max((day.year for day in days), default=None))

    def part(self, day: date) -> str:
        if self.newest_year is None:
            return WHOLE_SITE
        return f"{day.year}-{day.month:02d}" if day.year == self.newest_year else str(day.year)

    def part_of_page(self, path: str, prefixes: Iterable[str]) -> str | None:
        """The part that reads `path` (below the site root): an article page <prefix>yyyy/mm/dd/…/*.html."""
        if not path.endswith(".html"):
            return None
        if self.newest_year is None:
            return WHOLE_SITE
        for prefix in prefixes:
            if path.startswith(prefix):
                rest = path[len(prefix):]
                year, month = rest[:4], rest[5:7]
                if rest[4:5] == "/" and rest[7:8] == "/" and year.isdigit() and month.isdigit():
                    return self.part(date(int(year), int(month), 1))
        return None


def partition_of(articles: Iterable) -> Partition:
    """The partition of an archive's articles: the build and the search pages use this one."""
    return Partition.of(article.date for article in articles)


BODY_MARK = b"data-pagefind-body"


def indexed_bytes(page: bytes) -> bytes:
    """What Pagefind reads of a page: its <html lang> and the element marked data-pagefind-body.

    On article pages that is the <article> (title, text, figures, filters); the pager and
    the related articles after it are not indexed, so a new neighbour or a new related
    article changes the page but not its part's index.
    """
    start = page.find(BODY_MARK)
    if start < 0:
        return page
    lang = page.find(b"<html")
    return page[lang:page.find(b">", lang) + 1] + page[start:page.rfind(b"</article>")]


def part_glob(part: str, prefixes: list[str]) -> str | None:
    """The pages of one part in every language, as a Pagefind glob (None: every page).

    Only article pages carry data-pagefind-body; reading just them takes Pagefind a
    third of the time and half the memory of reading every page.
    """
    if part == WHOLE_SITE:
        return None
    folders = [prefix + part.replace("-", "/") for prefix in prefixes]
    pattern = folders[0] if len(folders) == 1 else "{" + ",".join(folders) + "}"
    return pattern + "/**/*.html"


def part_folder(part: str) -> str:
    """The part's bundle below the site root."""
    return f"{BUNDLE}/{part}/"


def part_entry(part: str) -> str:
    return part_folder(part) + "pagefind-entry.json"


def runtime_files() -> list[str]:
    return [f"{BUNDLE}/{name}" for name in RUNTIME]


def pagefind_command(site: Path, output: Path, glob: str | None = None) -> list[str]:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(output), "--silent"]
    return command + (["--glob", glob] if glob else [])


def run_pagefind(site: Path, glob: str | None) -> list[tuple[str, bytes]]:
    """Index the pages `glob` selects in the site written at `site`; return the bundle's files
    (path inside the bundle, bytes).

    Raises SiteBuilderError when Pagefind is missing, fails or writes nothing.
    """
    with tempfile.TemporaryDirectory(prefix="site-builder-pagefind-") as temp:
        output = Path(temp) / BUNDLE
        try:
            proc = subprocess.run(pagefind_command(site, output, glob), capture_output=True, text=True,
                                  encoding="utf-8", errors="replace", timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise SiteBuilderError(f"search indexing (Pagefind) did not finish within {TIMEOUT} s",
                                   SourceSpan(str(site))) from None
        except OSError as error:
            raise SiteBuilderError(f"search indexing (Pagefind) could not start: {error}",
                                   hint="install the project's dependencies: pip install -e .") from None
        if proc.returncode != 0:
            lines = [line.strip() for line in (proc.stderr.strip() or proc.stdout.strip()).splitlines()]
            detail = list(dict.fromkeys(line for line in lines if line))[-5:]
            if "No module named pagefind" in proc.stderr:
                hint = "install the project's dependencies: pip install -e . (pagefind[extended]==1.4.0)"
            else:
                hint = "the site was not published; the previous site is unchanged"
            raise SiteBuilderError(
                f"search indexing (Pagefind) failed with exit code {proc.returncode}: " + " | ".join(detail),
                hint=hint)
        files = sorted(p for p in output.rglob("*") if p.is_file()) if output.is_dir() else []
        if not any(p.name == "pagefind.js" for p in files):
            raise SiteBuilderError("search indexing (Pagefind) wrote no search bundle",
                                   hint="the site was not published; the previous site is unchanged")
        return [(path.relative_to(output).as_posix(), path.read_bytes()) for path in files]


def index_parts(site: Path, parts: list[str], prefixes: list[str], jobs: int = 1,
                runtime: bool = True) -> Iterator[tuple[str, bytes]]:
    """Index the named parts of the site written at `site`, `jobs` Pagefind runs side by side;
    yield each part's bundle (under pagefind/<part>/) and, when `runtime`, Pagefind's runtime
    once (under pagefind/), as (path below the site root, bytes)."""
    with ThreadPoolExecutor(max(1, jobs)) as pool:
        bundles = pool.map(lambda part: run_pagefind(site, part_glob(part, prefixes)), parts)
        for part, files in zip(parts, bundles):
            for name, data in files:
                if name not in RUNTIME:
                    yield part_folder(part) + name, data
                elif runtime:
                    yield f"{BUNDLE}/{name}", data
            runtime = False
