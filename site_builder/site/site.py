"""What files the site has and what they show: every page of every language, the feeds, the
sitemap (made from the pages, not from their rendering) and robots.txt - in one fixed order."""
from __future__ import annotations

from collections.abc import Iterator

from site_builder.archive.catalogs import ArticleTranslation
from site_builder.archive.library import Library
from site_builder.site.feeds import atom_feed, robots, sitemap
from site_builder.site.images import Picture
from site_builder.site.language import LanguageView
from site_builder.site.pages.articles import ArticlePages
from site_builder.site.pages.issues import IssuePages
from site_builder.site.pages.listings import Listings
from site_builder.site.pages.ordinary import OrdinaryPages
from site_builder.site.related import Related
from site_builder.site.search_parts import WHOLE_SITE, partition_of
from site_builder.site.spec import PageSpec
from site_builder.site.urls import (
    FEED,
    NOT_FOUND,
    ROBOTS,
    SEARCH,
    SITEMAP,
    Links,
    page_file,
    site_file,
    tag_feed_path,
)


def site_files(library: Library, editions: dict[str, dict[int, ArticleTranslation]],
               pictures: dict[tuple[str, int, int], Picture]) -> list[PageSpec]:
    """Every file of the site, none made yet."""
    index = library.index()
    related = Related(index)
    files: list[PageSpec] = []
    for language in library.config.languages:
        view = LanguageView(library, index, language, pictures, editions)
        files.extend(language_pages(view, related))
        files.extend(feeds(view))
    files.append(PageSpec(site_file(SITEMAP), lambda: sitemap(sitemap_entries(library, files))))
    default = Links(library.config, library.config.default)
    files.append(PageSpec(site_file(ROBOTS), lambda: robots(default.sitemap())))
    return files


def language_pages(view: LanguageView, related: Related) -> Iterator[PageSpec]:
    """The pages of one language, in a fixed order."""
    issue_pages, article_pages, listings = IssuePages(view), ArticlePages(view, related), Listings(view)
    issues = view.library.issues
    yield issue_pages.home()
    for position, issue in enumerate(issues):
        yield issue_pages.issue(issue, issues[position - 1] if position else None,
                                issues[position + 1] if position + 1 < len(issues) else None)
        yield from article_pages.specs(issue)
    yield from listings.specs()
    yield issue_pages.archive()
    yield from issue_pages.periods()
    yield from OrdinaryPages(view).specs()
    yield search_page(view)
    yield not_found(view)


def feeds(view: LanguageView) -> Iterator[PageSpec]:
    library, links, code = view.library, view.links, view.language.code
    title = view.config.titles[code]
    yield PageSpec(page_file(view.language, FEED), lambda: atom_feed(
        links, title, links.feed(), links.home(), library.articles, view.feed_entry), language=code, feed=True)
    for tag in library.tags:
        tagged = view.index.by_tag.get(tag.slug, [])
        if tagged:
            yield PageSpec(page_file(view.language, tag_feed_path(tag)), lambda tag=tag, tagged=tagged: atom_feed(
                links, f"{title}: {links.tag_name(tag)}", links.tag_feed(tag), links.tag(tag), tagged,
                view.feed_entry), language=code, feed=True)


def search_page(view: LanguageView) -> PageSpec:
    def make() -> bytes:
        meta = view.meta(SEARCH, view._("Search"), noindex=True)
        return view.render("search.html", meta=meta, bundles=search_bundles(view))

    return PageSpec(page_file(view.language, SEARCH), make, language=view.language.code)


def search_bundles(view: LanguageView) -> list[str]:
    """The search parts holding this language's pages, oldest first: the first one's
    bundle is Pagefind's primary (its index must be in this language), the rest are merged."""
    library = view.library
    if not library.articles:
        return [view.links.pagefind(WHOLE_SITE + "/")]
    partition = partition_of(library.articles)
    parts = {partition.part(article.date) for article in library.articles if view.has_page(article)}
    return [view.links.pagefind(part + "/") for part in sorted(parts)]


def not_found(view: LanguageView) -> PageSpec:
    def make() -> bytes:
        meta = view.meta(NOT_FOUND, view._("Page not found"), noindex=True)
        return view.render("404.html", meta=meta)

    return PageSpec(page_file(view.language, NOT_FOUND), make, language=view.language.code)


def sitemap_entries(library: Library, files: list[PageSpec]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every indexable page with its address in each language that has it."""
    config = library.config
    all_links = [(language, Links(config, language)) for language in config.languages]
    default = Links(config, config.default)
    paths: dict[str, list[str]] = {language.code: [] for language in config.languages}
    for spec in files:
        if spec.page is not None:
            paths[spec.language].append(spec.page)
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


def pages_per_language(files: list[PageSpec]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for spec in files:
        if spec.language and not spec.feed:
            counts[spec.language] = counts.get(spec.language, 0) + 1
    return counts
