"""A file of the site, as the site describes it: where it goes, how it is made, what it is made from.

The site (this package) says which files exist and what they show; the build
decides when and where each is made (build/render.py).  `depends` names what a
page shows beyond the site as a whole - the articles it lists, the windows of a
tag's articles its related list is chosen from - as domain values; the build
turns them into a key and skips a page whose key the published site already has.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PageSpec:
    path: str  # the output file, below the site root (urls.page_file)
    make: Callable[[], bytes]  # the file's bytes
    depends: Callable[[], tuple] | None = None  # None: made every time (it shows the whole site)
    language: str = ""  # the language's code; "" for a file of the whole site
    page: str | None = None  # its path below the language root, when the sitemap lists it
    feed: bool = False  # a feed, not a page
    template: str = ""  # the theme template it is made from ("": none, or any: keyed on them all)


@dataclass(frozen=True, slots=True)
class Window:
    """The articles of a tag around an article (its related articles are chosen among them):
    the tag's newest-first list from `low`, `size` long."""

    tag: str
    low: int
    size: int
