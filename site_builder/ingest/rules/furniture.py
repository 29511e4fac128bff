"""Web-page and print furniture: lines that are not body text.

The publication line gives ``published`` and ``source_name``; related
reading, breadcrumbs, previous/next links, editor credits, jump lines
(下转第2版) and running page headers are left out.  Every removal is recorded
so that nothing disappears silently.
"""
from __future__ import annotations

import re

from ..state import ParseState

_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_PUBLISHED = re.compile(r"(?:发表|发布|更新)?(?:时间|日期)\s*[:：]")
_SOURCE = re.compile(r"来源\s*[:：]\s*(.+?)(?=\s{1,}(?:作者|编辑|责任编辑|浏览|点击|阅读|字号|发表|发布|时间)|\s*$)")
_META_LINE = re.compile(r"^(?:(?:发表|发布|更新)?(?:时间|日期)|来源)\s*[:：]")

_RELATED = re.compile(r"^(相关阅读|相关新闻|相关链接|推荐阅读|延伸阅读)\s*[:：]?\s*$")
_NO_RELATED = re.compile(r"^无相关(信息|新闻|内容)\s*$")
_BREADCRUMB = re.compile(r"^(当前位置|您的位置|您现在的位置|所在位置|位置)\s*[:：]|^首页\s*(>|»|＞|>>|/)")
_PREV_NEXT = re.compile(r"^(上一篇|下一篇|上一条|下一条|上篇|下篇)\s*[:：]")
_CREDITS = re.compile(r"^[【\[]?(责任编辑|编辑|审核|审校|校对|终审|初审|复审|值班编辑|美术编辑|浏览次数|点击数|阅读量|字号)\s*[:：\]】]")
_BUTTON_WORDS = "打印|关闭|关闭窗口|打印本页|返回|返回顶部|收藏|加入收藏|分享|大|中|小|字号|纠错|我要纠错"
_BUTTONS = re.compile(
    rf"^(?:[【\[]\s*(?:{_BUTTON_WORDS})\s*[】\]]\s*)+$|^(分享到|打印本页|关闭窗口|扫一扫|返回顶部|字号\s*[:：])"
)

# Jump lines: （下转第2版） / 上接第一版 / 转第4版.
JUMP = re.compile(r"[（(]?\s*(?:下转|上接|转|接)\s*第?\s*[0-9０-９一二三四五六七八九十]+\s*版\s*[)）]?")
_JUMP_LINE = re.compile(r"^" + JUMP.pattern + r"$")
# Running page header: a date with its weekday, or an edition/page label.
_WEEKDAY = re.compile(r"星期[一二三四五六日天]|周[一二三四五六日]")
_PAGE_LABEL = re.compile(r"第\s*[0-9０-９一二三四五六七八九十]+\s*版|^[A-Z]?\d{1,2}\s*版")
_PAGE_NUMBER = re.compile(r"^[0-9０-９]{1,2}$")


def iso_date(text: str) -> str | None:
    m = _DATE.search(text)
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def web_metadata(state: ParseState) -> None:
    """The publication-time / source line of a web scrape."""
    for line in state.lines:
        text = line.text
        if not text or len(text) > 120 or not _META_LINE.match(text) and not (
            "来源" in text and _PUBLISHED.search(text)
        ):
            continue
        published = iso_date(text) if _PUBLISHED.search(text) else None
        source = _SOURCE.search(text)
        if published is None and source is None:
            continue
        if published and not state.published:
            state.published = published
        if source and not state.source_name:
            state.source_name = source.group(1).strip()
        state.drop(line, "publication line")


def related_reading(state: ParseState) -> None:
    """"相关阅读" and everything after it that is link furniture."""
    for index, line in enumerate(state.lines):
        if line.furniture or not _RELATED.match(line.text):
            continue
        state.drop(line, "related reading")
        # What follows is a list of links to other pages: short lines up to the
        # next long paragraph or the end of the page.
        for follower in state.lines[index + 1 :]:
            if not follower.text:
                continue
            if len(follower.text) > 40 or _META_LINE.match(follower.text):
                break
            state.drop(follower, "related reading")


def page_furniture(state: ParseState) -> None:
    for line in state.lines:
        text = line.text
        if line.furniture or not text or len(text) > 80:
            continue
        reason = None
        if _NO_RELATED.match(text):
            reason = "related reading"
        elif _BREADCRUMB.search(text):
            reason = "breadcrumb"
        elif _PREV_NEXT.match(text):
            reason = "previous/next link"
        elif _CREDITS.match(text):
            reason = "editor credit"
        elif _BUTTONS.match(text):
            reason = "page buttons"
        elif _JUMP_LINE.match(text):
            reason = "jump line"
        elif is_page_header(text):
            reason = "running page header"
        if reason:
            state.drop(line, reason)


def is_page_header(text: str) -> bool:
    if _PAGE_NUMBER.match(text):
        return True
    # A header is a label: no running-text punctuation, no jump words.
    if len(text) > 60 or any(mark in text for mark in "。，,；;！？!?") or "转" in text or "接" in text:
        return False
    dated = _DATE.search(text) is not None
    if dated and _WEEKDAY.search(text):
        return True
    return bool(_PAGE_LABEL.search(text)) and (dated or len(text) <= 30)
