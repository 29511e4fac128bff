"""Where articles start: the segmentation of the whole issue that the evidence supports best.

Every run of one to three headline-shaped lines is a candidate headline.  Each
candidate is weighed (cues.py); then one pass of dynamic programming over the
issue's tokens chooses the set of candidates with the greatest total weight,
under the rules every newspaper keeps: an article has a body, and headlines do
not overlap.  So no single cue is a gate: a strong news lead below a line
outweighs an odd line above it, and a page of briefs with neither datelines nor
bylines is cut where the shapes, the spacing and the topics say.

The same pass gives each decision's margin: how much worse the best
segmentation that decides the other way would be.  A close call becomes a
warning at its line, naming the alternative.  Explicit Markdown titles and a
maintainer's fixes (issue.toml) are taken as given.
"""
from __future__ import annotations

from ...errors import Severity
from ..chars import ends_sentence, visible_length
from ..evidence import UNSURE_MARGIN, Evidence, percent
from ..state import ParseState, Token
from .cues import CONTENT, Cues
from .headlines import MAX_HEADLINE_LINES
from .shapes import is_title_shaped

NEG = float("-inf")
FORCED = 100.0
UNTITLED = -2.0  # body text before any headline: an article without a title
# When closing bylines and credits number at least this share of an issue's articles, the issue
# ends its articles with them, and a candidate without one above weighs CONVENTION less.
CLOSED_SHARE = 0.5
CONVENTION = -1.5
# A candidate this far from a coin toss on its own cannot be a close call in the whole issue
# unless another candidate overlaps it; those are weighed in the report.
REPORT_SLACK = 4.0
# States between tokens: before any article, inside an article that has a body, right after a headline.
BEFORE, BODY, HEADED = 0, 1, 2


def article_starts(state: ParseState) -> None:
    tokens = state.tokens
    if not tokens:
        return
    cues = Cues(state)
    candidates = _candidates(state, cues)
    lattice = _Lattice(tokens, candidates)
    forward = lattice.forward()
    chosen = lattice.best_path(forward)
    if _closes_its_articles(cues, chosen):
        # This issue ends its articles with a byline or credit: a candidate with none above is
        # more likely a sub-head.  Weighed in, and the issue segmented again.
        for (start, _length), evidence in candidates.items():
            if evidence.score < FORCED / 2 and not cues.closed_above(start):
                evidence.add("no byline above, where this issue's articles end with one", CONVENTION)
        lattice = _Lattice(tokens, candidates)
        forward = lattice.forward()
        chosen = lattice.best_path(forward)
    for start, length in chosen:
        tokens[start].article_start = True
        tokens[start].headline_lines = length
    if not chosen or chosen[0][0] != _first_content(tokens):
        first = _first_content(tokens)
        if first is not None:
            tokens[first].article_start = True
    if any(abs(e.score) < UNSURE_MARGIN + REPORT_SLACK for e in candidates.values()):
        _report(state, candidates, lattice, forward, lattice.backward(), {start for start, _ in chosen})


def _closes_its_articles(cues: Cues, chosen: list[tuple[int, int]]) -> bool:
    """Whether this issue ends most of its articles (as this reading counts them) with a byline
    or a closing credit."""
    if len(chosen) < 2:
        return False
    closings = sum(1 for t in cues.tokens if t.kind == "byline" or t.byline or t.closing)
    return closings >= CLOSED_SHARE * len(chosen)


