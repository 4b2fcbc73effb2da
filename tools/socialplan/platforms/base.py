"""What every network module provides: its limits and how it counts text.

Each network lives in its own module (`x.py`, `bluesky.py`, ...) and exposes one
`Network` instance called `NETWORK`. Defaults come from shared/PLATFORMS.md; a
channel's `limits:` in `strategy/channels.yaml` overrides them per account.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Measure:
    """One length check of one text: `used` of `limit` in `unit`."""

    what: str  # "text", "bytes", "title" ...
    unit: str  # "weighted characters", "graphemes", "UTF-8 bytes", "characters"
    used: int
    limit: int

    @property
    def over(self) -> bool:
        return self.used > self.limit


@dataclass(frozen=True)
class Network:
    name: str  # the key used in files: "x", "bluesky", ...
    label: str  # how people write it: "X", "Bluesky"
    text_limit: int
    text_unit: str
    # count(text) -> used, in text_unit, exactly as the network counts.
    count: Callable[[str], int]
    # Further checks beyond the main count (Bluesky bytes): text -> Measures.
    extra_measures: Callable[[str], list[Measure]] = field(default=lambda text: [])
    alt_text_limit: int | None = None  # None: the network takes no alt text
    max_images: int = 4
    hashtag_cap: int | None = None  # hashtags a post may carry (Instagram)
    max_links: int | None = None  # links a post may carry (Threads)
    supports_threads: bool = False
    clickable_links: bool = True  # Instagram captions have none
    has_title: bool = False  # Pinterest pins have a title
    title_limit: int | None = None

    def measure(self, text: str, text_limit: int | None = None) -> list[Measure]:
        """Every length check of `text`, the main one first."""
        limit = text_limit if text_limit is not None else self.text_limit
        return [
            Measure("text", self.text_unit, self.count(text), limit),
            *self.extra_measures(text),
        ]
