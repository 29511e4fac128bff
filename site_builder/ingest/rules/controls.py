"""Web-page controls: a line made only of button and link words.

`【打印】【关闭】`, `〖关闭窗口〗`, `字体大小:【大】 【中】 【小】`, `保存为word 打印 关闭`,
`搜 索`, `分享到：`: with brackets, colons and spaces taken out, the line is a
sequence of such words and nothing else.
"""
from __future__ import annotations

import re

_WORDS = (
    "打印本页|打印此页|打印文章|打印|关闭本页|关闭窗口|关闭|返回顶部|返回首页|返回列表|返回|顶部|"
    "加入收藏|收藏本页|收藏|分享到|分享|转发|复制链接|复制网址|扫一扫|微信|微博|朋友圈|QQ空间|QQ|"
    "字体大小|字体|字号|默认|放大|缩小|大|中|小|保存为word|保存为WORD|保存为Word|保存|下载|"
    "我要纠错|纠错|我要评论|评论|点赞|搜索|检索|查询|上一页|下一页|首页|尾页|更多|视力保护色|护眼"
)
_CONTROLS = re.compile(rf"^(?:{_WORDS})+$")
_PACKING = re.compile(r"[\s【】〖〗\[\]（）()「」<>《》:：|｜·•、,，]+")


# What the line without its packing can open with: the first character of a control word.
_FIRST_CHARACTERS = frozenset(word[0] for word in _WORDS.split("|"))
_PACKING_CHARACTERS = frozenset("【】〖〗[]（）()「」<>《》:：|｜·•、,，")


def is_controls(text: str) -> bool:
    first = text[:1]
    if first and first not in _FIRST_CHARACTERS and first not in _PACKING_CHARACTERS and not first.isspace():
        return False  # most lines: the text opens with a character no control word opens with
    compact = _PACKING.sub("", text)
    return bool(compact) and len(compact) <= 40 and _CONTROLS.match(compact) is not None
