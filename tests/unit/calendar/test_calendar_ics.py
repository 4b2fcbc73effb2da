"""calendar.ics: parsed back by `icalendar` and by `ical`, a second parser of its own.

`ical` (PyPI `ical`) has its own RFC 5545 grammar and pydantic models; it
shares no code with `icalendar`, which writes the file, so a quirk of one does
not hide in both.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

from socialplan.calendar import EVENT_MINUTES, Selection, to_ics, write_ics
from socialplan.errors import WriteError
from socialplan.load.loader import load
from socialplan.schedule.slots import Schedule, schedule
from socialplan.variants.compose import compose

from ...conftest import BrandRepo

CHANNELS = """
channels:
  - id: bluesky
    network: bluesky
    account: brand.bsky.social
    time_zone: Europe/London
    slots: {mon: ["09:00"], wed: ["09:00"]}
    hashtags: {placement: append}
  - id: mastodon
    network: mastodon
    account: "@brand@mastodon.example"
    server: https://mastodon.example
    time_zone: America/New_York
    slots: {tue: ["08:00"]}
"""

PEOPLE = """
people:
  - id: fest
    name: Food Festival
    kind: organization
    handles: {bluesky: fest.bsky.social, mastodon: "@fest@food.example"}
"""

CAMPAIGNS = """
campaigns:
  - {id: launch, name: Launch, objective: first-objective, start: "2027-03-01", end: "2027-03-31"}
