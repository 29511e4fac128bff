"""Every page of the site, in every language, rendered from the Library's typed data."""
from __future__ import annotations

import calendar
import functools
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2
from markupsafe import Markup
from babel.dates import get_day_names

from site_builder.core.config import SiteConfig
from site_builder.core.errors import SiteBuilderError, SourceSpan
from site_builder.core.languages import Language
from site_builder.archive.library import ArchiveArticle, ArchiveIssue, ArticleIndex, Library
from site_builder.build.images import Picture
from site_builder.site.jsonld import script_json
from site_builder.site.urls import Links
from site_builder.site.theme import environment, load_translations, render_page
from site_builder.archive.catalogs import NAME_SEPARATOR, ArticleTranslation, message_counts
from site_builder.build.search import WHOLE_SITE, partition_of
from site_builder.build.shares import Share
from site_builder.core.slugs import to_slug
from site_builder.site.views import (
    Alternate,
    ArticleSummary,
    ArticleView,
    BlockView,
    CalendarDay,
    CalendarMonth,
    ImageView,
    IndexEntry,
    IssueView,
    Link,
    PageMeta,
    Switch,
    YearView,
)

RECENT = 10
RELATED = 5
RELATED_WINDOW = 12  # candidates per tag, nearest in time: related articles cost O(tags) per article
PAGE_SIZE = 30  # articles per listing page


@dataclass(frozen=True)
class RenderedFile:
    path: str  # relative to the output root
    data: bytes | None  # None: the published file is still right (see LanguageSite.cached)
    key: str | None = None  # what the page was rendered from, for the next build


@dataclass(frozen=True)
class RenderKeys:
    """What decides a page's bytes besides its own data, for skipping unchanged pages.

    site: a digest of the code, theme, configuration and vocabularies (any change
    there renders everything); articles: per article (by id), a digest of its
    issue's source and issue.toml, its address, names, translations and pictures.
    unchanged(path, key): the published site has the page rendered from that key.
    """
    site: str
    articles: dict[int, str]
    unchanged: Callable[[str, str], bool]


def template_position(error: BaseException, template: str) -> tuple[str, int]:
    """The template file and line a render error happened at.

    Jinja rewrites the traceback of an error raised while rendering so that its
    frames name the template files and their lines; the innermost such frame is
    where the error is (an included or extended template's, when it is there).
    """
    found = (template, 0)
    trace = error.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".txt", ".j2", ".jinja")) and Path(filename).is_file():
            found = (filename, trace.tb_lineno)
        trace = trace.tb_next
    return found


