"""Tokens -> articles: headline group, then the body with page breaks repaired.

A paragraph whose text does not end a sentence was cut by a page or column
break; the next running text continues it, with nothing inserted, across any
blank lines, a photo placeholder or a caption that the break left between the
two halves (the photo then follows the rejoined paragraph).
"""
from __future__ import annotations

from ...errors import Severity
from ...model import Article, Block, Dateline
from ..chars import HAN_RE, ends_sentence, visible_length
from ..state import ParseState, Token
from .headlines import MAX_HEADLINE_LINES, HeadlineRoles, assign_roles
from .shapes import (
    is_caption_like,
    is_caption_shaped,
    is_explicit_caption,
    is_heading_shaped,
    is_title_shaped,
    strip_dash,
)

WEB_HEADING_MAX = 40
# No caption, caption-like line or sub-head is longer than this (shapes.py).
LONGEST_SHORT_LINE = 90
_OPENERS = "“‘「『《（(【"


def assemble_articles(state: ParseState) -> None:
    segment: list[Token] = []
    for token in state.tokens:
        if token.article_start and segment:
            state.articles.append(_article(state, segment))
            segment = []
        segment.append(token)
    if segment:
        state.articles.append(_article(state, segment))


def _headline(state: ParseState, segment: list[Token]) -> tuple[HeadlineRoles, int]:
    kicker = None
    if len(segment) > 1 and segment[0].kind == "text" and segment[1].kind == "title":
        # A plain line right above a Markdown title (boundaries._kicker_above).
        segment[0].headline = True
        kicker = segment[0].text
        segment = segment[1:]
    first = segment[0]
    if first.kind == "title":
        first.headline = True
        subtitle = None
        if len(segment) > 1:
            nxt = segment[1]
            text, dashed = strip_dash(nxt.text)
            if (
                nxt.kind == "text"
                and (dashed or nxt.gap_before == 0)
                and is_title_shaped(nxt.text)
                and nxt.dateline_place is None
                and not nxt.byline
            ):
                nxt.headline = True
                subtitle = text
        used = 1 + (kicker is not None) + (subtitle is not None)
        return HeadlineRoles(kicker, first.text, subtitle), used
    zone: list[Token] = []
    for index, token in enumerate(segment):
        if (
            len(zone) == MAX_HEADLINE_LINES
            or token.kind != "text"
            or token.dateline_place is not None
            or token.byline
            or not is_title_shaped(token.text)
        ):
            break
        if zone and _opens_body(state, token, segment[index + 1] if index + 1 < len(segment) else None):
            break
        token.headline = True
        zone.append(token)
    return assign_roles([t.text for t in zone]), len(zone)


def _opens_body(state: ParseState, token: Token, following: Token | None) -> bool:
    """A later headline-shaped line that is really the start of the first paragraph.

    When a page break cuts the first paragraph right after the headline, its
    first part looks like one more headline line.  It gives itself away by
    clause punctuation (，、；) with running text after it; a dashed subtitle
    never does.
    """
    if following is None or following.kind != "text" or is_title_shaped(following.text):
        return False
    if strip_dash(token.text)[1]:
        return False
    if runs_on(state, following):
        return True
    return any(mark in token.text for mark in "，,、；;")


def _article(state: ParseState, segment: list[Token]) -> Article:
    roles, used = _headline(state, segment)
    article = Article(
        title=roles.title,
        kicker=roles.kicker,
        subtitle=roles.subtitle,
        line=segment[0].line,
        end_line=segment[-1].end_line,
    )
    if roles.title is None:
        state.warn(
            "no-headline",
            "no headline found: the text here becomes an article without a title",
            segment[0].line,
            hint="put the headline on its own line above the text, or use a Markdown '## title' line",
        )
    _Body(state, article, segment[used:]).build()
    return article


