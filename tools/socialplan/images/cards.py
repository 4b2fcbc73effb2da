"""Drawing a card: background, photo and overlay, shapes, mark, title, subtitle, logo.

Layers are drawn in that order on an RGBA canvas. Text never leaves its box: it
is set by `textlayout`, which refuses text that cannot fit. Each text's contrast
with what lies under it is measured (WCAG 2 ratio) so that a photo too bright
for white text is caught before anyone posts it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageDraw

from .brandkit import BrandKit, Colour
from .fitting import Focus, cover
from .fonts import FontLibrary, covers
from .templates import Box, CardTemplate, LogoSlot, Mark, Overlay, TextBox
from .textdraw import draw_text
from .textlayout import NeedsComplexLayout, TextDoesNotFit, TextStyle, layout

# WCAG 2: 3:1 for large text (titles and subtitles on a card are all large).
MIN_CONTRAST = 3.0


@dataclass(frozen=True)
class CardContent:
    title: str
    subtitle: str | None = None
    background: Image.Image | None = None
    focus: Focus = (0.5, 0.5)


@dataclass(frozen=True)
class CardNote:
    code: str
    message: str
    hint: str
    field: str  # "title", "subtitle", "background" or "template"


class CardFailed(Exception):
    def __init__(self, code: str, message: str, hint: str, field: str) -> None:
        super().__init__(message)
        self.code, self.message, self.hint, self.field = code, message, hint, field


def render_card(
    template: CardTemplate,
    size: tuple[int, int],
    brand: BrandKit,
    content: CardContent,
    library: FontLibrary,
) -> tuple[Image.Image, list[CardNote]]:
    """The card as RGB pixels, with warnings; `CardFailed` when it cannot be drawn."""
    template = template.for_canvas(size)
    notes: list[CardNote] = []
    canvas = Image.new("RGBA", size, (*brand.colour(template.background), 255))
    if content.background is not None:
        _photo(canvas, template.photo_box, content, template.overlay, brand)
    for shape in template.shapes:
        _rectangle(canvas, shape.box, brand.colour(shape.color), shape.opacity, shape.radius)
    if template.mark is not None:
        _mark(canvas, template.mark, brand, library)
    texts = [("title", template.title, content.title)]
    if template.subtitle is not None and content.subtitle:
        texts.append(("subtitle", template.subtitle, content.subtitle))
    for name, slot, words in texts:
        notes.extend(_text(canvas, name, slot, words, brand, library))
    if template.logo is not None and brand.logo is not None:
        _logo(canvas, template.logo, brand)
    return canvas.convert("RGB"), notes


def _photo(
    canvas: Image.Image,
    box: Box,
    content: CardContent,
    overlay: Overlay | None,
    brand: BrandKit,
) -> None:
    assert content.background is not None
    left, top, width, height = box.pixels(canvas.size)
    if width < 1 or height < 1:
        return
    photo = cover(content.background.convert("RGBA"), (width, height), content.focus)
    canvas.alpha_composite(photo, (left, top))
    if overlay is None or overlay.opacity <= 0:
        return
    alpha = _gradient((width, height), overlay.opacity, overlay.gradient)
    layer = Image.new("RGBA", (width, height), (*brand.colour(overlay.color), 0))
    layer.putalpha(alpha)
    canvas.alpha_composite(layer, (left, top))


def _gradient(size: tuple[int, int], opacity: float, strongest: str) -> Image.Image:
    """Opacity as a mask: even, or fading from `strongest` side to 15% of it."""
    full = round(255 * opacity)
    if strongest == "none":
        return Image.new("L", size, full)
    ramp = Image.linear_gradient("L")  # 256 x 256, black at the top, white at the bottom
    ramp = ramp.point(lambda v: round(full * (1 - 0.85 * v / 255)))
    turn = {
        "bottom": Image.Transpose.ROTATE_180,
        "left": Image.Transpose.ROTATE_90,  # counter-clockwise: the top edge goes left
        "right": Image.Transpose.ROTATE_270,
    }.get(strongest)
    if turn is not None:
        ramp = ramp.transpose(turn)
    return ramp.resize(size, Image.Resampling.BILINEAR)


def _rectangle(
    canvas: Image.Image, box: Box, colour: Colour, opacity: float, radius: float
) -> None:
    left, top, width, height = box.pixels(canvas.size)
    if width < 1 or height < 1:
        return
    layer = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    corner = round(radius * min(canvas.size))
    fill = (*colour, round(255 * opacity))
    ImageDraw.Draw(layer).rounded_rectangle(
        (left, top, left + width - 1, top + height - 1), radius=corner, fill=fill
    )
    canvas.alpha_composite(layer)


def _mark(canvas: Image.Image, mark: Mark, brand: BrandKit, library: FontLibrary) -> None:
    """A decorative character scaled so its ink fills the box's height or width."""
    left, top, width, height = mark.box.pixels(canvas.size)
    face = brand.face(library, mark.font, mark.weight)
    chain = [f for f in library.chain(face, mark.weight) if not f.color]
    face = next((f for f in chain if covers(f, mark.text)), None) or face
    probe, _ = library.load(face, 200, mark.weight)
    ink = probe.getbbox(mark.text, anchor="ls")
    ink_w, ink_h = ink[2] - ink[0], ink[3] - ink[1]
    if ink_w <= 0 or ink_h <= 0 or width < 1 or height < 1:
        return
    size = max(1, int(200 * min(width / ink_w, height / ink_h)))
    font, _ = library.load(face, size, mark.weight)
    ink = font.getbbox(mark.text, anchor="ls")
    position = (left - ink[0], top - ink[1])
    ImageDraw.Draw(canvas).text(
        position, mark.text, font=font, fill=brand.colour(mark.color), anchor="ls"
    )


