"""`socialplan calendar` as a user meets it: views, the .ics file, exit codes, the demo."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner, Result
from ical.calendar_stream import IcsCalendarStream

from socialplan.commands.calendar import calendar
from socialplan.load.loader import load
from socialplan.rules import cadence as schedule_rules
from socialplan.schedule.slots import schedule

from ..conftest import ROOT, BrandRepo

POST = """
id: {id}
title: {title}
status: approved
objective: first-objective
pillar: expertise
channels: [bluesky]
at: {at}
"""


def run(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(calendar, list(args), catch_exceptions=False)


@pytest.fixture
def repo(brand: BrandRepo) -> BrandRepo:
    brand.post("a", POST.format(id="a", title="Hello January", at="2027-01-04 09:00 Europe/London"))
    brand.post("b", POST.format(id="b", title="Second post", at="2027-01-06 09:00 Europe/London"))
    return brand


def test_week_view(runner: CliRunner, repo: BrandRepo) -> None:
    result = run(runner, "--repo", str(repo.root), "--start", "2027-01-04")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:7] == [
        "Week of Mon 4 Jan 2027 to Sun 10 Jan 2027",
        "Times in Europe/London (GMT)",
        "",
        "Mon 4 Jan",
        "  09:00  bluesky  Hello January [approved]",
        "Tue 5 Jan",
        "  -",
    ]


def test_default_start_shows_a_week_with_posts(runner: CliRunner, repo: BrandRepo) -> None:
    # Both posts are in one week, so whatever today is, that week opens.
    result = run(runner, "--repo", str(repo.root))
    assert result.stdout.startswith("Week of Mon 4 Jan 2027 to Sun 10 Jan 2027\n")


def test_month_view_with_zone_and_filters(runner: CliRunner, repo: BrandRepo) -> None:
    args = ["--repo", str(repo.root), "--view", "month", "--start", "2027-01-20"]
    result = run(runner, *args, "--zone", "Asia/Tokyo", "--channel", "bluesky")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:2] == ["January 2027", "Times in Asia/Tokyo (JST)"]
    assert "Mon 4 Jan" in lines and "  18:00  Hello January [approved] on bluesky" in lines
    assert lines[-1] == "2 posts this month, 2 sends on 1 channel."


def test_ics_file(runner: CliRunner, repo: BrandRepo, tmp_path: Path) -> None:
    target = tmp_path / "build" / "calendar.ics"
    result = run(runner, "--repo", str(repo.root), "--ics", str(target))
    assert result.exit_code == 0
    assert result.stdout == f"Wrote 2 events to {target}.\n"
    first = target.read_bytes()
    run(runner, "--repo", str(repo.root), "--ics", str(target))
    assert target.read_bytes() == first
    uids = [e.uid for e in IcsCalendarStream.calendar_from_ics(first.decode()).events]
    assert uids == ["a.bluesky@socialplan", "b.bluesky@socialplan"]


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (
            ["--channel", "blusky"],
            "socialplan: unknown channel `blusky`: it is not defined in strategy/channels.yaml",
            "  hint: did you mean `bluesky`?",
        ),
        (
            ["--pillar", "nope"],
            "socialplan: unknown pillar `nope`: it is not defined in strategy/pillars.yaml",
            "  hint: known: `expertise`",
        ),
        (
            ["--zone", "Europe/Londn"],
            "socialplan: `Europe/Londn` is not a known time zone",
            "  hint: did you mean `Europe/London`?",
        ),
    ],
)
def test_usage_mistakes_exit_2_with_a_hint(
    runner: CliRunner, repo: BrandRepo, args: list[str], message: str, hint: str
) -> None:
    result = run(runner, "--repo", str(repo.root), *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [message, hint]
    assert result.stdout == ""


def test_bad_options_exit_2(runner: CliRunner, repo: BrandRepo, tmp_path: Path) -> None:
    assert run(runner, "--repo", str(repo.root), "--start", "2027-13-01").exit_code == 2
    assert run(runner, "--repo", str(repo.root), "--view", "year").exit_code == 2
    outside = run(runner, "--repo", str(tmp_path))
    assert outside.exit_code == 2
    assert "is not inside a socialplan repository" in outside.stderr


def test_unwritable_ics_path(runner: CliRunner, repo: BrandRepo, tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("not a folder")
    assert run(runner, "--repo", str(repo.root), "--ics", str(tmp_path / "folder")).exit_code == 2
    result = run(runner, "--repo", str(repo.root), "--ics", str(tmp_path / "file" / "x.ics"))
    assert result.exit_code == 1
    assert result.stderr.startswith("socialplan: could not write")


def test_help_has_an_example(runner: CliRunner) -> None:
    result = run(runner, "--help")
    assert result.exit_code == 0
    assert "socialplan calendar --ics build/calendar.ics" in result.stdout


# -- the demo brand -------------------------------------------------------------

DEMO_HAS_POSTS = any((ROOT / "content" / "posts").rglob("*.md"))


@pytest.mark.skipif(not DEMO_HAS_POSTS, reason="the demo brand has no posts yet")
def test_demo_keeps_the_schedule_rules() -> None:
    problems = list(schedule_rules.check(load(ROOT).repo))
    assert problems == [], "\n".join(f"{p.file}: [{p.code}] {p.message}" for p in problems)


@pytest.mark.skipif(not DEMO_HAS_POSTS, reason="the demo brand has no posts yet")
def test_demo_calendar(runner: CliRunner, tmp_path: Path) -> None:
    plan = schedule(load(ROOT).repo)
    first = plan.entries[0].moment.date().isoformat()
    for view in ("week", "month"):
        shown = run(runner, "--repo", str(ROOT), "--view", view, "--start", first)
        assert shown.exit_code == 0 and "[approved]" in shown.stdout
    target = tmp_path / "calendar.ics"
    assert run(runner, "--repo", str(ROOT), "--ics", str(target)).exit_code == 0
    data = target.read_bytes()
    ours = icalendar.Calendar.from_ical(data).walk("VEVENT")
    theirs = IcsCalendarStream.calendar_from_ics(data.decode()).events
    assert len(ours) == len(theirs) == len(plan.entries)
    assert [str(e["uid"]) for e in ours] == [e.uid for e in theirs]
