"""Schedule rules reported by `validate`: limits, gaps, blackouts, cadence, queue, mix."""

from __future__ import annotations

import pytest

from socialplan.problems import Problem
from socialplan.rules import cadence as schedule_rules
from socialplan.rules.validate import validate
from socialplan.schedule import slots as planning

from ...conftest import BrandRepo

CHANNELS = """
# yaml-language-server: $schema=../schemas/channels.schema.json
channels:
  - id: bluesky
    network: bluesky
    account: brand.bsky.social
    time_zone: Europe/London
    slots: {mon: ["09:00", "17:00"], tue: ["09:00"], wed: ["09:00"], thu: ["09:00"]}
    max_posts_per_day: 1
    min_gap_minutes: 60
    cadence: {posts_per_week: 3, max_gap_days: 3}
    blackout_dates: ["2027-01-06"]
  - id: mastodon
    network: mastodon
    account: "@brand@mastodon.example"
    server: https://mastodon.example
    time_zone: Europe/London
    slots: {mon: ["09:00"]}
    max_posts_per_day: 3
    min_gap_minutes: 60
"""

FRONT = """
id: {id}
title: {id}
status: approved
objective: first-objective
pillar: {pillar}
channels: [{channels}]
at: {at}
"""


def post(brand: BrandRepo, post_id: str, at: str, channels: str = "bluesky", pillar: str = "a"):
    brand.post(post_id, FRONT.format(id=post_id, at=at, channels=channels, pillar=pillar))


def problems(brand: BrandRepo, code: str) -> list[Problem]:
    return [p for p in validate(root=brand.root).report.problems if p.code == code]


def where(found: list[Problem]) -> list[str]:
    return [f"{p.file}:{p.line}:{p.col} {p.severity.value}" for p in found]


@pytest.fixture
def channels(brand: BrandRepo) -> BrandRepo:
    brand.write("strategy/channels.yaml", CHANNELS)
    brand.write(
        "strategy/pillars.yaml",
        "pillars:\n  - {id: a, name: A, target_share: 0.5}\n"
        "  - {id: b, name: B, target_share: 0.5}\n",
    )
    return brand


def test_too_many_posts_in_a_day_flags_the_later_post(channels: BrandRepo) -> None:
    post(channels, "first", "2027-01-04 09:00 Europe/London")
    post(channels, "second", "2027-01-04 17:00 Europe/London")
    (found,) = problems(channels, "too-many-posts-per-day")
    assert where([found]) == ["content/posts/2027/01/second.md:8:5 error"]
    assert found.message == (
        "too many posts in one day: `bluesky` would carry 2 posts on Mon 2027-01-04, over its"
        " 1 a day (with `first`)"
    )
    assert "max_posts_per_day" in found.hint


def test_the_day_is_the_channel_s_local_day(channels: BrandRepo) -> None:
    # 23:30 in New York on the 4th is 04:30 on the 5th in London: another day.
    post(channels, "first", "2027-01-04 09:00 Europe/London")
    post(channels, "second", "2027-01-04 23:30 America/New_York")
    assert problems(channels, "too-many-posts-per-day") == []


def test_posts_too_close_on_one_channel(channels: BrandRepo) -> None:
    post(channels, "first", "2027-01-04 09:00 Europe/London", "mastodon")
    post(channels, "second", "2027-01-04 09:45 Europe/London", "mastodon")
    post(channels, "third", "2027-01-04 09:45 Europe/London", "mastodon")
    found = problems(channels, "posts-too-close")
    assert [p.message for p in found] == [
        "too close to another post: on `mastodon` it goes out 45 min after `first` (the channel"
        " wants 1 h between posts)",
        "too close to another post: on `mastodon` it goes out at the same time as `second` (the"
        " channel wants 1 h between posts)",
    ]
    assert where(found) == [
        "content/posts/2027/01/second.md:8:5 warning",
        "content/posts/2027/01/third.md:8:5 warning",
    ]


def test_blackout_dates_of_the_channel_and_of_every_channel(channels: BrandRepo) -> None:
    channels.write("strategy/channels.yaml", CHANNELS + 'blackout_dates: ["2027-01-04"]\n')
    post(channels, "holiday", "2027-01-04 09:00 Europe/London", "bluesky, mastodon")
    post(channels, "closed", "2027-01-06 09:00 Europe/London", "bluesky, mastodon")
    found = problems(channels, "blackout-date")
    assert [p.message for p in found] == [
        "the post falls on a day it must not go out: Wed 2027-01-06 is a blackout date for"
        " `bluesky`",
        "the post falls on a day it must not go out: Mon 2027-01-04 is a blackout date for"
        " `bluesky`, `mastodon`",
    ]
    assert all(p.is_error and p.pointer == ("at",) for p in found)


def test_cadence_gap_between_posts_sits_on_the_channel(channels: BrandRepo) -> None:
    post(channels, "mon", "2027-01-04 09:00 Europe/London")
    post(channels, "thu", "2027-01-07 09:00 Europe/London")  # 3 days: allowed
    post(channels, "next-thu", "2027-01-14 09:00 Europe/London")  # 7 days: too long
    (found,) = problems(channels, "cadence-gap")
    assert where([found]) == ["strategy/channels.yaml:10:48 warning"]
    assert found.message == (
        "channel `bluesky` goes 7 days between posts, from Thu 2027-01-07 (`thu`) to Thu"
        " 2027-01-14 (`next-thu`); its cadence allows at most 3"
    )


