"""Which entries of a schedule a calendar shows: filters and the time zone.

Filters name channels, pillars and campaigns by id; an entry is kept when it
matches every kind of filter given (and any of the ids given for one kind).
Unknown ids are usage mistakes, reported with a did-you-mean, never silently
turned into an empty calendar.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..errors import UsageError
from ..load.model import Channel, Post, Repo
from ..problems import did_you_mean
from ..schedule.slots import Schedule, Scheduled, zone_name
from ..schedule.times import BadTime, zone


@dataclass(frozen=True)
class Selection:
    """Filters on a schedule; empty tuples keep everything."""

    channels: tuple[str, ...] = ()
    pillars: tuple[str, ...] = ()
    campaigns: tuple[str, ...] = ()

    def keeps_post(self, post: Post) -> bool:
        return (not self.pillars or post.pillar in self.pillars) and (
            not self.campaigns or post.campaign in self.campaigns
        )

    def keeps(self, post: Post, channel: Channel) -> bool:
        return self.keeps_post(post) and (not self.channels or channel.id in self.channels)

    def check(self, repo: Repo) -> None:
        """Raise UsageError when a filter names an id the repository does not define."""
        tables: tuple[tuple[str, tuple[str, ...], Mapping[str, object], str], ...] = (
            ("channel", self.channels, repo.channels, "strategy/channels.yaml"),
            ("pillar", self.pillars, repo.pillars, "strategy/pillars.yaml"),
            ("campaign", self.campaigns, repo.campaigns, "strategy/campaigns.yaml"),
        )
        for what, wanted, known, where in tables:
            for name in wanted:
                if name not in known:
                    raise UsageError(
                        f"unknown {what} `{name}`: it is not defined in {where}",
                        did_you_mean(name, known),
                    )


EVERYTHING = Selection()


def select(plan: Schedule, selection: Selection = EVERYTHING) -> list[Scheduled]:
    """The entries the selection keeps, in the schedule's order."""
    return [e for e in plan.entries if selection.keeps(e.post, e.channel)]


def unplaced(plan: Schedule, selection: Selection = EVERYTHING) -> list[tuple[Post, Channel]]:
    return [(p, c) for p, c in plan.unplaced if selection.keeps(p, c)]


def display_zone(plan: Schedule, name: str | None = None) -> str:
    """The zone to show times in: `name`, else the brand's, else UTC.

    An unknown `name` is a usage mistake (the brand's own zone, if broken, is
    reported by validation and replaced by UTC here).
    """
    if name is None:
        return zone_name(plan.repo.time_zone if plan.repo else None)
    try:
        zone(name)
    except BadTime as bad:
        raise UsageError(bad.message, bad.hint) from None
    return name


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else (words or word + 's')}"


def listed(names: Iterable[str]) -> str:
    return ", ".join(names)
