"""build(): read everything, then render, then write. One readable sequence of timed phases.

It only conducts: reading is build/read.py, the editions and photos build/editions.py
and build/photos.py, what files the site has site/site.py, which of them must be
made again build/keys.py, making them build/render.py, writing and the atomic swap
build/writer.py, the search index build/search.py.
"""
from __future__ import annotations

import gc
import time
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.build.cache import ParseCache
from site_builder.build.editions import load_editions
from site_builder.build.fingerprint import Inputs
from site_builder.build.keys import PageKeys, article_keys
from site_builder.build.manifest import kept_diagnostics, restored_diagnostics
from site_builder.build.pause import pause
from site_builder.build.photos import code_version as photos_code_version
from site_builder.build.photos import prepare_images
from site_builder.build.progress import Progress, Silent
from site_builder.build.read import read_library
from site_builder.build.render import render_all
from site_builder.build.search import index_parts, search_plan
from site_builder.build.shares import core_count
from site_builder.build.writer import OutputWriter, cache_folder
from site_builder.core import files
from site_builder.core.config import load_config
from site_builder.core.errors import Diagnostic, Severity, SiteBuilderError, SourceSpan
from site_builder.site.search_parts import BUNDLE
from site_builder.site.site import pages_per_language, site_files
from site_builder.site.theme import archive_boundary, static_files, theme_dirs
from site_builder.site.urls import STATIC, site_file


@dataclass
class BuildReport:
    output: Path
    issues: int = 0
    articles: int = 0
    pages: dict[str, int] = field(default_factory=dict)  # per language
    files: int = 0
    rendered: int = 0  # pages rendered (the others were unchanged since the published site)
    rewritten: int = 0  # files whose bytes were written (the others were already in place)
    warnings: list[Diagnostic] = field(default_factory=list)
    phases: dict[str, float] = field(default_factory=dict)
    up_to_date: bool = False  # nothing changed since the output was built: nothing was done
    search_parts: tuple[int, int] = (0, 0)  # search parts indexed, of all parts
    published: bool = True  # False: errors stopped the build before the swap, the previous site stays

    @property
    def errors(self) -> list[Diagnostic]:
        return [w for w in self.warnings if w.severity is Severity.ERROR]


