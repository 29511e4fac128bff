"""ASCII `, : ; ( ) ! ?` standing next to Chinese text become full width.

Punctuation inside numbers and Latin text (10:18:37, 1,000, (AI) in English)
is left alone: a mark is converted only when a neighbour is Chinese.
"""
from __future__ import annotations

import re

from ...model import Article
from ..chars import CJK
from ..state import ParseState

_PAIRS = ((",", "，"), (":", "："), (";", "；"), ("(", "（"), (")", "）"), ("!", "！"), ("?", "？"))
_MARKS = ",:;()!?"
_ANY_MARK = re.compile(r"[,:;()!?]")
# A mark with no Chinese neighbour: the rare exception (10:18, 1,000, (AI) in English).
_NO_CJK_NEIGHBOUR = re.compile(f"(?<![{CJK}])[,:;()!?](?![{CJK}])")


def to_full_width(text: str) -> str:
    if not _ANY_MARK.search(text):
        return text
    keep = {m.start() for m in _NO_CJK_NEIGHBOUR.finditer(text)}
    # A mark next to a converted mark is converted too: in "类),鄂" the bracket
    # has a Chinese neighbour, and the comma then has a full-width one.
    changed = bool(keep)
    while changed:
        changed = False
        for index in sorted(keep):
            for near in (index - 1, index + 1):
                if 0 <= near < len(text) and text[near] in _MARKS and near not in keep:
                    keep.discard(index)
                    changed = True
                    break
    # Chained str.replace runs in C; str.translate with a dict is far slower on
    # non-ASCII text.
    full = text
    for ascii_mark, full_mark in _PAIRS:
        if ascii_mark in full:
            full = full.replace(ascii_mark, full_mark)
    if not keep:
        return full
    chars = list(full)
    for index in keep:
        chars[index] = text[index]
    return "".join(chars)


def _article(article: Article) -> None:
    if article.kicker:
        article.kicker = to_full_width(article.kicker)
    if article.title:
        article.title = to_full_width(article.title)
    if article.subtitle:
        article.subtitle = to_full_width(article.subtitle)
    for block in article.blocks:
        if block.text:
            block.text = to_full_width(block.text)
        if block.caption:
            block.caption = to_full_width(block.caption)


def full_width_punctuation(state: ParseState) -> None:
    for article in state.articles:
        _article(article)
