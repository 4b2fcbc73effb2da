"""Drawing laid-out text: one call per run, colour emoji scaled from their bitmaps.

Colour emoji fonts (Noto Color Emoji) hold bitmaps at one size only; a run of
emoji is drawn at that size on its own layer, scaled to the text size and laid
on the card at the run's baseline.
"""

from __future__ import annotations

from PIL import Image, ImageDraw

from .textlayout import PlacedRun, TextLayout, Typesetter

Colour = tuple[int, int, int]


def draw_text(
    canvas: Image.Image, text_layout: TextLayout, origin: tuple[float, float], colour: Colour
) -> None:
    """Draw `text_layout` with its box's top-left corner at `origin`."""
    setter = text_layout.setter
    draw = ImageDraw.Draw(canvas)
    for line in text_layout.lines:
        for placed in line.runs:
            x = origin[0] + placed.x
            y = origin[1] + line.baseline
            face = setter.faces[placed.run.face]
            if face.color:
                _draw_emoji(canvas, setter, placed, text_layout.size, (x, y))
                continue
            font, _ = setter.font(placed.run.face, text_layout.size)
            # Pillow accepts a direction only with raqm; basic layout is always left to right.
            direction = None
            if setter.library.complex_layout:
                direction = "rtl" if placed.run.rtl else "ltr"
            draw.text(
                (x, y), placed.run.text, font=font, fill=colour, anchor="ls", direction=direction
            )


def _draw_emoji(
    canvas: Image.Image,
    setter: Typesetter,
    placed: PlacedRun,
    size: int,
    pen: tuple[float, float],
) -> None:
    font, scale = setter.font(placed.run.face, size)
    left, top, right, bottom = font.getbbox(placed.run.text, anchor="ls")
    if right <= left or bottom <= top:
        return
    layer = Image.new("RGBA", (int(right - left), int(bottom - top)), (0, 0, 0, 0))
    ImageDraw.Draw(layer).text(
        (-left, -top), placed.run.text, font=font, anchor="ls", embedded_color=True
    )
    width = max(1, round(layer.width * scale))
    height = max(1, round(layer.height * scale))
    layer = layer.resize((width, height), Image.Resampling.LANCZOS)
    position = (round(pen[0] + left * scale), round(pen[1] + top * scale))
    if canvas.mode == "RGBA":
        canvas.alpha_composite(layer, position)
    else:
        canvas.paste(layer, position, layer)
