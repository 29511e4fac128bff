"""Headline groups: which line is the kicker (引题), the title, the subtitle (副题).

One line is the title.  Of two, the second is a subtitle when it opens with a
dash or when the two form a couplet (same length, no inner spaces: 歌声悠扬送基层 /
暖警爱警鼓干劲); otherwise the first is a kicker.  Three lines are kicker, title,
subtitle.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..chars import visible_length
from .shapes import strip_dash


@dataclass(slots=True)
class HeadlineRoles:
    kicker: str | None
    title: str | None
    subtitle: str | None


def is_couplet(first: str, second: str) -> bool:
    if " " in first or " " in second:
        return False
    a, b = visible_length(first), visible_length(second)
    return abs(a - b) <= 1 and max(a, b) <= 16


def assign_roles(lines: list[str]) -> HeadlineRoles:
    if not lines:
        return HeadlineRoles(None, None, None)
    if len(lines) == 1:
        return HeadlineRoles(None, lines[0], None)
    if len(lines) == 2:
        first, second = lines
        second_text, dashed = strip_dash(second)
        if dashed or is_couplet(first, second):
            return HeadlineRoles(None, first, second_text)
        return HeadlineRoles(first, second, None)
    kicker, title, subtitle = lines[:3]
    return HeadlineRoles(kicker, title, strip_dash(subtitle)[0])
