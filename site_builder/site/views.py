"""Typed views the templates read: everything already in the page's language and URL scheme."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Link:
    text: str
    url: str
    lang: str | None = None  # set when the text is in another language than the page


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    url: str


@dataclass(frozen=True)
class Switch:
    """The language switcher, per other language: the same page in it, or a note that there is none."""

    label: str
    lang: str
    url: str
    note: str = ""  # shown when the counterpart does not exist and url goes to the nearest page


@dataclass(frozen=True)
class ImageView:
    src: str  # the largest JPEG
    srcset: str  # the JPEGs
    width: int
    height: int
    webp_srcset: str = ""  # the same sizes as WebP; "" when the photo has none


@dataclass(frozen=True)
class BlockView:
    type: str  # paragraph | heading | figure
    text: str = ""
    id: str = ""  # sub-heads
    dateline: str = ""  # printed at the start of the first paragraph, in bold
    caption: str = ""
    image: ImageView | None = None
    lang: str = ""  # the text's language where it differs from the page's
    state: str = "source"  # translated | fuzzy | untranslated | source


@dataclass(frozen=True)
class ArticleSummary:
    url: str
    kicker: str
    title: str
    subtitle: str
    lang: str  # language of the headline text
    date: str
    iso_date: str
    dateline: str
    bylines: tuple[Link, ...]
    lede: str
    issue: Link
    lede_lang: str = "zh-Hans"
    original_only: bool = False  # no edition in the page's language: the link goes to the original
    # How far the page's language has it, as listings mark it: "" (the original, or a complete
    # translation), original (no page: Chinese only), headline (only the headline is translated),
    # partial.
    edition: str = ""
    issue_number: str = ""  # "第4期", "Issue 4": beside the date, which the issue label repeats


@dataclass(frozen=True)
class ArticleView:
    summary: ArticleSummary
    text_lang: str
    blocks: tuple[BlockView, ...]
    tags: tuple[Link, ...]
    places: tuple[Link, ...]
    previous: Link | None
    next: Link | None
    related: tuple[ArticleSummary, ...]
    status: str = ""  # the translation's status, stated on translated editions
    provenance: str = ""
    dateline_lang: str = "zh-Hans"
    kind: str = ""  # "" on the original's page; complete | partial | headline on an edition's
    original: tuple[BlockView, ...] = ()  # a partial translation's untranslated passages, in order
    original_url: str = ""  # the article in its own language
    original_length: str = ""  # a headline-only page: how long the original text is ("1,240")
    bilingual: tuple[Link, ...] = ()  # the side-by-side reading views of the article (site/pages/bilingual.py)


@dataclass(frozen=True)
class IssueView:
    url: str
    date: str
    iso_date: str
    number: int | None
    articles: tuple[ArticleSummary, ...]
    previous: Link | None
    next: Link | None


@dataclass(frozen=True)
class IndexEntry:
    link: Link
    count: int
    note: str = ""


@dataclass(frozen=True)
class IndexGroup:
    """A heading of an index page and its entries: the places of one kind."""
    heading: str
    entries: tuple[IndexEntry, ...]


@dataclass(frozen=True)
class CalendarDay:
    day: int  # 0 = padding
    url: str = ""
    label: str = ""


@dataclass(frozen=True)
class CalendarMonth:
    title: str
    weekdays: tuple[str, ...]
    weeks: tuple[tuple[CalendarDay, ...], ...]
    issues: tuple[Link, ...]


@dataclass(frozen=True)
class YearView:
    year: int
    months: tuple[CalendarMonth, ...]
    url: str = ""  # the year's page
    issues: tuple[IndexEntry, ...] = ()  # its issues, newest first, with their articles' counts


@dataclass(frozen=True)
class PeriodIssue:
    """An issue on a year's or month's page: its label, and its articles' headlines."""
    link: Link
    articles: tuple[ArticleSummary, ...]


@dataclass(frozen=True)
class PeriodView:
    title: str
    issues: tuple[PeriodIssue, ...]
    parts: tuple[Link, ...] = ()  # a year's months
    up: Link | None = None  # the month's year, or the archive


@dataclass
class PageMeta:
    """What <head> needs: title, description, canonical, alternates, Open Graph, JSON-LD."""

    title: str
    description: str
    canonical: str
    alternates: list[Alternate] = field(default_factory=list)
    switches: tuple[Switch, ...] = ()  # one per other language, in site.toml's order
    og_type: str = "website"
    jsonld: str = ""
    feed: str = ""
    noindex: bool = False
    locale_alternates: list[str] = field(default_factory=list)  # og:locale:alternate: the page's other languages
    image: ImageView | None = None  # og:image: an article's first photo (its largest JPEG, src absolute)
    published: str = ""  # article:published_time (RFC 3339)
