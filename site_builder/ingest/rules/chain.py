"""The best chain of headlines through an issue: dynamic programming over the candidates.

A reading of an issue is a chain of chosen candidates (segment.py), each followed by
the body of its article up to the next.  Its weight is the candidates' own weights
plus what each stretch of body between two of them says: an article has a body, and
a body of one short paragraph that no byline closes is seldom a whole article (it is
more often the introduction before a feature's sub-heads).

What a body says depends only on how much text lies between two candidates, so the
best predecessor of a candidate is a best-so-far over token positions (a Fenwick tree
of maxima): the whole issue is read in O(n log n), a close call weighed again in the
same time.  Re-reading an issue for each close call is capped (segment.py), so an issue
of a thousand doubtful lines still takes linear time.
"""
from __future__ import annotations

import bisect
from typing import NamedTuple

from site_builder.ingest.state import Token

NEG = float("-inf")
UNTITLED = -2.0  # body text before the first headline: an article without a title
SCRAP = -2.5  # an unclosed article body of a few characters
SHORT = -1.5  # an unclosed article body of one short paragraph
SCRAP_CHARS = 60
SHORT_CHARS = 200
_NONE = (NEG, -1)


class Node(NamedTuple):
    """A candidate headline: its first token, its number of lines, its weight.  (A tuple: an
    issue makes thousands, and a frozen dataclass costs several times as much to make.)"""

    start: int
    length: int
    score: float

    @property
    def end(self) -> int:
        return self.start + self.length


class _Maxima:
    """Best (value, node) at or below a position (or, mirrored, at or above it)."""

    def __init__(self, size: int, mirrored: bool = False) -> None:
        self.size = size + 1
        self.mirrored = mirrored
        self.tree = [_NONE] * (self.size + 1)

    def put(self, position: int, item: tuple[float, int]) -> None:
        i = (self.size - 1 - position if self.mirrored else position) + 1
        tree = self.tree
        while i <= self.size:
            if item[0] > tree[i][0]:
                tree[i] = item
            i += i & -i

    def best(self, position: int) -> tuple[float, int]:
        """The best item put at a position <= `position` (mirrored: >=)."""
        if position < 0 or position >= self.size:
            if self.mirrored and position < 0:
                position = 0
            elif not self.mirrored and position >= self.size:
                position = self.size - 1
            else:
                return _NONE
        i = (self.size - 1 - position if self.mirrored else position) + 1
        tree = self.tree
        top = _NONE
        while i > 0:
            if tree[i][0] > top[0]:
                top = tree[i]
            i -= i & -i
        return top


class _SuffixBest:
    """Best value put at or above a position, for the backward pass, which puts at the start of
    each node in decreasing order and asks only above it: a position's answer is final when first
    asked, so it is computed once, by a running maximum (a Fenwick tree's log n per query is the
    cost of allowing any order, which this pass does not need)."""

    def __init__(self, size: int) -> None:
        self.size = size + 1  # positions 0 .. size
        self.at = [NEG] * (self.size + 1)
        self.suffix = [NEG] * (self.size + 1)
        self.low = self.size  # suffix[p] is computed for p >= low

    def put(self, position: int, value: float) -> None:
        if value > self.at[position]:
            self.at[position] = value
        for q in range(position, self.low - 1, -1):  # only when asked below a later put: never in this pass
            if value > self.suffix[q]:
                self.suffix[q] = value

    def best(self, position: int) -> float:
        if position >= self.size:
            return NEG
        position = max(position, 0)
        low = self.low
        if position < low:
            at, suffix = self.at, self.suffix
            running = suffix[low]
            for q in range(low - 1, position - 1, -1):
                if at[q] > running:
                    running = at[q]
                suffix[q] = running
            self.low = position
        return self.suffix[position]


