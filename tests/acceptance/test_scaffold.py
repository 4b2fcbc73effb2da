"""`socialplan init` and `socialplan new post`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from socialplan.cli import main
from socialplan.rules.validate import validate

from ..conftest import BrandRepo


def invoke(runner: CliRunner, *args: str):
    return runner.invoke(main, list(args), catch_exceptions=False)


def test_init_creates_a_repository_that_validates_strictly(runner: CliRunner, tmp_path: Path):
    target = tmp_path / "acme"
    result = invoke(
        runner, "init", str(target), "--name", "Acme: Yes", "--time-zone", "America/New_York"
    )
    assert result.exit_code == 0, result.output
    assert (target / "schemas" / "post.schema.json").is_file()
    assert (target / ".vscode" / "settings.json").is_file()
    assert (target / ".pre-commit-config.yaml").is_file()
    brand_text = (target / "strategy" / "brand.yaml").read_text()
    assert brand_text.startswith("# yaml-language-server: $schema=../schemas/brand.schema.json")
    result = validate(root=target)
    assert result.report.problems == []
    assert result.repo.brand["name"] == "Acme: Yes"
    assert result.repo.time_zone == "America/New_York"


def test_init_never_overwrites(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("precious")
    result = invoke(runner, "init", str(tmp_path))
    assert result.exit_code == 2
    assert "is not empty" in result.stderr
    assert (tmp_path / "mine.txt").read_text() == "precious"


def test_init_rejects_unknown_time_zone(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, "init", str(tmp_path / "x"), "--time-zone", "Mars/Olympus")
    assert result.exit_code == 2
    assert "not a known time zone" in result.stderr
    assert not (tmp_path / "x").exists()


def test_new_post_gets_a_fresh_id_and_validates(runner: CliRunner, brand: BrandRepo) -> None:
    args = [
        "new",
        "post",
        "Winter blend is back!",
        "--date",
        "2027-01-05",
        "--time",
        "08:30",
        "--repo",
        str(brand.root),
    ]
    first = invoke(runner, *args)
    second = invoke(runner, *args)
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    folder = brand.root / "content/posts/2027/01"
    names = sorted(p.name for p in folder.glob("*.md"))
    assert names == ["2027-01-05-winter-blend-is-back-2.md", "2027-01-05-winter-blend-is-back.md"]
    text = (folder / "2027-01-05-winter-blend-is-back.md").read_text()
    assert "id: 2027-01-05-winter-blend-is-back\n" in text
    assert "at: 2027-01-05 08:30 Europe/London\n" in text
    assert "channels: [bluesky]\n" in text
    # Both drafts validate; the only complaint is that they are planned at the same time.
    codes = {p.code for p in validate(root=brand.root).report.problems}
    assert codes <= {"posts-too-close", "too-many-posts-per-day"}


def test_new_post_without_time_takes_the_next_slot(runner: CliRunner, brand: BrandRepo) -> None:
    result = invoke(
        runner, "new", "post", "Ünïcode títle ☕", "--date", "2027-01-06", "--repo", str(brand.root)
    )
    assert result.exit_code == 0, result.output
    path = brand.root / "content/posts/2027/01/2027-01-06-unicode-title.md"
    assert "at: next\n" in path.read_text()
    assert validate(root=brand.root).report.problems == []


def test_new_post_rejects_unknown_channel_and_bad_time(runner: CliRunner, brand: BrandRepo):
    result = invoke(runner, "new", "post", "x", "--channel", "tiktok", "--repo", str(brand.root))
    assert result.exit_code == 2
    assert "unknown channel `tiktok`" in result.stderr
    result = invoke(runner, "new", "post", "x", "--time", "25:99", "--repo", str(brand.root))
    assert result.exit_code == 2
    assert not list((brand.root / "content/posts").rglob("*.md"))


HOSTILE_TITLES = [
    "Two\nlines",
    "Before\n---\nid: injected\n---\nAfter",
    "---",
    "Key: value",
    "# not a comment",
    "\"Quoted\" and 'quoted'",
    "- a list item",
    "yes",
    "null",
    "~",
    "[1, 2]",
    "{a: b}",
    "&anchor *alias !tag",
    "Back\\slash \\n not a newline",
    "Tab\there, CR\r, next line\x85, line separator\u2028, BOM\ufeff",
    "Bell\x07 and escape\x1b[31m and delete\x7f",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_a_hostile_title_round_trips_through_new_post_and_validate(
    runner: CliRunner, brand: BrandRepo, title: str
) -> None:
    args = ["new", "post", "--date", "2027-01-06", "--repo", str(brand.root), "--", title]
    result = invoke(runner, *args)
    assert result.exit_code == 0, result.output
    (path,) = (brand.root / "content/posts").rglob("*.md")
    checked = validate(root=brand.root)
    assert checked.report.problems == [], path.read_text()
    (post,) = checked.repo.posts
    assert post.title == title.strip()
    assert post.body.startswith("Write the post here")


def test_new_post_refuses_a_title_that_is_not_text(runner: CliRunner, brand: BrandRepo) -> None:
    # What click gives for bytes of the command line that are not UTF-8.
    result = invoke(runner, "new", "post", "Caf\udce9", "--repo", str(brand.root))
    assert result.exit_code == 2
    assert "not UTF-8 text" in result.stderr
    assert not list((brand.root / "content/posts").rglob("*.md"))
