"""Fonts for cards: the brand's, the fallbacks, and which one draws each character.

Font files are looked for in the brand repository's `assets/fonts/` first, then
in the fonts shipped with socialplan, so cards look the same on every machine.
Each folder's `fallback/` subfolder holds fonts for what the brand font lacks
(colour emoji, CJK, Arabic, Hebrew). Only for characters that none of those has
are the machine's own fonts consulted (Noto, DejaVu), which makes such cards
depend on the machine; the font fingerprint in the cache key notices.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont, TTLibError, woff2  # type: ignore[import-untyped]
from PIL import ImageFont, features

BUNDLED = Path(__file__).resolve().parent / "bundled_fonts"
DEFAULT_FAMILY = "Atkinson Hyperlegible"
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc", ".woff2")
SYSTEM_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path("/Library/Fonts"),
    Path("/System/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)
# Machine fonts worth asking, best first; any other Noto Sans face comes after.
SYSTEM_PREFERRED = (
    "NotoColorEmoji.ttf",
    "NotoSansCJK-Bold.ttc",
    "NotoSansCJK-Regular.ttc",
    "NotoSans-Bold.ttf",
    "NotoSans-Regular.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSans.ttf",
)


@dataclass(frozen=True)
class FontFace:
    path: Path
    family: str
    weight: int
    italic: bool
    axes: tuple[str, ...] = ()  # variation axis tags, in the font's order
    axis_ranges: tuple[tuple[float, float, float], ...] = ()  # (min, default, max)
    strikes: tuple[int, ...] = ()  # pixel sizes of a bitmap colour font (Noto Color Emoji)
    color: bool = False

    @property
    def variable(self) -> bool:
        return bool(self.axes)


@cache
def _read(path: Path, stamp: tuple[int, int]) -> tuple[FontFace, frozenset[int]] | None:
    try:
        with TTFont(path, lazy=True, fontNumber=0) as font:
            return _describe(path, font)
    except (TTLibError, OSError, KeyError, ValueError, AssertionError):
        return None


def _describe(path: Path, font: TTFont) -> tuple[FontFace, frozenset[int]]:
    """What socialplan needs to know of a font: its name, weight, axes, strikes, characters."""
    name = font["name"].getBestFamilyName() or path.stem
    os2 = font.get("OS/2")
    weight = int(os2.usWeightClass) if os2 is not None else 400
    italic = bool(os2.fsSelection & 1) if os2 is not None else False
    axes: tuple[str, ...] = ()
    ranges: tuple[tuple[float, float, float], ...] = ()
    if "fvar" in font:
        fvar = font["fvar"].axes
        axes = tuple(axis.axisTag for axis in fvar)
        ranges = tuple((axis.minValue, axis.defaultValue, axis.maxValue) for axis in fvar)
    strikes: tuple[int, ...] = ()
    if "CBLC" in font:
        strikes = tuple(s.bitmapSizeTable.ppemY for s in font["CBLC"].strikes)
    elif "sbix" in font:
        strikes = tuple(sorted(font["sbix"].strikes))
    color = any(tag in font for tag in ("CBDT", "sbix", "COLR"))
    coverage = frozenset(font.getBestCmap() or {})
    face = FontFace(path, name, weight, italic, axes, ranges, strikes, color)
    return face, coverage


def read_face(path: Path) -> FontFace | None:
    """The face in a font file (the first of a collection), or None if it is no font."""
    found = _read(path, _stamp(path))
    return found[0] if found else None


def covers(face: FontFace, cluster: str) -> bool:
    """True when `face` has a glyph for every character of a grapheme cluster."""
    found = _read(face.path, _stamp(face.path))
    if found is None:
        return False
    coverage = found[1]
    return all(ord(c) in coverage for c in cluster if c not in IGNORABLE)


# Joiners and selectors a shaper handles even when the font lacks them.
IGNORABLE = frozenset("\u200d\u200c\ufe0e\ufe0f\u200e\u200f")


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (0, 0)
    return (stat.st_size, stat.st_mtime_ns)


def font_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES)


@cache
def _font_bytes(path: Path, stamp: tuple[int, int]) -> bytes:
    """The font as FreeType reads it fastest: WOFF2 unpacked once, not at every size."""
    data = path.read_bytes()
    if data[:4] != b"wOF2":
        return data
    out = io.BytesIO()
    woff2.decompress(io.BytesIO(data), out)
    return out.getvalue()


def raqm_available() -> bool:
    """Complex scripts (Arabic) and right-to-left text need Pillow's libraqm layout."""
    return bool(features.check_feature("raqm"))


