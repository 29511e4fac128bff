"""content/issues/ -> Library: every issue folder read, its source parsed (or taken from where the
build keeps parses), its articles given addresses, tags, places and authors.

Reads everything first (as MkDocs' build does): the site only looks things up in
the Library and never goes back to the files.
"""

from __future__ import annotations

import functools
import hashlib
import re
from datetime import date
from pathlib import Path

from site_builder.archive.authors import (
    Author,
    author_for,
    load_english_names,
    pinyin_name,
)
from site_builder.archive.fixes import fixes_key, read_fixes
from site_builder.archive.keep import Keep
from site_builder.archive.library import (
    ArchiveArticle,
    ArchiveIssue,
    Library,
    article_text,
)
from site_builder.archive.pages import load_pages
from site_builder.archive.permalinks import PermalinkRecord
from site_builder.archive.vocabulary import (
    Classifier,
    Place,
    Tag,
    load_places,
    load_tags,
)
from site_builder.core import files
from site_builder.core.config import SiteConfig, key_line, known_keys_hint, read_toml
from site_builder.core.errors import Diagnostic, Severity, SiteBuilderError, SourceSpan
from site_builder.core.model import Article, Fix, Issue
from site_builder.ingest import parse_bytes

ISSUE_KEYS = {"date", "number", "source", "article", "fix"}
ARTICLE_KEYS = {"number", "tags", "figures"}
SOURCE_SUFFIXES = (".txt", ".md", ".markdown", ".text")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _same_numbers(issues: list[ArchiveIssue]) -> list[Diagnostic]:
    """Two issues with one number: a typo in one of them, most often (a warning: it builds)."""
    first: dict[int, ArchiveIssue] = {}
    found = []
    for issue in issues:
        if issue.number is None:
            continue
        if issue.number in first:
            toml = issue.folder / "issue.toml"
            found.append(Diagnostic("issue-number", f"issue {issue.day} has number {issue.number}, as {first[issue.number].day} has",
                                    SourceSpan(str(toml), _toml_line(toml, "number")), Severity.WARNING,
                                    "correct the number of one of them in its issue.toml"))
        else:
            first[issue.number] = issue
    return found


def _toml_line(path: Path, key: str) -> int:
    try:
        return key_line(files.read_bytes(path).decode("utf-8", "replace"), key)
    except OSError:
        return 0


def _issue_problem(path: Path, message: str, line: int = 0, hint: str = "") -> Diagnostic:
    return Diagnostic("issue-config", message, SourceSpan(str(path), line), Severity.ERROR, hint)


def _read_issue_toml(folder: Path, problems: list[Diagnostic]) -> tuple[dict, tuple[Fix, ...]]:
    """issue.toml's values, and its [[fix]] corrections of the parse."""
    path = folder / "issue.toml"
    if not path.exists():
        problems.append(_issue_problem(path, "issue.toml is missing", hint="add date = YYYY-MM-DD and number = N"))
        return {}, ()
    try:
        data, text = read_toml(path)
    except SiteBuilderError as error:
        problems.append(Diagnostic("issue-config", error.message, error.span or SourceSpan(str(path)), Severity.ERROR, error.hint))
        return {}, ()
    for key in sorted(set(data) - ISSUE_KEYS):
        problems.append(_issue_problem(path, f"unknown key {key!r}", key_line(text, key),
                                       hint=known_keys_hint(key, ISSUE_KEYS)))
    return data, read_fixes(path, data, text, problems)


def _issue_date(folder: Path, data: dict, problems: list[Diagnostic]) -> date | None:
    path = folder / "issue.toml"
    value = data.get("date")
    if isinstance(value, str) and _DAY.match(value):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            problems.append(_issue_problem(path, f"date {value!r} does not exist"))
            return None
    if not isinstance(value, date):
        if _DAY.match(folder.name):
            try:
                return date.fromisoformat(folder.name)
            except ValueError:
                problems.append(_issue_problem(path, f"the folder name {folder.name!r} is not a real date"))
                return None
        problems.append(_issue_problem(path, "date = YYYY-MM-DD is required"))
        return None
    if _DAY.match(folder.name) and folder.name != value.isoformat():
        problems.append(_issue_problem(path, f"date {value} differs from the folder name {folder.name}",
                                       hint="rename the folder or fix the date"))
    return value


def _below(path: Path, folder: Path) -> bool:
    """`folder` is one of path's parents (both resolved): what `folder in path.parents` says, without
    comparing path objects one parent at a time."""
    return path != folder and path.is_relative_to(folder)


def _source_file(folder: Path, data: dict, problems: list[Diagnostic]) -> Path | None:
    named = data.get("source")
    if named is not None:
        candidate = (folder / str(named)).resolve()
        if not _below(candidate, folder.resolve()) or not candidate.is_file():
            problems.append(_issue_problem(folder / "issue.toml", f"source {named!r} is not a file in {folder}"))
            return None
        return candidate
    sources = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES)
    if len(sources) != 1:
        what = "no source file" if not sources else f"{len(sources)} source files"
        problems.append(_issue_problem(folder / "issue.toml", f"{what} in {folder}",
                                       hint="keep exactly one .txt/.md file, or name it with source = \"…\""))
        return None
    return sources[0]


