"""Which search part (Pagefind bundle) holds which pages, and where the bundles are.

The search page (site/) lists the parts to merge; the build (build/search.py)
indexes them.  Both read the scheme from here.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

BUNDLE = "pagefind"  # the bundles' folder below the site root
# The files every bundle has alike: the search page loads them once, from pagefind/.
RUNTIME = ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-highlight.js",
           "pagefind-modular-ui.js", "pagefind-modular-ui.css")
WHOLE_SITE = "site"  # the one part of an archive without articles: every page is read


# Pagefind reads one part's index as a whole set of chunks; measured at 10,000 articles, a part
# of 6,000 (one busy year) lost words a monthly part found (issue: missing chunks), and an edit
# to one old article re-indexed all 6,000.  A past year larger than this is cut into runs of
# whole months of at most this many articles (a month larger than it stays one part).
MAX_PART_ARTICLES = 2000


@dataclass(frozen=True)
class Partition:
    """Which search part holds an article page: its year's (a run of its months, when the year
    is large), or in the newest year its month's.

    New issues land in the newest month, so adding one re-indexes about a month of
    articles; a past year's part changes only when one of its articles does, or once,
    when the first issue of a new year closes it.  A ten-year archive of 6,000 articles
    a year has about 30 + 12 parts for the browser to merge.
    """
    newest_year: int | None  # None: no articles, one part for the whole site
    # A large past year's runs: (year, first month of the run); a year absent here is one part.
    runs: frozenset[tuple[int, int]] = frozenset()

    @classmethod
    def of(cls, days: Iterable[date], limit: int = MAX_PART_ARTICLES) -> Partition:
        per_month = Counter((day.year, day.month) for day in days)
        if not per_month:
            return cls(None)
        newest = max(year for year, _ in per_month)
        runs: set[tuple[int, int]] = set()
        for year in {year for year, _ in per_month} - {newest}:
            if sum(count for (y, _), count in per_month.items() if y == year) <= limit:
                continue
            size = 0
            for month in range(1, 13):
                count = per_month.get((year, month), 0)
                if count and (size == 0 or size + count > limit):
                    runs.add((year, month))  # a new run opens with this month
                    size = 0
                size += count
        return cls(newest, frozenset(runs))

    def part(self, day: date) -> str:
        if self.newest_year is None:
            return WHOLE_SITE
        if day.year == self.newest_year:
            return f"{day.year}-{day.month:02d}"
        starts = [month for year, month in self.runs if year == day.year and month <= day.month]
        return f"{day.year}-from-{max(starts):02d}" if starts else str(day.year)

    def folders(self, part: str) -> list[str]:
        """The date folders (below a language's root) whose article pages the part holds."""
        if part == WHOLE_SITE:
            return []
        year, _, rest = part.partition("-")
        if not rest.startswith("from-"):
            return [part.replace("-", "/")]  # a year, or a month of the newest year
        first = int(rest[len("from-"):])
        following = [month for y, month in self.runs if y == int(year) and month > first]
        return [f"{year}/{month:02d}" for month in range(first, min(following, default=13))]

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
