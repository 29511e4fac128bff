"""Listings: the articles of a tag, a place or an author, newest first, page by page; and the
index pages that list every tag, place and author."""
from __future__ import annotations

from collections.abc import Iterator

from site_builder.archive.library import ArchiveArticle
from site_builder.archive.vocabulary import PLACE_KINDS, Place
from site_builder.site.language import LanguageView
from site_builder.site.spec import PageSpec
from site_builder.site.urls import (
    AUTHORS,
    PLACES,
    TAGS,
    author_path,
    listing_page_path,
    page_file,
    place_path,
    tag_path,
)
from site_builder.site.views import IndexEntry, IndexGroup, Link


def N_(message: str) -> str:
    """A message marked for `pybabel extract` (one of its default keywords), translated where shown."""
    return message


# The headings of the places index, one per kind (vocabulary.PLACE_KINDS), for gettext to find.
PLACE_KIND_HEADINGS = {"region": N_("Region"), "league": N_("Leagues"), "city": N_("Cities"),
                       "banner": N_("Banners"), "county": N_("Counties"), "district": N_("Districts"),
                       "town": N_("Towns")}



class Listings:
    def __init__(self, view: LanguageView) -> None:
        self.view = view

    def specs(self) -> Iterator[PageSpec]:
        yield from self.tag_pages()
        yield from self.place_pages()
        yield from self.author_pages()

    def listing(self, path: str, title: str, articles: list[ArchiveArticle], **extra) -> Iterator[PageSpec]:
        """A listing (`articles` newest first): the newest page_size at `path`, the rest on numbered pages.

        The numbered pages are cut from the oldest article on (page/1/ holds the oldest
        page_size), and only full ones are published, so their contents never shift: a new
        issue changes the first page and at most the newest numbered page of a listing,
        not every page of it.  The first page may repeat part of the newest numbered page.
        """
        view = self.view
        size = view.config.page_size  # articles per listing page (site.toml page_size)
        language = view.language
        oldest_first = articles[::-1]
        numbered = max(0, -(-len(articles) // size) - 1)  # full chunks before the newest one

        def page_url(number: int) -> str:
            return path if number > numbered else listing_page_path(path, number)

        def make(here: str, chunk: list[ArchiveArticle], number: int) -> bytes:
            heading = title if number > numbered else view._("%(title)s, page %(number)d", title=title, number=number)
            newer = None if number > numbered else page_url(number + 1)
            older = page_url(number - 1) if number > 1 else None
            return view.render(
                "list.html", meta=view.meta(here, heading, **extra), heading=heading,
                articles=[view.summary(a) for a in chunk],
                previous=Link(view._("Newer"), view.links.url(newer)) if newer is not None else None,
                next=Link(view._("Older"), view.links.url(older)) if older is not None else None,
            )

        first = articles[:size]
        yield PageSpec(page_file(language, path), lambda: make(path, first, numbered + 1),
                       lambda: (title, "first", numbered, sorted(extra.items()), tuple(first)),
                       language.code, path, template="list.html")
        for number in range(numbered, 0, -1):
            chunk = oldest_first[(number - 1) * size : number * size][::-1]
            here = page_url(number)
            yield PageSpec(page_file(language, here),
                           lambda here=here, chunk=chunk, number=number: make(here, chunk, number),
                           lambda chunk=chunk, number=number: (title, number, number == numbered,
                                                              sorted(extra.items()), tuple(chunk)),
                           language.code, here, template="list.html")

    def index_page(self, folder: str, heading: str, entries: list[IndexEntry],
                   groups: list[IndexGroup] | None = None) -> PageSpec:
        """The page listing every tag, place or author (in groups, under their headings)."""
        view = self.view
        return PageSpec(page_file(view.language, folder),
                        lambda: view.render("index.html", meta=view.meta(folder, heading), heading=heading,
                                            entries=entries, groups=groups or []),
                        language=view.language.code, page=folder)

    def tag_pages(self) -> Iterator[PageSpec]:
        view = self.view
        links = view.links
        by_tag = view.index.by_tag
        used = [t for t in view.library.tags if by_tag.get(t.slug)]
        entries = [IndexEntry(Link(links.tag_name(t), links.tag(t)), len(by_tag[t.slug])) for t in used]
        yield self.index_page(TAGS, view._("Tags"), entries)
        for tag in used:
            name = links.tag_name(tag)
            yield from self.listing(tag_path(tag), view._("Tag: %(name)s", name=name), by_tag[tag.slug],
                                    feed=links.tag_feed(tag))

    def place_pages(self) -> Iterator[PageSpec]:
        view = self.view
        links = view.links
        by_place = view.index.by_place
        used = [p for p in view.library.places if by_place.get(p.slug)]
        # Grouped by kind, the largest first (the region, leagues, cities, banners …), and by name
        # within a kind: alphabetically in English, in pinyin order (the slugs') in Chinese.
        def order(place: Place) -> str:
            return place.slug if view.language.code == view.config.source_language else links.place_name(place).casefold()

        groups = []
        for kind in PLACE_KINDS:
            kind_places = sorted((p for p in used if p.kind == kind), key=order)
            if kind_places:
                groups.append(IndexGroup(view._(PLACE_KIND_HEADINGS[kind]), tuple(
                    IndexEntry(Link(links.place_name(p), links.place(p)), len(by_place[p.slug])) for p in kind_places)))
        yield self.index_page(PLACES, view._("Places"), [], groups)
        for place in used:
            name = links.place_name(place)
            yield from self.listing(place_path(place), view._("Place: %(name)s", name=name), by_place[place.slug])

    def author_pages(self) -> Iterator[PageSpec]:
        view = self.view
        links = view.links
        by_author = view.index.by_author
        authors = view.library.authors
        entries = [IndexEntry(Link(links.author_name(a), links.author(a)), len(by_author[a.slug]),
                              note=a.name if links.author_name(a) != a.name else "") for a in authors]
        yield self.index_page(AUTHORS, view._("Authors"), entries)
        for author in authors:
            name = links.author_name(author)
            yield from self.listing(author_path(author), view._("Articles by %(name)s", name=name),
                                    by_author[author.slug])
