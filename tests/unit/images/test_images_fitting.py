"""Cropping around the focal point, sizes per network, and encoding under each cap."""

from __future__ import annotations

import io
import random
from dataclasses import replace

import pytest
from PIL import Image

from socialplan.images.encoding import EncodeFailed, encode, metadata_segments
from socialplan.images.fitting import apply, crop_window, plan_photo
from socialplan.images.networks import OPEN_GRAPH, SPECS


def test_the_crop_window_is_centred_on_the_focus_and_stays_inside() -> None:
    # A 3000 x 1000 strip cropped square: the window follows the focus...
    assert crop_window((3000, 1000), 1.0, (0.5, 0.5)) == (1000, 0, 2000, 1000)
    assert crop_window((3000, 1000), 1.0, (0.8, 0.5)) == (1900, 0, 2900, 1000)
    # ...and slides back inside the picture rather than overhanging it.
    assert crop_window((3000, 1000), 1.0, (0.99, 0.5)) == (2000, 0, 3000, 1000)
    assert crop_window((3000, 1000), 1.0, (0.0, 0.0)) == (0, 0, 1000, 1000)
    # A tall picture cropped wide moves vertically.
    assert crop_window((1000, 2000), 2.0, (0.5, 0.1)) == (0, 0, 1000, 500)


def test_the_focal_point_survives_the_crop() -> None:
    photo = Image.new("RGB", (1600, 900), (200, 200, 200))
    photo.paste((255, 0, 0), (1380, 100, 1420, 140))  # a red dot near the top right
    fit = plan_photo(photo.size, SPECS["instagram"], (1400 / 1600, 120 / 900))
    cropped = apply(photo, fit)
    assert cropped.size == (1080, 566)  # 16:9 goes to 1.91:1, Instagram's closest shape
    raw = cropped.tobytes()
    red = [i for i in range(0, len(raw), 3) if raw[i] > 200 and raw[i + 1] < 80]
    assert red, "the focal point was cropped away"


@pytest.mark.parametrize(
    ("network", "source", "expected"),
    [
        ("instagram", (4000, 3000), (1080, 1080)),  # 4:3 is closest to square
        ("instagram", (3000, 4000), (1080, 1350)),  # portrait to 4:5
        ("instagram", (4000, 2000), (1080, 566)),  # wide to 1.91:1
        ("x", (4000, 2250), (1200, 675)),
        ("linkedin", (4000, 2100), (1200, 627)),
        ("pinterest", (3000, 3000), (1000, 1500)),
        ("bluesky", (4000, 3000), (2000, 1500)),  # any shape, long side 2000
        ("bluesky", (4000, 1000), (2000, 1000)),  # 4:1 is cropped to 2:1
        ("threads", (1000, 4000), (1000, 2000)),  # 1:4 cropped to 1:2
        ("threads", (3000, 3000), (1440, 1440)),  # width cap
        ("mastodon", (800, 600), (800, 600)),  # small photos are never enlarged
    ],
)
def test_photo_sizes_per_network(network: str, source: tuple[int, int], expected: tuple) -> None:
    assert plan_photo(source, SPECS[network]).size == expected


def test_a_small_photo_keeps_its_pixels_but_reaches_the_minimum_width() -> None:
    fit = plan_photo((200, 200), SPECS["instagram"])
    assert fit.size == (320, 320)  # Instagram's minimum width
    assert fit.soft
    assert not plan_photo((4000, 4000), SPECS["instagram"]).soft


def test_open_graph_is_1_91_to_1() -> None:
    assert plan_photo((4000, 3000), OPEN_GRAPH).size == (1200, 630)


def noise(size: tuple[int, int], seed: int = 1) -> Image.Image:
    generator = random.Random(seed)
    return Image.frombytes("RGB", size, generator.randbytes(size[0] * size[1] * 3))


