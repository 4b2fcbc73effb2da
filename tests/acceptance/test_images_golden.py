"""Cards compared with checked-in golden images, with a tolerance for font rasteriser drift.

Only fonts shipped in assets/fonts/ are used (no machine fonts), so the goldens hold
on every machine. After a deliberate change to templates or drawing, regenerate:

    SOCIALPLAN_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/acceptance/test_images_golden.py

and look at every changed file in tests/golden/ before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from socialplan.images.brandkit import BrandKit, hex_colour
from socialplan.images.cards import CardContent, render_card
from socialplan.images.fonts import BUNDLED, FontLibrary
from socialplan.images.templates import BUILTIN, CardTemplate, load_template

from ..conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("SOCIALPLAN_UPDATE_GOLDEN") == "1"
# Mean difference per channel (0-255) and share of pixels allowed to differ clearly.
MEAN_TOLERANCE = 1.5
CHANGED_SHARE = 0.01

LIBRARY = FontLibrary([BUNDLED], system=False)
PALETTE = {
    "primary": "#2F5D50",
    "secondary": "#E9DCC6",
    "accent": "#C8643B",
    "text": "#1F1D1A",
    "background": "#FAF6EF",
}


def brand() -> BrandKit:
    logo = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    logo.paste((233, 220, 198, 255), (50, 50, 250, 250))
    logo.paste((200, 100, 59, 255), (100, 150, 200, 250))
    return BrandKit(
        colours={role: hex_colour(value) for role, value in PALETTE.items()},
        families={"heading": "Fraunces", "body": "Atkinson Hyperlegible"},
        logo=logo,
        fingerprint="golden",
    )


def photo() -> Image.Image:
    """A landscape with a bright sky and dark hills: a realistic test for overlays."""
    sky = Image.linear_gradient("L").resize((1600, 1000)).point(lambda v: 255 - v // 3)
    image = Image.merge("RGB", (sky, sky, sky.point(lambda v: min(255, v + 20))))
    hills = Image.new("RGB", (1600, 450), (60, 90, 60))
    image.paste(hills, (0, 550))
    return image


def template(name: str) -> CardTemplate:
    loaded = load_template(BUILTIN / f"{name}.yaml", ROOT)
    assert isinstance(loaded, CardTemplate), loaded
    return loaded


CASES = {
    "announcement-x": (
        "announcement",
        (1200, 675),
        "Hearth is here",
        "Winter blend · about 600 bags",
        False,
    ),
    "announcement-photo-instagram": (
        "announcement",
        (1080, 1350),
        "Six partner places for spring",
        "Free tasting visit on your own machine",
        True,
    ),
    "quote-linkedin": (
        "quote",
        (1200, 627),
        "The machine matters less than the cleaning.",
        "Five things supplying offices taught us",
        False,
    ),
    "scripts-bluesky": (
        "announcement",
        (1200, 675),
        "冬のブレンド ☕ קפה חורף",
        "قهوة الشتاء · Winter blend",
        False,
    ),
}


def render(case: str) -> Image.Image:
    name, size, title, subtitle, with_photo = CASES[case]
    content = CardContent(title, subtitle, photo() if with_photo else None, (0.5, 0.6))
    image, notes = render_card(template(name), size, brand(), content, LIBRARY)
    assert [n.code for n in notes] == []
    return image


@pytest.mark.parametrize("case", sorted(CASES))
def test_card_matches_its_golden_image(case: str) -> None:
    image = render(case)
    path = GOLDEN / f"{case}.png"
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"no golden image {path.name}; run with SOCIALPLAN_UPDATE_GOLDEN=1")
        GOLDEN.mkdir(parents=True, exist_ok=True)
        image.save(path, optimize=True)
    with Image.open(path) as golden:
        assert golden.size == image.size == CASES[case][1]
        assert golden.mode == image.mode == "RGB"
        difference = ImageChops.difference(golden.convert("RGB"), image)
    mean = sum(ImageStat.Stat(difference).mean) / 3
    assert mean <= MEAN_TOLERANCE, f"{case}: mean difference {mean:.2f}"
    clearly = difference.convert("L").point(lambda v: 255 if v > 48 else 0)
    changed = ImageStat.Stat(clearly).mean[0] / 255
    assert changed <= CHANGED_SHARE, f"{case}: {changed:.2%} of pixels changed"


def test_a_changed_card_is_caught_by_the_comparison() -> None:
    image = render("announcement-x")
    other, _ = render_card(
        template("announcement"),
        (1200, 675),
        brand(),
        CardContent("Hearth is gone", "Winter blend · about 600 bags"),
        LIBRARY,
    )
    difference = (
        ImageChops.difference(image, other).convert("L").point(lambda v: 255 if v > 48 else 0)
    )
    assert ImageStat.Stat(difference).mean[0] / 255 > CHANGED_SHARE / 10


def test_goldens_are_checked_in_for_every_case() -> None:
    if UPDATE:
        pytest.skip("regenerating")
    assert sorted(p.stem for p in Path(GOLDEN).glob("*.png")) == sorted(CASES)
