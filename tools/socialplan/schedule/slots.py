"""Resolving every post and channel to a concrete instant.

A post either names its time (`at: 2027-01-05 08:30 Europe/London`) or asks for
`at: next`: the next free posting slot of each of its channels, like a Buffer
queue. To stay deterministic for a given repository (and independent of today's
date), a queued post takes the first free slot on or after the first day of the
month folder it is filed in (`content/posts/2027/01/` → 2027-01-01), or on or
after its campaign's first day when that is later; queued posts are placed in
order of that day, then id, after every post with a fixed time.

A slot is free on a channel when the day is not a blackout date, the channel
has fewer than `max_posts_per_day` posts that day, and no other post is within
`min_gap_minutes` of it. Days are the channel's local days, so a slot keeps its
wall-clock time across daylight-saving changes; a slot that falls in the hour
the clocks skip does not exist that day, and a slot in the hour that happens
twice is taken at its first occurrence.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from ..load.model import Channel, Post, Repo, mapping, publishing_channels, texts
from .times import BadTime, day_of, in_range, parse_at, zone

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
    # Queued posts and the channels on which no slot was free.
    unplaced: list[tuple[Post, Channel]] = field(default_factory=list)
    # The repository the schedule was made from (people, brand name, zone).
    repo: Repo | None = None

    def by_channel(self) -> dict[str, list[Scheduled]]:
        """Entries per channel id, each list in time order."""
        table: dict[str, list[Scheduled]] = defaultdict(list)
        for entry in self.entries:
            table[entry.channel.id].append(entry)
        return table


def zone_name(*candidates: str | None) -> str:
    """The first candidate that is a known time zone, else UTC.

    Unknown zone names are reported by validation; scheduling carries on.
    """
    for name in candidates:
        if name:
            try:
                zone(name)
            except BadTime:
                continue
            return name
    return "UTC"


def channel_zone(channel: Channel, repo: Repo | None) -> str:
    """The zone a channel's slots, days and limits are counted in."""
    return zone_name(channel.time_zone, repo.time_zone if repo else None)


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


def _dates(values: list[str]) -> set[date]:
    return {day for day in map(day_of, values) if day is not None}


def blackout_dates(channel: Channel, repo: Repo | None = None) -> set[date]:
    """The channel's own blackout dates and those of every channel.

    Brand-wide dates are the top-level `blackout_dates:` of strategy/channels.yaml.
    """
    days = _dates(texts(channel.data, "blackout_dates"))
    document = repo.documents.get(channel.rel) if repo is not None else None
    if document is not None:
        days |= _dates(texts(document.data, "blackout_dates"))
    return days


def queue_start(post: Post, repo: Repo | None = None) -> date | None:
    """The first day a queued post may go out; None when it is not in a month folder."""
    parts = post.rel.split("/")
    try:
        start = date(int(parts[2]), int(parts[3]), 1)
    except (IndexError, ValueError):
        return None
    if not in_range(start):
        return None
    campaign = repo.campaigns.get(post.campaign or "") if repo is not None else None
    campaign_start = day_of(campaign.start) if campaign is not None else None
    return max(start, campaign_start) if campaign_start else start


class _Board:
    """What is already planned on each channel, to find free slots quickly."""

    def __init__(self, repo: Repo) -> None:
        self.repo = repo
        self.moments: dict[str, list[datetime]] = defaultdict(list)  # sorted
        self.per_day: dict[str, Counter[date]] = defaultdict(Counter)
        # Where the last queue search of each channel ended: every slot before
        # it was taken then, and a slot once taken never frees up again.
        self.cursor: dict[str, datetime] = {}
        self._rules: dict[str, tuple[str, set[date], int | None, timedelta]] = {}

    def rules(self, channel: Channel) -> tuple[str, set[date], int | None, timedelta]:
        if channel.id not in self._rules:
            minutes = channel.limit_value("min_gap_minutes") or 0
            self._rules[channel.id] = (
                channel_zone(channel, self.repo),
                blackout_dates(channel, self.repo),
                channel.limit_value("max_posts_per_day"),
                # Two posts at the very same instant always clash.
                timedelta(minutes=max(minutes, 1)),
            )
        return self._rules[channel.id]

    def add(self, channel: Channel, moment: datetime) -> None:
        tz_name = self.rules(channel)[0]
        bisect.insort(self.moments[channel.id], moment)
        self.per_day[channel.id][moment.astimezone(zone(tz_name)).date()] += 1

    def is_free(self, channel: Channel, moment: datetime) -> bool:
        tz_name, blackout, per_day, gap = self.rules(channel)
        day = moment.astimezone(zone(tz_name)).date()
        if day in blackout:
            return False
        if per_day is not None and self.per_day[channel.id][day] >= per_day:
            return False
        taken = self.moments[channel.id]
        index = bisect.bisect_left(taken, moment)
        neighbours = taken[max(index - 1, 0) : index + 1]
        return all(abs(m - moment) >= gap for m in neighbours)


def schedule(repo: Repo) -> Schedule:
    """Every active post on every channel it goes to, at a concrete UTC instant.

    Posts whose `at:` cannot be read are left out (validation reports them).
    Entries are sorted by instant, then post id, then channel id.
    """
    result = Schedule(repo=repo)
    board = _Board(repo)
    queued: list[tuple[date, str, Post]] = []
    for post in repo.posts:
        if not post.active or post.at is None:
            continue
        try:
            when = parse_at(post.at, repo.time_zone)
        except BadTime:
            continue
        if when.moment is None:
            start = queue_start(post, repo)
            if start is not None:
                queued.append((start, post.id, post))
            else:
                result.unplaced.extend((post, c) for c in publishing_channels(post, repo))
            continue
        moment = when.moment.astimezone(UTC)
        for channel in publishing_channels(post, repo):
            tz_name = when.zone or channel_zone(channel, repo)
            result.entries.append(Scheduled(post, channel, moment, tz_name, queued=False))
            board.add(channel, moment)
    for start, _, post in sorted(queued, key=lambda item: (item[0], item[1])):
        for channel in publishing_channels(post, repo):
            free = _next_free(channel, start, board)
            if free is None:
                result.unplaced.append((post, channel))
                continue
            result.entries.append(
                Scheduled(post, channel, free, channel_zone(channel, repo), queued=True)
            )
            board.add(channel, free)
            board.cursor[channel.id] = free
    result.entries.sort(key=lambda e: (e.moment, e.post.id, e.channel.id))
    return result


def _next_free(channel: Channel, start: date, board: _Board) -> datetime | None:
    table = slots(channel)
    if not any(table.values()):
        return None
    tz = zone(board.rules(channel)[0])
    cursor = board.cursor.get(channel.id)
    first = start
    if cursor is not None:
        first = max(start, cursor.astimezone(tz).date())
    last = start + timedelta(days=QUEUE_HORIZON_DAYS)
    day = first
    while day < last:
        for slot in table.get(day.weekday(), []):
            local = datetime.combine(day, slot, tzinfo=tz)
            moment = local.astimezone(UTC)
            # A slot inside a spring-forward gap does not exist that day.
            if moment.astimezone(tz).replace(tzinfo=None) != local.replace(tzinfo=None):
                continue
            if cursor is not None and moment <= cursor:
                continue
            if board.is_free(channel, moment):
                return moment
        day += timedelta(days=1)
    return None
