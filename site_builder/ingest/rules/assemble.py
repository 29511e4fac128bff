"""Tokens -> articles: the headline the segmentation chose, then the body.

A paragraph whose text does not end a sentence was cut by a page or column
break; the next running text continues it, with nothing inserted, across any
blank lines, a photo placeholder or a caption that the break left between the
two halves (the photo then follows the rejoined paragraph) - unless what
follows starts a paragraph of its own (a numbered item, a question or answer,
a news lead, an indented line where paragraphs are indented).
"""
from __future__ import annotations

from site_builder.core.errors import Severity
from site_builder.core.model import Article, Block, Dateline
from site_builder.ingest.chars import ends_sentence, visible_length
from site_builder.ingest.rules.cues import CONTENT
from site_builder.ingest.rules.headlines import HeadlineRoles, assign_roles
from site_builder.ingest.rules.joins import should_join, uncertain_join
from site_builder.ingest.rules.shapes import (
    is_caption_like,
    is_caption_shaped,
    is_explicit_caption,
    is_heading_shaped,
    is_title_shaped,
    line_shape,
    strip_dash,
)
from site_builder.ingest.state import ParseState, Token

WEB_HEADING_MAX = 40
# No caption, caption-like line or sub-head is longer than this (shapes.py).
LONGEST_SHORT_LINE = 90
# A caption standing for a photo that left a hole in the text: at most this long.
GAP_CAPTION_MAX = 60
SECTION_LABEL_MAX = 20
# A line weighed as a headline this well and not taken is a sub-head (its weight, segment.py).
SUBHEAD_SCORE = -3.5
# Captions of photos printed together open alike: this many characters, and at most this long.
CAPTION_ROW_PREFIX = 4
CAPTION_ROW_MAX = 50
# A page break never cuts a paragraph this long: the longest of the seeds and the dev set is 438
# characters.  A text without full stops (damaged, or not prose) would otherwise grow one
# paragraph a line at a time, copying it whole at each join: quadratic in the file.
LONGEST_PARAGRAPH = 20_000


def assemble_articles(state: ParseState) -> None:
    segments: list[list[Token]] = []
    filled = False  # whether the last segment has content yet
    for token in state.tokens:
        if token.article_start and segments and filled:
            segments.append([])
            filled = False
        elif not segments:
            segments.append([])
        segments[-1].append(token)
        filled = filled or token.kind in CONTENT
    # Furniture before the first article belongs to it (the page's top), as furniture after the
    # last belongs to the last.
    if len(segments) > 1 and not _has_content(segments[-1]):
        segments[-2].extend(segments.pop())
    for segment in segments:
        if _has_content(segment):
            state.articles.append(_article(state, segment))


def _has_content(segment: list[Token]) -> bool:
    return any(t.kind in CONTENT for t in segment)


