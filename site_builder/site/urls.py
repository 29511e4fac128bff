"""Addresses of every page, per language: one place decides the URL scheme."""
from __future__ import annotations

import re
from urllib.parse import quote, urljoin, urlsplit

from site_builder.archive.authors import Author
from site_builder.core.config import SiteConfig
from site_builder.core.languages import Language
from site_builder.archive.library import ArchiveArticle, ArchiveIssue
from site_builder.archive.vocabulary import Place, Tag


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

    # Paths below the language root; they double as output file locations.
    @staticmethod
    def issue_path(issue: ArchiveIssue) -> str:
        return issue.path

    @staticmethod
    def article_path(article: ArchiveArticle) -> str:
        return article.path

    def url(self, path: str = "") -> str:
        found = self._urls.get(path)
        if found is None:
            # Paths are ASCII slugs and digits almost always; quote only what needs it.
            found = self._urls[path] = self.root + (path if path.isascii() and _SAFE.fullmatch(path) else quote(path))
        return found

    def home(self) -> str:
        return self.url()

    def issue(self, issue: ArchiveIssue) -> str:
        return self.url(issue.path)

    def article(self, article: ArchiveArticle) -> str:
        return self.url(article.path)

    def tag(self, tag: Tag) -> str:
        return self.url(f"tags/{tag.slug}/")

    def tag_feed(self, tag: Tag) -> str:
        return self.url(f"tags/{tag.slug}/feed.xml")

    def tags(self) -> str:
        return self.url("tags/")

    def place(self, place: Place) -> str:
        return self.url(f"places/{place.slug}/")

    def places(self) -> str:
        return self.url("places/")

    def author(self, author: Author) -> str:
        return self.url(f"authors/{author.slug}/")

    def authors(self) -> str:
        return self.url("authors/")

    def archive(self) -> str:
        return self.url("archive/")

    def search(self) -> str:
        return self.url("search/")

    def pagefind(self, name: str) -> str:
        """A file below pagefind/: Pagefind's runtime, or a search part's bundle folder (see search.py)."""
        return self.config.base_path + "pagefind/" + quote(name)

    def feed(self) -> str:
        return self.url("feed.xml")

    def static(self, name: str) -> str:
        return self.config.base_path + "static/" + quote(name)

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
