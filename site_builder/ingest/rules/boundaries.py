"""Where articles start.

An article starts at the top of the issue, at an explicit Markdown title, after
a closing byline or a jump to another page (下转第2版), and at a run of headline lines that is followed by a
paragraph opening with a dateline (an article without a byline before it).
"""
from __future__ import annotations

from ..chars import ends_sentence
from ..state import ParseState, Token
from .headlines import MAX_HEADLINE_LINES
from .shapes import is_caption_shaped, is_explicit_caption, is_title_shaped



def article_starts(state: ParseState) -> None:
    tokens = state.tokens
    if not tokens:
        return
    starts = {0}
    for index, token in enumerate(tokens):
        if token.kind == "title":
            starts.add(_kicker_above(tokens, index))
        # A closing byline ends an article; so does a jump to another page
        # (下转第2版): the article goes on there, and what follows here is new.
        if (token.byline or token.jumps_out) and index + 1 < len(tokens):
            starts.add(index + 1)
    for index, token in enumerate(tokens):
        if token.dateline_place is None or index in starts:
            continue
        start = _headline_run_before(tokens, index, starts)
        if start is not None:
            starts.add(start)
    for index in starts:
        tokens[index].article_start = True


def _kicker_above(tokens: list[Token], index: int) -> int:
    """A Markdown title with a plain headline line right above it: that line is its kicker."""
    title = tokens[index]
    if index == 0 or title.gap_before:
        return index
    above = tokens[index - 1]
    if above.kind != "text" or not is_title_shaped(above.text) or above.byline:
        return index
    if index >= 2:
        before = tokens[index - 2]
        if before.kind == "text" and not before.byline and not ends_sentence(before.text):
            return index
    return index - 1


def _headline_run_before(tokens: list[Token], index: int, starts: set[int]) -> int | None:
    k = index - 1
    # A photo (placeholder or caption) or a credit line may stand between the headline and the text.
    while k >= 0 and k not in starts and _is_photo(tokens[k]):
        k -= 1
    run = 0
    while k >= 0 and run < MAX_HEADLINE_LINES and tokens[k].kind == "text" and is_title_shaped(tokens[k].text):
        if k in starts:
            return None  # this dateline already belongs to that article's headline
        run += 1
        k -= 1
    if run == 0:
        return None
    first = k + 1
    if k >= 0:
        previous = tokens[k]
        if previous.kind == "title":
            return None  # the run is that Markdown title's subtitle

        closed = previous.kind in ("image", "caption", "byline", "heading") or (
            previous.kind == "text" and ends_sentence(previous.text)
        )
        if not closed:
            return None
    return first


def _is_photo(token: Token) -> bool:
    """What may stand between a headline and its text: a photo, or the reporters' credit."""
    if token.kind in ("image", "caption", "credit"):
        return True
    return token.kind == "text" and (is_caption_shaped(token.text) or is_explicit_caption(token.text))
