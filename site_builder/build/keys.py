"""Render keys: every decision about which pages can be kept as published, in one place.

A page's key is a digest of the site key (the builder's code, the theme's catalogs, the
configuration and vocabularies: any change there renders everything), the page's
path, the templates it is made from (build/templates.py: a template edit renders the
pages that use it, a style sheet edit none) and what its spec says it depends on (site/spec.py), with every article in it
replaced by the article's own key and every window of a tag's articles by the keys
of the articles in it.  An article's key is a digest of its issue's source and
issue.toml, its address, names, translations and pictures.  A page whose key the
published site has is not made again.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable

from site_builder.archive.library import ArchiveArticle, Library
from site_builder.site.spec import PageSpec, Window


def digest(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


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
            keys[id(article)] = digest(
                issue.digest, issue.day, issue.number, article.number, article.slug, tuple(article.redirects),
                tuple(t.slug for t in article.tags), tuple(p.slug for p in article.places),
                tuple((a.name, a.slug) for a in article.authors), tuple(catalogs.get(id(article), ())), figures)
    return keys


class PageKeys:
    """The key of each page, and whether the published site has the page made from it."""

    def __init__(self, site: str, library: Library, articles: dict[int, str],
                 unchanged: Callable[[str, str], bool], templates: Callable[[str], str] = lambda name: "") -> None:
        self.site = site
        self.templates = templates  # a template's name → the digest of the templates it uses
        self.library = library
        self.articles = articles
        self.unchanged = unchanged
        self._tag_keys: dict[str, list[str]] | None = None

    @property
    def tag_keys(self) -> dict[str, list[str]]:
        """Per tag, the keys of its articles in the tag's newest-first list: a window's keys are a slice."""
        if self._tag_keys is None:
            keys = self.articles
            self._tag_keys = {slug: [keys[id(a)] for a in tagged] for slug, tagged in self.library.index().by_tag.items()}
        return self._tag_keys

    def of(self, spec: PageSpec) -> str | None:
        """The page's key; None for a page made every time."""
        if spec.depends is None:
            return None
        return digest(self.site, spec.path, self.templates(spec.template), self.resolve(spec.depends()))

    def resolve(self, value: object) -> object:
        if type(value) is tuple:
            return tuple(self.resolve(part) for part in value)
        if isinstance(value, ArchiveArticle):
            return self.articles[id(value)]
        if isinstance(value, Window):
            return " ".join(self.tag_keys[value.tag][value.low : value.low + value.size])
        return value
