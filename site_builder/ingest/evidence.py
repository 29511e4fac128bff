"""Weighing evidence: named cues, each adding log-odds for or against a reading.

A decision the parser is not forced to (is this line a new article's headline or
a sub-head? is this break inside a paragraph?) is the sum of the cues that speak
to it, each with a weight in log-odds.  The sum says which way to decide and how
sure the parser is: a margin of 0 is a coin toss, 2 is about 88%, 4 about 98%.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

# Below this margin (about 85%) a decision is reported as a guess, naming the alternative.
UNSURE_MARGIN = 1.75


@dataclass(slots=True)
class Evidence:
    """The cues found for one reading, in the order they were weighed."""

    cues: list[tuple[str, float]] = field(default_factory=list)
    score: float = 0.0

    def add(self, name: str, weight: float) -> None:
        if weight:
            self.cues.append((name, weight))
            self.score += weight

    def strongest(self, count: int = 3) -> list[str]:
        """The cues that weighed most, for messages: 'lead formula after it +4.0'."""
        ranked = sorted(self.cues, key=lambda cue: -abs(cue[1]))[:count]
        return [f"{name} {weight:+.1f}" for name, weight in ranked]


def confidence(margin: float) -> float:
    """The probability a log-odds margin stands for."""
    return 1.0 / (1.0 + math.exp(-abs(margin)))


def percent(margin: float) -> str:
    return f"{round(confidence(margin) * 100)}%"
