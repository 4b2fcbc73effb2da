"""The plan must keep each channel's rules: per-day limits, gaps, blackouts,
cadence, a free slot for every queued post, and the pillar mix.

Every check works on the resolved schedule (`socialplan.schedule.slots`), never on
today's date: a repository that validates today validates tomorrow. A problem
about one post sits on its `at:`; one about a channel or the mix sits in the
strategy file that sets the rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from itertools import pairwise

from ..load.model import Channel, Post, Repo, mapping, number
from ..problems import Problem, error, warning

# Imported as a module: its names read as `planning.schedule`, `planning.Scheduled`.
from ..schedule import slots as planning
from ..schedule.times import YEARS, zone

# A pillar mix is judged only over a window with at least this many posts:
# with fewer, one post more or less swings a share by over 12 points.
MIN_POSTS_FOR_MIX = 8
DEFAULT_MIX_WINDOW_DAYS = 28
DEFAULT_MIX_TOLERANCE = 0.15

# (post id) -> (post, what was found), to report each post once per rule.
Findings = dict[str, tuple[Post, list[str]]]
ByChannel = dict[str, list[planning.Scheduled]]


def check(repo: Repo) -> Iterator[Problem]:
    plan = planning.schedule(repo)
    by_channel = plan.by_channel()
    yield from _per_day(by_channel, repo)
    yield from _too_close(by_channel)
    yield from _blackout(by_channel, repo)
    yield from _cadence(by_channel, repo)
    yield from _unplaced(plan, repo)
    yield from _pillar_mix(plan, repo)


def day_name(day: date) -> str:
    return f"{day:%a} {day.isoformat()}"


def _local_day(entry: planning.Scheduled, repo: Repo) -> date:
    """The day of an entry on its channel's own calendar."""
    return entry.moment.astimezone(zone(planning.channel_zone(entry.channel, repo))).date()


def _note(findings: Findings, post: Post, text: str) -> None:
    findings.setdefault(post.id, (post, []))[1].append(text)


def _per_day(by_channel: ByChannel, repo: Repo) -> Iterator[Problem]:
    findings: Findings = {}
    for entries in by_channel.values():
        channel = entries[0].channel
        limit = channel.limit_value("max_posts_per_day")
        if limit is None:
            continue
        days: dict[date, list[planning.Scheduled]] = defaultdict(list)
        for entry in entries:
            days[_local_day(entry, repo)].append(entry)
        for day, same_day in days.items():
            if len(same_day) <= limit:
                continue
            for entry in same_day[limit:]:
                others = ", ".join(f"`{e.post.id}`" for e in same_day if e is not entry)
                _note(
                    findings,
                    entry.post,
                    f"`{channel.id}` would carry {len(same_day)} posts on {day_name(day)}, over"
                    f" its {limit} a day (with {others})",
                )
    for post, notes in findings.values():
        yield error(
            "too-many-posts-per-day",
            post.rel,
            "too many posts in one day: " + "; ".join(notes),
            "move this post to another day, or raise `max_posts_per_day` for the channel in"
            " strategy/channels.yaml",
            pointer=("at",),
        )


def duration(span: timedelta) -> str:
    """A span as people say it: `45 min`, `2 h 30 min`, `3 days`."""
    minutes = int(span.total_seconds() // 60)
    if minutes >= 2 * 24 * 60 and minutes % (24 * 60) == 0:
        return f"{minutes // (24 * 60)} days"
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest} min" if rest else "")


def _too_close(by_channel: ByChannel) -> Iterator[Problem]:
    findings: Findings = {}
    for entries in by_channel.values():
        channel = entries[0].channel
        minutes = channel.limit_value("min_gap_minutes")
        if not minutes:
            continue
        wanted = timedelta(minutes=minutes)
        for before, entry in pairwise(entries):
            gap = entry.moment - before.moment
            if gap < wanted:
                when = "at the same time as" if not gap else f"{duration(gap)} after"
                _note(
                    findings,
                    entry.post,
                    f"on `{channel.id}` it goes out {when} `{before.post.id}` (the channel wants"
                    f" {duration(wanted)} between posts)",
                )
    for post, notes in findings.values():
        yield warning(
            "posts-too-close",
            post.rel,
            "too close to another post: " + "; ".join(notes),
            "space the two posts further apart, or lower `min_gap_minutes` for the channel in"
            " strategy/channels.yaml",
            pointer=("at",),
        )


def _blackout(by_channel: ByChannel, repo: Repo) -> Iterator[Problem]:
    findings: dict[str, tuple[Post, dict[date, list[str]]]] = {}
    for entries in by_channel.values():
        channel = entries[0].channel
        blocked = planning.blackout_dates(channel, repo)
        for entry in entries:
            day = _local_day(entry, repo)
            if day in blocked:
                table = findings.setdefault(entry.post.id, (entry.post, defaultdict(list)))[1]
                table[day].append(f"`{channel.id}`")
    for post, table in findings.values():
        said = "; ".join(
            f"{day_name(day)} is a blackout date for {', '.join(channels)}"
            for day, channels in sorted(table.items())
        )
        yield error(
            "blackout-date",
            post.rel,
            f"the post falls on a day it must not go out: {said}",
            "move the post to another day, or take the date out of `blackout_dates` in"
            " strategy/channels.yaml",
            pointer=("at",),
        )


