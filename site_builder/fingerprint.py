"""A fingerprint of everything a build reads, for the no-op rebuild.

Hashes the bytes (not the times) of every file under the content folder and
the theme folders, the builder's own code and the options, so a rebuild with
nothing changed can stop at once and a changed byte anywhere rebuilds.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from . import __version__

PACKAGE = Path(__file__).resolve().parent


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def input_fingerprint(content: Path, themes: list[Path], options: str) -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"site_builder {__version__}\0{options}\0".encode())
    for root in [content, *themes, PACKAGE]:
        for path in _files(root):
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            digest.update(hashlib.blake2b(path.read_bytes(), digest_size=20).digest())
    return digest.hexdigest()
