"""Setting text in a box: the largest size at which it fits, wrapped between words.

The size is searched between the template's minimum and maximum; at each size the
text is wrapped greedily at break opportunities (spaces, between CJK characters,
after a hyphen), never inside a word. Text that does not fit even at the minimum
size is refused, never cut or drawn outside its box. Multi-line titles are then
balanced: wrapped at the narrowest width that keeps the same number of lines, so
that no word is left alone on the last line.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import regex
from PIL import ImageFont

from .fonts import FontFace, FontLibrary, covers
from .textruns import Cluster, Run, break_after, clusters, paragraph_direction, visual_runs


@dataclass(frozen=True)
class TextStyle:
    face: FontFace
    weight: int
    min_size: int
    max_size: int
    line_height: float = 1.15
    align: str = "start"  # start, center, end (start is the right edge in Arabic and Hebrew)
    vertical_align: str = "top"  # top, middle, bottom
    max_lines: int = 6
    balance: bool = True


@dataclass(frozen=True)
class PlacedRun:
    run: Run
    x: float  # pen position from the box's left edge
    width: float


@dataclass(frozen=True)
class Line:
    runs: list[PlacedRun]
    baseline: float  # from the box's top edge


@dataclass
class TextLayout:
    setter: Typesetter  # holds the fonts each run's `face` index refers to
    size: int
    lines: list[Line]
    missing: list[str] = field(default_factory=list)  # characters no font has

    @property
    def text_lines(self) -> list[str]:
        return ["".join(placed.run.text for placed in line.runs) for line in self.lines]


class TextDoesNotFit(Exception):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


class NeedsComplexLayout(Exception):
    """Right-to-left text and Arabic shaping need Pillow's raqm layout."""


def normalise(text: str) -> str:
    """NFC, one space between words; explicit line breaks are kept."""
    lines = [" ".join(part.split()) for part in unicodedata.normalize("NFC", text).split("\n")]
    return "\n".join(line for line in lines if line)


class Typesetter:
    """Lays out one text in one style; measurements are cached across sizes."""

    def __init__(self, library: FontLibrary, text: str, style: TextStyle) -> None:
        self.library = library
        self.style = style
        self.text = normalise(text)
        self.base = paragraph_direction(self.text)
        self.faces: list[FontFace] = library.chain(style.face, style.weight)
        self.missing: list[str] = []
        self.paragraphs = [clusters(p, self._pick, self._space_face) for p in self.text.split("\n")]
        if not library.complex_layout and any(
            c.direction == "R" for p in self.paragraphs for c in p
        ):
            raise NeedsComplexLayout(self.text)
        self._widths: dict[tuple[int, int, str, bool], float] = {}

    def _pick(self, cluster: str, emoji: bool) -> int:
        # Emoji take a colour font first; text never does (its spaces are wide).
        order = sorted(range(len(self.faces)), key=lambda i: self.faces[i].color != emoji)
        for index in order:
            if covers(self.faces[index], cluster):
                return index
        for face in self.library.system_faces():
            if face.color == emoji and covers(face, cluster):
                self.faces.append(face)
                return len(self.faces) - 1
        if cluster not in self.missing:
            self.missing.append(cluster)
        return 0

    def _space_face(self, previous: int) -> bool:
        face = self.faces[previous]
        return not face.color and covers(face, " ")

    def font(self, face: int, size: int) -> tuple[ImageFont.FreeTypeFont, float]:
        return self.library.load(self.faces[face], size, self.style.weight)

    def width(self, run: Run, size: int) -> float:
        key = (run.face, size, run.text, run.rtl)
        if key not in self._widths:
            font, scale = self.font(run.face, size)
            direction = ("rtl" if run.rtl else "ltr") if self.library.complex_layout else None
            self._widths[key] = font.getlength(run.text, direction=direction) * scale
        return self._widths[key]

    def line_width(self, line: list[Cluster], size: int) -> float:
        return sum(self.width(run, size) for run in visual_runs(_trimmed(line), self.base))

    def wrap(self, size: int, width: float) -> list[list[Cluster]] | None:
        """Lines of clusters at `size` within `width`, or None if a word is too wide."""
        lines: list[list[Cluster]] = []
        for paragraph in self.paragraphs:
            current: list[Cluster] = []
            for word in _words(paragraph):
                candidate = current + word
                if current and self.line_width(candidate, size) > width:
                    lines.append(current)
                    candidate = word
                if self.line_width(candidate, size) > width:
                    return None
                current = candidate
            if current:
                lines.append(current)
        return lines

    def metrics(self, face: int, size: int) -> tuple[float, float]:
        font, scale = self.font(face, size)
        ascent, descent = font.getmetrics()
        return ascent * scale, descent * scale

    def place(self, lines: list[list[Cluster]], size: int, box_width: float) -> list[Line]:
        primary_ascent, primary_descent = self.metrics(0, size)
        pitch = size * self.style.line_height
        placed: list[Line] = []
        baseline, previous_descent = 0.0, primary_descent
        for number, clusters_of_line in enumerate(lines):
            runs = visual_runs(_trimmed(clusters_of_line), self.base)
            faces = {run.face for run in runs} or {0}
            ascent = max(self.metrics(face, size)[0] for face in faces)
            descent = max(self.metrics(face, size)[1] for face in faces)
            if number == 0:
                baseline = ascent
            else:
                baseline += pitch + max(0.0, ascent - primary_ascent)
                baseline += max(0.0, previous_descent - primary_descent)
            previous_descent = descent
            widths = [self.width(run, size) for run in runs]
            free = box_width - sum(widths)
            align = self.style.align
            if self.base == "R":
                align = {"start": "end", "end": "start"}.get(align, align)
            x = {"start": 0.0, "center": free / 2, "end": free}.get(align, 0.0)
            line: list[PlacedRun] = []
            for run, run_width in zip(runs, widths, strict=True):
                line.append(PlacedRun(run, x, run_width))
                x += run_width
            placed.append(Line(line, baseline))
        return placed

    def height(self, lines: list[Line], size: int) -> float:
        if not lines:
            return 0.0
        last = lines[-1]
        descent = max(self.metrics(p.run.face, size)[1] for p in last.runs) if last.runs else 0.0
        return last.baseline + descent


