"""The best chain of headlines through an issue: dynamic programming over the candidates.

A reading of an issue is a chain of chosen candidates (segment.py), each followed by
the body of its article up to the next.  Its weight is the candidates' own weights
plus what each stretch of body between two of them says: an article has a body, and
a body of one short paragraph that no byline closes is seldom a whole article (it is
more often the introduction before a feature's sub-heads).  The best chain is found
in one pass; the weight of the best chain without a given start, in another, so a
close call can be reported with its margin.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..state import Token

NEG = float("-inf")
UNTITLED = -2.0  # body text before the first headline: an article without a title
SCRAP = -2.5  # an unclosed article body of a few characters
SHORT = -1.5  # an unclosed article body of one short paragraph
SCRAP_CHARS = 60
SHORT_CHARS = 200
# How many candidates back an article may reach for its predecessor: bounds the work on
# pathological input (thousands of headline-shaped lines) without limiting real issues.
REACH = 96


@dataclass(frozen=True, slots=True)
class Node:
    start: int
    length: int
    score: float

    @property
    def end(self) -> int:
        return self.start + self.length


class Chain:
    def __init__(self, tokens: list[Token], nodes: list[Node], closed: dict[int, bool], content: frozenset[str]) -> None:
        self.nodes = sorted(nodes, key=lambda node: (node.start, node.length))
        self.closed = closed
        self.n = len(tokens)
        count = [0]
        texts = [0]
        chars = [0]
        for token in tokens:
            count.append(count[-1] + (token.kind in content))
            texts.append(texts[-1] + (token.kind == "text"))
            chars.append(chars[-1] + (len(token.text) if token.kind == "text" else 0))
        self.count, self.texts, self.chars = count, texts, chars

    # -- what a stretch of body says ---------------------------------------------------
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
        """best[i]: the weight of the best chain ending with node i (skipping nodes that start at `skip`)."""
        nodes = self.nodes
        best = [NEG] * len(nodes)
        back = [-1] * len(nodes)
        for i, node in enumerate(nodes):
            if node.start == skip:
                continue
            top, arg = self.pair(None, node), -1
            for j in range(max(0, i - REACH), i):
                if best[j] == NEG or nodes[j].end >= node.start:
                    continue
                value = best[j] + self.pair(nodes[j], node)
                if value > top:
                    top, arg = value, j
            if top != NEG:
                best[i] = top + node.score
                back[i] = arg
        return best, back

    def backward(self) -> list[float]:
        """after[i]: the weight of the best way to go on from node i to the end of the issue."""
        nodes = self.nodes
        after = [NEG] * len(nodes)
        for i in range(len(nodes) - 1, -1, -1):
            top = self.pair(nodes[i], None)
            for k in range(i + 1, min(len(nodes), i + 1 + REACH)):
                if after[k] == NEG or nodes[i].end >= nodes[k].start:
                    continue
                top = max(top, self.pair(nodes[i], nodes[k]) + nodes[k].score + after[k])
            after[i] = top
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
        _, last = self.total(best)
        chain: list[Node] = []
        while last != -1:
            chain.append(self.nodes[last])
            last = back[last]
        chain.reverse()
        return chain

    def margin(self, start: int, best: list[float], after: list[float]) -> float:
        """How much better the best chain with a headline at `start` is than the best without one."""
        with_start = max(
            (best[i] + after[i] for i, node in enumerate(self.nodes) if node.start == start and best[i] != NEG),
            default=NEG,
        )
        without, _ = self.total(self.forward(skip=start)[0])
        if with_start == NEG or without == NEG:
            return float("inf")
        return with_start - without
