"""Terminal views of the calendar: a week, a month, filters, zones and where they open."""

from __future__ import annotations

from datetime import date

import pytest

from socialplan.calendar import Selection, default_start, month_view, week_view
from socialplan.errors import UsageError
from socialplan.load.loader import load
from socialplan.schedule.slots import Schedule, schedule

from ...conftest import BrandRepo

CHANNELS = """
channels:
  - id: bluesky
    network: bluesky
    account: brand.bsky.social
    time_zone: Europe/London
    slots: {mon: ["09:00"]}
  - id: mastodon
    network: mastodon
    account: "@brand@mastodon.example"
    server: https://mastodon.example
    time_zone: Europe/London
"""

PILLARS = """
pillars:
  - {id: expertise, name: Expertise, target_share: 0.5}
  - {id: news, name: News, target_share: 0.5}
"""

CAMPAIGNS = """
campaigns:
  - {id: launch, name: Launch, objective: first-objective, start: "2027-03-01", end: "2027-03-31"}
"""

POST = """---
id: {id}
title: {title}
status: {status}
objective: first-objective
pillar: {pillar}
{extra}channels: [{channels}]
at: {at}
---
Hello.
"""


def add(
    brand: BrandRepo,
    post_id: str,
    at: str,
    channels: str,
    title: str,
    status: str = "approved",
    pillar: str = "expertise",
    extra: str = "",
    folder: str = "2027/03/",
) -> None:
    text = POST.format(
        id=post_id,
        title=title,
        status=status,
        pillar=pillar,
        extra=extra,
        channels=channels,
        at=at,
    )
    brand.write(f"content/posts/{folder}{post_id}.md", text)


@pytest.fixture
def plan(brand: BrandRepo) -> Schedule:
    brand.write("strategy/channels.yaml", CHANNELS)
    brand.write("strategy/pillars.yaml", PILLARS)
    brand.write("strategy/campaigns.yaml", CAMPAIGNS)
    add(
        brand,
        "launch",
        "2027-03-22 09:00 Europe/London",
        "bluesky, mastodon",
        "Launch day",
        extra="campaign: launch\nlink: https://example.com/launch\n",
    )
    add(brand, "tips", "2027-03-24 12:30 Europe/London", "mastodon", "Tips", "draft", "news")
    add(brand, "after", "2027-03-29 09:00 Europe/London", "bluesky", "After the change")
    add(brand, "queued", "next", "bluesky", "From the queue", "review")
    add(brand, "loose", "next", "bluesky", "Nowhere", folder="")
    return schedule(load(brand.root).repo)


WEEK = """\
Week of Mon 22 Mar 2027 to Sun 28 Mar 2027
Times in Europe/London (GMT, then BST from Sun 28 Mar)

Mon 22 Mar
  09:00  bluesky   Launch day [approved]
  09:00  mastodon  Launch day [approved]
Tue 23 Mar
  -
Wed 24 Mar
  12:30  mastodon  Tips [draft]
Thu 25 Mar
  -
Fri 26 Mar
  -
Sat 27 Mar
  -
Sun 28 Mar
  -

2 posts this week, 3 sends on 2 channels.
Not placed: `loose` on bluesky (no free posting slot; see `socialplan validate`).
"""


def test_week_view(plan: Schedule) -> None:
    assert week_view(plan, date(2027, 3, 22)) == WEEK


def test_week_view_in_another_zone_keeps_each_day_s_wall_clock(plan: Schedule) -> None:
    text = week_view(plan, date(2027, 3, 29), "America/New_York")
    assert text.splitlines()[:6] == [
        "Week of Mon 29 Mar 2027 to Sun 4 Apr 2027",
        "Times in America/New_York (EDT)",
        "",
        "Mon 29 Mar",
        "  04:00  bluesky  After the change [approved]",
        "Tue 30 Mar",
    ]


def test_queued_entries_say_so(plan: Schedule) -> None:
    text = week_view(plan, date(2027, 3, 1))
    assert "  09:00  bluesky  From the queue [review, queued]" in text.splitlines()