def _overrides(folder: Path, data: dict, problems: list[Diagnostic]) -> dict[int, dict]:
    path = folder / "issue.toml"
    result: dict[int, dict] = {}
    entries = data.get("article", [])
    if not isinstance(entries, list):
        problems.append(_issue_problem(path, "article overrides go in [[article]] tables"))
        return result
    for entry in entries:
        number = entry.get("number") if isinstance(entry, dict) else None
        if not isinstance(number, int) or number < 1:
            problems.append(_issue_problem(path, "each [[article]] needs number = N (its position in the issue, from 1)"))
            continue
        for key in sorted(set(entry) - ARTICLE_KEYS):
            problems.append(_issue_problem(path, f"unknown key {key!r} in [[article]] number {number}",
                                           _toml_line(path, key), hint=known_keys_hint(key, ARTICLE_KEYS)))
        result[number] = entry
    return result


def load_library(config: SiteConfig, cache: Keep | None = None) -> Library:
    """Every issue of the archive; `cache` (optional, the build's) keeps parses between builds."""
    vocabulary = Vocabulary(load_tags(config), load_places(config))
    record = PermalinkRecord.load(config.content, cache)
    english_names = load_english_names(config.content)
    issues_dir = config.content / "issues"
    if not issues_dir.is_dir():
        raise SiteBuilderError(f"no issues folder at {issues_dir}", hint="add content/issues/<yyyy-mm-dd>/")
    warnings: list[Diagnostic] = []  # and the errors of issues left out
    skipped: dict[str, list[Diagnostic]] = {}
    issues: list[ArchiveIssue] = []
    by_date: dict[date, Path] = {}
    authors: dict[str, Author] = {}
    author_slugs: set[str] = set()
    root = config.content.resolve()
    folders = issue_folders(config)
    for folder in folders:
        # An issue with a problem is left out and reported; the rest of the archive still builds.
        problems: list[Diagnostic] = []
        issue = _load_issue(folder, root, record, vocabulary, by_date, problems, warnings, cache)
        if problems:
            warnings.extend(problems)
            skipped[folder.name] = problems
            continue
        assert issue is not None
        for article in issue.articles:
            for name in article.article.bylines:
                if name not in authors:
                    authors[name] = author_for(name, author_slugs, english_names, issue.pinyin.get(name))
                    author_slugs.add(authors[name].slug)
                article.authors.append(authors[name])
        by_date[issue.date] = folder
        issues.append(issue)
    if folders and not issues:
        errors = [w for w in warnings if w.severity == Severity.ERROR]
        raise SiteBuilderError("no issue could be read", problems=errors)
    issues.sort(key=lambda i: i.date)
    warnings.extend(_same_numbers(issues))
    return Library(config, issues, vocabulary.tags, vocabulary.places, sorted(authors.values(), key=lambda a: a.slug),
                   warnings, record, skipped, load_pages(config))


class Vocabulary:
    """The tags and places, with what derive() asks of them made once per build, not per issue."""

    def __init__(self, tags: list[Tag], places: list[Place]) -> None:
        self.tags = tags
        self.places = places
        # A digest of the terms that decide tags and places: the cache variant of each derived issue.
        terms = [(t.slug, t.terms) for t in tags] + [(p.slug, p.spellings) for p in places]
        self.key = hashlib.blake2b(repr(terms).encode("utf-8"), digest_size=16).hexdigest()

    @functools.cached_property
    def classifier(self) -> Classifier:
        return Classifier(self.tags, self.places)


Derived = tuple[Issue, list[tuple[list[str], list[str]]], dict[str, tuple[str, str]]]


def derive(data: bytes, source: Path, vocabulary: Vocabulary, cache: Keep | None,
           fixes: tuple[Fix, ...] = ()) -> Derived:
    """What a source alone decides: its parse, the tags and places each article's text earns,
    and the pinyin of its bylines; from the cache when it has them.  Raises SiteBuilderError."""
    # One cache entry per source and vocabulary. A vocabulary change parses again, where a
    # separate entry for the parse would spare that: it is rare and renders every page anyway,
    # while an entry per piece cost every build three files to write or read per issue.
    variant = vocabulary.key + fixes_key(fixes)
    kept = cache.get(data, str(source), variant) if cache is not None else None
    if _is_derived(kept):
        return kept
    parsed = parse_bytes(data, str(source), fixes=fixes)
    # Which tags and places the text earns: as costly as parsing, and kept with it.
    automatic = [automatic_terms(article, vocabulary.classifier) for article in parsed.articles]
    # The pinyin of the bylines (pypinyin takes a while per name): kept with the parse as well.
    pinyin = {name: pinyin_name(name) for article in parsed.articles for name in article.bylines}
    derived = (parsed, automatic, pinyin)
    if cache is not None:
        cache.put(data, str(source), derived, variant)
    return derived


