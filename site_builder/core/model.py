"""Typed values passed between the stages of the pipeline."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from site_builder.core.errors import Diagnostic, SourceSpan

BlockType = Literal["paragraph", "heading", "figure"]


@dataclass(slots=True)
class Block:
    """One body block of an article, with the source lines it came from."""

    type: BlockType
    text: str | None = None  # paragraph and heading text
    caption: str | None = None  # figure caption
    image: str | None = None  # figure image reference as the source gives it
    line: int = 0
    end_line: int = 0

    def to_json(self) -> dict:
        if self.type == "figure":
            return {"type": "figure", "caption": self.caption, "image": self.image}
        return {"type": self.type, "text": self.text}


@dataclass(slots=True)
class Dateline:
    """``呼和浩特讯`` / ``新华社北京7月10日电``: the place, and the text as printed."""

    place: str
    printed: str
    credit: str = ""  # the reporter credit in parentheses right after it, as printed


@dataclass(slots=True)
class Article:
    title: str | None
    kicker: str | None = None
    subtitle: str | None = None
    dateline: Dateline | None = None
    bylines: list[str] = field(default_factory=list)
    byline_printed: str = ""  # the closing "(戴紫君)" as printed
    blocks: list[Block] = field(default_factory=list)
    line: int = 0
    end_line: int = 0

    @property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.type == "paragraph"]

    def to_json(self) -> dict:
        return {
            "kicker": self.kicker,
            "title": self.title,
            "subtitle": self.subtitle,
            "dateline": self.dateline.place if self.dateline else None,
            "bylines": list(self.bylines),
            "blocks": [b.to_json() for b in self.blocks],
        }


# How a maintainer can say a source line is to be read (issue.toml [[fix]]).
FIX_READINGS = ("article", "subhead", "paragraph", "caption", "byline", "furniture", "join", "split")


@dataclass(frozen=True, slots=True)
class Fix:
    """A maintainer's correction of how one source line is read, kept beside the source.

    ``text`` is how the line begins: when the source changes under it, the fix
    no longer matches and is reported instead of applied to the wrong line.
    """

    line: int
    reading: str  # one of FIX_READINGS
    text: str
    span: SourceSpan  # where the fix is written: issue.toml and its line


@dataclass(slots=True)
class Removed:
    """Source text the parser recognised as furniture or markup and left out."""

    line: int
    text: str
    reason: str


@dataclass(slots=True)
class Issue:
    """One parsed source issue."""

    source: str  # file name
    path: str  # path as given, for messages
    published: str | None
    source_name: str | None
    articles: list[Article]
    style: str
    encoding: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "source": self.source,
            "published": self.published,
            "source_name": self.source_name,
            "articles": [a.to_json() for a in self.articles],
        }
