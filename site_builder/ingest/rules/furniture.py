"""Furniture: lines that are not body text, recognised by kind.

Each kind is a statement about the form of a line, never about a particular
paper.  Furniture falls in three classes, which the article-boundary rules use
as evidence:

- *page* furniture frames a web page or a printed page (breadcrumbs, buttons,
  hit counters, metadata tables, related-news lists, copyright lines);
- *closing* furniture ends an article (editor and source credits, end marks);
- *neutral* furniture can fall anywhere, even inside a paragraph cut by a page
  break (running page headers, jump lines), and says nothing about boundaries.

Publication lines (time / source / author) give ``published`` and
``source_name``.  Every removal is recorded, so nothing disappears silently.
"""
from __future__ import annotations

import re
from collections.abc import Callable

import ahocorasick

from site_builder.ingest.rules.controls import is_controls
from site_builder.ingest.rules.publication import iso_date, publication_fields
from site_builder.ingest.state import ParseState

PAGE = "page"
CLOSING = "closing"
NEUTRAL = "neutral"

# -- closing furniture -------------------------------------------------------------
_EDITOR_ROLES = (
    "责任编辑|实习编辑|见习编辑|值班编辑|美术编辑|网络编辑|编辑|责编|美编|校对|审核|审校|审签|审稿|"
    "终审|初审|复审|一审|二审|三审|编审|监制|统筹|签发|排版|制作|主编"
)
_EDITOR_ROLE = re.compile(rf"^(?:{_EDITOR_ROLES})$")
_EDITOR_PARTS = re.compile(r"\s*[:：/]\s*|[\s、，,]+")
_NAME_PART = re.compile(r"^(?:[\u4e00-\u9fff·]{1,6}|[A-Za-z][A-Za-z .]{0,20})$")
_SOURCE_ROLES = "信息来源|文章来源|新闻来源|本文来源|来源|稿源|来稿|转自|转载自|原载|选自|出处|摘自"
_SOURCE_LINE = re.compile(rf"^[【\[〔（(]?\s*(?:{_SOURCE_ROLES})\s*[:：]\s*[^。！？]{{1,40}}$")
_ACCORDING_TO = re.compile(r"^[（(]?\s*(?:据|摘自|转自|选自)\s*《[^》]{1,20}》[^。！？]{0,16}[）)]?$")
_SUPPLIED = re.compile(r"^[（(][^（）()。！？]{2,30}(?:供稿|供图|提供)[）)]$")
_PRINT_REFERENCE = re.compile(r"^《\s*[^》]{1,20}\s*》\s*[（(][^）)]*(?:\d{4}\s*年|\d{4}-\d)[^）)]*[）)]$")
_END_MARK = re.compile(r"^[（(【\[〔<—\-－\s]*(?:完|全文完|本文完|结束|END|End|end)[）)】\]〕>—\-－\s]*$|^[■□◆◇▲△●]$")

# -- page furniture ---------------------------------------------------------------
_BREADCRUMB = re.compile(
    r"^(?:当前的?位置|您的位置|您现在的位置|你的位置|你现在的位置|所在位置|位置|当前栏目)\s*[:：]"
    r"|^(?:首页|网站首页|主页)\s*(?:>|»|＞|>>|/|→|-)"
)
_CRUMB_SEPARATOR = re.compile(r"\s*(?:>>|>|»|＞|→)\s*")
_PREV_NEXT = re.compile(r"^(?:上一篇|下一篇|上一条|下一条|上篇|下篇|上一页|下一页)\s*[:：]?")
_COUNTER = re.compile(r"(?:浏览次数|浏览量|点击数|点击量|点击率|阅读量|阅读数|阅读次数|访问量|访问次数|人次浏览)\s*[:：]?\s*\d*")
_ATTACHMENT = re.compile(r"^附件\s*(?:[:：]|\d|[一二三四五六七八九十]|下载)|\.(?:docx?|xlsx?|pdf|zip|rar|wps|et)\s*[）)]?$", re.I)
_KEYWORDS = re.compile(r"^(?:关键词|关键字|标签|Tags?)\s*[:：]", re.I)
_COPYRIGHT = re.compile(
    r"版权所有|版权声明|未经(?:本网)?授权|禁止转载|不得转载|转载请注明|违法和不良信息举报|投稿信箱|投稿邮箱|ICP备|"
    r"网站标识码|公网安备|技术支持[:：]|主办单位[:：]|承办单位[:：]|联系电话[:：]"
)
_SITE_HEADER = re.compile(r"主管\s*[^，。]{1,30}主办|^主办\s*[:：]")
_POINTER = re.compile(r"^(?:更多|详细|详情).{0,24}(?:浏览|访问|关注|登录|点击|下载|查看)|(?:www\.|https?://)\S+\s*$")
_TABLE_LABELS = re.compile(
    r"^(?:索引号|发文字号|发文机关|发文时间|发文日期|成文日期|发布机构|主题分类|主题词|公开方式|公开范围|"
    r"公开时限|信息分类|所属机构|有效性|生效日期|废止日期|文号|标题|发布日期|组配分类|体裁分类)"
)
_TABLE_FIRSTS = frozenset(label[0] for label in _TABLE_LABELS.pattern[4:-1].split("|"))
_TABLE_SURE = re.compile(r"^(?:索引号|发文字号|发文机关|成文日期|主题分类|组配分类|体裁分类|公开方式|公开时限)")
_RELATED = re.compile(
    r"^(?:相关阅读|相关新闻|相关文章|相关链接|相关报道|推荐阅读|延伸阅读|热点新闻|热点推荐|图片新闻|精彩放送|精彩推荐|"
    r"热门推荐|热门文章|最新文章|最新新闻|猜你喜欢|网友评论|今日推荐|专题推荐|往期回顾|阅读排行|点击排行|排行榜)\s*[:：]?\s*$"
)
_RELATED_FIRSTS = frozenset(word[0] for word in _RELATED.pattern[4:].split(")")[0].split("|"))
_NO_RELATED = re.compile(r"^(?:无相关(?:信息|新闻|内容|文章)|暂无(?:相关)?(?:信息|内容|评论))\s*$")

