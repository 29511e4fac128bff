"""Decode the bytes and build the line table.

ASCII punctuation next to Chinese text becomes full width here, once for the
whole text (see ``punctuation.py``).

Newlines become LF; NBSP, zero-width and control characters are removed (NBSP
lines are remembered as web spacers); a leading run of ideographic spaces marks
an indented paragraph; runs of white space inside a line become one space.
"""
from __future__ import annotations

import re

from site_builder.ingest.decode import decode
from site_builder.ingest.rules.punctuation import to_full_width
from site_builder.ingest.state import Line, ParseState

# Zero-width and invisible formatting characters, soft hyphen, and the bidi
# embedding/override/isolate controls (which can make text render reversed).
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INVISIBLE_OR_CONTROL = re.compile(f"{_INVISIBLE.pattern[:-1]}{_CONTROL.pattern[1:]}")
_SPACES = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_HAS_SPACE = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INDENT = re.compile("^[\u3000]{1,}|^[ \u00a0]{2,}")


def decode_source(state: ParseState) -> None:
    decoded = decode(state.data, state.path)
    state.text = decoded.text
    state.encoding = decoded.encoding
    if decoded.gb_lines:
        first = decoded.gb_lines[0]
        state.warn(
            "mixed-encoding",
            f"the file mixes UTF-8 and GB18030; {len(decoded.gb_lines)} line(s) were read as GB18030",
            first,
            hint="re-save the whole file as UTF-8",
        )


def build_lines(state: ParseState) -> None:
    text = state.text.replace("\r\n", "\n").replace("\r", "\n")
    # Punctuation width depends only on a mark's neighbours, so it is settled
    # once for the whole text rather than block by block.
    text = to_full_width(text)
    # Most files have no invisible or control characters: one scan of the whole text says so
    # (a scan costs as much as the per-line work it saves).
    invisible = control = False
    if _INVISIBLE_OR_CONTROL.search(text) is not None:
        invisible = _INVISIBLE.search(text) is not None
        control = _CONTROL.search(text) is not None
    lines: list[Line] = []
    append = lines.append
    for number, raw in enumerate(text.split("\n"), start=1):
        cleaned = raw
        if invisible:
            cleaned = _INVISIBLE.sub("", cleaned)
        if control and _CONTROL.search(cleaned):
            state.warn("control-char", "control characters removed from the line", number)
            cleaned = _CONTROL.sub("", cleaned)
        if not cleaned:
            append(Line(number, "", raw))
            continue
        indented = cleaned[0] in "\u3000 \u00a0" and bool(_INDENT.match(cleaned))
        if _HAS_SPACE.search(cleaned):
            collapsed = _SPACES.sub(" ", cleaned).strip()
        else:
            collapsed = cleaned
        spacer = not collapsed and "\u00a0" in raw
        append(Line(number, collapsed, raw, indented, spacer))
    state.lines = lines
