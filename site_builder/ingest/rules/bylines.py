"""Credits: who wrote an article, and closing lines that are credits of other kinds.

A credit names people by role.  Only reporters' credits give bylines: `(戴紫君)`,
`（记者 徐驰 通讯员 翟晓龙）`, `本报记者 张三`, `文/李四`.  Editors (`编辑`,
`责任编辑`), sources (`来源：…`, `据《…》`), suppliers (`…供稿`) and end marks
(`（完）`) close an article too, but are furniture: never bylines, never body text.
"""
from __future__ import annotations

import re

from site_builder.ingest.chars import HAN, ends_sentence
from site_builder.ingest.state import ParseState

# Role words before names.  Whole words anywhere; the longer ones also glued to
# the name (记者张三), or after an outlet's name (新法制报记者黄建华).  One-character
# roles (文, 图, 摄) only as whole words: many names begin with those characters.
REPORTER_ROLES = (
    "本报记者|本报通讯员|本台记者|本网记者|特约记者|特约通讯员|见习记者|实习记者|首席记者|全媒体记者|融媒体记者|"
    "记者|通讯员|实习生|撰稿|供稿|作者"
)
_ROLE_WORDS = frozenset(REPORTER_ROLES.split("|") + "摄影 摄 文图 图文 文 图 图片 报道 摄影报道".split())
_EDITOR_WORDS = frozenset("编辑 责任编辑 责编 实习编辑 见习编辑 校对 审核 审校 终审 初审 复审 美编 监制 统筹".split())
_ROLE_PREFIX = re.compile(rf"^(?:[{HAN}]{{0,10}}?(?:{REPORTER_ROLES}))[:：]?")
_ROLE_SUFFIX = re.compile(r"(?:摄影报道|报道|摄影|摄)$")
_SEPARATORS = re.compile(r"[\s、，,;；/:：|]+")
_NAME = re.compile(f"^(?:[{HAN}]{{2,4}}|[{HAN}]+[·•][{HAN}·•]+)$")
_ORGANISATION = re.compile(f"^[{HAN}]{{3,}}(?:局|处|所|队|院|办|部|室|中心|委|会|厅|站|科|庭|馆|社|台|报|网|组|团|司)$")
# Words that look like names in parentheses but are not.
_NOT_NAMES = frozenset(
    {"完", "待续", "未完待续", "全文完", "图文", "资料图", "供图", "下同", "同上", "本报记者", "记者", "通讯员", "佚名"}
)
_TRAILING = re.compile(r"\s*[（(]([^（）()]{1,40})[）)]\s*$")
_END_MARK = re.compile(r"^(?:完|全文完|本文完|待续|未完待续|未完|END|End|end)$")
_SOURCE = re.compile(r"^(?:来源|稿源|信息来源|转自|原载|选自|摘自|据)\s*[:：《]|^据《|^《[^》]+》|(?:供稿|供图|提供)$")


def parse_names(inner: str) -> list[str]:
    """`记者 张三 通讯员 李四` -> [张三, 李四]; [] when it is not a reporters' credit.

    Names spaced out to a column (`倪 弋`) are put back together; an
    organisation in a credit (`供稿 某县公安局政治处 张三`) is skipped; the names
    after an editor's role are not reporters.
    """
    parts = [part for part in _SEPARATORS.split(inner.strip()) if part]
    names: list[str] = []
    had_role = False
    editors = False
    single = ""
    for part in parts:
        if part in _EDITOR_WORDS:
            editors = True
            continue
        if part in _ROLE_WORDS:
            had_role = True
            editors = False
            continue
        stripped = _ROLE_SUFFIX.sub("", _ROLE_PREFIX.sub("", part))
        if stripped != part:
            had_role = True
            if not stripped:
                continue
        part = stripped
        if len(part) == 1 and "\u4e00" <= part <= "\u9fff":
            # One character: half of a name spaced out to fill a column.
            if single:
                part, single = single + part, ""
            else:
                single = part
                continue
        elif single:
            return []
        if editors:
            continue
        if part in _NOT_NAMES:
            return []
        if not _NAME.match(part):
            if had_role and _ORGANISATION.match(part):
                continue
            return []
        names.append(part)
    if single:
        return []
    return names if 0 < len(names) <= 8 else []


def trailing_credit(text: str) -> tuple[str, str, list[str]] | None:
    """A credit in parentheses closing a paragraph: (text before it, kind, names).

    kind is "byline" (reporters' names), "end mark", "source credit" or "editor credit".
    """
    if not text.endswith((")", "）")):
        return None
    # The credit's opening bracket is the text's last (nothing but its words and the closing
    # bracket follow it): the pattern is tried from there, not at every place in the paragraph.
    opener = max(text.rfind("（"), text.rfind("("))
    m = _TRAILING.search(text, opener) if opener >= 0 else None
    if not m:
        return None
    before = text[: m.start()].rstrip()
    if not before or not ends_sentence(before):
        return None
    inner = m.group(1).strip()
    if _END_MARK.match(inner):
        return before, "end mark", []
    if _SOURCE.search(inner):
        return before, "source credit", []
    names = parse_names(inner)
    if names:
        return before, "byline", names
    parts = [part for part in _SEPARATORS.split(inner) if part]
    if parts and parts[0] in _EDITOR_WORDS:
        return before, "editor credit", []
    return None


def closing_bylines(state: ParseState) -> None:
    for token in state.tokens:
        if token.kind != "text":
            continue
        found = trailing_credit(token.text)
        if found is None:
            continue
        before, kind, names = found
        printed = token.text[len(before) :].strip()
        token.text = before
        if kind == "byline":
            token.byline = names
            token.byline_printed = printed
        else:
            token.closing = kind
            state.remove(token.line, printed, kind)
