"""Datelines at the start of an article's first paragraph.

`呼和浩特讯`, `本报讯`, `中国警察网讯`, `新华社北京7月10日电`, `本报呼和浩特3月2日电`,
each optionally followed by a reporter credit in parentheses
(`本报讯（记者 张三）`).  The place goes to ``dateline``; the credit's names
become bylines.  A dateline must be followed by a space or the credit, so that
words like 通讯员 are never mistaken for one.
"""
from __future__ import annotations

import re

from ..chars import HAN
from ..state import ParseState
from .bylines import parse_names

_XUN = re.compile(f"^(?P<printed>(?P<place>[{HAN}]{{2,12}}?)讯)")
_DIAN = re.compile(
    f"^(?P<printed>(?:新华社|中新社|中新网|人民网|本报记者|本报)?(?P<place>[{HAN}]{{2,8}}?)"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日电)"
)
_CREDIT = re.compile(r"^\s*[（(](?P<credit>[^（）()]{2,40})[）)]\s*")
_SEPARATOR = re.compile(r"^[\s:：]+")


def datelines(state: ParseState) -> None:
    for token in state.tokens:
        if token.kind != "text" or token.headline:
            continue
        text = token.text
        m = _DIAN.match(text) or _XUN.match(text)
        if not m:
            continue
        printed = m.group("printed")
        place = m.group("place")
        if printed.endswith("讯"):
            # The place as printed, without 讯: 本报讯 -> 本报, 中国警察网讯 -> 中国警察网.
            place = printed[:-1]
        rest = text[m.end():]
        credit = ""
        names: list[str] = []
        c = _CREDIT.match(rest)
        if c:
            names = parse_names(c.group("credit"))
            if names:
                credit = c.group(0).strip()
                rest = rest[c.end():]
        if not credit:
            sep = _SEPARATOR.match(rest)
            if sep:
                rest = rest[sep.end():]
            elif place != "本报" or not rest:
                continue
        if not rest:
            continue
        token.dateline_place = place
        token.dateline_printed = printed
        token.dateline_credit = credit
        token.credit_names = names
        token.text = rest
