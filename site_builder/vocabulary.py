"""The archive's controlled vocabularies: tags (content/tags.toml) and places (content/places.toml).

A tag is assigned by its terms, a place by its names and aliases, when they
occur in an article's headline or dateline, or twice in its text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .config import SiteConfig, read_toml
from .errors import Diagnostic, Severity, SiteBuilderError, SourceSpan
from .text import clean

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PLACE_KINDS = ("region", "league", "city", "banner", "county", "district", "town")


@dataclass(frozen=True)
class Tag:
    slug: str
    names: dict[str, str]  # language code -> name
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Place:
    slug: str
    names: dict[str, str]
    kind: str
    aliases: tuple[str, ...]

    @property
    def spellings(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.names.get("zh-Hans", ""), *self.aliases)))


def _entries(path: Path, table: str, config: SiteConfig) -> tuple[list[dict], list[Diagnostic], str]:
    if not path.exists():
        return [], [], ""
    data, text = read_toml(path)
    problems: list[Diagnostic] = []
    for key in sorted(set(data) - {table}):
        problems.append(
            Diagnostic("vocabulary", f"unknown key {key!r}; entries go in [[{table}]] tables", SourceSpan(str(path)), Severity.ERROR)
        )
    entries = data.get(table, [])
    if not isinstance(entries, list):
        problems.append(Diagnostic("vocabulary", f"{table!r} must be a list of [[{table}]] tables", SourceSpan(str(path)), Severity.ERROR))
        entries = []
    return entries, problems, text


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 0


def _names(entry: dict, config: SiteConfig, problem, where: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for language in config.languages:
        value = entry.get(language.code)
        if not isinstance(value, str) or not value.strip():
            problem(f"{where} has no {language.code} name", where)
            value = ""
        names[language.code] = clean(value).strip()
    return names


def load_tags(config: SiteConfig) -> list[Tag]:
    path = config.content / "tags.toml"
    entries, problems, text = _entries(path, "tag", config)
    codes = {language.code for language in config.languages}
    tags: list[Tag] = []
    seen: set[str] = set()

    def problem(message: str, needle: str) -> None:
        problems.append(Diagnostic("vocabulary", message, SourceSpan(str(path), _line_of(text, needle)), Severity.ERROR))

    for entry in entries:
        slug = entry.get("slug") if isinstance(entry, dict) else None
        if not isinstance(slug, str) or not _SLUG.match(slug):
            problem(f"tag slug {slug!r} must be lower-case ASCII words joined by '-'", str(slug))
            continue
        if slug in seen:
            problem(f"tag {slug!r} is defined twice", slug)
            continue
        seen.add(slug)
        for key in sorted(set(entry) - {"slug", "terms"} - codes):
            problem(f"unknown key {key!r} in tag {slug!r}", key)
        terms = entry.get("terms", [])
        if not isinstance(terms, list) or not all(isinstance(t, str) and t.strip() for t in terms):
            problem(f"terms of tag {slug!r} must be a list of words", slug)
            terms = []
        tags.append(Tag(slug, _names(entry, config, problem, f"tag {slug!r}"), tuple(t.strip() for t in terms)))
    if problems:
        raise SiteBuilderError(f"{len(problems)} problem(s) in {path}", SourceSpan(str(path)), problems=problems)
    return tags


def load_places(config: SiteConfig) -> list[Place]:
    path = config.content / "places.toml"
    entries, problems, text = _entries(path, "place", config)
    codes = {language.code for language in config.languages}
    places: list[Place] = []
    seen: set[str] = set()

    def problem(message: str, needle: str) -> None:
        problems.append(Diagnostic("vocabulary", message, SourceSpan(str(path), _line_of(text, needle)), Severity.ERROR))

    for entry in entries:
        slug = entry.get("slug") if isinstance(entry, dict) else None
        if not isinstance(slug, str) or not _SLUG.match(slug):
            problem(f"place slug {slug!r} must be lower-case ASCII words joined by '-'", str(slug))
            continue
        if slug in seen:
            problem(f"place {slug!r} is defined twice", slug)
            continue
        seen.add(slug)
        for key in sorted(set(entry) - {"slug", "kind", "aliases"} - codes):
            problem(f"unknown key {key!r} in place {slug!r}", key)
        kind = entry.get("kind", "city")
        if kind not in PLACE_KINDS:
            problem(f"kind of place {slug!r} must be one of {', '.join(PLACE_KINDS)}", slug)
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            problem(f"aliases of place {slug!r} must be a list of names", slug)
            aliases = []
        places.append(Place(slug, _names(entry, config, problem, f"place {slug!r}"), str(kind), tuple(a.strip() for a in aliases)))
    if problems:
        raise SiteBuilderError(f"{len(problems)} problem(s) in {path}", SourceSpan(str(path)), problems=problems)
    return places


def count(text: str, words: tuple[str, ...]) -> int:
    return sum(text.count(word) for word in words if word)


def assign(headline: str, dateline: str, body: str, words: tuple[str, ...]) -> bool:
    if not words:
        return False
    if dateline and any(word and (dateline == word or dateline.startswith(word) or word.startswith(dateline)) for word in words):
        return True
    return count(headline, words) > 0 or count(body, words) >= 2
