"""Paragraph-level translation catalogs, one per article.

content/translations/<lang>/<yyyy-mm-dd>/<slug>.po holds one message per
kicker, title, subtitle, sub-head, paragraph, caption and byline line; the
context names the role and the reference points at the source file and line.
`update` merges the catalog with the current source the way msgmerge does
(Babel's Catalog.update): a changed source text makes its message fuzzy and
keeps the previous text (`#| msgid`); a vanished one becomes obsolete (`#~`),
never dropped.  A file is only written when its bytes change.

Provenance lives in the catalog: Last-Translator, and in the header comment
`method: human|machine` and `reviewed: yes|no`.
"""
from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from site_builder.archive.library import ArchiveArticle, Library
from site_builder.core import files
from site_builder.core.boundary import DAY, slug_problem
from site_builder.core.errors import SiteBuilderError, SourceSpan, os_failure
from site_builder.core.text import clean

ROLES = ("kicker", "title", "subtitle", "heading", "paragraph", "caption", "byline")
NAME_SEPARATOR = "、"


def catalog_dir(content: Path, language: str) -> Path:
    return content / "translations" / language


def catalog_path(content: Path, language: str, article: ArchiveArticle) -> Path:
    """Below catalog_dir(): the issue's day and the article's slug, both checked where they were read
    (issue folders, permalinks.toml), and checked again here, as the path is written to."""
    problem = slug_problem(article.slug)
    if problem or not DAY.fullmatch(article.issue.day):
        raise SiteBuilderError(f"no catalog path for this article: {problem or 'its day is not a date'}",
                               SourceSpan(str(content / "permalinks.toml")))
    return catalog_dir(content, language) / article.issue.day / f"{article.slug}.po"


@dataclass(frozen=True)
class SourceMessage:
    role: str
    text: str
    line: int


def source_messages(article: ArchiveArticle) -> list[SourceMessage]:
    """The article's translatable texts in reading order."""
    a = article.article
    out: list[SourceMessage] = []
    if a.kicker:
        out.append(SourceMessage("kicker", a.kicker, a.line))
    if a.title:
        out.append(SourceMessage("title", a.title, a.line))
    if a.subtitle:
        out.append(SourceMessage("subtitle", a.subtitle, a.line))
    for block in a.blocks:
        if block.type == "paragraph" and block.text:
            out.append(SourceMessage("paragraph", block.text, block.line))
        elif block.type == "heading" and block.text:
            out.append(SourceMessage("heading", block.text, block.line))
        elif block.type == "figure" and block.caption:
            out.append(SourceMessage("caption", block.caption, block.line))
    if a.bylines:
        out.append(SourceMessage("byline", NAME_SEPARATOR.join(a.bylines), a.end_line))
    return out


def _stamp(article: ArchiveArticle) -> datetime:
    # Header dates come from the issue, not the clock: an update without a
    # change must not rewrite the file.
    return datetime(article.date.year, article.date.month, article.date.day, tzinfo=timezone.utc)


def template_for(article: ArchiveArticle, content: Path, language: str,
                 notes: Callable[[str], list[str]] | None = None) -> Catalog:
    """The article's messages; `notes` gives a message's `#.` comments (the glossary's terms in it)."""
    template = Catalog(locale=language, project="site_builder archive", version=article.issue.day,
                       creation_date=_stamp(article), revision_date=_stamp(article), fuzzy=False)
    try:
        source = article.issue.source.resolve().relative_to(content.resolve()).as_posix()
    except ValueError:
        source = article.issue.source.name
    for message in source_messages(article):
        existing = template.get(message.text, context=message.role)
        if existing is not None:
            existing.locations.append((source, message.line))
        else:
            template.add(message.text, context=message.role, locations=[(source, message.line)],
                         auto_comments=notes(message.text) if notes else ())
    return template


def header_comment(article: ArchiveArticle) -> str:
    return (
        f"# English edition of the article {article.title!r} ({article.issue.day}).\n"
        "# translator: (name)\n# method: human\n# reviewed: no"
    )


_PO_STRING = r'"(?:[^"\\]|\\.)*"'
_PO_LINE = re.compile(
    rf"^\s*(?:#.*|(?:msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+{_PO_STRING}\s*|{_PO_STRING}\s*)?$"
)


