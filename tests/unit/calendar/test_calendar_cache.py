"""calendar.ics from kept event bytes: the same file, with only changed events rebuilt.

`to_ics(plan, cache=EventCache(previous))` splices the serialised text of an
event whose inputs are unchanged instead of building it with icalendar again.
Every test compares the result with the calendar serialised as one whole
icalendar document (what `to_ics` always did), on real repositories on disk.
"""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest

from socialplan.build import CALENDAR, write_calendar
from socialplan.cache import store
from socialplan.cache.events import EventCache
from socialplan.calendar import Selection, to_ics
from socialplan.calendar.ics import END, PRODID, calendar_name, event, header, stamp
from socialplan.load.loader import load
from socialplan.schedule.slots import Schedule, schedule

from ...conftest import BrandRepo
from .test_calendar_ics import CAMPAIGNS, CHANNELS, LAUNCH, LONG, PEOPLE, QUEUED, write

OTHER = """
id: other
title: Another post
status: approved
objective: first-objective
pillar: expertise
channels: [mastodon]
at: {at}
"""

ALL = {
    "queued.bluesky@socialplan",
    "other.mastodon@socialplan",
    "launch.bluesky@socialplan",
    "launch.mastodon@socialplan",
}


@pytest.fixture
def brand_repo(brand: BrandRepo) -> BrandRepo:
    brand.write("strategy/channels.yaml", CHANNELS)
    brand.write("strategy/people.yaml", PEOPLE)
    brand.write("strategy/campaigns.yaml", CAMPAIGNS)
    write(brand, "launch", LAUNCH, LONG)
    write(brand, "queued", QUEUED)
    write(brand, "other", OTHER.format(at="2027-03-16 10:00 Europe/London"), "Plain words.")
    return brand


def plan_of(root: Path) -> Schedule:
    return schedule(load(root).repo)


def whole(plan: Schedule, selection: Selection | None = None) -> bytes:
    """The calendar as one icalendar document, every event built: the reference bytes."""
    document = icalendar.Calendar()
    document.add("prodid", PRODID)
    document.add("version", "2.0")
    document.add("calscale", "GREGORIAN")
    document.add("x-wr-calname", calendar_name(plan))
    stamped = stamp(plan)
    kept = [e for e in plan.entries if selection is None or selection.keeps(e.post, e.channel)]
    for entry in sorted(kept, key=lambda e: (e.moment, e.post.id, e.channel.id)):
        document.add_component(event(entry, plan, stamped))
    content: bytes = document.to_ical()
    return content


def run(root: Path, previous: dict[str, list[str]]) -> tuple[bytes, EventCache, Schedule]:
    """A fresh load of the repository, its calendar made with `previous` kept events."""
    plan = plan_of(root)
    cache = EventCache(previous)
    return to_ics(plan, cache=cache), cache, plan


def dtstart(data: bytes, name: str) -> object:
    calendar = icalendar.Calendar.from_ical(data)
    return next(e.decoded("dtstart") for e in calendar.walk("VEVENT") if str(e["uid"]) == name)


def test_events_splice_into_the_calendar_byte_for_byte(brand_repo: BrandRepo) -> None:
    plan = plan_of(brand_repo.root)
    stamped = stamp(plan)
    events = [event(e, plan, stamped).to_ical() for e in plan.entries]
    reference = whole(plan)
    # icalendar writes the calendar's lines, each event's own to_ical(), then END.
    assert reference == header(plan) + b"".join(events) + END
    assert reference.startswith(b"BEGIN:VCALENDAR\r\n") and reference.endswith(END)
    assert all(e.startswith(b"BEGIN:VEVENT\r\n") and e.endswith(b"END:VEVENT\r\n") for e in events)
    assert b"\r\n " in reference  # the long text was folded: folding is per line
    assert to_ics(plan) == reference
    assert to_ics(Schedule()) == whole(Schedule())
    mastodon = Selection(channels=("mastodon",))
    assert to_ics(plan, mastodon) == whole(plan, mastodon)


def test_no_change_reuses_every_event(brand_repo: BrandRepo) -> None:
    first, cold, _ = run(brand_repo.root, {})
    assert set(cold.built) == ALL and cold.reused == []
    assert set(cold.entries) == ALL
    again, warm, plan = run(brand_repo.root, cold.entries)
    assert warm.built == [] and set(warm.reused) == ALL
    assert again == first == to_ics(plan) == whole(plan)
    assert warm.entries == cold.entries


def test_an_edited_post_rebuilds_only_its_own_events(brand_repo: BrandRepo) -> None:
    _, cold, _ = run(brand_repo.root, {})
    write(brand_repo, "launch", LAUNCH, LONG + "One more sentence.")
    data, warm, plan = run(brand_repo.root, cold.entries)
    assert sorted(warm.built) == ["launch.bluesky@socialplan", "launch.mastodon@socialplan"]
    assert sorted(warm.reused) == ["other.mastodon@socialplan", "queued.bluesky@socialplan"]
    assert data == to_ics(plan) == whole(plan)
    assert b"One more sentence." in data.replace(b"\r\n ", b"")
    # Edited again: the kept entries are this run's, not the first run's.
    write(brand_repo, "other", OTHER.format(at="2027-03-16 10:00 Europe/London"), "New words.")
    data, third, plan = run(brand_repo.root, warm.entries)
    assert third.built == ["other.mastodon@socialplan"]
    assert data == whole(plan)


