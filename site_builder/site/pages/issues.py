"""The home page, the issue pages and the date archive."""
from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date

from babel.dates import get_day_names

from site_builder.archive.library import ArchiveIssue
from site_builder.site.language import LanguageView
from site_builder.site.spec import PageSpec
from site_builder.site.urls import ARCHIVE, HOME, issue_path, page_file, period_path
from site_builder.site.views import (
    CalendarDay,
    CalendarMonth,
    IndexEntry,
    Link,
    PeriodIssue,
    PeriodView,
    YearView,
)



class IssuePages:
    def __init__(self, view: LanguageView) -> None:
        self.view = view

    def home(self) -> PageSpec:
        view = self.view

        def make() -> bytes:
            library = view.library
            issues = library.issues
            latest = view.issue_view(issues[-1], None, None) if issues else None
            # The latest issue's articles are listed under it: the recent list goes on from there.
            count = view.config.home_articles
            earlier = [a for a in library.articles[-count * 4:] if not issues or a.issue is not issues[-1]]
            recent = [view.summary(a) for a in library.newest_first(earlier)[:count]]
            meta = view.meta(HOME, view.config.titles[view.language.code], feed=view.links.feed())
            return view.render("home.html", meta=meta, latest=latest, recent=recent)

        return PageSpec(page_file(view.language, HOME), make, language=view.language.code, page=HOME)

    def issue(self, issue: ArchiveIssue, previous: ArchiveIssue | None, following: ArchiveIssue | None) -> PageSpec:
        view = self.view
        path = issue_path(issue)

        def make() -> bytes:
            meta = view.meta(path, view.issue_label(issue))
            return view.render("issue.html", meta=meta, issue=view.issue_view(issue, previous, following))

        def depends() -> tuple:
            around = tuple((i.day, i.number) if i else None for i in (previous, following))
            return tuple(issue.articles), issue.day, issue.number, around

        return PageSpec(page_file(view.language, path), make, depends, view.language.code, path,
                        template="issue.html")

    def archive(self) -> PageSpec:
        view = self.view

        def make() -> bytes:
            by_month: dict[tuple[int, int], list[ArchiveIssue]] = defaultdict(list)
            for issue in view.library.issues:
                by_month[(issue.date.year, issue.date.month)].append(issue)
            weekdays = get_day_names("abbreviated", locale=view.language.locale)
            names = tuple(weekdays[i] for i in range(7))  # Monday first
            years: list[YearView] = []
            for year in sorted({y for y, _ in by_month}, reverse=True):
                months = []
                for month in sorted((m for y, m in by_month if y == year), reverse=True):
                    issues = by_month[(year, month)]
                    days = {i.date.day: i for i in issues}
                    weeks = []
                    for week in calendar.Calendar(firstweekday=0).monthdayscalendar(year, month):
                        weeks.append(tuple(
                            CalendarDay(d, view.links.issue(days[d]), view.issue_label(days[d])) if d in days
                            else CalendarDay(d) for d in week))
                    months.append(CalendarMonth(view.language.format_month(date(year, month, 1)), names,
                                                tuple(weeks),
                                                tuple(Link(view.issue_label(i), view.links.issue(i)) for i in issues)))
                issues = tuple(IndexEntry(Link(view.issue_label(i), view.links.issue(i)), len(i.articles))
                               for i in reversed(view.library.issues) if i.date.year == year)
                years.append(YearView(year, tuple(months), view.links.period(year), issues))
            return view.render("archive.html", meta=view.meta(ARCHIVE, view._("Archive")), years=years)

        return PageSpec(page_file(view.language, ARCHIVE), make, language=view.language.code, page=ARCHIVE)

    def periods(self) -> list[PageSpec]:
        """A page for each year and each month that has issues, newest issue first."""
        view = self.view
        by_year: dict[int, list[ArchiveIssue]] = defaultdict(list)
        for issue in view.library.issues:
            by_year[issue.date.year].append(issue)
        specs = []
        for year, issues in sorted(by_year.items()):
            months = sorted({i.date.month for i in issues})
            specs.append(self._period(year, None, issues, months))
            for month in months:
                specs.append(self._period(year, month, [i for i in issues if i.date.month == month], []))
        return specs

    def _period(self, year: int, month: int | None, issues: list[ArchiveIssue], months: list[int]) -> PageSpec:
        view = self.view
        path = period_path(year, month)

        def make() -> bytes:
            title = view.language.format_month(date(year, month, 1)) if month else view._("%(year)s", year=year)
            entries = tuple(PeriodIssue(Link(view.issue_label(i), view.links.issue(i)),
                                        tuple(view.summary(a) for a in i.articles))
                            for i in reversed(issues))
            parts = tuple(Link(view.language.format_month(date(year, m, 1)), view.links.period(year, m))
                          for m in reversed(months))
            up = (Link(str(year), view.links.period(year)) if month
                  else Link(view._("Archive"), view.links.archive()))
            return view.render("period.html", meta=view.meta(path, title),
                               period=PeriodView(title, entries, parts, up))

        def depends() -> tuple:
            return tuple((i.day, i.number, tuple(i.articles)) for i in issues)

        return PageSpec(page_file(view.language, path), make, depends, view.language.code, path,
                        template="period.html")
