"""Warn about a Latin word standing inside Chinese text (`公安部 and 自治区党委`).

Acronyms and codes (PTU, G7, 5G, APP) are normal in this archive; a lower-case
word between Chinese characters is almost always an editing slip.
"""
from __future__ import annotations

import re

from site_builder.ingest.chars import HAN
from site_builder.ingest.state import ParseState

_TWO_LOWER = re.compile("[a-z][a-z]")
_TWO_LOWER_ASCII = re.compile(b"[a-z][a-z]")
_LATIN_WORD = re.compile(f"(?<=[{HAN}，。、；：“”])\\s*\\b([a-z][a-z]+)\\b\\s*(?=[{HAN}，。、；：“”])")


def latin_words(state: ParseState) -> None:
    for article in state.articles:
        for block in article.blocks:
            text = block.text if block.type != "figure" else block.caption
            # Two lower-case letters in a row are two in a row among the text's ASCII characters
            # too; picking those out (in C) is several times quicker than scanning the text.
            if not text or not _TWO_LOWER_ASCII.search(text.encode("ascii", "ignore")) or not _TWO_LOWER.search(text):
                continue
            for m in _LATIN_WORD.finditer(text):
                word = m.group(1)
                line, col = _locate(state, word, block.line, block.end_line or block.line)
                state.warn(
                    "latin-word",
                    f"Latin word {word!r} inside Chinese text",
                    line,
                    col=col,
                    hint="check whether a Chinese word was meant (e.g. 'and' for 和)",
                )


def _locate(state: ParseState, word: str, first: int, last: int) -> tuple[int, int]:
    pattern = re.compile(rf"\b{re.escape(word)}\b")
    for number in range(first, last + 1):
        m = pattern.search(state.line_text(number))
        if m:
            return number, m.start() + 1
    return first, 0
