"""Parsed issues (and what else is derived from a source alone) kept between builds, content-addressed.

An entry's name is a digest of the parser's own code, the source's path, its
bytes and a `variant` (e.g. the vocabulary an issue's tags were found with),
so an entry can never be stale: a changed source, parser or vocabulary simply
misses.  Entries a build did not use are removed at the end of
it, so the cache holds one archive's worth of issues.  A damaged or
unreadable entry is a miss, never an error.  The photos' encoded variants are
kept the same way in a cache of their own, whose version is the code that makes
them rather than the parser's (build/photos.py).
"""
from __future__ import annotations

import hashlib
import os
import pickle
from importlib import metadata
from pathlib import Path

from site_builder import __version__
from site_builder.build import pickling  # noqa: F401  (the model's reducers, registered on import)

PACKAGE = Path(__file__).resolve().parent.parent  # site_builder/
# The libraries whose behaviour a kept parse depends on: the parser's (Markdown, Chinese words),
# the bylines' pinyin, the slugs' transliteration, the tags' and places' matcher.
PARSE_LIBRARIES = ("markdown-it-py", "rjieba", "pypinyin", "python-slugify", "text-unidecode", "pyahocorasick")


def _installed(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


def parser_version() -> str:
    """A digest of everything a kept value depends on besides its source: every file of the
    package's code (a hand-kept list of the parser's modules went stale once) and the versions
    of the libraries above. Versions come from the installed metadata: importing pypinyin loads
    its phrase dictionary (a third of a second), which a build whose parses are all kept never needs."""
    versions = " ".join(f"{name} {_installed(name)}" for name in PARSE_LIBRARIES)
    digest = hashlib.blake2b(f"{__version__} {versions}".encode(), digest_size=16)
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class ParseCache:
    def __init__(self, folder: Path, version: str | None = None) -> None:
        """version: what every entry depends on besides its source; the parser's code and
        libraries unless given (the photos' variants name their own, build/photos.py)."""
        self.folder = folder
        self.version = parser_version() if version is None else version
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