"""

LONG = (
    "A long line with accents (café, crème, naïve), emoji ☕🇬🇧 and punctuation; commas, "
    "semicolons: backslashes \\ and more, said @{fest} "
) * 3

LAUNCH = """
id: launch
title: Launch day
status: approved
objective: first-objective
pillar: expertise
campaign: launch
channels: [bluesky, mastodon]
at: 2027-03-29 09:00 Europe/London
link: https://example.com/launch?utm=a,b
hashtags: [Launch]
thread: ["Second part."]
"""

QUEUED = """
id: queued
title: From the queue
status: draft
objective: first-objective
pillar: expertise
channels: [bluesky]
at: next
"""


def write(brand: BrandRepo, name: str, front: str, body: str = "Hello.") -> None:
    brand.write(f"content/posts/2027/03/{name}.md", f"---\n{front.strip()}\n---\n{body}\n")


@pytest.fixture
def repo_root(brand: BrandRepo) -> Path:
    brand.write("strategy/channels.yaml", CHANNELS)
    brand.write("strategy/people.yaml", PEOPLE)
    brand.write("strategy/campaigns.yaml", CAMPAIGNS)
    write(brand, "launch", LAUNCH, LONG)
    write(brand, "queued", QUEUED)
    return brand.root


def plan_of(root: Path) -> Schedule:
    return schedule(load(root).repo)


def test_both_parsers_read_the_same_events(repo_root: Path) -> None:
    plan = plan_of(repo_root)
    data = to_ics(plan)
    ours = icalendar.Calendar.from_ical(data)
    theirs = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    first = [
        (
            str(e["uid"]),
            e.decoded("dtstart"),
            e.decoded("dtend"),
            str(e["summary"]),
            str(e["description"]),
            [str(c) for c in e["categories"].cats] if "categories" in e else [],
            str(e.get("url", "")),
        )
        for e in ours.walk("VEVENT")
    ]
    second = [
        (
            e.uid,
            e.dtstart,
            e.dtend,
            e.summary,
            e.description,
            list(e.categories),
            e.url or "",
        )
        for e in theirs.events
    ]
    assert first == second
    expected_uids = [f"{e.post.id}.{e.channel.id}@socialplan" for e in plan.entries]
    assert (
        [row[0] for row in first]
        == expected_uids
        == [
            "queued.bluesky@socialplan",
            "launch.bluesky@socialplan",
            "launch.mastodon@socialplan",
        ]
    )
    assert [row[1] for row in second] == [e.moment for e in plan.entries]
    assert second[1][1] == datetime(2027, 3, 29, 8, 0, tzinfo=UTC)  # 09:00 BST
    assert second[1][2] - second[1][1] == timedelta(minutes=EVENT_MINUTES)
    assert second[1][3] == "bluesky: Launch day"
    assert second[1][5] == ["expertise", "launch"]
    assert second[1][6] == "https://example.com/launch?utm=a,b"
    assert second[0][5] == ["expertise"] and second[0][6] == ""


def test_description_is_the_text_the_channel_receives(repo_root: Path) -> None:
    plan = plan_of(repo_root)
    events = IcsCalendarStream.calendar_from_ics(to_ics(plan).decode()).events
    repo = plan.repo
    assert repo is not None
    for entry, parsed in zip(plan.entries, events, strict=True):
        parts = compose(entry.post, entry.channel, repo.people).parts
        assert parsed.description is not None
        if len(parts) > 1:
            assert parsed.description.startswith(f"[1/{len(parts)}] {parts[0].strip()}\n\n[2/")
        else:
            assert parsed.description.startswith(parts[0].strip() + "\n\n")
        assert parsed.description.endswith(f"Source: {entry.post.rel}")
    # Mentions are resolved per network.
    assert "@fest.bsky.social" in (events[1].description or "")
    assert "@fest@food.example" in (events[2].description or "")


def test_status_and_transparency(repo_root: Path) -> None:
    calendar = icalendar.Calendar.from_ical(to_ics(plan_of(repo_root)))
    rows = [(str(e["uid"]), str(e["status"]), str(e["transp"])) for e in calendar.walk("VEVENT")]
    assert rows == [
        ("queued.bluesky@socialplan", "TENTATIVE", "TRANSPARENT"),
        ("launch.bluesky@socialplan", "CONFIRMED", "TRANSPARENT"),
        ("launch.mastodon@socialplan", "CONFIRMED", "TRANSPARENT"),
    ]


def test_rfc_5545_lines(repo_root: Path) -> None:
    data = to_ics(plan_of(repo_root))
    assert data.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # the long text was folded
    for line in lines:
        line.decode("utf-8")  # no character is cut in two by folding


def test_byte_identical_and_never_the_wall_clock(repo_root: Path) -> None:
    first = to_ics(plan_of(repo_root))
    second = to_ics(plan_of(repo_root))
    assert first == second
    stamps = {str(e["dtstamp"].to_ical()) for e in icalendar.Calendar.from_ical(first).walk()[1:]}
    # Stamped with the schedule's first instant (the queued post, 1 March 09:00 GMT).
    assert stamps == {"b'20270301T090000Z'"}


def test_uid_survives_renaming_and_moving_the_file(repo_root: Path) -> None:
    before = icalendar.Calendar.from_ical(to_ics(plan_of(repo_root)))
    source = repo_root / "content/posts/2027/03/launch.md"
    target = repo_root / "content/posts/2027/03/renamed/launch-day.md"
    target.parent.mkdir()
    source.rename(target)
    after = icalendar.Calendar.from_ical(to_ics(plan_of(repo_root)))

    def events(calendar: icalendar.Calendar) -> dict[str, object]:
        return {str(e["uid"]): e.decoded("dtstart") for e in calendar.walk("VEVENT")}

    assert events(before) == events(after)


def test_filters_apply_to_the_file(repo_root: Path) -> None:
    data = to_ics(plan_of(repo_root), Selection(channels=("mastodon",)))
    events = IcsCalendarStream.calendar_from_ics(data.decode()).events
    assert [e.uid for e in events] == ["launch.mastodon@socialplan"]


def test_empty_calendar_is_still_valid() -> None:
    data = to_ics(Schedule())
    calendar = IcsCalendarStream.calendar_from_ics(data.decode())
    assert calendar.events == []
    assert b"X-WR-CALNAME:Social media calendar\r\n" in data


def test_write_ics_from_a_repository_or_a_schedule(repo_root: Path, tmp_path: Path) -> None:
    repo = load(repo_root).repo
    from_repo = tmp_path / "build" / "deep" / "calendar.ics"
    assert write_ics(repo, from_repo) == 3
    from_plan = tmp_path / "other.ics"
    assert write_ics(schedule(repo), from_plan, Selection(channels=("bluesky",))) == 2
    assert from_repo.read_bytes() == to_ics(schedule(repo))
    # No temporary file is left behind.
    assert [p.name for p in from_repo.parent.iterdir()] == ["calendar.ics"]


def test_write_ics_refuses_a_folder(repo_root: Path, tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="could not write"):
        write_ics(load(repo_root).repo, tmp_path)
