"""The cues for and against a new article starting at a run of headline-shaped lines.

Each cue is a statement about the form of the text around the run: what closes
the text above it, the space above it, the shape of its lines, what opens the
text below it, and whether the text below goes on with the topic above.  Its
weight is in log-odds (evidence.py); segment.py adds them up and chooses the
articles of the whole issue at once.
"""
from __future__ import annotations

import re

from ..chars import ends_sentence, visible_length
from ..evidence import Evidence
from ..state import ParseState, Token
from . import cohesion
from .furniture import CLASS_OF, CLOSING, PAGE
from .headlines import is_couplet
from .shapes import has_subhead_mark, is_enumerated, is_label, is_title_shaped, line_shape, phrase_lengths, strip_dash

CONTENT = frozenset({"text", "image", "caption", "heading", "title"})
# How far a lead above and a byline below may stand apart and still bracket one article.
BRACKET = 16
# Only a close call is worth the words of the two sides: the topic cue weighs -2.0 .. +1.5,
# so it is measured only where it could turn the decision.
TOPIC_MIN, TOPIC_MAX = -1.2, 2.0
# A headline does not stop on a word that needs more after it; a line cut by a break often does.
_DANGLING = frozenset("的地得和与及或等在对把被将为向从以于而并且着是由使让给既又")
# Tokens that may stand between a headline and its first paragraph.
_BETWEEN = frozenset({"image", "caption", "credit", "meta", "furniture"})


