"""User photos: refused when they are not safe to open, upright and bare when they are."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageOps

from socialplan.images.encoding import metadata_segments
from socialplan.images.networks import SPECS
from socialplan.images.sources import ImageRefused, describe, read_source

GPS_IFD = 0x8825


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` x `height` pixels: a decompression bomb."""

    def chunk(name: bytes, data: bytes) -> bytes:
        body = name + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def phone_photo(orientation: int = 6) -> bytes:
    """A JPEG as a phone writes it: stored sideways, with an orientation tag, GPS and XMP."""
    # Stored 400 x 300 (landscape) with a red left half; shown upright it is portrait.
    image = Image.new("RGB", (400, 300), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 200, 300))
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation: 6 = rotate 90° clockwise to view
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0131] = "Camera 1.0"  # Software
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (51.0, 27.0, 12.5)  # Bristol
    gps[3] = "W"
    gps[4] = (2.0, 35.0, 1.2)
    out = io.BytesIO()
    image.save(
        out,
        "JPEG",
        exif=exif,
        quality=95,
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description/></x:xmpmeta>',
        comment=b"shot at home",
    )
    return out.getvalue()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_the_test_photo_really_carries_gps_and_orientation(tmp_path: Path) -> None:
    with Image.open(io.BytesIO(phone_photo())) as image:
        exif = image.getexif()
        assert exif[0x0112] == 6
        assert exif.get_ifd(GPS_IFD)[1] == "N"
    assert {"0xE1", "0xFE"} <= set(metadata_segments(phone_photo()))


def test_a_phone_photo_is_turned_upright_and_loses_every_bit_of_metadata(tmp_path: Path) -> None:
    path = write(tmp_path, "phone.jpg", phone_photo())
    source = read_source(path, "content/media/phone.jpg")
    assert source.image.size == (300, 400)  # upright: portrait
    assert source.image.mode == "RGB"
    assert source.image.info == {}
    # Orientation 6 turns the stored image clockwise: its left (red) half goes to the top.
    assert source.image.getpixel((150, 50))[0] > 200
    assert source.image.getpixel((150, 350))[2] > 200


def test_orientation_matches_pillows_reference_for_every_tag(tmp_path: Path) -> None:
    for orientation in range(1, 9):
        data = phone_photo(orientation)
        path = write(tmp_path, f"o{orientation}.jpg", data)
        expected = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
        assert read_source(path, "x").image.size == expected.size, orientation


def test_a_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    path = write(tmp_path, "bomb.png", png_declaring(100_000, 100_000))
    assert path.stat().st_size < 200
    with pytest.raises(ImageRefused) as caught:
        read_source(path, "content/media/bomb.png")
    assert caught.value.code == "image-too-large"
    size = path.stat().st_size
    assert caught.value.message == (
        f"content/media/bomb.png declares 100,000 × 100,000 pixels in only {size} bytes, which"
        " is how a decompression bomb looks; socialplan opens images of up to 80 megapixels"
    )


def test_the_pixel_limit_is_ours_and_pillows_is_left_as_it_was(tmp_path: Path) -> None:
    before = Image.MAX_IMAGE_PIXELS
    path = write(tmp_path, "wide.png", png_declaring(5000, 5000))  # 25 megapixels
    with pytest.raises(ImageRefused) as caught:
        read_source(path, "content/media/wide.png", max_pixels=10_000_000)
    assert caught.value.code == "image-too-large"
    assert "10 megapixels" in caught.value.message
    assert before == Image.MAX_IMAGE_PIXELS


def test_a_bomb_just_over_the_limit_names_its_size(tmp_path: Path) -> None:
    path = write(tmp_path, "big.png", png_declaring(4000, 3000))
    with pytest.raises(ImageRefused) as caught:
        read_source(path, "content/media/big.png", max_pixels=11_000_000)
    assert "4,000 × 3,000 pixels" in caught.value.message
    assert "decompression bomb" in caught.value.message


def test_a_truncated_jpeg_is_refused_as_damaged(tmp_path: Path) -> None:
    whole = phone_photo(1)
    path = write(tmp_path, "cut.jpg", whole[: len(whole) // 2])
    with pytest.raises(ImageRefused) as caught:
        read_source(path, "content/media/cut.jpg")
    assert caught.value.code == "damaged-image"
    assert caught.value.message.startswith("content/media/cut.jpg is damaged or cut short")


def test_a_text_file_named_jpg_is_not_an_image(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.jpg", b"Remember to buy milk.\n")
    with pytest.raises(ImageRefused) as caught:
        read_source(path, "content/media/notes.jpg")
    assert caught.value.code == "not-an-image"
    assert caught.value.message == "content/media/notes.jpg is not an image: it is text"


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"", "an empty file"),
        (b"%PDF-1.7\n", "a PDF document"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00", "a HEIC or AVIF photo"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "an SVG or XML file"),
        (b"II*\x00\x08\x00", "a TIFF image"),
    ],
)
def test_what_a_refused_file_looks_like(data: bytes, what: str) -> None:
    assert describe(data) == what


def test_a_tiff_is_refused_with_a_way_out(tmp_path: Path) -> None:
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "TIFF")
    path = write(tmp_path, "scan.tif", out.getvalue())
    with pytest.raises(ImageRefused) as caught:
        read_source(path, "content/media/scan.tif")
    assert (
        caught.value.message
        == "content/media/scan.tif is a TIFF image, which socialplan does not read"
    )
    assert "JPEG" in caught.value.hint


def test_a_colour_profile_is_applied_then_dropped(tmp_path: Path) -> None:
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (10, 200, 30)).save(out, "PNG", icc_profile=profile)
    source = read_source(write(tmp_path, "icc.png", out.getvalue()), "x")
    assert source.image.info == {}
    red, green, _ = source.image.getpixel((5, 5))
    assert abs(red - 10) <= 2 and abs(green - 200) <= 2


def test_spec_table_covers_the_networks_socialplan_posts_to() -> None:
    assert SPECS["bluesky"].max_bytes == 2_000_000
    assert SPECS["instagram"].formats == ("jpeg",)
