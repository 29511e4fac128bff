"""`translations update`: every article's catalog merged with its text, a translation never lost.

Like msgmerge (Babel's Catalog.update): a changed original makes its message fuzzy and keeps
the previous text; a vanished one becomes obsolete (`#~`) and comes back, translation and
all, when its text returns.  A catalog that belongs to no article read this time (its issue
cannot be read, or was removed) is not touched; one whose article moved (a new slug, the old
under `redirects` in permalinks.toml) moves with it.  New and untranslated messages are filled
from the archive's memory, and the glossary's terms shown on each message (memory.py).  A file
is only written when its bytes change.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog

from site_builder.archive.catalogs import (
    _stamp,
    catalog_dir,
    catalog_for,
    catalog_path,
    header_comment,
    read_catalog,
    serialize,
    template_for,
)
from site_builder.archive.library import ArchiveArticle, Library
from site_builder.archive.memory import Glossary, Memory
from site_builder.core import files
from site_builder.core.errors import SiteBuilderError


@dataclass
class UpdateReport:
    created: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    # Catalogs of no article read this time (an issue that could not be read or was removed, a
    # slug changed without a redirect): left exactly as they are, translations and all.
    kept: list[Path] = field(default_factory=list)
    moved: list[tuple[Path, Path]] = field(default_factory=list)  # after a slug change (permalinks.toml redirects)
    restored: int = 0  # obsolete translations brought back because their text returned
    remembered: int = 0  # messages filled with the same original's translation (memory)
    suggested: int = 0  # messages filled from a close original, marked fuzzy
    skipped: dict[str, list] = field(default_factory=dict)  # issues that could not be read: folder -> errors


def update(library: Library, language: str, memory: bool = True) -> UpdateReport:
    content = library.config.content
    root = catalog_dir(content, language)
    report = UpdateReport(skipped=dict(library.skipped))
    glossary = Glossary.of(library, language)
    # Every catalog is read first: the memory is made of all of them, the kept ones included.
    targets: list[tuple[ArchiveArticle, Path]] = []
    read: dict[Path, Catalog] = {}
    for article in library.articles:
        path = catalog_path(content, language, article)
        found = catalog_for(content, language, article)
        if found != path:
            files.move_atomic(found, path)
            report.moved.append((found, path))
        targets.append((article, path))
        if path.exists():
            read[path] = read_catalog(path)
    current = {path.resolve() for _, path in targets}
    report.kept = [p for p in sorted(root.rglob("*.po")) if p.resolve() not in current] if root.is_dir() else []
    others = {p: catalog for p in report.kept if (catalog := _readable(p)) is not None}
    remembered = Memory.of({**others, **read}, root) if memory else Memory({})
    for article, path in targets:
        template = template_for(article, content, language, glossary.comments)
        catalog = read.get(path)
        if catalog is None:
            catalog = Catalog(locale=language, header_comment=header_comment(article),
                              project="site_builder archive", version=article.issue.day,
                              creation_date=_stamp(article), revision_date=_stamp(article),
                              fuzzy=False, last_translator="", language_team="")
        else:
            report.restored += _restore_obsolete(catalog, template)
        catalog.update(template, update_header_comment=False)
        for message in catalog:
            filled = remembered.fill(message)
            report.remembered += filled == "exact"
            report.suggested += filled == "fuzzy"
        _tidy(catalog)
        if path in read:
            _write(path, catalog, report.updated, report.unchanged)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            files.write_atomic(path, serialize(catalog))
            report.created.append(path)
    return report


def _readable(path: Path) -> Catalog | None:
    """A kept catalog for the memory; one that cannot be read lends nothing (and is left alone)."""
    try:
        return read_catalog(path)
    except SiteBuilderError:
        return None


def _restore_obsolete(catalog: Catalog, template: Catalog) -> int:
    """Obsolete entries (#~) whose text is in the template again become live, translation and all."""
    restored = 0
    for message in template:
        if not message.id:
            continue
        key = (message.id, message.context) if message.context is not None else message.id
        old = catalog.obsolete.pop(key, None)
        if old is not None and catalog.get(message.id, context=message.context) is None:
            catalog[message.id] = old
            restored += 1
    return restored


def _tidy(catalog: Catalog) -> None:
    catalog.fuzzy = False  # the header entry; messages keep their own flags
    catalog.msgid_bugs_address = ""


def _write(path: Path, catalog: Catalog, updated: list[Path], unchanged: list[Path]) -> None:
    data = serialize(catalog)
    if path.read_bytes() == data:
        unchanged.append(path)
    else:
        files.write_atomic(path, data)
        updated.append(path)
