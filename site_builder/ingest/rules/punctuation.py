"""ASCII `, : ; ( ) ! ?` standing next to Chinese text become full width.

Punctuation inside numbers and Latin text (10:18:37, 1,000, (AI) in English)
is left alone: a mark is converted only when a neighbour is Chinese.
"""
from __future__ import annotations

import re

from ...model import Article
from ..chars import CJK
from ..state import ParseState

_FULL = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"})
_ASCII_MARK = re.compile(f"(?<=[{CJK}])[,:;()!?]|[,:;()!?](?=[{CJK}])")
_ANY_MARK = re.compile(r"[,:;()!?]")


def to_full_width(text: str) -> str:
    if not _ANY_MARK.search(text):
        return text
    # Two passes: in "类),鄂" the comma's left neighbour becomes Chinese only
    # once the bracket has been converted.
    for _ in range(2):
        converted = _ASCII_MARK.sub(lambda m: m.group(0).translate(_FULL), text)
        if converted == text:
            break
        text = converted
    return text


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
