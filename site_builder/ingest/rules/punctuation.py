"""ASCII `, : ; ( ) ! ?` standing next to Chinese text become full width.

Punctuation inside numbers and Latin text (10:18:37, 1,000, (AI) in English)
is left alone: a mark is converted only when a neighbour is Chinese.
"""
from __future__ import annotations

import re

from ..chars import CJK

_PAIRS = ((",", "，"), (":", "："), (";", "；"), ("(", "（"), (")", "）"), ("!", "！"), ("?", "？"))
_MARKS = ",:;()!?"
_ANY_MARK = re.compile(r"[,:;()!?]")
# A run of marks that touches no Chinese character on either side stays ASCII
# (10:18:37, 1,000, "(AI)" in English).  A run converts as a whole: in "类),2"
# the bracket touches Chinese and the comma follows it.  The possessive `++`
# and the lookbehind make each match a whole run, found in linear time.
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
    if not pieces:
        return full
    pieces.append(full[last:])
    return "".join(pieces)