MONTH = """\
March 2027
Times in Europe/London (GMT, then BST from Sun 28 Mar)

Mon     Tue     Wed     Thu     Fri     Sat     Sun
  1 (1)   2       3       4       5       6       7
  8       9      10      11      12      13      14
 15      16      17      18      19      20      21
 22 (1)  23      24 (1)  25      26      27      28
 29 (1)  30      31

(n): posts that day, each counted once whatever its channels.

Mon 1 Mar
  09:00  From the queue [review, queued] on bluesky
Mon 22 Mar
  09:00  Launch day [approved] on bluesky, mastodon
Wed 24 Mar
  12:30  Tips [draft] on mastodon
Mon 29 Mar
  09:00  After the change [approved] on bluesky

4 posts this month, 5 sends on 2 channels.
Not placed: `loose` on bluesky (no free posting slot; see `socialplan validate`).
"""


def test_month_view(plan: Schedule) -> None:
    assert month_view(plan, date(2027, 3, 17)) == MONTH


def test_month_grid_of_a_month_starting_on_sunday(plan: Schedule) -> None:
    lines = month_view(plan, date(2027, 8, 1)).splitlines()
    assert lines[:6] == [
        "August 2027",
        "Times in Europe/London (BST)",
        "",
        "Mon     Tue     Wed     Thu     Fri     Sat     Sun",
        "                                                  1",
        "  2       3       4       5       6       7       8",
    ]
    assert lines[-2:] == [
        "0 posts this month, 0 sends on 0 channels.",
        "Not placed: `loose` on bluesky (no free posting slot; see `socialplan validate`).",
    ]


@pytest.mark.parametrize(
    ("selection", "titles"),
    [
        (Selection(channels=("mastodon",)), ["Launch day", "Tips"]),
        (Selection(pillars=("news",)), ["Tips"]),
        (Selection(campaigns=("launch",)), ["Launch day"]),
        (Selection(channels=("bluesky",), pillars=("news",)), []),
        (
            Selection(channels=("bluesky", "mastodon"), pillars=("expertise",)),
            ["After the change", "From the queue", "Launch day"],
        ),
    ],
)
def test_filters(plan: Schedule, selection: Selection, titles: list[str]) -> None:
    text = month_view(plan, date(2027, 3, 1), selection=selection)
    entries = [line for line in text.splitlines() if line[:2] == "  " and line[4] == ":"]
    shown = [line[9:].split(" [")[0] for line in entries]
    assert sorted(shown) == sorted(titles)


def test_filters_name_known_ids(plan: Schedule) -> None:
    assert plan.repo is not None
    with pytest.raises(UsageError) as raised:
        Selection(channels=("mastodn",)).check(plan.repo)
    assert raised.value.message == (
        "unknown channel `mastodn`: it is not defined in strategy/channels.yaml"
    )
    assert raised.value.hint == "did you mean `mastodon`?"
    with pytest.raises(UsageError, match="unknown campaign `winter`"):
        Selection(campaigns=("winter",)).check(plan.repo)


def test_an_unknown_zone_is_a_usage_error(plan: Schedule) -> None:
    with pytest.raises(UsageError) as raised:
        week_view(plan, date(2027, 3, 22), "Europe/Londn")
    assert raised.value.hint == "did you mean `Europe/London`?"


@pytest.mark.parametrize(
    ("view", "today", "expected"),
    [
        ("week", date(2026, 11, 25), date(2027, 3, 1)),  # first week with a post
        ("week", date(2027, 3, 3), date(2027, 3, 1)),  # this week has one
        ("week", date(2027, 3, 10), date(2027, 3, 22)),  # the next with posts
        ("week", date(2027, 6, 1), date(2027, 3, 29)),  # nothing upcoming: the last
        ("month", date(2027, 3, 30), date(2027, 3, 1)),
        ("month", date(2027, 1, 5), date(2027, 3, 1)),
    ],
)
def test_default_start(plan: Schedule, view: str, today: date, expected: date) -> None:
    assert default_start(plan, view, today) == expected  # type: ignore[arg-type]


def test_default_start_of_an_empty_schedule_is_today_s_period() -> None:
    assert default_start(Schedule(), "week", date(2027, 1, 7)) == date(2027, 1, 4)
    assert default_start(Schedule(), "month", date(2027, 1, 7)) == date(2027, 1, 1)


def test_views_of_a_schedule_without_repository_use_utc() -> None:
    assert week_view(Schedule(), date(2027, 1, 4)).splitlines()[1] == "Times in UTC"
