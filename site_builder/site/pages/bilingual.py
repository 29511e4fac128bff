"""The bilingual reading view of a translated article: each passage of the original beside its
translation (as NYT 中文网's 双语 pages), at `<article>/bilingual/` in the translation's language.

Only an edition whose body is translated (complete or partial) has one: a headline-only
edition has nothing to set beside the original.  The page is a way of reading, not another
article: it is left out of the search index (no data-pagefind-body), of the sitemap and of
search engines (noindex: its text is that of two pages they index).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from site_builder.archive.catalogs import coverage
from site_builder.archive.library import ArchiveArticle
from site_builder.site.language import LanguageView
from site_builder.site.spec import PageSpec
from site_builder.site.urls import bilingual_path, page_file
from site_builder.site.views import ArticleSummary, BlockView, Link, Switch

BODY_TRANSLATED = ("complete", "partial")  # the edition kinds with a body to set beside the original


@dataclass(frozen=True)
class PassagePair:
    """One passage of the article: the original and, beside it, the translation (or its absence)."""

    type: str  # paragraph | heading | figure
    original: BlockView
    translation: BlockView | None  # None: not yet translated

    @property
    def image(self):
        return self.original.image


@dataclass(frozen=True)
class BilingualView:
    title: str  # the translated headline
    original_title: str
    summary: ArticleSummary  # the article as this language lists it: date, issue, bylines
    pairs: tuple[PassagePair, ...]
    translation_url: str  # the edition's own page
    original_url: str  # the article in its own language
    status: str  # what the edition is (complete / partial, with figures)
    provenance: str


def has_bilingual(view: LanguageView, article: ArchiveArticle) -> bool:
    return view.edition_kind(article) in BODY_TRANSLATED


def bilingual_links(view: LanguageView, article: ArchiveArticle) -> tuple[Link, ...]:
    """From the original's page: the bilingual view in each language whose edition has one."""
    if not view.is_source:
        return ()
    found = []
    for language, links in view.others:
        edition = view.all_editions.get(language.code, {}).get(id(article))
        if edition is not None and coverage(article, edition).kind in BODY_TRANSLATED:
            found.append(Link(view._("Read side by side with the %(language)s translation", language=language.label),
                              links.url(bilingual_path(article)), language.html_lang))
    return tuple(found)


class BilingualPages:
    def __init__(self, view: LanguageView, articles) -> None:
        self.view = view
        self.articles = articles  # ArticlePages: its blocks() and translation_status()

    def specs(self, article: ArchiveArticle) -> Iterator[PageSpec]:
        if not has_bilingual(self.view, article):
            return
        path = bilingual_path(article)
        yield PageSpec(page_file(self.view.language, path), lambda: self.make(article, path),
                       lambda: (article, "bilingual"), self.view.language.code, template="bilingual.html")

    def make(self, article: ArchiveArticle, path: str) -> bytes:
        view = self.view
        edition = view.edition(article)
        originals = self.articles.blocks(article, None)
        translations = self.articles.blocks(article, edition)
        pairs = tuple(
            PassagePair(original.type, original,
                        None if translation.state == "untranslated" and original.type != "figure" else translation)
            for original, translation in zip(originals, translations, strict=True)
            # A photo neither archived nor captioned has nothing to show in either column.
            if original.type != "figure" or original.image or original.caption)
        summary = view.summary(article)
        title, _ = view.title_of(article)
        status, provenance = self.articles.translation_status(view.coverage(article), edition)
        page = BilingualView(
            title=title, original_title=article.title, summary=summary, pairs=pairs,
            translation_url=view.links.article(article), original_url=view.source_links.article(article),
            status=status, provenance=provenance)
        heading = view._("%(title)s (side by side with the original)", title=title)
        meta = view.meta(path, heading, description=summary.lede if summary.lede_lang == view.language.html_lang else "",
                         present_in={view.language.code}, fallback=path, noindex=True)
        # The switcher leads to the article itself in each other language (this view exists only here).
        meta.switches = tuple(
            Switch(other.label, other.html_lang,
                   links.article(article) if other.code == view.config.source_language
                   or id(article) in view.all_editions.get(other.code, {}) else view.source_links.article(article))
            for other, links in view.others)
        return view.render("bilingual.html", meta=meta, page=page)