def _candidates(state: ParseState, cues: Cues) -> dict[tuple[int, int], Evidence]:
    tokens = state.tokens
    found: dict[tuple[int, int], Evidence] = {}
    eligible = [_eligible(state, token) for token in tokens]
    for start, token in enumerate(tokens):
        if token.kind == "title":
            found[(start, 1)] = _forced("a Markdown title")
            kicker = _kicker_above(tokens, start)
            if kicker is not None:
                found[(kicker, 2)] = _forced("a plain line right above a Markdown title")
                found[(kicker, 2)].add("the kicker belongs to the title", 1.0)
            continue
        if token.fix == "article":
            found[(start, 1)] = _forced("issue.toml says an article starts here")
        if not eligible[start] or state.style == "markdown":
            continue
        lengths = []
        for length in range(1, MAX_HEADLINE_LINES + 1):
            end = start + length
            if end >= len(tokens) or not eligible[end - 1]:
                break
            lengths.append(length)
        if lengths:
            for length, evidence in cues.weigh(start, lengths).items():
                found.setdefault((start, length), evidence)
    return found


def _forced(reason: str) -> Evidence:
    evidence = Evidence()
    evidence.add(reason, FORCED)
    return evidence


def _eligible(state: ParseState, token: Token) -> bool:
    return (
        token.kind == "text"
        and not token.lead
        and not token.byline
        and not token.closing
        and token.fix not in ("subhead", "paragraph", "caption", "byline", "furniture", "join")
        and is_title_shaped(token.text)
        and not token.text.startswith(("问：", "答：", "问:", "答:"))
    )


def _kicker_above(tokens: list[Token], index: int) -> int | None:
    """A Markdown title with a plain headline line right above it: that line is its kicker."""
    if index == 0 or tokens[index].gap_before:
        return None
    above = tokens[index - 1]
    if above.kind != "text" or not is_title_shaped(above.text) or above.byline:
        return None
    if index >= 2:
        before = tokens[index - 2]
        if before.kind == "text" and not before.byline and not ends_sentence(before.text):
            return None
    return index - 1


def _first_content(tokens: list[Token]) -> int | None:
    for index, token in enumerate(tokens):
        if token.kind in CONTENT:
            return index
    return None


class _Lattice:
    """The issue cut at every candidate's first and last line: between two cut points
    nothing is decided, so the dynamic programming only visits the cut points."""

    def __init__(self, tokens: list[Token], candidates: dict[tuple[int, int], Evidence]) -> None:
        n = len(tokens)
        points = {0, n}
        for start, length in candidates:
            points.add(start)
            points.add(start + length)
        self.points = sorted(points)
        self.index = {point: i for i, point in enumerate(self.points)}
        content = [0]
        for token in tokens:
            content.append(content[-1] + (token.kind in CONTENT))
        self.content = content
        self.starts: dict[int, list[tuple[int, float]]] = {}
        for (start, length), evidence in candidates.items():
            self.starts.setdefault(start, []).append((length, evidence.score))

    def step(self, state: int, begin: int, end: int) -> tuple[int, float]:
        """The state after tokens[begin:end] read as body text, and what it costs."""
        if self.content[end] == self.content[begin]:
            return state, 0.0
        return BODY, (UNTITLED if state == BEFORE else 0.0)

    def forward(self) -> dict[int, list[float]]:
        """forward[p][s]: the best total weight of the tokens before cut point p, ending in state s."""
        forward = {p: [NEG, NEG, NEG] for p in self.points}
        forward[0][BEFORE] = 0.0
        points = self.points
        for i, p in enumerate(points[:-1]):
            here = forward[p]
            q = points[i + 1]
            for state in (BEFORE, BODY, HEADED):
                if here[state] == NEG:
                    continue
                nxt, cost = self.step(state, p, q)
                if here[state] + cost > forward[q][nxt]:
                    forward[q][nxt] = here[state] + cost
            opening = max(here[BEFORE], here[BODY])
            if opening == NEG:
                continue
            for length, weight in self.starts.get(p, ()):
                if opening + weight > forward[p + length][HEADED]:
                    forward[p + length][HEADED] = opening + weight
        return forward

    def backward(self) -> dict[int, list[float]]:
        """backward[p][s]: the best total weight of the tokens from cut point p on, given state s."""
        points = self.points
        backward = {p: [NEG, NEG, NEG] for p in points}
        backward[points[-1]][BODY] = 0.0
        for i in range(len(points) - 2, -1, -1):
            p, q = points[i], points[i + 1]
            best_start = NEG
            for length, weight in self.starts.get(p, ()):
                best_start = max(best_start, weight + backward[p + length][HEADED])
            for state in (BEFORE, BODY, HEADED):
                nxt, cost = self.step(state, p, q)
                score = backward[q][nxt] + cost if backward[q][nxt] != NEG else NEG
                if state != HEADED:
                    score = max(score, best_start)
                backward[p][state] = score
        return backward

    def best_path(self, forward: dict[int, list[float]]) -> list[tuple[int, int]]:
        """Walk back from the end, taking at each step the move the forward table recorded."""
        ends: dict[int, list[tuple[int, int, float]]] = {}
        for start, options in self.starts.items():
            for length, weight in options:
                ends.setdefault(start + length, []).append((start, length, weight))
        chosen: list[tuple[int, int]] = []
        i, state = len(self.points) - 1, BODY
        while i > 0:
            q = self.points[i]
            target = forward[q][state]
            moved = False
            if state == HEADED:
                for start, length, weight in ends.get(q, ()):
                    opening = max(forward[start][BEFORE], forward[start][BODY])
                    if opening != NEG and abs(opening + weight - target) < 1e-9:
                        chosen.append((start, length))
                        state = BODY if forward[start][BODY] >= forward[start][BEFORE] else BEFORE
                        i = self.index[start]
                        moved = True
                        break
                if moved:
                    continue
            p = self.points[i - 1]
            for before in (BODY, HEADED, BEFORE):
                score = forward[p][before]
                if score == NEG:
                    continue
                nxt, cost = self.step(before, p, q)
                if nxt == state and abs(score + cost - target) < 1e-9:
                    state = before
                    i -= 1
                    moved = True
                    break
            if not moved:  # cannot happen: the table was filled by these same moves
                break
        chosen.reverse()
        return chosen


