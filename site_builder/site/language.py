"""One language of the site: its interface strings, its Jinja environment, and the views of
articles and issues as its pages show them (made once per article and language)."""
from __future__ import annotations

import re
from pathlib import Path

import jinja2
from markupsafe import Markup

from site_builder.archive.catalogs import NAME_SEPARATOR, ArticleTranslation, Coverage, coverage
from site_builder.archive.library import (
    ArchiveArticle,
    ArchiveIssue,
    ArticleIndex,
    Library,
)
from site_builder.core.config import SiteConfig
from site_builder.core.text import clip
from site_builder.core.errors import SiteBuilderError, SourceSpan
from site_builder.core.languages import Language
from site_builder.site.feeds import FeedEntry
from site_builder.site.images import Picture
from site_builder.site.theme import environment, load_translations, render_page
from site_builder.site.urls import Links
from site_builder.site.typography import curly_quotes
from site_builder.site.views import (
    Alternate,
    ArticleSummary,
    IssueView,
    Link,
    PageMeta,
    Switch,
)


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


class LanguageView:
    """What the pages of one language share."""

    def __init__(self, library: Library, index: ArticleIndex, language: Language,
                 pictures: dict[tuple[str, int, int], Picture],
                 editions: dict[str, dict[int, ArticleTranslation]]) -> None:
        self.library = library
        self.index = index
        self.config: SiteConfig = library.config
        self.language = language
        self.source = self.config.source.html_lang  # the articles' own language
        self.is_source = language.code == self.config.source_language
        # Articles that exist in each translation language (their title is translated).
        self.all_editions = editions
        self.editions = editions.get(language.code, {})
        # One Links per language, made once: each memoises the URLs it makes.
        self.all_languages = [(lang, Links(self.config, lang)) for lang in self.config.languages]
        self.links = next(links for lang, links in self.all_languages if lang == language)
        self.default_links = next(links for lang, links in self.all_languages if lang == self.config.default)
        self.source_links = next(links for lang, links in self.all_languages if lang == self.config.source)
        self.others = [(lang, links) for lang, links in self.all_languages if lang != language]
        self.pictures = pictures
        self._summaries: dict[int, ArticleSummary] = {}
        self._coverage: dict[int, Coverage] = {}
        self.translations = load_translations(self.config, language)
        self.env = environment(self.config, language, self.translations)
        # Templates call teaser() for every article they list; each is made once per page kind.
        self.env.globals["teaser"] = self.teaser
        self._teasers: dict[tuple[int, int, bool], Markup] = {}
        self._macros = None
        # The ordinary pages of this language (content/pages/), linked from every page's footer.
        self.footer_pages = tuple(Link(p.title, self.links.content_page(p.slug))
                                  for p in library.pages if p.language == language.code)

    def _(self, message: str, **values) -> str:
        """An interface string in this language (the same catalog the templates use)."""
        text = self.translations.gettext(message)
        return text % values if values else text

    # -- a page's head and its rendering ------------------------------------------------
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
        switches = tuple(
            Switch(other.label, other.html_lang, other_links.url(path)) if exists(other)
            else Switch(other.label, other.html_lang, other_links.url(fallback),
                        note=self._("No %(language)s edition of this article yet", language=other.label))
            for other, other_links in self.others
        )
        locales = [lang.og_locale for lang, _ in self.others if exists(lang)]
        return PageMeta(title=title, description=description or self.config.descriptions[self.language.code],
                        canonical=canonical, alternates=alternates, switches=switches, locale_alternates=locales, **extra)

    def render(self, template: str, **context) -> bytes:
        try:
            html = render_page(self.env.get_template(template), {
                "site_title": self.config.titles[self.language.code],
                "lang": self.language,
                "source_lang": self.source,
                "links": self.links,
                "footer_pages": self.footer_pages,
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
        return html.encode("utf-8")

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

    # -- articles as this language shows them -------------------------------------------
    def edition(self, article: ArchiveArticle) -> ArticleTranslation | None:
        """The article's translation into this language, when it has an edition here."""
        return None if self.is_source else self.editions.get(id(article))

    def coverage(self, article: ArchiveArticle) -> Coverage:
        """How much of the article this language's edition covers (archive/catalogs.py decides)."""
        found = self._coverage.get(id(article))
        if found is None:
            found = self._coverage[id(article)] = coverage(article, self.edition(article))
        return found

    def edition_kind(self, article: ArchiveArticle) -> str:
        """"" on the original's pages; otherwise complete | partial | headline | none."""
        return "" if self.is_source else self.coverage(article).kind

    def has_page(self, article: ArchiveArticle) -> bool:
        return self.is_source or self.edition(article) is not None

    def translated(self, edition: ArticleTranslation | None, role: str, text: str | None) -> tuple[str, str, str]:
        """(text, its language, state) with state translated | fuzzy | untranslated | source."""
        if not text:
            return "", self.language.html_lang, "source"
        if edition is None:
            return text, self.source, "source" if self.is_source else "untranslated"
        found = edition.get(role, text)
        if found is None:
            return text, self.source, "untranslated"
        return curly_quotes(found[0], self.language.quotes), self.language.html_lang, "fuzzy" if found[1] else "translated"

    def title_of(self, article: ArchiveArticle) -> tuple[str, str]:
        text, lang, _ = self.translated(self.edition(article), "title", article.title)
        return text, lang

    def article_url(self, article: ArchiveArticle) -> str:
        """This language's page of the article, or the original when there is no edition here."""
        if self.has_page(article):
            return self.links.article(article)
        return self.source_links.article(article)

    def bylines(self, article: ArchiveArticle, edition: ArticleTranslation | None) -> tuple[Link, ...]:
        names = [self.links.author_name(x) for x in article.authors]
        if edition is not None and article.article.bylines:
            found = edition.get("byline", NAME_SEPARATOR.join(article.article.bylines))
            if found is not None:
                parts = [p.strip() for p in re.split(r"[,、;]|\band\b", found[0]) if p.strip()]
                if len(parts) == len(names):
                    names = parts
        return tuple(Link(name, self.links.author(x)) for name, x in zip(names, article.authors))

    def summary(self, article: ArchiveArticle) -> ArticleSummary:
        """The article as listings show it; made once per article and language."""
        cached = self._summaries.get(id(article))
        if cached is None:
            cached = self._summaries[id(article)] = self._summary(article)
        return cached

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
                    lede, lede_lang = clip(text, 220), lang
        if not self.is_source and lede_lang == self.source:
            # An English listing never shows Chinese text as an English summary.
            lede = ""
        kind = self.edition_kind(article)
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
            original_only=not self.has_page(article),
            edition="original" if kind == "none" else kind if kind in ("headline", "partial") else "",
            issue_number=self._("Issue %(number)s", number=article.issue.number) if article.issue.number else "",
        )

    def feed_entry(self, article: ArchiveArticle) -> FeedEntry:
        summary = self.summary(article)
        text = summary.lede
        if summary.edition == "headline":
            text = summary.subtitle or self._("Only the headline of this article has been translated so far: "
                                              "its text is in Chinese.")
        return FeedEntry(summary.title, summary.url, text, summary.lang)

    def dateline(self, article: ArchiveArticle, edition: ArticleTranslation | None) -> str:
        dateline = article.article.dateline
        if dateline is None:
            return ""
        if edition is None:
            return dateline.printed
        for place in article.places:
            if dateline.place in place.spellings or any(s.startswith(dateline.place) for s in place.spellings):
                return self.links.place_name(place)
        return ""  # a place the gazetteer does not name: no Chinese shown as a translation

    def issue_label(self, issue: ArchiveIssue) -> str:
        when = self.language.format_date(issue.date)
        if issue.number:
            return self._("Issue %(number)s, %(date)s", number=issue.number, date=when)
        return when

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