def lint_po(text: str) -> list[tuple[int, str]]:
    """Lines that are not PO syntax.  Babel reads some of them silently wrong
    (an unquoted msgstr loses its first and last characters, an unclosed string
    becomes empty), so a catalog is checked before it is trusted."""
    problems = []
    # Only \n ends a PO line: str.splitlines would also split at U+001E, U+2028 …
    # which may stand inside a translated string.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not _PO_LINE.match(line):
            problems.append((number, line.strip()[:60]))
    return problems


def read_catalog(path: Path) -> Catalog:
    if path.is_dir():
        raise SiteBuilderError("a folder stands where this catalog should be", SourceSpan(str(path)),
                               hint="rename or remove the folder")
    try:
        data = files.read_bytes(path)
    except OSError as error:
        raise os_failure(error, "cannot read the catalog") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SiteBuilderError("the catalog is not UTF-8", SourceSpan(str(path)), hint="save it as UTF-8") from None
    bad = lint_po(text)
    if bad:
        line, shown = bad[0]
        raise SiteBuilderError(f"broken translation catalog: not PO syntax: {shown}", SourceSpan(str(path), line),
                               hint="each line is a comment, a msgctxt/msgid/msgstr keyword with a quoted string, "
                                    "or a quoted continuation")
    twice = repeated_messages(text)
    if twice:
        first, second, msgid = twice[0]
        raise SiteBuilderError(f"the message {msgid[:40]!r} is in the catalog twice, at lines {first} and {second}",
                               SourceSpan(str(path), second),
                               hint="keep one of the two translations and delete the other: a catalog holds each "
                                    "text once, and one of the two would be lost without a word")
    try:
        return read_po(io.BytesIO(data), abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as exc:
        line = _line_of(str(exc))
        raise SiteBuilderError(f"broken translation catalog: {exc}", SourceSpan(str(path), line),
                               hint="fix the PO syntax (msgctxt / msgid / msgstr lines)") from None


_KEYWORD = re.compile(r'^\s*(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(.*)"\s*$')
_CONTINUATION = re.compile(r'^\s*"(.*)"\s*$')


def repeated_messages(text: str) -> list[tuple[int, int, str]]:
    """(first line, second line, msgid) of each message whose context and id an earlier one has:
    Babel keeps one of the two without a word.  Obsolete (#~) entries are comments here."""
    seen: dict[tuple[str, str], int] = {}
    found: list[tuple[int, int, str]] = []
    context, identifier, line, field_name = "", "", 0, ""
    for number, raw in enumerate(text.split("\n"), start=1):
        m = _KEYWORD.match(raw)
        if m:
            field_name = m.group(1)
            if field_name == "msgctxt":
                context, line = m.group(2), number
            elif field_name == "msgid":
                identifier, line = m.group(2), line or number
            elif field_name.startswith("msgstr") and identifier:
                key = (context, identifier)
                if key in seen:
                    found.append((seen[key], line, identifier))
                else:
                    seen[key] = line
                context, identifier, line, field_name = "", "", 0, "msgstr"
            continue
        m = _CONTINUATION.match(raw)
        if m and field_name in ("msgctxt", "msgid"):
            if field_name == "msgctxt":
                context += m.group(1)
            else:
                identifier += m.group(1)
    return found


def _line_of(message: str) -> int:
    m = re.search(r"line (\d+)", message)
    return int(m.group(1)) if m else 0


# Babel stamps its own version into every header it writes; a catalog must depend only on its
# content, or a new Babel release would rewrite every catalog of the archive.
_GENERATED_BY = re.compile(rb'^"Generated-By: [^"]*"\n', re.M)


def serialize(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, include_previous=True, sort_output=False)
    return _GENERATED_BY.sub(b"", buffer.getvalue())


def catalog_for(content: Path, language: str, article: ArchiveArticle) -> Path:
    """The article's catalog: at its slug, or, until `translations update` moves it, at a slug it
    had before (its redirects in permalinks.toml), so a moved page keeps its English edition."""
    path = catalog_path(content, language, article)
    if path.exists():
        return path
    for old in reversed(article.redirects):
        earlier = path.with_name(f"{old}.po")
        if not slug_problem(old) and earlier.is_file():
            return earlier
    return path


@dataclass(frozen=True)
class Provenance:
    translator: str
    method: str  # human | machine
    reviewed: bool


@dataclass
class ArticleTranslation:
    """A catalog read for rendering: (role, source text) -> (translation, fuzzy)."""

    path: Path
    messages: dict[tuple[str, str], tuple[str, bool]]
    provenance: Provenance

    def get(self, role: str, text: str) -> tuple[str, bool] | None:
        found = self.messages.get((role, text))
        if found is None or not found[0]:
            return None
        return found


def load_translation(path: Path) -> ArticleTranslation:
    return translation_of(path, read_catalog(path))


def translation_of(path: Path, catalog: Catalog) -> ArticleTranslation:
    """A catalog already read, as the messages the site shows."""
    messages: dict[tuple[str, str], tuple[str, bool]] = {}
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        string = message.string if isinstance(message.string, str) else ""
        messages[(message.context or "", message.id)] = (clean(string).strip(), message.fuzzy)
    return ArticleTranslation(path, messages, provenance(catalog))


def provenance(catalog: Catalog) -> Provenance:
    comment = catalog.header_comment or ""
    fields = dict(re.findall(r"^#\s*(translator|method|reviewed)\s*:\s*(.+?)\s*$", comment, re.M))
    translator = clean(fields.get("translator") or catalog.last_translator or "")
    if translator.startswith("("):
        translator = ""
    method = fields.get("method", "human").lower()
    return Provenance(translator, "machine" if method.startswith("machine") else "human",
                      fields.get("reviewed", "no").lower() in ("yes", "true", "1"))


# The article's text: what a reader reads below the headline. An edition's status counts these
# passages; the headline, the kicker, the subtitle and the bylines are named apart.
TEXT_ROLES = ("heading", "paragraph", "caption")


@dataclass(frozen=True)
class Coverage:
    """How much of an article a translation covers: its headline, and its text passage by passage.

    kind, the one decision of what an edition is (the site's pages, `translations status`):
    none (no translated headline: no page in the language), headline (the headline translated,
    none of the text: a short page leading to the original), partial, complete.
    """

    headline: bool  # the title is translated (a fuzzy one counts: it is English text)
    translated: int  # text passages
    fuzzy: int
    untranslated: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    @property
    def kind(self) -> str:
        if not self.headline:
            return "none"
        if self.total and not self.translated and not self.fuzzy:
            return "headline"
        return "partial" if self.untranslated else "complete"


def coverage(article: ArchiveArticle, translation: ArticleTranslation | None) -> Coverage:
    counts = message_counts(article, translation, TEXT_ROLES)
    title = article.article.title
    headline = bool(translation is not None and title and translation.get("title", title) is not None)
    return Coverage(headline, counts["translated"], counts["fuzzy"], counts["untranslated"])


@dataclass(frozen=True)
class ArticleStatus:
    day: str
    slug: str
    title: str
    path: Path
    coverage: Coverage

    def to_json(self) -> dict:
        c = self.coverage
        return {"issue": self.day, "slug": self.slug, "title": self.title, "catalog": str(self.path),
                "edition": c.kind, "headline": c.headline,
                "translated": c.translated, "fuzzy": c.fuzzy, "untranslated": c.untranslated,
                "total": c.total, "percent": round(c.percent, 1)}


def message_counts(article: ArchiveArticle, translation: ArticleTranslation | None,
                   roles: tuple[str, ...] = ROLES) -> dict[str, int]:
    """translated / fuzzy / untranslated messages of the article's current text (those of `roles`)."""
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for key in dict.fromkeys((m.role, m.text) for m in source_messages(article) if m.role in roles):
        found = translation.messages.get(key) if translation is not None else None
        if found is None or not found[0]:
            counts["untranslated"] += 1
        elif found[1]:
            counts["fuzzy"] += 1
        else:
            counts["translated"] += 1
    return counts


def status(library: Library, language: str) -> list[ArticleStatus]:
    content = library.config.content
    result: list[ArticleStatus] = []
    for article in library.articles:
        path = catalog_for(content, language, article)
        translation = load_translation(path) if path.exists() else None
        result.append(ArticleStatus(article.issue.day, article.slug, article.title, path,
                                    coverage(article, translation)))
    return result
