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


@main.command()
@click.option("--content", type=click.Path(file_okay=False, path_type=Path), default=Path("content"), show_default=True,
              help="The archive's content folder.")
def build(content: Path) -> None:
    """Parse every issue in CONTENT and print its outline (the site renderer comes next)."""
    from .ingest import parse_file
    from .outline import issue_outline

    if not content.is_dir():
        fail(SiteBuilderError(f"no content folder at {content}", hint="pass --content DIR"))
    sources = sorted(p for p in content.rglob("*") if p.is_file() and p.suffix.lower() in (".txt", ".md"))
    if not sources:
        fail(SiteBuilderError(f"no issue sources (*.txt, *.md) under {content}"))
    errors = 0
    for source in sources:
        try:
            click.echo(issue_outline(parse_file(source)))
        except SiteBuilderError as error:
            click.echo(str(error), err=True)
            errors += 1
        click.echo("")
    if errors:
        sys.exit(EXIT_ERROR)
