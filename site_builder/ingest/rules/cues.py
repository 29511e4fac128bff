"""The cues for and against a new article starting at a run of headline-shaped lines.

Each cue is a statement about the form of the text around the run: what closes
the text above it, the space above it, the shape of its lines, what opens the
text below it, and whether the text below goes on with the topic above.  Its
weight is in log-odds (evidence.py); segment.py adds them up and chooses the
articles of the whole issue at once.
"""
from __future__ import annotations

from site_builder.ingest.chars import ends_sentence, visible_length
from site_builder.ingest.evidence import Evidence
from site_builder.ingest.rules import cohesion
from site_builder.ingest.rules.furniture import CLASS_OF, CLOSING, PAGE
from site_builder.ingest.rules.line_cues import LineCues
from site_builder.ingest.rules.shapes import (
    is_explicit_caption,
    is_title_shaped,
    line_shape,
)
from site_builder.ingest.rules.subjects import new_subject
from site_builder.ingest.state import ParseState

CONTENT = frozenset({"text", "image", "caption", "heading", "title"})
# How far a lead above and a byline below may stand apart and still bracket one article.
BRACKET = 16
# Only a close call is worth the words of the two sides: the topic cue weighs -2.0 .. +1.5,
# so it is measured only where it could turn the decision.
TOPIC_MIN, TOPIC_MAX = -1.2, 2.0
# Tokens that may stand between a headline and its first paragraph.
_BETWEEN = frozenset({"image", "caption", "credit", "meta", "furniture"})


# One side of a candidate: its content words, how many characters they came from, the text.
Side = tuple[frozenset[str], int, str]


class Cues(LineCues):
    """The evidence for the candidates of one issue."""

    def __init__(self, state: ParseState) -> None:
        self.state = state
        self.tokens = state.tokens
        self.indented_issue = not state.blank_separated
        self._words: dict[int, frozenset[str]] = {}  # the content words of a text token, by index

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
        if any(TOPIC_MIN < e.score < TOPIC_MAX for e in found.values()) and not self._under_a_headline_line(start):
            end = start + max(lengths)
            left = self._side(range(start - 1, -1, -1))
            right = self._side(range(end, len(self.tokens)))
            headline = "".join(self.tokens[i].text for i in range(start, end))
            subject = new_subject(headline, right[2], left[2]) if left and right else None
            topic = Evidence()
            if subject:
                topic.add(f"names a subject ({subject}) the text below opens with and the text above never names", 1.5)
            self.topic(left, right, topic)
            # Two articles in a row may share a topic (two briefs on one storm): after a byline,
            # or under a headline naming a new subject, shared words are no evidence of one
            # article going on.
            closed = self.closed_above(start) or subject is not None
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
            if is_title_shaped(previous.text) or is_explicit_caption(previous.text):
                pass  # a line of the same headline, a sub-head or a caption: weighed as such
            elif ends_sentence(previous.text):
                evidence.add("the text above ends a sentence", 0.5)
            else:
                evidence.add("the text above stops mid-sentence", -2.0)
        elif previous.kind == "heading":
            evidence.add("a sub-head right above", -1.0)
        if self._editors_note_above(start):
            evidence.add("an editor's note (编者按) above introduces what follows", -2.5)
        if not (byline or closing or page or previous.jumps_out) and self._bracketed(start):
            evidence.add("inside a text that opened with a lead and closes with a byline below", -1.0)
        gap = first.gap_before
        usual = self.state.paragraph_gap
        if self.indented_issue and gap >= 1:
            evidence.add("a blank line above, where paragraphs have none", 3.0)
        elif not self.indented_issue and gap >= usual + 2:
            following = self.tokens[start + 1] if start + 1 < len(self.tokens) else None
            if following is not None and following.gap_before >= usual + 2 and self.state.style == "print":
                evidence.add("alone between wide gaps, as the caption of a lost photo is", -1.0)
            else:
                evidence.add("more blank lines above than between paragraphs", 1.5)
        elif not self.indented_issue and gap == 0 and previous.kind == "text":
            evidence.add("printed right under the text above", -1.5)

    def _under_a_headline_line(self, start: int) -> bool:
        """Printed right under another headline-shaped line: the same headline, whose first line
        weighs the topic for both."""
        if start == 0 or self.indented_issue or self.tokens[start].gap_before:
            return False
        above = self.tokens[start - 1]
        return above.kind == "text" and is_title_shaped(above.text)

    def closed_above(self, start: int) -> bool:
        """A byline, a closing credit or page furniture between this line and the text above."""
        for index in range(start - 1, -1, -1):
            token = self.tokens[index]
            if token.kind in ("byline", "credit", "furniture", "meta") or token.byline or token.closing:
                return True
            if token.kind in CONTENT:
                return bool(token.jumps_out)
        return True

    def _editors_note_above(self, start: int) -> bool:
        """A label such as 编者按 one or two paragraphs above, with no headline between."""
        seen = 0
        for index in range(start - 1, max(-1, start - 6), -1):
            token = self.tokens[index]
            if token.kind != "text":
                return False
            if line_shape(token.text).label if len(token.text) <= 20 else False:
                return True
            seen += 1
            if seen > 2 or is_title_shaped(token.text):
                return False
        return False

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
    def topic(self, left: Side | None, right: Side | None, evidence: Evidence) -> None:
        """Measured on the seeds and half the development set (sets of words, 300 characters
        a side): across a sub-head 21 of 30 pairs share 0.10 or more, across two articles
        2 of 36 do."""
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

    def _side(self, indexes: range) -> Side | None:
        """The words of the WINDOW characters of running text nearest one side; None when too little.

        A text that fits the window whole brings the words of its own (each text is cut into words
        once, however many candidates it stands beside); the one the window cuts, those of its part."""
        parts: list[str] = []
        found: set[str] = set()
        size = 0
        for index in indexes:
            token = self.tokens[index]
            if token.kind == "furniture" or token.kind == "meta":
                break
            if token.kind != "text":
                continue
            text = token.text
            room = cohesion.WINDOW - size
            if len(text) <= room:
                found |= self._words_of(index)
                parts.append(text)
            else:
                piece = text[:room] if indexes.step > 0 else text[-room:]
                found |= cohesion.words(piece)
                parts.append(piece)
            size += len(text)
            if size >= cohesion.WINDOW:
                break
        if size < 40:
            return None
        text = "".join(reversed(parts)) if indexes.step < 0 else "".join(parts)
        return frozenset(found), min(size, cohesion.WINDOW), text

    def _words_of(self, index: int) -> frozenset[str]:
        words = self._words.get(index)
        if words is None:
            words = self._words[index] = cohesion.words(self.tokens[index].text)
        return words
