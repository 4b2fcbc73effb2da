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

Reusing events. Building and serialising ~16,000 `icalendar.Event`s takes
seconds, and `socialplan build` would redo it after every small edit. icalendar
serialises a component as its own lines, then each subcomponent's, then its END
line, each line folded on its own, so the calendar's bytes are exactly the
calendar serialised without events, with each `Event.to_ical()` spliced in
before `END:VCALENDAR` (tests/unit/calendar/test_calendar_cache.py checks this against a
whole-document serialisation). `to_ics(plan, cache=EventCache(...))` therefore
keeps each event's bytes under a fingerprint of everything `event()` reads
(`socialplan.cache.fingerprints`: the strategy and the code, the post's file; plus the
channel, the instant, whether it was queued, the DTSTAMP and icalendar's
version) and splices the kept bytes of an event whose fingerprint is unchanged.
Every other event is built and serialised by icalendar as before.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar

from ..cache import fingerprints
from ..cache.events import EventCache
from ..errors import WriteError
from ..guards import urls
from ..guards.atomic import write_atomically
from ..guards.output_folders import check_file
from ..load.model import Repo
from ..schedule.slots import Schedule, Scheduled, schedule
from ..variants.compose import compose
from .selection import EVERYTHING, Selection, select

PRODID = "-//socialplan//editorial calendar//EN"
# Events last this long in calendar apps, so that they show as a block.
EVENT_MINUTES = 15
# Post status -> event STATUS: only approved posts are settled.
EVENT_STATUS = {"approved": "CONFIRMED"}
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
END = b"END:VCALENDAR\r\n"
# Part of every event's fingerprint: bump when event() changes in a way the
# code digest would miss (it already covers every edit of socialplan's files).
EVENT_FORMAT = 1


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
    link = urls.checked(post.link)
    if link is not None:
        item.add("url", link)
    item.add("status", EVENT_STATUS.get(post.status, "TENTATIVE"))
    # A post going out does not make anyone busy.
    item.add("transp", "TRANSPARENT")
    return item


def calendar_name(plan: Schedule) -> str:
    brand = plan.repo.brand.get("name") if plan.repo is not None else None
    return f"{brand} social media calendar" if isinstance(brand, str) else "Social media calendar"


def header(plan: Schedule) -> bytes:
    """The calendar's bytes up to its first event: the calendar without events, unclosed."""
    document = icalendar.Calendar()
    document.add("prodid", PRODID)
    document.add("version", "2.0")
    document.add("calscale", "GREGORIAN")
    # vText: escaped like every other text (icalendar leaves an unknown X- property raw).
    document.add("x-wr-calname", icalendar.vText(calendar_name(plan)))
    content: bytes = document.to_ical()
    if not content.endswith(END):
        raise AssertionError(f"icalendar did not end the calendar with {END!r}")
    return content[: -len(END)]


def to_ics(
    plan: Schedule, selection: Selection = EVERYTHING, *, cache: EventCache | None = None
) -> bytes:
    """The calendar file's bytes for the entries `selection` keeps.

    With `cache`, events whose inputs are unchanged are spliced from
    `cache.previous` instead of being built again (see the module's docstring);
    the bytes are the same either way.
    """
    stamped = stamp(plan)
    entries = sorted(select(plan, selection), key=lambda e: (e.moment, e.post.id, e.channel.id))
    repo = plan.repo
    shared: list[object] | None = None
    if cache is not None and repo is not None:
        shared = [
            EVENT_FORMAT,
            icalendar.__version__,
            fingerprints.strategy(repo),
            stamped.isoformat(),
        ]
    posts: dict[int, str] = {}
    chunks = [header(plan)]
    for entry in entries:
        if cache is None or shared is None or repo is None:
            chunks.append(event(entry, plan, stamped).to_ical())
            continue
        post = posts.get(id(entry.post))
        if post is None:
            post = posts[id(entry.post)] = fingerprints.post(repo, entry.post)
        key = fingerprints.combine(
            *shared, post, entry.channel.id, entry.moment.isoformat(), entry.queued
        )
        name = uid(entry)
        text = cache.kept(name, key)
        if text is None:
            data: bytes = event(entry, plan, stamped).to_ical()
            text = data.decode("utf-8")
            cache.built.append(name)
        else:
            data = text.encode("utf-8")
            cache.reused.append(name)
        cache.entries[name] = [key, text]
        chunks.append(data)
    chunks.append(END)
    return b"".join(chunks)


def write_ics(source: Repo | Schedule, path: Path, selection: Selection = EVERYTHING) -> int:
    """Write the calendar of a repository (or of a schedule made from one) to `path`.

    Creates missing parent folders and replaces the file in one step (readers
    never see half a file). Returns the number of events written. Raises
    UsageError for a path inside the repository's sources or a file that is not a
    calendar (output_folders.check_file), WriteError when it cannot be written.
    """
    plan = source if isinstance(source, Schedule) else schedule(source)
    if plan.repo is not None:
        # Never over a file of the user's, nor into the repository's sources.
        path = check_file(path, plan.repo.root, "calendar", b"BEGIN:VCALENDAR")
    content = to_ics(plan, selection)
    try:
        write_atomically(path, content)
    except OSError as exc:
        raise WriteError(
            f"could not write {path}: {exc.strerror or exc}",
            "check that the folder exists and can be written to",
        ) from None
    return content.count(b"BEGIN:VEVENT\r\n")