def _cadence(by_channel: ByChannel, repo: Repo) -> Iterator[Problem]:
    """Gaps between consecutive posts of a channel, counted in calendar days."""
    for entries in by_channel.values():
        channel = entries[0].channel
        most = mapping(channel.data, "cadence").get("max_gap_days")
        if not isinstance(most, int) or isinstance(most, bool) or most < 1:
            continue
        first_of_day: dict[date, planning.Scheduled] = {}
        for entry in entries:
            first_of_day.setdefault(_local_day(entry, repo), entry)
        days = sorted(first_of_day)
        for before, after in pairwise(days):
            gap = (after - before).days
            if gap > most:
                yield warning(
                    "cadence-gap",
                    channel.rel,
                    f"channel `{channel.id}` goes {gap} days between posts, from {day_name(before)}"
                    f" (`{first_of_day[before].post.id}`) to {day_name(after)}"
                    f" (`{first_of_day[after].post.id}`); its cadence allows at most {most}",
                    f"plan a post for `{channel.id}` between those days, or raise its"
                    " `cadence.max_gap_days`",
                    pointer=(*channel.pointer, "cadence", "max_gap_days"),
                )


def _unplaced(plan: planning.Schedule, repo: Repo) -> Iterator[Problem]:
    channels: dict[str, tuple[Post, list[Channel]]] = {}
    for post, channel in plan.unplaced:
        channels.setdefault(post.id, (post, []))[1].append(channel)
    for post, missed in channels.values():
        start = planning.queue_start(post, repo)
        if start is None:
            yield error(
                "no-free-slot",
                post.rel,
                "`at: next` takes the next free slot from the month the post is filed in, but"
                f" this post is not in a content/posts/YYYY/MM/ folder of the years {YEARS}",
                "move it into the folder of the month it should go out, or give it a time",
                pointer=("at",),
            )
            continue
        # Channels without any slots are reported by the timing rules (`no-slots`).
        named = [c for c in missed if mapping(c.data, "slots")]
        if not named:
            continue
        listed = ", ".join(f"`{c.id}`" for c in named)
        yield error(
            "no-free-slot",
            post.rel,
            f"`at: next` found no free posting slot on {listed} within"
            f" {planning.QUEUE_HORIZON_DAYS} days from {start.isoformat()}",
            "give the post a time, or add slots (or raise `max_posts_per_day`) for those channels"
            " in strategy/channels.yaml",
            pointer=("at",),
        )


def _pillar_mix(plan: planning.Schedule, repo: Repo) -> Iterator[Problem]:
    """Each pillar's share of the posts, over consecutive windows from the first post.

    A post counts once, on the local day (brand time zone) of its first channel.
    """
    settings = repo.pillar_settings
    window_days = settings.get("mix_window_days", DEFAULT_MIX_WINDOW_DAYS)
    if not isinstance(window_days, int) or isinstance(window_days, bool) or window_days < 1:
        window_days = DEFAULT_MIX_WINDOW_DAYS
    tolerance = number(settings, "mix_tolerance")
    tolerance = DEFAULT_MIX_TOLERANCE if tolerance is None else tolerance
    tz = zone(planning.zone_name(repo.time_zone))
    first: dict[str, tuple[datetime, str]] = {}
    for entry in plan.entries:
        post = entry.post
        if post.pillar is not None and post.pillar in repo.pillars and post.id not in first:
            first[post.id] = (entry.moment, post.pillar)
    if not first:
        return
    days = [(moment.astimezone(tz).date(), pillar_id) for moment, pillar_id in first.values()]
    origin = min(day for day, _ in days)
    windows: dict[int, list[str]] = defaultdict(list)
    for day, pillar_id in days:
        windows[(day - origin).days // window_days].append(pillar_id)
    for index, in_window in sorted(windows.items()):
        if len(in_window) < MIN_POSTS_FOR_MIX:
            continue
        start = origin + timedelta(days=index * window_days)
        end = start + timedelta(days=window_days - 1)
        for pillar in repo.pillars.values():
            if pillar.target_share is None:
                continue
            count = in_window.count(pillar.id)
            share = count / len(in_window)
            off = share - pillar.target_share
            if abs(off) <= tolerance + 1e-9:
                continue
            side, fix = ("over", "fewer") if off > 0 else ("under", "more")
            yield warning(
                "pillar-mix-off",
                pillar.rel,
                f"from {start.isoformat()} to {end.isoformat()}, `{pillar.id}` is {share:.0%}"
                f" of the posts ({count} of {len(in_window)}), {abs(off) * 100:.0f} points {side}"
                f" its target of {pillar.target_share:.0%} (tolerance"
                f" {tolerance * 100:.0f} points)",
                f"plan {fix} `{pillar.id}` posts in those {window_days} days, or change its"
                " `target_share`",
                pointer=(*pillar.pointer, "target_share"),
            )
