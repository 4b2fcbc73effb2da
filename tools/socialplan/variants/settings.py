"""A channel's variant settings from strategy/channels.yaml, with each network's defaults.

```yaml
hashtags: {placement: inline, max: 3, camel_case: true}   # inline | append | none
links: {placement: append, bio_text: "Link in bio."}     # inline | append | bio | none
utm: {source: mastodon, medium: social, campaign: always-on}   # enabled: false to stop;
                                                          # overrides: true tags override texts
limits: {text: 500, hashtags: 4}                          # this account's own limits
threads: {split: true, counters: false}                   # split long text; add 1/3
```

Defaults: hashtags appended, no cap beyond the network's; links appended, except on a
network whose captions have no clickable links (Instagram: always "bio") or that takes
the link in a field of its own (Pinterest); UTM tagging on; long text split into a
thread where the network has threads; no counters.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from ..load.model import Channel, mapping
from ..platforms import Network

DEFAULT_BIO_TEXT = "Link in bio."
HASHTAG_PLACEMENTS = ("inline", "append", "none")
LINK_PLACEMENTS = ("inline", "append", "bio", "none")


@dataclass(frozen=True)
class ChannelPolicy:
    hashtag_placement: str  # inline | append | none
    hashtag_max: int | None  # how many hashtags a variant may carry (None: no cap)
    camel_case: bool
    link_placement: str  # inline | append | bio | none | field
    bio_text: str
    utm: bool
    utm_overrides: bool  # tag the links of override texts too
    utm_source: str
    utm_medium: str
    utm_campaign: str | None
    text_limit: int
    split: bool
    counters: bool


def _choice(value: object, allowed: tuple[str, ...], default: str) -> str:
    return value if isinstance(value, str) and value in allowed else default


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def hashtag_cap(channel: Channel, network: Network) -> int | None:
    """The most hashtags a variant may carry: the smallest of every cap that applies."""
    caps = [
        _whole(mapping(channel.data, "hashtags").get("max")),
        channel.limit("hashtags"),
        network.hashtag_cap,
        network.hashtags_recognised,
    ]
    known = [cap for cap in caps if cap is not None]
    return min(known) if known else None


def link_placement(channel: Channel, network: Network) -> str:
    chosen = mapping(channel.data, "links").get("placement")
    if not network.clickable_links:
        # A URL in an Instagram caption is dead text: the link lives in the bio.
        return "none" if chosen == "none" else "bio"
    if isinstance(chosen, str) and chosen in LINK_PLACEMENTS:
        return chosen
    return "field" if network.link_field else "append"


# Channels are read once per repository but composed for every post: the policy of each
# channel object is kept (checked by identity, so a new channel never gets a stale one).
_CACHE: dict[int, tuple[weakref.ref[Channel], Network, ChannelPolicy]] = {}
_CACHE_SIZE = 256


def policy_for(channel: Channel, network: Network) -> ChannelPolicy:
    cached = _CACHE.get(id(channel))
    if cached is not None and cached[0]() is channel and cached[1] is network:
        return cached[2]
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.clear()
    policy = _read(channel, network)
    _CACHE[id(channel)] = (weakref.ref(channel), network, policy)
    return policy


def _read(channel: Channel, network: Network) -> ChannelPolicy:
    hashtags = mapping(channel.data, "hashtags")
    links = mapping(channel.data, "links")
    utm = mapping(channel.data, "utm")
    threads = mapping(channel.data, "threads")
    return ChannelPolicy(
        hashtag_placement=_choice(hashtags.get("placement"), HASHTAG_PLACEMENTS, "append"),
        hashtag_max=hashtag_cap(channel, network),
        camel_case=hashtags.get("camel_case") is True,
        link_placement=link_placement(channel, network),
        bio_text=_text(links.get("bio_text")) or DEFAULT_BIO_TEXT,
        utm=utm.get("enabled") is not False,
        utm_overrides=utm.get("overrides") is True,
        utm_source=_text(utm.get("source")) or network.name,
        utm_medium=_text(utm.get("medium")) or "social",
        utm_campaign=_text(utm.get("campaign")),
        text_limit=channel.limit("text") or network.text_limit,
        split=network.supports_threads and threads.get("split") is not False,
        counters=network.supports_threads and threads.get("counters") is True,
    )
