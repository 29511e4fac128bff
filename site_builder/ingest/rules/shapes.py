"""What a line of text looks like: headline, sub-head, caption or running text.

These are statements about form only (length, punctuation, position markers),
never about particular words of particular issues.
"""
from __future__ import annotations

import re

from ..chars import CLAUSE_MARKS, visible_length

_CAPTION_START = re.compile(r"^(?:图为|图\s*[:：]|[（(]图|上图|下图|左图|右图|图\d)")
_CAPTION_END = re.compile(r"(?:\s|[。.])?(?:[\u4e00-\u9fff·]{2,8}\s*)?(?:摄|摄影|供图|图)[。.]?$")
_CAPTION_END_STRICT = re.compile(r"(?:[。.]\s*|\s+)[\u4e00-\u9fff·]{2,8}\s*(?:摄|摄影|供图)[。.]?$|^[^，,。]{2,30}\s+[\u4e00-\u9fff·]{2,8}\s*摄[。.]?$")
_NO_HEADLINE_END = "，,、；;：:。."
_INNER_FINAL = re.compile(r"[。！？!?…][^”’」』）)】》]")
_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十]{1,3}[，,、])\s*")
_DASH = re.compile(r"^(?:——|—|--|－－)\s*")


def is_explicit_caption(text: str) -> bool:
    """`图为…`, `…张三 摄`: a caption by its own words."""
    if visible_length(text) > 80:
        return False
    return bool(_CAPTION_START.match(text) or _CAPTION_END_STRICT.search(text))


def is_caption_shaped(text: str) -> bool:
    """A short single clause ending in a full stop: `活动现场。`, `民警在巡逻。`."""
    n = visible_length(text)
    if n < 2 or n > 20 or not text.endswith(("。", ".")):
        return False
    if text[0] in "“‘「《(（\"'":
        return False
    body = text[:-1]
    return not any(ch in body for ch in CLAUSE_MARKS + "：:。！？!?")


def is_caption_like(text: str) -> bool:
    """Longer single clauses that could be captions; kept as paragraphs, with a warning."""
    n = visible_length(text)
    if n <= 20 or n > 35 or not text.endswith("。") or text[0] in "“‘「《":
        return False
    return not any(ch in text[:-1] for ch in CLAUSE_MARKS + "：:。！？!?")


def is_title_shaped(text: str) -> bool:
    """A headline line: short, no full stop, not ending in a clause mark."""
    n = visible_length(text)
    if n == 0 or n > 40 or text[-1] in _NO_HEADLINE_END:
        return False
    if "。" in text or _INNER_FINAL.search(text):
        return False
    return not is_explicit_caption(text)


def is_heading_shaped(text: str) -> bool:
    """A sub-head inside an article: shorter still and without any clause punctuation.

    Page-break fragments usually carry a comma or 、 somewhere; sub-heads never
    do, apart from a leading enumerator (一、 / （二） / 3.).
    """
    text = _ENUMERATOR.sub("", text, count=1)
    n = visible_length(text)
    if n < 2 or n > 30 or text[-1] in _NO_HEADLINE_END + "！？!?…":
        return False
    if any(ch in text for ch in CLAUSE_MARKS + "：:。！？!?…"):
        return False
    return not is_explicit_caption(text)


def strip_dash(text: str) -> tuple[str, bool]:
    """`——记某某` -> (`记某某`, True)."""
    m = _DASH.match(text)
    if not m:
        return text, False
    return text[m.end():], True
