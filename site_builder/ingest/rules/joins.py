"""Page-break joins, and lines printed together that are one block.

A paragraph that stops without ending a sentence was cut by a page or column
break, and the next running text continues it - unless that text begins a
paragraph by its form: a numbered item after a list item (`…的；` / `2.凡是…`),
a question or an answer (`问：`, `答：`), an indented line where paragraphs are
indented.  A join is sure when a word or clause runs on across the break.
"""
from __future__ import annotations

import re

from site_builder.ingest.chars import HAN_RE, visible_length
from site_builder.ingest.rules.shapes import is_enumerated, is_heading_shaped
from site_builder.ingest.state import ParseState, Token

_OPENERS = "“‘「『《（(【"
_DIALOGUE = re.compile(r"^(?:问|答|记者|主持人|Q|A)\s*[:：]")
_LIST_END = "；;，,"
# A fact box: short lines printed together (时间 … / 单位 … / 人物 …): three or more of at most
# ten characters, or four or more of at most sixteen (a headline has at most three lines).
FACT_BOX_LINES = 3
FACT_BOX_SHORT = 10
FACT_BOX_LINE_MAX = 16


def should_join(state: ParseState, left: Token | None, right: Token) -> bool:
    """Whether running text `right` continues the cut paragraph that ends with `left`."""
    if right.lead or right.fix in ("split", "paragraph"):
        return False
    text = right.text
    if is_enumerated(text) or _DIALOGUE.match(text):
        return False  # a numbered item, a question or an answer starts a paragraph
    if left is not None and left.text.endswith(tuple(_LIST_END)) and is_enumerated(left.text):
        return False
    if state.indented_paragraphs and right.indented and right.gap_before == 0:
        return False  # an indent opens a paragraph; the cut one ended without its full stop
    return True


def uncertain_join(left: str, right: str) -> bool:
    """A join is sure when a Chinese word or clause runs on across the break."""
    if not left or not right:
        return True
    end, start = left[-1], right[0]
    left_ok = HAN_RE.match(end) is not None or end in "，,、"
    right_ok = HAN_RE.match(start) is not None or start.isdigit()
    return not (left_ok and right_ok) or start in _OPENERS


def fact_boxes(state: ParseState) -> None:
    """Three or more short unpunctuated lines printed together are one sub-head (时间 … 单位 … 人物 …)."""
    tokens = state.tokens
    if not state.blank_separated or len(tokens) < FACT_BOX_LINES:
        return
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        run = index
        while (
            run < len(tokens)
            and _fact_line(tokens[run])
            and (run == index or tokens[run].gap_before == 0)
        ):
            run += 1
        count = run - index
        if count > FACT_BOX_LINES or (
            count == FACT_BOX_LINES and all(visible_length(t.text) <= FACT_BOX_SHORT for t in tokens[index:run])
        ):
            first, last = tokens[index], tokens[run - 1]
            merged = Token("heading", " ".join(t.text for t in tokens[index:run]), first.line, last.end_line,
                           gap_before=first.gap_before, spacer_before=first.spacer_before)
            out.append(merged)
            index = run
        else:
            out.append(tokens[index])
            index += 1
    state.tokens = out


def _fact_line(token: Token) -> bool:
    return (
        token.kind == "text"
        and not token.fix
        and not token.lead
        and visible_length(token.text) <= FACT_BOX_LINE_MAX
        and is_heading_shaped(token.text)
    )
