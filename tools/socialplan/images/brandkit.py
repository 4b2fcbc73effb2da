"""The brand's look, as cards use it: palette roles, font faces, logo.

Read from `visual:` in strategy/brand.yaml. A colour role the brand does not
define falls back to a related one (secondary → background, accent → primary);
a font family that is in no font folder falls back to the font shipped with
socialplan, with a warning that says where to put the real one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from ..load.files import inside
from ..load.model import Repo, mapping, text
from .fonts import BUNDLED, DEFAULT_FAMILY, FontFace, FontLibrary
from .sources import ImageRefused, read_source

Colour = tuple[int, int, int]
ROLE_FALLBACKS = {"secondary": "background", "accent": "primary"}
DEFAULT_COLOURS = {"primary": "#222222", "text": "#111111", "background": "#FFFFFF"}
FONT_ROLES = ("heading", "body")


@dataclass(frozen=True)
class Issue:
    """A problem with the brand's look, located in strategy/brand.yaml."""

    code: str
    message: str
    hint: str
    pointer: tuple[str | int, ...]
    is_error: bool = False


@dataclass
class BrandKit:
    colours: dict[str, Colour]
    families: dict[str, str]  # font role -> family found in the font folders
    logo: Image.Image | None
    fingerprint: str  # of everything above, for the cache key
    issues: list[Issue] = field(default_factory=list)

    def colour(self, role: str) -> Colour:
        return self.colours[role]

    def face(self, library: FontLibrary, role: str, weight: int) -> FontFace:
        found = library.find(self.families.get(role, DEFAULT_FAMILY), weight)
        found = found or library.find(DEFAULT_FAMILY, weight)
        if found is None:  # pragma: no cover - the bundled font is always there
            raise RuntimeError(f"socialplan's own font {DEFAULT_FAMILY} is missing")
        return found


def hex_colour(value: str) -> Colour:
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def font_folders(root: Path) -> list[Path]:
    """Where fonts are looked for: the brand repository's, then socialplan's."""
    return [root / "assets" / "fonts", BUNDLED]


def brand_colours(visual: dict[str, Any]) -> dict[str, Colour]:
    given = {k: v for k, v in mapping(visual, "colors").items() if isinstance(v, str)}
    colours: dict[str, str] = {**DEFAULT_COLOURS, **given}
    for role, fallback in ROLE_FALLBACKS.items():
        colours.setdefault(role, colours[fallback])
    result = {}
    for role, value in colours.items():
        try:
            result[role] = hex_colour(value)
        except ValueError:  # the schema reports the bad value
            result[role] = hex_colour(colours.get(ROLE_FALLBACKS.get(role, ""), "#000000"))
    return result


def font_issues(visual: dict[str, Any], library: FontLibrary) -> tuple[dict[str, str], list[Issue]]:
    families: dict[str, str] = {}
    issues: list[Issue] = []
    fonts = mapping(visual, "fonts")
    for role in FONT_ROLES:
        wanted = text(fonts, role) or text(fonts, "body") or DEFAULT_FAMILY
        if library.find(wanted) is None:
            known = ", ".join(library.families()) or "none"
            issues.append(
                Issue(
                    "font-not-found",
                    f"the {role} font `{wanted}` is in no font folder; cards use"
                    f" {DEFAULT_FAMILY} instead",
                    f"put its font files (.ttf or .otf) and licence in assets/fonts/; fonts found:"
                    f" {known}",
                    ("visual", "fonts", role) if role in fonts else ("visual",),
                )
            )
            wanted = DEFAULT_FAMILY
        families[role] = wanted
    return families, issues


def load_brand(repo: Repo, library: FontLibrary, max_pixels: int) -> BrandKit:
    """The brand's look; problems become `issues`, never exceptions."""
    visual = mapping(repo.brand, "visual")
    colours = brand_colours(visual)
    families, issues = font_issues(visual, library)
    digest = hashlib.sha256(json.dumps(visual, sort_keys=True, default=str).encode())
    logo: Image.Image | None = None
    logo_file = text(visual, "logo")
    if logo_file and inside(repo.root / logo_file, repo.root):  # else rules/media.py reports it
        path = repo.root / logo_file
        try:
            source = read_source(path, logo_file, max_pixels, needed_side=1024)
            logo = source.image.convert("RGBA")
            digest.update(source.sha256.encode())
        except ImageRefused as refused:
            issues.append(
                Issue(refused.code, refused.message, refused.hint, ("visual", "logo"), True)
            )
    return BrandKit(colours, families, logo, digest.hexdigest(), issues)
