"""Which search part (Pagefind bundle) holds which pages, and where the bundles are.

The search page (site/) lists the parts to merge; the build (build/search.py)
indexes them.  Both read the scheme from here.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

BUNDLE = "pagefind"  # the bundles' folder below the site root
# The files every bundle has alike: the search page loads them once, from pagefind/.
RUNTIME = ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-highlight.js",
           "pagefind-modular-ui.js", "pagefind-modular-ui.css")
WHOLE_SITE = "site"  # the one part of an archive without articles: every page is read


@dataclass(frozen=True)
class Partition:
    """Which search part holds an article page: its year's, or in the newest year its month's.

    New issues land in the newest month, so adding one re-indexes about a month of
    articles; a past year's part changes only when one of its articles does, or once,
    when the first issue of a new year closes it.  A ten-year archive has at most
    10 + 12 parts for the browser to merge.
    """
    newest_year: int | None  # None: no articles, one part for the whole site

    @classmethod
    def of(cls, days: Iterable[date]) -> Partition:
        return cls(max((day.year for day in days), default=None))

    def part(self, day: date) -> str:
        if self.newest_year is None:
            return WHOLE_SITE
        return f"{day.year}-{day.month:02d}" if day.year == self.newest_year else str(day.year)

    def part_of_page(self, path: str, prefixes: Iterable[str]) -> str | None:
        """The part that reads `path` (below the site root): an article page <prefix>yyyy/mm/dd/…/*.html."""
        if not path.endswith(".html"):
            return None
        if self.newest_year is None:
            return WHOLE_SITE
        for prefix in prefixes:
            if path.startswith(prefix):
                rest = path[len(prefix):]
                year, month = rest[:4], rest[5:7]
                if rest[4:5] == "/" and rest[7:8] == "/" and year.isdigit() and month.isdigit():
                    return self.part(date(int(year), int(month), 1))
        return None


def partition_of(articles: Iterable) -> Partition:
    """The partition of an archive's articles: the build and the search pages use this one."""
    return Partition.of(article.date for article in articles)




def part_folder(part: str) -> str:
    """The part's bundle below the site root."""
    return f"{BUNDLE}/{part}/"


def part_entry(part: str) -> str:
    return part_folder(part) + "pagefind-entry.json"


def runtime_files() -> list[str]:
    return [f"{BUNDLE}/{name}" for name in RUNTIME]