def test_quality_steps_down_then_size_until_under_the_bluesky_cap() -> None:
    # Pure noise is the worst case for JPEG: at 2000 x 1500 no quality gets under 2 MB.
    # At full colour resolution (as for cards), which also needs a large write buffer.
    encoded = encode(noise((2400, 1800)), SPECS["bluesky"], prefer="jpeg", text=True)
    assert len(encoded.data) <= 2_000_000
    assert encoded.format == "jpeg"
    assert encoded.size[0] < 2400  # the size had to give
    # ...and at that size the quality is the highest that fits.
    assert encoded.quality is not None and encoded.quality >= 50
    with Image.open(io.BytesIO(encoded.data)) as image:
        assert image.size == encoded.size
        assert image.mode == "RGB"


def test_quality_alone_is_enough_when_it_is() -> None:
    # Smooth detail: lower quality shrinks it a lot.
    photo = noise((60, 40)).resize((1800, 1200), Image.Resampling.BICUBIC)
    full = encode(photo, SPECS["x"], prefer="jpeg")
    cap = len(full.data) * 2 // 3
    capped = encode(photo, replace(SPECS["x"], max_bytes=cap), prefer="jpeg")
    assert full.quality == 90
    assert capped.size == (1800, 1200)
    assert capped.quality is not None and capped.quality < 90
    assert len(capped.data) <= cap


def test_instagram_gets_jpeg_even_when_png_is_preferred() -> None:
    encoded = encode(Image.new("RGB", (1080, 1350), (47, 93, 80)), SPECS["instagram"], prefer="png")
    assert encoded.format == "jpeg"
    assert encoded.data[:3] == b"\xff\xd8\xff"


def test_a_flat_card_stays_png_where_png_is_taken() -> None:
    encoded = encode(
        Image.new("RGB", (1200, 675), (47, 93, 80)), SPECS["x"], prefer="png", text=True
    )
    assert encoded.format == "png"
    assert encoded.extension == "png"


def test_transparency_is_flattened_for_jpeg() -> None:
    image = Image.new("RGBA", (100, 100), (255, 0, 0, 0))
    encoded = encode(image, SPECS["instagram"], prefer="jpeg")
    with Image.open(io.BytesIO(encoded.data)) as decoded:
        assert decoded.mode == "RGB"
        assert decoded.getpixel((50, 50)) == (255, 255, 255)


def test_an_impossible_cap_is_a_clear_failure() -> None:
    tiny_cap = replace(SPECS["x"], max_bytes=500, min_width=600)
    with pytest.raises(EncodeFailed) as caught:
        encode(noise((1200, 675)), tiny_cap, prefer="jpeg")
    assert "cap of 500 bytes" in caught.value.message


def test_outputs_carry_no_metadata_even_if_the_image_did() -> None:
    image = Image.new("RGB", (64, 64), (1, 2, 3))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    image.info = {
        "exif": exif.tobytes(),
        "icc_profile": b"x" * 200,
        "xmp": b"<x/>",
        "dpi": (72, 72),
    }
    for fmt, spec in (("jpeg", SPECS["x"]), ("png", SPECS["x"])):
        encoded = encode(image, spec, prefer=fmt)
        assert encoded.format == fmt
        assert metadata_segments(encoded.data) == []
        with Image.open(io.BytesIO(encoded.data)) as decoded:
            assert not decoded.getexif()
            assert "icc_profile" not in decoded.info
            assert "xmp" not in decoded.info


def test_the_metadata_scanner_sees_what_a_camera_writes() -> None:
    image = Image.new("RGB", (16, 16))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, icc_profile=b"\0" * 128, comment=b"hello")
    assert set(metadata_segments(out.getvalue())) >= {"0xE1", "0xE2", "0xFE"}
    png = io.BytesIO()
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("GPS", "51.45,-2.58")
    image.save(png, "PNG", pnginfo=info)
    assert metadata_segments(png.getvalue()) == ["tEXt"]