def _report(
    state: ParseState,
    candidates: dict[tuple[int, int], Evidence],
    lattice: _Lattice,
    forward: dict[int, list[float]],
    backward: dict[int, list[float]],
    chosen: set[int],
) -> None:
    """A warning at every close call between a new article and a line of the text."""
    tokens = state.tokens
    through: dict[int, float] = {}
    inside: dict[int, float] = {}
    for (start, length), evidence in candidates.items():
        if evidence.score >= FORCED / 2:
            continue
        opening = max(forward[start][BEFORE], forward[start][BODY])
        total = opening + evidence.score + backward[start + length][HEADED]
        through[start] = max(through.get(start, NEG), total)
        for index in range(start + 1, start + length):
            inside[index] = max(inside.get(index, NEG), total)
    points = lattice.points
    for start, with_start in through.items():
        token = tokens[start]
        without = inside.get(start, NEG)
        after_point = points[lattice.index[start] + 1]
        for state_before in (BEFORE, BODY, HEADED):
            score = forward[start][state_before]
            if score == NEG:
                continue
            nxt, cost = lattice.step(state_before, start, after_point)
            if backward[after_point][nxt] != NEG:
                without = max(without, score + cost + backward[after_point][nxt])
        margin = with_start - without
        if abs(margin) >= UNSURE_MARGIN or without == NEG or with_start == NEG:
            continue
        best = max((e for (s, _), e in candidates.items() if s == start), key=lambda e: e.score)
        why = ", ".join(best.strongest())
        if start in chosen:
            message = f"{_quote(token.text)} taken as a new article ({percent(margin)}; a sub-head or text line is also possible)"
        else:
            message = f"{_quote(token.text)} taken as part of the article above ({percent(margin)}; a new article is also possible)"
        state.warn(
            "article-guess",
            message,
            token.line,
            hint=f"cues: {why}; to decide it, add a [[fix]] for line {token.line} to issue.toml",
            severity=Severity.WARNING,
        )


def _quote(text: str) -> str:
    return text if visible_length(text) <= 24 else text[:22] + "…"