def _is_derived(value: object) -> bool:
    """A kept value of the shape derive() returns (anything else is a miss, never an error)."""
    return (isinstance(value, tuple) and len(value) == 3 and isinstance(value[0], Issue)
            and isinstance(value[1], list) and len(value[1]) == len(value[0].articles) and isinstance(value[2], dict))


def issue_folders(config: SiteConfig) -> list[Path]:
    issues_dir = config.content / "issues"
    if not issues_dir.is_dir():
        return []
    return sorted(p for p in issues_dir.iterdir() if p.is_dir() and not p.name.startswith("."))


def issue_input(folder: Path, root: Path) -> tuple[Path, tuple[Fix, ...]] | None:
    """An issue folder's source and [[fix]] corrections, when both can be read (for reading ahead:
    load_library reports what is wrong)."""
    problems: list[Diagnostic] = []
    toml, fixes = _read_issue_toml(folder, problems)
    source = _source_file(folder, toml, problems)
    if source is None or problems or not _below(source.resolve(), root):
        return None
    return source, fixes


def _load_issue(folder: Path, root: Path, record: PermalinkRecord, vocabulary: Vocabulary,
                by_date: dict[date, Path], problems: list[Diagnostic], warnings: list[Diagnostic],
                cache: Keep | None = None) -> ArchiveIssue | None:
    if not _below(folder.resolve(), root):
        problems.append(_issue_problem(folder, "the issue folder is a link to a place outside the content folder",
                                       hint="copy the issue into content/issues/ instead of linking it"))
        return None
    data, fixes = _read_issue_toml(folder, problems)
    day = _issue_date(folder, data, problems)
    source = _source_file(folder, data, problems)
    overrides = _overrides(folder, data, problems)
    number = data.get("number")
    if number is not None and not (isinstance(number, int) and not isinstance(number, bool) and number > 0):
        problems.append(_issue_problem(folder / "issue.toml", "number must be a positive whole number"))
    if day is None or source is None or problems:
        return None
    if not _below(source.resolve(), root):
        problems.append(_issue_problem(source, "the source is a link to a file outside the content folder",
                                       hint="copy the file into the issue folder"))
        return None
    if day in by_date:
        problems.append(_issue_problem(folder / "issue.toml", f"two issues claim {day}: {by_date[day].name} and {folder.name}",
                                       hint="fix the date of one of them"))
        return None
    try:
        data = files.read_bytes(source)
        parsed, automatic, pinyin = derive(data, source, vocabulary, cache, fixes)
    except SiteBuilderError as error:
        problems.append(Diagnostic("source", error.message, error.span or SourceSpan(str(source)), Severity.ERROR, error.hint))
        return None
    except OSError as error:
        problems.append(_issue_problem(source, f"cannot read the source ({error.strerror})"))
        return None
    issue = ArchiveIssue(day, number, folder, source, parsed, pinyin=pinyin)
    issue.digest = hashlib.blake2b(data + b"\0" + files.read_bytes(folder / "issue.toml"), digest_size=16).hexdigest()
    entries = record.assign(day.isoformat(), [a.title or "" for a in parsed.articles])
    for index, (article, entry) in enumerate(zip(parsed.articles, entries), start=1):
        override = overrides.get(index, {})
        item = ArchiveArticle(issue, index, article, entry.slug, list(entry.redirects))
        _classify(item, vocabulary.tags, vocabulary.places, override, folder, problems, automatic[index - 1])
        figures = override.get("figures", [])
        item.figures = [str(f) for f in figures] if isinstance(figures, list) else []
        issue.articles.append(item)
    for extra in sorted(set(overrides) - set(range(1, len(parsed.articles) + 1))):
        problems.append(_issue_problem(folder / "issue.toml",
                                       f"[[article]] number {extra}: the issue has only {len(parsed.articles)} articles"))
    if problems:
        return None
    warnings.extend(parsed.diagnostics)
    return issue


def automatic_terms(article: Article, classifier: Classifier) -> tuple[list[str], list[str]]:
    """The slugs of the tags and places an article's text earns (before issue.toml's extra tags)."""
    headline = "".join(x for x in (article.kicker, article.title, article.subtitle) if x)
    dateline = article.dateline.place if article.dateline else ""
    return classifier.terms(headline, dateline, article_text(article))


def _classify(item: ArchiveArticle, tags: list[Tag], places: list[Place], override: dict, folder: Path,
              problems: list[Diagnostic], automatic: tuple[list[str], list[str]]) -> None:
    tag_slugs, place_slugs = set(automatic[0]), set(automatic[1])
    item.tags = [tag for tag in tags if tag.slug in tag_slugs]
    extra = override.get("tags", [])
    known = {tag.slug: tag for tag in tags}
    for slug in extra if isinstance(extra, list) else []:
        if slug not in known:
            problems.append(_issue_problem(folder / "issue.toml", f"unknown tag {slug!r} in [[article]] number {item.number}",
                                           hint="define it in content/tags.toml"))
        elif known[slug] not in item.tags:
            item.tags.append(known[slug])
    item.places = [place for place in places if place.slug in place_slugs]
