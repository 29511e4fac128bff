"""Closing bylines: `(戴紫君)`, `（某某 某某）`, `（某某、某某）`.

Recognised at the end of a paragraph, right after its sentence-final
punctuation, or as a line of its own (see ``tokenize.byline_line``).  The
names move to the article's ``bylines``; the parentheses leave the text.
"""
from __future__ import annotations

import re

from ..chars import HAN, ends_sentence
from ..state import ParseState

# Role words before names.  Whole words anywhere; the longer ones also as a
# prefix glued to the name (记者张三).  One-character roles (文, 图, 摄) only as
# whole words: many names begin with those characters.
_ROLE_WORDS = frozenset(
    "本报记者 本报通讯员 特约记者 见习记者 实习记者 首席记者 记者 通讯员 实习生 摄影 摄 文图 图文 文 图 编辑 作者".split()
)
_ROLE_PREFIX = re.compile(r"^(?:本报记者|本报通讯员|特约记者|见习记者|实习记者|首席记者|记者|通讯员|实习生)[:：]?")
_SEPARATORS = re.compile(r"[\s、，,;；/:：]+")
_NAME = re.compile(f"^[{HAN}][{HAN}·•]{{1,9}}$")
# Words that look like names in parentheses but are not.
_NOT_NAMES = frozenset({"完", "待续", "未完待续", "全文完", "图文", "资料图", "供图", "下同", "同上", "本报记者", "记者", "通讯员"})
_TRAILING = re.compile(r"\s*[（(]([^（）()]{2,40})[）)]\s*$")


def parse_names(inner: str) -> list[str]:
    """`记者 张三 通讯员 李四` -> [张三, 李四]; [] when it is not a list of names."""
    names: list[str] = []
    for part in _SEPARATORS.split(inner.strip()):
        if not part:
            continue
        if part in _ROLE_WORDS:
            continue
        part = _ROLE_PREFIX.sub("", part)
        if part in _NOT_NAMES or not _NAME.match(part):
            return []
        names.append(part)
    return names if 0 < len(names) <= 8 else []


def closing_bylines(state: ParseState) -> None:
    for token in state.tokens:
        if token.kind != "text" or not token.text.endswith((")", "）")):
            continue
        m = _TRAILING.search(token.text)
        if not m:
            continue
        before = token.text[: m.start()].rstrip()
        if not before or not ends_sentence(before):
            continue
        names = parse_names(m.group(1))
        if not names:
            continue
        token.byline = names
        token.byline_printed = m.group(0).strip()
        token.text = before
