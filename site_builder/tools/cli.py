"""The command line: `build` (the default), `parse`, and the commands to come.

Exit codes: 0 success, 1 warnings under --strict, 2 errors.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from site_builder import __version__
from site_builder.core.boundary import DAY
from site_builder.core.errors import SiteBuilderError, SourceSpan, os_failure

EXIT_WARNINGS = 1
EXIT_ERROR = 2


class DefaultGroup(click.Group):
    """A group that runs `build` when no command is named (`python build.py`)."""

    default_command = "build"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0].startswith("-") and args[0] not in ("--help", "-h", "--version")):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        """Every command's failures, one clear line each and exit code 2: the project's own errors
        and the system's (a full disk, a permission, a folder where a file should be)."""
        try:
            return super().invoke(ctx)
        except SiteBuilderError as error:
            fail(error)
        except OSError as error:
            fail(os_failure(error))
        return None


def build_summary(report) -> str:
    """One screen: what was built, what to look at, where the time went."""
    from collections import Counter

    from site_builder.build.writer import cache_folder

    warnings = Counter(w.code for w in report.warnings if w.severity.value == "warning")
    notes = Counter(w.code for w in report.warnings if w.severity.value == "info")
    errors = sum(1 for w in report.warnings if w.severity.value == "error")
    pages = " · ".join(f"{code} {count}" for code, count in report.pages.items())
    timing = " · ".join(f"{name} {seconds:.2f}s" for name, seconds in report.phases.items())
    indexed, parts = report.search_parts

    def listed(counts: Counter) -> str:
        return ", ".join(f"{code} {n}" for code, n in counts.most_common()) or "none"

    cache = cache_folder(report.output)
    return "\n".join([
        f"built {report.output} in {sum(report.phases.values()):.2f}s",
        f"  issues    {report.issues}    articles {report.articles}",
        f"  pages     {pages}    files {report.files} ({report.rendered} rendered, "
        f"{report.rewritten} written, the rest unchanged)",
        f"  warnings  {sum(warnings.values())} ({listed(warnings)})    notes {sum(notes.values())} ({listed(notes)})"
        f"    errors {errors}",
        f"  phases    {timing}",
    ] + ([f"  search    {indexed} of {parts} parts indexed, the rest unchanged"] if parts else [])
      + [f"  cache     {cache} (what builds keep between them; safe to delete)"])


def fail(error: SiteBuilderError) -> None:
    click.echo(str(error), err=True)
    sys.exit(EXIT_ERROR)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="site-builder")
def main() -> None:
    """Build the bilingual news archive in CONTENT into a static site.

    Exit codes: 0 success, 1 warnings with --strict, 2 errors.
    """


@main.command()
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the parse as JSON (the gold-file contract).")
@click.option("--strict", is_flag=True, help="Exit with 1 when the parser has warnings.")
def parse(source: Path, as_json: bool, strict: bool) -> None:
    """Parse one issue's SOURCE file and print its outline (or JSON).

    The [[fix]] corrections of an issue.toml beside the file are applied."""
    from site_builder.archive.fixes import fixes_beside
    from site_builder.ingest import parse_file

    try:
        issue = parse_file(source, fixes_beside(source))
    except SiteBuilderError as error:
        fail(error)
        return
    if as_json:
        click.echo(json.dumps(issue.to_json(), ensure_ascii=False, indent=2))
        for diagnostic in issue.diagnostics:
            click.echo(diagnostic.format(), err=True)
    else:
        from site_builder.tools.outline import issue_outline

        click.echo(issue_outline(issue))
    if strict and any(d.severity.value != "info" for d in issue.diagnostics):
        sys.exit(EXIT_WARNINGS)


THEME_OPTION = click.option(
    "--theme", "theme_folder", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
    help="A theme folder to use instead of site.toml's (it may lie outside the content folder).")


def open_archive(content: Path, theme_folder: Path | None = None):
    """The archive's configuration, once no link in it leads outside it (core/boundary.py)."""
    from site_builder.core.boundary import listed_files
    from site_builder.core.config import load_config
    from site_builder.site.theme import archive_boundary, theme_dirs

    boundary = archive_boundary(content, theme_folder)
    listed_files(content, boundary)
    config = load_config(content, theme_folder=theme_folder)
    for theme in theme_dirs(config):
        listed_files(theme, boundary)
    return config


def find_content(start: Path) -> Path:
    """content/ here or in the nearest folder above holding one with a site.toml (as hugo and mkdocs
    look upward for their configuration); ./content when there is none, for the error to name."""
    for folder in (start, *start.parents):
        if (folder / "content" / "site.toml").is_file():
            return folder / "content" if folder != start else Path("content")
    return Path("content")


