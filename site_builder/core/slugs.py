"""Slugs: python-slugify, with its transliteration fixed to text-unidecode (Chinese -> toneless pinyin).

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
