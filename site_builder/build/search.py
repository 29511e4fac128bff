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
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from site_builder.archive.library import Library
from site_builder.build.chunk_bounds import with_exact_ranges
from site_builder.build.search_grams import PAGES, gram_files
from site_builder.build.writer import OutputWriter
from site_builder.core.errors import SiteBuilderError, SourceSpan
from site_builder.site.search_parts import (
    BUNDLE,
    RUNTIME,
    WHOLE_SITE,
    Partition,
    part_entry,
    part_folder,
    partition_of,
    runtime_files,
)

TIMEOUT = 3600  # seconds; a hung indexer must not hang the build forever


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


def part_glob(partition: Partition, part: str, prefixes: list[str]) -> str | None:
    """The pages of one part in every language, as a Pagefind glob (None: every page).

    Only article pages carry data-pagefind-body; reading just them takes Pagefind a
    third of the time and half the memory of reading every page.
    """
    if part == WHOLE_SITE:
        return None
    folders = [prefix + folder for prefix in prefixes for folder in partition.folders(part)]
    pattern = folders[0] if len(folders) == 1 else "{" + ",".join(folders) + "}"
    return pattern + "/**/*.html"


def pagefind_command(site: Path, output: Path, glob: str | None = None) -> list[str]:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(output), "--silent"]
    return command + (["--glob", glob] if glob else [])


def run_pagefind(site: Path, glob: str | None) -> list[tuple[str, bytes]]:
    """Index the pages `glob` selects in the site written at `site`; return the bundle's files
    (path inside the bundle, bytes), its index chunks listed under their exact word ranges
    (build/chunk_bounds.py: Pagefind 1.4.0's own ranges lose words at archive scale), and
    the part's exact-match index of Chinese character pairs (build/search_grams.py).
    """
    files = with_exact_ranges(pagefind_output(site, glob))
    return files + gram_files(files)


def pagefind_output(site: Path, glob: str | None) -> list[tuple[str, bytes]]:
    """The bundle's files as Pagefind writes them.

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


def index_parts(site: Path, parts: list[str], prefixes: list[str], partition: Partition, jobs: int = 1,
                runtime: bool = True) -> Iterator[tuple[str, bytes]]:
    """Index the named parts of the site written at `site`, `jobs` Pagefind runs side by side;
    yield each part's bundle (under pagefind/<part>/) and, when `runtime`, Pagefind's runtime
    once (under pagefind/), as (path below the site root, bytes)."""
    with ThreadPoolExecutor(max(1, jobs)) as pool:
        bundles = pool.map(lambda part: run_pagefind(site, part_glob(partition, part, prefixes)), parts)
        for part, files in zip(parts, bundles):
            for name, data in files:
                if name not in RUNTIME:
                    yield part_folder(part) + name, data
                elif runtime:
                    yield f"{BUNDLE}/{name}", data
            runtime = False


@dataclass
class SearchPlan:
    """Which search parts to index again, and which published bundle files are still right."""
    prefixes: list[str]
    parts: list[str]  # every part, oldest first
    stale: list[str]  # the parts to index
    kept: list[str]  # published bundle files to keep: the other parts', and the runtime
    new_runtime: bool  # whether the runtime comes from this build's indexing
    partition: Partition


def search_plan(library: Library, writer: OutputWriter, force: bool) -> SearchPlan:
    """A part is indexed again when what Pagefind reads of its pages differs from the published
    site's (a page changed, added or removed), or the published site lacks its bundle or the
    bundle's grams (a site published before they existed)."""
    prefixes = [language.prefix for language in library.config.languages]
    partition = partition_of(library.articles)
    published = writer.published.files

    def pages_by_part(files: dict[str, str]) -> dict[str, dict[str, str]]:
        parts: dict[str, dict[str, str]] = {}
        for path, digest in files.items():
            part = partition.part_of_page(path, prefixes)
            if part is not None:
                parts.setdefault(part, {})[path] = digest
        return parts

    now, before = pages_by_part(writer.written), pages_by_part(published)

    def index_changed(part: str) -> bool:
        pages, old = now[part], before.get(part, {})
        if pages.keys() != old.keys():
            return True
        return any(indexed_bytes((writer.staging / path).read_bytes())
                   != indexed_bytes((writer.output / path).read_bytes())
                   for path, digest in pages.items() if digest != old[path])

    parts = sorted(now)
    stale = [part for part in parts if force or part_entry(part) not in published
             or part_folder(part) + PAGES not in published or index_changed(part)]
    runtime = runtime_files()
    new_runtime = bool(stale) or not all(path in published for path in runtime)
    if new_runtime and not stale and parts:
        stale = parts[:1]  # the runtime comes with a bundle
    kept_folders = tuple(part_folder(part) for part in parts if part not in stale)
    kept = [path for path in published
            if path.startswith(kept_folders) or (path in runtime and not new_runtime)]
    return SearchPlan(prefixes, parts, stale, sorted(kept), new_runtime, partition)