def _trimmed(line: list[Cluster]) -> list[Cluster]:
    end = len(line)
    while end and line[end - 1].space:
        end -= 1
    return line[:end]


def _words(paragraph: list[Cluster]) -> list[list[Cluster]]:
    words: list[list[Cluster]] = []
    current: list[Cluster] = []
    for index, cluster in enumerate(paragraph):
        current.append(cluster)
        if break_after(paragraph, index):
            words.append(current)
            current = []
    if current:
        words.append(current)
    return words


def layout(
    library: FontLibrary, text: str, style: TextStyle, box: tuple[float, float]
) -> TextLayout:
    """The largest setting of `text` that fits `box` (width, height), or `TextDoesNotFit`."""
    setter = Typesetter(library, text, style)
    width, height = box
    low, high = style.min_size, max(style.min_size, style.max_size)
    best: tuple[int, list[list[Cluster]]] | None = None
    while low <= high:
        size = (low + high) // 2
        lines = setter.wrap(size, width)
        if lines is not None and _fits(setter, lines, size, width, height):
            best = (size, lines)
            low = size + 1
        else:
            high = size - 1
    if best is None:
        raise _explain(setter, style, width)
    size, lines = best
    while True:
        if style.balance and len(lines) > 1:
            lines = _balanced(setter, size, width, lines)
        placed = setter.place(lines, size, width)
        if style.vertical_align != "top":
            free = height - setter.height(placed, size)
            shift = free / 2 if style.vertical_align == "middle" else free
            placed = [Line(line.runs, line.baseline + shift) for line in placed]
        contained = _contain(setter, placed, size, width, height)
        if contained is not None:
            return TextLayout(setter, size, contained, setter.missing)
        # A glyph reaches past its advance or the font's ascent (a swash, a stacked
        # accent): try one size smaller rather than draw outside the box.
        size -= 1
        smaller = setter.wrap(size, width) if size >= style.min_size else None
        if smaller is None or not _fits(setter, smaller, size, width, height):
            raise _explain(setter, style, width)
        lines = smaller


def ink(setter: Typesetter, placed: PlacedRun, size: int, baseline: float) -> tuple[float, ...]:
    """The inked rectangle of a run (left, top, right, bottom), relative to the box."""
    font, scale = setter.font(placed.run.face, size)
    direction = ("rtl" if placed.run.rtl else "ltr") if setter.library.complex_layout else None
    left, top, right, bottom = font.getbbox(placed.run.text, anchor="ls", direction=direction)
    if setter.faces[placed.run.face].color:
        # Bitmap emoji are scaled and rounded to whole pixels when drawn.
        left, top, right, bottom = (
            left - 1 / scale,
            top - 1 / scale,
            right + 1 / scale,
            bottom + 1 / scale,
        )
    return (
        placed.x + left * scale,
        baseline + top * scale,
        placed.x + right * scale,
        baseline + bottom * scale,
    )


def _contain(
    setter: Typesetter, lines: list[Line], size: int, width: float, height: float
) -> list[Line] | None:
    """Shift lines so every glyph's ink is inside the box, or None when it cannot be."""
    boxes = [[ink(setter, p, size, line.baseline) for p in line.runs] for line in lines]
    top = min((b[1] for row in boxes for b in row), default=0.0)
    bottom = max((b[3] for row in boxes for b in row), default=0.0)
    if bottom - top > height:
        return None
    dy = -top if top < 0 else min(0.0, height - bottom)
    contained = []
    for line, row in zip(lines, boxes, strict=True):
        left = min((b[0] for b in row), default=0.0)
        right = max((b[2] for b in row), default=0.0)
        if right - left > width:
            return None
        dx = -left if left < 0 else min(0.0, width - right)
        runs = [PlacedRun(p.run, p.x + dx, p.width) for p in line.runs]
        contained.append(Line(runs, line.baseline + dy))
    return contained


def _fits(
    setter: Typesetter, lines: list[list[Cluster]], size: int, width: float, height: float
) -> bool:
    if len(lines) > setter.style.max_lines:
        return False
    return setter.height(setter.place(lines, size, width), size) <= height


def _balanced(
    setter: Typesetter, size: int, width: float, lines: list[list[Cluster]]
) -> list[list[Cluster]]:
    """The same number of lines at the narrowest width that still gives that many."""
    low, high, best = width * 0.5, width, lines
    for _ in range(8):
        middle = (low + high) / 2
        trial = setter.wrap(size, middle)
        if trial is not None and len(trial) == len(lines):
            best, high = trial, middle
        else:
            low = middle
    return best


def _explain(setter: Typesetter, style: TextStyle, width: float) -> TextDoesNotFit:
    size = style.min_size
    for paragraph in setter.paragraphs:
        for word in _words(paragraph):
            if setter.line_width(word, size) > width:
                shown = "".join(c.text for c in _trimmed(word))
                return TextDoesNotFit(
                    f"the word `{shown}` is wider than its box even at {size} px",
                    "shorten or split the word; socialplan never breaks words",
                )
    words = len(regex.findall(r"\w+", setter.text))
    return TextDoesNotFit(
        f"the text ({words} words) does not fit its box even at {size} px"
        f" in {style.max_lines} lines",
        "shorten it; a card is read in a second or two",
    )