def test_cadence_never_looks_at_today(channels: BrandRepo) -> None:
    # One post long ago, nothing since: no gap *between* posts, so no warning.
    post(channels, "only", "2020-01-06 09:00 Europe/London")
    assert problems(channels, "cadence-gap") == []


def test_queued_post_without_a_free_slot(
    channels: BrandRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(planning, "QUEUE_HORIZON_DAYS", 7)
    # Two weeks of slots would be needed; only Jan 4 (Mon) and Jan 5, 7 are in reach.
    for n in range(4):
        post(channels, f"q{n}", "next")
    (found,) = problems(channels, "no-free-slot")
    assert found.file == "content/posts/2027/01/q3.md"
    assert found.message == (
        "`at: next` found no free posting slot on `bluesky` within 7 days from 2027-01-01"
    )


def test_queued_post_outside_a_month_folder(channels: BrandRepo) -> None:
    channels.write(
        "content/posts/loose.md",
        "---\n" + FRONT.format(id="loose", at="next", channels="bluesky", pillar="a") + "---\nHi",
    )
    (found,) = problems(channels, "no-free-slot")
    assert where([found]) == ["content/posts/loose.md:9:5 error"]
    assert "not in a content/posts/YYYY/MM/ folder" in found.message


def test_a_channel_without_slots_is_left_to_the_timing_rule(brand: BrandRepo) -> None:
    text = (brand.root / "strategy/channels.yaml").read_text()
    start, end = text.index("    slots:"), text.index("    max_posts_per_day")
    brand.write("strategy/channels.yaml", text[:start] + text[end:])
    post(brand, "q", "next", pillar="expertise")
    codes = [p.code for p in validate(root=brand.root).report.problems]
    assert codes == ["no-slots"]


# -- pillar mix -----------------------------------------------------------------

MIX_CHANNELS = """
channels:
  - {id: one, network: bluesky, account: a.bsky.social, time_zone: Europe/London}
  - {id: two, network: bluesky, account: b.bsky.social, time_zone: Europe/London}
  - {id: three, network: bluesky, account: c.bsky.social, time_zone: Europe/London}
"""


@pytest.fixture
def mix(channels: BrandRepo) -> BrandRepo:
    channels.write("strategy/channels.yaml", MIX_CHANNELS)
    return channels


def plan_posts(brand: BrandRepo, pillars: str, first_day: int = 1, channels: str = "one") -> None:
    for n, pillar in enumerate(pillars):
        day = first_day + n
        month, day = (1, day) if day <= 31 else (2, day - 31)
        at = f"2027-{month:02d}-{day:02d} 09:00 Europe/London"
        folder = f"content/posts/2027/{month:02d}"
        name = f"{pillar}-{first_day + n}"
        front = FRONT.format(id=name, at=at, channels=channels, pillar=pillar)
        brand.write(f"{folder}/{name}.md", "---\n" + front + "---\nHi\n")


def test_pillar_mix_off_target_names_pillar_window_and_distance(mix: BrandRepo) -> None:
    plan_posts(mix, "aaaaaaab")  # 8 posts: a 88 %, b 12 %
    found = problems(mix, "pillar-mix-off")
    assert [p.message for p in found] == [
        "from 2027-01-01 to 2027-01-28, `a` is 88% of the posts (7 of 8), 38 points over its"
        " target of 50% (tolerance 15 points)",
        "from 2027-01-01 to 2027-01-28, `b` is 12% of the posts (1 of 8), 38 points under its"
        " target of 50% (tolerance 15 points)",
    ]
    assert where(found) == [
        "strategy/pillars.yaml:2:36 warning",
        "strategy/pillars.yaml:3:36 warning",
    ]
    assert found[1].hint == "plan more `b` posts in those 28 days, or change its `target_share`"


def test_pillar_mix_needs_enough_posts(mix: BrandRepo) -> None:
    plan_posts(mix, "a" * (schedule_rules.MIN_POSTS_FOR_MIX - 1))
    assert problems(mix, "pillar-mix-off") == []


def test_pillar_mix_within_tolerance(mix: BrandRepo) -> None:
    plan_posts(mix, "aaaaabbbb")  # a 56 %: 6 points over, within 15
    assert problems(mix, "pillar-mix-off") == []


def test_pillar_mix_counts_a_post_once_whatever_its_channels(mix: BrandRepo) -> None:
    plan_posts(mix, "aaaa", first_day=1, channels="one")
    plan_posts(mix, "bbbb", first_day=5, channels="one, two, three")
    assert problems(mix, "pillar-mix-off") == []


def test_pillar_mix_is_judged_window_by_window(mix: BrandRepo) -> None:
    mix.write(
        "strategy/pillars.yaml",
        "mix_window_days: 14\nmix_tolerance: 0.2\n"
        + (
            "pillars:\n  - {id: a, name: A, target_share: 0.5}\n"
            "  - {id: b, name: B, target_share: 0.5}\n"
        ),
    )
    plan_posts(mix, "ababababab" + "abab", first_day=1)  # 1-14: balanced
    plan_posts(mix, "aaaaaaaaaa", first_day=15)  # 15-24: only `a`
    found = problems(mix, "pillar-mix-off")
    assert [p.message.split(",")[0] for p in found] == [
        "from 2027-01-15 to 2027-01-28",
        "from 2027-01-15 to 2027-01-28",
    ]
    assert "tolerance 20 points" in found[0].message


def test_schedule_rules_do_not_fire_on_a_fresh_repository(brand: BrandRepo) -> None:
    from socialplan.load.loader import load

    assert list(schedule_rules.check(load(brand.root).repo)) == []
