"""`translations update` and `translations status`: the translators' commands (see cli.py)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from site_builder.archive.library import Library
from site_builder.core.errors import SiteBuilderError
from site_builder.tools.cli import CONTENT_OPTION, EXIT_ERROR, EXIT_WARNINGS, fail, open_archive

# What each kind of edition is (archive/catalogs.Coverage.kind), as the status lists it.
EDITION_LABELS = {"complete": "complete", "partial": "partial", "headline": "headline only",
                  "none": "no edition"}


def _translation_languages(content: Path, lang: str | None) -> tuple[Library, list[str]]:
    from site_builder.archive.folders import load_library

    config = open_archive(content)
    library = load_library(config)
    targets = [language.code for language in config.translations]
    if lang is not None:
        if lang not in targets:
            raise SiteBuilderError(f"{lang!r} is not a translation language of this site",
                                   hint=f"choose one of: {', '.join(targets) or '(none)'}")
        targets = [lang]
    return library, targets


@click.group()
def translations() -> None:
    """Per-article translation catalogs: update them, see their status."""


@translations.command("update")
@CONTENT_OPTION
@click.option("--lang", help="Only this language (default: every language but the site's default).")
@click.option("--no-memory", is_flag=True, help="Leave new messages empty instead of filling them from memory.")
def translations_update(content: Path, lang: str | None, no_memory: bool) -> None:
    """Create or update one gettext catalog per article (changed texts become fuzzy).

    A translation is never lost: the catalogs of an issue that cannot be read are left as they
    are (exit code 2, saying why), a catalog moves with its article's slug, and an obsolete
    translation comes back when its text does.  New messages are filled from the archive's
    translation memory (the same original: copied; a close one: filled and marked fuzzy)."""
    from site_builder.archive.catalog_update import update

    skipped: dict[str, list] = {}
    try:
        library, targets = _translation_languages(content, lang)
        for code in targets:
            report = update(library, code, memory=not no_memory)
            library.permalinks.save()  # catalogs are named by these slugs
            click.echo(f"{code}: {len(report.created)} created, {len(report.updated)} updated, "
                       f"{len(report.unchanged)} unchanged"
                       + (f", {report.restored} obsolete translation(s) restored" if report.restored else ""))
            if report.remembered or report.suggested:
                click.echo(f"  from memory: {report.remembered} message(s) copied from the same original, "
                           f"{report.suggested} suggested from a close one (fuzzy: review them)")
            for old, new in report.moved:
                click.echo(f"  {old} -> {new}: moved with its article's new slug")
            for path in report.kept:
                click.echo(f"  {path}: no article read this time holds it; left as it is")
            skipped.update(report.skipped)
    except SiteBuilderError as error:
        fail(error)
        return
    for folder, problems in sorted(skipped.items()):
        click.echo(f"issue {folder} could not be read: its catalogs were left as they are", err=True)
        for problem in problems:
            click.echo(problem.format(show_source=True), err=True)
    if skipped:
        sys.exit(EXIT_ERROR)


@translations.command("status")
@CONTENT_OPTION
@click.option("--lang", help="Only this language.")
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@click.option("--issue", "day", help="Only this issue (YYYY-MM-DD), with each article's catalog to open.")
def translations_status(content: Path, lang: str | None, as_json: bool, day: str | None) -> None:
    """Per issue and article: whether the headline is translated, and the translated / fuzzy /
    untranslated passages of its text (paragraphs, sub-heads, captions)."""
    from site_builder.archive.catalogs import status

    try:
        library, targets = _translation_languages(content, lang)
        result = {code: status(library, code) for code in targets}
        if day is not None:
            result = {code: [row for row in rows if row.day == day] for code, rows in result.items()}
            if not any(result.values()):
                raise SiteBuilderError(f"no issue of {day!r} in this archive", hint="give its date, YYYY-MM-DD")
    except SiteBuilderError as error:
        fail(error)
        return
    if as_json:
        out = {}
        for code, rows in result.items():
            totals = {k: sum(getattr(r.coverage, k) for r in rows) for k in ("translated", "fuzzy", "untranslated")}
            totals["total"] = sum(totals.values())
            totals["percent"] = round(100.0 * totals["translated"] / totals["total"], 1) if totals["total"] else 0.0
            out[code] = {"articles": [r.to_json() for r in rows], "totals": totals,
                         "skipped": sorted(library.skipped)}
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    for folder in sorted(library.skipped):
        click.echo(f"issue {folder} could not be read (build or check says why): not counted, "
                   "its catalogs are kept as they are", err=True)
    for code, rows in result.items():
        click.echo(f"[{code}]")
        day = None
        for row in rows:
            if row.day != day:
                day = row.day
                click.echo(f"{day}")
            c = row.coverage
            click.echo(f"  {c.percent:5.1f}%  {c.translated:3d} translated {c.fuzzy:3d} fuzzy "
                       f"{c.untranslated:3d} untranslated  {EDITION_LABELS[c.kind]:<14}  {row.title}")
            if day is not None:
                click.echo(f"          {row.path}")
        translated = sum(r.coverage.translated for r in rows)
        total = sum(r.coverage.total for r in rows)
        fuzzy = sum(r.coverage.fuzzy for r in rows)
        kinds = {kind: sum(r.coverage.kind == kind for r in rows) for kind in EDITION_LABELS}
        click.echo(f"total: {translated}/{total} text passages translated "
                   f"({100.0 * translated / total if total else 0:.1f}%), {fuzzy} fuzzy; articles: "
                   + ", ".join(f"{count} {EDITION_LABELS[kind]}" for kind, count in kinds.items()))


@translations.command("check")
@CONTENT_OPTION
@click.option("--lang", help="Only this language.")
def translations_check(content: Path, lang: str | None) -> None:
    """What each translation must keep of its original: numbers and dates, Latin names and
    addresses, the glossary's renderings, no Chinese left, quotes and brackets closed.
    Exit code 1 when there is a finding."""
    from site_builder.archive.catalogs import catalog_for
    from site_builder.archive.memory import Glossary
    from site_builder.archive.translation_checks import catalog_problems

    found = 0
    try:
        library, targets = _translation_languages(content, lang)
        for code in targets:
            glossary = Glossary.of(library, code)
            for article in library.articles:
                for problem in catalog_problems(catalog_for(library.config.content, code, article), glossary):
                    found += 1
                    click.echo(f"{problem.path}:{problem.line}: warning[{problem.code}]: {problem.message}\n"
                               f"    hint: the original is at {problem.original}")
    except SiteBuilderError as error:
        fail(error)
        return
    click.echo(f"{found} finding(s)")
    if found:
        sys.exit(EXIT_WARNINGS)
