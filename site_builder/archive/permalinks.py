"""Permanent article addresses: /<yyyy>/<mm>/<dd>/<slug>/.

A slug is made once from the title (python-slugify: toneless pinyin), made
unique within its issue, and recorded in content/permalinks.toml, so that a
later correction of the title does not move the page.  An article is found in
the record by its title, or, when the title was corrected, by its position.
Editing a slug in the record moves the page; the old slug goes to
``redirects`` and keeps answering with a redirect.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w
import tomlkit

from site_builder.archive.keep import Keep
from site_builder.core import files
from site_builder.core.boundary import DAY, slug_problem
from site_builder.core.config import read_toml
from site_builder.core.errors import Diagnostic, Severity, SiteBuilderError, SourceSpan
from site_builder.core.slugs import pinyin_slug

FILE_NAME = "permalinks.toml"
CACHE_VARIANT = "permalinks"  # its parse's name where the build keeps parses
MAX_SLUG = 60
HEADER = (
    "# The permanent address of every article, recorded by the build.\n"
    "# To move a page, change its slug here and put the old slug in `redirects`.\n\n"
)


@dataclass
class Entry:
    slug: str
    title: str
    redirects: list[str] = field(default_factory=list)


def make_slug(title: str, taken: set[str]) -> str:
    base = pinyin_slug(title, max_length=MAX_SLUG, word_boundary=True) or "article"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


_TABLE = re.compile(r'^\[\[\s*issues\s*\.\s*"?(\d{4}-\d{2}-\d{2})"?\s*\.\s*articles\s*\]\]', re.M)


def day_chunks(text: str) -> dict[str, str]:
    """The record's text cut into one piece per issue day, where each day's tables stand together.

    Saving reuses the piece of a day whose entries did not change (tomli_w takes
    a while over ten thousand entries, and a hand edit's layout is kept).  A day
    whose tables are not contiguous has no piece and is written anew.
    """
    starts = [(m.start(), m.group(1)) for m in _TABLE.finditer(text)]
    chunks: dict[str, list[str]] = {}
    scattered: set[str] = set()
    previous = None
    for index, (start, day) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(text)
        if day != previous and day in chunks:
            scattered.add(day)
        chunks.setdefault(day, []).append(text[start:end])
        previous = day
    return {day: "".join(parts).rstrip("\n") + "\n\n" for day, parts in chunks.items() if day not in scattered}


_SLUG_LINE = re.compile(r"^\s*slug\s*=", re.M)


def entry_lines(text: str) -> dict[str, list[int]]:
    """Per day, the line of each entry's slug (its table's line when it has none), in order."""
    lines: dict[str, list[int]] = {}
    starts = [(m.start(), m.group(1)) for m in _TABLE.finditer(text)]
    for index, (start, day) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(text)
        slug = _SLUG_LINE.search(text, start, end)
        lines.setdefault(day, []).append(text.count("\n", 0, slug.start() if slug else start) + 1)
    return lines


class PermalinkRecord:
    def __init__(self, path: Path, issues: dict[str, list[Entry]], text: str = "",
                 cache: Keep | None = None) -> None:
        self.path = path
        self.issues = issues
        self.changed = False
        self.cache = cache
        # What each day's entries were when read, and their text, for save().
        self.read = {day: [(e.slug, e.title, tuple(e.redirects)) for e in entries] for day, entries in issues.items()}
        self.chunks = day_chunks(text) if text else {}
        # What stands before the first table (the header, an editor's notes) is kept as written.
        first = _TABLE.search(text) if text else None
        self.head = text[: first.start()] if first else (text or HEADER)

    @classmethod
    def load(cls, content: Path, cache: Keep | None = None) -> "PermalinkRecord":
        """The record in `content`; `cache` keeps its parse (TOML over 10,000 entries takes
        seconds), stored by save() too, so the build after one that recorded new slugs hits."""
        path = content / FILE_NAME
        if not path.exists():
            return cls(path, {}, cache=cache)
        raw = files.read_bytes(path)
        kept = cache.get(raw, FILE_NAME, CACHE_VARIANT) if cache is not None else None
        if isinstance(kept, dict):
            return cls(path, kept, raw.decode("utf-8"), cache)
        issues = cls.parse(path)
        if cache is not None:
            cache.put(raw, FILE_NAME, issues, CACHE_VARIANT)
        return cls(path, issues, raw.decode("utf-8"), cache)

    @staticmethod
    def parse(path: Path) -> dict[str, list[Entry]]:
        """The record, every entry checked: a slug and its redirects are words of an address
        (core/boundary.py), and none stands twice in one day (one page would be lost)."""
        data, text = read_toml(path)
        lines = entry_lines(text)
        issues: dict[str, list[Entry]] = {}
        problems: list[Diagnostic] = []

        def problem(message: str, line: int, hint: str) -> None:
            problems.append(Diagnostic("permalinks", message, SourceSpan(str(path), line), Severity.ERROR, hint))

        for day, table in (data.get("issues") or {}).items():
            day = str(day)
            entries = table.get("articles", []) if isinstance(table, dict) else []
            where = lines.get(day, [])
            parsed: list[Entry] = []
            seen: dict[str, int] = {}
            for index, raw in enumerate(entries):
                line = where[index] if index < len(where) else 0
                if not DAY.fullmatch(day):
                    problem(f"{day!r} is not an issue date (YYYY-MM-DD)", line, "name the table after its issue's date")
                    break
                if not isinstance(raw, dict) or not isinstance(raw.get("slug"), str):
                    problem(f"an entry of issue {day} has no slug", line, 'give it a slug = "..." line')
                    continue
                redirects = raw.get("redirects", [])
                if not isinstance(redirects, list):
                    redirects = [redirects]
                for slug in [raw["slug"], *redirects]:
                    why = slug_problem(slug)
                    if why:
                        problem(why, line, "a slug names a page's address: lower-case words joined by '-'")
                    elif slug in seen:
                        problem(f"slug {slug!r} is recorded twice for issue {day}, at lines {seen[slug]} and {line}",
                                line, "two articles cannot share an address: give one of them another slug")
                    else:
                        seen[slug] = line
                parsed.append(Entry(raw["slug"], str(raw.get("title", "")), [str(r) for r in redirects]))
            issues[day] = parsed
        if problems:
            raise SiteBuilderError(f"{len(problems)} problem(s) in the permalink record", SourceSpan(str(path)),
                                   problems=problems)
        return issues

    def assign(self, day: str, titles: list[str]) -> list[Entry]:
        """One entry per article of the issue, in order; new ones recorded."""
        old = self.issues.get(day, [])
        result: list[Entry | None] = [None] * len(titles)
        used: set[int] = set()
        # 1. The same title: the article may have moved within the issue.
        for index, title in enumerate(titles):
            for number, entry in enumerate(old):
                if number not in used and entry.title == title:
                    result[index] = entry
                    used.add(number)
                    break
        # 2. The same position, its title corrected.
        for index in range(len(titles)):
            if result[index] is None and index < len(old) and index not in used:
                entry = old[index]
                if entry.title not in titles:
                    result[index] = Entry(entry.slug, titles[index], entry.redirects)
                    used.add(index)
        # 3. New articles.
        taken = {e.slug for e in result if e} | {r for e in result if e for r in e.redirects}
        for index, title in enumerate(titles):
            if result[index] is None:
                slug = make_slug(title, taken)
                taken.add(slug)
                result[index] = Entry(slug, title)
        entries = [e for e in result if e is not None]
        if [(e.slug, e.title, e.redirects) for e in entries] != [(e.slug, e.title, e.redirects) for e in old]:
            self.changed = True
        self.issues[day] = entries
        return entries

    def dumps(self) -> str:
        # One [[issues."day".articles]] table per article, always: easy to edit by
        # hand.  tomli_w writes (and escapes) each table's values; a day the build changes
        # is edited in place with tomlkit, so the comments an editor wrote in it stay.
        parts = [self.head]
        for day, entries in sorted(self.issues.items()):
            chunk = self.chunks.get(day)
            if chunk is not None and chunk.count("[[") == len(self.read.get(day, ())):
                if self.read.get(day) == [(e.slug, e.title, tuple(e.redirects)) for e in entries]:
                    parts.append(chunk)
                    continue
                edited = _edited(chunk, day, entries)
                if edited is not None:
                    parts.append(edited)
                    continue
            for entry in entries:
                parts.append(f'[[issues."{day}".articles]]\n{tomli_w.dumps(_values(entry))}\n')
        return "".join(parts)

    def save(self) -> None:
        if self.changed:
            data = self.dumps().encode("utf-8")
            files.write_atomic(self.path, data)
            self.changed = False
            if self.cache is not None:
                self.cache.put(data, FILE_NAME, self.issues, CACHE_VARIANT)


def _values(entry: Entry) -> dict:
    values: dict = {"slug": entry.slug, "title": entry.title}
    if entry.redirects:
        values["redirects"] = list(entry.redirects)
    return values


def _edited(chunk: str, day: str, entries: list[Entry]) -> str | None:
    """The day's text with its entries set, table by table, keeping everything else an editor wrote."""
    try:
        document = tomlkit.parse(chunk)
        tables = document["issues"][day]["articles"]  # type: ignore[index]
    except (tomlkit.exceptions.TOMLKitError, KeyError, TypeError):
        return None
    if not isinstance(tables, tomlkit.items.AoT):
        return None
    for index, entry in enumerate(entries):
        values = _values(entry)
        if index >= len(tables):
            tables.append(tomlkit.item(values))
            continue
        table = tables[index]
        for key, value in values.items():
            if table.get(key) != value:
                table[key] = value
        if "redirects" in table and "redirects" not in values:
            del table["redirects"]
    while len(tables) > len(entries):
        del tables[len(tables) - 1]
    return tomlkit.dumps(document).rstrip("\n") + "\n\n"
