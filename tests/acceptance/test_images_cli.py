"""`socialplan images` as a user meets it: outputs per network, the cache, located errors."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from socialplan.commands.images import images
from socialplan.images import ImageSettings, render_images
from socialplan.images.encoding import metadata_segments
from socialplan.images.networks import SPECS
from socialplan.rules.validate import validate

from ..conftest import ROOT, BrandRepo
from ..unit.images.test_images_sources import phone_photo, png_declaring

CHANNELS = """
# yaml-language-server: $schema=../schemas/channels.schema.json
channels:
  - {id: bluesky, network: bluesky, account: brand.bsky.social, time_zone: Europe/London}
  - {id: instagram, network: instagram, account: "@brand", time_zone: Europe/London}
  - {id: x, network: x, account: "@brand", time_zone: Europe/London}
  - id: mastodon
    network: mastodon
    account: "@brand@social.example"
    server: https://social.example
    time_zone: Europe/London
  - {id: linkedin, network: linkedin, account: Brand, time_zone: Europe/London}
  - {id: pinterest, network: pinterest, account: brand, time_zone: Europe/London}
"""

POST = """
id: {id}
title: {title}
status: approved
objective: first-objective
pillar: expertise
channels: [{channels}]
at: 2027-01-04 09:00 Europe/London
"""


def photo(
    size: tuple[int, int] = (1600, 1200), colour: tuple[int, int, int] = (180, 120, 60)
) -> bytes:
    image = Image.new("RGB", size, colour)
    image.paste((40, 90, 70), (size[0] // 2, 0, size[0], size[1]))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def logo() -> bytes:
    image = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    image.paste((250, 240, 220, 255), (100, 100, 300, 300))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def image_brand(brand: BrandRepo) -> BrandRepo:
    """The starter repository with six image networks, a logo and two photos."""
    brand.write("strategy/channels.yaml", CHANNELS)
    brand_yaml = (brand.root / "strategy/brand.yaml").read_text()
    brand.write(
        "strategy/brand.yaml",
        brand_yaml.replace(
            "    body: Atkinson Hyperlegible\n",
            "    body: Atkinson Hyperlegible\n  logo: content/media/brand/logo.png\n",
        ),
    )
    brand.write("content/media/brand/logo.png", logo())
    brand.write("content/media/photos/cup.jpg", photo())
    brand.write("content/media/photos/phone.jpg", phone_photo())
    return brand


def card_post(
    brand: BrandRepo,
    name: str = "launch",
    channels: str = "bluesky, instagram",
    single_image_pins: bool = False,
) -> Path:
    front = POST.format(id=name, title="Launch", channels=channels) + (
        "card:\n"
        "  template: announcement\n"
        "  title: Winter blend is back\n"
        "  subtitle: Washed Colombian, long sweet finish\n"
        "  alt: A green card reading Winter blend is back.\n"
        "media:\n"
        "  - file: photos/cup.jpg\n"
        "    alt: A cup of coffee on a wooden table.\n"
        "    focus: {x: 0.7, y: 0.5}\n"
    )
    if single_image_pins:
        # A pin carries one image: the card, without the photo.
        front += "overrides:\n  pinterest:\n    media: []\n"
    return brand.post(name, front)


def run_cli(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(images, ["--repo", str(root), *args], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def repo(brand: BrandRepo) -> BrandRepo:
    return image_brand(brand)


def test_the_fixture_repository_validates_clean(repo: BrandRepo) -> None:
    card_post(
        repo,
        channels="bluesky, instagram, x, mastodon, linkedin, pinterest",
        single_image_pins=True,
    )
    problems = validate(root=repo.root).report.problems
    assert [p for p in problems if p.is_error] == []


def test_every_channel_gets_its_size_format_and_cap(repo: BrandRepo) -> None:
    card_post(repo, channels="bluesky, instagram, x, mastodon, linkedin, pinterest")
    code, output = run_cli(repo.root)
    assert code == 0, output
    folder = repo.root / "build/images/launch"
    manifest = json.loads((folder / "manifest.json").read_text())
    entries = {e["file"]: e for e in manifest["images"]}
    expected = {
        "bluesky-1.png": (1200, 675),
        "bluesky-2.jpg": (1600, 1200),
        "instagram-1.jpg": (1080, 1350),  # the card, portrait; Instagram takes JPEG only
        "instagram-2.jpg": (1080, 1080),  # a 4:3 photo goes square
        "x-1.png": (1200, 675),
        "x-2.jpg": (1200, 675),  # 4:3 is as far from 16:9 as from 1:1: the first wins
        "mastodon-1.png": (1200, 675),
        "mastodon-2.jpg": (1600, 1200),
        "linkedin-1.png": (1200, 627),
        "linkedin-2.jpg": (1200, 1200),
        "pinterest-1.png": (1000, 1500),
        "pinterest-2.jpg": (800, 1200),  # 2:3 at the photo's own resolution, never enlarged
        "og.png": (1200, 630),
    }
    assert set(entries) == set(expected)
    for name, size in expected.items():
        entry = entries[name]
        data = (folder / name).read_bytes()
        with Image.open(io.BytesIO(data)) as image:
            assert image.size == size, name
            assert image.mode == "RGB", name
            assert image.format == ("PNG" if name.endswith(".png") else "JPEG"), name
        spec = SPECS.get(entry["network"])
        assert len(data) == entry["bytes"] <= (spec.max_bytes if spec else 8_000_000)
        assert (entry["width"], entry["height"]) == size
        assert metadata_segments(data) == [], name
    assert entries["bluesky-1.png"]["alt"] == "A green card reading Winter blend is back."
    assert entries["bluesky-2.jpg"]["alt"] == "A cup of coffee on a wooden table."
    assert entries["bluesky-2.jpg"]["source"] == "content/media/photos/cup.jpg"
    assert entries["bluesky-2.jpg"]["focus"] == {"x": 0.7, "y": 0.5}
    assert entries["og.png"]["channel"] is None


def test_the_second_run_does_no_image_work_and_says_so(
    repo: BrandRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    card_post(repo)
    code, first = run_cli(repo.root)
    assert code == 0
    assert first.splitlines()[-1].startswith("Rendered 5 images for 1 post into build/images/ in ")

    def no_image_work(*args: object, **kwargs: object) -> None:
        raise AssertionError("an image was opened on a warm run")

    monkeypatch.setattr(Image, "open", no_image_work)
    monkeypatch.setattr(Image, "new", no_image_work)
    code, second = run_cli(repo.root)
    assert code == 0
    assert second == (
        "Nothing to render: all 5 images of 1 post are up to date in build/images/"
        " (no image was opened).\n"
    )


def test_only_what_changed_is_rendered_again(repo: BrandRepo) -> None:
    path = card_post(repo)
    run_cli(repo.root)
    before = {p.name: p.stat().st_mtime_ns for p in (repo.root / "build/images/launch").iterdir()}
    path.write_text(path.read_text().replace("Winter blend is back", "Winter blend returns"))
    code, output = run_cli(repo.root)
    assert code == 0
    assert "  launch: 3 rendered, 2 cached" in output  # the card on two channels and og
    after = {p.name: p.stat().st_mtime_ns for p in (repo.root / "build/images/launch").iterdir()}
    assert after["bluesky-2.jpg"] == before["bluesky-2.jpg"]
    assert after["bluesky-1.png"] != before["bluesky-1.png"]


def test_force_renders_everything_and_a_damaged_output_is_redone(repo: BrandRepo) -> None:
    card_post(repo)
    run_cli(repo.root)
    code, output = run_cli(repo.root, "--force")
    assert code == 0
    assert "Rendered 5 images for 1 post" in output
    (repo.root / "build/images/launch/bluesky-2.jpg").write_bytes(b"scribbled over")
    _, output = run_cli(repo.root)
    assert "Rendered 1 image and kept 4 from the cache, for 1 post" in output


def test_alt_text_changes_update_the_manifest_without_rendering(repo: BrandRepo) -> None:
    path = card_post(repo)
    run_cli(repo.root)
    path.write_text(path.read_text().replace("A cup of coffee", "A white cup of coffee"))
    _, output = run_cli(repo.root)
    assert "Nothing to render" in output
    manifest = json.loads((repo.root / "build/images/launch/manifest.json").read_text())
    assert manifest["images"][1]["alt"] == "A white cup of coffee on a wooden table."


def test_stale_outputs_and_posts_are_removed(repo: BrandRepo) -> None:
    path = card_post(repo)
    card_post(repo, "other")
    run_cli(repo.root)
    path.write_text(
        path.read_text().replace("channels: [bluesky, instagram]", "channels: [bluesky]")
    )
    (repo.root / "content/posts/2027/01/other.md").unlink()
    (repo.root / "build/images/mine").mkdir()  # not ours: no manifest, never touched
    _, output = run_cli(repo.root)
    assert "Removed the images of 1 post no longer planned." in output
    kept = sorted(p.name for p in (repo.root / "build/images").iterdir())
    assert kept == [".socialplan-output", "launch", "mine"]
    names = sorted(p.name for p in (repo.root / "build/images/launch").iterdir())
    assert names == ["bluesky-1.png", "bluesky-2.jpg", "manifest.json", "og.png"]


def test_a_phone_photo_is_upright_and_has_no_gps_in_any_output(repo: BrandRepo) -> None:
    front = POST.format(id="phone", title="Phone", channels="bluesky, instagram, x")
    repo.post(
        "phone", front + "media:\n  - file: photos/phone.jpg\n    alt: A red and blue test card.\n"
    )
    code, output = run_cli(repo.root)
    assert code == 0, output
    for path in (repo.root / "build/images/phone").glob("*.*"):
        if path.suffix == ".json":
            continue
        data = path.read_bytes()
        assert metadata_segments(data) == [], path.name
        if path.stem == "og":
            continue  # the site's image is always landscape
        assert b"Exif" not in data and b"PhoneMaker" not in data and b"xmpmeta" not in data
        with Image.open(io.BytesIO(data)) as image:
            assert not image.getexif()
            assert image.height >= image.width  # the phone held it upright
            top = image.convert("RGB").getpixel((image.width // 2, image.height // 8))
            assert top[0] > 200 and top[2] < 80  # the red half is on top


def test_bad_images_are_located_errors_not_tracebacks(repo: BrandRepo) -> None:
    repo.write("content/media/bomb.png", png_declaring(100_000, 100_000))
    repo.write("content/media/notes.jpg", b"Remember to buy milk.\n")
    whole = photo()
    repo.write("content/media/cut.jpg", whole[: len(whole) // 2])
    front = POST.format(id="bad", title="Bad", channels="bluesky")
    repo.post(
        "bad",
        front
        + "media:\n"
        + "  - file: bomb.png\n    alt: A bomb.\n"
        + "  - file: notes.jpg\n    alt: Notes.\n"
        + "  - file: cut.jpg\n    alt: Half a photo.\n"
        + "  - file: photos/cup.jpg\n    alt: A cup of coffee.\n",
    )
    code, output = run_cli(repo.root)
    assert code == 1
    lines = [line for line in output.splitlines() if line.startswith("content/")]
    assert lines[0].startswith(
        "content/posts/2027/01/bad.md:10:11: error [image-too-large] content/media/bomb.png"
        " declares 100,000 × 100,000 pixels in only"
    )
    assert lines[1] == (
        "content/posts/2027/01/bad.md:12:11: error [not-an-image] content/media/notes.jpg is"
        " not an image: it is text"
    )
    assert lines[2].startswith(
        "content/posts/2027/01/bad.md:14:11: error [damaged-image] content/media/cut.jpg is"
        " damaged or cut short ("
    )
    assert len(lines) == 3  # one problem per file, though each is used twice (og too)
    assert "Traceback" not in output
    # The good photo and the site image are still made.
    assert (repo.root / "build/images/bad/bluesky-4.jpg").is_file()
    assert not list((repo.root / "build/images/bad").glob("og.*"))  # og is the first photo
    assert output.splitlines()[-1] == "3 image problems stopped images from being made."


def test_validate_catches_what_a_header_shows(repo: BrandRepo) -> None:
    repo.write("content/media/notes.jpg", b"Remember to buy milk.\n")
    front = POST.format(id="bad", title="Bad", channels="bluesky")
    repo.post("bad", front + "media:\n  - file: notes.jpg\n    alt: Notes.\n")
    from socialplan.rules import images as image_rules
    from socialplan.rules.validate import locate

    validation = validate(root=repo.root)
    problems = locate(list(image_rules.check(validation.repo)), validation.repo)
    assert [(p.code, p.line, p.col) for p in problems] == [("not-an-image", 10, 11)]


def test_a_card_without_alt_text_or_with_an_unknown_template(repo: BrandRepo) -> None:
    front = POST.format(id="c", title="C", channels="bluesky, instagram")
    repo.post("c", front + "card:\n  template: anouncement\n  title: Hello\n")
    from socialplan.rules import images as image_rules
    from socialplan.rules.validate import locate

    validation = validate(root=repo.root)
    problems = locate(list(image_rules.check(validation.repo)), validation.repo)
    shown = [(p.code, p.line, p.message, p.hint) for p in problems]
    assert (
        "unknown-card-template",
        10,
        "there is no card template `anouncement`",
        "did you mean `announcement`?",
    ) in shown
    assert (
        "alt-text-missing",
        10,
        "`card` has no alt text",
        "add `alt:` describing what the image shows, for people who cannot see it",
    ) in shown
    code, output = run_cli(repo.root)
    assert code == 1
    assert (
        "content/posts/2027/01/c.md:10:13: error [unknown-card-template] there is no card"
        " template `anouncement`" in output
    )


def test_a_title_too_long_for_the_card_is_an_error_on_the_title(repo: BrandRepo) -> None:
    front = POST.format(id="long", title="Long", channels="bluesky")
    title = "Pneumonoultramicroscopicsilicovolcanoconiosis"
    repo.post(
        "long", front + f"card:\n  template: announcement\n  title: {title}\n  alt: A card.\n"
    )
    code, output = run_cli(repo.root)
    assert code == 1
    assert output.splitlines()[0].startswith(
        "content/posts/2027/01/long.md:11:10: error [card-text-too-long] the card's title does"
        f" not fit: the word `{title}` is wider than its box even at "
    )


def test_the_bluesky_cap_holds_for_a_heavy_photo(repo: BrandRepo) -> None:
    import random

    noise = Image.frombytes("RGB", (3000, 2000), random.Random(3).randbytes(3000 * 2000 * 3))
    out = io.BytesIO()
    noise.save(out, "JPEG", quality=98)
    repo.write("content/media/grain.jpg", out.getvalue())
    front = POST.format(id="grain", title="Grain", channels="bluesky")
    repo.post("grain", front + "media:\n  - file: grain.jpg\n    alt: Film grain.\n")
    run = render_images(root=repo.root, settings=ImageSettings())
    entry = next(e for p in run.posts for e in p.entries if e["file"].startswith("bluesky"))
    assert entry["bytes"] <= 2_000_000
    assert entry["format"] == "jpeg"


def test_usage_errors(repo: BrandRepo) -> None:
    card_post(repo)
    result = CliRunner().invoke(images, ["--repo", str(repo.root), "lanch"], catch_exceptions=False)
    assert result.exit_code == 2
    assert "socialplan: no post `lanch` in this repository" in result.output
    assert "did you mean `launch`?" in result.output
    code, output = run_cli(repo.root, "launch")
    assert code == 0 and "launch: 5 rendered" in output


@pytest.mark.skipif(not (ROOT / "content/posts").is_dir(), reason="the demo brand is not there")
def test_the_demo_renders_clean_and_then_does_nothing(tmp_path: Path) -> None:
    out = tmp_path / "images"
    first = render_images(root=ROOT, out_dir=out)
    assert not first.failed, [str(p) for p in first.problems]
    assert first.rendered > 50
    for result in first.posts:
        for entry in result.entries:
            spec = SPECS.get(entry["network"])
            assert entry["bytes"] <= (spec.max_bytes if spec else 8_000_000)
            if entry["network"] == "instagram":
                assert entry["format"] == "jpeg"
    second = render_images(root=ROOT, out_dir=out)
    assert second.rendered == 0 and second.decoded == 0 and second.encoded == 0
    assert second.cached == first.rendered
    shutil.rmtree(out)
