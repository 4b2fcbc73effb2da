"""Encoding an image: for a network, in its format under its file-size cap; with no metadata.

Quality is stepped down first (a slightly softer JPEG is better than a smaller
one), then the size, until the file fits. Whatever the source carried (EXIF, GPS,
XMP, IPTC, comments, text chunks) is never written: every file socialplan makes
goes through `write_bare`, which saves pixels from an image whose `info` is empty
and scans the result (`metadata.metadata_segments`) before it is used.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageFile

from ..guards.image_metadata import metadata_segments
from .networks import JPEG, PNG, ImageSpec

WEBP, GIF = "webp", "gif"
# Highest first: the first quality that fits the cap is used.
QUALITIES = (90, 86, 82, 78, 74, 70, 65, 60, 55, 50)
SCALE_STEP = 0.85


class EncodeFailed(Exception):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass(frozen=True)
class Encoded:
    data: bytes
    format: str  # "jpeg" or "png"
    size: tuple[int, int]
    mode: str
    quality: int | None  # JPEG quality, None for PNG

    @property
    def extension(self) -> str:
        return "jpg" if self.format == JPEG else "png"


def encode(image: Image.Image, spec: ImageSpec, *, prefer: str, text: bool = False) -> Encoded:
    """The best file of `image` for `spec` under its byte cap.

    `prefer`: the format to try first when the network takes it (PNG for flat
    cards, JPEG for photos). `text`: the picture has text, so JPEG keeps full colour
    resolution (no chroma subsampling) to keep coloured letters crisp.
    """
    formats = [f for f in (prefer, JPEG, PNG) if spec.accepts(f)]
    formats = list(dict.fromkeys(formats))
    current = image
    floor = max(spec.min_width, 1)
    while True:
        for image_format in formats:
            if image_format == PNG:
                data = _png(current)
                if len(data) <= spec.max_bytes:
                    return Encoded(data, PNG, current.size, current.mode, None)
            else:
                found = _best_jpeg(current, spec.max_bytes, text)
                if found is not None:
                    return found
        width, height = current.size
        smaller = (int(width * SCALE_STEP), int(height * SCALE_STEP))
        if smaller[0] < floor or min(smaller) < 1:
            raise EncodeFailed(
                f"even at {width} × {height} pixels and the lowest quality the image is over"
                f" {spec.label}'s cap of {spec.max_bytes:,} bytes",
                "use a simpler picture (fine noise and grain compress badly)",
            )
        current = image.resize(smaller, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _best_jpeg(image: Image.Image, cap: int, text: bool) -> Encoded | None:
    """Binary search for the highest quality in QUALITIES that fits under `cap`."""
    rgb = _flatten(image)
    low, high = 0, len(QUALITIES) - 1
    best: bytes | None = None
    best_quality = 0
    while low <= high:
        middle = (low + high) // 2
        data = _jpeg(rgb, QUALITIES[middle], text)
        if len(data) <= cap:
            best, best_quality = data, QUALITIES[middle]
            high = middle - 1
        else:
            low = middle + 1
    if best is None:
        return None
    return Encoded(best, JPEG, rgb.size, "RGB", best_quality)


def _flatten(image: Image.Image) -> Image.Image:
    if image.mode == "RGB":
        return image
    if image.mode == "RGBA":
        white = Image.new("RGB", image.size, (255, 255, 255))
        white.paste(image, mask=image.getchannel("A"))
        return white
    return image.convert("RGB")


def _jpeg(image: Image.Image, quality: int, text: bool) -> bytes:
    return write_bare(
        image, JPEG, quality=quality, optimize=True, progressive=True, subsampling=0 if text else 2
    )


def _png(image: Image.Image) -> bytes:
    # zlib level 6: a third of `optimize=True`'s time for files about 3% larger.
    return write_bare(image, PNG, compress_level=6)


def write_bare(
    image: Image.Image, image_format: str, *, icc: bytes | None = None, **options: Any
) -> bytes:
    """`image` as a file of `image_format` ("jpeg", "png", "webp", "gif"), with no metadata.

    This is the one place socialplan turns pixels into an image file, for every
    output. Pillow writes some metadata from an image's `info` (comments, EXIF,
    XMP) unless told otherwise: the image is saved from a copy whose `info` is
    empty, with empty EXIF and XMP, and the result is scanned (`metadata_segments`)
    before it is returned. `icc`: a colour profile to embed (the only extra allowed).
    """
    clean = image.copy()
    clean.info = {}
    out = io.BytesIO()
    if icc:
        options["icc_profile"] = icc
    if image_format in (JPEG, WEBP):
        options.update(exif=b"", xmp=b"")
    with _block_for(image.width * image.height * 4):
        clean.save(out, image_format.upper(), **options)
    data = out.getvalue()
    leftovers = metadata_segments(data, icc=bool(icc))
    if leftovers:  # a guard against a future Pillow writing more than it is given
        raise EncodeFailed(
            f"socialplan's image writer left {', '.join(leftovers)} in an output",
            "this is a bug in socialplan: please report it with the image",
        )
    return data


_block_lock = threading.Lock()
_blocks_wanted: list[int] = []
_block_default = ImageFile.MAXBLOCK


@contextmanager
def _block_for(size: int) -> Iterator[None]:
    """Pillow's write buffer at least `size` bytes while an image is saved.

    Optimised and progressive JPEGs are written in one block, which Pillow sizes
    at width x height bytes: fine grain at full colour resolution needs more, or
    libjpeg fails ("Suspension not allowed here"). Pillow reads the floor from the
    global MAXBLOCK only; images may be saved from several threads at once, so
    the floor is the largest any of them wants, and back to Pillow's when all are done.
    """
    with _block_lock:
        _blocks_wanted.append(size)
        ImageFile.MAXBLOCK = max([_block_default, *_blocks_wanted])
    try:
        yield
    finally:
        with _block_lock:
            _blocks_wanted.remove(size)
            ImageFile.MAXBLOCK = max([_block_default, *_blocks_wanted])
