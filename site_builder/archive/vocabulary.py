"""The archive's controlled vocabularies: tags (content/tags.toml) and places (content/places.toml).

A tag is assigned by its terms, a place by its names and aliases, when they
occur in an article's headline or dateline, or twice in its text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from site_builder.core.config import SiteConfig, key_line, known_keys_hint, read_toml
from site_builder.core.errors import Diagnostic, Severity, SiteBuilderError, SourceSpan
from site_builder.core.languages import is_language_code
from site_builder.core.text import clean

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
    source: str = "zh-Hans"  # the language of the archive's text, which its spellings are found in

    @property
    def spellings(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.names.get(self.source, ""), *self.aliases)))


def _entries(path: Path, table: str, config: SiteConfig) -> tuple[list[dict], list[Diagnostic], str]:
    if not path.exists():
        return [], [], ""
    data, text = read_toml(path)
    problems: list[Diagnostic] = []
    for key in sorted(set(data) - {table}):
        problems.append(Diagnostic("vocabulary", f"unknown key {key!r}; entries go in [[{table}]] tables",
                                   SourceSpan(str(path), key_line(text, key)), Severity.ERROR,
                                   known_keys_hint(key, {table})))
    entries = data.get(table, [])
    if not isinstance(entries, list):
        problems.append(Diagnostic("vocabulary", f"{table!r} must be a list of [[{table}]] tables",
                                   SourceSpan(str(path), key_line(text, table)), Severity.ERROR))
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
            slug = entry.get("slug")
            problem(f"{where} has no {language.code} name", f'"{slug}"' if isinstance(slug, str) else where,
                    f'add {language.code} = "…" under its slug')
            value = ""
        names[language.code] = clean(value).strip()
    return names


def _load(config: SiteConfig, file_name: str, table: str, keys: set[str], make) -> list:
    """The [[table]] entries of a vocabulary file, every problem collected before stopping.

    make(entry, slug, names, problem) builds one entry from its own keys (`keys`).
    """
    path = config.content / file_name
    entries, problems, text = _entries(path, table, config)
    # Names in any language are accepted; those of languages the site does not use are
    # simply not shown (a one-language site keeps its files).  Other keys are typos.
    codes = {language.code for language in config.languages} | {
        key for entry in entries if isinstance(entry, dict) for key in entry if is_language_code(key)
    }
    result: list = []
    seen: set[str] = set()

    def problem(message: str, needle: str, hint: str = "") -> None:
        problems.append(Diagnostic("vocabulary", message, SourceSpan(str(path), _line_of(text, needle)), Severity.ERROR,
                                   hint))

    for entry in entries:
        slug = entry.get("slug") if isinstance(entry, dict) else None
        if slug is None and isinstance(entry, dict):
            # Most often a misspelt key (slg = "…"): named, at its line.
            strays = sorted(set(entry) - {"slug"} - keys - codes)
            needle = f"{strays[0]} " if strays else f"[[{table}]]"
            problem(f"a [[{table}]] has no slug" + (f" ({', '.join(map(repr, strays))} is not a key of it)" if strays else ""),
                    needle, known_keys_hint(strays[0], {"slug", *keys, *codes}) if strays else "add slug = \"…\"")
            continue
        if not isinstance(slug, str) or not _SLUG.match(slug):
            problem(f"{table} slug {slug!r} must be lower-case ASCII words joined by '-'", str(slug))
            continue
        if slug in seen:
            problem(f"{table} {slug!r} is defined twice", slug)
            continue
        seen.add(slug)
        for key in sorted(set(entry) - {"slug"} - keys - codes):
            problem(f"unknown key {key!r} in {table} {slug!r}", key, known_keys_hint(key, {"slug", *keys, *codes}))
        result.append(make(entry, slug, _names(entry, config, problem, f"{table} {slug!r}"), problem))
    if problems:
        raise SiteBuilderError(f"{len(problems)} problem(s) in {path}", SourceSpan(str(path)), problems=problems)
    return result


def _words(entry: dict, key: str, what: str, problem) -> tuple[str, ...]:
    words = entry.get(key, [])
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        problem(f"{key} of {what} must be a list of words", what)
        return ()
    return tuple(w.strip() for w in words)


def load_tags(config: SiteConfig) -> list[Tag]:
    def make(entry: dict, slug: str, names: dict[str, str], problem) -> Tag:
        return Tag(slug, names, _words(entry, "terms", f"tag {slug!r}", problem))

    return _load(config, "tags.toml", "tag", {"terms"}, make)


def load_places(config: SiteConfig) -> list[Place]:
    def make(entry: dict, slug: str, names: dict[str, str], problem) -> Place:
        kind = entry.get("kind", "city")
        if kind not in PLACE_KINDS:
            problem(f"kind of place {slug!r} must be one of {', '.join(PLACE_KINDS)}", slug)
        return Place(slug, names, str(kind), _words(entry, "aliases", f"place {slug!r}", problem), config.source_language)

    return _load(config, "places.toml", "place", {"kind", "aliases"}, make)


class Classifier:
    """assign() for every tag and place at once: one pass over the text finds every word of the vocabulary.

    The same answers as calling assign() per tag and place; a ten-thousand-article
    archive asks ~40 of them per article, and most words recur across entries.
    """

    def __init__(self, tags: list[Tag], places: list[Place]) -> None:
        self.tags = [(tag.slug, tuple(w for w in tag.terms if w)) for tag in tags]
        self.places = [(place.slug, place.spellings, tuple(w for w in place.spellings if w)) for place in places]
        words = sorted({w for _, words in self.tags for w in words} | {w for _, _, words in self.places for w in words})
        # Aho-Corasick: every occurrence of every word, overlapping ones included, in one pass.
        self.automaton = ahocorasick.Automaton()
        for word in words:
            self.automaton.add_word(word, (word, len(word)))
        if words:
            self.automaton.make_automaton()
        # Only an entry holding a word the text contains can earn it: most texts contain a few words.
        self.tags_with: dict[str, list[int]] = {}
        for index, (_, words_of) in enumerate(self.tags):
            for word in set(words_of):
                self.tags_with.setdefault(word, []).append(index)
        self.places_with: dict[str, list[int]] = {}
        for index, (_, _, words_of) in enumerate(self.places):
            for word in set(words_of):
                self.places_with.setdefault(word, []).append(index)
        self.datelined: dict[str, list[int]] = {}  # dateline -> the places it names (datelines recur)

    def counts(self, text: str) -> dict[str, int]:
        """text.count(word) for each word of the vocabulary the text contains.

        str.count counts occurrences that do not overlap, leftmost first: an
        occurrence counts when it starts after the end of the last one counted.
        """
        counts: dict[str, int] = {}
        if self.automaton.kind != ahocorasick.AHOCORASICK:
            return counts  # an empty vocabulary
        free: dict[str, int] = {}  # word -> where its next counted occurrence may start
        for end, (word, length) in self.automaton.iter(text):
            if end - length + 1 >= free.get(word, 0):
                counts[word] = counts.get(word, 0) + 1
                free[word] = end + 1
        return counts

    def terms(self, headline: str, dateline: str, body: str) -> tuple[list[str], list[str]]:
        """The slugs of the tags and of the places the text earns."""
        in_headline = self.counts(headline).keys()
        in_body = self.counts(body)
        present = in_headline | in_body.keys()

        def earns(words: tuple[str, ...]) -> bool:
            return any(w in in_headline for w in words) or sum(in_body.get(w, 0) for w in words) >= 2

        tags = [self.tags[i][0] for i in sorted({i for w in present for i in self.tags_with.get(w, ())})
                if earns(self.tags[i][1])]
        named = self.datelined.get(dateline)
        if named is None:
            named = self.datelined[dateline] = [i for i, (_, spellings, _) in enumerate(self.places)
                                                if spellings and datelined(dateline, spellings)]
        candidates = {i for w in present for i in self.places_with.get(w, ())}
        places = [self.places[i][0] for i in sorted(candidates | set(named))
                  if i in named or earns(self.places[i][2])]
        return tags, places


def count(text: str, words: tuple[str, ...]) -> int:
    return sum(text.count(word) for word in words if word)


def datelined(dateline: str, words: tuple[str, ...]) -> bool:
    """Whether the dateline names one of the words (or a longer or shorter form of it)."""
    return bool(dateline) and any(word and (dateline == word or dateline.startswith(word) or word.startswith(dateline))
                                  for word in words)


def assign(headline: str, dateline: str, body: str, words: tuple[str, ...]) -> bool:
    if not words:
        return False
    if datelined(dateline, words):
        return True
    return count(headline, words) > 0 or count(body, words) >= 2