def _content_folder(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    return value if value is not None else find_content(Path.cwd())


CONTENT_OPTION = click.option(
    "--content",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    envvar="SITE_BUILDER_CONTENT",
    callback=_content_folder,
    help="The archive's content folder [default: ./content, or the nearest content/ above; "
         "or $SITE_BUILDER_CONTENT].",
)


@main.command()
@CONTENT_OPTION
@click.option("--output", type=click.Path(path_type=Path), default=None,
              help="Where to write the site (swapped in only when complete) [default: public/ beside the content folder].")
@click.option("--base-url", help="Override site.toml's base_url, e.g. https://example.org/archive/.")
@click.option("--strict", is_flag=True, help="Exit with 1 when there are warnings.")
@click.option("--force", is_flag=True, help="Rebuild even when nothing changed since the last build.")
@click.option("--no-search", is_flag=True, help="Leave the search index out (a quicker preview).")
@click.option("--keep-going", is_flag=True,
              help="Publish the site even when some issues are broken, leaving them out (exit code 2 still).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors and warnings: no progress, notes or summary.")
@click.option("-v", "--verbose", is_flag=True, help="Every note with its source line and hint.")
@THEME_OPTION
def build(content: Path, output: Path | None, base_url: str | None, strict: bool, force: bool, no_search: bool,
          keep_going: bool, quiet: bool, verbose: bool, theme_folder: Path | None) -> None:
    """Build the whole site from CONTENT into OUTPUT.

    Any error publishes nothing: the site in OUTPUT stays as it was (--keep-going publishes the rest)."""
    import signal

    from site_builder.build.pipeline import build as build_site
    from site_builder.build.progress import Silent, TerminalProgress

    # SIGTERM cleans up like Ctrl+C: the staging folder is removed, the published site untouched.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    if output is None:
        output = content.parent / "public"
    try:
        report = build_site(content, output, base_url, Silent() if quiet else TerminalProgress(), force=force,
                            search=not no_search, theme_folder=theme_folder, keep_going=keep_going)
    except SiteBuilderError as error:
        fail(error)
        return
    for warning in report.warnings:
        if quiet and warning.severity.value == "info":
            continue
        click.echo(warning.format(show_source=verbose or warning.severity.value == "error"), err=True)
    if not quiet and report.up_to_date:
        said = f"; its build said what is above ({len(report.warnings)})" if report.warnings else ""
        click.echo(f"{report.output} is up to date: nothing changed since it was built "
                   f"(checked in {sum(report.phases.values()):.2f}s; --force rebuilds){said}")
    elif not quiet and report.published:
        click.echo(build_summary(report))
    errors = len(report.errors)
    if errors and not report.published:
        click.echo(f"{errors} error(s): nothing was published, {report.output} is as it was "
                   "(--keep-going publishes the site without what is broken)", err=True)
        sys.exit(EXIT_ERROR)
    if errors:
        click.echo(f"{errors} error(s): the issues above were left out of the site", err=True)
        sys.exit(EXIT_ERROR)
    if strict and any(w.severity.value != "info" for w in report.warnings):
        sys.exit(EXIT_WARNINGS)


@main.command("check")
@CONTENT_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.option("--strict", is_flag=True, help="Exit with 1 when there is any warning.")
def check_command(content: Path, as_json: bool, strict: bool) -> None:
    """Report suspicious text in the archive, by issue and article, with source lines."""
    from site_builder.archive.folders import load_library
    from site_builder.core.errors import Severity
    from site_builder.tools.check import check

    try:
        report = check(load_library(open_archive(content)))
    except SiteBuilderError as error:
        fail(error)
        return
    if as_json:
        click.echo(json.dumps([f.to_json() for f in report.findings], ensure_ascii=False, indent=2))
    else:
        issue = article = None
        for finding in report.findings:
            if finding.issue != issue:
                issue, article = finding.issue, None
                click.echo(f"\n== {issue or 'archive'}")
            if finding.article and finding.article != article:
                article = finding.article
                click.echo(f"  -- {article}")
            where = finding.path + (f":{finding.line}" if finding.line else "") + (f":{finding.col}" if finding.col else "")
            click.echo(f"  {where}: {finding.severity.value}[{finding.code}]: {finding.message}")
            if finding.source_line:
                click.echo(f"      {finding.source_line.strip()[:100]}")
            click.echo(f"      hint: {finding.hint}")
        counts = {s: len(report.by_severity(s)) for s in Severity}
        click.echo(f"\n{counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s), "
                   f"{counts[Severity.INFO]} note(s)")
    if report.by_severity(Severity.ERROR):
        sys.exit(EXIT_ERROR)  # what the build would refuse to publish
    if strict and report.by_severity(Severity.WARNING):
        sys.exit(EXIT_WARNINGS)


@main.command("new-issue")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--date", "day", required=True, help="The issue's date, YYYY-MM-DD.")
@click.option("--number", type=click.IntRange(min=1), help="The issue's number.")
@CONTENT_OPTION
@click.option("--force", is_flag=True, help="Replace an existing issue of that date (its images/ are kept).")
def new_issue(source: Path, day: str, number: int | None, content: Path, force: bool) -> None:
    """Add SOURCE as the issue of --date and print how it was understood.

    With --force on an existing issue, its issue.toml is kept (its number, notes, overrides and
    fixes; --number sets the number), and the source it replaces is kept in replaced/."""
    from datetime import date

    from site_builder.archive.folders import SOURCE_SUFFIXES
    from site_builder.core import files
    from site_builder.ingest import parse_file
    from site_builder.tools.outline import issue_outline

    try:
        if not DAY.fullmatch(day):
            raise ValueError(day)  # fromisoformat also takes 20240911, which the message does not promise
        when = date.fromisoformat(day)
    except ValueError:
        fail(SiteBuilderError(f"--date {day!r} is not a real date in the form YYYY-MM-DD"))
        return
    parse_file(source)  # a file that cannot be read is refused before anything is written
    if not (content / "site.toml").is_file():
        fail(SiteBuilderError(f"{content} is not an archive (no site.toml)", hint="pass --content DIR"))
    open_archive(content)
    folder = content / "issues" / when.isoformat()
    if folder.exists() and not force:
        fail(SiteBuilderError(f"an issue for {when} already exists at {folder}", hint="use --force to replace it"))
    folder.mkdir(parents=True, exist_ok=True)
    suffix = source.suffix.lower() if source.suffix.lower() in SOURCE_SUFFIXES else ".txt"
    target = folder / (source.stem + suffix)
    replaced = [old for old in sorted(folder.iterdir()) if old.is_file() and old.suffix.lower() in SOURCE_SUFFIXES]
    kept = folder / "replaced"
    for old in replaced:
        # What it replaces is kept, not deleted (it may hold corrections made in place).
        kept.mkdir(exist_ok=True)
        files.write_atomic(kept / old.name, old.read_bytes())
    files.write_atomic(target, source.read_bytes())
    for old in replaced:
        if old != target:
            old.unlink()
    files.write_atomic(folder / "issue.toml", issue_settings(folder / "issue.toml", source.name, when, number))
    click.echo(f"added {target}")
    if replaced:
        click.echo(f"  the source it replaces is kept in {kept}")
    # Read again where it now is, with the issue.toml's fixes: the lines named are the copy's,
    # the one the maintainer edits (the incoming file was read first only to refuse a broken one).
    from site_builder.archive.fixes import fixes_beside

    click.echo(issue_outline(parse_file(target, fixes_beside(target))))


def issue_settings(path: Path, name: str, when, number: int | None) -> bytes:
    """issue.toml: a new one, or the existing one as it was, with --number set (tomlkit keeps the rest)."""
    import tomlkit

    if path.is_file():
        text = path.read_text(encoding="utf-8")
        if number is None:
            return text.encode("utf-8")
        try:
            document = tomlkit.parse(text)
        except tomlkit.exceptions.TOMLKitError as error:
            raise SiteBuilderError(f"cannot set the number in it: {error}", SourceSpan(str(path))) from None
        document["number"] = number
        return tomlkit.dumps(document).encode("utf-8")
    lines = [f"# Added from {name}. Say here how the date was established.", f"date = {when.isoformat()}"]
    if number is not None:
        lines.append(f"number = {number}")
    return ("\n".join(lines) + "\n").encode("utf-8")


@main.command("serve")
@CONTENT_OPTION
@click.option("--output", type=click.Path(path_type=Path), default=None,
              help="Where to build (default: a temporary folder, removed on exit; public/ is left alone).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port (taken: the next free one; 0: any free port).")
@click.option("--bind", "host", default="127.0.0.1", show_default=True,
              help="The address to serve on (0.0.0.0: every interface, e.g. to look from a phone).")
@click.option("--search", is_flag=True, help="Index the site for search on every rebuild (slower; off by default).")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in the web browser once it is up.")
@THEME_OPTION
def serve_command(content: Path, output: Path | None, port: int, host: str, search: bool, open_browser: bool,
                  theme_folder: Path | None) -> None:
    """Build, serve on 127.0.0.1, rebuild on every change and reload the page.

    Without --search the search index is left out: the search page says so."""
    import shutil
    import signal
    import tempfile

    from site_builder.tools.serve import serve

    # SIGTERM stops like Ctrl+C: the temporary folder is removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))

    if not (content / "site.toml").is_file():
        fail(SiteBuilderError(f"{content} is not an archive (no site.toml)", hint="pass --content DIR"))
    temporary = None
    if output is None:
        temporary = Path(tempfile.mkdtemp(prefix="site-builder-serve-"))
        output = temporary / "site"
    try:
        def opened(address: str) -> None:
            if open_browser:
                import webbrowser

                webbrowser.open(address)

        serve(content, output, port, click.echo, theme_folder=theme_folder, search=search, host=host,
              ready=opened)
    except KeyboardInterrupt:
        pass
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)


# The translators' commands live beside this module; registered last, as they use its options.
from site_builder.tools.translations_cli import translations  # noqa: E402

main.add_command(translations)
