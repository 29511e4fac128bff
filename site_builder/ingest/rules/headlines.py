"""Headline groups: which line is the kicker (引题), the title, the subtitle (副题).

One line is the title.  Of two, the second is a subtitle when it opens with a
dash or when the two form a couplet (same length, no inner spaces: 歌声悠扬送基层 /
暖警爱警鼓干劲); otherwise the first is a kicker.  Three lines are kicker, title,
subtitle.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from site_builder.ingest.chars import HAN
from site_builder.ingest.rules.shapes import strip_dash

MAX_HEADLINE_LINES = 3  # kicker, title, subtitle
_PLAIN = re.compile(f"^[{HAN}0-9A-Za-z]+$")


@dataclass(slots=True)
class HeadlineRoles:
    kicker: str | None
    title: str | None
    subtitle: str | None


def is_couplet(first: str, second: str) -> bool:
    """Two parallel lines of plain characters and exactly the same length."""
    if not (_PLAIN.match(first) and _PLAIN.match(second)):
        return False
    return len(first) == len(second) <= 16


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
