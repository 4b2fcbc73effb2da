"""What the preview shows, gathered once: the changes, problems, times and variants."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from ..load.model import Post, Repo, publishing_channels
from ..problems import Problem
from ..schedule.times import BadTime, zone
from ..variants.compose import ChannelText, compose
from .changes import PostChange
from .git import Base


@dataclass
class PreviewData:
    base: Base
    head: Repo
    changes: list[PostChange]
    problems: dict[str, list[Problem]]  # repository-relative file -> its problems
    moments: dict[str, dict[str, datetime]]  # post id -> channel id -> instant (UTC)
    media_base_url: str | None = None
    _variants: dict[str, list[ChannelText]] = field(default_factory=dict)

    def problems_of(self, change: PostChange) -> list[Problem]:
        if change.post is None:
            return []
        return self.problems.get(change.post.rel, [])

    def variants_of(self, post: Post) -> list[ChannelText]:
        """The variants of every channel the post is published to (none for an idea)."""
        if post.id not in self._variants:
            self._variants[post.id] = (
                [
                    compose(post, channel, self.head.people, self.head)
                    for channel in publishing_channels(post, self.head)
                ]
                if post.active
                else []
            )
        return self._variants[post.id]

    def persona_zones(self, post: Post) -> list[tuple[str, ZoneInfo]]:
        """Each persona of the post with its time zone (personas without one left out)."""
        zones = []
        for ident in post.personas:
            persona = self.head.personas.get(ident)
            if persona is None or not persona.time_zone:
                continue
            try:
                zones.append((ident, zone(persona.time_zone)))
            except BadTime:
                continue
        return zones
