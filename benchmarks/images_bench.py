"""Images: cards per second, the demo cold and warm, and Material's social cards for scale.

    .venv/bin/python benchmarks/images_bench.py               # all three
    .venv/bin/python benchmarks/images_bench.py --cards 60    # more cards per template

1. Cards per second: the demo's templates (announcement, quote) drawn at every
   network's card size and encoded as they would be (PNG under each cap), with the
   demo brand's fonts and logo. Drawing and encoding are timed apart.
2. The whole demo with `render_images`: cold (empty output folder) then warm (the
   same run again: every image comes from the cache and nothing is decoded).
3. If Material for MkDocs' social plugin can run here (mkdocs-material with
   cairosvg), the same number of 1200 x 630 cards is made by `mkdocs build` with
   the plugin, minus the same build without it, and the ratio printed. Its font is
   put in its cache first (it would download from Google Fonts), the same font
   socialplan uses, so neither side touches the network.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from socialplan.images import OPEN_GRAPH, SPECS, render_images  # noqa: E402
from socialplan.images.brandkit import font_folders, load_brand  # noqa: E402
from socialplan.images.cards import CardContent, render_card  # noqa: E402
from socialplan.images.encoding import encode  # noqa: E402
from socialplan.images.fonts import BUNDLED, FontLibrary  # noqa: E402
from socialplan.images.templates import CardTemplate, load_template, template_files  # noqa: E402
from socialplan.load.loader import load  # noqa: E402

TITLES = [
    "Hearth is here",
    "The machine matters less than the cleaning.",
    "Six partner places for spring",
    "Where your £11.50 goes",
    "The 20-minute dial-in",
    "What 1,100 kg of coffee a month looks like from the roaster's chair",
]


def cards_per_second(count: int) -> None:
    repo = load(ROOT).repo
    library = FontLibrary(font_folders(ROOT))
    brand = load_brand(repo, library, 80_000_000)
    files = template_files(ROOT)
    sizes = sorted({spec.card_size for spec in [*SPECS.values(), OPEN_GRAPH]})
    print(f"1. Cards per second ({len(sizes)} canvas sizes, {count} cards per template)")
    for template_id in ("announcement", "quote"):
        template = load_template(files[template_id], ROOT)
        assert isinstance(template, CardTemplate), template
        # Warm the font caches once, as any run after its first card.
        render_card(template, (1200, 675), brand, CardContent("Warm up"), library)
        drawing = encoding = 0.0
        for index in range(count):
            size = sizes[index % len(sizes)]
            content = CardContent(TITLES[index % len(TITLES)], "Winter blend · about 600 bags")
            started = time.perf_counter()
            image, _ = render_card(template, size, brand, content, library)
            middle = time.perf_counter()
            encode(image, SPECS["x"], prefer="png", text=True)
            encoding += time.perf_counter() - middle
            drawing += middle - started
        total = drawing + encoding
        print(
            f"   {template_id:13} {count / total:6.1f} cards/s"
            f"  (draw {1000 * drawing / count:5.1f} ms, encode {1000 * encoding / count:5.1f} ms"
            " per card)"
        )


def demo_cold_and_warm() -> None:
    print("2. The demo, `render_images` on every post")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        cold = render_images(root=ROOT, out_dir=out)
        warm = render_images(root=ROOT, out_dir=out)
    print(
        f"   cold: {cold.seconds:6.2f} s  {cold.rendered} images for {len(cold.posts)} posts"
        f" ({cold.decoded} images decoded, {cold.encoded} encoded)"
    )
    print(
        f"   warm: {warm.seconds:6.2f} s  {warm.rendered} rendered, {warm.cached} from the cache"
        f" ({warm.decoded} decoded, {warm.encoded} encoded)"
    )
    print(f"   warm is {cold.seconds / warm.seconds:.0f}x faster than cold")


MKDOCS_YML = """site_name: Bench
theme:
  name: material
plugins:
{plugins}
"""


def material_comparison(count: int) -> None:
    print("3. Material for MkDocs' social plugin, same card count (1200 x 630)")
    try:
        import cairosvg  # noqa: F401
        import material.plugins.social  # noqa: F401
    except ImportError as missing:
        print(
            f"   skipped: {missing.name} is not installed (pip install 'mkdocs-material[imaging]')"
        )
        return
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        docs = site / "docs"
        docs.mkdir()
        for index in range(count):
            title = TITLES[index % len(TITLES)]
            (docs / f"page-{index}.md").write_text(f"# {title} {index}\n\nWinter blend.\n")
        fonts = site / ".cache" / "plugin" / "social" / "fonts" / "Atkinson Hyperlegible"
        fonts.mkdir(parents=True)
        for style in ("Regular", "Bold"):
            shutil.copy(BUNDLED / f"AtkinsonHyperlegible-{style}.ttf", fonts / f"{style}.ttf")
        social = (
            "  - social:\n      cards_layout_options:\n        font_family: Atkinson Hyperlegible\n"
        )
        timings = {}
        for name, plugins in (("without", "  - search"), ("with", "  - search\n" + social)):
            (site / "mkdocs.yml").write_text(MKDOCS_YML.format(plugins=plugins))
            shutil.rmtree(site / "site", ignore_errors=True)
            started = time.perf_counter()
            result = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "-q"],
                cwd=site,
                capture_output=True,
                text=True,
            )
            timings[name] = time.perf_counter() - started
            if result.returncode != 0:
                print(f"   skipped: mkdocs build failed: {result.stderr.strip()[-300:]}")
                return
        cards = len(list((site / "site" / "assets" / "images" / "social").rglob("*.png")))
        material_seconds = timings["with"] - timings["without"]
    repo = load(ROOT).repo
    library = FontLibrary(font_folders(ROOT))
    brand = load_brand(repo, library, 80_000_000)
    template = load_template(template_files(ROOT)["announcement"], ROOT)
    assert isinstance(template, CardTemplate)
    render_card(template, (1200, 630), brand, CardContent("Warm up"), library)
    started = time.perf_counter()
    for index in range(count):
        content = CardContent(f"{TITLES[index % len(TITLES)]} {index}", "Winter blend")
        image, _ = render_card(template, (1200, 630), brand, content, library)
        encode(image, OPEN_GRAPH, prefer="png", text=True)
    ours = time.perf_counter() - started
    print(
        f"   Material: {cards} cards in {material_seconds:.2f} s"
        f" ({cards / material_seconds:.1f} cards/s; build with the plugin minus without)"
    )
    print(f"   socialplan: {count} cards in {ours:.2f} s ({count / ours:.1f} cards/s)")
    print(
        f"   ratio: socialplan is {material_seconds / cards / (ours / count):.2f}x Material's speed"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=30, help="cards per template (default 30)")
    args = parser.parse_args()
    cards_per_second(args.cards)
    demo_cold_and_warm()
    material_comparison(args.cards)
    return 0


if __name__ == "__main__":
    sys.exit(main())
