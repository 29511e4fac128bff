"""What the archive already knows, offered to the translator: translation memory and a glossary.

A paper repeats itself: leads, closing formulas, unit and place names come back in every
issue.  `translations update` fills a new or untranslated message from the archive's
translated messages (memory): the same original is copied, a close one (rapidfuzz ratio of
FUZZY or more) is filled and marked fuzzy, with the original it came from in a comment, so the translator reviews rather than types.  The glossary (tag, place and
author names, and content/glossary.toml) is shown as a `#.` comment on each message that
holds one of its terms, and `translations check` holds translations to it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from rapidfuzz import fuzz, process

from site_builder.archive.library import Library
from site_builder.core.config import key_line, read_toml
from site_builder.core.errors import Diagnostic, Severity, SiteBuilderError, SourceSpan
from site_builder.core.text import clean

FUZZY = 85  # rapidfuzz ratio: below it a suggestion costs the translator more than it saves
MIN_FUZZY_LENGTH = 6  # characters: shorter originals share too little to be a suggestion
GLOSSARY_FILE = "glossary.toml"


@dataclass(frozen=True)
class Remembered:
    source: str  # the original the translation was made for
    translation: str
    where: str  # its catalog, below translations/<lang>/: 2024-03-01/slug.po


class Memory:
    """Every translated, reviewed-or-final (not fuzzy) message of one language's catalogs."""

    def __init__(self, entries: dict[str, Remembered]) -> None:
        self.entries = entries
        self.sources = list(entries)

    @classmethod
    def of(cls, catalogs: dict[Path, Catalog], root: Path) -> Memory:
        entries: dict[str, Remembered] = {}
        for path in sorted(catalogs):  # oldest issue first: the newest translation of an original wins
            where = path.relative_to(root).as_posix()
            for message in catalogs[path]:
                if message.id and isinstance(message.string, str) and message.string and not message.fuzzy:
                    entries[message.id] = Remembered(message.id, message.string, where)
        return cls(entries)

    def suggest(self, text: str, role: str) -> tuple[Remembered, float] | None:
        """The remembered translation for `text`: (it, 100) for the same original, (it, ratio) for a close one."""
        found = self.entries.get(text)
        if found is not None:
            return found, 100.0
        if role == "byline" or len(text) < MIN_FUZZY_LENGTH or not self.sources:
            return None  # names are the same or different, never close
        match = process.extractOne(text, self.sources, scorer=fuzz.ratio, score_cutoff=FUZZY)
        if match is None:
            return None
        return self.entries[match[0]], float(match[1])

    def fill(self, message: Message) -> str:
        """Fill an untranslated message from memory; what was done ('exact', 'fuzzy' or '')."""
        if not message.id or message.string or message.fuzzy:
            return ""
        found = self.suggest(str(message.id), message.context or "")
        if found is None:
            return ""
        remembered, ratio = found
        message.string = remembered.translation
        if ratio >= 100.0:
            message.user_comments.append(f"memory: the same original, {remembered.where}")
            return "exact"
        message.flags.add("fuzzy")
        # The original it came from, for the translator to compare (Babel reads no `#|` line back).
        message.user_comments.append(f"memory: {ratio:.0f}% like {remembered.where}")
        message.user_comments.append(f"memory: {remembered.source}")
        return "fuzzy"


@dataclass(frozen=True)
class Glossary:
    """Terms of the archive's text and how one language renders them."""

    terms: dict[str, str]  # original term -> its translation, shown to the translator
    # What a translation of a text holding the term must hold: the glossary's own terms whole,
    # a place's proper name (Dongsheng of "Dongsheng District"), an author's English name.  Tag
    # names are labels of a category, not renderings, and are only shown.
    required: dict[str, str]

    @classmethod
    def of(cls, library: Library, language: str) -> Glossary:
        terms: dict[str, str] = {}
        required: dict[str, str] = {}
        source = library.config.source_language
        for tag in library.tags:
            if tag.names.get(source) and tag.names.get(language):
                terms[tag.names[source]] = tag.names[language]
        for place in library.places:
            english = place.names.get(language)
            if english:
                for spelling in place.spellings:
                    if spelling:
                        terms[spelling] = english
                name = place.names.get(place.source, "")
                if name and english.split():
                    required[name] = english.split()[0]  # an alias (自治区) may be rendered otherwise
        for author in library.authors:
            terms[author.name] = required[author.name] = author.romanized
        chosen = load_glossary(library.config.content, language, [other.code for other in library.config.translations])
        terms.update(chosen)
        required.update(chosen)
        # A term inside a longer one (包头 in 包头市) counts only where the longer is absent.
        return cls(_longest_first(terms), _longest_first(required))

    def found_in(self, text: str, terms: dict[str, str] | None = None) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        covered = text
        for term, translation in (self.terms if terms is None else terms).items():
            if len(term) >= 2 and term in covered:
                found.append((term, translation))
                covered = covered.replace(term, "\0")
        return found

    def comments(self, text: str) -> list[str]:
        return [f"glossary: {term} = {translation}" for term, translation in self.found_in(text)]

    def demanded(self, text: str) -> list[tuple[str, str]]:
        """(term, what its translation must hold) for the terms in `text` that bind a translation."""
        return self.found_in(text, self.required)


def _longest_first(terms: dict[str, str]) -> dict[str, str]:
    return dict(sorted(terms.items(), key=lambda item: -len(item[0])))


def load_glossary(content: Path, language: str, languages: list[str]) -> dict[str, str]:
    """content/glossary.toml: one table per language, each term of the original to its translation.

        [en]
        "自治区公安厅" = "Inner Mongolia Public Security Department"
    """
    path = content / GLOSSARY_FILE
    if not path.exists():
        return {}
    data, text = read_toml(path)
    problems: list[Diagnostic] = []
    for key, value in data.items():
        if not isinstance(value, dict):
            problems.append(Diagnostic("glossary", f"{key!r} is not a table: write [{key}] and a term per line",
                                       SourceSpan(str(path), key_line(text, key)), Severity.ERROR))
        elif languages and key not in languages:
            problems.append(Diagnostic("glossary", f"[{key}] is not a translation language of this site",
                                       SourceSpan(str(path), key_line(text, key)), Severity.ERROR,
                                       hint=f"one of: {', '.join(sorted(languages))}"))
        elif not all(isinstance(v, str) and v.strip() for v in value.values()):
            problems.append(Diagnostic("glossary", f"[{key}] maps each term to its translation, a string",
                                       SourceSpan(str(path), key_line(text, key)), Severity.ERROR))
    if problems:
        raise SiteBuilderError(f"{len(problems)} problem(s) in {path}", SourceSpan(str(path)), problems=problems)
    return {clean(str(k)).strip(): clean(v).strip() for k, v in data.get(language, {}).items()}

