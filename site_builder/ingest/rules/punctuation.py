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
# The same runs, looked for from each mark that may open one (see ascii_runs).
_RUN_FROM = {mark: re.compile(re.escape(mark) + f"[,:;()!?]*+(?![{CJK}])") for mark in _MARKS}
_BEFORE_RUN = re.compile(f"[{CJK}{re.escape(_MARKS)}]")


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
    for start, end in ascii_runs(text):
        pieces.append(full[last:start])
        pieces.append(text[start:end])
        last = end
    if pieces:
        pieces.append(full[last:])
        full = "".join(pieces)
    if "(" in text and ")" in text:
        full = _pair_brackets(text, full)
    return full


def ascii_runs(text: str) -> list[tuple[int, int]]:
    """Where `_ASCII_RUN` matches in the text (its runs that stay ASCII), found mark by mark.

    `_ASCII_RUN` opens with a look behind, so the regular-expression engine tries it at every
    character of the text; a pattern opening with one literal mark is looked for by a fast
    search instead.  Seven such searches (one per mark the text holds), with the look behind
    checked at each rare match, cost a third of one scan.  tests/test_properties.py holds the
    two to the same answers."""
    runs = []
    for mark, pattern in _RUN_FROM.items():
        if mark in text:
            for m in pattern.finditer(text):
                start = m.start()
                if start == 0 or _BEFORE_RUN.match(text, start - 1) is None:
                    runs.append((start, m.end()))
    runs.sort()
    return runs


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
