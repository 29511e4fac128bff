"""build(): read everything, then render, then write. One readable sequence of timed phases."""
from __future__ import annotations

import gc
import hashlib
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.core.config import SiteConfig, load_config
from site_builder.core.errors import Diagnostic, Severity, SiteBuilderError, SourceSpan
from site_builder.archive.catalogs import ArticleTranslation, catalog_path, load_translation
from site_builder.archive.library import Library
from site_builder.build.read import read_library
from site_builder.build.cache import ParseCache
from site_builder.site.feeds import atom_feed, robots, sitemap
from site_builder.build.images import ImageError, Picture, make_variants, resolve
from site_builder.site.urls import Links
from site_builder.site.pages import LanguageSite, RenderedFile, RenderKeys, render_key
from site_builder.build.fingerprint import Inputs
from site_builder.site.theme import static_files, theme_dirs
from site_builder.build.shares import Helper, HelperResult, Share, core_count, helper_count
from site_builder.build.search import BUNDLE, index_parts, indexed_bytes, part_entry, part_folder, partition_of, runtime_files
from site_builder.build.progress import Progress, Silent
from site_builder.build.writer import CACHE, OutputWriter


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


def build(content: Path, output: Path, base_url: str | None = None, progress: Progress | None = None,
          force: bool = False, search: bool = True, jobs: int | None = None) -> BuildReport:
    """Read everything, render, write into a staging folder, index, swap in.

    When nothing the build reads has changed since the site in `output` was
    built, it stops after comparing fingerprints (unless `force`).
    search=False leaves the search index out (a quicker preview; the search page finds nothing).
    jobs=1 keeps the whole build in this process (the dev server: no fork beside its threads).
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
    config = load_config(content, base_url)
    options = f"base_url={config.base_url} search={search}"
    inputs = Inputs(content, theme_dirs(config))
    fingerprint = inputs.fingerprint(options)
    if not force and OutputWriter(output).up_to_date(fingerprint):
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
    try:
        cache = ParseCache(parse_cache_folder(output))
        library = read_library(config, cache, jobs)
        report.issues, report.articles = len(library.issues), len(library.articles)
        report.warnings.extend(library.diagnostics)
        phase("read")

        catalogs: dict[int, list[str]] = {}
        editions = load_editions(library, report.warnings, catalogs)
        pictures, image_files = prepare_images(library, report.warnings)
        phase("images")

        # Pages whose render key is the published one are linked, not rendered (--force renders all).
        site_key = inputs.site_key(f"base_url={config.base_url}")
        keys = RenderKeys(site_key, article_keys(library, catalogs, pictures),
                          (lambda path, key: False) if force else writer.unchanged)
        writer.ready()  # before the render helper is forked: both see the staging folder's contents
        # An estimate: article, issue and index pages per language, plus the fixed pages.
        per_language = (len(library.articles) + len(library.issues) + len(library.tags) + len(library.places)
                        + len(library.authors) + 10)
        estimate = per_language * len(config.languages)
        progress.phase("render", estimate)

        def render_share(share: Share, tick=lambda: None) -> HelperResult:
            rendered_here = 0
            for rendered in render_site(library, pictures, editions, report, keys, share):
                if rendered is None:
                    pass  # another process's page
                elif rendered.data is None:
                    writer.keep(rendered.path, rendered.key)
                else:
                    writer.write(rendered.path, rendered.data, rendered.key)
                    rendered_here += 1
                tick()
            return HelperResult(writer.written, writer.keys, writer.rewritten, rendered_here)

        # A forked helper renders about half the pages; this process the rest and the site-wide files.
        lead, other = Share.dealt(2) if helper_count(estimate, jobs) else (Share(), None)
        helper = Helper(render_share, other) if other is not None else None
        try:
            report.rendered = render_share(lead, progress.advance).rendered
            if helper is not None:
                report.rendered += writer.merge(helper.result())
        finally:
            if helper is not None:
                helper.stop()
        phase("render")
        for path, data in sorted(image_files.items()):
            writer.write(path, data)
        for name, source in sorted(static_files(config).items()):
            writer.write("static/" + name, source.read_bytes())
        phase("write")
        # Indexed in the staging folder: a failed indexing publishes nothing.
        progress.phase("search", 0)
        if search:
            writer.drop_stale(sparing=BUNDLE + "/")  # Pagefind must not find pages the site no longer has
            plan = search_plan(library, writer, force)
            for path in plan.kept:
                writer.keep(path)
            for path, data in index_parts(writer.staging, plan.stale, plan.prefixes, core_count(),
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
        writer.commit(fingerprint)
        cache.prune()
    except BaseException:
        writer.abort()
        raise
    finally:
        gc.unfreeze()  # what kept_to_the_end() froze: collectable again, once the build lets go of it
        progress.done()
    report.files = len(writer.written)
    report.rewritten = writer.rewritten
    return report


def parse_cache_folder(output: Path) -> Path:
    """Beside the output, like its lock and staging folder: `.public.cache/parsed`."""
    return output.parent / CACHE.format(name=output.name) / "parsed"


@dataclass
class SearchPlan:
    """Which search parts to index again, and which published bundle files are still right."""
    prefixes: list[str]
    parts: list[str]  # every part, oldest first
    stale: list[str]  # the parts to index
    kept: list[str]  # published bundle files to keep: the other parts', and the runtime
    new_runtime: bool  # whether the runtime comes from this build's indexing


def search_plan(library: Library, writer: OutputWriter, force: bool) -> SearchPlan:
    """A part is indexed again when what Pagefind reads of its pages differs from the published
    site's (a page changed, added or removed), or the published site lacks its bundle."""
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
    stale = [part for part in parts if force or part_entry(part) not in published or index_changed(part)]
    runtime = runtime_files()
    new_runtime = bool(stale) or not all(path in published for path in runtime)
    if new_runtime and not stale and parts:
        stale = parts[:1]  # the runtime comes with a bundle
    kept_folders = tuple(part_folder(part) for part in parts if part not in stale)
    kept = [path for path in published
            if path.startswith(kept_folders) or (path in runtime and not new_runtime)]
    return SearchPlan(prefixes, parts, stale, sorted(kept), new_runtime)


