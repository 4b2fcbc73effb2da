"""Opening the user's images without trusting them.

A photo comes from a phone, a camera or a download: it may not be an image at all,
be cut short, declare billions of pixels in a few bytes (a decompression bomb), be
turned sideways by an EXIF tag, or carry a colour profile and GPS coordinates.
`read_source` returns upright sRGB pixels with no metadata attached, or raises
`ImageRefused` with a message a marketer can act on. Pillow's own bomb check is
used deliberately: its limit is set to ours for the duration of the call and its
warning is turned into a refusal, so nothing is ever printed.
"""

from __future__ import annotations

import hashlib
import io
import struct
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

# The formats socialplan decodes; other decoders are never reached by user files.
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
# What a damaged file makes Pillow raise, depending on where the damage is.
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, KeyError, IndexError, struct.error)
# A 61-megapixel camera fits; no network shows more than about 36 megapixels.
DEFAULT_MAX_PIXELS = 80_000_000

_SIGNATURES = (
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word, Excel or Keynote file)"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a BMP image"),
    (b"8BPS", "a Photoshop document"),
)


class ImageRefused(Exception):
    """A user image socialplan will not use, and why."""

    def __init__(self, code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


@dataclass
class SourceImage:
    image: Image.Image  # RGB or RGBA, upright, sRGB, `info` emptied
    sha256: str
    notes: list[ImageRefused] = field(default_factory=list)  # warnings, not refusals


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def describe(data: bytes) -> str:
    """What a file that Pillow could not open looks like, for the error message."""
    if not data:
        return "an empty file"
    head = data[:64]
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            return what
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypheim", b"ftypavif"):
        return "a HEIC or AVIF photo"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "a WebP image"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    # An SVG may open with a comment or a DOCTYPE before its <svg> element.
    if stripped.startswith((b"<svg", b"<?xml")) or b"<svg" in data[:4096].lower():
        return "an SVG or XML file"
    if stripped.startswith((b"<!DOCTYPE", b"<html", b"<HTML")):
        return "a web page (HTML)"
    try:
        data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return "a file of an unknown kind"
    return "text"


# Pillow's limit and Python's warning filters are global: one thread at a time changes
# them (images.copies decodes on several threads; they still encode side by side).
_GLOBALS = threading.RLock()


@contextmanager
def pixel_limit(max_pixels: int) -> Iterator[None]:
    """Pillow's decompression-bomb check, at our limit, raising instead of warning."""
    with _GLOBALS:
        previous = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = max_pixels
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                yield
        finally:
            Image.MAX_IMAGE_PIXELS = previous


def _too_large(shown: str, size: tuple[int, int] | None, data: bytes, limit: int) -> ImageRefused:
    what = f"{size[0]:,} × {size[1]:,} pixels" if size else "more pixels than allowed"
    bomb = ""
    if size and size[0] * size[1] > 1000 * max(len(data), 1):
        bomb = f" in only {len(data):,} bytes, which is how a decompression bomb looks"
    return ImageRefused(
        "image-too-large",
        f"{shown} declares {what}{bomb}; socialplan opens images of up to"
        f" {limit / 1_000_000:g} megapixels",
        "scale the picture down (no network shows more than about 36 megapixels);"
        " if it is genuine and you trust it, raise the limit with --max-pixels",
    )


def _not_an_image(shown: str, data: bytes) -> ImageRefused:
    what = describe(data)
    if what == "a HEIC or AVIF photo":
        hint = "export it as JPEG (iPhone: Settings → Camera → Formats → Most Compatible)"
    elif what == "an SVG or XML file":
        # An SVG can hold scripts and metadata, and neither cards nor networks take one.
        hint = "export it as PNG (in a vector editor: Export → PNG, 1,000 pixels or more)"
    elif what.endswith("image"):
        hint = "save it as JPEG (photos) or PNG (graphics, logos)"
    else:
        hint = "check that this is the file you meant; images must be JPEG, PNG, WebP or GIF"
    if what.endswith(" image"):
        message = f"{shown} is {what}, which socialplan does not read"
    else:
        message = f"{shown} is not an image: it is {what}"
    return ImageRefused("not-an-image", message, hint)


def open_checked(data: bytes, shown: str, max_pixels: int) -> Image.Image:
    """Open (header only) and check the size; raise `ImageRefused` for anything wrong."""
    try:
        with pixel_limit(max_pixels):
            image = Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_large(shown, _declared_size(data), data, max_pixels) from None
    except UnidentifiedImageError:
        raise _not_an_image(shown, data) from None
    except DECODE_ERRORS as exc:
        raise damaged(shown, exc) from None
    if image.width * image.height > max_pixels:
        raise _too_large(shown, image.size, data, max_pixels)
    return image


def _declared_size(data: bytes) -> tuple[int, int] | None:
    """The size a refused file's header declares, read without decoding a pixel."""
    with _GLOBALS:
        previous = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = None  # only the header is read here
        try:
            with Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS) as image:
                return image.size
        except DECODE_ERRORS:
            return None
        finally:
            Image.MAX_IMAGE_PIXELS = previous


