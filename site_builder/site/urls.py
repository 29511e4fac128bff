"""The site's one URL scheme: every page's path, its output file and its address, per language.

A page's path is below its language's root (`2024/07/11/slug/`, `tags/traffic/`);
the same string is the page's folder in the output and, under the base path and
the language prefix, its URL.  Nothing else in the project formats a path.
"""
from __future__ import annotations

import re
from urllib.parse import quote, urljoin, urlsplit

from site_builder.archive.authors import Author
from site_builder.archive.library import ArchiveArticle, ArchiveIssue
from site_builder.archive.vocabulary import Place, Tag
from site_builder.core.config import SiteConfig
from site_builder.core.languages import Language
from site_builder.site.search_parts import BUNDLE

PAGE = "index.html"  # a page is the index.html of its folder
HOME = ""
TAGS = "tags/"
PLACES = "places/"
AUTHORS = "authors/"
ARCHIVE = "archive/"
SEARCH = "search/"
NOT_FOUND = "404.html"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
STATIC = "static/"
BILINGUAL = "bilingual/"


def issue_path(issue: ArchiveIssue) -> str:
    return f"{issue.date:%Y/%m/%d}/"


def period_path(year: int, month: int | None = None) -> str:
    """/2024/ and /2024/07/: the pages every article address implies (/2024/07/11/slug/)."""
    return f"{year}/" if month is None else f"{year}/{month:02d}/"


def article_path(article: ArchiveArticle) -> str:
    return f"{article.issue.date:%Y/%m/%d}/{article.slug}/"


def bilingual_path(article: ArchiveArticle) -> str:
    """The article's bilingual reading view, in a translation's language (site/pages/bilingual.py)."""
    return f"{article_path(article)}{BILINGUAL}"


def moved_article_path(issue: ArchiveIssue, old_slug: str) -> str:
    """Where an article was before its slug changed: a redirect page."""
    return f"{issue_path(issue)}{old_slug}/"


def tag_path(tag: Tag) -> str:
    return f"{TAGS}{tag.slug}/"


def tag_feed_path(tag: Tag) -> str:
    return f"{TAGS}{tag.slug}/{FEED}"


def place_path(place: Place) -> str:
    return f"{PLACES}{place.slug}/"


def author_path(author: Author) -> str:
    return f"{AUTHORS}{author.slug}/"


def listing_page_path(first: str, number: int) -> str:
    """A listing's numbered page (its first page is at `first`)."""
    return f"{first}page/{number}/"


def content_page_path(slug: str) -> str:
    """An ordinary page of content/pages/ (archive/pages.py keeps its slug off the site's own words)."""
    return f"{slug}/"


def media_folder(day: str) -> str:
    """Where an issue's photo variants go, below the site root."""
    return f"media/{day}"


def page_file(language: Language, path: str) -> str:
    """The output file of the page at `path` (below the language root): a folder's index.html."""
    return language.prefix + (path + PAGE if path == HOME or path.endswith("/") else path)


def site_file(name: str) -> str:
    """A file below the site root, outside every language (sitemap, robots, static, media)."""
    return name


_SAFE = re.compile(r"[A-Za-z0-9/._-]*")


class Links:
    """Root-relative URLs under the site's base path, and their absolute forms."""

    def __init__(self, config: SiteConfig, language: Language) -> None:
        self.config = config
        self.language = language
        self.root = config.base_path + language.prefix
        parts = urlsplit(config.base_url)
        self._origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
        self._urls: dict[str, str] = {}  # a page's URL is asked for on every page that links to it

    def url(self, path: str = "") -> str:
        found = self._urls.get(path)
        if found is None:
            # Paths are ASCII slugs and digits almost always; quote only what needs it.
            found = self._urls[path] = self.root + (path if path.isascii() and _SAFE.fullmatch(path) else quote(path))
        return found

    def home(self) -> str:
        return self.url(HOME)

    def issue(self, issue: ArchiveIssue) -> str:
        return self.url(issue_path(issue))

    def article(self, article: ArchiveArticle) -> str:
        return self.url(article_path(article))

    def tag(self, tag: Tag) -> str:
        return self.url(tag_path(tag))

    def tag_feed(self, tag: Tag) -> str:
        return self.url(tag_feed_path(tag))

    def tags(self) -> str:
        return self.url(TAGS)

    def place(self, place: Place) -> str:
        return self.url(place_path(place))

    def places(self) -> str:
        return self.url(PLACES)

    def author(self, author: Author) -> str:
        return self.url(author_path(author))

    def authors(self) -> str:
        return self.url(AUTHORS)

    def period(self, year: int, month: int | None = None) -> str:
        return self.url(period_path(year, month))

    def archive(self) -> str:
        return self.url(ARCHIVE)

    def content_page(self, slug: str) -> str:
        return self.url(content_page_path(slug))

    def search(self) -> str:
        return self.url(SEARCH)

    def pagefind(self, name: str) -> str:
        """A file below pagefind/: Pagefind's runtime, or a search part's bundle folder (search_parts.py)."""
        return self.config.base_path + BUNDLE + "/" + quote(name)

    def feed(self) -> str:
        return self.url(FEED)

    def static(self, name: str) -> str:
        return self.config.base_path + STATIC + quote(name)

    def media(self, path: str) -> str:
        """A photo variant (its output path below the site root), percent-encoded: a photo's
        name may hold spaces, `#`, `?` or `,` (which would also split a srcset)."""
        return self.config.base_path + quote(path)

    def sitemap(self) -> str:
        return self.absolute(self.config.base_path + SITEMAP)

    def absolute(self, url: str) -> str:
        """An absolute URL when the base URL has a host; otherwise the root-relative one."""
        if url.startswith("/") and self._origin:
            return self._origin + url
        return urljoin(self.config.base_url, url)

    # Names in this language.
    def tag_name(self, tag: Tag) -> str:
        return tag.names.get(self.language.code) or tag.names.get(self.config.source_language, tag.slug)

    def place_name(self, place: Place) -> str:
        return place.names.get(self.language.code) or place.names.get(self.config.source_language, place.slug)

    def author_name(self, author: Author) -> str:
        return author.name if self.language.code == self.config.source_language else author.romanized
