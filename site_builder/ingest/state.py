"""The state object the parser's rules run over, and its tokens.

Like markdown-it-py: a line table built once, then a flat list of tokens, each
remembering the source lines it came from (``line`` .. ``end_line``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from site_builder.core.errors import Diagnostic, Severity, SourceSpan
from site_builder.core.model import Article, Fix, Removed

Style = Literal["print", "web", "markdown"]

# What a token is, as far as the rules have decided so far.
TokenKind = Literal[
    "text",  # running text: paragraph, or a headline / sub-head / caption still to be decided
    "image",  # an image placeholder or Markdown image
    "byline",  # a line holding only a closing byline "(戴紫君)"
    "title",  # an explicit article title (Markdown # / ##)
    "heading",  # an explicit sub-head (Markdown ###) or one the rules recognised
    "caption",  # a photo caption the rules recognised
    "credit",  # a reporter credit on its own line: 本报记者 张三 通讯员 李四
    "meta",  # a web page's publication line (time / source / author), left out of the text
    "furniture",  # page or closing furniture, left out of the text but kept as evidence
]


# Warnings of one code listed for one issue; the rest are counted in one note.
MAX_WARNINGS_PER_CODE = 100


@dataclass(slots=True)
class Line:
    number: int  # 1-based
    text: str  # cleaned: no NBSP, zero-width or control characters, spaces collapsed
    raw: str  # as decoded, for messages
    indented: bool = False  # began with ideographic-space indentation
    spacer: bool = False  # a web-page spacer: only NBSP / white space, but not empty
    furniture: bool = False  # recognised as furniture and left out
    kind: str = ""  # what kind of furniture (furniture.py)
    authors: tuple[str, ...] | list[str] = ()  # a publication line's 作者 names
    fix: str = ""  # how a maintainer's fix says to read the line (issue.toml), see fixes.py

    @property
    def blank(self) -> bool:
        return not self.text


@dataclass(slots=True)
class Token:
    kind: TokenKind
    text: str
    line: int
    end_line: int
    gap_before: int = 0  # blank lines between this token and the previous one
    spacer_before: bool = False
    spacer_after: bool = False
    indented: bool = False
    image: str | None = None
    # Set by rules:
    byline: list[str] | tuple[str, ...] = ()
    byline_printed: str = ""
    dateline_place: str | None = None
    dateline_printed: str = ""
    dateline_credit: str = ""
    credit_names: list[str] | tuple[str, ...] = ()
    explicit: bool = False  # came from markup the parser takes literally
    jumps_out: bool = False  # ended with 下转第X版: the paragraph continues on another page
    guessed: bool = False  # the rule that classified it was not sure
    article_start: bool = False  # first token of a new article
    headline: bool = False  # part of the article's headline group
    headline_lines: int = 0  # on an article's first token: how many lines its headline has
    # The weight of the best headline starting here (segment.py), when it was a candidate:
    # a line weighed as a possible headline and not chosen is a sub-head, unless far from one.
    headline_score: float | None = None
    lead: float = 0.0  # a news lead opens this text: how strongly it says an article starts above
    closing: str = ""  # a closing credit (source, editor, end mark) was cut from its end
    furniture_kind: str = ""  # for kind "furniture": what kind (furniture.py)
    fix: str = ""  # a maintainer's correction for this line (issue.toml), see fixes.py


@dataclass
class ParseState:
    path: str
    data: bytes
    text: str = ""
    encoding: str = ""
    lines: list[Line] = field(default_factory=list)
    style: Style = "print"
    # True when paragraphs are separated by blank lines; then a single line
    # break inside running text can only be a break in the middle of a paragraph.
    blank_separated: bool = True
    published: str | None = None
    source_name: str | None = None
    tokens: list[Token] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    # A maintainer's corrections by source line (issue.toml [[fix]]), see fixes.py.
    fixes: list[Fix] = field(default_factory=list)
    # Blank lines that usually separate two paragraphs in this issue (0 or 1).
    paragraph_gap: int = 1
    # True when most paragraphs begin with an indent: an unindented line is then a headline or a continuation.
    indented_paragraphs: bool = False
    # Warnings of each code beyond MAX_WARNINGS_PER_CODE, counted rather than kept (summarized()).
    unshown: dict[str, tuple[int, int, Severity]] = field(default_factory=dict)

    def line_text(self, number: int) -> str:
        if 1 <= number <= len(self.lines):
            return self.lines[number - 1].raw
        return ""

    def diagnostic(self, code: str, message: str, span: SourceSpan, hint: str = "",
                   severity: Severity = Severity.WARNING) -> Diagnostic:
        return Diagnostic(code=code, message=message, span=span, severity=severity, hint=hint)

    def warn(
        self,
        code: str,
        message: str,
        line: int,
        hint: str = "",
        col: int = 0,
        severity: Severity = Severity.WARNING,
    ) -> None:
        listed, more, _ = self.unshown.get(code, (0, 0, severity))
        if listed >= MAX_WARNINGS_PER_CODE:
            # A real issue has a handful of each; thousands say the file is not what it seems,
            # and listing them all would bury the rest (and cost as much as the parse).
            self.unshown[code] = (listed, more + 1, severity)
            return
        self.unshown[code] = (listed + 1, 0, severity)
        self.diagnostics.append(
            Diagnostic(
                code=code,
                message=message,
                span=SourceSpan(self.path, line, col),
                severity=severity,
                hint=hint,
                source_line=self.line_text(line),
            )
        )

    def summarized(self) -> list[Diagnostic]:
        """The diagnostics, with one note for each code that had more than could be listed."""
        notes = [
            Diagnostic(code=code, message=f"{more} more of these not listed (the first {listed} are)",
                       span=SourceSpan(self.path), severity=severity,
                       hint="correct the ones listed, or the file's form, and parse again")
            for code, (listed, more, severity) in self.unshown.items() if more
        ]
        return self.diagnostics + notes

    def drop(self, line: Line, reason: str) -> None:
        line.furniture = True
        line.kind = reason
        self.removed.append(Removed(line.number, line.text, reason))

    def remove(self, line: int, text: str, reason: str) -> None:
        """Part of a line left out of the text (a closing credit, a jump line)."""
        self.removed.append(Removed(line, text, reason))
