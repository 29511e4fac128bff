"""The subject a headline names: a place or a unit (某某派出所, 某某旗, 某某分局).

A news headline names who acted, and the lead under it names them again in its
first sentence; a sub-head seldom names a unit the text above has not already
mentioned.  So a named subject that the text below opens with, and that the text
above never mentions, is evidence of a new article - and it outweighs the shared
words of two briefs on one theme.
"""
from __future__ import annotations

import re

# The endings of unit and place names in the papers' own usage: administrative divisions,
# police, courts and justice units.  A name is at least three characters with its ending.
_ENDINGS = (
    "公安局|公安处|分局|派出所|警务室|警务站|支队|大队|中队|检查站|边境管理|法院|检察院|司法局|司法所|"
    "看守所|戒毒所|监狱|消防救援站|消防站|交警|特警|旗|盟|县|市|州|镇|乡|村|嘎查|苏木|街道|社区"
)
_NAME = re.compile(f"[\u4e00-\u9fff]{{1,10}}?(?:{_ENDINGS})")
_ENDING = re.compile(_ENDINGS)
LEAD_REACH = 80  # characters of the text below in which the lead names its subject
MIN_NAME = 3


def new_subject(headline: str, below: str, above: str) -> str | None:
    """The longest unit or place name of the headline that opens the text below but is absent above."""
    if not _ENDING.search(headline):
        return None
    opening = below[:LEAD_REACH]
    best: str | None = None
    start = 0
    while start < len(headline):
        # The shortest match from this start; longer names come from earlier starts.  No match
        # begins between `start` and this one's start, so those starts would find it again.
        m = _NAME.search(headline, start)
        if m is None:
            break
        name = m.group(0)
        if len(name) >= MIN_NAME and name in opening and name not in above:
            if best is None or len(name) > len(best):
                best = name
        start = m.start() + 1
    return best
