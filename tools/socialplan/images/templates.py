"""Card templates: YAML files that lay out a card, checked by a schema.

A brand repository's own `templates/cards/<id>.yaml` wins over the template of
the same id shipped with socialplan. Boxes are fractions of the card, so one
template serves every network's canvas; a `portrait:` section moves boxes for
cards taller than wide.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from ..load import schema, yamlio
from ..load.locate import position
from ..problems import Pointer, Problem, error

BUILTIN = Path(__file__).resolve().parent / "bundled_templates"
TEMPLATES = Path("templates", "cards")
KIND = "card-template"
EPSILON = 1e-6


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    def pixels(self, canvas: tuple[int, int]) -> tuple[int, int, int, int]:
        """Left, top, width and height in pixels on a canvas of `canvas` size."""
        left, top = round(self.x * canvas[0]), round(self.y * canvas[1])
        right = round((self.x + self.width) * canvas[0])
        bottom = round((self.y + self.height) * canvas[1])
        return left, top, right - left, bottom - top


FULL = Box(0.0, 0.0, 1.0, 1.0)


@dataclass(frozen=True)
class TextBox:
    box: Box
    color: str
    size_min: float
    size_max: float
    font: str = "heading"
    weight: int = 400
    line_height: float = 1.15
    align: str = "start"
    vertical_align: str = "top"
    max_lines: int = 6
    balance: bool = True


@dataclass(frozen=True)
class Shape:
    box: Box
    color: str
    opacity: float = 1.0
    radius: float = 0.0


@dataclass(frozen=True)
class Overlay:
    color: str
    opacity: float
    gradient: str = "none"


@dataclass(frozen=True)
class Mark:
    text: str
    box: Box
    color: str
    font: str = "heading"
    weight: int = 700


@dataclass(frozen=True)
class LogoSlot:
    box: Box
    align: str = "start"
    vertical_align: str = "top"
    tint: str | None = None


@dataclass(frozen=True)
class CardTemplate:
    id: str
    rel: str  # how the file is shown in messages
    sha256: str  # of the file, for the cache key
    title: TextBox
    background: str = "background"
    photo_box: Box = FULL
    overlay: Overlay | None = None
    shapes: tuple[Shape, ...] = ()
    mark: Mark | None = None
    subtitle: TextBox | None = None
    logo: LogoSlot | None = None
    portrait: tuple[tuple[str, Any], ...] = ()

    def for_canvas(self, size: tuple[int, int]) -> CardTemplate:
        """The template as laid out on a canvas of `size` (portrait boxes when taller)."""
        if size[1] <= size[0] or not self.portrait:
            return self
        changes = dict(self.portrait)
        result = self
        if "photo_box" in changes:
            result = replace(result, photo_box=changes["photo_box"])
        if "overlay" in changes:
            result = replace(result, overlay=changes["overlay"])
        if "shapes" in changes:
            result = replace(result, shapes=changes["shapes"])
        for name in ("title", "subtitle", "logo", "mark"):
            part = getattr(result, name)
            if part is not None and f"{name}_box" in changes:
                result = replace(result, **{name: replace(part, box=changes[f"{name}_box"])})
        return result


def template_files(root: Path) -> dict[str, Path]:
    """Every template id available to the repository at `root`, and its file."""
    found: dict[str, Path] = {}
    for folder in (root / TEMPLATES, BUILTIN):
        if folder.is_dir():
            for path in sorted(folder.glob("*.yaml")):
                found.setdefault(path.stem, path)
    return found


def shown_path(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return f"(socialplan) {TEMPLATES.as_posix()}/{path.name}"


def load_template(path: Path, root: Path) -> CardTemplate | list[Problem]:
    """The template in `path`, or every problem that keeps it from being used."""
    stat = path.stat()
    return _load(path, shown_path(path, root), (stat.st_size, stat.st_mtime_ns))


@cache
def _load(path: Path, rel: str, _stamp: tuple[int, int]) -> CardTemplate | list[Problem]:
    raw = path.read_bytes()
    text = raw.decode("utf-8", errors="replace")
    try:
        data = yamlio.parse(text)
    except yamlio.YamlRefused as refused:
        issue = refused.issue
        return [error(issue.code, rel, issue.message, issue.hint, line=issue.line, col=issue.col)]
    if not isinstance(data, dict):
        return [error("not-a-mapping", rel, "a card template is a mapping of keys", "", line=1)]
    problems = schema.check(KIND, data, rel) + list(_meaning(data, rel))
    if problems:
        return locate(problems, text)
    return build(path.stem, rel, hashlib.sha256(raw).hexdigest(), data)


def _boxes(data: Any, pointer: Pointer) -> list[tuple[dict[str, Any], Pointer]]:
    found: list[tuple[dict[str, Any], Pointer]] = []
    if isinstance(data, dict):
        if {"x", "y", "width", "height"} <= set(data):
            found.append((data, pointer))
        for key, value in data.items():
            found.extend(_boxes(value, (*pointer, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(_boxes(value, (*pointer, index)))
    return found


def _numbers(*values: Any) -> bool:
    """Whether every value is a number (the schema reports any other)."""
    return all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)


def _meaning(data: dict[str, Any], rel: str) -> list[Problem]:
    problems = []
    for box, pointer in _boxes(data, ()):
        for start, length, axis in (("x", "width", "width"), ("y", "height", "height")):
            if _numbers(box[start], box[length]) and box[start] + box[length] > 1 + EPSILON:
                problems.append(
                    error(
                        "box-outside-card",
                        rel,
                        f"this box reaches past the card's {axis}: {start} + {length} ="
                        f" {box[start] + box[length]:g}",
                        f"keep {start} + {length} at most 1",
                        pointer=pointer,
                    )
                )
    for name in ("title", "subtitle"):
        part = data.get(name)
        size = part.get("size") if isinstance(part, dict) else None
        if (
            isinstance(size, dict)
            and _numbers(size.get("min"), size.get("max"))
            and size["min"] > size["max"]
        ):
            problems.append(
                error(
                    "size-range-reversed",
                    rel,
                    f"the {name}'s smallest size ({size['min']}) is larger than its largest"
                    f" ({size['max']})",
                    "swap `min` and `max`",
                    pointer=(name, "size"),
                )
            )
    return problems


def locate(problems: list[Problem], text: str) -> list[Problem]:
    """Fill in lines and columns, since template files are not part of the loaded repo."""
    tree = yamlio.compose_quietly(text)
    located = []
    for problem in problems:
        if problem.line == 0:
            line, col = position(tree, problem.pointer or (), problem.on_key)
            problem = replace(problem, line=line, col=col)
        located.append(problem)
    return located


def _box(data: dict[str, Any]) -> Box:
    return Box(float(data["x"]), float(data["y"]), float(data["width"]), float(data["height"]))


def _text_box(data: dict[str, Any]) -> TextBox:
    return TextBox(
        box=_box(data["box"]),
        color=data["color"],
        size_min=float(data["size"]["min"]),
        size_max=float(data["size"]["max"]),
        font=data.get("font", "heading"),
        weight=int(data.get("weight", 400)),
        line_height=float(data.get("line_height", 1.15)),
        align=data.get("align", "start"),
        vertical_align=data.get("vertical_align", "top"),
        max_lines=int(data.get("max_lines", 6)),
        balance=bool(data.get("balance", True)),
    )


def _overlay(data: dict[str, Any]) -> Overlay:
    return Overlay(data["color"], float(data["opacity"]), data.get("gradient", "none"))


def _shapes(items: list[dict[str, Any]]) -> tuple[Shape, ...]:
    return tuple(
        Shape(_box(s["box"]), s["color"], float(s.get("opacity", 1)), float(s.get("radius", 0)))
        for s in items
    )


def build(template_id: str, rel: str, sha256: str, data: dict[str, Any]) -> CardTemplate:
    """A `CardTemplate` from data that passed the schema."""
    background = data.get("background", {})
    photo = background.get("photo", {})
    overlay = photo.get("overlay")
    mark = data.get("mark")
    logo = data.get("logo")
    portrait: list[tuple[str, Any]] = []
    for key, value in data.get("portrait", {}).items():
        if key == "shapes":
            portrait.append((key, _shapes(value)))
        elif key == "overlay":
            portrait.append((key, _overlay(value)))
        else:
            portrait.append((key, _box(value)))
    return CardTemplate(
        id=template_id,
        rel=rel,
        sha256=sha256,
        title=_text_box(data["title"]),
        background=background.get("color", "background"),
        photo_box=_box(photo["box"]) if "box" in photo else FULL,
        overlay=_overlay(overlay) if overlay else None,
        shapes=_shapes(data.get("shapes", [])),
        mark=Mark(
            mark["text"],
            _box(mark["box"]),
            mark["color"],
            mark.get("font", "heading"),
            int(mark.get("weight", 700)),
        )
        if mark
        else None,
        subtitle=_text_box(data["subtitle"]) if "subtitle" in data else None,
        logo=LogoSlot(
            _box(logo["box"]),
            logo.get("align", "start"),
            logo.get("vertical_align", "top"),
            logo.get("tint"),
        )
        if logo
        else None,
        portrait=tuple(portrait),
    )