def article_keys(library: Library, catalogs: dict[int, list[str]], pictures: dict) -> dict[int, str]:
    """Per article (by id): a digest of everything its own pages and its teasers show."""
    keys: dict[int, str] = {}
    # Each article's pictures by figure number (most articles of an archive have none).
    figures_of: dict[tuple[str, int], list[str]] = defaultdict(list)
    for (day, number, _), picture in sorted(pictures.items()):  # in figure order
        figures_of[(day, number)].append(repr(picture))
    for issue in library.issues:
        for article in issue.articles:
            figures = tuple(figures_of.get((issue.day, article.number), ()))
            keys[id(article)] = render_key(
                issue.digest, issue.day, issue.number, article.number, article.slug, tuple(article.redirects),
                tuple(t.slug for t in article.tags), tuple(p.slug for p in article.places),
                tuple((a.name, a.slug) for a in article.authors), tuple(catalogs.get(id(article), ())), figures)
    return keys


def load_editions(library: Library, warnings: list[Diagnostic],
                  catalogs: dict[int, list[str]] | None = None) -> dict[str, dict[int, ArticleTranslation]]:
    """Per translation language, the articles whose title is translated, with their catalogs.

    catalogs: filled with each article's catalog digests (language by language), for the render keys.
    """
    editions: dict[str, dict[int, ArticleTranslation]] = {}
    for language in library.config.translations:
        found: dict[int, ArticleTranslation] = {}
        for article in library.articles:
            path = catalog_path(library.config.content, language.code, article)
            if not path.is_file():
                continue
            if catalogs is not None:
                catalogs.setdefault(id(article), []).append(
                    language.code + ":" + hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest())
            try:
                translation = load_translation(path)
            except SiteBuilderError as error:
                warnings.append(Diagnostic("catalog-broken", error.message, error.span or SourceSpan(str(path)),
                                           Severity.WARNING, "the article is shown untranslated until the catalog is fixed"))
                continue
            if article.article.title and translation.get("title", article.article.title):
                found[id(article)] = translation
        editions[language.code] = found
    return editions