# -- neutral furniture: may fall inside a paragraph cut by a page break ---------------
JUMP = re.compile(r"[（(]?\s*(?:下转|上接|转|接)\s*第?\s*[0-9０-９一二三四五六七八九十]+\s*版\s*[)）]?")
_JUMP_LINE = re.compile(r"^" + JUMP.pattern + r"$")
_WEEKDAY = re.compile(r"星期[一二三四五六日天]|周[一二三四五六日]")
_PAGE_LABEL = re.compile(
    r"第\s*[0-9０-９一二三四五六七八九十]+\s*版|^[A-Z]?\d{1,2}\s*版|版次\s*[:：]|[\[【(（]\s*[A-Z]?\d{1,2}\s*版\s*[\]】)）]"
)
_PAGE_NUMBER = re.compile(r"^[0-9０-９]{1,2}$")
_DATE = re.compile(r"\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}")

MAX_FURNITURE = 100
# Every kind of furniture longer than a few characters holds one of these words: a line without
# any is text, decided by one pass of an automaton instead of every rule (most lines are text).
_HINT_WORDS = (
    "版 星期 周一 周二 周三 周四 周五 周六 周日 完 END End end 编 审 校对 监制 统筹 签发 排版 制作 来源 稿源 来稿 转自 "
    "转载 原载 选自 出处 摘自 据《 供稿 供图 提供 《 打印 关闭 返回 顶部 收藏 分享 转发 复制 扫一扫 微信 微博 字体 字号 "
    "保存 下载 纠错 评论 搜 检索 页 更多 位置 首页 主页 栏目 > » ＞ → 上一 下一 上篇 下篇 浏览 点击 阅读 访问 附件 . "
    "关键 标签 Tag tag 相关 推荐 延伸 热点 图片新闻 精彩 热门 最新 猜你 网友 今日 专题 往期 排行 暂无 版权 授权 举报 "
    "信箱 邮箱 ICP 标识码 公网安备 技术支持 主办 承办 联系电话 主管 详细 详情 www http ■ □ ◆ ◇ ▲ △ ●"
).split()
_HINTS = ahocorasick.Automaton()
for _word in _HINT_WORDS:
    _HINTS.add_word(_word, _word)
_HINTS.make_automaton()

LineTest = Callable[[str], bool]


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


def _breadcrumb(text: str) -> bool:
    if _BREADCRUMB.search(text):
        return True
    if "<" in text or "。" in text or text.startswith("#"):
        return False  # markup, not a trail of links
    parts = _CRUMB_SEPARATOR.split(text)
    return len(parts) >= 3 and all(len(part) <= 16 for part in parts)


def _editor_credit(text: str) -> bool:
    """`责任编辑：张三`, `编辑 彭冲 校对 朱名恬`, `（责编：李四）`: editor roles and names only."""
    inner = text.strip("【】[]〔〕（）() ")
    if len(inner) > 60:
        return False
    parts = [part for part in _EDITOR_PARTS.split(inner) if part]
    return (
        len(parts) >= 2
        and _EDITOR_ROLE.match(parts[0]) is not None
        and all(_NAME_PART.match(part) for part in parts[1:])
    )


def _counter(text: str) -> bool:
    return len(text) <= 40 and "。" not in text and _COUNTER.search(text) is not None


def _copyright(text: str) -> bool:
    return _COPYRIGHT.search(text) is not None and "。" not in text[:-1]


