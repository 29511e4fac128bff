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
