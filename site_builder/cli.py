"""The command line: `build` (the default), `parse`, and the commands to come.

Exit codes: 0 success, 1 warnings under --strict, 2 errors.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import SiteBuilderError

EXIT_WARNINGS = 1
EXIT_ERROR = 2


class DefaultGroup(click.Group):
    """A group that runs `build` when no command is named (`python build.py`)."""

    default_command = "build"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0].startswith("-") and args[0] not in ("--help", "-h", "--version")):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


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
    """Parse one issue's SOURCE file and print its outline (or JSON)."""
    from .ingest import parse_file

    try:
        issue = parse_file(source)
    except SiteBuilderError as error:
        fail(error)
        return
    if as_json:
        click.echo(json.dumps(issue.to_json(), ensure_ascii=False, indent=2))
        for diagnostic in issue.diagnostics:
            click.echo(diagnostic.format(), err=True)
    else:
        from .outline import issue_outline

        click.echo(issue_outline(issue))
    if strict and any(d.severity.value != "info" for d in issue.diagnostics):
        sys.exit(EXIT_WARNINGS)


CONTENT_OPTION = click.option(
    "--content",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("content"),
    show_default=True,
    help="The archive's content folder.",
)


@main.command()
@CONTENT_OPTION
@click.option("--output", type=click.Path(path_type=Path), default=Path("public"), show_default=True,
              help="Where to write the site (swapped in only when complete).")
@click.option("--base-url", help="Override site.toml's base_url, e.g. https://example.org/archive/.")
@click.option("--strict", is_flag=True, help="Exit with 1 when there are warnings.")
def build(content: Path, output: Path, base_url: str | None, strict: bool) -> None:
    """Build the whole site from CONTENT into OUTPUT."""
    from .pipeline import build as build_site

    try:
        report = build_site(content, output, base_url)
    except SiteBuilderError as error:
        fail(error)
        return
    for warning in report.warnings:
        click.echo(warning.format(), err=True)
    pages = ", ".join(f"{count} {code}" for code, count in report.pages.items())
    timing = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in report.phases.items())
    click.echo(f"built {report.output}: {report.issues} issues, {report.articles} articles, pages {pages}, "
               f"{report.files} files, {len(report.warnings)} warnings ({timing})")
    if strict and any(w.severity.value != "info" for w in report.warnings):
        sys.exit(EXIT_WARNINGS)
