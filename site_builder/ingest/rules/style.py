"""Recognise which of the three source styles an issue is in.

Markdown exports are taken literally (``#`` titles, ``###`` sub-heads);
web-page scrapes carry a publication line, ``image.png`` placeholders, NBSP
spacer lines or related-reading furniture; everything else is print text.
"""
from __future__ import annotations

import re

from site_builder.ingest.rules.publication import publication_fields
from site_builder.ingest.state import ParseState

MD_TITLE = re.compile(r"^(#{1,2})\s+(\S.*?)\s*#*\s*$")
MD_SUBHEAD = re.compile(r"^(#{3,6})\s+(\S.*?)\s*#*\s*$")
MD_IMAGE = re.compile(r"^!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)$")
MD_BOLD_DATELINE = re.compile(r"^\*\*[^*]{2,20}(讯|电)\*\*")
PUBLICATION_STARTS = ("发表时间", "发布时间", "来源")
WEB_STARTS = ("相关阅读", "无相关信息")
IMAGE_ENDS = (".png", ".jpg", ".jpeg", ".gif", ".webp")


def spacer_signal(state: ParseState) -> None:
    """Keep NBSP spacer lines as a signal unless (nearly) every blank line has one.

    A web page frames images and sub-heads with NBSP-only lines; a file whose
    every blank line holds an NBSP says nothing by it, so its spacers are plain
    blank lines.
    """
    blank_runs = spacer_runs = 0
    previous_blank = False
    run_has_spacer = False
    for line in state.lines:
        if not line.text:
            if not previous_blank:
                blank_runs += 1
                run_has_spacer = False
            if line.spacer and not run_has_spacer:
                spacer_runs += 1
                run_has_spacer = True
            previous_blank = True
        else:
            previous_blank = False
    if spacer_runs and spacer_runs * 10 >= blank_runs * 9:
        for line in state.lines:
            line.spacer = False


def detect_style(state: ParseState) -> None:
    spacer_signal(state)
    markdown = web = 0
    for line in state.lines:
        text = line.text
        if not text:
            web += line.spacer
            continue
        first = text[0]
        if (first == "#" and (MD_TITLE.match(text) or MD_SUBHEAD.match(text))) or (
            first == "!" and MD_IMAGE.match(text)
        ) or (first == "*" and MD_BOLD_DATELINE.match(text)):
            markdown += 1
        elif (
            "." in text[-5:] and text[-5:].lower().endswith(IMAGE_ENDS)
            or text.startswith(WEB_STARTS)
            or text.startswith(PUBLICATION_STARTS) and publication_fields(text) is not None
        ):
            web += 2
    if markdown:
        state.style = "markdown"
    elif web >= 2:
        state.style = "web"
    else:
        state.style = "print"
