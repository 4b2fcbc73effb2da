"""The editorial calendar as an iCalendar file (RFC 5545), for calendar apps.

One event per post and channel. The output is byte-identical for the same
repository, so it can be committed, diffed and cached:
- UID is `<post id>.<channel id>@socialplan`: the post id never changes, so
  renaming or moving the post's file keeps the same event in subscribers' apps;
- times are in UTC (no VTIMEZONE to keep in step with tzdata);
- DTSTAMP is never the wall clock: it is the first instant of the whole
  schedule, which only changes when the plan's start does;
- events are sorted by instant, post id, channel id; `icalendar` writes CRLF
  line endings and folds lines at 75 octets without splitting a character.
"""

from __future__ import annotations

import contextlib
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar

from ..errors import WriteError
from ..model import Repo
from ..schedule import Schedule, Scheduled, schedule
from ..variants import compose
from .selection import EVERYTHING, Selection, select

PRODID = "-//socialplan//editorial calendar//EN"
# Events last this long in calendar apps, so that they show as a block.
EVENT_MINUTES = 15
# Post status -> event STATUS: only approved posts are settled.
EVENT_STATUS = {"approved": "CONFIRMED"}
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def uid(entry: Scheduled) -> str:
    return f"{entry.post.id}.{entry.channel.id}@socialplan"


def stamp(plan: Schedule) -> datetime:
    """The DTSTAMP of every event: derived from the schedule, never the clock."""
    return min((e.moment for e in plan.entries), default=EPOCH)


def description(entry: Scheduled, plan: Schedule) -> str:
    """The text the channel will receive, thread parts numbered, then where it comes from."""
    people = plan.repo.people if plan.repo is not None else {}
    composed = compose(entry.post, entry.channel, people, plan.repo)
    parts = composed.shown or composed.parts
    if len(parts) > 1:
        texts = [f"[{n}/{len(parts)}] {part.strip()}" for n, part in enumerate(parts, 1)]
    else:
        texts = [part.strip() for part in parts]
    how = "queued in the next free slot" if entry.queued else f"at {entry.post.at}"
    origin = f"Status: {entry.post.status}; {how}. Source: {entry.post.rel}"
    return "\n\n".join([*texts, origin])


def event(entry: Scheduled, plan: Schedule, stamped: datetime) -> icalendar.Event:
    post = entry.post
    item = icalendar.Event()
    item.add("uid", uid(entry))
    item.add("dtstamp", stamped)
    item.add("dtstart", entry.moment.astimezone(UTC))
    item.add("dtend", entry.moment.astimezone(UTC) + timedelta(minutes=EVENT_MINUTES))
    item.add("summary", f"{entry.channel.id}: {post.title.strip() or post.id}")
    item.add("description", description(entry, plan))
    categories = [c for c in (post.pillar, post.campaign) if c]
    if categories:
        item.add("categories", categories)
    if post.link:
        item.add("url", post.link)
    item.add("status", EVENT_STATUS.get(post.status, "TENTATIVE"))
    # A post going out does not make anyone busy.
    item.add("transp", "TRANSPARENT")
    return item


def calendar_name(plan: Schedule) -> str:
    brand = plan.repo.brand.get("name") if plan.repo is not None else None
    return f"{brand} social media calendar" if isinstance(brand, str) else "Social media calendar"


def to_ics(plan: Schedule, selection: Selection = EVERYTHING) -> bytes:
    """The calendar file's bytes for the entries `selection` keeps."""
    document = icalendar.Calendar()
    document.add("prodid", PRODID)
    document.add("version", "2.0")
    document.add("calscale", "GREGORIAN")
    document.add("x-wr-calname", calendar_name(plan))
    stamped = stamp(plan)
    entries = sorted(select(plan, selection), key=lambda e: (e.moment, e.post.id, e.channel.id))
    for entry in entries:
        document.add_component(event(entry, plan, stamped))
    content: bytes = document.to_ical()
    return content


def write_ics(source: Repo | Schedule, path: Path, selection: Selection = EVERYTHING) -> int:
    """Write the calendar of a repository (or of a schedule made from one) to `path`.

    Creates missing parent folders and replaces the file in one step (readers
    never see half a file). Returns the number of events written. Raises
    WriteError when the file cannot be written.
    """
    plan = source if isinstance(source, Schedule) else schedule(source)
    content = to_ics(plan, selection)
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(content)
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise WriteError(
            f"could not write {path}: {exc.strerror or exc}",
            "check that the folder exists and can be written to",
        ) from None
    return content.count(b"BEGIN:VEVENT\r\n")