def _headline(state: ParseState, segment: list[Token]) -> tuple[HeadlineRoles, int]:
    head = next((i for i, t in enumerate(segment) if t.article_start), 0)
    lines = segment[head].headline_lines
    if not lines:
        return HeadlineRoles(None, None, None), 0
    if head:
        # Furniture from the top of the page stands above the headline: it goes to the body.
        segment[:] = segment[head : head + lines] + segment[:head] + segment[head + lines :]
    zone = segment[:lines]
    for token in zone:
        token.headline = True
    titles = [index for index, token in enumerate(zone) if token.kind == "title"]
    if not titles:
        return assign_roles([t.text for t in zone]), lines
    # A Markdown title, with the plain line right above it as its kicker.
    index = titles[0]
    kicker = zone[0].text if index == 1 else None
    subtitle = None
    if lines < len(segment):
        nxt = segment[lines]
        text, dashed = strip_dash(nxt.text)
        if (
            nxt.kind == "text"
            and (dashed or nxt.gap_before == 0)
            and is_title_shaped(nxt.text)
            and not nxt.lead
            and not nxt.byline
        ):
            nxt.headline = True
            subtitle = text
            lines += 1
    return HeadlineRoles(kicker, zone[index].text, subtitle), lines


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
            hint="put the headline on its own line above the text, or add a [[fix]] with is = \"article\" to issue.toml",
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
        self.open_token: Token | None = None
        self.pending: list[Block] = []  # photos that stood inside the cut paragraph
        self.credit_names: list[str] = []
        self.closing_names: list[str] = []
        self.after_furniture = False  # closing or page furniture seen: what follows may be more of it
        self.paragraphs = 0  # paragraphs made so far (the only blocks of that type, all made by paragraph())

    def build(self) -> None:
        tokens = self.tokens
        if self.state.style == "web":
            tokens = self.tokens = self.without_trailing_labels(tokens)
        for index, token in enumerate(tokens):
            self.token(token, tokens[index + 1] if index + 1 < len(tokens) else None)
        self.close()
        names = list(dict.fromkeys(self.credit_names + self.closing_names))
        self.article.bylines = names

    def without_trailing_labels(self, tokens: list[Token]) -> list[Token]:
        """Short lines closing a web page after its text (总网滚动, 警方服务): the site's sections."""
        end = len(tokens)
        while end > 0 and tokens[end - 1].kind in ("text", "furniture", "meta"):
            token = tokens[end - 1]
            if token.kind == "text":
                if token.byline or token.closing or visible_length(token.text) > SECTION_LABEL_MAX:
                    break
                if not is_title_shaped(token.text):
                    break
                self.state.remove(token.line, token.text, "section label")
            end -= 1
        return [t for t in tokens[:end]] + [t for t in tokens[end:] if t.kind != "text"]

    # -- one token -----------------------------------------------------------
    def token(self, token: Token, following: Token | None) -> None:
        kind = token.kind
        if kind == "byline":
            self.close()
            self.closing(token)
        elif kind in ("credit", "meta"):
            self.close()
            self.credit_names.extend(token.credit_names)
        elif kind == "furniture":
            self.close()
            self.after_furniture = True
        elif kind == "image":
            figure = Block("figure", caption=token.text or None, image=token.image, line=token.line, end_line=token.end_line)
            self.add_figure(figure)
        elif kind == "caption":
            self.caption(token)
        elif kind in ("heading", "title"):
            self.close()
            self.add(Block("heading", text=token.text, line=token.line, end_line=token.end_line))
        else:
            self.text(token, following)
        if token.byline and kind != "byline":
            self.closing(token)
        if token.closing:
            self.close()
            self.after_furniture = True

    def text(self, token: Token, following: Token | None) -> None:
        text = token.text
        fix = token.fix
        if fix == "join" and (self.open is not None or self.article.paragraphs):
            self.open = self.open or self.article.paragraphs[-1]
            self.join(token, sure=True)
            return
        if (self.open is not None and fix not in ("split", "paragraph", "subhead", "caption")
                and len(self.open.text or "") < LONGEST_PARAGRAPH):
            if is_explicit_caption(text) and not token.lead:
                self.add_figure(self.figure(token))
                return
            if should_join(self.state, self.open_token, token):
                self.join(token)
                return
        self.close()
        if fix == "subhead":
            self.add(Block("heading", text=text, line=token.line, end_line=token.end_line))
            return
        if fix == "caption":
            self.caption(token)
            return
        if fix == "paragraph" or len(text) > LONGEST_SHORT_LINE or token.lead:
            self.paragraph(token)
            return
        if self.after_furniture and is_title_shaped(text) and visible_length(text) <= SECTION_LABEL_MAX:
            # A short line among the closing furniture: a section label or link, not text.
            self.state.remove(token.line, text, "section label")
            return
        previous = self.article.blocks[-1] if self.article.blocks else None
        plain = not token.byline
        if (
            plain
            and previous is not None
            and previous.type == "figure"
            and previous.caption is None
            and token.gap_before <= 3
            and (is_caption_shaped(text) or is_explicit_caption(text) or is_caption_like(text) and not self.framed(token))
        ):
            previous.caption = text
            previous.end_line = token.end_line
            return
        if plain and self.caption_in_a_row(token, previous) and not runs_on(self.state, following):
            self.add(self.figure(token))
            return
        if plain:
            if is_explicit_caption(text) or is_caption_shaped(text) or self.photo_hole(token, following):
                self.add(self.figure(token))
                if not is_explicit_caption(text):
                    self.state.warn(
                        "caption-guess",
                        f"short line taken as a photo caption: {text}",
                        token.line,
                        hint="if it is body text, add a [[fix]] with is = \"paragraph\" to issue.toml",
                        severity=Severity.INFO,
                    )
                return
            if self.is_heading(token, following):
                self.add(Block("heading", text=text, line=token.line, end_line=token.end_line))
                return
        self.paragraph(token)

    def caption_in_a_row(self, token: Token, previous: Block | None) -> bool:
        """Photos printed together: a short line right under a caption, opening as that caption
        does (东城派出所民警在… / 东城派出所民警上门…), is the next photo's caption."""
        if previous is None or previous.type != "figure" or not previous.caption or token.gap_before > 1:
            return False
        text = token.text
        return (
            visible_length(text) <= CAPTION_ROW_MAX
            and "。" not in text[:-1]
            and text[:CAPTION_ROW_PREFIX] == previous.caption[:CAPTION_ROW_PREFIX]
        )

    def framed(self, token: Token) -> bool:
        """A web page frames its sub-heads with spacer lines; a caption sits right under its photo."""
        return self.state.style == "web" and token.spacer_before and token.spacer_after

    def photo_hole(self, token: Token, following: Token | None) -> bool:
        """A short line alone in a wide gap: the caption of a photo the print text lost."""
        state = self.state
        if state.style != "print" or token.gap_before < state.paragraph_gap + 2:
            return False
        text = token.text
        if visible_length(text) > GAP_CAPTION_MAX or token.fix:
            return False
        if not (is_title_shaped(text) or (text.endswith("。") and text.count("。") == 1)):
            return False
        return following is None or following.kind != "text" or not ends_sentence(text) or following.gap_before >= 1

    def is_heading(self, token: Token, following: Token | None) -> bool:
        if following is None:
            return False
        if runs_on(self.state, following) and not is_heading_shaped(following.text):
            return False  # running text continues on the next line: a cut paragraph
        text = token.text
        if (
            token.headline_score is not None
            and token.headline_score > SUBHEAD_SCORE
            and not ends_sentence(text)
            and (line_shape(text).clause_marks == 0 or following.kind != "text" or is_title_shaped(following.text))
        ):
            return True  # weighed as a possible headline and not taken: a sub-head (not a clause cut short)
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
        if token.lead:
            if self.article.dateline is None and not self.paragraphs:
                if token.dateline_place is not None:
                    self.article.dateline = Dateline(token.dateline_place, token.dateline_printed, token.dateline_credit)
                self.credit_names.extend(token.credit_names)
            else:
                # A lead further down is part of the text.
                opening = token.dateline_printed + token.dateline_credit
                text = opening + (" " if token.dateline_printed and not token.dateline_credit else "") + text
        if len(text) <= LONGEST_SHORT_LINE and is_caption_like(text):
            self.state.warn(
                "caption-like",
                "short single-sentence line kept as a paragraph; it may be a photo caption",
                token.line,
                hint="if it is a caption, add a [[fix]] with is = \"caption\" to issue.toml",
                severity=Severity.INFO,
            )
        block = Block("paragraph", text, None, None, token.line, token.end_line)  # positional: made for every paragraph
        self.add(block)
        self.paragraphs += 1
        # A paragraph that jumps to another page continues there, not on the next line here.
        if not ends_sentence(text) and not token.byline and not token.jumps_out and not token.closing:
            self.open = block
            self.open_token = token

    def join(self, token: Token, sure: bool = False) -> None:
        block = self.open
        assert block is not None
        left, right = block.text or "", token.text
        if not sure and uncertain_join(left, right):
            self.state.warn(
                "join-guess",
                "a paragraph cut by a page break was joined here; check that the two parts belong together",
                token.line,
                hint="if they are separate paragraphs, add a [[fix]] with is = \"split\" to issue.toml",
            )
        block.text = left + right
        block.end_line = token.end_line
        self.open_token = token
        if ends_sentence(block.text) or token.byline or token.jumps_out or token.closing:
            self.close()

    def caption(self, token: Token) -> None:
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
        self.open_token = None
        if self.pending:
            self.article.blocks.extend(self.pending)
            self.pending = []

    def closing(self, token: Token) -> None:
        self.closing_names.extend(token.byline)
        printed = self.article.byline_printed
        self.article.byline_printed = f"{printed} {token.byline_printed}" if printed else token.byline_printed


def runs_on(state: ParseState, following: Token | None) -> bool:
    """The next line continues this one: a bare line break in blank-line-separated text."""
    return (
        following is not None
        and following.kind == "text"
        and state.blank_separated
        and following.gap_before == 0
        and not following.indented
    )