# The rules, in order: the first that holds names the kind.
RULES: tuple[tuple[str, str, LineTest], ...] = (
    ("jump line", NEUTRAL, lambda t: _JUMP_LINE.match(t) is not None),
    ("running page header", NEUTRAL, is_page_header),
    ("end mark", CLOSING, lambda t: _END_MARK.match(t) is not None),
    ("editor credit", CLOSING, _editor_credit),
    ("source credit", CLOSING, lambda t: _SOURCE_LINE.match(t) is not None or _ACCORDING_TO.match(t) is not None
     or _SUPPLIED.match(t) is not None or _PRINT_REFERENCE.match(t) is not None),
    ("web controls", PAGE, is_controls),
    ("breadcrumb", PAGE, _breadcrumb),
    ("previous/next link", PAGE, lambda t: _PREV_NEXT.match(t) is not None),
    ("hit counter", PAGE, _counter),
    ("attachment", PAGE, lambda t: _ATTACHMENT.search(t) is not None),
    ("keywords", PAGE, lambda t: _KEYWORDS.match(t) is not None),
    ("related reading", PAGE, lambda t: _RELATED.match(t) is not None or _NO_RELATED.match(t) is not None),
    ("copyright", PAGE, _copyright),
    ("site header", PAGE, lambda t: len(t) <= 60 and _SITE_HEADER.search(t) is not None),
    ("link to the website", PAGE, lambda t: len(t) <= 60 and "。" not in t and _POINTER.search(t) is not None),
)
CLASS_OF = {kind: cls for kind, cls, _ in RULES} | {"publication line": PAGE, "metadata table": PAGE}


def furniture_kind(text: str) -> str | None:
    if not text or len(text) > MAX_FURNITURE:
        return None
    if next(_HINTS.iter(text), None) is None:
        # No word of any furniture but the buttons' (大 中 小 are too common to look for) and a
        # bare page number.
        if len(text) <= 40 and is_controls(text):
            return "web controls"
        return "running page header" if _PAGE_NUMBER.match(text) else None
    for kind, _cls, test in RULES:
        if test(text):
            return kind
    return None


def web_metadata(state: ParseState) -> None:
    """Publication lines: the first gives ``published`` and ``source_name``."""
    for line in state.lines:
        text = line.text
        if not text or line.furniture or line.fix:
            continue
        fields = publication_fields(text)
        if fields is None or is_page_header(text):
            continue  # (a printed page's running header carries a date too, but it is the page's)
        if fields.published and not state.published:
            state.published = fields.published
        if fields.source and not state.source_name:
            state.source_name = fields.source
        line.authors = fields.authors
        state.drop(line, "publication line")


def metadata_table(state: ParseState) -> None:
    """A government page's table of fields (索引号, 发文机关, 标题 …), a line per field."""
    lines = [line for line in state.lines if line.text and not line.furniture and not line.fix]
    # Every label opens with one of a few characters (a line's text has no leading space): the
    # other lines are passed over before their spaces are taken out.
    compact = [line.text.replace(" ", "") if line.text[0] in _TABLE_FIRSTS else "" for line in lines]
    maybe = [bool(c) and len(c) <= 80 and "。" not in c and _TABLE_LABELS.match(c) is not None for c in compact]
    if not any(maybe):
        return
    # (every sure label is also a label)
    sure = [m and _TABLE_SURE.match(c) is not None for m, c in zip(maybe, compact)]
    for index, line in enumerate(lines):
        if sure[index] or maybe[index] and (
            (index > 0 and (sure[index - 1] or maybe[index - 1])) or (index + 1 < len(lines) and sure[index + 1])
        ):
            state.drop(line, "metadata table")


def related_reading(state: ParseState) -> None:
    """"相关阅读" and the list of links after it, up to the next long paragraph."""
    for index, line in enumerate(state.lines):
        if not line.text or line.text[0] not in _RELATED_FIRSTS or line.furniture or line.fix or not _RELATED.match(line.text):
            continue
        state.drop(line, "related reading")
        followers = [f for f in state.lines[index + 1 :] if f.text]
        for position, follower in enumerate(followers):
            if follower.furniture or follower.fix or len(follower.text) > 40 or follower.number - line.number > 4:
                break
            after = followers[position + 1] if position + 1 < len(followers) else None
            if after is not None and after.furniture and after.kind == "publication line":
                break  # the next page's title
            state.drop(follower, "related reading")
            line = follower


def page_furniture(state: ParseState) -> None:
    markdown = state.style == "markdown"
    for line in state.lines:
        text = line.text
        if not text or line.furniture or line.fix or markdown and text.startswith(("#", "![")):
            continue
        kind = furniture_kind(text)
        if kind:
            state.drop(line, kind)


__all__ = ["CLASS_OF", "CLOSING", "JUMP", "NEUTRAL", "PAGE", "furniture_kind", "iso_date", "is_page_header"]