def _text(
    canvas: Image.Image,
    name: str,
    slot: TextBox,
    words: str,
    brand: BrandKit,
    library: FontLibrary,
) -> list[CardNote]:
    left, top, width, height = slot.box.pixels(canvas.size)
    short = min(canvas.size)
    style = TextStyle(
        face=brand.face(library, slot.font, slot.weight),
        weight=slot.weight,
        min_size=max(6, round(slot.size_min * short)),
        max_size=max(6, round(slot.size_max * short)),
        line_height=slot.line_height,
        align=slot.align,
        vertical_align=slot.vertical_align,
        max_lines=slot.max_lines,
        balance=slot.balance,
    )
    try:
        laid_out = layout(library, words, style, (width, height))
    except TextDoesNotFit as refused:
        raise CardFailed(
            "card-text-too-long",
            f"the card's {name} does not fit: {refused.message} ({width} × {height} px box"
            f" on a {canvas.width} × {canvas.height} card)",
            refused.hint,
            name,
        ) from None
    except NeedsComplexLayout:
        raise CardFailed(
            "complex-text-unsupported",
            f"the card's {name} is written right to left (Arabic or Hebrew), which this"
            " installation cannot lay out: Pillow has no libraqm here",
            "install the FriBiDi library (Debian: apt-get install libfribidi0) or a Pillow"
            " wheel with raqm; the card was not drawn rather than drawn wrong",
            name,
        ) from None
    notes = []
    colour = brand.colour(slot.color)
    ratio = contrast_under(canvas, (left, top, width, height), colour)
    if ratio < MIN_CONTRAST:
        notes.append(
            CardNote(
                "card-low-contrast",
                f"the card's {name} has a contrast of {ratio:.1f}:1 with what lies under it"
                f" on the {canvas.width} × {canvas.height} card; at least {MIN_CONTRAST:g}:1"
                " is needed to read it",
                "choose a darker or calmer background photo, move its focus, or raise the"
                " template's overlay opacity",
                "background" if name == "title" else name,
            )
        )
    if laid_out.missing:
        shown = " ".join(laid_out.missing)
        notes.append(
            CardNote(
                "missing-glyph",
                f"no font has {shown} (in the card's {name}); it shows as an empty box",
                "remove the character, or add a font that has it to assets/fonts/fallback/",
                name,
            )
        )
    draw_text(canvas, laid_out, (left, top), colour)
    return notes


def relative_luminance(colour: Colour) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = colour
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(first: Colour, second: Colour) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def contrast_under(canvas: Image.Image, box: tuple[int, int, int, int], colour: Colour) -> float:
    """The worst contrast of `colour` against the 10% of the area most like it."""
    left, top, width, height = box
    region = canvas.crop((left, top, left + max(1, width), top + max(1, height))).convert("RGB")
    region = region.resize((max(1, region.width // 8), max(1, region.height // 8)))
    raw = region.tobytes()
    pixels = sorted(
        ((raw[i], raw[i + 1], raw[i + 2]) for i in range(0, len(raw), 3)),
        key=lambda p: contrast(p, colour),
    )
    worst = pixels[: max(1, len(pixels) // 10)]
    mean = tuple(sum(p[i] for p in worst) // len(worst) for i in range(3))
    return contrast((mean[0], mean[1], mean[2]), colour)


def _logo(canvas: Image.Image, slot: LogoSlot, brand: BrandKit) -> None:
    assert brand.logo is not None
    left, top, width, height = slot.box.pixels(canvas.size)
    logo = brand.logo
    scale = min(width / logo.width, height / logo.height)
    size = (max(1, round(logo.width * scale)), max(1, round(logo.height * scale)))
    logo = logo.resize(size, Image.Resampling.LANCZOS)
    if slot.tint is not None:
        solid = Image.new("RGBA", size, (*brand.colour(slot.tint), 255))
        solid.putalpha(logo.getchannel("A"))
        logo = solid
    x = left + {"start": 0, "center": (width - size[0]) // 2, "end": width - size[0]}[slot.align]
    y = (
        top
        + {"top": 0, "middle": (height - size[1]) // 2, "bottom": height - size[1]}[
            slot.vertical_align
        ]
    )
    canvas.alpha_composite(logo, (x, y))