def build(content: Path, output: Path, base_url: str | None = None, progress: Progress | None = None,
          force: bool = False, search: bool = True, jobs: int | None = None,
          theme_folder: Path | None = None, keep_going: bool = False) -> BuildReport:
    """Read everything, render, write into a staging folder, index, swap in.

    When nothing the build reads has changed since the site in `output` was
    built, it stops after comparing fingerprints (unless `force`).
    search=False leaves the search index out (a quicker preview; the search page finds nothing).
    jobs=1 keeps the whole build in this process (the dev server: no fork beside its threads).
    theme_folder: a maintainer's theme named on the command line (it may lie outside the archive).
    An error in any input (a broken issue, catalog or photo) publishes nothing and leaves the
    previous site, as Hugo and Zola do: a deploy that ignores the exit code loses no pages.
    keep_going publishes the site without what was broken (report.errors says what).
    The diagnostics are kept with the site, so a build that finds nothing changed reports them again.
    """
    report = BuildReport(output)
    progress = progress or Silent()
    clock = time.perf_counter()

    def phase(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        report.phases[name] = now - clock
        clock = now

    progress.phase("read", 0)
    boundary = archive_boundary(content, theme_folder)
    if boundary.admits(output):
        raise SiteBuilderError("the output folder lies inside the archive (the content folder or a theme)",
                               SourceSpan(str(output)), hint="choose an --output folder outside them")
    inputs = Inputs(content, boundary)
    with files.once(inputs.contents):
        config = load_config(content, base_url, theme_folder)
    inputs.add_code(theme_dirs(config))
    options = f"base_url={config.base_url} search={search} theme={config.theme}"
    fingerprint = inputs.fingerprint(options)
    current = OutputWriter(output)
    if not force and current.up_to_date(fingerprint):
        current.clean_stale()  # what killed builds left behind
        report.warnings.extend(restored_diagnostics(current.published.diagnostics, content))
        progress.done()
        phase("check")
        report.up_to_date = True
        return report
    # Pages stream from the renderer into the staging folder: memory stays flat
    # however large the archive, and nothing is published until commit().  Started
    # before reading: where there is no retired site to update, the published one is
    # linked into the staging folder by a helper process while the sources are read.
    writer = OutputWriter(output, jobs)
    writer.start()
    # Every later read of a content file gets the bytes the fingerprint was made of.
    with files.once(inputs.contents):
        try:
            cache = ParseCache(parse_cache_folder(output))
            library = read_library(config, cache, jobs)
            report.issues, report.articles = len(library.issues), len(library.articles)
            report.warnings.extend(library.diagnostics)
            phase("read")
            pause("read", output)

            catalogs: dict[int, list[str]] = {}
            editions = load_editions(library, report.warnings, catalogs)
            # Every input is read: its bytes go before the render helper is forked.
            inputs.contents.clear()
            photo_cache = ParseCache(photo_cache_folder(output), photos_code_version())
            pictures, image_files = prepare_images(library, report.warnings, photo_cache)
            phase("images")
            if report.errors and not keep_going:
                writer.abort()
                report.published = False
                return report

            specs = site_files(library, editions, pictures)
            report.pages = pages_per_language(specs)
            # Pages whose render key is the published one are linked, not rendered (--force renders all).
            keys = PageKeys(inputs.site_key(f"base_url={config.base_url}"), library,
                            article_keys(library, catalogs, pictures),
                            (lambda path, key: False) if force else writer.unchanged, inputs.templates().key)
            writer.ready()  # before the render helper is forked: both see the staging folder's contents
            progress.phase("render", len(specs))
            report.rendered = render_all(specs, keys, writer, jobs, progress.advance)
            phase("render")
            pause("render", output)
            for path, data in sorted(image_files.items()):
                writer.write(site_file(path), data)
            for name, source in sorted(static_files(config).items()):
                writer.write(site_file(STATIC + name), source.read_bytes())
            phase("write")
            # Indexed in the staging folder: a failed indexing publishes nothing.
            progress.phase("search", 0)
            if search:
                writer.drop_stale(sparing=BUNDLE + "/")  # Pagefind must not find pages the site no longer has
                plan = search_plan(library, writer, force)
                for path in plan.kept:
                    writer.keep(path)
                for path, data in index_parts(writer.staging, plan.stale, plan.prefixes, plan.partition, core_count(),
                                              runtime=plan.new_runtime):
                    writer.write(path, data)
                report.search_parts = (len(plan.stale), len(plan.parts))
            phase("search")
            # New slugs are recorded before the swap, and the fingerprint takes the record as
            # written, so the next build finds nothing changed; any other input is as this
            # build read it (one edited meanwhile makes the next build build again).
            if library.permalinks.changed:
                library.permalinks.save()
                inputs.rewritten(library.permalinks.path)
                fingerprint = inputs.fingerprint(options)
            writer.commit(fingerprint, kept_diagnostics(report.warnings, content))
            cache.prune()
            photo_cache.prune()
        except BaseException:
            writer.abort()
            raise
        finally:
            gc.unfreeze()  # what read_library froze: collectable again, once the build lets go of it
            progress.done()
    report.files = len(writer.written)
    report.rewritten = writer.rewritten
    return report


def parse_cache_folder(output: Path) -> Path:
    """Beside the output, like its lock and staging folder: `.public.cache/parsed`."""
    return cache_folder(output) / "parsed"


def photo_cache_folder(output: Path) -> Path:
    """The photos' encoded variants, beside the parsed issues: `.public.cache/photos`."""
    return cache_folder(output) / "photos"