def test_a_taken_slot_moves_the_queued_post(brand_repo: BrandRepo) -> None:
    before, cold, _ = run(brand_repo.root, {})
    # A new post takes Monday 1 March 09:00, the queued post's slot: it moves to
    # Wednesday, although its own file did not change.
    taken = OTHER.replace("id: other", "id: taken").replace("[mastodon]", "[bluesky]")
    write(brand_repo, "taken", taken.format(at="2027-03-01 09:00 Europe/London"))
    data, warm, plan = run(brand_repo.root, cold.entries)
    assert sorted(warm.built) == ["queued.bluesky@socialplan", "taken.bluesky@socialplan"]
    assert set(warm.reused) == ALL - {"queued.bluesky@socialplan"}
    assert data == to_ics(plan) == whole(plan)
    assert dtstart(before, "queued.bluesky@socialplan") != dtstart(
        data, "queued.bluesky@socialplan"
    )


def test_a_new_first_instant_restamps_every_event(brand_repo: BrandRepo) -> None:
    before, cold, first_plan = run(brand_repo.root, {})
    # Only `other`'s file changes, but it becomes the first post: DTSTAMP moves.
    write(brand_repo, "other", OTHER.format(at="2027-02-20 10:00 Europe/London"), "Plain words.")
    data, warm, plan = run(brand_repo.root, cold.entries)
    assert stamp(plan) < stamp(first_plan)
    assert set(warm.built) == ALL and warm.reused == []
    assert data == to_ics(plan) == whole(plan)
    assert b"DTSTAMP:20270220T100000Z\r\n" in data and b"DTSTAMP:20270220" not in before


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        # A handle used in a post's text (a mention).
        ("strategy/people.yaml", "fest.bsky.social", "festival.bsky.social", b"festival.bsky"),
        # The brand's name, in the calendar's name.
        ("strategy/brand.yaml", 'name: "Test Brand"', 'name: "Renamed"', b"Renamed social"),
    ],
)
def test_a_strategy_edit_rebuilds_everything(
    brand_repo: BrandRepo, rel: str, old: str, new: str, expected: bytes
) -> None:
    _, cold, _ = run(brand_repo.root, {})
    path = brand_repo.root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    data, warm, plan = run(brand_repo.root, cold.entries)
    assert set(warm.built) == ALL and warm.reused == []
    assert data == to_ics(plan) == whole(plan)
    assert expected in data.replace(b"\r\n ", b"")


def test_a_selection_uses_the_cache_too(brand_repo: BrandRepo) -> None:
    _, cold, plan = run(brand_repo.root, {})
    mastodon = Selection(channels=("mastodon",))
    cache = EventCache(cold.entries)
    assert to_ics(plan, mastodon, cache=cache) == whole(plan, mastodon)
    assert sorted(cache.reused) == ["launch.mastodon@socialplan", "other.mastodon@socialplan"]


def test_bad_kept_entries_are_rebuilt(brand_repo: BrandRepo) -> None:
    _, cold, _ = run(brand_repo.root, {})
    previous: dict[str, object] = dict(cold.entries)
    key = cold.entries["launch.bluesky@socialplan"][0]
    previous["launch.bluesky@socialplan"] = [key, "not an event"]
    previous["launch.mastodon@socialplan"] = "nonsense"
    previous["queued.bluesky@socialplan"] = [key]
    previous["other.mastodon@socialplan"] = [
        "another key",
        cold.entries["other.mastodon@socialplan"][1],
    ]
    plan = plan_of(brand_repo.root)
    cache = EventCache(previous)
    assert to_ics(plan, cache=cache) == whole(plan)
    assert set(cache.built) == ALL
    assert cache.entries == cold.entries


def test_write_calendar_keeps_the_cache(brand_repo: BrandRepo) -> None:
    root = brand_repo.root
    path, data = write_calendar(root, plan_of(root))
    assert path == root / CALENDAR and path.read_bytes() == data == whole(plan_of(root))
    kept = store.read(root, "calendar")
    assert set(kept) == ALL
    # Unchanged: the same file and the same cache, which is not rewritten.
    written = store.path(root, "calendar").stat().st_mtime_ns
    assert write_calendar(root, plan_of(root))[1] == data
    assert store.path(root, "calendar").stat().st_mtime_ns == written
    # A deleted post's events leave the cache: it never grows with old posts.
    (root / "content/posts/2027/03/launch.md").unlink()
    _, data = write_calendar(root, plan_of(root))
    assert data == whole(plan_of(root)) == path.read_bytes()
    assert set(store.read(root, "calendar")) == {
        "queued.bluesky@socialplan",
        "other.mastodon@socialplan",
    }


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xff not json",
        b'{"format": 1, "entries": {"launch.bluesky@socialplan": ',
        b'{"format": 1, "entries": ["a", "list"]}',
        b'{"format": 1, "entries": {"launch.bluesky@socialplan": [1, 2, 3]}}',
        b"[]",
    ],
)
def test_a_corrupt_cache_file_is_ignored(brand_repo: BrandRepo, content: bytes) -> None:
    root = brand_repo.root
    cache_file = store.path(root, "calendar")
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache_file.write_bytes(content)
    _, data = write_calendar(root, plan_of(root))
    assert data == whole(plan_of(root)) == (root / CALENDAR).read_bytes()
    # Replaced by a good one, which the next build uses.
    assert set(store.read(root, "calendar")) == ALL
    plan = plan_of(root)
    cache = EventCache(store.read(root, "calendar"))
    assert to_ics(plan, cache=cache) == data
    assert cache.built == []
