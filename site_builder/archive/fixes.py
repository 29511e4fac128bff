"""`[[fix]]` tables of an issue.toml: a maintainer's corrections of how source lines are read.

    [[fix]]
    line = 14                      # the source line, as `parse` and `check` number it
    is = "subhead"                 # article, subhead, paragraph, caption, byline, furniture, join, split
    text = "演集派出所把警力摆上街面"  # how the line begins: a changed source is noticed, never misapplied

The source stays exactly as received; the parser applies the fixes (ingest/rules/fixes.py).
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path

from site_builder.core.errors import Diagnostic, Severity, SourceSpan
from site_builder.core.model import FIX_READINGS, Fix

FIX_KEYS = {"line", "is", "text"}
_HEADER = re.compile(r"^[ \t]*\[\[\s*fix\s*\]\]", re.M)


def read_fixes(path: Path, data: dict, text: str, problems: list[Diagnostic]) -> tuple[Fix, ...]:
    """The fixes of one issue.toml (its parsed `data` and its `text`); problems with file:line."""
    entries = data.get("fix", [])
    if not isinstance(entries, list):
        problems.append(_problem(path, 0, "fixes go in [[fix]] tables", "write [[fix]] above each one"))
        return ()
    lines = [text.count("\n", 0, m.start()) + 1 for m in _HEADER.finditer(text)]
    fixes: list[Fix] = []
    for index, entry in enumerate(entries):
        where = lines[index] if index < len(lines) else 0
        if not isinstance(entry, dict):
            problems.append(_problem(path, where, "a [[fix]] must be a table", ""))
            continue
        for key in sorted(set(entry) - FIX_KEYS):
            near = difflib.get_close_matches(key, sorted(FIX_KEYS), n=1)
            hint = f"did you mean {near[0]!r}?" if near else f"a [[fix]] has {', '.join(sorted(FIX_KEYS))}"
            problems.append(_problem(path, where, f"unknown key {key!r} in [[fix]]", hint))
        line, reading, begins = entry.get("line"), entry.get("is"), entry.get("text")
        if not isinstance(line, int) or isinstance(line, bool) or line < 1:
            problems.append(_problem(path, where, "[[fix]] needs line = N, the source line it corrects",
                                     "the line numbers are those `parse` and `check` print"))
            continue
        if reading not in FIX_READINGS:
            near = difflib.get_close_matches(str(reading), FIX_READINGS, n=1)
            hint = f"did you mean {near[0]!r}?" if near else f"one of {', '.join(FIX_READINGS)}"
            problems.append(_problem(path, where, f"[[fix]] for line {line}: is = {reading!r} is not a reading", hint))
            continue
        if not isinstance(begins, str) or not begins.strip():
            problems.append(_problem(path, where, f"[[fix]] for line {line} needs text = \"…\", how the line begins",
                                     "copy the first words of the line: a changed source is then noticed"))
            continue
        fixes.append(Fix(line, reading, begins, SourceSpan(str(path), where)))
    return tuple(fixes)


def fixes_key(fixes: tuple[Fix, ...]) -> str:
    """What the fixes change of a parse: part of the parse cache's key."""
    return "|".join(f"{f.line}:{f.reading}:{f.text}" for f in fixes)


def _problem(path: Path, line: int, message: str, hint: str) -> Diagnostic:
    return Diagnostic("issue-fix", message, SourceSpan(str(path), line), Severity.ERROR, hint)


def fixes_beside(source: Path) -> tuple[Fix, ...]:
    """The fixes of the issue.toml in the source's folder, if there is one (for `parse`)."""
    path = source.parent / "issue.toml"
    if not path.is_file():
        return ()
    from site_builder.core.config import read_toml

    data, text = read_toml(path)
    problems: list[Diagnostic] = []
    fixes = read_fixes(path, data, text, problems)
    if problems:
        from site_builder.core.errors import SiteBuilderError

        raise SiteBuilderError("issue.toml has broken fixes", problems=problems)
    return fixes