def render_key(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


class LanguageSite:
    """Renders the pages of one language."""

    def __init__(self, library: Library, index: ArticleIndex, language: Language,
                 pictures: dict[tuple[str, int, int], Picture],
                 editions: dict[str, dict[int, ArticleTranslation]] | None = None,
                 keys: RenderKeys | None = None, share: Share | None = None) -> None:
        self.library = library
        self.keys = keys
        self.share = share or Share()
        self.index = index
        # Articles that exist in each translation language (their title is translated).
        self.all_editions = editions or {}
        self.editions = self.all_editions.get(language.code, {})
        self.config: SiteConfig = library.config
        self.source = self.config.source.html_lang  # the articles' own language
        self.is_source = language.code == self.config.source_language
        self.language = language
        # One Links per language, made once: each memoises the URLs it makes.
        self.all_languages = [(lang, Links(self.config, lang)) for lang in self.config.languages]
        self.links = next(links for lang, links in self.all_languages if lang == language)
        self.default_links = next(links for lang, links in self.all_languages if lang == self.config.default)
        self.others = [(lang, links) for lang, links in self.all_languages if lang != language]
        self.indexable: list[str] = []  # page paths for the sitemap
        self._summaries: dict[int, ArticleSummary] = {}
        self.translations = load_translations(self.config, language)
        self.env = environment(self.config, language, self.translations)
        # Templates call teaser() for every article they list; each is made once per page kind.
        self.env.globals["teaser"] = self.teaser
        self._teasers: dict[tuple[int, int, bool], Markup] = {}
        self._macros = None
        self.pictures = pictures

    def _(self, message: str, **values) -> str:
        """An interface string in this language (the same catalog the templates use)."""
        text = self.translations.gettext(message)
        return text % values if values else text

    # -- shared pieces -----------------------------------------------------------------
    def meta(self, path: str, title: str, description: str = "", present_in: set[str] | None = None,
             fallback: str = "", **extra) -> PageMeta:
        """Head data for the page at `path` (below the language root).

        present_in: the languages the page exists in (None: all); hreflang pairs only
        those.  fallback: where the switcher goes when the other language lacks the page.
        """
        def exists(language: Language) -> bool:
            return present_in is None or language.code in present_in

        canonical = self.links.absolute(self.links.url(path))
        alternates = [Alternate(lang.html_lang, links.absolute(links.url(path)))
                      for lang, links in self.all_languages if exists(lang)]
        if len(alternates) > 1:
            default = self.default_links
            alternates.append(Alternate("x-default", default.absolute(default.url(path))))
        else:
            alternates = []
        switch = None
        if self.others:
            other, other_links = self.others[0]
            if exists(other):
                switch = Switch(other.label, other.html_lang, other_links.url(path))
            else:
                switch = Switch(other.label, other.html_lang, other_links.url(fallback),
                                note=self._("No %(language)s edition of this article yet", language=other.label))
        return PageMeta(title=title, description=description or self.config.descriptions[self.language.code],
                        canonical=canonical, alternates=alternates, switch=switch, **extra)

    def render(self, template: str, path: str, **context) -> RenderedFile:
        try:
            html = render_page(self.env.get_template(template), {
                "site_title": self.config.titles[self.language.code],
                "lang": self.language,
                "source_lang": self.source,
                "links": self.links,
                **context,
            })
        except jinja2.TemplateSyntaxError as error:
            raise SiteBuilderError(f"template syntax error: {error.message}",
                                   SourceSpan(error.filename or error.name or template, error.lineno)) from None
        except jinja2.UndefinedError as error:
            name, line = template_position(error, template)
            raise SiteBuilderError(f"template error in {Path(name).name}: {error.message}", SourceSpan(name, line),
                                   hint="a variable or attribute the template uses does not exist") from None
        except jinja2.TemplateNotFound as error:
            raise SiteBuilderError(f"template not found: {error.name}", SourceSpan(template)) from None
        meta = context.get("meta")
        if meta is not None and not meta.noindex and path.endswith("index.html"):
            self.indexable.append(path[: -len("index.html")])
        return RenderedFile(self.language.prefix + path, html.encode("utf-8"))

    def cached(self, path: str, depends: Callable[[], tuple],
               make: Callable[[], RenderedFile]) -> RenderedFile | None:
        """An indexable page that depends only on the articles `depends` names (and on the site key).

        When the published site has it rendered from the same key, it is not rendered again.
        None: the page is in another process's share (see shares.py).
        """
        if not self.share.mine():
            self.indexable.append(path[: -len("index.html")])
            return None  # another process renders it
        if self.keys is None:
            return make()
        full = self.language.prefix + path
        key = render_key(self.keys.site, full, depends())
        if self.keys.unchanged(full, key):
            self.indexable.append(path[: -len("index.html")])
            return RenderedFile(full, None, key)
        rendered = make()
        return RenderedFile(rendered.path, rendered.data, key)

    def lead_only(self, make: Callable[[], RenderedFile]) -> RenderedFile | None:
        """A page outside the shares: made by the lead process only."""
        return make() if self.share.lead else None

    def article_key(self, article: ArchiveArticle | None) -> str | None:
        return None if article is None or self.keys is None else self.keys.articles[id(article)]

    def teaser(self, summary: ArticleSummary, level: int = 2, show_issue: bool = True) -> Markup:
        """The `teaser` macro of macros.html (the theme's own when it has one), made once per article.

        An article appears on its issue page, the home page and in every listing of
        its tags, places and authors: the same HTML each time.
        """
        key = (id(summary), level, show_issue)
        found = self._teasers.get(key)
        if found is None:
            if self._macros is None:
                self._macros = self.env.get_template("macros.html").make_module(
                    {"lang": self.language, "links": self.links, "source_lang": self.source,
                     "site_title": self.config.titles[self.language.code]})
            found = self._teasers[key] = Markup(self._macros.teaser(summary, level, show_issue))
        return found

    def feed_entry(self, article: ArchiveArticle) -> tuple[str, str, str]:
        summary = self.summary(article)
        return summary.title, summary.url, summary.lede

    def summary(self, article: ArchiveArticle) -> ArticleSummary:
        """The article as listings show it; made once per article and language."""
        cached = self._summaries.get(id(article))
        if cached is not None:
            return cached
        summary = self._summary(article)
        self._summaries[id(article)] = summary
        return summary

    def edition(self, article: ArchiveArticle) -> ArticleTranslation | None:
        """The article's translation into this language, when it has an edition here."""
        return None if self.is_source else self.editions.get(id(article))

    def translated(self, edition: ArticleTranslation | None, role: str, text: str | None) -> tuple[str, str, str]:
        """(text, its language, state) with state translated | fuzzy | untranslated | source."""
        if not text:
            return "", self.language.html_lang, "source"
        if edition is None:
            return text, self.source, "source" if self.is_source else "untranslated"
        found = edition.get(role, text)
        if found is None:
            return text, self.source, "untranslated"
        return found[0], self.language.html_lang, "fuzzy" if found[1] else "translated"

    def title_of(self, article: ArchiveArticle) -> tuple[str, str]:
        text, lang, _ = self.translated(self.edition(article), "title", article.title)
        return text, lang

    def article_url(self, article: ArchiveArticle) -> str:
        """This language's page of the article, or the original when there is no edition here."""
        if self.is_source or self.edition(article) is not None:
            return self.links.article(article)
        return self.default_links.article(article)

    def bylines(self, article: ArchiveArticle, edition: ArticleTranslation | None) -> tuple[Link, ...]:
        names = [self.links.author_name(x) for x in article.authors]
        if edition is not None and article.article.bylines:
            found = edition.get("byline", NAME_SEPARATOR.join(article.article.bylines))
            if found is not None:
                parts = [p.strip() for p in re.split(r"[,、;]|\band\b", found[0]) if p.strip()]
                if len(parts) == len(names):
                    names = parts
        return tuple(Link(name, self.links.author(x)) for name, x in zip(names, article.authors))

    def _summary(self, article: ArchiveArticle) -> ArticleSummary:
        a = article.article
        edition = self.edition(article)
        title, title_lang = self.title_of(article)
        kicker = self.translated(edition, "kicker", a.kicker) if edition else (a.kicker or "", self.source, "")
        subtitle = self.translated(edition, "subtitle", a.subtitle) if edition else (a.subtitle or "", self.source, "")
        lede, lede_lang = article.lede(), self.source
        if edition is not None:
            first = next((b for b in a.blocks if b.type == "paragraph" and b.text), None)
            if first is not None:
                text, lang, state = self.translated(edition, "paragraph", first.text)
                if state in ("translated", "fuzzy"):
                    lede, lede_lang = (text if len(text) <= 220 else text[:217].rsplit(" ", 1)[0] + "…"), lang
        return ArticleSummary(
            url=self.article_url(article),
            kicker=kicker[0] if kicker[1] == title_lang else "",
            title=title,
            subtitle=subtitle[0] if subtitle[1] == title_lang else "",
            lang=title_lang,
            date=self.language.format_date(article.date),
            iso_date=article.date.isoformat(),
            dateline=self.dateline(article, edition),
            bylines=self.bylines(article, edition),
            lede=lede,
            lede_lang=lede_lang,
            issue=Link(self.issue_label(article.issue), self.links.issue(article.issue)),
            original_only=not self.is_source and edition is None,
        )

    def dateline(self, article: ArchiveArticle, edition: ArticleTranslation | None) -> str:
        dateline = article.article.dateline
        if dateline is None:
            return ""
        if edition is None:
            return dateline.printed
        for place in article.places:
            if dateline.place in place.spellings or any(s.startswith(dateline.place) for s in place.spellings):
                return self.links.place_name(place)
        return dateline.printed

    def issue_label(self, issue: ArchiveIssue) -> str:
        when = self.language.format_date(issue.date)
        if issue.number:
            return self._("Issue %(number)s, %(date)s", number=issue.number, date=when)
        return when

    # -- pages -------------------------------------------------------------------------
    def pages(self) -> Iterator[RenderedFile | None]:
        """Every page of the language, in a fixed order; None for a page another process makes."""
        library = self.library
        issues = library.issues
        yield self.lead_only(self.home)
        for index, issue in enumerate(issues):
            yield self.issue_page(issue, issues[index - 1] if index else None,
                                  issues[index + 1] if index + 1 < len(issues) else None)
            for article in issue.articles:
                if self.is_source or self.edition(article) is not None:
                    yield self.article_page(article)
                    for old in article.redirects:
                        yield self.lead_only(lambda: self.redirect(f"{issue.path}{old}/", self.links.article(article)))
        yield from self.tag_pages()
        yield from self.place_pages()
        yield from self.author_pages()
        yield self.lead_only(self.archive)
        yield self.lead_only(self.search_page)
        yield self.lead_only(self.not_found)

    def home(self) -> RenderedFile:
        issues = self.library.issues
        latest = self.issue_view(issues[-1], None, None) if issues else None
        recent = [self.summary(a) for a in self.library.newest_first(self.library.articles[-RECENT * 4:])[:RECENT]]
        meta = self.meta("", self.config.titles[self.language.code], feed=self.links.feed())
        return self.render("home.html", "index.html", meta=meta, latest=latest, recent=recent)

    def issue_view(self, issue: ArchiveIssue, previous: ArchiveIssue | None, following: ArchiveIssue | None) -> IssueView:
        return IssueView(
            url=self.links.issue(issue),
            date=self.language.format_date(issue.date),
            iso_date=issue.day,
            number=issue.number,
            articles=tuple(self.summary(a) for a in issue.articles),
            previous=Link(self.issue_label(previous), self.links.issue(previous)) if previous else None,
            next=Link(self.issue_label(following), self.links.issue(following)) if following else None,
        )

    def issue_page(self, issue: ArchiveIssue, previous, following) -> RenderedFile | None:
        def make() -> RenderedFile:
            view = self.issue_view(issue, previous, following)
            meta = self.meta(issue.path, self.issue_label(issue))
            return self.render("issue.html", issue.path + "index.html", meta=meta, issue=view)

        def depends() -> tuple:
            around = tuple((i.day, i.number) if i else None for i in (previous, following))
            return (tuple(self.article_key(a) for a in issue.articles), issue.day, issue.number, around)

        return self.cached(issue.path + "index.html", depends, make)

    def blocks(self, article: ArchiveArticle, edition: ArticleTranslation | None) -> tuple[BlockView, ...]:
        out: list[BlockView] = []
        ids: set[str] = set()
        dateline = article.article.dateline
        figure_number = 0
        first_paragraph = True
        for block in article.article.blocks:
            if block.type == "paragraph":
                text, lang, state = self.translated(edition, "paragraph", block.text)
                printed = ""
                if dateline and first_paragraph:
                    printed = (self.dateline(article, edition) + " —" if lang != self.source
                               else dateline.printed + dateline.credit)
                out.append(BlockView("paragraph", text=text, dateline=printed, lang=lang, state=state))
                first_paragraph = False
            elif block.type == "heading":
                text, lang, state = self.translated(edition, "heading", block.text)
                # Anchors come from the original sub-head: the same id in every language.
                base = "s-" + (to_slug(block.text or "", max_length=40, word_boundary=True) or "section")
                anchor, n = base, 2
                while anchor in ids:
                    anchor, n = f"{base}-{n}", n + 1
                ids.add(anchor)
                out.append(BlockView("heading", text=text, id=anchor, lang=lang, state=state))
            else:
                figure_number += 1
                caption, lang, state = self.translated(edition, "caption", block.caption)
                picture = self.pictures.get((article.issue.day, article.number, figure_number))
                image = None
                if picture:
                    srcset = ", ".join(f"{self.config.base_path}{v.path} {v.width}w" for v in picture.variants)
                    largest = picture.largest
                    image = ImageView(self.config.base_path + largest.path, srcset, largest.width, largest.height)
                out.append(BlockView("figure", caption=caption, image=image, lang=lang, state=state))
        return tuple(out)

    def translation_status(self, article: ArchiveArticle, blocks: tuple[BlockView, ...],
                           edition: ArticleTranslation) -> tuple[str, str]:
        counts = message_counts(article, edition)  # the same figures as `translations status`
        fuzzy, translated = counts["fuzzy"], counts["translated"]
        total = sum(counts.values())
        percent = round(100 * translated / total) if total else 100
        if fuzzy:
            status = self._("Translation partly out of date: %(count)d passage(s) changed in the original since they were translated.",
                            count=fuzzy)
        elif translated == total:
            status = self._("Complete translation.")
        else:
            status = self._("Partial translation: %(percent)d%% translated; the rest is shown in the original Chinese.",
                            percent=percent)
        p = edition.provenance
        method = self._("machine translation") if p.method == "machine" else self._("human translation")
        review = self._("reviewed") if p.reviewed else self._("not reviewed")
        who = p.translator or self._("an unnamed translator")
        provenance = self._("Translated by %(who)s (%(method)s, %(review)s).", who=who, method=method, review=review)
        return status, provenance

    def window_starts(self, article: ArchiveArticle) -> Iterator[tuple[str, int]]:
        """Per tag of the article, where the window of articles around it starts in the tag's list."""
        positions = self.tag_positions
        for tag in article.tags:
            yield tag.slug, max(0, positions[tag.slug][id(article)] - RELATED_WINDOW // 2)

    def related_windows(self, article: ArchiveArticle) -> Iterator[list[ArchiveArticle]]:
        """Per tag of the article, the articles around it in the tag's list: related() chooses among these."""
        by_tag = self.index.by_tag
        for slug, low in self.window_starts(article):
            yield by_tag[slug][low : low + RELATED_WINDOW]

    def related(self, article: ArchiveArticle) -> list[ArchiveArticle]:
        """Articles sharing the most tags, nearest in time first; bounded work per article."""
        shared: dict[int, int] = {}
        candidates: dict[int, ArchiveArticle] = {}
        for window in self.related_windows(article):
            for other in window:
                if other is not article:
                    shared[id(other)] = shared.get(id(other), 0) + 1
                    candidates[id(other)] = other
        distance = article.date.toordinal()
        ranked = sorted(candidates.values(), key=lambda o: (-shared[id(o)], abs(o.date.toordinal() - distance),
                                                            o.issue.day, o.number))
        return ranked[:RELATED]

    @functools.cached_property
    def tag_keys(self) -> dict[str, list[str]]:
        """Per tag, the keys of its articles in the tag's newest-first list: a window's keys are a slice."""
        assert self.keys is not None
        keys = self.keys.articles
        return {slug: [keys[id(a)] for a in tagged] for slug, tagged in self.index.by_tag.items()}

    @functools.cached_property
    def tag_positions(self) -> dict[str, dict[int, int]]:
        """Per tag, where each of its articles sits in the tag's newest-first list."""
        return {slug: {id(a): i for i, a in enumerate(tagged)} for slug, tagged in self.index.by_tag.items()}

    def article_page(self, article: ArchiveArticle) -> RenderedFile | None:
        siblings = article.issue.articles
        index = article.number - 1
        previous = siblings[index - 1] if index else None
        following = siblings[index + 1] if index + 1 < len(siblings) else None
        def depends() -> tuple:
            # related() is a function of the windows it chooses from (their articles, in order):
            # keyed by those, an unchanged page needs no ranking, and an old article's windows
            # do not change when new articles join its tags' lists.
            key, tag_keys = self.article_key, self.tag_keys
            windows = tuple(" ".join(tag_keys[slug][low : low + RELATED_WINDOW])
                            for slug, low in self.window_starts(article))
            return key(article), key(previous), key(following), windows

        return self.cached(article.path + "index.html", depends,
                           lambda: self.make_article_page(article, previous, following, self.related(article)))

    def make_article_page(self, article: ArchiveArticle, previous: ArchiveArticle | None,
                          following: ArchiveArticle | None, related: list[ArchiveArticle]) -> RenderedFile:
        issue = article.issue
        edition = self.edition(article)
        summary = self.summary(article)
        blocks = self.blocks(article, edition)
        status = provenance = ""
        if edition is not None:
            status, provenance = self.translation_status(article, blocks, edition)
        view = ArticleView(
            summary=summary,
            text_lang=self.language.html_lang if edition is not None else self.source,
            blocks=blocks,
            tags=tuple(Link(self.links.tag_name(t), self.links.tag(t)) for t in article.tags),
            places=tuple(Link(self.links.place_name(p), self.links.place(p)) for p in article.places),
            previous=self.neighbour(previous),
            next=self.neighbour(following),
            related=tuple(self.summary(a) for a in related),
            status=status,
            provenance=provenance,
            dateline_lang=self.language.html_lang if edition is not None else self.source,
        )
        title, _ = self.title_of(article)
        present = self.present_in(article)
        meta = self.meta(article.path, title, description=summary.lede[:160], og_type="article",
                         present_in=present, fallback=issue.path)
        meta.jsonld = script_json(self.news_article(article, meta.canonical, title, edition))
        return self.render("article.html", article.path + "index.html", meta=meta, article=view)

    def present_in(self, article: ArchiveArticle) -> set[str]:
        """The languages the article has a page in: the original's, and every edition's."""
        codes = {self.config.source_language}
        for code, editions in self.all_editions.items():
            if id(article) in editions:
                codes.add(code)
        return codes

    def neighbour(self, article: ArchiveArticle | None) -> Link | None:
        if article is None:
            return None
        title, lang = self.title_of(article)
        return Link(title, self.article_url(article), lang)

    def news_article(self, article: ArchiveArticle, url: str, title: str,
                     edition: ArticleTranslation | None) -> dict:
        a = article.article
        data: dict = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": article.date.isoformat(),
            "inLanguage": self.language.html_lang if edition is not None else self.source,
            "url": url,
            "author": [{"@type": "Person", "name": x.name} for x in article.authors],
            "isPartOf": {
                "@type": "PublicationIssue",
                "datePublished": article.issue.day,
                "url": self.links.absolute(self.links.issue(article.issue)),
                **({"issueNumber": str(article.issue.number)} if article.issue.number else {}),
            },
        }
        if edition is not None:
            original = self.default_links
            data["translationOfWork"] = {"@type": "NewsArticle", "url": original.absolute(original.article(article)),
                                         "inLanguage": self.source}
        alternative = [self.translated(edition, role, text)[0] for role, text in
                       (("kicker", a.kicker), ("subtitle", a.subtitle)) if text]
        if alternative:
            data["alternativeHeadline"] = " / ".join(alternative)
        if a.dateline:
            data["dateline"] = a.dateline.place
        return data

    def listing(self, path: str, title: str, articles: list[ArchiveArticle], **extra) -> Iterator[RenderedFile | None]:
        """A listing (`articles` newest first): the newest PAGE_SIZE at `path`, the rest on numbered pages.

        The numbered pages are cut from the oldest article on (page/1/ holds the oldest
        PAGE_SIZE), and only full ones are published, so their contents never shift: a new
        issue changes the first page and at most the newest numbered page of a listing,
        not every page of it.  The first page may repeat part of the newest numbered page.
        """
        oldest_first = articles[::-1]
        numbered = max(0, -(-len(articles) // PAGE_SIZE) - 1)  # full chunks before the newest one

        def page_url(number: int) -> str:
            return path if number > numbered else f"{path}page/{number}/"

        def make(here: str, chunk: list[ArchiveArticle], number: int) -> RenderedFile:
            heading = title if number > numbered else self._("%(title)s, page %(number)d", title=title, number=number)
            newer = None if number > numbered else page_url(number + 1)
            older = page_url(number - 1) if number > 1 else None
            meta = self.meta(here, heading, **extra)
            return self.render(
                "list.html", here + "index.html", meta=meta, heading=heading,
                articles=[self.summary(a) for a in chunk],
                previous=Link(self._("Newer"), self.links.url(newer)) if newer is not None else None,
                next=Link(self._("Older"), self.links.url(older)) if older is not None else None,
            )

        first = articles[:PAGE_SIZE]
        yield self.cached(path + "index.html",
                          lambda: (title, "first", numbered, sorted(extra.items()),
                                   tuple(self.article_key(a) for a in first)),
                          lambda: make(path, first, numbered + 1))
        for number in range(numbered, 0, -1):
            chunk = oldest_first[(number - 1) * PAGE_SIZE : number * PAGE_SIZE][::-1]
            here = page_url(number)
            yield self.cached(here + "index.html",
                              lambda chunk=chunk, number=number: (title, number, number == numbered,
                                                                  sorted(extra.items()),
                                                                  tuple(self.article_key(a) for a in chunk)),
                              lambda here=here, chunk=chunk, number=number: make(here, chunk, number))

    def index_page(self, folder: str, heading: str, entries: list[IndexEntry]) -> RenderedFile | None:
        """The page listing every tag, place or author."""
        return self.lead_only(lambda: self.render("index.html", f"{folder}/index.html",
                                                  meta=self.meta(f"{folder}/", heading), heading=heading,
                                                  entries=entries))

    def tag_pages(self) -> Iterator[RenderedFile | None]:
        by_tag = self.index.by_tag
        used = [t for t in self.library.tags if by_tag.get(t.slug)]
        entries = [IndexEntry(Link(self.links.tag_name(t), self.links.tag(t)), len(by_tag[t.slug])) for t in used]
        yield self.index_page("tags", self._("Tags"), entries)
        for tag in used:
            name = self.links.tag_name(tag)
            yield from self.listing(f"tags/{tag.slug}/", self._("Tag: %(name)s", name=name), by_tag[tag.slug],
                                    feed=self.links.tag_feed(tag))

    def place_pages(self) -> Iterator[RenderedFile | None]:
        by_place = self.index.by_place
        used = [p for p in self.library.places if by_place.get(p.slug)]
        entries = [IndexEntry(Link(self.links.place_name(p), self.links.place(p)), len(by_place[p.slug])) for p in used]
        yield self.index_page("places", self._("Places"), entries)
        for place in used:
            name = self.links.place_name(place)
            yield from self.listing(f"places/{place.slug}/", self._("Place: %(name)s", name=name),
                                    by_place[place.slug])

    def author_pages(self) -> Iterator[RenderedFile | None]:
        by_author = self.index.by_author
        authors = self.library.authors
        entries = [IndexEntry(Link(self.links.author_name(a), self.links.author(a)), len(by_author[a.slug]),
                              note=a.name if self.links.author_name(a) != a.name else "") for a in authors]
        yield self.index_page("authors", self._("Authors"), entries)
        for author in authors:
            name = self.links.author_name(author)
            yield from self.listing(f"authors/{author.slug}/", self._("Articles by %(name)s", name=name),
                                    by_author[author.slug])

    def archive(self) -> RenderedFile:
        by_month: dict[tuple[int, int], list[ArchiveIssue]] = defaultdict(list)
        for issue in self.library.issues:
            by_month[(issue.date.year, issue.date.month)].append(issue)
        weekdays = get_day_names("abbreviated", locale=self.language.locale)
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
                        CalendarDay(d, self.links.issue(days[d]), self.issue_label(days[d])) if d in days
                        else CalendarDay(d) for d in week))
                months.append(CalendarMonth(self.language.format_month(date(year, month, 1)), names, tuple(weeks),
                                            tuple(Link(self.issue_label(i), self.links.issue(i)) for i in issues)))
            years.append(YearView(year, tuple(months)))
        return self.render("archive.html", "archive/index.html", meta=self.meta("archive/", self._("Archive")),
                           years=years)

    def search_page(self) -> RenderedFile:
        meta = self.meta("search/", self._("Search"), noindex=True)
        return self.render("search.html", "search/index.html", meta=meta, bundles=self.search_bundles())

    def search_bundles(self) -> list[str]:
        """The search parts holding this language's pages, oldest first: the first one's
        bundle is Pagefind's primary (its index must be in this language), the rest are merged."""
        library = self.library
        if not library.articles:
            return [self.links.pagefind(WHOLE_SITE + "/")]
        partition = partition_of(library.articles)
        parts = {partition.part(article.date) for article in library.articles
                 if self.is_source or self.edition(article) is not None}
        return [self.links.pagefind(part + "/") for part in sorted(parts)]

    def not_found(self) -> RenderedFile:
        meta = self.meta("404.html", self._("Page not found"), noindex=True)
        return self.render("404.html", "404.html", meta=meta)

    def redirect(self, path: str, target: str) -> RenderedFile:
        meta = self.meta(path, self._("This page has moved"), noindex=True)
        meta.canonical = self.links.absolute(target)
        return self.render("redirect.html", path + "index.html", meta=meta, target=target)
