"""Cleaning text that comes from configuration and catalogs, as the parser cleans sources.

Bidi embedding/override/isolate controls (which can make text display reversed
or disguised), zero-width and other control characters are removed; HTML
escaping is the templates' job and happens later.
"""
from __future__ import annotations

import re

_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str) -> str:
    return _INVISIBLE.sub("", text) if _INVISIBLE.search(text) else text


_CLAUSE_END = "。！？；，、"


def clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters where a reader would stop: after a Chinese
    sentence or clause mark, or at a space between words, with an ellipsis; never mid-word."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    for stops in ("。！？", _CLAUSE_END):  # a whole sentence if one ends far enough in, else a clause
        mark = max(head.rfind(stop) for stop in stops)
        if mark >= limit // 2:
            return head[: mark + 1] + ("" if head[mark] in "。！？" else "…")
    space = head.rfind(" ")
    if space >= limit // 2:
        return head[:space].rstrip(",;:") + "…"
    return head + "…"
