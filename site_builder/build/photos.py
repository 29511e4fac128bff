"""Photos from an issue's images/ folder: resized variants for srcset, with their sizes.

Pillow's decompression-bomb guard stays on; a photo that cannot be read is
reported and shown as a captioned placeholder instead.
"""
from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from site_builder.archive.library import Library
from site_builder.core.errors import Diagnostic, Severity, SourceSpan
from site_builder.site.images import Picture, Variant
from site_builder.site.urls import media_folder

WIDTHS = (480, 960, 1600)
Image.MAX_IMAGE_PIXELS = 40_000_000


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


def prepare_images(library: Library, warnings: list[Diagnostic]) -> tuple[dict, dict[str, bytes]]:
    pictures: dict[tuple[str, int, int], Picture] = {}
    files: dict[str, bytes] = {}
    done: dict[Path, Picture] = {}
    for article in library.articles:
        figures = [b for b in article.article.blocks if b.type == "figure"]
        for number, block in enumerate(figures, start=1):
            name = article.figures[number - 1] if number <= len(article.figures) else block.image
            if not name:
                continue
            source = resolve(article.issue.folder, name)
            if source is None:
                if number <= len(article.figures):
                    warnings.append(Diagnostic("image-missing", f"image {name!r} is not in the issue's images folder",
                                               SourceSpan(str(article.issue.folder / "issue.toml")), Severity.WARNING,
                                               "add the file to images/ or remove it from figures"))
                continue
            if source not in done:
                try:
                    picture, data = make_variants(source, media_folder(article.issue.day))
                except ImageError as error:
                    warnings.append(Diagnostic("image-unreadable", f"image cannot be used: {error}",
                                               SourceSpan(str(source)), Severity.WARNING,
                                               "replace it with a JPEG or PNG photo"))
                    continue
                done[source] = picture
                files.update(data)
            pictures[(article.issue.day, article.number, number)] = done[source]
    return pictures, files
