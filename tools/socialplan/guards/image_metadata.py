"""What in an image file is not the picture: EXIF, XMP, IPTC, comments, text, trailers.

`metadata_segments(data)` walks the file's structure (JPEG segments, PNG chunks,
WebP chunks, GIF blocks) from start to end and names everything that is not on a
short list of parts that only describe pixels. The list is an allow-list, so a
kind of metadata nobody thought of is reported too, and so are a file cut short,
bytes after the end of the picture (phones append videos and depth maps there)
and further frames. With `icc=True` a colour profile is allowed: it says how to
show the colours, not where or by whom the picture was taken.

An empty list means the file can be published as it is.
"""

from __future__ import annotations

import struct

# JPEG markers that carry only the picture: frames (SOF0-3, 5-7, 9-11, 13-15),
# Huffman and arithmetic tables, quantisation tables, restart interval, scans,
# number of lines. APP0 (JFIF), APP2 (ICC) and APP14 (Adobe) are judged by content.
_JPEG_PICTURE = frozenset(
    {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
    | {0xC4, 0xCC, 0xDB, 0xDD, 0xDC, 0xDA}
)
_PNG_PICTURE = frozenset({b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"})
# How to show the colours, kept with a colour profile.
_PNG_COLOUR = frozenset({b"iCCP", b"sRGB", b"gAMA", b"cHRM"})
_WEBP_PICTURE = frozenset({b"VP8 ", b"VP8L", b"VP8X", b"ALPH"})
TRUNCATED = "file cut short"
TRAILER = "data after the end of the picture"
FRAMES = "more than one frame"


def metadata_segments(data: bytes, *, icc: bool = False) -> list[str]:
    """Names of the parts of `data` that could carry anything but the picture."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _png(data, icc)
    if data.startswith(b"\xff\xd8"):
        return _jpeg(data, icc)
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return _webp(data, icc)
    if data.startswith((b"GIF87a", b"GIF89a")):
        return _gif(data)
    return ["unknown format"]


def _jpeg(data: bytes, icc: bool) -> list[str]:
    found: list[str] = []
    position = 2
    while True:
        if position + 2 > len(data):
            return [*found, TRUNCATED]
        if data[position] != 0xFF:
            return [*found, "unexpected data"]
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte before a marker
            position += 1
            continue
        if marker == 0xD9:  # end of image
            position += 2
            break
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # restart markers, TEM: no length
            position += 2
            continue
        if position + 4 > len(data):
            return [*found, TRUNCATED]
        length = struct.unpack(">H", data[position + 2 : position + 4])[0]
        end = position + 2 + length
        if length < 2 or end > len(data):
            return [*found, TRUNCATED]
        if not _jpeg_picture(marker, data[position + 4 : end], icc):
            found.append(f"0x{marker:02X}")
        position = _end_of_scan(data, end) if marker == 0xDA else end
    if position < len(data):
        found.append(TRAILER)
    return found


def _jpeg_picture(marker: int, payload: bytes, icc: bool) -> bool:
    if marker in _JPEG_PICTURE:
        return True
    if marker == 0xE0:  # JFIF, without its optional thumbnail (a copy of the picture)
        return payload.startswith(b"JFIF\0") and len(payload) == 14
    if marker == 0xE2:
        return icc and payload.startswith(b"ICC_PROFILE\0")
    if marker == 0xEE:  # Adobe: the colour transform of CMYK files
        return payload.startswith(b"Adobe") and len(payload) == 12
    return False


def _end_of_scan(data: bytes, position: int) -> int:
    """Where the entropy-coded data after a scan header ends: at the next real marker."""
    index = data.find(b"\xff", position)
    while index != -1 and index + 1 < len(data):
        following = data[index + 1]
        # 0x00 is a stuffed byte, 0xD0-0xD7 restart markers, 0xFF fill: still the scan.
        if following != 0x00 and following != 0xFF and not 0xD0 <= following <= 0xD7:
            return index
        index = data.find(b"\xff", index + 2 if following != 0xFF else index + 1)
    return len(data)


def _png(data: bytes, icc: bool) -> list[str]:
    found: list[str] = []
    position = 8
    allowed = _PNG_PICTURE | _PNG_COLOUR if icc else _PNG_PICTURE
    while True:
        if position + 12 > len(data):
            return [*found, TRUNCATED]
        length, name = struct.unpack(">I4s", data[position : position + 8])
        position += 12 + length
        if position > len(data):
            return [*found, TRUNCATED]
        if name not in allowed:
            found.append(name.decode("latin-1"))
        if name == b"IEND":
            break
    if position < len(data):
        found.append(TRAILER)
    return found


def _webp(data: bytes, icc: bool) -> list[str]:
    found: list[str] = []
    end = 8 + struct.unpack("<I", data[4:8])[0]
    if end > len(data):
        return [TRUNCATED]
    allowed = _WEBP_PICTURE | {b"ICCP"} if icc else _WEBP_PICTURE
    position = 12
    while position < end:
        if position + 8 > end:
            return [*found, TRUNCATED]
        name, length = struct.unpack("<4sI", data[position : position + 8])
        position += 8 + length + (length & 1)
        if position > end:
            return [*found, TRUNCATED]
        if name not in allowed:
            found.append(name.decode("latin-1").strip())
    if end < len(data):
        found.append(TRAILER)
    return found


def _gif(data: bytes) -> list[str]:
    found: list[str] = []
    try:
        position = 13 + _colour_table(data[10])
        frames = 0
        while True:
            block = data[position]
            if block == 0x3B:  # trailer
                position += 1
                break
            if block == 0x21:
                label = data[position + 1]
                position = _sub_blocks(data, position + 2)
                if label != 0xF9:  # graphic control (delay, transparency) is the picture's
                    found.append(_GIF_EXTENSIONS.get(label, f"extension 0x{label:02X}"))
            elif block == 0x2C:
                frames += 1
                position = _sub_blocks(data, position + 11 + _colour_table(data[position + 9]))
            else:
                return [*found, "unexpected data"]
    except IndexError:
        return [*found, TRUNCATED]
    if frames > 1:
        found.append(FRAMES)
    if position < len(data):
        found.append(TRAILER)
    return found


_GIF_EXTENSIONS = {0xFE: "comment", 0xFF: "application extension", 0x01: "plain text"}


def _colour_table(packed: int) -> int:
    return 3 * 2 ** ((packed & 7) + 1) if packed & 0x80 else 0


def _sub_blocks(data: bytes, position: int) -> int:
    """Skip a chain of GIF data sub-blocks; the position after its terminator."""
    while True:
        size = data[position]
        position += 1 + size
        if size == 0:
            return position
        if position > len(data):
            raise IndexError(position)
