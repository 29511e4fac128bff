"""The translated editions: each translation language's catalogs read from content/translations/."""
from __future__ import annotations

import hashlib

from site_builder.archive.catalogs import (
    ArticleTranslation,
    catalog_for,
    load_translation,
)
from site_builder.archive.library import Library
from site_builder.core import files
from site_builder.core.errors import Diagnostic, Severity, SiteBuilderError, SourceSpan


def load_editions(library: Library, warnings: list[Diagnostic],
                  catalogs: dict[int, list[str]] | None = None) -> dict[str, dict[int, ArticleTranslation]]:
    """Per translation language, the articles whose title is translated, with their catalogs.

    catalogs: filled with each article's catalog digests (language by language), for the render keys.
    """
    editions: dict[str, dict[int, ArticleTranslation]] = {}
    for language in library.config.translations:
        found: dict[int, ArticleTranslation] = {}
        for article in library.articles:
            path = catalog_for(library.config.content, language.code, article)
            if not path.exists() and not path.is_symlink():
                continue
            try:
                translation = load_translation(path)
            except SiteBuilderError as error:
                warnings.append(Diagnostic("catalog-broken", error.message, error.span or SourceSpan(str(path)),
                                           Severity.WARNING, "the article is shown untranslated until the catalog is fixed"))
                continue
            if catalogs is not None:
                catalogs.setdefault(id(article), []).append(
                    language.code + ":" + hashlib.blake2b(files.read_bytes(path), digest_size=16).hexdigest())
            if article.article.title and translation.get("title", article.article.title):
                found[id(article)] = translation
        editions[language.code] = found
    return editions