class FontLibrary:
    """The fonts a brand's cards may use, found once per run."""

    def __init__(
        self, folders: Sequence[Path], *, system: bool = True, complex_layout: bool | None = None
    ) -> None:
        unique = list(dict.fromkeys(f.resolve() for f in folders if f.is_dir()))
        self.folders = unique
        self.faces = self._faces(p for folder in unique for p in font_files(folder))
        self._fallbacks: list[FontFace] | None = None
        self.use_system = system
        self._system: list[Path] | None = None
        self.complex_layout = raqm_available() if complex_layout is None else complex_layout
        self._loaded: dict[tuple[Path, int, int], ImageFont.FreeTypeFont] = {}

    @property
    def fallbacks(self) -> list[FontFace]:
        """The fonts of the `fallback/` folders, read on first need (the CJK one is large)."""
        if self._fallbacks is None:
            folders = [folder / "fallback" for folder in self.folders]
            self._fallbacks = self._faces(p for f in folders for p in font_files(f))
        return self._fallbacks

    @staticmethod
    def _faces(paths: Iterable[Path]) -> list[FontFace]:
        return [face for face in map(read_face, paths) if face is not None]

    @property
    def layout_engine(self) -> ImageFont.Layout:
        return ImageFont.Layout.RAQM if self.complex_layout else ImageFont.Layout.BASIC

    def families(self) -> list[str]:
        return sorted({face.family for face in self.faces})

    def find(self, family: str, weight: int = 400) -> FontFace | None:
        """The upright face of `family` closest to `weight` (a variable font has them all)."""
        matching = [
            f for f in self.faces if f.family.casefold() == family.casefold() and not f.italic
        ]
        if not matching:
            return None
        return min(matching, key=lambda f: (0 if f.variable else abs(f.weight - weight), -f.weight))

    def chain(self, primary: FontFace, weight: int) -> list[FontFace]:
        """The fonts tried for each character, in order: brand, shipped fallbacks, machine."""
        by_family: dict[str, list[FontFace]] = {}
        for face in self.fallbacks:
            if not face.italic:
                by_family.setdefault(face.family, []).append(face)
        shipped = [min(faces, key=lambda f: abs(f.weight - weight)) for faces in by_family.values()]
        return [primary, *shipped]

    def system_faces(self) -> Iterator[FontFace]:
        """Machine fonts, best first, each read only when no earlier one had a character."""
        if self._system is None:
            self._system = self._system_paths() if self.use_system else []
        for path in self._system:
            face = read_face(path)
            if face is not None:
                yield face

    def _system_paths(self) -> list[Path]:
        found: dict[str, Path] = {}
        for folder in SYSTEM_DIRS:
            if not folder.is_dir():
                continue
            for dirpath, _, names in os.walk(folder):
                for name in names:
                    if name in SYSTEM_PREFERRED or (
                        name.startswith("NotoSans") and name.endswith(("-Regular.ttf", "-Bold.ttf"))
                    ):
                        found.setdefault(name, Path(dirpath, name))
        rank = {name: i for i, name in enumerate(SYSTEM_PREFERRED)}
        return [found[n] for n in sorted(found, key=lambda n: (rank.get(n, len(rank)), n))]

    def load(self, face: FontFace, size: int, weight: int) -> tuple[ImageFont.FreeTypeFont, float]:
        """`face` at `size` pixels, and the scale to apply (bitmap fonts have fixed sizes)."""
        scale = 1.0
        if face.strikes:
            strike = min(face.strikes, key=lambda s: (s < size, abs(s - size)))
            scale, size = size / strike, strike
        key = (face.path, size, weight)
        font = self._loaded.get(key)
        if font is None:
            data = io.BytesIO(_font_bytes(face.path, _stamp(face.path)))
            font = ImageFont.truetype(data, size=size, layout_engine=self.layout_engine)
            if face.variable:
                font.set_variation_by_axes(list(self._axis_values(face, size, weight)))
            self._loaded[key] = font
        return font, scale

    @staticmethod
    def _axis_values(face: FontFace, size: int, weight: int) -> Iterable[float]:
        for tag, (low, default, high) in zip(face.axes, face.axis_ranges, strict=True):
            wanted = {"wght": weight, "opsz": size * 0.75}.get(tag, default)
            yield min(max(float(wanted), low), high)

    def fingerprint(self) -> str:
        """Changes whenever a font that could draw a card changes."""
        digest = hashlib.sha256(b"layout:" + str(self.complex_layout).encode())
        for folder in self.folders:
            for path in [*font_files(folder), *font_files(folder / "fallback")]:
                digest.update(path.name.encode() + hashlib.sha256(path.read_bytes()).digest())
        if self.use_system:
            for path in self._system_paths():
                digest.update(str(path).encode() + repr(_stamp(path)).encode())
        return digest.hexdigest()
