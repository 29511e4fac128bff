"""Photos as the pages show them: the resized variants the build made (build/photos.py)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Variant:
    path: str  # output path of the JPEG, e.g. media/2024-07-11/photo-480.jpg
    width: int
    height: int
    webp: str = ""  # the same size as WebP, e.g. media/2024-07-11/photo-480.webp; "" when there is none


@dataclass(frozen=True)
class Picture:
    variants: tuple[Variant, ...]  # smallest first

    @property
    def largest(self) -> Variant:
        return self.variants[-1]

    @property
    def has_webp(self) -> bool:
        return all(v.webp for v in self.variants)
