"""Source spans, diagnostics and the project's error type.

Every warning and error points at the source the way Jinja's
TemplateSyntaxError does: ``file:line:col``, the offending line, and what to do.
"""
from __future__ import annotations

import errno
import re
from dataclasses import dataclass, field
from enum import Enum

# What a terminal would act on rather than show: C0 and C1 controls (an escape sequence in a
# source line could retitle the terminal or hide text) and the bidi overrides that reorder text.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with every control character shown as its escape (ESC as \\x1b), never acted on."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """A place in a source file. Lines and columns are 1-based; 0 means unknown."""

    path: str
    line: int = 0
    col: int = 0
    end_line: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        if self.col:
            return f"{self.path}:{self.line}:{self.col}"
        return f"{self.path}:{self.line}"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding about the source: a stable code, where, what, and what to do."""

    code: str
    message: str
    span: SourceSpan
    severity: Severity = Severity.WARNING
    hint: str = ""
    source_line: str = ""

    def format(self, show_source: bool = False) -> str:
        head = f"{self.span}: {self.severity.value}[{self.code}]: {self.message}"
        parts = [printable(head)]
        source_line = self.source_line or (read_line(self.span.path, self.span.line) if show_source else "")
        if show_source and source_line:
            parts.append(f"    {printable(source_line.rstrip())}")
            if self.span.col:
                # Point under the column like Jinja does; CJK characters are two cells wide.
                prefix = source_line[: self.span.col - 1]
                width = sum(2 if _is_wide(ch) else 1 for ch in prefix)
                parts.append("    " + " " * width + "^")
        if self.hint:
            parts.append(f"    hint: {printable(self.hint)}")
        return "\n".join(parts)

    def to_json(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.span.path,
            "line": self.span.line,
            "col": self.span.col,
            "hint": self.hint,
        }

    @classmethod
    def from_json(cls, data: dict) -> Diagnostic:
        """The diagnostic of to_json() (and a "source" line, when given)."""
        return cls(code=str(data["code"]), message=str(data["message"]),
                   span=SourceSpan(str(data["file"]), int(data.get("line") or 0), int(data.get("col") or 0)),
                   severity=Severity(data["severity"]), hint=str(data.get("hint", "")),
                   source_line=str(data.get("source", "")))


def read_line(path: str, line: int) -> str:
    """One line of a text file, for showing it under a message; '' when unavailable."""
    if not line:
        return ""
    try:
        with open(path, "rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if number == line:
                    for encoding in ("utf-8-sig", "gb18030"):
                        try:
                            return raw.decode(encoding).rstrip("\r\n")
                        except UnicodeDecodeError:
                            continue
                    return ""  # an undecodable line is not worth showing
                if number > line:
                    break
    except OSError:
        return ""
    return ""


def _is_wide(ch: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(ch) in ("W", "F")


@dataclass
class SiteBuilderError(Exception):
    """The project's own error: everything a user can cause ends up as one of these."""

    message: str
    span: SourceSpan | None = None
    hint: str = ""
    problems: list[Diagnostic] = field(default_factory=list)

    def __post_init__(self) -> None:
        Exception.__init__(self, self.message)

    def __str__(self) -> str:
        where = f"{self.span}: " if self.span else ""
        text = printable(f"{where}error: {self.message}")
        if self.hint:
            text += printable(f" ({self.hint})")
        if self.span and self.span.line and not self.problems:
            line = read_line(self.span.path, self.span.line)
            if line:
                text += f"\n    {printable(line.rstrip())}"
        for problem in self.problems:
            text += "\n" + problem.format(show_source=True)
        return text


class SourceError(SiteBuilderError):
    """A source file cannot be read or understood at all."""


# What to do about the system errors a person can cause or mend.
_OS_HINTS = {
    errno.ENOSPC: "the disk is full: free some space and run again; nothing was published or half-written",
    errno.EDQUOT: "the disk quota is used up: free some space and run again",
    errno.EACCES: "check the permissions of the file and of its folder",
    errno.EPERM: "check the permissions of the file and of its folder",
    errno.EROFS: "the file system is read-only: choose a writable folder",
    errno.EISDIR: "a folder stands where a file should be: rename or remove it",
    errno.ENOTDIR: "a file stands where a folder should be: rename or remove it",
    errno.ELOOP: "a symbolic link loops: remove it",
    errno.ENAMETOOLONG: "shorten the name",
}


def os_failure(error: OSError, doing: str = "") -> SiteBuilderError:
    """A system error as one line naming the file, what failed and what to do."""
    what = error.strerror or type(error).__name__
    name = error.filename if error.filename is not None else ""
    span = SourceSpan(str(name)) if name != "" else None
    return SiteBuilderError(f"{doing + ': ' if doing else ''}{what.lower() if what[:1].isupper() else what}",
                            span, hint=_OS_HINTS.get(error.errno or 0, ""))
