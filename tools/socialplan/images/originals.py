"""The user's own images, checked through and through, and copied bare.

Two uses of an original file (a photo, the logo) that the images step does not
cover:

- `decode_problem`: validation's verdict on a file: it must be an image socialplan
  reads, named for what it is, and decode completely (a file cut short opens fine,
  since only its header is read, and fails when its pixels are needed);
- `bare_copy`: the file as an output may show it as it is (the site): the same
  picture in the same format, upright, with nothing but the picture and its colour
  profile. A file that carries nothing else is returned unchanged; any other is
  decoded, turned upright by its EXIF orientation and written again by the one
  writer (`encoding.write_bare`). JPEGs are written with their own quantisation
  tables and chroma subsampling, so they keep their quality and about their size.

An animated image keeps its first frame only: that is what the images step gives
every network, and what the site's mock-ups show.
"""

from __future__ import annotations

from typing import Any

from PIL import Image, ImageOps, JpegImagePlugin

from ..guards.image_metadata import metadata_segments
from .encoding import EncodeFailed, write_bare
from .sources import (
    DECODE_ERRORS,
    DEFAULT_MAX_PIXELS,
    ImageRefused,
    damaged,
    open_checked,
    pixel_limit,
)

# What each format's files may be called; the first is the one suggested.
EXTENSIONS = {
    "JPEG": (".jpg", ".jpeg", ".jpe", ".jfif"),
    "PNG": (".png",),
    "WEBP": (".webp",),
    "GIF": (".gif",),
}
# Lossy WebP originals are written again at this quality (their own is not recorded).
WEBP_QUALITY = 90


def kind(image: Image.Image) -> str:
    """The format of an opened file, as it is written: a JPEG with further pictures
    after it (MPO: phones store depth maps and HDR gain maps so) is a JPEG."""
    return "JPEG" if image.format == "MPO" else str(image.format)


def suffix_problem(shown: str, image_format: str) -> ImageRefused | None:
    """A file whose name says one format and whose bytes another."""
    expected = EXTENSIONS.get(image_format)
    if expected is None or shown.lower().endswith(expected):
        return None
    name = shown.rsplit("/", 1)[-1]
    ending = name[name.rfind(".") :] if "." in name else None
    said = f"its name ends in {ending}" if ending else "its name has no ending"
    return ImageRefused(
        "image-wrong-extension",
        f"{shown} is a {image_format} image, but {said}",
        f"rename the file to end in {expected[0]} (and the name where it is used), so that"
        " browsers and networks take it for what it is",
    )


def decode_problem(
    data: bytes, shown: str, max_pixels: int = DEFAULT_MAX_PIXELS, *, decode: bool = True
) -> ImageRefused | None:
    """Why the file cannot be used as an image, or None when it can.

    `decode=False` checks the header and the name only (the full decode is known
    to pass, see rules/images.py and cache/decodes.py). A JPEG is decoded at an eighth of its size:
    libjpeg still reads every byte of the picture, so a cut or damaged file fails
    just as it would at full size, in a fraction of the time.
    """
    try:
        image = open_checked(data, shown, max_pixels)
    except ImageRefused as refused:
        return refused
    with image:
        wrong = suffix_problem(shown, kind(image))
        if wrong is not None or not decode:
            return wrong
        try:
            if kind(image) == "JPEG":
                image.draft(None, (1, 1))
            with pixel_limit(max_pixels):
                image.load()
        except DECODE_ERRORS as exc:
            return damaged(shown, exc)
    return None


def bare_copy(data: bytes, shown: str, max_pixels: int = DEFAULT_MAX_PIXELS) -> bytes:
    """The picture of `data`, upright, in its own format, with no metadata.

    Raises `ImageRefused` for a file that is not an image socialplan reads or that
    cannot be decoded."""
    if not metadata_segments(data, icc=True):
        return data  # nothing but the picture: no EXIF, so no orientation either
    image = open_checked(data, shown, max_pixels)
    with image:
        image_format = kind(image)
        icc = image.info.get("icc_profile") or None
        options = _options(image, data)
        try:
            with pixel_limit(max_pixels):
                image.load()
                upright = ImageOps.exif_transpose(image)
        except DECODE_ERRORS as exc:
            raise damaged(shown, exc) from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageRefused(
                "image-too-large",
                f"{shown} has more pixels than socialplan opens",
                "scale the picture down",
            ) from None
    try:
        return write_bare(upright, image_format.lower(), icc=icc, **options)
    except (EncodeFailed, *DECODE_ERRORS) as exc:
        raise ImageRefused(
            "image-not-copied",
            f"{shown} could not be written again without its metadata ({exc})",
            "open it in an image editor and export it again",
        ) from None


def _options(image: Image.Image, data: bytes) -> dict[str, Any]:
    """How to write the picture again as close to the original as the format allows."""
    if isinstance(image, JpegImagePlugin.JpegImageFile):
        options: dict[str, Any] = {
            "qtables": image.quantization,
            "optimize": True,
            "progressive": bool(image.info.get("progressive")),
        }
        sampling = JpegImagePlugin.get_sampling(image)
        if sampling >= 0:
            options["subsampling"] = sampling
        return options
    if image.format == "WEBP":
        if b"VP8L" in _webp_chunks(data):
            return {"lossless": True}
        return {"quality": WEBP_QUALITY}
    options = {}
    if "transparency" in image.info:  # the transparent colour of a palette or RGB image
        options["transparency"] = image.info["transparency"]
    return options


def _webp_chunks(data: bytes) -> set[bytes]:
    names, position = set(), 12
    while position + 8 <= len(data):
        names.add(data[position : position + 4])
        length = int.from_bytes(data[position + 4 : position + 8], "little")
        position += 8 + length + (length & 1)
    return names
