"""The text each channel of a post will receive.

This is the composition every check and preview shares: mentions are resolved
to the network's form; hashtags and the link are added to the body by the
channel's policy. A per-channel override `text` is the full text for that
channel and is sent as written (only its mentions are resolved).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import mentions
from .model import Channel, Person, Post
from .platforms import NETWORKS
from .problems import Pointer


@dataclass(frozen=True)
class ChannelText:
    channel: str
    network: str
    parts: list[str]  # the first part, then thread replies
    hashtags: list[str]
    link: str | None


def hashtag_policy(channel: Channel) -> str:
    policy = channel.data.get("hashtags")
    placement = policy.get("placement") if isinstance(policy, dict) else None
    return placement if isinstance(placement, str) else "append"


def link_policy(channel: Channel) -> str:
    policy = channel.data.get("links")
    placement = policy.get("placement") if isinstance(policy, dict) else None
    if isinstance(placement, str):
        return placement
    network = NETWORKS.get(channel.network)
    return "append" if network is None or network.clickable_links else "bio"


def source_parts(post: Post, channel_id: str) -> list[tuple[str, Pointer | None]]:
    """The texts written for one channel, before composition, with where each is.

    The override's text and thread win over the body and the post's thread.
    The body has no pointer: it is not inside the YAML front matter.
    """
    override = post.overrides.get(channel_id)
    parts: list[tuple[str, Pointer | None]] = []
    if override and override.text is not None:
        parts.append((override.text, ("overrides", channel_id, "text")))
    else:
        parts.append((post.body, None))
    if override and override.thread is not None:
        parts += [
            (t, ("overrides", channel_id, "thread", i)) for i, t in enumerate(override.thread)
        ]
    else:
        parts += [(t, ("thread", i)) for i, t in enumerate(post.thread)]
    return parts


def compose(post: Post, channel: Channel, people: dict[str, Person]) -> ChannelText:
    override = post.overrides.get(channel.id)
    tags = override.hashtags if override and override.hashtags is not None else post.hashtags
    link = override.link if override and override.link else post.link
    parts = [
        mentions.resolve(part, channel.network, people)
        for part, _ in source_parts(post, channel.id)
    ]
    if override and override.text is not None:
        return ChannelText(channel.id, channel.network, parts, list(tags), link)
    first = parts[0]
    if tags and hashtag_policy(channel) != "none":
        missing = [t for t in tags if f"#{t}".lower() not in first.lower()]
        if missing:
            first = first.rstrip() + "\n\n" + " ".join(f"#{t}" for t in missing)
    if link and link not in first and link_policy(channel) in ("append", "inline"):
        first = first.rstrip() + "\n\n" + link
    parts[0] = first
    return ChannelText(channel.id, channel.network, parts, list(tags), link)
