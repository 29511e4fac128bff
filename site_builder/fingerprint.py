"""A fingerprint of everything a build reads, for the no-op rebuild.

Hashes the bytes (not the times) of every file under the content folder and
the theme folders, the builder's own code and the options, so a rebuild with
nothing changed can stop at once and a changed byte anywhere rebuilds.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from . import __version__
from .walk import files_under

PACKAGE = Path(__file__).resolve().parent


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    found = (folder / name for name in files_under(folder) if "__pycache__/" not in name)
    return sorted(path for path in found if path.is_file())


def _digest(roots: list[tuple[Path, list[Path]]], options: str) -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"site_builder {__version__}\0{options}\0".encode())
    for root, files in roots:
        for path in files:
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            digest.update(hashlib.blake2b(path.read_bytes(), digest_size=20).digest())
    return digest.hexdigest()


def input_fingerprint(content: Path, themes: list[Path], options: str) -> str:
    return _digest([(root, _files(root)) for root in [content, *themes, PACKAGE]], options)


# The site-wide files of the content folder: a change in one of them may change any page.
SITE_FILES = ("site.toml", "tags.toml", "places.toml", "authors.toml")


def site_fingerprint(content: Path, themes: list[Path], options: str) -> str:
    """Everything every page depends on: the code, the themes, the site-wide configuration files.

    Issues, translations and content/permalinks.toml are not in it: a page's
    render key names the articles it shows (see render.pages.RenderKeys).
    """
    site = [content / name for name in SITE_FILES if (content / name).is_file()]
    return _digest([(content, site)] + [(root, _files(root)) for root in [*themes, PACKAGE]], options)
