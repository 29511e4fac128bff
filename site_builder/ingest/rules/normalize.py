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
    lines: list[Line] = []
    append = lines.append
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw:
            append(Line(number, "", raw))
        elif raw.isprintable():
            # Every invisible, control and space character but the ASCII space is unprintable
            # (tests/test_decode.py holds this), so a printable line (most lines) needs no
            # pattern but the spaces' own.
            if " " in raw:
                collapsed = " ".join(raw.split())  # its only white space is the ASCII space
                append(Line(number, collapsed, raw, raw[0] == " " and _INDENT.match(raw) is not None))
            else:
                append(Line(number, raw, raw))
        else:
            append(_unprintable_line(state, number, raw))
    state.lines = lines


def _unprintable_line(state: ParseState, number: int, raw: str) -> Line:
    """A line holding an invisible or control character, or a space other than the ASCII one."""
    cleaned = _INVISIBLE.sub("", raw)
    if _CONTROL.search(cleaned):
        state.warn("control-char", "control characters removed from the line", number)
        cleaned = _CONTROL.sub("", cleaned)
    if not cleaned:
        return Line(number, "", raw)
    indented = cleaned[0] in "\u3000 \u00a0" and bool(_INDENT.match(cleaned))
    collapsed = _SPACES.sub(" ", cleaned).strip() if _HAS_SPACE.search(cleaned) else cleaned
    return Line(number, collapsed, raw, indented, not collapsed and "\u00a0" in raw)
