"""Where values derived from a source are kept between builds: the archive asks, the build keeps.

The build's parse cache (build/cache.py) is one; the archive layer knows only this shape, so
reading an archive needs no cache and knows nothing of how one works.
"""
from __future__ import annotations

from typing import Protocol


class Keep(Protocol):
    """Values kept by the bytes of the source they were derived from, the source's path and a variant."""

    def get(self, data: bytes, path: str, variant: str = "") -> object | None: ...

    def put(self, data: bytes, path: str, value: object, variant: str = "") -> None: ...

    def has(self, data: bytes, path: str, variant: str = "") -> bool: ...
