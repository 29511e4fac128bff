"""Photos from an issue's images/ folder: resized variants for srcset, with their sizes.

Pillow's decompression-bomb guard stays on; a photo that cannot be read is
reported and shown as a captioned placeholder instead.
"""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

WIDTHS = (480, 960, 1600)
Image.MAX_IMAGE_PIXELS = 40_000_000


@dataclass(frozen=True)
class Variant:
    path: str  # output path, e.g. media/2024-07-11/photo-480.jpg
    width: int
    height: int


@dataclass(frozen=True)
class Picture:
    variants: tuple[Variant, ...]  # smallest first

    @property
    def largest(self) -> Variant:
        return self.variants[-1]


class ImageError(Exception):
    pass


def resolve(folder: Path, name: str) -> Path | None:
    """The file `name` inside folder/images, never outside it."""
    images = (folder / "images").resolve()
    candidate = (images / name).resolve()
    if images not in candidate.parents or not candidate.is_file():
        return None
    return candidate


def make_variants(source: Path, out_dir: str) -> tuple[Picture, dict[str, bytes]]:
    """Resized JPEG variants of a photo, deterministic bytes."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns between 1x and 2x its pixel limit; treat that as the bomb it may be.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as image:
                image.load()
                rgb = image.convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, Image.DecompressionBombWarning,
            ValueError, SyntaxError) as exc:
        raise ImageError(str(exc) or type(exc).__name__) from None
    width, height = rgb.size
    files: dict[str, bytes] = {}
    variants: list[Variant] = []
    stem = source.stem
    for target in WIDTHS:
        w = min(target, width)
        if variants and w <= variants[-1].width:
            break
        h = max(1, round(height * w / width))
        resized = rgb if w == width else rgb.resize((w, h), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        resized.save(buffer, "JPEG", quality=82, optimize=True)
        path = f"{out_dir}/{stem}-{w}.jpg"
        files[path] = buffer.getvalue()
        variants.append(Variant(path, w, h))
        if w == width:
            break
    return Picture(tuple(variants)), files
