"""The metadata scanner, bare copies of originals, and the cache that keeps them."""

from __future__ import annotations

import io
import os
import warnings
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from socialplan.guards.image_metadata import FRAMES, TRAILER, TRUNCATED, metadata_segments
from socialplan.images.copies import FOLDER, BareCopies
from socialplan.images.encoding import write_bare
from socialplan.images.originals import bare_copy
from socialplan.images.sources import ImageRefused

from .leaky_images import (
    FORBIDDEN,
    ICC,
    SVG,
    leaky_gif,
    leaky_jpeg,
    leaky_png,
    leaky_webp,
    sideways,
    truncated_jpeg,
)


def saved(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def opened(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


# -- the scanner -----------------------------------------------------------------------


def test_the_scanner_names_every_kind_of_metadata_in_each_format() -> None:
    assert {"0xE1", "0xED", "0xFE"} <= set(metadata_segments(leaky_jpeg(), icc=True))
    assert {"tEXt", "iTXt", "zTXt", "eXIf"} <= set(metadata_segments(leaky_png(), icc=True))
    assert metadata_segments(leaky_webp(), icc=True) == ["EXIF", "XMP"]
    assert {"comment", FRAMES} <= set(metadata_segments(leaky_gif()))


def test_a_colour_profile_is_allowed_only_when_asked_for() -> None:
    jpeg = saved(Image.new("RGB", (8, 8)), "JPEG", icc_profile=ICC)
    png = saved(Image.new("RGB", (8, 8)), "PNG", icc_profile=ICC)
    webp = saved(Image.new("RGB", (8, 8)), "WEBP", icc_profile=ICC)
    assert (metadata_segments(jpeg), metadata_segments(jpeg, icc=True)) == (["0xE2"], [])
    assert (metadata_segments(png), metadata_segments(png, icc=True)) == (["iCCP"], [])
    assert (metadata_segments(webp), metadata_segments(webp, icc=True)) == (["ICCP"], [])


def test_what_follows_the_picture_and_a_file_cut_short_are_reported() -> None:
    jpeg = saved(Image.new("RGB", (8, 8)), "JPEG")
    png = saved(Image.new("RGB", (8, 8)), "PNG")
    gif = saved(Image.new("P", (8, 8)), "GIF")
    # Phones append a video or a depth map after the end of the JPEG.
    assert metadata_segments(jpeg + b"\0\0\0\x18ftypmp42 a motion photo") == [TRAILER]
    assert metadata_segments(png + b"PK\x03\x04 a zip") == [TRAILER]
    assert metadata_segments(gif + b"more") == [TRAILER]
    assert metadata_segments(truncated_jpeg()) == [TRUNCATED]
    assert metadata_segments(png[:-20]) == [TRUNCATED]
    assert metadata_segments(gif[:-3]) == [TRUNCATED]
    assert metadata_segments(SVG) == ["unknown format"]


def test_a_jfif_thumbnail_is_a_copy_of_the_picture_and_is_reported() -> None:
    jpeg = saved(Image.new("RGB", (8, 8)), "JPEG")
    thumbnail = b"JFIF\0\x01\x02\0\0\x01\0\x01\x01\x01" + b"\xff\0\0"  # 1 x 1 pixels
    segment = b"\xff\xe0" + (len(thumbnail) + 2).to_bytes(2, "big") + thumbnail
    start = jpeg.index(b"\xff\xdb")  # after Pillow's own JFIF segment
    assert metadata_segments(jpeg) == []
    assert metadata_segments(jpeg[:start] + segment + jpeg[start:]) == ["0xE0"]


# -- the one writer ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["jpeg", "png", "webp", "gif"])
def test_the_writer_drops_what_the_image_carried_and_keeps_only_a_given_profile(
    fmt: str,
) -> None:
    image = opened(leaky_jpeg()).convert("P" if fmt == "gif" else "RGB")
    image.info = opened(leaky_jpeg()).info  # exif, xmp, comment, icc_profile, photoshop
    data = write_bare(image, fmt, icc=None if fmt == "gif" else ICC)
    assert not [f for f in FORBIDDEN if f in data]
    assert metadata_segments(data, icc=True) == []
    if fmt != "gif":
        assert opened(data).info.get("icc_profile") == ICC


# -- bare copies of originals -------------------------------------------------------------


def test_a_file_with_nothing_but_its_picture_is_copied_as_it_is() -> None:
    data = saved(Image.new("RGB", (40, 30), (1, 2, 3)), "JPEG", icc_profile=ICC)
    assert bare_copy(data, "x.jpg") is data


def test_a_jpeg_keeps_its_quality_and_subsampling_and_is_turned_upright() -> None:
    original = leaky_jpeg()
    copy = opened(bare_copy(original, "phone.jpg"))
    source = opened(original)
    assert copy.quantization == source.quantization  # type: ignore[attr-defined]
    assert copy.layers == source.layers and copy.size == (300, 400)  # type: ignore[attr-defined]
    top = copy.getpixel((150, 50))
    assert isinstance(top, tuple) and top[0] > 200


def test_a_jpeg_with_further_pictures_after_it_becomes_one_jpeg() -> None:
    depth = Image.new("RGB", (40, 30), (9, 9, 9))
    mpo = saved(sideways(), "MPO", save_all=True, append_images=[depth])
    assert opened(mpo).format == "MPO"
    copy = bare_copy(mpo, "phone.jpg")
    assert opened(copy).format == "JPEG" and metadata_segments(copy, icc=True) == []


@pytest.mark.parametrize(
    ("mode", "fmt", "options"),
    [
        ("CMYK", "JPEG", {}),
        ("L", "JPEG", {}),
        ("P", "PNG", {"transparency": 0}),
        ("LA", "PNG", {}),
        ("I;16", "PNG", {}),
        ("RGBA", "WEBP", {"lossless": True}),
        ("RGBA", "WEBP", {"quality": 80}),
    ],
)
def test_a_copy_keeps_the_mode_and_kind_of_its_original(
    mode: str, fmt: str, options: dict[str, object]
) -> None:
    image = Image.new(mode, (32, 24))
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "SECRET")
    extra = {"pnginfo": info} if fmt == "PNG" else {"comment": b"SECRET"}
    if fmt == "WEBP":
        extra = {"xmp": b"<x>SECRET</x>"}
    original = saved(image, fmt, **options, **extra)
    copy = bare_copy(original, f"x.{fmt.lower()}")
    assert b"SECRET" not in copy
    with opened(copy) as again, opened(original) as source:
        assert (again.format, again.mode, again.size) == (source.format, source.mode, source.size)
        assert again.info.get("transparency") == source.info.get("transparency")
    if fmt == "WEBP":  # a lossless original stays lossless
        assert (b"VP8L" in copy) == bool(options.get("lossless"))


def test_an_animated_gif_keeps_its_first_frame() -> None:
    copy = opened(bare_copy(leaky_gif(), "moving.gif"))
    assert copy.format == "GIF" and getattr(copy, "n_frames", 1) == 1
    assert copy.convert("RGB").getpixel((0, 0)) == (250, 20, 20)


@pytest.mark.parametrize("data", [SVG, truncated_jpeg() + b"SECRET"], ids=["svg", "truncated"])
def test_what_cannot_be_decoded_is_refused_not_copied(data: bytes) -> None:
    with pytest.raises(ImageRefused) as refused:
        bare_copy(data, "content/media/x.jpg")
    assert refused.value.code in ("not-an-image", "damaged-image")


# -- the cache of bare copies -------------------------------------------------------------


def test_the_cache_keeps_one_copy_per_content_and_passes_bare_files_through(
    tmp_path: Path,
) -> None:
    leaky, bare = tmp_path / "a.jpg", tmp_path / "b.png"
    leaky.write_bytes(leaky_jpeg())
    bare.write_bytes(saved(Image.new("RGB", (8, 8)), "PNG"))
    renamed = tmp_path / "renamed.jpg"
    renamed.write_bytes(leaky.read_bytes())
    copies = BareCopies(tmp_path)
    found = copies.copies([(leaky, "a.jpg"), (bare, "b.png"), (renamed, "renamed.jpg")])
    assert found[bare] == bare
    assert found[leaky] == found[renamed] and isinstance(found[leaky], Path)
    assert [p.name for p in (tmp_path / FOLDER).iterdir()] == [found[leaky].name]
    again = BareCopies(tmp_path)
    assert again.copies([(leaky, "a.jpg")]) == {leaky: found[leaky]} and again.made == 0


def test_a_kept_copy_that_is_not_sound_is_made_again(tmp_path: Path) -> None:
    source = tmp_path / "a.jpg"
    source.write_bytes(leaky_jpeg())
    [entry] = BareCopies(tmp_path).copies([(source, "a.jpg")]).values()
    assert isinstance(entry, Path)
    good = entry.read_bytes()
    spoilt = {
        "the original": leaky_jpeg(),
        "cut short": good[: len(good) // 2],
        "another picture": saved(Image.new("RGB", (10, 10)), "JPEG"),
        "another format": saved(Image.new("RGB", (300, 400)), "PNG"),
    }
    for why, data in spoilt.items():
        entry.write_bytes(data)
        copies = BareCopies(tmp_path)
        copies.copies([(source, "a.jpg")])
        assert copies.made == 1 and entry.read_bytes() == good, why


def test_a_cache_folder_leading_outside_the_repository_is_not_written(tmp_path: Path) -> None:
    root, elsewhere = tmp_path / "repo", tmp_path / "elsewhere"
    (root / "build/cache").mkdir(parents=True)
    elsewhere.mkdir()
    os.symlink(elsewhere, root / FOLDER)
    source = root / "a.jpg"
    source.write_bytes(leaky_jpeg())
    [result] = BareCopies(root).copies([(source, "a.jpg")]).values()
    assert isinstance(result, ImageRefused) and result.code == "unsafe-cache"
    assert list(elsewhere.iterdir()) == []


def test_copies_made_on_threads_leave_pillows_globals_as_they_were(tmp_path: Path) -> None:
    before = (Image.MAX_IMAGE_PIXELS, list(warnings.filters))
    sources = []
    for orientation in range(1, 9):
        path = tmp_path / f"o{orientation}.jpg"
        path.write_bytes(leaky_jpeg(orientation))
        sources.append((path, path.name))
    found = BareCopies(tmp_path).copies(sources)
    assert all(isinstance(copy, Path) for copy in found.values())
    assert (Image.MAX_IMAGE_PIXELS, list(warnings.filters)) == before


def test_pruning_removes_only_copies_this_run_did_not_use_and_never_follows_a_link(
    tmp_path: Path,
) -> None:
    root = tmp_path / "repo"
    source = root / "a.jpg"
    source.parent.mkdir()
    source.write_bytes(leaky_jpeg())
    copies = BareCopies(root)
    [used] = copies.copies([(source, "a.jpg")]).values()
    assert isinstance(used, Path)
    stale = used.with_name("0" * 64 + ".jpg")
    stale.write_bytes(b"an old copy")
    precious = tmp_path / "precious.txt"
    precious.write_text("mine", "utf-8")
    link = used.with_name("link.jpg")
    os.symlink(precious, link)
    copies.prune()
    assert sorted(p.name for p in used.parent.iterdir()) == [used.name]
    assert precious.read_text("utf-8") == "mine"
