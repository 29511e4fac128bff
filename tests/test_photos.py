"""Photos (build/photos.py): upright, in sRGB, in JPEG and WebP, encoded once for the same bytes."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from site_builder.build import photos
from site_builder.build.pipeline import BuildReport, build

from .siteutil import FIXTURE_SITE, copy_content, tree

PHOTO = "issues/2024-03-08/images/photo.jpg"  # the figure of the fixture's 2024-03-08 article
ORIENTATION = 0x0112


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return copy_content(FIXTURE_SITE, tmp_path / "content")


def run(content: Path, output: Path, **options) -> BuildReport:
    """A build in this process (where Image.Image.save is counted), without the search index."""
    return build(content, output, jobs=1, search=False, **options)


def page(output: Path) -> str:
    return next((output / "2024/03/08").glob("*/index.html")).read_text(encoding="utf-8")


def published(output: Path, page_html: str, kind: str = "jpg") -> Image.Image:
    """The largest variant of the page's photo, as published."""
    urls = re.findall(rf'/archive/(media/[^" ]+\.{kind}) \d+w', page_html)
    assert urls, page_html
    return Image.open(output / urls[-1])


def swapped_srgb() -> bytes:
    """An RGB profile that is not sRGB: the built-in sRGB with its red and blue primaries
    exchanged, so that a pixel stored as red is blue (a colour no conversion can miss)."""
    data = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return data.replace(b"rXYZ", b"\0tmp").replace(b"bXYZ", b"rXYZ").replace(b"\0tmp", b"bXYZ")


