"""Times and dates at the edge of what a date can hold: a located problem, never a traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from socialplan.cli import main
from socialplan.rules.validate import validate
from socialplan.schedule.times import BadTime, parse_at

from ..conftest import BrandRepo

POST = """
id: a
title: A post
status: approved
objective: first-objective
pillar: expertise
channels: [bluesky]
at: {at}
"""


def problems(brand: BrandRepo) -> list[tuple[str, int, int, str]]:
    return [(p.file, p.line, p.col, p.code) for p in validate(root=brand.root).report.problems]


@pytest.mark.parametrize(
    "at", ["2027-01-09T09:30:00+25:00", "2027-01-09T09:30:00-24:00", "2027-01-09T09:30+01:60"]
)
def test_offset_beyond_a_day_is_a_located_problem(brand: BrandRepo, at: str) -> None:
    brand.post("a", POST.format(at=at))
    assert problems(brand) == [("content/posts/2027/01/a.md", 8, 5, "bad-time")]


def test_offsets_up_to_a_day_are_read() -> None:
    assert parse_at("2027-01-09T09:30:00+23:59").moment is not None
    assert parse_at("2027-01-09T09:30:00-23:59").moment is not None


@pytest.mark.parametrize(
    "at",
    [
        "0001-01-01 00:00 Pacific/Pago_Pago",
        "9999-12-31 23:30 Etc/GMT+12",
        "0001-01-01 00:00 UTC",
        "9999-12-31T23:59:00-05:00",
        "1969-12-31 23:59 UTC",
        "3000-01-01 00:00 UTC",
    ],
)
def test_dates_outside_the_planning_years_are_a_located_problem(brand: BrandRepo, at: str) -> None:
    brand.post("a", POST.format(at=at))
    assert problems(brand) == [("content/posts/2027/01/a.md", 8, 5, "date-out-of-range")]


def test_the_first_and_last_planning_days_work_in_every_zone() -> None:
    # UTC+14 and UTC-12: the instants fall just outside the years, the dates inside.
    for at in ("1970-01-01 00:00 Pacific/Kiritimati", "2999-12-31 23:59 Etc/GMT+12"):
        assert parse_at(at).moment is not None
    with pytest.raises(BadTime):
        parse_at("9999-12-31 23:30 Etc/GMT+12")


def test_campaign_dates_at_the_end_of_time(brand: BrandRepo) -> None:
    brand.write(
        "strategy/campaigns.yaml",
        """
        campaigns:
          - id: forever
            name: Forever
            objective: first-objective
            start: 9999-12-31
            end: 9999-12-31
        """,
    )
    brand.post("a", POST.format(at="next") + "campaign: forever\n")
    found = problems(brand)
    assert ("strategy/campaigns.yaml", 5, 12, "date-out-of-range") in found
    assert ("strategy/campaigns.yaml", 6, 10, "date-out-of-range") in found


def test_budget_blackout_and_observation_dates_out_of_range(brand: BrandRepo) -> None:
    channels = (brand.root / "strategy/channels.yaml").read_text()
    brand.write("strategy/channels.yaml", channels + "blackout_dates: [0001-01-01]\n")
    brand.write(
        "strategy/budget.yaml",
        """
        currency: GBP
        periods:
          - {name: p, start: 0001-01-01, end: 9999-12-31, total: 1}
        """,
    )
    brand.write(
        "strategy/competitors/rival.md",
        "---\nid: rival\nname: Rival\nobserved:\n  - {network: x, observed_on: 9999-12-31}\n"
        "---\nNotes.\n",
    )
    found = problems(brand)
    codes = [(file, code) for file, _, _, code in found]
    assert codes.count(("strategy/budget.yaml", "date-out-of-range")) == 2
    assert ("strategy/channels.yaml", "date-out-of-range") in codes
    assert ("strategy/competitors/rival.md", 5, 31, "date-out-of-range") in found


def test_queued_post_in_a_month_folder_of_year_one(brand: BrandRepo) -> None:
    brand.write("content/posts/0001/01/a.md", "---" + POST.format(at="next") + "---\nHi.\n")
    found = problems(brand)
    assert ("content/posts/0001/01/a.md", 8, 5, "no-free-slot") in found


@pytest.mark.parametrize("start", ["9999-12-31", "0001-01-01"])
@pytest.mark.parametrize("view", ["week", "month"])
def test_calendar_start_outside_the_years_is_a_usage_error(
    brand: BrandRepo, start: str, view: str
) -> None:
    result = CliRunner().invoke(
        main,
        ["calendar", "--repo", str(brand.root), "--start", start, "--view", view],
        catch_exceptions=False,
    )
    assert result.exit_code == 2
    assert f"--start {start} is outside the years" in result.stderr
