"""ASCII `, : ; ( ) ! ?` standing next to Chinese text become full width.

Punctuation inside numbers and Latin text (10:18:37, 1,000, (AI) in English)
is left alone: a mark is converted only when a neighbour is Chinese.
"""
from __future__ import annotations

import re

from site_builder.ingest.chars import CJK

_PAIRS = ((",", "，"), (":", "："), (";", "；"), ("(", "（"), (")", "）"), ("!", "！"), ("?", "？"))
_MARKS = ",:;()!?"
_ANY_MARK = re.compile(r"[,:;()!?]")
# A run of marks that touches no Chinese character on either side stays ASCII
# (10:18:37, 1,000, "(AI)" in English).  A run converts as a whole: in "类),2"
# the bracket touches Chinese and the comma follows it.  The possessive `++`
# and the lookbehind make each match a whole run, found in linear time.
_PAIR = re.compile(r"\(([^()\n]{0,60})\)")
_CJK_CHAR = re.compile(f"[{CJK}]")
_ASCII_RUN = re.compile(f"(?<![{CJK}{re.escape(_MARKS)}])[,:;()!?]++(?![{CJK}])")


def to_full_width(text: str) -> str:
    if not _ANY_MARK.search(text):
        return text
    # Chained str.replace runs in C; str.translate with a dict is far slower on
    # non-ASCII text.
    full = text
    for ascii_mark, full_mark in _PAIRS:
        if ascii_mark in full:
            full = full.replace(ascii_mark, full_mark)
    pieces: list[str] = []
    last = 0
    for m in _ASCII_RUN.finditer(text):
        pieces.append(full[last : m.start()])
        pieces.append(m.group(0))
        last = m.end()
    if pieces:
        pieces.append(full[last:])
        full = "".join(pieces)
    if "(" in text and ")" in text:
        full = _pair_brackets(text, full)
    return full


def _pair_brackets(text: str, full: str) -> str:
    """A bracket pair takes one width: full when it follows Chinese or encloses it.

    `能(AI)技` -> `能（AI）技`, `G7(京新高速)` -> `G7（京新高速）`, but `alert(1)和`
    keeps `(1)` whole rather than ending up as `(1）`.
    """
    chars: list[str] | None = None
    for m in _PAIR.finditer(text):
        start, end = m.start(), m.end() - 1
        inner = m.group(1)
        chinese = (start > 0 and _CJK_CHAR.match(text[start - 1]) is not None) or (
            bool(inner) and (_CJK_CHAR.match(inner[0]) is not None or _CJK_CHAR.match(inner[-1]) is not None)
        )
        want = ("（", "）") if chinese else ("(", ")")
        if (full[start], full[end]) != want:
            if chars is None:
                chars = list(full)
            chars[start], chars[end] = want
    return "".join(chars) if chars is not None else full