def prepare_images(library: Library, warnings: list[Diagnostic]) -> tuple[dict, dict[str, bytes]]:
    pictures: dict[tuple[str, int, int], Picture] = {}
    files: dict[str, bytes] = {}
    done: dict[Path, Picture] = {}
    for article in library.articles:
        figures = [b for b in article.article.blocks if b.type == "figure"]
        for number, block in enumerate(figures, start=1):
            name = article.figures[number - 1] if number <= len(article.figures) else block.image
            if not name:
                continue
            source = resolve(article.issue.folder, name)
            if source is None:
                if number <= len(article.figures):
                    warnings.append(Diagnostic("image-missing", f"image {name!r} is not in the issue's images folder",
                                               SourceSpan(str(article.issue.folder / "issue.toml")), Severity.WARNING,
                                               "add the file to images/ or remove it from figures"))
                continue
            if source not in done:
                try:
                    picture, data = make_variants(source, f"media/{article.issue.day}")
                except ImageError as error:
                    warnings.append(Diagnostic("image-unreadable", f"image cannot be used: {error}",
                                               SourceSpan(str(source)), Severity.WARNING,
                                               "replace it with a JPEG or PNG photo"))
                    continue
                done[source] = picture
                files.update(data)
            pictures[(article.issue.day, article.number, number)] = done[source]
    return pictures, files


def render_site(library: Library, pictures: dict, editions: dict, report: BuildReport,
                keys: RenderKeys | None = None, share: Share | None = None) -> Iterator[RenderedFile | None]:
    """Every file of the site, page by page, in a fixed order; None for a page of another share."""
    share = share or Share()
    config: SiteConfig = library.config
    sitemap_paths: dict[str, list[str]] = {}
    index = library.index()
    for language in config.languages:
        site = LanguageSite(library, index, language, pictures, editions, keys, share)
        count = 0
        for page in site.pages():
            count += 1
            yield page
        report.pages[language.code] = count
        if not share.lead:
            continue
        sitemap_paths[language.code] = site.indexable
        links = site.links
        yield RenderedFile(language.prefix + "feed.xml", atom_feed(
            links, config.titles[language.code], links.feed(), links.home(), library.articles, site.feed_entry))
        for tag in library.tags:
            tagged = index.by_tag.get(tag.slug, [])
            if tagged:
                yield RenderedFile(f"{language.prefix}tags/{tag.slug}/feed.xml", atom_feed(
                    links, f"{config.titles[language.code]}: {links.tag_name(tag)}", links.tag_feed(tag),
                    links.tag(tag), tagged, site.feed_entry))
    if not share.lead:
        return
    yield RenderedFile("sitemap.xml", sitemap(sitemap_entries(config, sitemap_paths)))
    default_links = Links(config, config.default)
    yield RenderedFile("robots.txt", robots(default_links.absolute(config.base_path + "sitemap.xml")))


def sitemap_entries(config: SiteConfig, paths: dict[str, list[str]]) -> list[tuple[str, list[tuple[str, str]]]]:
    all_links = [(language, Links(config, language)) for language in config.languages]
    default = Links(config, config.default)
    present = {code: set(found) for code, found in paths.items()}
    entries = []
    for language, links in all_links:
        for path in paths[language.code]:
            alternates = [(lang.html_lang, other.absolute(other.url(path))) for lang, other in all_links
                          if path in present[lang.code]]
            if len(alternates) > 1:
                alternates.append(("x-default", default.absolute(default.url(path))))
            entries.append((links.absolute(links.url(path)), alternates))
    return entries
