"""No image that reaches site/ or build/ carries anything but its picture.

A repository whose logo and photos carry GPS, EXIF, XMP, IPTC, PNG text chunks
and comments is built by the real `socialplan build` command, with and without
the images step; then every image file under site/ and build/ is opened and
read back, and its bytes are searched for what the originals carried.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, UnidentifiedImageError

from ..conftest import BrandRepo
from ..unit.images.leaky_images import (
    FORBIDDEN,
    ICC,
    leaky_gif,
    leaky_jpeg,
    leaky_logo,
    leaky_png,
    leaky_webp,
)

# Where bare copies of the originals are kept (socialplan.images.copies.FOLDER).
BARE_COPIES = Path("build", "cache", "media")
SOCIALPLAN = str(Path(sys.executable).parent / "socialplan")
QUIET = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
PHOTOS = {
    "photos/phone.jpg": leaky_jpeg,
    "photos/chart.png": leaky_png,
    "photos/shop.webp": leaky_webp,
    "photos/moving.gif": leaky_gif,
}
POST = """
    id: 2027-01-{day}-{name}
    title: Photos {name}
    status: approved
    objective: first-objective
    pillar: expertise
    channels: [bluesky]
    at: 2027-01-{day} 09:00 Europe/London
    media:
"""
# What Pillow may find in a bare image's `info`: how to decode and show the pixels.
HARMLESS_INFO = {
    "jfif",
    "jfif_version",
    "jfif_unit",
    "jfif_density",
    "dpi",
    "progressive",
    "progression",
    "icc_profile",
    "transparency",
    "background",
    "version",
    "loop",
    "duration",
    "timestamp",  # a WebP frame's time in its animation (0 for a still)
}


def git(root: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    done = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


def leaky_repository(brand: BrandRepo) -> BrandRepo:
    """The test brand with a leaky logo and leaky photos on two posts, committed."""
    brand.write("content/media/brand/logo.png", leaky_logo())
    for name, make in PHOTOS.items():
        brand.write(f"content/media/{name}", make())
    path = brand.root / "strategy/brand.yaml"
    text = path.read_text("utf-8")
    path.write_text(
        text.replace("  fonts:\n", "  logo: content/media/brand/logo.png\n  fonts:\n", 1), "utf-8"
    )
    names = list(PHOTOS)
    for day, name, files in (("04", "first", names[:3]), ("06", "second", names[3:])):
        items = "".join(f"      - file: {f}\n        alt: A test picture, {f}.\n" for f in files)
        brand.post(name, POST.format(day=day, name=name) + items)
    git(brand.root, "init", "-q", "-b", "main")
    git(brand.root, "add", "-A")
    git(brand.root, "commit", "-q", "-m", "leaky images")
    return brand


def build(root: Path, *args: str) -> None:
    done = subprocess.run(
        [SOCIALPLAN, "build", "--repo", str(root), *args],
        capture_output=True,
        text=True,
        env=QUIET,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert git(root, "status", "--porcelain") == ""  # nothing the user wrote changed


def images_under(*folders: Path) -> dict[Path, bytes]:
    """Every file under `folders` that is an image, by its name or by its content."""
    found = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if not path.is_file():
                continue
            data = path.read_bytes()
            if path.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp", ".gif") or _opens(data):
                found[path] = data
    return found


def _opens(data: bytes) -> bool:
    try:
        with Image.open(io.BytesIO(data)):
            return True
    except UnidentifiedImageError:
        return False


def assert_bare(path: Path, data: bytes) -> None:
    for forbidden in FORBIDDEN:
        assert forbidden not in data, (path, forbidden)
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        assert not image.getexif(), path
        assert set(image.info) <= HARMLESS_INFO, (path, sorted(image.info))
        if getattr(image, "n_frames", 1) > 1:
            pytest.fail(f"{path} kept {image.n_frames} frames")


@pytest.mark.parametrize("images", [True, False], ids=["build", "build --no-images"])
def test_no_image_under_site_or_build_keeps_any_metadata(brand: BrandRepo, images: bool) -> None:
    root = leaky_repository(brand).root
    build(root, *([] if images else ["--no-images"]))
    found = images_under(root / "site", root / "build")
    for path, data in found.items():
        assert_bare(path, data)
    site = root / "site"
    assert site / "assets/socialplan/logo.png" in found
    if images:
        made = [p for p in found if p.is_relative_to(root / "build/images")]
        shown = [p for p in found if p.is_relative_to(site / "assets/images")]
        assert len(made) >= 6 and len(shown) >= 6
        return
    for name in PHOTOS:
        assert site / "media" / name in found, name
    # A colour profile the photo was given is kept; the phone photo is turned upright.
    for name in ("photos/phone.jpg", "photos/chart.png", "photos/shop.webp"):
        with Image.open(site / "media" / name) as image:
            assert image.info.get("icc_profile") == ICC, name
    with Image.open(site / "media/photos/phone.jpg") as photo:
        assert photo.size == (300, 400)
        top, bottom = photo.convert("RGB").getpixel((150, 50)), photo.getpixel((150, 350))
        assert isinstance(top, tuple) and isinstance(bottom, tuple)
        assert top[0] > 200 and bottom[2] > 200, (top, bottom)


def test_bare_copies_are_kept_checked_and_made_again_when_spoilt(
    brand: BrandRepo, tmp_path: Path
) -> None:
    root = leaky_repository(brand).root
    build(root, "--no-images")
    kept = root / BARE_COPIES
    entries = {p.name: p.stat().st_mtime_ns for p in kept.iterdir()}
    # The phone photo, the PNG, the WebP and the GIF carry metadata; the logo too.
    assert len(entries) == 5
    # A build into another folder finds every copy and makes none again.
    build(root, "--no-images", "--out", str(tmp_path / "second"))
    assert {p.name: p.stat().st_mtime_ns for p in kept.iterdir()} == entries
    # A spoilt copy (here: the original itself, put where the copy was) is made again.
    copy = next(p for p in kept.iterdir() if p.suffix == ".jpg")
    copy.write_bytes((root / "content/media/photos/phone.jpg").read_bytes())
    build(root, "--no-images", "--out", str(tmp_path / "third"))
    assert_bare(copy, copy.read_bytes())
    third = tmp_path / "third/media/photos/phone.jpg"
    assert third.read_bytes() == (tmp_path / "second/media/photos/phone.jpg").read_bytes()
    # An incremental build copies a changed photo, bare.
    (root / "content/media/photos/phone.jpg").write_bytes(leaky_jpeg(orientation=8))
    git(root, "commit", "-q", "-am", "another photo")
    build(root, "--no-images")
    data = (root / "site/media/photos/phone.jpg").read_bytes()
    assert_bare(root / "site/media/photos/phone.jpg", data)
    with Image.open(io.BytesIO(data)) as photo:
        top = photo.getpixel((150, 50))
        assert isinstance(top, tuple) and top[2] > 200  # orientation 8 turns the other way


def test_a_forged_output_in_build_images_is_made_again(brand: BrandRepo) -> None:
    root = leaky_repository(brand).root
    build(root)
    folder = root / "build/images/2027-01-04-first"
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    entry = next(e for e in manifest["images"] if e["source"].endswith("phone.jpg"))
    # build/ may come from a shared CI cache: an output and its manifest entry, both forged.
    forged = leaky_jpeg()
    (folder / entry["file"]).write_bytes(forged)
    entry.update(bytes=len(forged), sha256=hashlib.sha256(forged).hexdigest())
    (folder / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    build(root)
    for path, data in images_under(folder, root / "site").items():
        assert_bare(path, data)
