"""Authors (bylines): a page each, addressed and named in English by pinyin (戴紫君 -> Dai Zijun)."""
from __future__ import annotations

from dataclasses import dataclass

from pypinyin import Style, lazy_pinyin
from slugify import slugify


@dataclass(frozen=True)
class Author:
    name: str  # as printed: 戴紫君
    slug: str  # dai-zijun
    romanized: str  # Dai Zijun


def romanize(name: str) -> str:
    """Family name first, then the given name as one word, as Chinese names are written in English."""
    syllables = [s for s in lazy_pinyin(name, style=Style.NORMAL, errors="ignore") if s]
    if not syllables:
        return name
    if len(syllables) == 1:
        return syllables[0].capitalize()
    return f"{syllables[0].capitalize()} {''.join(syllables[1:]).capitalize()}"


def author_for(name: str, taken: set[str]) -> Author:
    roman = romanize(name)
    base = slugify(roman) or slugify(name) or "author"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return Author(name, slug, roman)
