from datetime import UTC, datetime

from socialplan.load.loader import load
from socialplan.schedule.slots import schedule

from ...conftest import BrandRepo

CHANNELS = """
# yaml-language-server: $schema=../schemas/channels.schema.json
channels:
  - id: bluesky
    network: bluesky
    account: yourbrand.bsky.social
    time_zone: Europe/London
    slots:
      mon: ["09:00", "17:00"]
      tue: ["09:00"]
    max_posts_per_day: 1
    min_gap_minutes: 60
    blackout_dates: ["2027-01-05"]
"""

FRONT = """
id: {id}
title: T
status: approved
objective: first-objective
pillar: expertise
channels: [bluesky]
at: {at}
"""


def moments(brand: BrandRepo) -> dict[str, datetime]:
    plan = schedule(load(brand.root).repo)
    return {e.post.id: e.moment for e in plan.entries}


def test_fixed_times_are_utc_across_daylight_saving(brand: BrandRepo) -> None:
    brand.post("a", FRONT.format(id="a", at="2027-01-04 09:00 Europe/London"))
    brand.write(
        "content/posts/2027/07/b.md",
        "---\n" + FRONT.format(id="b", at="2027-07-05 09:00 Europe/London") + "---\nHi\n",
    )
    got = moments(brand)
    assert got["a"] == datetime(2027, 1, 4, 9, 0, tzinfo=UTC)
    assert got["b"] == datetime(2027, 7, 5, 8, 0, tzinfo=UTC)


def test_queue_takes_next_free_slot_respecting_rules(brand: BrandRepo) -> None:
    brand.write("strategy/channels.yaml", CHANNELS)
    # Monday 2027-01-04 09:00 is taken by a fixed post; max one post a day.
    brand.post("fixed", FRONT.format(id="fixed", at="2027-01-04 09:00 Europe/London"))
    brand.post("q1", FRONT.format(id="q1", at="next"))
    brand.post("q2", FRONT.format(id="q2", at="next"))
    got = moments(brand)
    # 2027-01-01 is a Friday: no slots until Monday the 4th, which is full;
    # Tuesday the 5th is a blackout date; Monday the 11th is next.
    assert got["q1"] == datetime(2027, 1, 11, 9, 0, tzinfo=UTC)
    assert got["q2"] == datetime(2027, 1, 12, 9, 0, tzinfo=UTC)


def test_same_repo_same_schedule(brand: BrandRepo) -> None:
    for n in range(5):
        brand.post(f"q{n}", FRONT.format(id=f"q{n}", at="next"))
    assert moments(brand) == moments(brand)


def test_ideas_and_unreadable_times_are_left_out(brand: BrandRepo) -> None:
    brand.post("idea", "id: idea\ntitle: Later\nstatus: idea")
    brand.post("bad", FRONT.format(id="bad", at="2027-01-04 09:00"))
    assert moments(brand) == {}
