"""Photos from an issue's images/ folder: upright, in sRGB, resized variants for srcset in JPEG and WebP.

Pillow does all of it: it turns the photo as its EXIF orientation says, converts its
colours from its embedded profile to sRGB, resizes and encodes.  Pillow's
decompression-bomb guard stays on; a photo that cannot be read is reported and
shown as a captioned placeholder instead.

Encoding is most of a build's time for photos, so the encoded variants are kept
between builds (build/cache.py) by the photo's bytes: a photo is encoded again only
when its bytes, the widths, the encoders' settings, Pillow or its codecs, or this
module change.
"""
from __future__ import annotations

import hashlib
import io
import warnings
from pathlib import Path

import PIL
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError, features

from site_builder.archive.keep import Keep
from site_builder.archive.library import Library
from site_builder.core.errors import Diagnostic, Severity, SourceSpan
from site_builder.site.images import Picture, Variant
from site_builder.site.urls import media_folder

WIDTHS = (480, 960, 1600)
JPEG = {"quality": 82, "optimize": True}
# method 6 (libwebp's slowest) saves a few per cent over its default; variants are encoded
# once and kept, and served many times.
WEBP = {"quality": 80, "method": 6}
WEBP_LARGEST_SIDE = 16_383  # the WebP format's limit: a taller photo is published as JPEG alone
JPEG_LARGEST_SIDE = 65_500  # libjpeg's: a taller photo cannot be published
Image.MAX_IMAGE_PIXELS = 40_000_000

# Colours are converted to sRGB and published without a profile, rather than the photo's
# profile kept: an untagged image is read as sRGB by every browser, colour-managed or not,
# where an Adobe RGB photo whose profile is ignored (by a browser, a feed reader, an image
# viewer, a resizing proxy) shows washed-out colours; and no profile is carried in every
# variant (half a kilobyte to several each).  What is lost is only the colours beyond sRGB
# on wide-gamut screens.
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
# Pixels with transparency or a palette are flattened first, as before (alpha dropped); a
# profile applies to the colours that remain.
FLATTENED = {"RGBA": "RGB", "RGBa": "RGB", "RGBX": "RGB", "P": "RGB", "PA": "RGB", "LA": "L", "La": "L", "1": "L"}

# What a photo's variants are kept under in the cache, instead of its path: the same
# photo under two names, or in two issues, is encoded once.
KEPT_AS = "photo variants"

# A photo's encoded sizes (width, height, JPEG, WebP or None) and the notes on it (code, text).
Encoded = tuple[tuple[tuple[int, int, bytes, bytes | None], ...], tuple[tuple[str, str], ...]]


class ImageError(Exception):
    pass


def code_version() -> str:
    """A digest of this module: the cache version of the photos' variants (how they are made)."""
    return hashlib.blake2b(Path(__file__).read_bytes(), digest_size=16).hexdigest()


def encoder_settings() -> str:
    """Everything besides a photo's bytes and this code that its variants' bytes depend on."""
    codecs = " ".join(f"{name} {features.version(name)}" for name in ("jpg", "libjpeg_turbo", "webp", "littlecms2"))
    return f"widths={WIDTHS} jpeg={sorted(JPEG.items())} webp={sorted(WEBP.items())} Pillow {PIL.__version__} {codecs}"


def resolve(folder: Path, name: str) -> Path | None:
    """The file `name` inside folder/images, never outside it."""
    images = (folder / "images").resolve()
    candidate = (images / name).resolve()
    if images not in candidate.parents or not candidate.is_file():
        return None
    return candidate


def upright(image: Image.Image) -> Image.Image:
    """The photo turned as its EXIF orientation says (a phone's portrait photo is stored on its side)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # Pillow's complaints about damaged EXIF data
            image.getexif()  # read now, and kept by the image with its orientation
            # exif_transpose writes the EXIF back into the turned image, less the orientation, and
            # fails on a tag Pillow can read but not write (text in a numeric tag): the variants
            # carry no metadata, so the EXIF read above is all it needs.
            for key in ("exif", "Raw profile type exif"):
                image.info.pop(key, None)
            return ImageOps.exif_transpose(image)
    except Exception:  # EXIF damaged past reading (struct.error, ValueError and more): the pixels as stored
        return image


def in_srgb(image: Image.Image) -> tuple[Image.Image, tuple[tuple[str, str], ...]]:
    """RGB pixels in sRGB, converted from the photo's embedded profile (see SRGB), with a note when it could not be."""
    icc = image.info.get("icc_profile")
    if image.mode in FLATTENED:
        image = image.convert(FLATTENED[image.mode])
    if not icc:
        return image.convert("RGB"), ()  # no profile: sRGB, as the browsers read it
    try:
        converted = ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(io.BytesIO(icc)), SRGB, outputMode="RGB")
    except (ImageCms.PyCMSError, OSError) as error:
        note = ("image-profile", f"its colour profile cannot be applied ({error}): its colours are published as stored")
        return image.convert("RGB"), (note,)
    converted.info.pop("icc_profile", None)  # sRGB needs none
    return converted, ()


