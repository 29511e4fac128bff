"""The publication line of a web page: its time, source and author fields.

Web pages print them in many layouts (`发布时间:2024-1-25 10:27:32 来源:某网`,
`2019-08-14 16:54:18 来源:某网 作者:张三 李四`, `作者:张三 发布时间:…`,
`时间:2017-08-20 大 中 小`).  A line is a publication line when it holds a date
or a source and nothing but such fields: labelled fields, a bare date and time,
separators and the page's font-size buttons.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from site_builder.ingest.rules.bylines import parse_names
from site_builder.ingest.rules.controls import is_controls

_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})\s*日?")
_TIME = re.compile(r"\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?")
_TIME_LABELS = "发布时间|发表时间|更新时间|录入时间|发稿时间|上传时间|发布日期|更新日期|时间|日期"
_SOURCE_LABELS = "信息来源|文章来源|新闻来源|来源|稿源|出处"
_AUTHOR_LABELS = "作者|撰稿|撰文|记者"
_OTHER_LABELS = "责任编辑|编辑|责编|审核|浏览次数|点击数|点击量|阅读次数|阅读量|浏览量|访问量|浏览|点击|阅读|字号|字体"
_LABEL = re.compile(rf"({_TIME_LABELS}|{_SOURCE_LABELS}|{_AUTHOR_LABELS}|{_OTHER_LABELS})\s*[:：]\s*")
_IS_TIME = re.compile(rf"^(?:{_TIME_LABELS})$")
_IS_SOURCE = re.compile(rf"^(?:{_SOURCE_LABELS})$")
_IS_AUTHOR = re.compile(rf"^(?:{_AUTHOR_LABELS})$")
_SEPARATORS = re.compile(r"[\s|｜/·•]+")
_NOT_AUTHORS = frozenset({"佚名", "本站", "本网", "admin", "管理员", "网络", "综合", "未知", "不详", "编辑部"})
MAX_LENGTH = 120


@dataclass(slots=True)
class Publication:
    published: str | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)


def iso_date(text: str) -> str | None:
    m = _DATE.search(text)
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2200):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def publication_fields(text: str) -> Publication | None:
    """The fields of a publication line, or None when the line is anything else."""
    if len(text) > MAX_LENGTH or "。" in text:
        return None
    labels = list(_LABEL.finditer(text))
    if not labels and _DATE.search(text) is None:
        return None
    found = Publication()
    # The text before the first label may only be a bare date and time.
    head = text[: labels[0].start()] if labels else text
    if not _only_date(head, found):
        return None
    for index, label in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(text)
        name, value = label.group(1), text[label.end() : end].strip(" |｜")
        if _IS_TIME.match(name):
            if not _only_date(value, found):
                return None
        elif _IS_SOURCE.match(name):
            if value and found.source is None:
                found.source = value.split("  ")[0].strip()
        elif _IS_AUTHOR.match(name):
            if value not in _NOT_AUTHORS:
                found.authors.extend(parse_names(value))
    if found.published is None and found.source is None:
        # Labels with nothing after them (`来源：` on a line of its own) are the empty fields of a
        # page template: still the publication line, with nothing to take from it.
        if labels and all(not text[label.end() : (labels[i + 1].start() if i + 1 < len(labels) else None)].strip()
                          for i, label in enumerate(labels)) and not text[: labels[0].start()].strip():
            return found
        return None
    return found


def _only_date(text: str, found: Publication) -> bool:
    """The text holds at most a date, a time and page buttons; the date is kept."""
    rest = text
    m = _DATE.search(rest)
    if m:
        if found.published is None:
            found.published = iso_date(m.group(0))
        rest = rest[: m.start()] + rest[m.end() :]
    rest = _TIME.sub("", rest)
    rest = _SEPARATORS.sub("", rest)
    return not rest or is_controls(rest)
