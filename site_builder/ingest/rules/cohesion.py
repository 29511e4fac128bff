"""Lexical cohesion: does the text after a line go on with the topic of the text before it?

As TextTiling does, the two sides of a candidate boundary are compared as bags
of words; a new article shares few words with the one before it, a section of
the same article shares many.  Chinese has no spaces, so the words come from
jieba's segmenter (rjieba, which ships its dictionary); single characters and
numbers are left out, as function words and figures say nothing of the topic.
"""
from __future__ import annotations

import math
import re

import rjieba

WINDOW = 300  # characters of text taken on each side


# A content word on a line of its own: the words are joined by line breaks and picked out by one
# scan, which costs less than one match per word.
_CONTENT_WORD_LINE = re.compile("^[\u4e00-\u9fff]{2,}$", re.MULTILINE)


def words(text: str) -> frozenset[str]:
    """The content words of a text: jieba's words of two or more Chinese characters."""
    return frozenset(_CONTENT_WORD_LINE.findall("\n".join(rjieba.cut(text))))


def similarity(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    """Cosine similarity of two sets of content words, 0 (nothing shared) .. 1."""
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def joins_a_word(left: str, right: str) -> bool:
    """True when the break between the two texts falls inside one word (`巡|逻`)."""
    if not left or not right:
        return False
    edge = left[-4:]
    position = len(edge)
    offset = 0
    for word in rjieba.cut(edge + right[:4]):
        if offset < position < offset + len(word):
            return True
        offset += len(word)
    return False
