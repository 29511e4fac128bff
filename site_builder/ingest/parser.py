"""The parser: an ordered chain of named rules over one ``ParseState``.

As in markdown-it-py, the chain is a ``Ruler``: rules can be inserted
before/after others, enabled or disabled by name.  ``parse_bytes`` runs the
chain and returns a typed ``Issue``; ``parse_file`` adds reading the file.
"""
from __future__ import annotations

import os
from collections.abc import Callable

from markdown_it.ruler import Ruler

from site_builder.core.errors import SourceError, SourceSpan
from site_builder.core.model import Fix, Issue
from site_builder.ingest.rules import (
    assemble,
    bylines,
    datelines,
    fixes,
    furniture,
    joins,
    latin,
    normalize,
    segment,
    style,
    tokenize,
)
from site_builder.ingest.state import ParseState

CoreRule = Callable[[ParseState], None]

MAX_SOURCE_BYTES = 64 * 1024 * 1024


def default_rules() -> Ruler[CoreRule]:
    ruler: Ruler[CoreRule] = Ruler()
    for name, rule in (
        ("decode", normalize.decode_source),
        ("lines", normalize.build_lines),
        ("fixes", fixes.mark_lines),
        ("style", style.detect_style),
        ("web_metadata", furniture.web_metadata),
        ("metadata_table", furniture.metadata_table),
        ("related_reading", furniture.related_reading),
        ("page_furniture", furniture.page_furniture),
        ("tokenize", tokenize.tokenize),
        ("bylines", bylines.closing_bylines),
        ("datelines", datelines.datelines),
        ("fact_boxes", joins.fact_boxes),
        ("article_starts", segment.article_starts),
        ("assemble", assemble.assemble_articles),
        ("latin_words", latin.latin_words),
    ):
        ruler.push(name, rule)
    return ruler


_RULES = default_rules()


def parse_bytes(
    data: bytes, path: str, rules: Ruler[CoreRule] | None = None, fixes: tuple[Fix, ...] = ()
) -> Issue:
    """Parse one issue's bytes, with a maintainer's fixes from issue.toml. Raises only ``SourceError``."""
    state = ParseState(path=path, data=data, fixes=list(fixes))
    for rule in (rules or _RULES).getRules(""):
        rule(state)
    if not state.articles:
        raise SourceError("no text found in the file", SourceSpan(path), hint="the file holds only furniture or blank lines")
    return Issue(
        source=os.path.basename(path),
        path=path,
        published=state.published,
        source_name=state.source_name,
        articles=state.articles,
        style=state.style,
        encoding=state.encoding,
        diagnostics=state.summarized(),
        removed=state.removed,
    )


def parse_file(path: str | os.PathLike[str], fixes: tuple[Fix, ...] = ()) -> Issue:
    name = os.fspath(path)
    try:
        size = os.path.getsize(name)
        if size > MAX_SOURCE_BYTES:
            raise SourceError(
                f"the file is {size // (1024 * 1024)} MB, more than an issue can be",
                SourceSpan(name),
                hint="split it into one file per issue",
            )
        with open(name, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise SourceError("no such file", SourceSpan(name)) from None
    except IsADirectoryError:
        raise SourceError("this is a folder, not a file", SourceSpan(name)) from None
    except PermissionError:
        raise SourceError("the file cannot be read (permission denied)", SourceSpan(name)) from None
    except OSError as exc:
        raise SourceError(f"the file cannot be read ({exc.strerror})", SourceSpan(name)) from None
    return parse_bytes(data, name, fixes=fixes)
