"""The archive's trust boundary: nothing outside it is read, nothing outside it is written.

An archive is edited by several people and built on shared machines and CI, so
nothing in it - a symbolic link, a path in one of its files - may make a build
or a command read a file of the machine (and publish it), or write one.  The
boundary is the content folder, the project's themes, a maintainer's theme (inside
the content folder, or named on the command line) and the output folder.

- Every folder a command reads is walked once without following links
  (`listed_files`); a link whose target lies outside the boundary is refused,
  naming the link, as GitHub Pages' safe mode and Hugo's security policy do.
- A path made from the archive's data (a theme named in site.toml, a catalog
  path made from a slug, a photo's name) is resolved and checked (`require`).
- Slugs, the words of every address, are checked where they are read
  (`slug_problem`): lower-case ASCII words joined by `-`.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from site_builder.core.errors import Diagnostic, Severity, SiteBuilderError, SourceSpan
from site_builder.core.files import files_under

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # an issue's day, as its folders and addresses write it
LINK_HINT = "copy the file or folder into the archive instead of linking to it"


class Boundary:
    """The folders inside the boundary, resolved (links in their own paths followed once, here)."""

    def __init__(self, roots: Iterable[Path]) -> None:
        self.roots = tuple(dict.fromkeys(Path(root).resolve() for root in roots))

    def admits(self, path: Path) -> bool:
        resolved = Path(path).resolve()
        return any(resolved == root or root in resolved.parents for root in self.roots)

    def require(self, path: Path, what: str, span: SourceSpan | None = None) -> Path:
        """`path`, resolved, when it lies inside the boundary; an error naming it otherwise."""
        if not self.admits(path):
            raise SiteBuilderError(f"{what} lies outside the archive: {path}", span or SourceSpan(str(path)),
                                   hint=LINK_HINT)
        return Path(path).resolve()

    def with_root(self, root: Path) -> Boundary:
        return Boundary([*self.roots, root])


def listed_files(folder: Path, boundary: Boundary) -> list[Path]:
    """The files below `folder` (links inside the boundary to files included), in order.

    Raises one error listing every link that leads outside the boundary; a link to a
    folder is not followed (the folder it names is inside the boundary, and listed
    where it is).
    """
    if not folder.is_dir():
        return []
    links: list[str] = []
    names = files_under(folder, links=links)
    outside = [folder / name for name in links if not boundary.admits(folder / name)]
    if outside:
        problems = [Diagnostic("link-outside", f"a symbolic link leads outside the archive, to {link.resolve()}",
                               SourceSpan(str(link)), Severity.ERROR, LINK_HINT) for link in sorted(outside)]
        raise SiteBuilderError(f"{len(outside)} symbolic link(s) lead outside the archive", SourceSpan(str(folder)),
                               hint=LINK_HINT, problems=problems)
    found = (folder / name for name in names if "__pycache__/" not in name)
    return sorted(path for path in found if path.is_file())


def slug_problem(slug: object) -> str:
    """Why `slug` cannot be part of an address; '' when it can."""
    if not isinstance(slug, str) or not slug:
        return "a slug must be a non-empty string"
    if not SLUG.fullmatch(slug):
        return f"slug {slug!r} must be lower-case ASCII letters and digits, words joined by '-'"
    return ""
