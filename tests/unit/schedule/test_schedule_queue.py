"""The `at: next` queue: deterministic, and the same as a plain slot-by-slot search."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from socialplan.load.loader import load
from socialplan.load.model import Channel, Repo, build_post
from socialplan.schedule import slots as planning
from socialplan.schedule.times import zone

from ...conftest import BrandRepo

FRONT = """
id: {id}
title: T
status: approved
objective: first-objective
pillar: expertise
channels: [bluesky]
at: {at}
"""


def plan_of(brand: BrandRepo) -> list[tuple[str, str, datetime]]:
    plan = planning.schedule(load(brand.root).repo)
    return [(e.post.id, e.channel.id, e.moment) for e in plan.entries]


def test_file_names_and_order_do_not_change_the_queue(brand: BrandRepo, tmp_path: Path) -> None:
    for n in range(6):
        brand.post(f"file-{n}", FRONT.format(id=f"q{n}", at="next"))
    first = plan_of(brand)
    for n in range(6):
        path = brand.root / f"content/posts/2027/01/file-{n}.md"
        path.rename(path.with_name(f"renamed-{5 - n}.md"))
    assert plan_of(brand) == first
    assert [post for post, _, _ in first] == [f"q{n}" for n in range(6)]


def test_queue_goes_month_by_month_then_by_id(brand: BrandRepo) -> None:
    brand.write(
        "content/posts/2027/02/a.md", "---\n" + FRONT.format(id="a-feb", at="next") + "---\nHi\n"
    )
    brand.post("z", FRONT.format(id="z-jan", at="next"))
    got = {post: moment for post, _, moment in plan_of(brand)}
    # The starter's bluesky slots: Monday, Wednesday and Friday at 09:00.
    assert got["z-jan"] == datetime(2027, 1, 1, 9, 0, tzinfo=UTC)
    assert got["a-feb"] == datetime(2027, 2, 1, 9, 0, tzinfo=UTC)


def test_a_queued_campaign_post_waits_for_its_campaign(brand: BrandRepo) -> None:
    brand.write(
        "strategy/campaigns.yaml",
        """
        campaigns:
          - id: later
            name: Later
            objective: first-objective
            start: "2027-01-18"
            end: "2027-01-31"
        """,
    )
    brand.post("c", FRONT.format(id="c", at="next") + "campaign: later\n")
    assert plan_of(brand) == [("c", "bluesky", datetime(2027, 1, 18, 9, 0, tzinfo=UTC))]


def test_a_queued_post_outside_a_month_folder_is_unplaced(brand: BrandRepo) -> None:
    brand.write("content/posts/loose.md", "---\n" + FRONT.format(id="loose", at="next") + "---\nHi")
    plan = planning.schedule(load(brand.root).repo)
    assert plan.entries == []
    assert [(p.id, c.id) for p, c in plan.unplaced] == [("loose", "bluesky")]


def test_brand_wide_blackout_dates_close_every_channel(brand: BrandRepo) -> None:
    text = (brand.root / "strategy/channels.yaml").read_text()
    brand.write("strategy/channels.yaml", text + 'blackout_dates: ["2027-01-01", "2027-01-04"]\n')
    brand.post("q", FRONT.format(id="q", at="next"))
    assert plan_of(brand) == [("q", "bluesky", datetime(2027, 1, 6, 9, 0, tzinfo=UTC))]


# -- the queue against a plain reference search --------------------------------

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SLOT_TIMES = ("00:30", "01:30", "08:00", "09:00", "09:30", "12:30", "19:30", "23:30")


def make_repo(channels: list[dict[str, Any]], posts: list[tuple[str, str, str, list[str]]]) -> Repo:
    repo = Repo(root=Path("/nowhere"), brand={"time_zone": "Europe/London"})
    for index, data in enumerate(channels):
        repo.channels[data["id"]] = Channel(
            "strategy/channels.yaml",
            ("channels", index),
            data["id"],
            "bluesky",
            "account",
            True,
            data["time_zone"],
            data,
        )
    for post_id, folder, at, channel_ids in posts:
        data = {"id": post_id, "status": "approved", "at": at, "channels": channel_ids}
        rel = f"content/posts/{folder}/{post_id}.md"
        repo.posts.append(build_post(data, rel, Path(rel), "Hi", 10))
    return repo


Placed = list[tuple[str, str, datetime]]


def reference(repo: Repo) -> tuple[Placed, list[tuple[str, str]]]:
    """The queue written the slow, obvious way: every slot from the start, every time."""
    taken: dict[str, list[datetime]] = {c: [] for c in repo.channels}
    result: Placed = []
    missed: list[tuple[str, str]] = []
    queued = []
    for post in repo.posts:
        when = post.at or ""
        if when == "next":
            start = planning.queue_start(post, repo)
            assert start is not None
            queued.append((start, post.id, post))
            continue
        moment = datetime.fromisoformat(when).astimezone(UTC)
        for channel_id in post.channels:
            taken[channel_id].append(moment)
            result.append((post.id, channel_id, moment))
    for start, _, post in sorted(queued, key=lambda q: (q[0], q[1])):
        for channel_id in post.channels:
            channel = repo.channels[channel_id]
            found = _reference_slot(channel, start, taken[channel_id])
            if found is None:
                missed.append((post.id, channel_id))
                continue
            taken[channel_id].append(found)
            result.append((post.id, channel_id, found))
    return sorted(result, key=lambda r: (r[2], r[0], r[1])), missed


def _reference_slot(channel: Channel, start: date, taken: list[datetime]) -> datetime | None:
    tz = zone(channel.time_zone or "UTC")
    per_day = channel.data.get("max_posts_per_day")
    gap = timedelta(minutes=max(channel.data.get("min_gap_minutes", 0), 1))
    blackout = {date.fromisoformat(d) for d in channel.data.get("blackout_dates", [])}
    for offset in range(planning.QUEUE_HORIZON_DAYS):
        day = start + timedelta(days=offset)
        names = channel.data["slots"].get(DAYS[day.weekday()], [])
        for slot in sorted(time.fromisoformat(t) for t in names):
            local = datetime.combine(day, slot, tzinfo=tz)
            moment = local.astimezone(UTC)
            if moment.astimezone(tz).replace(tzinfo=None) != local.replace(tzinfo=None):
                continue
            same_day = [m for m in taken if m.astimezone(tz).date() == day]
            if day in blackout or (per_day is not None and len(same_day) >= per_day):
                continue
            if all(abs(m - moment) >= gap for m in taken):
                return moment
    return None


channel_data = st.builds(
    lambda slots, per_day, gap, blackout, tz: {
        "slots": slots,
        "max_posts_per_day": per_day,
        "min_gap_minutes": gap,
        "blackout_dates": blackout,
        "time_zone": tz,
    },
    st.dictionaries(
        st.sampled_from(DAYS), st.lists(st.sampled_from(SLOT_TIMES), unique=True), min_size=1
    ),
    st.integers(1, 3),
    st.sampled_from([0, 60, 240, 600]),
    st.lists(st.sampled_from([f"2027-03-{d:02d}" for d in range(1, 32)]), max_size=6),
    st.sampled_from(["Europe/London", "America/New_York", "UTC"]),
)
fixed_times = st.sampled_from(
    [f"2027-03-{d:02d}T{h}:00+00:00" for d in (1, 2, 8, 27, 28) for h in ("01", "08", "12")]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(channel_data, min_size=1, max_size=3),
    st.lists(
        st.tuples(
            st.sampled_from(["2027/02", "2027/03"]),
            st.one_of(st.just("next"), fixed_times),
            st.lists(st.integers(0, 2), min_size=1, max_size=3, unique=True),
        ),
        max_size=14,
    ),
)
def test_queue_matches_a_plain_search(
    channels: list[dict[str, Any]], posts: list[tuple[str, str, list[int]]]
) -> None:
    for index, data in enumerate(channels):
        data["id"] = f"c{index}"
    listed = [
        (f"p{n:02d}", folder, at, sorted({f"c{i % len(channels)}" for i in picks}))
        for n, (folder, at, picks) in enumerate(posts)
    ]
    repo = make_repo(channels, listed)
    plan = planning.schedule(repo)
    got = [(e.post.id, e.channel.id, e.moment) for e in plan.entries]
    assert (got, [(p.id, c.id) for p, c in plan.unplaced]) == reference(repo)