def damaged(shown: str, exc: BaseException) -> ImageRefused:
    detail = str(exc).split("\n")[0] or type(exc).__name__
    return ImageRefused(
        "damaged-image",
        f"{shown} is damaged or cut short ({detail})",
        "open it in an image editor and save it again, or copy it again from the original",
    )


def read_source(
    path: Path, shown: str, max_pixels: int = DEFAULT_MAX_PIXELS, needed_side: int | None = None
) -> SourceImage:
    """Upright sRGB pixels of a user image, with every bit of metadata left behind.

    `needed_side`: the longest side any output needs; a large JPEG is then decoded
    at a reduced scale (libjpeg's DCT scaling) that still keeps that much detail.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImageRefused(
            "unreadable-file", f"{shown} cannot be read: {exc.strerror or exc}", ""
        ) from None
    image = open_checked(data, shown, max_pixels)
    notes: list[ImageRefused] = []
    if getattr(image, "n_frames", 1) > 1:
        notes.append(
            ImageRefused(
                "animated-image",
                f"{shown} is animated; its first frame is used",
                "networks get a still image; post a video for motion",
            )
        )
    if needed_side and image.format == "JPEG":
        short = min(image.size)
        if short > needed_side:
            scale = needed_side / short
            image.draft("RGB", (int(image.width * scale) + 1, int(image.height * scale) + 1))
    try:
        with pixel_limit(max_pixels):
            image.load()
            upright = ImageOps.exif_transpose(image)
    except DECODE_ERRORS as exc:
        raise damaged(shown, exc) from None
    pixels = _to_srgb(upright, image.info.get("icc_profile"), shown, notes)
    pixels.info = {}
    return SourceImage(pixels, hashlib.sha256(data).hexdigest(), notes)


def _to_srgb(
    image: Image.Image, icc: bytes | None, shown: str, notes: list[ImageRefused]
) -> Image.Image:
    """RGB or RGBA pixels in sRGB, which is what every network and browser assumes."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    if image.mode.startswith("I;16") or image.mode == "I":
        # 16-bit greyscale: scale to 8 bits before converting, or it turns white.
        image = image.point(lambda value: value / 256).convert("L")
    target = "RGBA" if has_alpha else "RGB"
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            base = image.convert(
                "RGBA" if has_alpha else ("CMYK" if image.mode == "CMYK" else "RGB")
            )
            converted = ImageCms.profileToProfile(
                base, source, ImageCms.createProfile("sRGB"), outputMode=target
            )
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            notes.append(
                ImageRefused(
                    "colour-profile-ignored",
                    f"{shown} has a colour profile that cannot be read; its colours are"
                    " taken as sRGB",
                    "export it again with an sRGB profile",
                )
            )
    return image.convert(target) if image.mode != target else image.copy()
