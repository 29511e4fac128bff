"""News leads at the start of an article's first paragraph.

`呼和浩特讯`, `本报讯`, `本报12月28日讯`, `某某网8月14日讯`, `新华社北京7月10日电`,
`中新网广州7月2日电`, each optionally followed by a reporter credit in
parentheses (`本报讯（记者 张三）`) or a bare one ending in 报道 (`本报讯 张三
李四摄影报道：`).  The place goes to ``dateline``; the credit's names become
bylines.  `某某网消息：` and `（记者 张三）` open an article the same way but
give no dateline.  A lead must be followed by a space, a colon or the credit, so
that words like 通讯员 are never mistaken for one.

Every lead is also evidence that an article starts right above it: ``lead``
says how strong (see segment.py).
"""
from __future__ import annotations

import re

from site_builder.ingest.chars import HAN
from site_builder.ingest.rules.bylines import REPORTER_ROLES, parse_names
from site_builder.ingest.state import ParseState

_DAY = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日"
_XUN_AT_END = re.compile(_DAY + "讯$|讯$")
_XUN = re.compile(f"^(?P<printed>(?P<place>[{HAN}A-Za-z]{{2,12}}?)(?:{_DAY})?讯)")
_DIAN = re.compile(
    f"^(?P<printed>(?:新华社|中新社|中新网|人民网|央视网|光明网|本报记者|本报)?(?P<place>[{HAN}]{{2,8}}?){_DAY}电)"
)
_NEWS = re.compile(f"^(?P<printed>[{HAN}]{{2,16}}?(?:网|报|台|社|在线|频道|新闻|客户端|日报|晚报)消息)(?=[\\s:：（(])")
_CREDIT = re.compile(r"^\s*[（(](?P<credit>[^（）()]{2,40})[）)]\s*")
_BARE_CREDIT = re.compile(f"^\\s*(?P<credit>[{HAN}·\\s、]{{2,40}}?(?:摄影报道|报道))\\s*[:：]\\s*")
_LEAD_CREDIT = re.compile(rf"^[（(](?P<credit>(?:{REPORTER_ROLES})[^（）()]{{1,36}})[）)]\s*")
_REPORTER_LEARNED = re.compile(f"^(?:本报)?记者[{HAN}\\d]{{0,16}}?(?:从|在|获悉|了解到|采访)")
_SEPARATOR = re.compile(r"^[\s:：]+")

# How strongly each kind of lead says that an article starts right above it.
LEAD_DATELINE = 4.0
LEAD_NEWS = 4.0
LEAD_CREDIT = 3.0
LEAD_REPORTER = 1.5


def datelines(state: ParseState) -> None:
    for token in state.tokens:
        if token.kind != "text" or token.headline:
            continue
        text = token.text
        first = text[0]
        if first in "（(":
            _lead_credit(token)
            continue
        if first == "记":
            if _REPORTER_LEARNED.match(text):
                token.lead = LEAD_REPORTER
            continue
        head = text[:28]
        if "讯" not in head and "电" not in head and "消息" not in head:
            continue
        m = _DIAN.match(text) or _XUN.match(text)
        news = None if m else _NEWS.match(text)
        if not m and not news:
            continue
        printed = (m or news).group("printed")
        rest = text[len(printed) :]
        credit, names, rest = _credit(rest)
        if not credit:
            sep = _SEPARATOR.match(rest)
            if sep:
                rest = rest[sep.end() :]
            elif not rest or not (printed.startswith("本报") and printed.endswith("讯") or m and rest[0].isdigit()):
                continue  # a date may follow 讯 without a space (牙克石讯3月初); other words may not
        if not rest:
            continue
        if m:
            place = m.group("place")
            if printed.endswith("讯"):
                # The place as printed, without the date and 讯: 本报12月28日讯 -> 本报.
                place = _XUN_AT_END.sub("", printed)
            token.dateline_place = place
            token.lead = LEAD_DATELINE
        else:
            token.lead = LEAD_NEWS
        token.dateline_printed = printed
        token.dateline_credit = credit
        token.credit_names = names
        token.text = rest


def _credit(rest: str) -> tuple[str, list[str], str]:
    for pattern in (_CREDIT, _BARE_CREDIT):
        c = pattern.match(rest)
        if c:
            names = parse_names(c.group("credit"))
            if names:
                return c.group(0).strip(), names, rest[c.end() :]
    return "", [], rest


def _lead_credit(token) -> None:
    """`（记者 张三 通讯员 李四）近日，…`: a credit opening the first paragraph."""
    m = _LEAD_CREDIT.match(token.text)
    if not m or len(token.text) <= m.end():
        return
    names = parse_names(m.group("credit"))
    if not names:
        return
    token.lead = LEAD_CREDIT
    token.dateline_credit = m.group(0).strip()
    token.credit_names = names
    token.text = token.text[m.end() :]
