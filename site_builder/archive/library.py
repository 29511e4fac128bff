"""The Library: the archive as data - issues, articles with their addresses, tags, places and
authors.  Made by folders.py, which reads everything first (as MkDocs' build does):
the site only looks things up here and never goes back to the files.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from site_builder.archive.authors import (
    Author,
)
from site_builder.archive.pages import ContentPage
from site_builder.archive.permalinks import PermalinkRecord
from site_builder.archive.vocabulary import (
    Place,
    Tag,
)
from site_builder.core.config import SiteConfig
from site_builder.core.errors import Diagnostic
from site_builder.core.model import Article, Issue


def article_text(article: Article) -> str:
    """The running text of an article: paragraphs, sub-heads and captions, joined."""
    return "".join(b.text or b.caption or "" for b in article.blocks)


@dataclass
class ArchiveArticle:
    issue: "ArchiveIssue"
    number: int  # 1-based position in the issue
    article: Article
    slug: str
    redirects: list[str]
    tags: list[Tag] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    authors: list[Author] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)  # image files from issue.toml, in figure order

    @property
    def date(self) -> date:
        return self.issue.date

    @property
    def title(self) -> str:
        return self.article.title or self.lede(24)

    def text(self) -> str:
        return article_text(self.article)

    def lede(self, length: int = 90) -> str:
        for block in self.article.blocks:
            if block.type == "paragraph" and block.text:
                text = block.text
                return text if len(text) <= length else text[:length].rstrip("，、；：") + "……"
        return ""


@dataclass
class ArchiveIssue:
    date: date
    number: int | None
    folder: Path
    source: Path
    parsed: Issue
    articles: list[ArchiveArticle] = field(default_factory=list)
    note: str = ""
    digest: str = ""  # of the source and issue.toml bytes: what the issue's pages are made from
    pinyin: dict[str, tuple[str, str]] = field(default_factory=dict)  # byline -> (romanized, slug): see authors

    @functools.cached_property
    def day(self) -> str:
        return self.date.isoformat()



@dataclass
class Library:
    config: SiteConfig
    issues: list[ArchiveIssue]  # oldest first
    tags: list[Tag]
    places: list[Place]
    authors: list[Author]
    diagnostics: list[Diagnostic]
    permalinks: PermalinkRecord
    # Issues that could not be read this time, by the name of their folder (its day first), with
    # why: what belongs to them (their translations) is left exactly as it is.
    skipped: dict[str, list[Diagnostic]] = field(default_factory=dict)
    pages: list[ContentPage] = field(default_factory=list)  # content/pages/: About and the like

    @property
    def articles(self) -> list[ArchiveArticle]:
        return [a for issue in self.issues for a in issue.articles]

    @staticmethod
    def newest_first(articles: list[ArchiveArticle]) -> list[ArchiveArticle]:
        """Newest issue first, and within an issue in printed order."""
        return sorted(articles, key=lambda a: (a.date, -a.number), reverse=True)

    def index(self) -> "ArticleIndex":
        """Articles by tag, place and author, newest first: built once, in one pass, and kept."""
        found = self.__dict__.get("_index")
        if found is not None:
            return found
        index = self.__dict__["_index"] = ArticleIndex({}, {}, {})
        # Issues are oldest first, one per day: walked backwards, in printed order within each,
        # the lists come out in newest_first() order without sorting them.
        for issue in reversed(self.issues):
            for article in issue.articles:
                for tag in article.tags:
                    index.by_tag.setdefault(tag.slug, []).append(article)
                for place in article.places:
                    index.by_place.setdefault(place.slug, []).append(article)
                for author in article.authors:
                    index.by_author.setdefault(author.slug, []).append(article)
        return index


@dataclass
class ArticleIndex:
    by_tag: dict[str, list[ArchiveArticle]]
    by_place: dict[str, list[ArchiveArticle]]
    by_author: dict[str, list[ArchiveArticle]]
