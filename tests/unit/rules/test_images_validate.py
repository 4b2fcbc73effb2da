"""`validate` finds image files that only a full decode shows to be broken, and says where."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

from socialplan.build import build
from socialplan.problems import Problem
from socialplan.rules.validate import validate

from ...conftest import BrandRepo
from ..images.leaky_images import SVG, leaky_jpeg, truncated_jpeg

POST = """
    id: 2027-01-04-photo
    title: A photo
    status: approved
    objective: first-objective
    pillar: expertise
    channels: [bluesky]
    at: 2027-01-04 09:00 Europe/London
    media:
      - file: {file}
        alt: A roasting drum, seen from the front.
"""


def photo_post(brand: BrandRepo, file: str, data: bytes) -> None:
    brand.write(f"content/media/{file}", data)
    brand.post("photo", POST.format(file=file))


def with_logo(brand: BrandRepo, file: str, data: bytes) -> None:
    brand.write(file, data)
    path = brand.root / "strategy/brand.yaml"
    text = path.read_text("utf-8").replace("  fonts:\n", f"  logo: {file}\n  fonts:\n", 1)
    path.write_text(text, "utf-8")


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text("utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def errors(brand: BrandRepo) -> list[Problem]:
    return [p for p in validate(root=brand.root).report.problems if p.is_error]


def test_a_truncated_jpeg_is_an_error_at_the_post_line_that_names_it(brand: BrandRepo) -> None:
    photo_post(brand, "photos/cut.jpg", truncated_jpeg())
    [found] = errors(brand)
    assert found.code == "damaged-image"
    assert found.file == "content/posts/2027/01/photo.md"
    assert found.line == line_of(brand.root / found.file, "file: photos/cut.jpg")
    assert "content/media/photos/cut.jpg is damaged or cut short" in found.message
    assert found.hint


def test_a_png_cut_inside_its_pixels_is_an_error(brand: BrandRepo) -> None:
    out = io.BytesIO()
    Image.effect_noise((300, 200), 50).save(out, "PNG")
    data = out.getvalue()
    photo_post(brand, "photos/cut.png", data[: len(data) * 2 // 3])
    assert [p.code for p in errors(brand)] == ["damaged-image"]


def test_an_svg_named_logo_png_is_an_error_at_the_brand_logo(brand: BrandRepo) -> None:
    with_logo(brand, "content/media/brand/logo.png", SVG)
    [found] = errors(brand)
    assert found.code == "not-an-image"
    assert found.file == "strategy/brand.yaml"
    assert found.line == line_of(brand.root / found.file, "logo: content/media/brand/logo.png")
    assert "SVG" in found.message and "PNG" in found.hint


def test_a_truncated_logo_is_an_error_at_the_brand_logo(brand: BrandRepo) -> None:
    with_logo(brand, "content/media/brand/logo.jpg", truncated_jpeg())
    [found] = errors(brand)
    assert (found.code, found.file) == ("damaged-image", "strategy/brand.yaml")
    assert found.line == line_of(brand.root / found.file, "logo:")


def test_an_image_named_for_another_format_is_an_error(brand: BrandRepo) -> None:
    photo_post(brand, "photos/really-a-jpeg.png", leaky_jpeg())
    [found] = errors(brand)
    assert found.code == "image-wrong-extension"
    assert found.message == (
        "content/media/photos/really-a-jpeg.png is a JPEG image, but its name ends in .png"
    )
    assert ".jpg" in found.hint


def test_every_image_ending_is_taken_in_any_case(brand: BrandRepo) -> None:
    photo_post(brand, "photos/camera.JPEG", leaky_jpeg())
    assert errors(brand) == []


def test_the_command_reports_them_located_and_writes_nothing(brand: BrandRepo) -> None:
    photo_post(brand, "photos/cut.jpg", truncated_jpeg())
    with_logo(brand, "content/media/brand/logo.png", SVG)
    before = {p: p.read_bytes() for p in brand.root.rglob("*") if p.is_file()}
    done = subprocess.run(
        [str(Path(sys.executable).parent / "socialplan"), "validate", "--repo", str(brand.root)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    post_line = line_of(brand.root / "content/posts/2027/01/photo.md", "file: photos/cut.jpg")
    logo_line = line_of(brand.root / "strategy/brand.yaml", "logo:")
    assert f"content/posts/2027/01/photo.md:{post_line}:" in done.stdout
    assert f"strategy/brand.yaml:{logo_line}:" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    assert {p: p.read_bytes() for p in brand.root.rglob("*") if p.is_file()} == before


def test_a_build_remembers_which_images_decode_and_still_catches_a_damaged_one(
    brand: BrandRepo,
) -> None:
    photo_post(brand, "photos/phone.jpg", leaky_jpeg())
    assert not build(brand.root, images=False).refused
    kept = brand.root / "build/cache/decodes.json"
    entries = json.loads(kept.read_text("utf-8"))["entries"]
    assert len(entries) == 1
    # The next build's validation reads and hashes the photo, and decodes nothing.
    from socialplan.cache.decodes import Decodes
    from socialplan.load.loader import load
    from socialplan.rules import images

    decodes = Decodes.load(brand.root)
    assert list(images.check(load(brand.root).repo, decodes=decodes)) == []
    assert decodes.decoded == 0 and decodes.kept == entries
    # Cut short, the photo's bytes are new: it is decoded, and refused.
    (brand.root / "content/media/photos/phone.jpg").write_bytes(truncated_jpeg())
    again = build(brand.root, images=False)
    assert again.refused
    assert [p.code for p in again.report.errors] == ["damaged-image"]
    # Only what decoded is kept, and only what this build saw.
    assert json.loads(kept.read_text("utf-8"))["entries"] == {}
