"""Ordinary pages: About and the like, written in Markdown in content/pages/ (archive/pages.py)."""
from __future__ import annotations

from collections.abc import Iterator

from markdown_it import MarkdownIt
from markupsafe import Markup

from site_builder.archive.pages import ContentPage
from site_builder.site.language import LanguageView
from site_builder.site.spec import PageSpec
from site_builder.site.urls import HOME, content_page_path, page_file

# CommonMark with tables and strikethrough; raw HTML in a page is shown as text, never
# passed through, and javascript: links are refused (markdown-it's validateLink).
_MARKDOWN = MarkdownIt("js-default")


def markdown_html(text: str) -> Markup:
    return Markup(_MARKDOWN.render(text))


class OrdinaryPages:
    def __init__(self, view: LanguageView) -> None:
        self.view = view

    def specs(self) -> Iterator[PageSpec]:
        view = self.view
        for page in view.library.pages:
            if page.language == view.language.code:
                yield self.spec(page)

    def spec(self, page: ContentPage) -> PageSpec:
        view = self.view
        path = content_page_path(page.slug)
        present = {p.language for p in view.library.pages if p.slug == page.slug}

        def make() -> bytes:
            meta = view.meta(path, page.title, description=page.description, present_in=present, fallback=HOME)
            return view.render("page.html", meta=meta, body=markdown_html(page.markdown))

        return PageSpec(page_file(view.language, path), make,
                        lambda: (page.title, page.description, page.markdown, tuple(sorted(present))),
                        view.language.code, path, template="page.html")