class Saves:
    """Counts Pillow's encodes (Image.Image.save) while a build runs."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.formats: list[str] = []
        original = Image.Image.save

        def counted(image, fp, format=None, **params):
            self.formats.append(format)
            return original(image, fp, format, **params)

        monkeypatch.setattr(Image.Image, "save", counted)


def test_a_phone_photo_on_its_side_is_published_upright(content, tmp_path):
    # Stored as a phone stores a portrait photo: landscape, with orientation 6 (turn 90° clockwise
    # to show). Its stored top row, red, is the right edge of the photo as shown.
    stored = Image.new("RGB", (1000, 600), (30, 60, 200))
    stored.paste((220, 20, 20), (0, 0, 1000, 100))
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    stored.save(content / PHOTO, "JPEG", quality=95, exif=exif.tobytes())
    run(content, tmp_path / "public")
    html = page(tmp_path / "public")
    assert 'width="600" height="1000"' in html
    for kind in ("jpg", "webp"):
        shown = published(tmp_path / "public", html, kind).convert("RGB")
        assert shown.size == (600, 1000)
        red, green, blue = shown.getpixel((590, 500))  # the right edge: the stored top
        assert red > 180 and blue < 60, (kind, shown.getpixel((590, 500)))
        red, green, blue = shown.getpixel((10, 500))
        assert blue > 160 and red < 60, (kind, shown.getpixel((10, 500)))
        assert ORIENTATION not in shown.getexif()  # turned once, never again by a viewer


def test_a_photo_whose_exif_pillow_cannot_write_back_is_still_turned(content, tmp_path):
    # A DotRange tag (a number) holding text: Pillow reads it, but fails writing it back.
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "Canon"  # Make
    damaged = exif.tobytes().replace(b"\x01\x0f\x00\x02", b"\x01\x50\x00\x02")
    Image.new("RGB", (300, 200), "gray").save(content / PHOTO, "JPEG", exif=damaged)
    report = run(content, tmp_path / "public")
    assert not [w for w in report.warnings if w.code.startswith("image")]
    assert 'width="200" height="300"' in page(tmp_path / "public")


def test_colours_are_converted_from_the_embedded_profile_to_srgb(content, tmp_path):
    Image.new("RGB", (800, 600), (200, 40, 40)).save(content / PHOTO, "JPEG", quality=95, icc_profile=swapped_srgb())
    run(content, tmp_path / "public")
    html = page(tmp_path / "public")
    for kind in ("jpg", "webp"):
        shown = published(tmp_path / "public", html, kind)
        red, green, blue = shown.convert("RGB").getpixel((400, 300))
        assert abs(red - 40) < 12 and abs(green - 40) < 12 and abs(blue - 200) < 12, (kind, (red, green, blue))
        assert not shown.info.get("icc_profile")  # published in sRGB, which needs no profile


def test_a_profile_that_cannot_be_applied_is_named_and_the_photo_published_as_stored(content, tmp_path):
    Image.new("RGB", (800, 600), (200, 40, 40)).save(content / PHOTO, "JPEG", quality=95, icc_profile=b"not a profile")
    report = run(content, tmp_path / "public")
    [warning] = [w for w in report.warnings if w.code.startswith("image")]
    assert warning.code == "image-profile" and "photo.jpg" in warning.message and warning.span.path.endswith("photo.jpg")
    red, green, blue = published(tmp_path / "public", page(tmp_path / "public")).convert("RGB").getpixel((400, 300))
    assert red > 180 and blue < 60
    # Kept with the variants: the next build, which encodes nothing, names it again.
    again = run(content, tmp_path / "public", force=True)
    assert [w.code for w in again.warnings if w.code.startswith("image")] == ["image-profile"]


def test_every_width_is_published_in_webp_beside_jpeg_in_a_picture(content, tmp_path):
    run(content, tmp_path / "public")
    html = page(tmp_path / "public")
    figure = re.search(r"<picture>\s*<source ([^>]*)>\s*<img ([^>]*)>\s*</picture>", html)
    assert figure, html
    source, img = figure.groups()
    assert source.startswith('type="image/webp" srcset="') and 'sizes="(max-width: 44rem) 100vw, 44rem"' in source
    webp = re.findall(r"/archive/(media/\S+\.webp) (\d+)w", source)
    jpeg = re.findall(r"/archive/(media/\S+\.jpg) (\d+)w", img)
    assert [w for _, w in webp] == [w for _, w in jpeg] == ["480", "960", "1200"]
    for (webp_path, width), (jpeg_path, _) in zip(webp, jpeg):
        with Image.open(tmp_path / "public" / webp_path) as shown, Image.open(tmp_path / "public" / jpeg_path) as jpg:
            assert shown.format == "WEBP" and shown.size == jpg.size and shown.width == int(width)
    # The <img> keeps what it had: the JPEG fallback, its size, lazy loading, the text and the search's meta.
    assert re.search(r'src="/archive/media/2024-03-08/photo-1200\.jpg" srcset="[^"]+" sizes="\(max-width: 44rem\) '
                     r'100vw, 44rem" width="1200" height="800" loading="lazy" decoding="async" '
                     r'data-pagefind-meta="image\[src\], image_alt\[alt\]" alt="民警在路口执勤', img)


def test_a_photo_too_tall_for_webp_is_published_as_jpeg_alone(content, tmp_path):
    Image.new("RGB", (300, 20_000), "gray").save(content / "issues/2024-03-08/images/photo.png")
    source = content / "issues/2024-03-08/source.md"
    source.write_text(source.read_text(encoding="utf-8").replace("photo.jpg", "photo.png"), encoding="utf-8")
    report = run(content, tmp_path / "public")
    assert not [w for w in report.warnings if w.code.startswith("image")]
    html = page(tmp_path / "public")
    assert re.search(r'<picture>\s*<img src="/archive/media/2024-03-08/photo-300\.jpg"[^>]* width="300" height="20000"', html)
    assert "image/webp" not in html and not list((tmp_path / "public/media").rglob("*.webp"))


def test_a_photo_taller_than_jpeg_allows_becomes_a_placeholder_with_a_warning(content, tmp_path):
    Image.new("1", (1, 70_000)).save(content / "issues/2024-03-08/images/photo.png")  # taller than JPEG allows
    source = content / "issues/2024-03-08/source.md"
    source.write_text(source.read_text(encoding="utf-8").replace("photo.jpg", "photo.png"), encoding="utf-8")
    report = run(content, tmp_path / "public")
    assert [w.code for w in report.warnings if w.code.startswith("image")] == ["image-unreadable"]
    assert '<figure class="photo-missing">' in page(tmp_path / "public")


def test_a_second_build_encodes_nothing_and_publishes_the_same_bytes(content, tmp_path, monkeypatch):
    # The same photo also in another issue, under another name: encoded once.
    other = content / "issues/2024-03-01"
    (other / "images").mkdir()
    (other / "images/copy.jpg").write_bytes((content / PHOTO).read_bytes())
    issue = other / "issue.toml"
    issue.write_text(issue.read_text(encoding="utf-8").replace("number = 2\n", 'number = 2\nfigures = ["copy.jpg"]\n'),
                     encoding="utf-8")
    saves = Saves(monkeypatch)
    run(content, tmp_path / "public")
    assert sorted(saves.formats) == ["JPEG"] * 3 + ["WEBP"] * 3
    first = tree(tmp_path / "public")
    assert len([name for name in first if name.startswith("media/")]) == 12  # both issues' variants
    saves.formats.clear()
    run(content, tmp_path / "public", force=True)  # every page again, every photo read again
    assert saves.formats == []
    assert tree(tmp_path / "public") == first
    # A build without the kept variants makes the very same bytes.
    run(content, tmp_path / "fresh")
    assert tree(tmp_path / "fresh") == first


@pytest.mark.parametrize("change", ["widths", "jpeg", "webp", "pillow"])
def test_a_change_of_widths_settings_or_pillow_encodes_again(content, tmp_path, monkeypatch, change):
    run(content, tmp_path / "public")
    saves = Saves(monkeypatch)
    run(content, tmp_path / "public", force=True)
    assert saves.formats == []  # nothing changed: every variant kept
    if change == "widths":
        monkeypatch.setattr(photos, "WIDTHS", (320, 960, 1600))
    elif change == "jpeg":
        monkeypatch.setattr(photos, "JPEG", {**photos.JPEG, "quality": 70})
    elif change == "webp":
        monkeypatch.setattr(photos, "WEBP", {**photos.WEBP, "quality": 60})
    else:
        monkeypatch.setattr(photos.PIL, "__version__", "0.0.1")
    run(content, tmp_path / "public", force=True)
    assert sorted(saves.formats) == ["JPEG"] * 3 + ["WEBP"] * 3


def test_changed_photo_bytes_encode_again(content, tmp_path, monkeypatch):
    run(content, tmp_path / "public")
    with Image.open(content / PHOTO) as image:
        buffer = io.BytesIO()
        image.rotate(180).save(buffer, "JPEG", quality=90)
    (content / PHOTO).write_bytes(buffer.getvalue())
    saves = Saves(monkeypatch)
    run(content, tmp_path / "public")
    assert sorted(saves.formats) == ["JPEG"] * 3 + ["WEBP"] * 3
    # The variants of the old bytes are no longer kept.
    assert len(list((tmp_path / ".public.cache/photos").iterdir())) == 1
