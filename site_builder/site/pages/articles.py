"""Article pages: the text with its furniture, translated where an edition exists, and the
redirect pages that keep an article's old addresses answering."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from site_builder.archive.catalogs import ArticleTranslation, Coverage
from site_builder.archive.library import ArchiveArticle, ArchiveIssue
from site_builder.core.slugs import to_slug
from site_builder.core.text import clip
from site_builder.site.jsonld import script_json
from site_builder.site.pages.bilingual import BilingualPages, bilingual_links, has_bilingual
from site_builder.site.language import LanguageView
from site_builder.site.related import Related
from site_builder.site.spec import PageSpec
from site_builder.site.urls import (
    article_path,
    bilingual_path,
    issue_path,
    moved_article_path,
    page_file,
)
from site_builder.site.views import ArticleView, BlockView, ImageView, Link


class ArticlePages:
    def __init__(self, view: LanguageView, related: Related) -> None:
        self.view = view
        self.related = related
        self.bilingual = BilingualPages(view, self)

    def specs(self, issue: ArchiveIssue) -> Iterator[PageSpec]:
        view = self.view
        language = view.language
        for article in issue.articles:
            if not view.has_page(article):
                continue
            yield self.spec(article)
            yield from self.bilingual.specs(article)
            for old in article.redirects:
                path = moved_article_path(issue, old)
                yield PageSpec(page_file(language, path),
                               lambda path=path, article=article: self.redirect(path, view.links.article(article)),
                               language=language.code)

    def spec(self, article: ArchiveArticle) -> PageSpec:
        siblings = article.issue.articles
        index = article.number - 1
        previous = siblings[index - 1] if index else None
        following = siblings[index + 1] if index + 1 < len(siblings) else None
        path = article_path(article)
        # The related list is a function of the windows it is chosen from: keyed by those, an
        # unchanged page needs no ranking, and an old article's windows do not change when new
        # articles join its tags' lists.
        return PageSpec(page_file(self.view.language, path),
                        lambda: self.make(article, previous, following),
                        lambda: (article, previous, following, self.related.windows(article)),
                        self.view.language.code, path, template="article.html")

    def make(self, article: ArchiveArticle, previous: ArchiveArticle | None,
             following: ArchiveArticle | None) -> bytes:
        view = self.view
        links = view.links
        issue = article.issue
        edition = view.edition(article)
        summary = view.summary(article)
        kind = view.edition_kind(article)
        blocks = self.blocks(article, edition)
        original: tuple[BlockView, ...] = ()
        status = provenance = ""
        if kind == "headline":
            # Only the headline is translated: a short page that leads to the original, never the
            # Chinese text under an English headline; its lead photo, when one is archived, stays.
            # A caption still in Chinese is left out (the photo's text is then empty, as for a
            # photo with no caption): no Chinese under the English headline.
            blocks = tuple(block if block.state != "untranslated" else replace(block, caption="", lang="")
                           for block in blocks if block.image)[:1]
        elif kind:
            blocks, original = self.split_original(blocks)
        if edition is not None:
            status, provenance = self.translation_status(view.coverage(article), edition)
        if has_bilingual(view, article):
            bilingual = (Link(view._("Read side by side with the original"), view.links.url(bilingual_path(article))),)
        else:
            bilingual = bilingual_links(view, article)
        article_view = ArticleView(
            summary=summary,
            text_lang=view.language.html_lang if edition is not None else view.source,
            blocks=blocks,
            tags=tuple(Link(links.tag_name(t), links.tag(t)) for t in article.tags),
            places=tuple(Link(links.place_name(p), links.place(p)) for p in article.places),
            previous=self.neighbour(previous),
            next=self.neighbour(following),
            related=tuple(view.summary(a) for a in self.related.of(article)),
            status=status,
            provenance=provenance,
            dateline_lang=view.language.html_lang if edition is not None else view.source,
            kind=kind,
            original=original,
            original_url=view.source_links.article(article),
            original_length=(view.language.format_number(sum(not ch.isspace() for ch in article.text()))
                             if kind == "headline" else ""),
            bilingual=bilingual,
        )
        title, _ = view.title_of(article)
        description = summary.lede or (summary.subtitle if summary.lang == view.language.html_lang else "")
        if kind == "headline" and not description:
            description = view._("%(title)s: an article of %(date)s, its text in Chinese.", title=title,
                                 date=summary.date)
        meta = view.meta(article_path(article), title, description=clip(description, 160), og_type="article",
                         present_in=self.present_in(article), fallback=issue_path(issue))
        meta.published = view.config.moment(article.date)
        meta.image = self.lead_image(article)
        meta.jsonld = script_json(self.news_article(article, meta.canonical, title, edition, meta.image))
        return view.render("article.html", meta=meta, article=article_view)

    def blocks(self, article: ArchiveArticle, edition: ArticleTranslation | None) -> tuple[BlockView, ...]:
        view = self.view
        out: list[BlockView] = []
        ids: set[str] = set()
        dateline = article.article.dateline
        figure_number = 0
        first_paragraph = True
        for block in article.article.blocks:
            if block.type == "paragraph":
                text, lang, state = view.translated(edition, "paragraph", block.text)
                printed = ""
                if dateline and first_paragraph:
                    if lang == view.source:
                        printed = dateline.printed + dateline.credit
                    elif view.dateline(article, edition):
                        printed = view.dateline(article, edition) + " —"
                out.append(BlockView("paragraph", text=text, dateline=printed, lang=lang, state=state))
                first_paragraph = False
            elif block.type == "heading":
                text, lang, state = view.translated(edition, "heading", block.text)
                # Anchors come from the original sub-head: the same id in every language.
                base = "s-" + (to_slug(block.text or "", max_length=40, word_boundary=True) or "section")
                anchor, n = base, 2
                while anchor in ids:
                    anchor, n = f"{base}-{n}", n + 1
                ids.add(anchor)
                # A sub-head is a label, not a sentence: the full stop some papers print after one is
                # dropped from the page (never from the text or its catalog).
                shown = (text or "").rstrip("。．") or text
                out.append(BlockView("heading", text=shown, id=anchor, lang=lang, state=state))
            else:
                figure_number += 1
                caption, lang, state = view.translated(edition, "caption", block.caption)
                picture = view.pictures.get((article.issue.day, article.number, figure_number))
                image = None
                if picture:
                    srcset = ", ".join(f"{view.links.media(v.path)} {v.width}w" for v in picture.variants)
                    webp = (", ".join(f"{view.links.media(v.webp)} {v.width}w" for v in picture.variants)
                            if picture.has_webp else "")
                    largest = picture.largest
                    image = ImageView(view.links.media(largest.path), srcset, largest.width, largest.height, webp)
                out.append(BlockView("figure", caption=caption, image=image, lang=lang, state=state))
        return tuple(out)

    @staticmethod
    def split_original(blocks: tuple[BlockView, ...]) -> tuple[tuple[BlockView, ...], tuple[BlockView, ...]]:
        """A translation's blocks, and apart, in their order, the passages still in the original: they
        are shown together under one heading, as the original, never among the English ones. A
        photo stays in the text; a caption not yet translated goes with the original."""
        body: list[BlockView] = []
        original: list[BlockView] = []
        for block in blocks:
            if block.state != "untranslated":
                body.append(block)
            elif block.type == "figure":
                if block.image:  # the photo stays; its caption is the <img>'s text (lang marked)
                    body.append(block)
                if block.caption:
                    original.append(BlockView("caption", text=block.caption, lang=block.lang))
            else:
                original.append(block)
        return tuple(body), tuple(original)

    def translation_status(self, coverage: Coverage, edition: ArticleTranslation) -> tuple[str, str]:
        """What the edition is, counted on the article's text (the same figures as `translations status`)."""
        _ = self.view._
        kind = coverage.kind
        out_of_date = (_("Translation partly out of date: %(count)d passage(s) changed in the original since they "
                         "were translated.", count=coverage.fuzzy) if coverage.fuzzy else "")
        if kind == "headline":
            status = _("Only the headline of this article has been translated so far: its text is in Chinese.")
        elif kind == "complete":
            status = out_of_date or _("Complete translation.")
        else:
            status = " ".join(filter(None, (_(
                "Partial translation: %(translated)d of %(total)d passages translated; the other %(rest)d are given "
                "below in the original Chinese.", translated=coverage.translated + coverage.fuzzy,
                total=coverage.total, rest=coverage.untranslated), out_of_date)))
        p = edition.provenance
        method = _("machine translation") if p.method == "machine" else _("human translation")
        review = _("reviewed") if p.reviewed else _("not reviewed")
        who = p.translator or _("an unnamed translator")
        provenance = _("Translated by %(who)s (%(method)s, %(review)s).", who=who, method=method, review=review)
        return status, provenance

    def present_in(self, article: ArchiveArticle) -> set[str]:
        """The languages the article has a page in: the original's, and every edition's."""
        codes = {self.view.config.source_language}
        for code, editions in self.view.all_editions.items():
            if id(article) in editions:
                codes.add(code)
        return codes

    def neighbour(self, article: ArchiveArticle | None) -> Link | None:
        if article is None:
            return None
        title, lang = self.view.title_of(article)
        return Link(title, self.view.article_url(article), lang)

    def lead_image(self, article: ArchiveArticle) -> ImageView | None:
        """The article's first archived photo, its largest JPEG at an absolute address (for
        link previews and structured data, which want one image, not a srcset)."""
        figures = sum(block.type == "figure" for block in article.article.blocks)
        for number in range(1, figures + 1):
            picture = self.view.pictures.get((article.issue.day, article.number, number))
            if picture:
                largest = picture.largest
                src = self.view.links.absolute(self.view.links.media(largest.path))
                return ImageView(src, "", largest.width, largest.height)
        return None

    def news_article(self, article: ArchiveArticle, url: str, title: str,
                     edition: ArticleTranslation | None, image: ImageView | None = None) -> dict:
        """schema.org NewsArticle, each text in the language it is in. A headline-only page is
        about the original: its headline in Chinese, its English one as the name, its language
        Chinese; a partial translation is in both languages."""
        view = self.view
        a = article.article
        kind = view.edition_kind(article)
        original = view.source_links
        languages = {"": view.source, "headline": view.source, "partial": [view.language.html_lang, view.source]}
        data: dict = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title if kind == "headline" else title,
            "datePublished": view.config.moment(article.date),
            "inLanguage": languages.get(kind, view.language.html_lang),
            "url": url,
            # The name as the page shows it: pinyin on an English page.
            "author": [{"@type": "Person", "name": view.links.author_name(x)} for x in article.authors],
            "publisher": {"@type": "NewsMediaOrganization", "name": view.config.titles[view.language.code],
                          "url": view.links.absolute(view.links.home())},
            "isPartOf": {
                "@type": "PublicationIssue",
                "datePublished": article.issue.day,
                "url": view.links.absolute(view.links.issue(article.issue)),
                **({"issueNumber": str(article.issue.number)} if article.issue.number else {}),
            },
        }
        if kind == "headline":
            data["name"] = title
            data["url"] = original.absolute(original.article(article))
            data["mainEntityOfPage"] = url
        elif edition is not None:
            data["translationOfWork"] = {"@type": "NewsArticle", "url": original.absolute(original.article(article)),
                                         "inLanguage": view.source}
        # Only what is in the headline's language: an untranslated kicker is not an English one.
        if kind == "headline":
            alternative = [text for text in (a.kicker, a.subtitle) if text]
        else:
            alternative = [text for text, lang, _ in (view.translated(edition, role, text) for role, text in
                                                      (("kicker", a.kicker), ("subtitle", a.subtitle)) if text)
                           if lang == view.language.html_lang]
        if alternative:
            data["alternativeHeadline"] = " / ".join(alternative)
        if image is not None:
            data["image"] = {"@type": "ImageObject", "url": image.src, "width": image.width, "height": image.height}
        if a.dateline:
            place = a.dateline.place if edition is None or kind == "headline" else view.dateline(article, edition)
            if place:
                data["dateline"] = place
        return data

    def redirect(self, path: str, target: str) -> bytes:
        view = self.view
        meta = view.meta(path, view._("This page has moved"), noindex=True)
        meta.canonical = view.links.absolute(target)
        return view.render("redirect.html", meta=meta, target=target)
