"""Slugs: python-slugify over pinyin read word by word (pypinyin), transliteration fixed to text-unidecode.

text-unidecode reads Chinese one character at a time, so a polyphonic character gets its
most common reading whatever the word: 重庆银行行长 came out zhong-qing-yin-xing-xing-chang.
pypinyin reads words (重庆 chong-qing, 银行 yin-hang, 行长 hang-zhang), so titles are given
to it first; what is not Chinese passes through to slugify unchanged.

slugify()'s default backend prefers Unidecode when it is installed: a slug,
which is a published address, would then change with what else happens to
be in the environment. Naming the backend also skips slugify's attempt to
import Unidecode on every call, which fails again each time it is absent and
cost about a quarter of a millisecond per sub-head when rendering.
"""
from __future__ import annotations

from slugify import slugify


def to_slug(text: str, max_length: int = 0, word_boundary: bool = False) -> str:
    return slugify(text, max_length=max_length, word_boundary=word_boundary, backend="text-unidecode")


def pinyin_slug(text: str, max_length: int = 0, word_boundary: bool = False) -> str:
    """The slug of a Chinese title, its words read as words: 重庆银行行长 -> chong-qing-yin-hang-hang-zhang."""
    # Imported here: pypinyin's phrase dictionary takes a third of a second to load, and only a
    # build that meets a new title needs it (recorded slugs are read from permalinks.toml).
    from pypinyin import Style, lazy_pinyin

    return to_slug(" ".join(lazy_pinyin(text, style=Style.NORMAL)), max_length, word_boundary)