class Chain:
    def __init__(self, tokens: list[Token], nodes: list[Node], closed: dict[int, bool], content: frozenset[str]) -> None:
        self.nodes = sorted(nodes, key=lambda node: (node.start, node.length))
        self.closed = closed
        self.n = n = len(tokens)
        # Prefix counts of content tokens, text tokens and text characters, and the last content
        # position before each position, in one pass (this runs once per reading of an issue).
        count, texts, chars, last_content = [0], [0], [0], [-1]
        contents = text_count = char_count = 0
        last = -1
        for position, token in enumerate(tokens):
            kind = token.kind
            if kind in content:
                contents += 1
                last = position
            if kind == "text":
                text_count += 1
                char_count += len(token.text)
            count.append(contents)
            texts.append(text_count)
            chars.append(char_count)
            last_content.append(last)
        self.count, self.texts, self.chars = count, texts, chars
        self.best: list[float] = []
        self.chosen: list[Node] = []  # the best chain, once best_chain() has run
        self._position: dict[int, int] = {}
        # last_content[s]: the last position p < s with content in tokens[p:s] (-1: none);
        # first_content[e]: the first position q > e with content in tokens[e:q] (n + 1: none).
        self.last_content = last_content
        self.first_content = [n + 1] * (n + 1)
        for e in range(n - 1, -1, -1):
            self.first_content[e] = e + 1 if tokens[e].kind in content else self.first_content[e + 1]

    # -- how much text between two positions -----------------------------------------
    def _reach_back(self, s: int, chars: int, texts: int = 0) -> int:
        """The last position p <= s with at least `chars` characters and `texts` texts in [p, s)."""
        p = bisect.bisect_right(self.chars, self.chars[s] - chars, 0, s + 1) - 1
        if texts:
            p = min(p, bisect.bisect_right(self.texts, self.texts[s] - texts, 0, s + 1) - 1)
        return p

    def _reach_on(self, e: int, chars: int, texts: int = 0) -> int:
        """The first position q >= e with at least `chars` characters and `texts` texts in [e, q)."""
        q = bisect.bisect_left(self.chars, self.chars[e] + chars, e)
        if texts:
            q = max(q, bisect.bisect_left(self.texts, self.texts[e] + texts, e))
        return q

    def pair(self, before: Node | None, after: Node | None) -> float:
        """The weight of the body between two chosen headlines (None: the issue's start or end)."""
        begin = before.end if before is not None else 0
        end = after.start if after is not None else self.n
        if end < begin:
            return NEG
        content = self.count[end] - self.count[begin]
        if before is None:
            return UNTITLED if content else 0.0
        if not content:
            return NEG  # an article has a body
        if after is None or self.closed.get(after.start, False):
            return 0.0
        chars = self.chars[end] - self.chars[begin]
        if chars < SCRAP_CHARS:
            return SCRAP
        if self.texts[end] - self.texts[begin] <= 1 and chars < SHORT_CHARS:
            return SHORT
        return 0.0

    # -- the best chain ---------------------------------------------------------------
    def forward(self, skip: int | None = None) -> tuple[list[float], list[int]]:
        """best[i]: the weight of the best chain ending with node i (none starting at `skip`)."""
        nodes = self.nodes
        best, back = [NEG] * len(nodes), [-1] * len(nodes)
        ends = _Maxima(self.n)
        for i, node in enumerate(nodes):
            if node.start == skip:
                continue
            s = node.start
            top = (self.pair(None, node), -1)
            last = self.last_content[s]  # a predecessor must end at or before it: a body between
            if self.closed.get(s, False):
                options = [(ends.best(last), 0.0)]
            else:
                long_ = max(self._reach_back(s, SHORT_CHARS), self._reach_back(s, SCRAP_CHARS, 2))
                options = [
                    (ends.best(min(long_, last)), 0.0),
                    (ends.best(min(self._reach_back(s, SCRAP_CHARS), last)), SHORT),
                    (ends.best(last), SCRAP),
                ]
            for (value, j), cost in options:
                if j >= 0 and value + cost > top[0]:
                    top = (value + cost, j)
            if top[0] != NEG:
                best[i], back[i] = top[0] + node.score, top[1]
                ends.put(node.end, (best[i], i))
        return best, back

    def backward(self) -> list[float]:
        """after[i]: the weight of the best way to go on from node i to the end of the issue."""
        nodes = self.nodes
        after = [NEG] * len(nodes)
        closed_starts, open_starts = _SuffixBest(self.n), _SuffixBest(self.n)
        for i in range(len(nodes) - 1, -1, -1):
            node = nodes[i]
            e = node.end
            first = self.first_content[e]  # a successor must start at or after it
            top = self.pair(node, None)
            candidates = [closed_starts.best(first), open_starts.best(max(first, self._reach_on(e, SHORT_CHARS))),
                          open_starts.best(max(first, self._reach_on(e, SCRAP_CHARS, 2))),
                          open_starts.best(max(first, self._reach_on(e, SCRAP_CHARS))) + SHORT,
                          open_starts.best(first) + SCRAP]
            after[i] = max([top] + candidates)
            if after[i] != NEG:
                target = closed_starts if self.closed.get(node.start, False) else open_starts
                target.put(node.start, node.score + after[i])
        return after

    def total(self, best: list[float]) -> tuple[float, int]:
        top, arg = self.pair(None, None), -1
        for i, node in enumerate(self.nodes):
            if best[i] != NEG:
                value = best[i] + self.pair(node, None)
                if value > top:
                    top, arg = value, i
        return top, arg

    def best_chain(self) -> list[Node]:
        best, back = self.forward()
        self.best = best  # kept for margins
        _, last = self.total(best)
        chain: list[Node] = []
        while last != -1:
            chain.append(self.nodes[last])
            last = back[last]
        chain.reverse()
        self.chosen = chain
        self._position = {node.start: k for k, node in enumerate(chain)}
        return chain

    def starts_best(self, best: list[float], after: list[float]) -> dict[int, float]:
        """Per start, the weight of the best chain taking a headline there (one pass)."""
        found: dict[int, float] = {}
        for i, node in enumerate(self.nodes):
            if best[i] != NEG and after[i] != NEG:
                value = best[i] + after[i]
                if value > found.get(node.start, NEG):
                    found[node.start] = value
        return found

    def margin(self, start: int, with_start: float, chosen: bool, overall: float, exact: bool = True) -> float:
        """How much better the best chain with a headline at `start` is than the best without one.

        For a start the best chain does not take, the best without it is that chain; for one
        it takes, the issue is read again without it (`exact`), or, past a few such re-readings
        in one issue, the best chain is taken with that headline left out and its body joined
        to the article above (a reading no better than the best without it, so the margin is
        at most what it says)."""
        if chosen:
            without = self.total(self.forward(skip=start)[0])[0] if exact else self._left_out(start, overall)
        else:
            without = overall  # the best chain's total, which for a start it does not take is the best without it
        if with_start == NEG or without == NEG:
            return float("inf")
        return with_start - without

    def _left_out(self, start: int, overall: float) -> float:
        chain = self.chosen
        index = self._position.get(start)
        if index is None:
            return overall
        before = chain[index - 1] if index > 0 else None
        after = chain[index + 1] if index + 1 < len(chain) else None
        node = chain[index]
        return overall - node.score - self.pair(before, node) - self.pair(node, after) + self.pair(before, after)
