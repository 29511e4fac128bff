"""A maintainer's corrections, by source line, applied without touching the source.

`issue.toml` may say how a line is to be read (see model.FIX_READINGS): that an
article starts there, that it is a sub-head, a paragraph, a caption, a byline or
furniture, that it continues the paragraph above or starts a new one.  Each fix
repeats how the line begins; a fix whose line no longer reads so (the source
was replaced or edited) is reported at its place in issue.toml and not applied,
so it can never land on the wrong line.
"""
from __future__ import annotations

import unicodedata

from site_builder.core.errors import Severity
from site_builder.ingest.rules.punctuation import to_full_width
from site_builder.ingest.state import ParseState

FIX_REASON = "furniture (issue.toml fix)"


def _comparable(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", to_full_width(text)).split())


def mark_lines(state: ParseState) -> None:
    """Check each fix against its line and mark the line; furniture is dropped here."""
    for fix in state.fixes:
        line = state.lines[fix.line - 1] if 1 <= fix.line <= len(state.lines) else None
        if line is None or not line.text:
            _stale(state, fix, "the line is blank or past the end of the file")
            continue
        want = _comparable(fix.text)
        have = _comparable(line.text)
        if not want or not have.startswith(want):
            _stale(state, fix, f"line {fix.line} now reads {line.text[:30]!r}")
            continue
        line.fix = fix.reading
        if fix.reading == "furniture":
            state.drop(line, FIX_REASON)


def _stale(state: ParseState, fix, why: str) -> None:
    state.diagnostics.append(
        state.diagnostic(
            "fix-stale",
            f"the fix for line {fix.line} ({fix.reading}) no longer matches the source: {why}",
            fix.span,
            hint="the source changed: update the fix's line and text, or remove it",
            severity=Severity.WARNING,
        )
    )
