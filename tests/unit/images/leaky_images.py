"""Images that carry everything a camera, a phone or an editor puts in a file.

Every piece of metadata holds the word SECRET, so that a copy which kept any of
it shows in its raw bytes. Each maker returns the file's bytes; `ICC` is the
colour profile the photos carry (which may be kept).
"""

from __future__ import annotations

import io
import struct

from PIL import Image, ImageCms, PngImagePlugin

GPS_IFD = 0x8825
ORIENTATION = 0x0112
ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf='
    b'"http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description'
    b' xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="SECRET-XMP"/>'
    b"</rdf:RDF></x:xmpmeta>"
)
# What must never be found in a published image's bytes.
FORBIDDEN = (
    b"SECRET",
    b"Exif",
    b"http://ns.adobe.com/xap",
    b"tEXt",
    b"iTXt",
    b"zTXt",
    b"eXIf",
    b"Photoshop 3.0",
    b"8BIM",
)


def exif(orientation: int = 1) -> Image.Exif:
    """EXIF as a phone writes it: make, software, orientation and where it was taken."""
    found = Image.Exif()
    found[ORIENTATION] = orientation
    found[0x010F] = "SECRET-MAKE"
    found[0x0131] = "SECRET-SOFTWARE"
    gps = found.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (51.0, 27.0, 12.5)  # Bristol
    gps[3] = "W"
    gps[4] = (2.0, 35.0, 1.2)
    gps[0x12] = "SECRET-GPS-DATUM"
    return found


def sideways() -> Image.Image:
    """Stored 400 x 300 with a red left half: upright (orientation 6) it is 300 x 400,
    red at the top."""
    image = Image.new("RGB", (400, 300), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 200, 300))
    return image


def _iptc_segment() -> bytes:
    """An APP13 segment (Photoshop's image resources) with an IPTC caption."""
    caption = b"SECRET-IPTC caption"
    record = b"\x1c\x02\x78" + struct.pack(">H", len(caption)) + caption
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(record)) + record
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def leaky_jpeg(orientation: int = 6) -> bytes:
    """A phone photo: sideways with an orientation tag, GPS, XMP, IPTC, a comment, ICC."""
    out = io.BytesIO()
    sideways().save(
        out,
        "JPEG",
        quality=92,
        exif=exif(orientation),
        xmp=XMP,
        comment=b"SECRET-COMMENT",
        icc_profile=ICC,
    )
    data = out.getvalue()
    return data[:2] + _iptc_segment() + data[2:]


def leaky_png(mode: str = "RGB") -> bytes:
    """A PNG with tEXt, iTXt, zTXt, XMP, EXIF (eXIf) and a colour profile."""
    image = Image.new(mode, (120, 80), (30, 120, 200, 255)[: len(mode)])
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "SECRET-tEXt")
    info.add_itxt("Description", "SECRET-iTXt", lang="en")
    info.add_text("Author", "SECRET-zTXt", zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info, icc_profile=ICC, exif=exif())
    return out.getvalue()


def leaky_webp() -> bytes:
    """A WebP with EXIF (GPS), XMP and a colour profile."""
    out = io.BytesIO()
    Image.new("RGB", (160, 90), (200, 80, 40)).save(
        out, "WEBP", quality=85, exif=exif(), xmp=XMP, icc_profile=ICC
    )
    return out.getvalue()


def leaky_gif() -> bytes:
    """An animated GIF of two frames, with a comment."""
    frames = [Image.new("P", (64, 48), colour) for colour in (1, 2)]
    for frame in frames:
        frame.putpalette([0, 0, 0, 250, 20, 20, 20, 20, 250] + [0] * 759)
    out = io.BytesIO()
    frames[0].save(
        out,
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=200,
        loop=0,
        comment=b"SECRET-GIF-COMMENT",
    )
    return out.getvalue()


def leaky_logo() -> bytes:
    """A transparent logo exported with a comment and XMP."""
    image = Image.new("RGBA", (256, 256), (0, 0, 0, 0))
    image.paste((62, 42, 30, 255), (32, 32, 224, 224))
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "SECRET-LOGO-COMMENT")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info)
    return out.getvalue()


def truncated_jpeg() -> bytes:
    """A JPEG cut short, as an interrupted copy leaves it: its header is whole."""
    out = io.BytesIO()
    Image.effect_noise((320, 240), 40).convert("RGB").save(out, "JPEG", quality=90)
    data = out.getvalue()
    return data[: len(data) // 2]


SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script><metadata>SECRET</metadata></svg>\n"
)
