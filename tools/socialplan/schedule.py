"""Resolving every post and channel to a concrete instant.

A post either names its time (`at: 2027-01-05 08:30 Europe/London`) or asks for
`at: next`: the next free posting slot of each of its channels, like a Buffer
queue. To stay deterministic for a given repository (and independent of today's
date), a queued post takes the first free slot on or after the first day of the
month folder it is filed in (`content/posts/2027/01/` → 2027-01-01), and queued
posts are placed in order of that day, then id.

A slot is free on a channel when the day is not a blackout date, the channel
has fewer than `max_posts_per_day` posts that day, and no other post is within
`min_gap_minutes` of it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from .model import Channel, Post, Repo, mapping, texts
from .rules.common import publishing_channels
from .timeparse import BadTime, parse_at, zone

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# How far ahead the queue looks for a free slot before giving up.
QUEUE_HORIZON_DAYS = 366


@dataclass(frozen=True)
class Scheduled:
    """One post going to one channel at one instant."""

    post: Post
    channel: Channel
    moment: datetime  # aware, in UTC
    zone: str  # the time zone the time was written or planned in
    queued: bool  # True when it came from `at: next`

    @property
    def local(self) -> datetime:
        return self.moment.astimezone(zone(self.zone))


@dataclass
class Schedule:
    entries: list[Scheduled] = field(default_factory=list)
    # (post id, channel id) of queued posts for which no slot was free.
    unplaced: list[tuple[Post, Channel]] = field(default_factory=list)

    def by_channel(self) -> dict[str, list[Scheduled]]:
        table: dict[str, list[Scheduled]] = defaultdict(list)
        for entry in self.entries:
            table[entry.channel.id].append(entry)
        return table


def slots(channel: Channel) -> dict[int, list[time]]:
    """The channel's posting times by weekday number (Monday = 0)."""
    table: dict[int, list[time]] = {}
    for day, times in mapping(channel.data, "slots").items():
        if day in WEEKDAYS and isinstance(times, list):
            parsed = sorted(time.fromisoformat(t) for t in times if isinstance(t, str) and _hhmm(t))
            table[WEEKDAYS.index(day)] = parsed
    return table


def _hhmm(text: str) -> bool:
    try:
        time.fromisoformat(text)
    except ValueError:
        return False
    return True


def blackout_dates(channel: Channel) -> set[date]:
    days = set()
    for value in texts(channel.data, "blackout_dates"):
        try:
            days.add(date.fromisoformat(value))
        except ValueError:
            continue
    return days


def _queue_start(post: Post) -> date | None:
    parts = post.rel.split("/")
    try:
        return date(int(parts[2]), int(parts[3]), 1)
    except (IndexError, ValueError):
        return None


class _Board:
    """What is already planned on each channel, to find free slots."""

    def __init__(self) -> None:
        self.moments: dict[str, list[datetime]] = defaultdict(list)

    def add(self, channel_id: str, moment: datetime) -> None:
        self.moments[channel_id].append(moment)

    def is_free(self, channel: Channel, moment: datetime, tz_name: str) -> bool:
        tz = zone(tz_name)
        day = moment.astimezone(tz).date()
        if day in blackout_dates(channel):
            return False
        taken = self.moments[channel.id]
        per_day = channel.limit_value("max_posts_per_day")
        if (
            per_day is not None
            and sum(1 for m in taken if m.astimezone(tz).date() == day) >= per_day
        ):
            return False
        minutes = channel.limit_value("min_gap_minutes") or 0
        return all(abs(m - moment) >= timedelta(minutes=max(minutes, 1)) for m in taken)


def schedule(repo: Repo) -> Schedule:
    """Every active post on every channel it goes to, at a concrete UTC instant.

    Posts whose `at:` cannot be read are left out (validation reports them).
    """
    result = Schedule()
    board = _Board()
    queued: list[tuple[date, str, Post]] = []
    for post in repo.posts:
        if not post.active or post.at is None:
            continue
        try:
            when = parse_at(post.at, repo.time_zone)
        except BadTime:
            continue
        if when.moment is None:
            start = _queue_start(post)
            if start is not None:
                queued.append((start, post.id, post))
            continue
        moment = when.moment.astimezone(UTC)
        for channel in publishing_channels(post, repo):
            tz_name = when.zone or channel.time_zone or repo.time_zone or "UTC"
            result.entries.append(Scheduled(post, channel, moment, tz_name, queued=False))
            board.add(channel.id, moment)
    for start, _, post in sorted(queued, key=lambda item: (item[0], item[1])):
        for channel in publishing_channels(post, repo):
            free = _next_free(channel, start, board, repo)
            if free is None:
                result.unplaced.append((post, channel))
                continue
            tz_name = channel.time_zone or repo.time_zone or "UTC"
            result.entries.append(Scheduled(post, channel, free, tz_name, queued=True))
            board.add(channel.id, free)
    result.entries.sort(key=lambda e: (e.moment, e.post.id, e.channel.id))
    return result


def _next_free(channel: Channel, start: date, board: _Board, repo: Repo) -> datetime | None:
    table = slots(channel)
    if not any(table.values()):
        return None
    tz_name = channel.time_zone or repo.time_zone or "UTC"
    try:
        tz = zone(tz_name)
    except BadTime:
        return None
    for offset in range(QUEUE_HORIZON_DAYS):
        day = start + timedelta(days=offset)
        for slot in table.get(day.weekday(), []):
            local = datetime.combine(day, slot, tzinfo=tz)
            # A slot inside a spring-forward gap does not exist that day.
            if local.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != local.replace(
                tzinfo=None
            ):
                continue
            moment = local.astimezone(UTC)
            if board.is_free(channel, moment, tz_name):
                return moment
    return None
