"""What every network module provides: its limits, how it counts text, and its variant rules.

Each network lives in its own module (`x.py`, `bluesky.py`, ...) and exposes one
`Network` instance called `NETWORK`. Defaults come from shared/PLATFORMS.md; a
channel's `limits:` in `strategy/channels.yaml` overrides them per account.

The variant rules say how the pieces of a post are written for the network: plain
text (escaped where the network has markup, as LinkedIn and Slack do), a mention of
someone in the people directory, a hashtag and a link. Each writer returns a pair
(sent, shown): what the network receives, and what people then see (they differ on
LinkedIn, whose mentions and hashtags are templates, and on Bluesky, whose links are
shortened for display while the full address rides in a facet).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

# (what is sent, what the network shows)
Written = tuple[str, str]


def as_is(text: str) -> str:
    """Plain text needs no escaping on most networks."""
    return text


def at_handle(name: str, handle: str) -> Written:
    """A mention written as `@handle` (the `@` added when the directory left it out)."""
    written = "@" + handle.lstrip("@")
    return written, written


def hash_sign(tag: str) -> Written:
    return "#" + tag, "#" + tag


def full_link(url: str) -> Written:
    return url, url


def _no_measures(text: str) -> list[Measure]:
    return []


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
    extra_measures: Callable[[str], list[Measure]] = field(default=_no_measures)
    alt_text_limit: int | None = None  # None: the network takes no alt text
    max_images: int = 4
    hashtag_cap: int | None = None  # hashtags a post may carry (Instagram)
    max_links: int | None = None  # links a post may carry (Threads)
    supports_threads: bool = False
    clickable_links: bool = True  # Instagram captions have none
    has_title: bool = False  # Pinterest pins have a title
    title_limit: int | None = None

    # --- variant rules ------------------------------------------------------------
    # Plain text as sent: escapes whatever the network would read as markup.
    escape: Callable[[str], str] = field(default=as_is)
    # (name, handle from strategy/people.yaml) -> how a mention is written.
    write_mention: Callable[[str, str], Written] = field(default=at_handle)
    # Webhooks into chat (Discord, Slack) mention nobody: people appear by name.
    mentions_by_name: bool = False
    write_hashtag: Callable[[str], Written] = field(default=hash_sign)
    write_link: Callable[[str], Written] = field(default=full_link)
    # Bluesky marks links, mentions and hashtags as facets (UTF-8 byte ranges).
    facets: bool = False
    # The link goes in a field of its own, not in the text (a pin's destination).
    link_field: bool = False
    # Hashtags the network turns into links; any more stay plain text (Threads: 1).
    hashtags_recognised: int | None = None
    # Longest hashtag the network recognises, in graphemes (Bluesky: 64).
    hashtag_max_graphemes: int | None = None

    def measure(self, text: str, text_limit: int | None = None) -> list[Measure]:
        """Every length check of `text`, the main one first."""
        limit = text_limit if text_limit is not None else self.text_limit
        return [
            Measure("text", self.text_unit, self.count(text), limit),
            *self.extra_measures(text),
        ]

    def fits(self, text: str, text_limit: int | None = None) -> bool:
        """Whether `text` passes every length check."""
        return not any(measure.over for measure in self.measure(text, text_limit))
