"""A readable outline of a parsed issue, for `parse` and `new-issue`."""
from __future__ import annotations

from site_builder.core.errors import Severity
from site_builder.core.model import Issue

# The parser's close calls (ingest/rules): shown in place in the outline.
GUESSES = frozenset({"article-guess", "join-guess", "caption-guess"})


def issue_outline(issue: Issue) -> str:
    out: list[str] = []
    meta = [f"style: {issue.style}", f"encoding: {issue.encoding}", f"articles: {len(issue.articles)}"]
    if issue.published:
        meta.append(f"published: {issue.published}")
    if issue.source_name:
        meta.append(f"source: {issue.source_name}")
    out.append(f"{issue.source}  ({', '.join(meta)})")
    # The decisions the parser was unsure of, marked where they fall (`?`); all are listed below too.
    guesses = [d for d in issue.diagnostics if d.code in GUESSES]
    for number, article in enumerate(issue.articles, start=1):
        out.append("")
        out.append(f"[{number}] lines {article.line}-{article.end_line}")
        if article.kicker:
            out.append(f"    kicker:   {article.kicker}")
        out.append(f"    title:    {article.title or '(none)'}")
        if article.subtitle:
            out.append(f"    subtitle: {article.subtitle}")
        if article.dateline:
            out.append(f"    dateline: {article.dateline.place}  ({article.dateline.printed})")
        if article.bylines:
            out.append(f"    bylines:  {'、'.join(article.bylines)}")
        counts = {"paragraph": 0, "heading": 0, "figure": 0}
        for block in article.blocks:
            counts[block.type] += 1
        out.append(
            f"    {counts['paragraph']} paragraphs, {counts['heading']} sub-heads, {counts['figure']} figures"
        )
        for block in article.blocks:
            if block.type == "heading":
                out.append(f"      ## {block.text}")
        for diagnostic in guesses:
            if article.line <= diagnostic.span.line <= article.end_line:
                out.append(f"      ? line {diagnostic.span.line}: {diagnostic.message}")
    out.append("")
    if issue.diagnostics:
        warnings = sum(1 for d in issue.diagnostics if d.severity is not Severity.INFO)
        notes = len(issue.diagnostics) - warnings
        out.append(f"{warnings} warning(s), {notes} note(s):")
        out.extend(d.format(show_source=False) for d in issue.diagnostics)
    else:
        out.append("no warnings")
    return "\n".join(out)
