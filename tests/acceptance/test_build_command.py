"""`socialplan build` as a user meets it: progress, refusal on errors, where the site is."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from socialplan.cli import main
from socialplan.commands.build import build
from socialplan.commands.site import serve

from ..conftest import BrandRepo
from ..unit.site.test_site_pages import add_hostile_post


def run(brand: BrandRepo, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(build, [*args, "--repo", str(brand.root)], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_build_writes_everything_and_says_where_the_site_is(brand: BrandRepo) -> None:
    add_hostile_post(brand)
    code, out, err = run(brand)
    assert code == 0, out + err
    site = brand.root / "site"
    assert (site / "index.html").is_file()
    assert (site / "posts/2027-01-20-tricky/index.html").is_file()
    assert f"Built the site in {site}" in out
    variant = json.loads((brand.root / "build/variants/2027-01-20-tricky/bluesky.json").read_text())
    assert variant["channel"] == "bluesky" and variant["parts"]
    assert (brand.root / "build/calendar.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert (brand.root / "build/images/2027-01-20-tricky/manifest.json").is_file()
    for step in (
        "validate:",
        "variants:",
        "images:",
        "calendar:",
        "site: generated",
        "site: rendered",
    ):
        assert step in err, step


def test_a_second_build_renders_only_what_changed(brand: BrandRepo) -> None:
    add_hostile_post(brand)
    assert run(brand, "--no-images")[0] == 0
    code, out, _ = run(brand, "--no-images")
    assert code == 0 and "(0 of " in out
    code, out, _ = run(brand, "--no-images", "--clean")
    assert code == 0 and " of " not in out.split("(")[1]


def test_clean_forgets_what_earlier_builds_kept(brand: BrandRepo) -> None:
    add_hostile_post(brand)
    assert run(brand, "--no-images")[0] == 0
    calendar = brand.root / "build/calendar.ics"
    good = calendar.read_bytes()
    # A kept event whose text was spoilt (its key still matches) is spliced in
    # as it is by an incremental build...
    kept = brand.root / "build/cache/calendar.json"
    data = json.loads(kept.read_text("utf-8"))
    for entry in data["entries"].values():
        entry[1] = entry[1].replace("SUMMARY:", "SUMMARY:SPOILT ")
    kept.write_text(json.dumps(data), "utf-8")
    calendar.unlink()
    assert run(brand, "--no-images")[0] == 0
    assert b"SPOILT" in calendar.read_bytes()
    # ...and --clean does everything again.
    assert run(brand, "--no-images", "--clean")[0] == 0
    assert calendar.read_bytes() == good


def test_build_refuses_a_repository_with_errors(brand: BrandRepo) -> None:
    brand.post("broken", "id: broken\ntitle: Broken\nstatus: approved\npillar: nope\n")
    code, out, err = run(brand)
    assert code == 1
    assert "[unknown-pillar]" in out
    assert "Nothing was built" in err
    assert not (brand.root / "site").exists()


def test_out_option_and_no_images(brand: BrandRepo, tmp_path: Path) -> None:
    add_hostile_post(brand)
    code, _, err = run(brand, "--out", str(tmp_path / "public"), "--no-images")
    assert code == 0
    assert (tmp_path / "public/index.html").is_file()
    assert "images:" not in err
    assert not (brand.root / "build/images").exists()
    page = (tmp_path / "public/posts/2027-01-20-tricky/index.html").read_text("utf-8")
    assert "media/tricky.png" in page


def test_outside_a_repository_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(build, ["--repo", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 2
    assert "not inside a socialplan repository" in result.stderr


def test_commands_have_help_with_an_example() -> None:
    for command in (build, serve):
        help_text = CliRunner().invoke(command, ["--help"]).output
        assert "Example" in help_text


def test_build_and_serve_are_registered() -> None:
    assert main.commands.get("build") is build
    assert main.commands.get("serve") is serve
