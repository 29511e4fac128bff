"""Related articles: those sharing the most tags, nearest in time, chosen from windows.

Each tag's articles are listed newest first; an article's related ones are chosen
among the RELATED_WINDOW articles around it in each of its tags' lists, so the
work per article is bounded however large a tag grows, and what a page shows
depends only on those windows (spec.Window), not on the whole archive.
"""
from __future__ import annotations

from collections.abc import Iterator

from site_builder.archive.library import ArchiveArticle, ArticleIndex
from site_builder.site.spec import Window

RELATED = 5
RELATED_WINDOW = 12  # candidates per tag, nearest in time: related articles cost O(tags) per article


class Related:
    def __init__(self, index: ArticleIndex) -> None:
        self.index = index
        self._positions: dict[str, dict[int, int]] | None = None

    @property
    def positions(self) -> dict[str, dict[int, int]]:
        """Per tag, where each of its articles sits in the tag's newest-first list."""
        if self._positions is None:
            self._positions = {slug: {id(a): i for i, a in enumerate(tagged)}
                               for slug, tagged in self.index.by_tag.items()}
        return self._positions

    def windows(self, article: ArchiveArticle) -> tuple[Window, ...]:
        """Per tag of the article, the window of articles around it in the tag's list."""
        positions = self.positions
        return tuple(Window(tag.slug, max(0, positions[tag.slug][id(article)] - RELATED_WINDOW // 2), RELATED_WINDOW)
                     for tag in article.tags)

    def window_articles(self, article: ArchiveArticle) -> Iterator[list[ArchiveArticle]]:
        by_tag = self.index.by_tag
        for window in self.windows(article):
            yield by_tag[window.tag][window.low : window.low + window.size]

    def of(self, article: ArchiveArticle) -> list[ArchiveArticle]:
        """Articles sharing the most tags, nearest in time first; bounded work per article."""
        shared: dict[int, int] = {}
        candidates: dict[int, ArchiveArticle] = {}
        for window in self.window_articles(article):
            for other in window:
                if other is not article:
                    shared[id(other)] = shared.get(id(other), 0) + 1
                    candidates[id(other)] = other
        distance = article.date.toordinal()
        ranked = sorted(candidates.values(), key=lambda o: (-shared[id(o)], abs(o.date.toordinal() - distance),
                                                            o.issue.day, o.number))
        return ranked[:RELATED]
