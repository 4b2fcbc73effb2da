"""Times across daylight-saving changes: fixed `at:` times and queue slots."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from socialplan.load.loader import load
from socialplan.schedule.slots import schedule

from ...conftest import BrandRepo

POST = """\
---
id: {id}
title: {id}
status: approved
objective: first-objective
pillar: expertise
{campaign}channels: [{channel}]
at: {at}
---
Hello.
"""

CHANNEL = """\
# yaml-language-server: $schema=../schemas/channels.schema.json
channels:
  - id: feed
    network: bluesky
    account: brand.bsky.social
    time_zone: {zone}
    slots: {slots}
    max_posts_per_day: {per_day}
"""

CAMPAIGN = """\
# yaml-language-server: $schema=../schemas/campaigns.schema.json
campaigns:
  - id: push
    name: Push
    objective: first-objective
    start: "{start}"
    end: "{end}"
"""


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def write_post(brand: BrandRepo, post_id: str, at: str, month: str, campaign: bool = False) -> None:
    brand.write(
        f"content/posts/{month}/{post_id}.md",
        POST.format(
            id=post_id, at=at, channel="feed", campaign="campaign: push\n" if campaign else ""
        ),
    )


def placed(brand: BrandRepo) -> list[tuple[str, datetime]]:
    plan = schedule(load(brand.root).repo)
    assert not plan.unplaced
    return [(e.post.id, e.moment) for e in plan.entries]


def use_channel(brand: BrandRepo, zone: str, slots: str, per_day: int = 5) -> None:
    brand.write("strategy/channels.yaml", CHANNEL.format(zone=zone, slots=slots, per_day=per_day))


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        # London, spring forward at 01:00 GMT on 2027-03-28.
        ("2027-03-28 00:30 Europe/London", utc(2027, 3, 28, 0, 30)),
        ("2027-03-28 02:30 Europe/London", utc(2027, 3, 28, 1, 30)),
        # London, fall back at 02:00 BST on 2027-10-31: 01:30 happens twice, the first is taken.
        ("2027-10-31 00:30 Europe/London", utc(2027, 10, 30, 23, 30)),
        ("2027-10-31 01:30 Europe/London", utc(2027, 10, 31, 0, 30)),
        ("2027-10-31 02:30 Europe/London", utc(2027, 10, 31, 2, 30)),
        # New York: spring forward on 2027-03-14, fall back on 2027-11-07.
        ("2027-03-13 09:00 America/New_York", utc(2027, 3, 13, 14, 0)),
        ("2027-03-14 03:30 America/New_York", utc(2027, 3, 14, 7, 30)),
        ("2027-11-07 01:30 America/New_York", utc(2027, 11, 7, 5, 30)),
        ("2027-11-08 09:00 America/New_York", utc(2027, 11, 8, 14, 0)),
        # An explicit offset says which of the two 01:30s is meant.
        ("2027-10-31T01:30:00+00:00", utc(2027, 10, 31, 1, 30)),
    ],
)
def test_fixed_times_resolve_to_the_right_instant(
    brand: BrandRepo, at: str, expected: datetime
) -> None:
    use_channel(brand, "Europe/London", "{mon: ['09:00']}")
    write_post(brand, "p", at, at[:4] + "/" + at[5:7])
    assert placed(brand) == [("p", expected)]


def test_a_time_the_clocks_skip_is_left_out(brand: BrandRepo) -> None:
    use_channel(brand, "Europe/London", "{mon: ['09:00']}")
    write_post(brand, "q", "2027-03-29 01:30 Europe/London", "2027/03")
    write_post(brand, "p", "2027-03-28 01:30 Europe/London", "2027/03")
    assert [e.post.id for e in schedule(load(brand.root).repo).entries] == ["q"]


def test_queue_keeps_wall_clock_slots_across_spring_forward_in_london(brand: BrandRepo) -> None:
    use_channel(brand, "Europe/London", "{sat: ['01:30', '09:00'], sun: ['01:30', '09:00']}")
    brand.write("strategy/campaigns.yaml", CAMPAIGN.format(start="2027-03-27", end="2027-04-30"))
    for n in range(5):
        write_post(brand, f"q{n}", "next", "2027/03", campaign=True)
    assert [moment for _, moment in placed(brand)] == [
        utc(2027, 3, 27, 1, 30),  # Saturday, GMT
        utc(2027, 3, 27, 9, 0),
        # Sunday 01:30 does not exist in London that day: skipped.
        utc(2027, 3, 28, 8, 0),  # 09:00 BST
        utc(2027, 4, 3, 0, 30),  # next Saturday 01:30 BST
        utc(2027, 4, 3, 8, 0),
    ]


def test_queue_takes_the_first_of_two_identical_times_in_autumn(brand: BrandRepo) -> None:
    use_channel(brand, "Europe/London", "{sun: ['01:30', '09:00']}")
    brand.write("strategy/campaigns.yaml", CAMPAIGN.format(start="2027-10-31", end="2027-11-30"))
    for n in range(3):
        write_post(brand, f"q{n}", "next", "2027/10", campaign=True)
    assert [moment for _, moment in placed(brand)] == [
        utc(2027, 10, 31, 0, 30),  # 01:30 BST, the first of the two
        utc(2027, 10, 31, 9, 0),  # 09:00 GMT
        utc(2027, 11, 7, 1, 30),  # 01:30 GMT
    ]


def test_per_day_limit_counts_the_local_day_of_25_hours(brand: BrandRepo) -> None:
    # 00:30 BST is still 30 October in UTC, 23:30 GMT is 31 October: a UTC count
    # would allow all three; the channel's own day holds only two.
    use_channel(brand, "Europe/London", "{sun: ['00:30', '01:30', '23:30']}", per_day=2)
    brand.write("strategy/campaigns.yaml", CAMPAIGN.format(start="2027-10-31", end="2027-11-30"))
    for n in range(3):
        write_post(brand, f"q{n}", "next", "2027/10", campaign=True)
    assert [moment for _, moment in placed(brand)] == [
        utc(2027, 10, 30, 23, 30),
        utc(2027, 10, 31, 0, 30),
        utc(2027, 11, 7, 0, 30),
    ]


def test_queue_across_new_york_changes(brand: BrandRepo) -> None:
    use_channel(brand, "America/New_York", "{sun: ['01:30', '02:30', '09:00']}", per_day=3)
    brand.write("strategy/campaigns.yaml", CAMPAIGN.format(start="2027-03-14", end="2027-11-30"))
    for n in range(3):
        write_post(brand, f"q{n}", "next", "2027/03", campaign=True)
    assert [moment for _, moment in placed(brand)] == [
        utc(2027, 3, 14, 6, 30),  # 01:30 EST
        # 02:30 does not exist on 14 March in New York.
        utc(2027, 3, 14, 13, 0),  # 09:00 EDT
        utc(2027, 3, 21, 5, 30),  # 01:30 EDT a week later
    ]


def test_queue_in_new_york_autumn(brand: BrandRepo) -> None:
    use_channel(brand, "America/New_York", "{sun: ['01:30']}")
    brand.write("strategy/campaigns.yaml", CAMPAIGN.format(start="2027-11-07", end="2027-11-30"))
    for n in range(2):
        write_post(brand, f"q{n}", "next", "2027/11", campaign=True)
    assert [moment for _, moment in placed(brand)] == [
        utc(2027, 11, 7, 5, 30),  # 01:30 EDT, the first of the two
        utc(2027, 11, 14, 6, 30),  # 01:30 EST
    ]


def test_local_time_of_an_entry_is_in_its_zone(brand: BrandRepo) -> None:
    use_channel(brand, "Europe/London", "{mon: ['09:00']}")
    write_post(brand, "p", "2027-03-14 03:30 America/New_York", "2027/03")
    (entry,) = schedule(load(brand.root).repo).entries
    assert entry.zone == "America/New_York"
    assert entry.local.strftime("%H:%M %Z") == "03:30 EDT"