class Cues:
    """The evidence for the candidates of one issue."""

    def __init__(self, state: ParseState) -> None:
        self.state = state
        self.tokens = state.tokens
        self.indented_issue = not state.blank_separated

    # -- the whole candidate ------------------------------------------------------
    def weigh(self, start: int, lengths: list[int]) -> dict[int, Evidence]:
        """The evidence for a headline of each length at one start."""
        common = Evidence()
        common.add("a headline-shaped line inside a text is more often a sub-head", -1.5)
        self.above(start, common)
        found: dict[int, Evidence] = {}
        for length in lengths:
            evidence = Evidence(list(common.cues), common.score)
            self.shape(start, length, evidence)
            if self._running(start + length - 1):
                evidence.add("its last line runs on into the text: a paragraph's first line", -3.0)
            self.below(start + length, evidence)
            if length < 3 and start + length < len(self.tokens):
                self.left_out(start + length, evidence)
            for extra in range(start + 1, start + length):
                self.extra_line(extra, start + length - 1, evidence)
            found[length] = evidence
        if any(TOPIC_MIN < e.score < TOPIC_MAX for e in found.values()):
            topic = Evidence()
            self.topic(start, start + max(lengths), topic)
            # Two articles in a row may share a topic (two briefs on one storm): after a byline,
            # shared words are no evidence of one article going on.
            closed = self.closed_above(start)
            for evidence in found.values():
                for name, weight in topic.cues:
                    if weight > 0 or not closed:
                        evidence.add(name, weight)
        return found

    # -- what closes the text above ----------------------------------------------
    def above(self, start: int, evidence: Evidence) -> None:
        tokens = self.tokens
        first = tokens[start]
        index = start - 1
        page = closing = byline = False
        while index >= 0 and tokens[index].kind not in CONTENT:
            kind = tokens[index]
            if kind.kind == "furniture":
                page = page or CLASS_OF.get(kind.furniture_kind) == PAGE
                closing = closing or CLASS_OF.get(kind.furniture_kind) == CLOSING
            elif kind.kind in ("byline", "credit"):
                byline = True
            elif kind.kind == "meta":
                page = True
            index -= 1
        if index < 0:
            evidence.add("nothing but furniture above: the top of the issue", 6.0)
            return
        previous = tokens[index]
        byline = byline or bool(previous.byline)
        closing = closing or bool(previous.closing)
        if byline:
            evidence.add("a byline closes the text above", 5.5)
        if closing:
            evidence.add("a credit or end mark closes the text above", 4.5)
        if page:
            evidence.add("web-page furniture above", 4.0)
        if previous.jumps_out:
            evidence.add("the text above jumps to another page", 4.0)
        if previous.kind == "text" and not (byline or closing or page or previous.jumps_out):
            if is_title_shaped(previous.text):
                pass  # a line of the same headline, or a sub-head: weighed as such
            elif ends_sentence(previous.text):
                evidence.add("the text above ends a sentence", 0.5)
            else:
                evidence.add("the text above stops mid-sentence", -2.0)
        elif previous.kind == "heading":
            evidence.add("a sub-head right above", -1.0)
        if not (byline or closing or page or previous.jumps_out) and self._bracketed(start):
            evidence.add("inside a text that opened with a lead and closes with a byline below", -1.0)
        gap = first.gap_before
        usual = self.state.paragraph_gap
        if self.indented_issue and gap >= 1:
            evidence.add("a blank line above, where paragraphs have none", 3.0)
        elif not self.indented_issue and gap >= usual + 2:
            evidence.add("more blank lines above than between paragraphs", 1.5)
        elif not self.indented_issue and gap == 0 and previous.kind == "text":
            evidence.add("printed right under the text above", -1.5)

    # -- the lines of the headline -------------------------------------------------
    def shape(self, start: int, length: int, evidence: Evidence) -> None:
        lines = [line_shape(self.tokens[i].text) for i in range(start, start + length)]
        main = max(lines, key=lambda shape: shape.length)
        if lines[0].dashed:
            evidence.add("opens with a dash, as a subtitle does", -3.0)
        if any(shape.enumerated for shape in lines):
            evidence.add("numbered like a sub-head", -4.0)
        if lines[0].marked:
            evidence.add("marked like a sub-head (◎ ● ■)", -2.0)
        if any(shape.label for shape in lines):
            evidence.add("a label (编者按, 核心提示 …)", -3.0)
        if lines[-1].colon_end:
            evidence.add("ends with a colon: it introduces what follows", -3.0)
        elif main.named_statement:
            evidence.add("a name, a colon and what it did, as headlines are", 0.7)
        if main.clause_marks >= 3:
            evidence.add("clause after clause, as running text", -3.0)
        elif main.clause_marks == 2:
            evidence.add("two clause marks, as running text", -1.5)
        if lines[-1].last in _DANGLING and not lines[-1].dashed:
            evidence.add("stops on a word that needs more after it", -2.0)
        like = self._series(start, self.closed_above(start))
        if like >= 2:
            evidence.add("one of a series of like lines within one text", -2.5)
        elif like == 1:
            evidence.add("built like another line of the same text", -1.5)
        phrases = main.phrases
        if len(phrases) >= 2 and min(phrases) >= 3:
            if max(phrases) <= 4:
                evidence.add("two short phrases, as sub-heads are", -0.5)
            elif max(phrases) >= 7:
                evidence.add("phrases set apart by a space, as headlines are", 1.0)
        if main.length >= 16:
            evidence.add("a headline's length", 1.0)
        elif main.length >= 12:
            evidence.add("a headline's length", 0.3)
        elif main.length <= 6:
            evidence.add("a label's length", -1.2)
        if self.state.indented_paragraphs:
            if self.tokens[start].indented:
                evidence.add("indented like the paragraphs", -2.0)
            else:
                evidence.add("not indented, unlike the paragraphs", 1.0)

    def extra_line(self, index: int, last: int, evidence: Evidence) -> None:
        """One more line in the same headline: kicker above or subtitle below the title."""
        line, above = self.tokens[index], self.tokens[index - 1]
        evidence.add("one more headline line needs a reason", -0.5)
        if self._running(index) and index < last:
            evidence.add("it runs on over a bare line break: a paragraph's first line", -3.0)
        shape = line_shape(line.text)
        following = self.tokens[index + 1] if index + 1 < len(self.tokens) else None
        if (
            shape.clause_marks
            and not shape.dashed
            and following is not None
            and following.kind == "text"
            and not following.lead
            and not is_title_shaped(following.text)
            and not above.text.endswith(("——", "—", "：", ":"))
        ):
            evidence.add("clause marks, and running text under it: the text's first line", -2.5)
        if line.gap_before == 0 and not self.indented_issue:
            evidence.add("printed together with the line above", 2.0)
        elif line.gap_before == 0:
            evidence.add("printed together with the line above", 0.5)
        if strip_dash(line.text)[1]:
            evidence.add("a dashed subtitle", 2.5)
        if above.text.endswith(("——", "—", "：", ":")):
            evidence.add("the line above leads into it", 2.0)
        if is_couplet(above.text, line.text):
            evidence.add("a couplet with the line above", 1.5)
        if is_enumerated(line.text) or has_subhead_mark(line.text) or is_label(line.text):
            evidence.add("the line is marked like a sub-head", -4.0)
        if self.state.indented_paragraphs and line.indented:
            evidence.add("indented like the paragraphs", -2.0)

    def _running(self, index: int) -> bool:
        """Running text: not shaped like a headline, or going on over a bare line break."""
        token = self.tokens[index]
        if not is_title_shaped(token.text):
            return True
        after = self.tokens[index + 1] if index + 1 < len(self.tokens) else None
        if after is not None and after.lead:
            return False  # a news lead opens the text after it
        if (
            line_shape(token.text).clause_marks
            and not ends_sentence(token.text)
            and after is not None
            and after.kind == "text"
            and not is_title_shaped(after.text)
        ):
            return True  # a clause left open, and running text after it: a cut paragraph
        return (
            after is not None
            and after.kind == "text"
            and after.gap_before == 0
            and not after.indented
            and not is_title_shaped(after.text)
            and (not self.indented_issue or not ends_sentence(token.text))
        )

    def closed_above(self, start: int) -> bool:
        """A byline, a closing credit or page furniture between this line and the text above."""
        for index in range(start - 1, -1, -1):
            token = self.tokens[index]
            if token.kind in ("byline", "credit", "furniture", "meta") or token.byline or token.closing:
                return True
            if token.kind in CONTENT:
                return bool(token.jumps_out)
        return True

    def _bracketed(self, start: int) -> bool:
        """A news lead above and a closing byline below, with no other lead or closing between."""
        tokens = self.tokens
        lead = None
        for index in range(start - 1, max(-1, start - BRACKET), -1):
            token = tokens[index]
            if token.byline or token.closing or token.kind in ("byline", "furniture", "meta"):
                return False
            if token.lead:
                lead = index
                break
        if lead is None:
            return False
        closing = False
        for index in range(start + 1, min(len(tokens), lead + BRACKET)):
            token = tokens[index]
            if token.lead or token.kind in ("furniture", "meta"):
                return False
            if token.byline or token.closing or token.kind == "byline":
                closing = True
                break
        return closing

    def _series(self, start: int, closed_above: bool) -> int:
        """How many lines of the same text are built like this one: a series of sub-heads.

        Lines above count up to the last article end; lines below only when nothing
        closes the text above (after a byline, like lines below are the new article's own)."""
        tokens = self.tokens
        form = line_shape(tokens[start].text).form
        if form is None:
            return 0
        like = 0
        directions = (-1,) if closed_above else (-1, 1)
        for step in directions:
            index = start + step
            while 0 <= index < len(tokens) and abs(index - start) <= 16:
                token = tokens[index]
                if token.kind in ("byline", "furniture", "meta") or token.byline or token.closing:
                    break
                if step > 0 and token.lead:
                    break
                if token.kind == "text" and len(token.text) <= 60 and line_shape(token.text).form == form:
                    like += 1
                if step < 0 and token.lead:
                    break
                index += step
        return like

    def left_out(self, index: int, evidence: Evidence) -> None:
        """A line right under the headline, printed with it and shaped like it, belongs to it."""
        token, above = self.tokens[index], self.tokens[index - 1]
        if token.kind != "text" or token.lead or token.byline:
            return
        if self._running(index):
            return  # the text starts right under the headline
        if (is_enumerated(token.text) or has_subhead_mark(token.text)) and not is_label(token.text):
            evidence.add("the text under it would open with a numbered or marked sub-head", -1.5)
            return
        together = token.gap_before == 0 and not self.indented_issue
        if together or strip_dash(token.text)[1] or above.text.endswith(("——", "：")):
            evidence.add("a line printed with it, shaped like a headline, is left under it", -1.5)
            return
        after = self.tokens[index + 1] if index + 1 < len(self.tokens) else None
        if after is not None and after.kind == "text" and strip_dash(after.text)[1] and is_title_shaped(after.text):
            evidence.add("a line left under it with a dashed subtitle under that", -1.5)
            return
        marked = is_enumerated(token.text) or has_subhead_mark(token.text) or is_label(token.text)
        if not marked and after is not None and after.kind == "text" and self._running(index + 1):
            evidence.add("a headline-shaped line would stand between the headline and the text", -1.0)

    # -- what opens the text below -------------------------------------------------
    def below(self, index: int, evidence: Evidence) -> None:
        tokens = self.tokens
        if index < len(tokens) and tokens[index].kind in ("image", "caption"):
            evidence.add("a photo under it", 0.5)
        steps = 0
        while index < len(tokens) and tokens[index].kind in _BETWEEN and steps < 8:
            token = tokens[index]
            if token.kind == "meta":
                evidence.add("a publication line under it", 6.0)
                return
            if token.kind == "credit":
                evidence.add("a reporter credit under it", 3.5)
                return
            if token.kind == "furniture" and CLASS_OF.get(token.furniture_kind) == PAGE:
                evidence.add("web-page furniture under it", 1.0)
            index += 1
            steps += 1
        if index >= len(tokens):
            return
        following = tokens[index]
        headline = tokens[index - 1] if index > 0 else None
        if (
            following.kind == "text"
            and following.gap_before == 0
            and not (self.state.indented_paragraphs and following.indented)
            and headline is not None
            and headline.kind == "text"
            and cohesion.joins_a_word(headline.text, following.text)
        ):
            evidence.add("the break under it falls inside a word", -3.0)
        if following.lead:
            evidence.add("a news lead opens the text under it", following.lead)
        elif following.kind == "text" and following.byline and visible_length(following.text) < 200:
            evidence.add("a short text closed by its byline under it", 1.0)

    # -- the topic on each side ------------------------------------------------------
    def topic(self, start: int, end: int, evidence: Evidence) -> None:
        """Measured on the seeds and half the development set (sets of words, 400 characters
        a side): across a sub-head 21 of 30 pairs share 0.10 or more, across two articles
        2 of 36 do."""
        left = self._side(range(start - 1, -1, -1))
        right = self._side(range(end, len(self.tokens)))
        if left is None or right is None:
            return
        score = cohesion.similarity(left[0], right[0])
        # Short sides share few words by chance alone: their verdict counts for less.
        scale = 1.0 if min(left[1], right[1]) >= 150 else 0.5
        if score < 0.1:
            evidence.add("the text below shares little with the text above", 1.2 * scale)
        elif score < 0.15:
            evidence.add("the text below goes on with the topic above", -1.5 * scale)
        else:
            evidence.add("the text below goes on with the topic above", -2.0 * scale)

    def _side(self, indexes: range) -> tuple[frozenset[str], int] | None:
        """The words of the WINDOW characters of running text nearest one side; None when too little."""
        parts: list[str] = []
        size = 0
        for index in indexes:
            token = self.tokens[index]
            if token.kind == "furniture" or token.kind == "meta":
                break
            if token.kind != "text":
                continue
            parts.append(token.text)
            size += len(token.text)
            if size >= cohesion.WINDOW:
                break
        if size < 40:
            return None
        if indexes.step < 0:
            text = "".join(reversed(parts))[-cohesion.WINDOW :]
        else:
            text = "".join(parts)[: cohesion.WINDOW]
        return cohesion.words(text), min(size, cohesion.WINDOW)
