"""Encoding an image for a network: its format, under its file-size cap, with no metadata.

Quality is stepped down first (a slightly softer JPEG is better than a smaller
one), then the size, until the file fits. Whatever the source carried (EXIF, GPS,
XMP, IPTC, colour profiles, comments) is never written: the pixels are saved from
an image whose `info` is empty, and every output is scanned before it is used.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass

from PIL import Image, ImageFile

from .networks import JPEG, PNG, ImageSpec

# Highest first: the first quality that fits the cap is used.
QUALITIES = (90, 86, 82, 78, 74, 70, 65, 60, 55, 50)
SCALE_STEP = 0.85
# JPEG and PNG segments that carry no information about the picture's origin.
JPEG_ALLOWED = {0xC0, 0xC1, 0xC2, 0xC4, 0xDB, 0xDD, 0xDA, 0xE0, 0xD9, 0xD8}
PNG_ALLOWED = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}


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
                    return _checked(Encoded(data, PNG, current.size, current.mode, None))
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
    return _checked(Encoded(best, JPEG, rgb.size, "RGB", best_quality))


def _flatten(image: Image.Image) -> Image.Image:
    if image.mode == "RGB":
        return image
    if image.mode == "RGBA":
        white = Image.new("RGB", image.size, (255, 255, 255))
        white.paste(image, mask=image.getchannel("A"))
        return white
    return image.convert("RGB")


def _jpeg(image: Image.Image, quality: int, text: bool) -> bytes:
    out = io.BytesIO()
    clean = image.copy()
    clean.info = {}
    # Optimised and progressive JPEGs are written in one block, which Pillow sizes at
    # width x height bytes: fine grain at full colour resolution needs more, or libjpeg
    # fails ("Suspension not allowed here"). Pillow reads the floor from MAXBLOCK only.
    previous = ImageFile.MAXBLOCK
    ImageFile.MAXBLOCK = max(previous, image.width * image.height * 4)
    try:
        clean.save(
            out,
            "JPEG",
            quality=quality,
            optimize=True,
            progressive=True,
            subsampling=0 if text else 2,
            exif=b"",
        )
    finally:
        ImageFile.MAXBLOCK = previous
    return out.getvalue()


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    clean = image.copy()
    clean.info = {}
    # zlib level 6: a third of `optimize=True`'s time for files about 3% larger.
    clean.save(out, "PNG", compress_level=6)
    return out.getvalue()


def _checked(encoded: Encoded) -> Encoded:
    leftovers = metadata_segments(encoded.data)
    if leftovers:  # pragma: no cover - a guard against a future Pillow writing more
        raise AssertionError(f"metadata left in an output: {leftovers}")
    return encoded


def metadata_segments(data: bytes) -> list[str]:
    """Names of the segments (JPEG) or chunks (PNG) in `data` that could carry metadata."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return [name.decode("latin-1") for name in _png_chunks(data) if name not in PNG_ALLOWED]
    if data.startswith(b"\xff\xd8"):
        return [f"0x{marker:02X}" for marker in _jpeg_markers(data) if marker not in JPEG_ALLOWED]
    return ["unknown format"]


def _png_chunks(data: bytes) -> list[bytes]:
    names, position = [], 8
    while position + 8 <= len(data):
        length, name = struct.unpack(">I4s", data[position : position + 8])
        names.append(name)
        position += 12 + length
    return names


def _jpeg_markers(data: bytes) -> list[int]:
    """Markers up to the first scan; after it come only scans and tables, then EOI."""
    markers, position = [0xD8], 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            break
        marker = data[position + 1]
        markers.append(marker)
        length = struct.unpack(">H", data[position + 2 : position + 4])[0]
        position += 2 + length
        if marker == 0xDA:
            # Entropy-coded data follows; look for later markers (progressive scans).
            markers.extend(_markers_after_scan(data, position))
            break
    return markers


def _markers_after_scan(data: bytes, position: int) -> list[int]:
    found = []
    index = data.find(b"\xff", position)
    while index != -1 and index + 1 < len(data):
        marker = data[index + 1]
        # 0x00 is a stuffed byte, 0xD0-0xD7 restart markers, 0xFF fill: not segments.
        if marker not in (0x00, 0xFF) and not 0xD0 <= marker <= 0xD7:
            found.append(marker)
        index = data.find(b"\xff", index + 2)
    return found
