"""Parsed issues (and what else is derived from a source alone) kept between builds, content-addressed.

An entry's name is a digest of the parser's own code, the source's path, its
bytes and a `variant` (e.g. the vocabulary an issue's tags were found with),
so an entry can never be stale: a changed source, parser or vocabulary simply
misses.  Entries a build did not use are removed at the end of
it, so the cache holds one archive's worth of issues.  A damaged or
unreadable entry is a miss, never an error.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from importlib import metadata
from pathlib import Path

from . import __version__

PACKAGE = Path(__file__).resolve().parent
# The code the kept values depend on: the parser and the types it returns, and the
# rules for tags, places and author names (vocabulary.py, authors.py); the permalink record's
# entries (permalinks.py).
PARSER_CODE = [PACKAGE / "ingest", PACKAGE / "model.py", PACKAGE / "errors.py", PACKAGE / "vocabulary.py",
               PACKAGE / "authors.py", PACKAGE / "permalinks.py"]


def _installed(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


def parser_version() -> str:
    # Versions from the installed metadata: importing pypinyin loads its phrase
    # dictionary (a third of a second), which a build whose parses are all kept never needs.
    versions = f"{__version__} pypinyin {_installed('pypinyin')} slugify {_installed('python-slugify')}"
    digest = hashlib.blake2b(versions.encode(), digest_size=16)
    for root in PARSER_CODE:
        files = sorted(root.rglob("*.py")) if root.is_dir() else [root]
        for path in files:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class ParseCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.version = parser_version()
        self.used: set[str] = set()
        self.hits = 0
        # What this process put: load_library takes it from here rather than reading the file back.
        self.memory: dict[str, object] = {}

    def _name(self, data: bytes, path: str, variant: str) -> str:
        digest = hashlib.blake2b(digest_size=20)
        digest.update(self.version.encode() + b"\0" + path.encode() + b"\0" + variant.encode() + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def get(self, data: bytes, path: str, variant: str = "") -> object | None:
        """The value kept for this source and variant; None when there is none (the caller checks its type)."""
        name = self._name(data, path, variant)
        self.used.add(name)
        if name in self.memory:
            self.hits += 1
            return self.memory[name]
        try:
            with open(self.folder / name, "rb") as handle:
                value = pickle.load(handle)
        except Exception:  # missing, damaged, or from an incompatible Python: compute again
            return None
        self.hits += 1
        return value

    def has(self, data: bytes, path: str, variant: str = "") -> bool:
        name = self._name(data, path, variant)
        return name in self.memory or (self.folder / name).is_file()

    def put(self, data: bytes, path: str, value: object, variant: str = "") -> None:
        name = self._name(data, path, variant)
        self.used.add(name)  # kept by prune(): the next build asks for it
        self.memory[name] = value
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f".{name}.{os.getpid()}"
            temporary.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(temporary, self.folder / name)
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower

    def prune(self) -> None:
        """Remove the entries this build did not ask for."""
        if not self.folder.is_dir():
            return
        for entry in self.folder.iterdir():
            if entry.name not in self.used:
                try:
                    entry.unlink()
                except OSError:
                    pass
