"""Text on cards: wrapped between words, shrunk to fit, never outside its box; any script."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from socialplan.images.fonts import BUNDLED, FontLibrary
from socialplan.images.textdraw import draw_text
from socialplan.images.textlayout import (
    NeedsComplexLayout,
    TextDoesNotFit,
    TextLayout,
    TextStyle,
    ink,
    layout,
)
from socialplan.images.textruns import is_emoji, paragraph_direction

LIBRARY = FontLibrary([BUNDLED], system=False)
HEADING = LIBRARY.find("Fraunces", 700)
BODY = LIBRARY.find("Atkinson Hyperlegible", 400)
BOX = (600.0, 300.0)


def style(**changes: object) -> TextStyle:
    assert HEADING is not None
    values: dict[str, object] = {
        "face": HEADING,
        "weight": 700,
        "min_size": 20,
        "max_size": 90,
        "max_lines": 4,
    }
    values.update(changes)
    return TextStyle(**values)  # type: ignore[arg-type]


def words_of(result: TextLayout) -> list[str]:
    return " ".join(result.text_lines).split()


def inked(result: TextLayout) -> list[tuple[float, ...]]:
    return [
        ink(result.setter, run, result.size, line.baseline)
        for line in result.lines
        for run in line.runs
    ]


def test_the_bundled_fonts_are_found_by_family() -> None:
    assert HEADING is not None and HEADING.variable
    assert BODY is not None and BODY.weight == 400
    bold = LIBRARY.find("atkinson hyperlegible", 700)
    assert bold is not None and bold.path.name == "AtkinsonHyperlegible-Bold.ttf"
    assert LIBRARY.find("Comic Sans") is None
    families = {face.family for face in LIBRARY.fallbacks}
    assert {
        "Noto Color Emoji",
        "Noto Sans CJK JP",
        "Noto Sans Arabic",
        "Noto Sans Hebrew",
    } <= families


def test_short_text_is_set_at_the_largest_size() -> None:
    result = layout(LIBRARY, "Hearth", style(), BOX)
    assert result.size == 90
    assert result.text_lines == ["Hearth"]


def test_long_text_wraps_between_words_and_shrinks() -> None:
    text = "Winter blend is back: a washed Colombian with a long, sweet, hazelnut finish"
    result = layout(LIBRARY, text, style(), BOX)
    assert 20 <= result.size < 90
    assert len(result.lines) <= 4
    assert words_of(result) == text.split()  # every word whole, in order


def test_lines_are_balanced_not_greedy() -> None:
    result = layout(LIBRARY, "Six partner places for spring", style(max_size=80), (700.0, 300.0))
    lengths = [len(line) for line in result.text_lines]
    assert len(lengths) == 2 and abs(lengths[0] - lengths[1]) <= 8, result.text_lines


def test_a_word_too_long_for_the_box_is_refused_not_cut() -> None:
    with pytest.raises(TextDoesNotFit) as caught:
        layout(LIBRARY, "Supercalifragilisticexpialidocious", style(min_size=60), (300.0, 300.0))
    assert caught.value.message == (
        "the word `Supercalifragilisticexpialidocious` is wider than its box even at 60 px"
    )


def test_too_much_text_is_refused_not_drawn_outside() -> None:
    with pytest.raises(TextDoesNotFit) as caught:
        layout(LIBRARY, "word " * 80, style(min_size=40), BOX)
    assert "does not fit its box even at 40 px in 4 lines" in caught.value.message


def test_explicit_line_breaks_are_kept() -> None:
    result = layout(LIBRARY, "First line\nSecond", style(), BOX)
    assert result.text_lines == ["First line", "Second"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            ["coffee", "Fernhill", "V60", "roast", "é", "Äpfel", "jump", "Wagyū", "!", "—"]
        ),
        min_size=1,
        max_size=14,
    )
)
def test_ink_never_leaves_the_box(words: list[str]) -> None:
    text = " ".join(words)
    try:
        result = layout(LIBRARY, text, style(min_size=18), (500.0, 260.0))
    except TextDoesNotFit:
        return
    assert words_of(result) == text.split()
    for left, top, right, bottom in inked(result):
        assert left >= -0.01 and top >= -0.01
        assert right <= 500.01 and bottom <= 260.01


def test_drawn_pixels_stay_inside_the_box() -> None:
    canvas = Image.new("RGB", (800, 500), (0, 0, 0))
    result = layout(LIBRARY, "Jumpy quiz: Ågård's waffles", style(align="center"), (600.0, 300.0))
    draw_text(canvas, result, (100, 100), (255, 255, 255))
    lit = canvas.point(lambda v: 255 if v > 0 else 0).convert("L").getbbox()
    assert lit is not None
    assert lit[0] >= 100 and lit[1] >= 100 and lit[2] <= 700 and lit[3] <= 400


def test_japanese_breaks_between_characters_but_not_before_a_full_stop() -> None:
    text = "冬のブレンドが帰ってきました。甘い余韻のコロンビア産コーヒーです。"
    result = layout(LIBRARY, text, style(max_size=70), (500.0, 400.0))
    assert len(result.lines) > 1
    assert "".join(result.text_lines) == text
    assert not any(line.startswith(("。", "、")) for line in result.text_lines)
    assert result.missing == []


def test_hebrew_and_arabic_run_right_to_left_with_latin_inside() -> None:
    assert paragraph_direction("שלום Fernhill") == "R"
    assert paragraph_direction("Fernhill שלום") == "L"
    result = layout(LIBRARY, "קפה חורף מ-Fernhill", style(max_size=40), BOX)
    assert len(result.lines) == 1
    runs = result.lines[0].runs
    # Right-to-left paragraph: the Latin name, written last, is drawn leftmost.
    assert runs[0].run.text.strip() == "Fernhill" and not runs[0].run.rtl
    assert runs[-1].run.rtl
    arabic = layout(LIBRARY, "قهوة الشتاء", style(align="start"), BOX)
    line = arabic.lines[0]
    assert line.runs[-1].x + line.runs[-1].width == pytest.approx(BOX[0], abs=2)  # start = right
    assert arabic.setter.faces[line.runs[0].run.face].family == "Noto Sans Arabic"


def test_right_to_left_without_raqm_is_refused_not_garbled() -> None:
    basic = FontLibrary([BUNDLED], system=False, complex_layout=False)
    with pytest.raises(NeedsComplexLayout):
        layout(basic, "קפה חורף", style(), BOX)
    assert layout(basic, "Plain Latin still works", style(), BOX).size > 20


def test_colour_emoji_come_from_the_emoji_font_and_are_drawn_in_colour() -> None:
    assert is_emoji("☕") and is_emoji("❤️") and not is_emoji("❤") and not is_emoji("a")
    result = layout(LIBRARY, "Hearth ☕", style(), BOX)
    faces = {result.setter.faces[r.run.face].family for line in result.lines for r in line.runs}
    assert faces == {"Fraunces", "Noto Color Emoji"}
    canvas = Image.new("RGB", (700, 400), (255, 255, 255))
    draw_text(canvas, result, (50, 50), (0, 0, 0))
    raw = canvas.tobytes()
    colours = {
        raw[i : i + 3]
        for i in range(0, len(raw), 3)
        if max(raw[i : i + 3]) - min(raw[i : i + 3]) > 60
    }
    assert colours, "the emoji was not drawn in colour"


def test_a_character_no_font_has_is_reported() -> None:
    result = layout(LIBRARY, "Runes ᚠᚢᚦ", style(), BOX)
    assert result.missing == ["ᚠ", "ᚢ", "ᚦ"]


def test_the_cjk_fallback_is_a_subset_and_the_machine_font_completes_it(tmp_path: Path) -> None:
    rare = "𠮷"  # outside the shipped subset (and the BMP)
    result = layout(LIBRARY, rare, style(), BOX)
    assert result.missing == [rare]
