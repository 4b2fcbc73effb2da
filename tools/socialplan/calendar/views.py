"""The calendar in a terminal: a week as a list per day, a month as a grid.

Both are pure functions from a schedule to text: times are shown in one time
zone (the brand's unless told otherwise), on the wall clock of each day, so a
week across a daylight-saving change shows 08:00 on both sides of it and says
in its heading where the clocks change. Names of days and months are fixed
English abbreviations, not the machine's locale, so output is the same anywhere.
"""

from __future__ import annotations

import calendar as gregorian
from collections import defaultdict
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Literal

from ..load.model import Post
from ..schedule.days import MONTH_NAMES, WEEKDAY_NAMES
from ..schedule.slots import Schedule, Scheduled
from ..schedule.times import zone
from .selection import EVERYTHING, Selection, display_zone, plural, select, unplaced

View = Literal["week", "month"]
VIEWS: tuple[View, ...] = ("week", "month")
CELL = 8  # characters per day in the month grid


def day_label(day: date) -> str:
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1][:3]}"


def week_start(day: date) -> date:
    """The Monday of the week of `day`."""
    return day - timedelta(days=day.weekday())


def default_start(
    plan: Schedule,
    view: View,
    today: date,
    zone_name: str | None = None,
    selection: Selection = EVERYTHING,
) -> date:
    """Where a view opens when no start is given.

    The current week (month) when it has posts or later ones exist: then the
    first period with an upcoming post; with nothing upcoming, the period of
    the last post; with no posts at all, today's. `today` is a parameter so
    that the library itself never reads the clock.
    """
    tz = zone(display_zone(plan, zone_name))
    days = sorted({e.moment.astimezone(tz).date() for e in select(plan, selection)})
    period = _period_start(today, view)
    upcoming = [d for d in days if d >= period]
    anchor = upcoming[0] if upcoming else (days[-1] if days else today)
    return _period_start(anchor, view)


def _period_start(day: date, view: View) -> date:
    return week_start(day) if view == "week" else day.replace(day=1)


def _zone_heading(name: str, tz: tzinfo, first: date, last: date) -> str:
    """`Europe/London (GMT)`, or with the daylight-saving change inside the period."""
    names: list[tuple[date, str]] = []
    day = first
    while day <= last:
        abbreviation = datetime.combine(day, time(12), tzinfo=tz).tzname() or ""
        if not names or names[-1][1] != abbreviation:
            names.append((day, abbreviation))
        day += timedelta(days=1)
    if len(names) == 1:
        return f"{name} ({names[0][1]})" if names[0][1] not in ("", name) else name
    changes = ", ".join(f"{abbr} from {day_label(day)}" for day, abbr in names[1:])
    return f"{name} ({names[0][1]}, then {changes})"


def _status(post: Post, queued: bool) -> str:
    return f"[{post.status}, queued]" if queued else f"[{post.status}]"


def _title(post: Post) -> str:
    return post.title.strip() or post.id


def _in_period(
    plan: Schedule, tz: tzinfo, first: date, end: date, selection: Selection
) -> dict[date, list[tuple[datetime, Scheduled]]]:
    days: dict[date, list[tuple[datetime, Scheduled]]] = defaultdict(list)
    for entry in select(plan, selection):
        local = entry.moment.astimezone(tz)
        if first <= local.date() < end:
            days[local.date()].append((local, entry))
    return days


def _footer(
    plan: Schedule,
    entries: list[Scheduled],
    selection: Selection,
    period: str,
) -> list[str]:
    posts = {e.post.id for e in entries}
    channels = {e.channel.id for e in entries}
    lines = [
        f"{plural(len(posts), 'post')} {period}, {plural(len(entries), 'send')} on"
        f" {plural(len(channels), 'channel')}."
    ]
    missing: dict[str, list[str]] = defaultdict(list)
    for post, channel in unplaced(plan, selection):
        missing[post.id].append(channel.id)
    for post_id, channel_ids in missing.items():
        lines.append(
            f"Not placed: `{post_id}` on {', '.join(channel_ids)} (no free posting slot; see"
            " `socialplan validate`)."
        )
    return lines


def week_view(
    plan: Schedule,
    start: date,
    zone_name: str | None = None,
    selection: Selection = EVERYTHING,
) -> str:
    """Seven days from `start`, one line per post and channel: `HH:MM channel  title [status]`."""
    name = display_zone(plan, zone_name)
    tz = zone(name)
    end = start + timedelta(days=7)
    days = _in_period(plan, tz, start, end, selection)
    shown = [entry for day in days.values() for _, entry in day]
    width = max((len(e.channel.id) for e in shown), default=0)
    last = end - timedelta(days=1)
    lines = [f"Week of {day_label(start)} {start.year} to {day_label(last)} {last.year}"]
    lines += [f"Times in {_zone_heading(name, tz, start, last)}", ""]
    for offset in range(7):
        day = start + timedelta(days=offset)
        lines.append(day_label(day))
        if day not in days:
            lines.append("  -")
        for local, entry in days.get(day, []):
            lines.append(
                f"  {local:%H:%M}  {entry.channel.id:<{width}}  {_title(entry.post)}"
                f" {_status(entry.post, entry.queued)}"
            )
    lines.append("")
    lines += _footer(plan, shown, selection, "this week")
    return "\n".join(lines) + "\n"


def month_view(
    plan: Schedule,
    start: date,
    zone_name: str | None = None,
    selection: Selection = EVERYTHING,
) -> str:
    """The month of `start`: a grid of posts per day, then every post by day."""
    name = display_zone(plan, zone_name)
    tz = zone(name)
    first = start.replace(day=1)
    last = first.replace(day=gregorian.monthrange(first.year, first.month)[1])
    days = _in_period(plan, tz, first, last + timedelta(days=1), selection)
    lines = [f"{MONTH_NAMES[first.month - 1]} {first.year}"]
    lines += [f"Times in {_zone_heading(name, tz, first, last)}", ""]
    lines.append("".join(f"{n:>3}".ljust(CELL) for n in WEEKDAY_NAMES).rstrip())
    for week in gregorian.Calendar().monthdatescalendar(first.year, first.month):
        cells = []
        for day in week:
            if day.month != first.month:
                cells.append("".ljust(CELL))
                continue
            count = len({entry.post.id for _, entry in days.get(day, [])})
            cells.append((f"{day.day:>3}" + (f" ({count})" if count else "")).ljust(CELL))
        lines.append("".join(cells).rstrip())
    lines += ["", "(n): posts that day, each counted once whatever its channels.", ""]
    for day in sorted(days):
        lines.append(day_label(day))
        grouped: dict[tuple[datetime, str], list[Scheduled]] = defaultdict(list)
        for local, entry in days[day]:
            grouped[(local, entry.post.id)].append(entry)
        for (local, _), entries in sorted(grouped.items(), key=lambda item: item[0]):
            post = entries[0].post
            channels = ", ".join(e.channel.id for e in entries)
            lines.append(
                f"  {local:%H:%M}  {_title(post)} {_status(post, any(e.queued for e in entries))}"
                f" on {channels}"
            )
    if days:
        lines.append("")
    shown = [entry for day in days.values() for _, entry in day]
    lines += _footer(plan, shown, selection, "this month")
    return "\n".join(lines) + "\n"
