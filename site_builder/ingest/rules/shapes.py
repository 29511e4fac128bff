"""What a line of text looks like: headline, sub-head, caption or running text.

These are statements about form only (length, punctuation, position markers),
never about particular words of particular issues.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from site_builder.ingest.chars import CLAUSE_MARKS, visible_length

_CAPTION_START = re.compile(r"^(?:图为|图\s*[:：]|[（(]图|上图|下图|左图|右图|图\d)")
_CAPTION_END = re.compile(r"(?:\s|[。.])?(?:[\u4e00-\u9fff·]{2,8}\s*)?(?:摄|摄影|供图|图)[。.]?$")
_CAPTION_END_STRICT = re.compile(
    r"(?:(?:[。.]\s*|\s+)[\u4e00-\u9fff·/]{2,16}\s*(?:摄|摄影|供图)[。.]?|^[^，,。]{2,30}\s+[\u4e00-\u9fff·]{2,8}\s*摄[。.]?"
    r"|(?:[。.]\s*|\s+)(?:图源|图片来源|图片|摄影|图)\s*[:：/]\s*[^。，,：:]{2,20}|(?:[。.]\s*|\s+)新华社(?:记者[^。，]{2,8}摄|发))"
    r"\s*(?:[（(][^（）()]{1,12}[)）])?$"
)
_NO_HEADLINE_END = "，,、；;：:。."
_INNER_FINAL = re.compile(r"。[^”’」』）)】》]")
_ENUMERATOR = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．](?!\d)|"
    r"第[一二三四五六七八九十]{1,3}[，,、]|[①②③④⑤⑥⑦⑧⑨⑩]|[A-Za-z][、.．](?![A-Za-z]))\s*"
)
_DASH = re.compile(r"^(?:[—－─-]{2,}|—)\s*")
_ELLIPSIS_END = re.compile(r"(?:\.{3,}|…+)$")
TITLE_MAX = 46
# A sub-head printed with a marker between or before its parts: 万载◎近千名…, ■关键词, ●现场.
_SUBHEAD_MARK = re.compile(r"[◎●■◆▲▼★☆◇□○]")
# Words that label a part of an article rather than name one.
_LABEL = re.compile(
    r"^(?:编者按|编者的话|编后|编后语|核心提示|内容提要|导语|导读|记者手记|采访手记|背景链接|新闻链接|相关链接|链接|"
    r"小贴士|温馨提示|警方提示|延伸阅读|短评|点评|评论|专家说法|以案说法|法官说法|律师说法|记者观察|人物简介|简介)[:：]?$"
)
_PHRASES = re.compile(r"[\u4e00-\u9fff”》）)A-Za-z0-9][ \u3000]+[\u4e00-\u9fff“《（(A-Za-z0-9]")


@lru_cache(maxsize=16384)
def is_explicit_caption(text: str) -> bool:
    """`图为…`, `…张三 摄`: a caption by its own words."""
    if visible_length(text) > 80:
        return False
    return bool(_CAPTION_START.match(text) or _CAPTION_END_STRICT.search(text))


@lru_cache(maxsize=16384)
def is_caption_shaped(text: str) -> bool:
    """A short single clause ending in a full stop: `活动现场。`, `民警在巡逻。`."""
    n = visible_length(text)
    if n < 2 or n > 20 or not text.endswith(("。", ".")):
        return False
    if text[0] in "“‘「《(（\"'" or is_enumerated(text):
        return False
    body = text[:-1]
    return not any(ch in body for ch in CLAUSE_MARKS + "：:。！？!?")


@lru_cache(maxsize=16384)
def is_caption_like(text: str) -> bool:
    """Longer single clauses that could be captions; kept as paragraphs, with a warning."""
    n = visible_length(text)
    if n <= 20 or n > 35 or not text.endswith("。") or text[0] in "“‘「《":
        return False
    return not any(ch in text[:-1] for ch in CLAUSE_MARKS + "：:。！？!?")


@lru_cache(maxsize=16384)
def is_title_shaped(text: str) -> bool:
    """A headline line: short, no full stop, not ending in a clause mark (an ellipsis may end it)."""
    n = visible_length(text)
    if n == 0 or n > TITLE_MAX or text[-1] in _NO_HEADLINE_END and not _ELLIPSIS_END.search(text):
        return False
    if "。" in text or _INNER_FINAL.search(text):
        return False
    return not is_explicit_caption(text)


def is_headline_line(text: str) -> bool:
    """A line that may belong to a headline: title-shaped, or a kicker ending in a colon (某某派出所：)."""
    if text.endswith(("：", ":")):
        return visible_length(text) >= 4 and is_title_shaped(text[:-1])
    return is_title_shaped(text)


@lru_cache(maxsize=16384)
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


def is_enumerated(text: str) -> bool:
    """`一、` `（二）` `3.` `①`: numbered like a sub-head or a list item."""
    return _ENUMERATOR.match(text) is not None


def has_subhead_mark(text: str) -> bool:
    return _SUBHEAD_MARK.search(text) is not None


def is_label(text: str) -> bool:
    """`编者按`, `核心提示`, `链接`: a label for a part of an article."""
    return _LABEL.match(text.strip("【】[]□■ ")) is not None


def phrase_lengths(text: str) -> list[int]:
    """Lengths of the phrases a headline prints apart with spaces: `隧道内发生事故 数公里车流…` -> [7, 12]."""
    if " " not in text or not _PHRASES.search(text):
        return [visible_length(text)]
    return [len(part) for part in text.split(" ") if part]


class LineShape(NamedTuple):
    """What the cues need to know about one headline-shaped line, worked out once."""

    length: int  # visible characters
    phrases: tuple[int, ...]  # lengths of its space-separated phrases
    dashed: bool  # opens with a dash
    enumerated: bool
    marked: bool  # ◎ ● ■ … (a 【…】 tag in front is a column name, not a mark)
    label: bool
    clause_marks: int  # ， 、 ；
    colon_end: bool
    quoted_end: bool  # …！” : a quoted sentence, as running text has
    named_statement: bool  # 某某：做了什么
    last: str
    form: tuple[str, int] | None  # for series of like sub-heads: its first phrase's form, its phrase count


_HAN_CHAR = re.compile("[\u4e00-\u9fff]")


_CLAUSE = "，,、；;"
_QUOTED_END = re.compile(r"[。！？!?…][”’」』\"']$")
_NAMED_STATEMENT = re.compile(r"^[^：:，,]{3,16}[：:][^：:]{4,}$")


@lru_cache(maxsize=16384)
def line_shape(text: str) -> LineShape:
    return LineShape(
        length=visible_length(text),
        phrases=tuple(phrase_lengths(text)),
        dashed=strip_dash(text)[1],
        enumerated=is_enumerated(text),
        marked=has_subhead_mark(text) and not text.startswith("【"),
        label=is_label(text),
        clause_marks=sum(text.count(mark) for mark in _CLAUSE),
        colon_end=text.endswith(("：", ":")),
        quoted_end=_QUOTED_END.search(text) is not None,
        named_statement=_NAMED_STATEMENT.match(text) is not None,
        last=text[-1],
        form=_form(text),
    )


def _form(text: str) -> tuple[str, int] | None:
    """`城市“鹰眼” 俯瞰城市护安全` -> ('xx“xx”', 2): how the line is built, whatever its words."""
    parts = text.split(" ")
    if len(parts) < 2:
        return None
    return _HAN_CHAR.sub("x", parts[0]), len(parts)
