"""Typographic quotes in translated text: "Don't worry" -> “Don’t worry”.

Translators and machine translation type straight quotes; a printed English page
sets curly ones.  markdown-it-py's typographer decides which quote opens and which
closes (and that an apostrophe is a closing single quote); its "zero" preset reads no
other markup, so `*`, `[` or `&` in a sentence stay as typed.  The article's own
text (the original) is left as the paper printed it.
"""
from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt


@lru_cache(maxsize=8)
def _typographer(quotes: str) -> MarkdownIt:
    return MarkdownIt("zero", {"typographer": True, "quotes": quotes}).enable(["smartquotes"])


# A title is shown on every listing that names its article: each text is set once.
@lru_cache(maxsize=65536)
def curly_quotes(text: str, quotes: str) -> str:
    """`text` with its straight quotes and apostrophes set as `quotes` (open, close, inner open, inner close)."""
    if "'" not in text and '"' not in text:
        return text
    out: list[str] = []
    for token in _typographer(quotes).parseInline(text):
        for child in token.children or []:
            out.append("\n" if child.type in ("softbreak", "hardbreak") else child.content)
    return "".join(out)