class _Body:
    """Builds an article's blocks from its body tokens, one token at a time."""

    def __init__(self, state: ParseState, article: Article, tokens: list[Token]) -> None:
        self.state = state
        self.article = article
        self.tokens = tokens
        self.open: Block | None = None  # a paragraph cut by a break, waiting for its continuation
        self.pending: list[Block] = []  # photos that stood inside the cut paragraph
        self.credit_names: list[str] = []
        self.closing_names: list[str] = []

    def build(self) -> None:
        tokens = self.tokens
        for index, token in enumerate(tokens):
            self.token(token, tokens[index + 1] if index + 1 < len(tokens) else None)
        self.close()
        names = list(dict.fromkeys(self.credit_names + self.closing_names))
        self.article.bylines = names

    # -- one token -----------------------------------------------------------
    def token(self, token: Token, following: Token | None) -> None:
        kind = token.kind
        if kind == "byline":
            self.close()
            self.closing(token)
        elif kind == "credit":
            self.credit_names.extend(token.credit_names)
        elif kind == "image":
            figure = Block("figure", caption=token.text or None, image=token.image, line=token.line, end_line=token.end_line)
            self.add_figure(figure)
        elif kind == "caption":
            self.caption(token, explicit=True)
        elif kind in ("heading", "title"):
            self.close()
            self.add(Block("heading", text=token.text, line=token.line, end_line=token.end_line))
        else:
            self.text(token, following)
        if token.byline and kind != "byline":
            self.closing(token)

    def text(self, token: Token, following: Token | None) -> None:
        text = token.text
        if self.open is not None and token.dateline_place is None:
            if is_explicit_caption(text):
                self.add_figure(self.figure(token))
                return
            self.join(token)
            return
        self.close()
        if len(text) > LONGEST_SHORT_LINE:
            # Too long for a caption or sub-head: running text (the common case, decided fast).
            self.paragraph(token)
            return
        previous = self.article.blocks[-1] if self.article.blocks else None
        plain = token.dateline_place is None and not token.byline
        if (
            plain
            and previous is not None
            and previous.type == "figure"
            and previous.caption is None
            and token.gap_before <= 3
            and (is_caption_shaped(text) or is_explicit_caption(text))
        ):
            previous.caption = text
            previous.end_line = token.end_line
            return
        if plain:
            if is_explicit_caption(text) or is_caption_shaped(text):
                self.add(self.figure(token))
                if not is_explicit_caption(text):
                    self.state.warn(
                        "caption-guess",
                        f"short line taken as a photo caption: {text}",
                        token.line,
                        hint="if it is body text, end the previous paragraph differently or edit the source",
                        severity=Severity.INFO,
                    )
                return
            if self.is_heading(token, following):
                self.add(Block("heading", text=text, line=token.line, end_line=token.end_line))
                return
        self.paragraph(token)

    def is_heading(self, token: Token, following: Token | None) -> bool:
        if following is None:
            return False
        if runs_on(self.state, following) and not is_heading_shaped(following.text):
            return False  # running text continues on the next line: a cut paragraph
        text = token.text
        if (
            self.state.style == "web"
            and token.spacer_before
            and token.spacer_after
            and visible_length(text) <= WEB_HEADING_MAX
        ):
            return True
        return is_heading_shaped(text)

    def paragraph(self, token: Token) -> None:
        text = token.text
        if token.dateline_place is not None:
            if self.article.dateline is None and not self.article.paragraphs:
                self.article.dateline = Dateline(token.dateline_place, token.dateline_printed, token.dateline_credit)
                self.credit_names.extend(token.credit_names)
            else:
                # A dateline-like opening further down is part of the text.
                text = token.dateline_printed + token.dateline_credit + " " + text
        if len(text) <= LONGEST_SHORT_LINE and is_caption_like(text):
            self.state.warn(
                "caption-like",
                "short single-sentence line kept as a paragraph; it may be a photo caption",
                token.line,
                hint="if it is a caption, start it with 图为 or end it with the photographer's name and 摄",
                severity=Severity.INFO,
            )
        block = Block("paragraph", text=text, line=token.line, end_line=token.end_line)
        self.add(block)
        # A paragraph that jumps to another page continues there, not on the next line here.
        if not ends_sentence(text) and not token.byline and not token.jumps_out:
            self.open = block

    def join(self, token: Token) -> None:
        block = self.open
        assert block is not None
        left, right = block.text or "", token.text
        if _uncertain_join(left, right):
            self.state.warn(
                "join-guess",
                "a paragraph cut by a page break was joined here; check that the two parts belong together",
                token.line,
                hint="if they are separate paragraphs, end the first one with its punctuation",
            )
        block.text = left + right
        block.end_line = token.end_line
        if ends_sentence(block.text) or token.byline or token.jumps_out:
            self.close()

    def caption(self, token: Token, explicit: bool) -> None:
        previous = self.article.blocks[-1] if self.article.blocks else None
        if previous is not None and previous.type == "figure" and previous.caption is None:
            previous.caption = token.text
            previous.end_line = token.end_line
            return
        self.add_figure(self.figure(token))

    # -- helpers -------------------------------------------------------------
    def figure(self, token: Token) -> Block:
        return Block("figure", caption=token.text, line=token.line, end_line=token.end_line)

    def add_figure(self, figure: Block) -> None:
        if self.open is not None:
            self.pending.append(figure)
        else:
            self.add(figure)

    def add(self, block: Block) -> None:
        self.article.blocks.append(block)

    def close(self) -> None:
        self.open = None
        if self.pending:
            self.article.blocks.extend(self.pending)
            self.pending = []

    def closing(self, token: Token) -> None:
        self.closing_names.extend(token.byline)
        self.article.byline_printed = token.byline_printed


def runs_on(state: ParseState, following: Token | None) -> bool:
    """The next line continues this one: a bare line break in blank-line-separated text."""
    return (
        following is not None
        and following.kind == "text"
        and state.blank_separated
        and following.gap_before == 0
        and not following.indented
    )


def _uncertain_join(left: str, right: str) -> bool:
    """A join is sure when a Chinese word or clause runs on across the break."""
    if not left or not right:
        return True
    end, start = left[-1], right[0]
    left_ok = HAN_RE.match(end) is not None or end in "，,、"
    right_ok = HAN_RE.match(start) is not None or start.isdigit()
    return not (left_ok and right_ok) or start in _OPENERS
