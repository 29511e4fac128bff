"""Cues from the lines of a candidate headline themselves: their shape, the lines
printed with them, the lines left under them, and the lines of a series of sub-heads.

Part of the evidence for a new article (cues.py); weights in log-odds.
"""
from __future__ import annotations

from site_builder.ingest.chars import ends_sentence
from site_builder.ingest.evidence import Evidence
from site_builder.ingest.rules.headlines import is_couplet
from site_builder.ingest.rules.shapes import (
    has_subhead_mark,
    is_enumerated,
    is_label,
    is_title_shaped,
    line_shape,
    strip_dash,
)
from site_builder.ingest.state import ParseState, Token

# A headline does not stop on a word that needs more after it; a line cut by a break often does.
_DANGLING = frozenset("的地得和与及或等在对把被将为向从以于而并且着是由使让给既又")


class LineCues:
    """The cues of the headline's own lines, over one issue's tokens."""

    state: ParseState
    tokens: list[Token]
    indented_issue: bool

    def closed_above(self, start: int) -> bool:  # pragma: no cover - defined by Cues
        raise NotImplementedError

    # -- the lines of the headline -------------------------------------------------
    def shape(self, start: int, length: int, evidence: Evidence) -> None:
        if length == 1:  # most candidates: one line, weighed without building a list of them
            main = line_shape(self.tokens[start].text)
            lines = [main]
        else:
            lines = [line_shape(self.tokens[i].text) for i in range(start, start + length)]
            main = max(lines, key=lambda shape: shape.length)
        if lines[0].dashed:
            evidence.add("opens with a dash, as a subtitle does", -3.0)
        if main.enumerated if length == 1 else any(shape.enumerated for shape in lines):
            evidence.add("numbered like a sub-head", -4.0)
        if lines[0].marked:
            evidence.add("marked like a sub-head (◎ ● ■)", -2.0)
        if main.label if length == 1 else any(shape.label for shape in lines):
            evidence.add("a label (编者按, 核心提示 …)", -3.0)
        if lines[-1].quoted_end:
            evidence.add("ends a quoted sentence, as running text does", -2.5)
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
        if self.state.style == "web":
            evidence.add("a web page prints its headline on one line", -2.0)
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
