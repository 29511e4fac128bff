"""A fingerprint of everything a build reads, for the no-op rebuild.

Hashes the bytes (not the times) of every file under the content folder and
the theme folders, the builder's own code and the options, so a rebuild with
nothing changed can stop at once and a changed byte anywhere rebuilds.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from site_builder import __version__
from site_builder.archive.pages import FOLDER as PAGES_FOLDER
from site_builder.build.templates import TemplateKeys, page_independent
from site_builder.core.boundary import Boundary, listed_files

PACKAGE = Path(__file__).resolve().parent.parent  # site_builder/: the builder's own code


def _file_digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=20).digest()


def _combine(roots: list[tuple[Path, list[Path]]], digests: dict[Path, bytes], options: str) -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"site_builder {__version__}\0{options}\0".encode())
    for root, files in roots:
        for path in files:
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            digest.update(digests[path])
    return digest.hexdigest()


# What the build reads as text: sources, configuration, catalogs.
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".toml", ".po"})

# The site-wide files of the content folder: a change in one of them may change any page.
SITE_FILES = ("site.toml", "tags.toml", "places.toml", "authors.toml")


class Inputs:
    """Every file a build reads (content, themes, the builder's code), each file read and
    hashed once, at the start of the build.

    The fingerprints are of the files as the build found them: a file edited while
    the build runs makes the next build differ, and so build again.
    """

    def __init__(self, content: Path, boundary: Boundary) -> None:
        self.content = content
        self.boundary = boundary
        # The content folder's text files as read now: the build reads them from here
        # (core/files.py), the configuration first.  Photos are hashed, not kept: their
        # bytes are read where used.  A file that cannot be read is kept as its error,
        # which its reader reports (an unreadable source, like a broken one, at its issue).
        content_files = listed_files(content, boundary)
        self.contents: dict[Path, bytes | OSError] = {}
        self.digests: dict[Path, bytes] = {}
        for path in content_files:
            try:
                data = path.read_bytes()
            except OSError as error:
                self.contents[path] = error
                self.digests[path] = _file_digest(f"unreadable: {error.strerror}".encode())
                continue
            if path.suffix in TEXT_SUFFIXES:
                self.contents[path] = data
            self.digests[path] = _file_digest(data)
        self.roots = [(content, content_files)]

    def add_code(self, themes: list[Path]) -> None:
        """The themes the configuration names, and the builder's own code."""
        for root in [*themes, PACKAGE]:
            found = listed_files(root, self.boundary if root != PACKAGE else Boundary([PACKAGE]))
            self.roots.append((root, found))
            self.digests.update((path, _file_digest(path.read_bytes())) for path in found)

    def fingerprint(self, options: str) -> str:
        """Of everything: equal fingerprints mean nothing changed (the no-op rebuild)."""
        return _combine(self.roots, self.digests, options)

    def site_key(self, options: str) -> str:
        """Everything every page depends on: the code, the themes' catalogs, the site-wide configuration files.

        Issues, translations and content/permalinks.toml are not in it: a page's
        render key names the articles it shows (see build/keys.py).
        """
        site = [self.content / name for name in SITE_FILES if self.content / name in self.digests]
        # The ordinary pages: every page's footer links them by their titles.
        pages = self.content / PAGES_FOLDER
        site += sorted(path for path in self.digests if pages in path.parents)
        # A theme's templates are in each page's own key (build/templates.py), its static files in none.
        code = [(root, files if root == PACKAGE else [f for f in files if not page_independent(root, f)])
                for root, files in self.roots[1:]]
        return _combine([(self.content, site), *code], self.digests, options)

    def templates(self) -> TemplateKeys:
        """The template digests of each page kind (build/templates.py)."""
        return TemplateKeys([root for root, _ in self.roots[1:] if root != PACKAGE], self.digests)

    def rewritten(self, path: Path) -> None:
        """The build itself wrote this input (the permalink record): its new bytes are what the next build reads."""
        root, files = self.roots[0]
        if path not in self.digests:
            files.append(path)
            files.sort()
        data = path.read_bytes()
        self.contents[path] = data
        self.digests[path] = _file_digest(data)
