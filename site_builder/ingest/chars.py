"""Character classes and punctuation facts about Chinese running text."""
from __future__ import annotations

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Han characters plus the punctuation of Chinese text: CJK symbols, full-width
# forms, curly quotes, ellipsis and dashes.
CJK = HAN + "\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2026\u2014\u00b7"

SENTENCE_FINAL = "。！？!?…"
CLOSERS = "”’」』）)】》〉\"'"
CLAUSE_MARKS = "，,、；;"

_CLOSERS_AND_SPACE = CLOSERS + " \t"
HAN_RE = re.compile(f"[{HAN}]")


def ends_sentence(text: str) -> bool:
    """True when the text ends a sentence, ignoring closing quotes and brackets.

    A page or column break is only repaired when the first part does NOT end a
    sentence: the paper never breaks a paragraph at a full stop on purpose.
    """
    stripped = text.rstrip(_CLOSERS_AND_SPACE)
    if not stripped:
        return True
    last = stripped[-1]
    if last in SENTENCE_FINAL:
        return True
    # A colon introduces what follows as its own paragraph as often as not;
    # treat it as an end so that quoted statements stay separate.
    if last in "：:":
        return True
    # An ASCII full stop ends a sentence unless it is part of a number (3.5).
    return last == "." and not stripped[-2:-1].isdigit()


def has_han(text: str) -> bool:
    return HAN_RE.search(text) is not None


def visible_length(text: str) -> int:
    return len(text) - text.count(" ")