def _saved(image: Image.Image, kind: str, settings: dict) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **settings)
    return buffer.getvalue()


def encode(data: bytes) -> Encoded:
    """The photo's variants, encoded: deterministic bytes for the same photo, code and settings."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns between 1x and 2x its pixel limit; treat that as the bomb it may be.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                rgb, notes = in_srgb(upright(image))
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, Image.DecompressionBombWarning,
            ValueError, SyntaxError) as exc:
        raise ImageError(str(exc) or type(exc).__name__) from None
    width, height = rgb.size
    sizes: list[tuple[int, int]] = []
    for target in WIDTHS:
        w = min(target, width)
        if sizes and w <= sizes[-1][0]:
            break
        sizes.append((w, max(1, round(height * w / width))))
        if w == width:
            break
    if sizes[-1][1] > JPEG_LARGEST_SIDE:
        raise ImageError(f"{sizes[-1][1]:,} pixels high at {sizes[-1][0]} wide, more than JPEG allows ({JPEG_LARGEST_SIDE:,})")
    webp = sizes[-1][1] <= WEBP_LARGEST_SIDE  # all sizes or none: a browser choosing WebP has every width
    encoded = []
    try:
        for w, h in sizes:
            resized = rgb if w == width else rgb.resize((w, h), Image.Resampling.LANCZOS)
            encoded.append((w, h, _saved(resized, "JPEG", JPEG), _saved(resized, "WEBP", WEBP) if webp else None))
    except (OSError, ValueError) as exc:  # whatever else an encoder refuses
        raise ImageError(f"it cannot be encoded: {exc}") from None
    return tuple(encoded), notes


def _is_encoded(value: object) -> bool:
    """A kept value of the shape encode() returns (anything else is a miss, never an error)."""
    return (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], tuple) and bool(value[0])
            and all(isinstance(size, tuple) and len(size) == 4 and isinstance(size[2], bytes) for size in value[0])
            and isinstance(value[1], tuple))


def make_variants(source: Path, out_dir: str, cache: Keep | None = None
                  ) -> tuple[Picture, dict[str, bytes], tuple[tuple[str, str], ...]]:
    """Resized JPEG and WebP variants of a photo, their files and the notes on it; from the cache when it has them."""
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise ImageError(exc.strerror or type(exc).__name__) from None
    settings = encoder_settings()
    kept = cache.get(data, KEPT_AS, settings) if cache is not None else None
    if not _is_encoded(kept):
        kept = encode(data)
        if cache is not None:
            cache.put(data, KEPT_AS, kept, settings)
    sizes, notes = kept
    files: dict[str, bytes] = {}
    variants: list[Variant] = []
    for w, h, jpeg, webp in sizes:
        path = f"{out_dir}/{source.stem}-{w}.jpg"
        files[path] = jpeg
        webp_path = ""
        if webp is not None:
            webp_path = f"{out_dir}/{source.stem}-{w}.webp"
            files[webp_path] = webp
        variants.append(Variant(path, w, h, webp_path))
    return Picture(tuple(variants)), files, notes


def prepare_images(library: Library, warnings: list[Diagnostic],
                   cache: Keep | None = None) -> tuple[dict, dict[str, bytes]]:
    """Every figure's picture and the variants' files. cache: where encoded variants are kept
    between builds (a ParseCache made with code_version(); the build's is beside the output)."""
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
                    picture, data, notes = make_variants(source, media_folder(article.issue.day), cache)
                except ImageError as error:
                    warnings.append(Diagnostic("image-unreadable", f"image cannot be used: {error}",
                                               SourceSpan(str(source)), Severity.WARNING,
                                               "replace it with a JPEG or PNG photo"))
                    continue
                for code, text in notes:
                    warnings.append(Diagnostic(code, f"image {source.name!r}: {text}", SourceSpan(str(source)),
                                               Severity.WARNING, "export the photo again in sRGB"))
                done[source] = picture
                files.update(data)
            pictures[(article.issue.day, article.number, number)] = done[source]
    return pictures, files
