"""Reading the archive's files, each once per build.

The build reads every input once at its start, to fingerprint it (build/fingerprint.py),
and keeps the bytes it read while it runs (`once()`): every later reader of the
same file - the issue folders, the permalink record, the catalogs - gets those
bytes instead of opening the file again, and so sees the very version the
fingerprint describes.  Outside a build, reading goes to the disk.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_kept: dict[Path, bytes] | None = None


def read_bytes(path: Path) -> bytes:
    if _kept is not None:
        found = _kept.get(path)
        if found is not None:
            return found
    return path.read_bytes()


def read_text(path: Path) -> str:
    """UTF-8 text (raises UnicodeDecodeError as Path.read_text does)."""
    return read_bytes(path).decode("utf-8")


@contextmanager
def once(contents: dict[Path, bytes]) -> Iterator[None]:
    """Serve reads of these files from these bytes while the block runs."""
    global _kept
    previous, _kept = _kept, contents
    try:
        yield
    finally:
        _kept = previous
