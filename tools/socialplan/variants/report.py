"""Variants for people: the text `socialplan variants` prints, and the JSON it can print.

For each post, every channel it lists: the text as the network shows it (or, with
`sent=True`, exactly as sent, escapes and templates included), each part's length
against its limit in the network's own unit, the link and where it goes, the images.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..guards.console import json_text
from ..load.model import Post, Repo
from ..platforms import Measure
from .compose import ChannelText, compose, network_of
from .output_files import record


@dataclass(frozen=True)
class Shown:
    """One post and channel as listed: a variant, or why there is none."""

    post: Post
    channel: str
    variant: ChannelText | None
    reason: str = ""  # "skipped", "disabled", "unknown channel"


def listed(repo: Repo, posts: Iterable[Post], channels: Iterable[str] = ()) -> list[Shown]:
    """Every (post, channel) pair to show, in post id order then the post's channel order."""
    only = set(channels)
    result = []
    for post in sorted(posts, key=lambda p: p.id):
        if not post.active:
            continue
        for channel_id in post.channels:
            if only and channel_id not in only:
                continue
            channel = repo.channels.get(channel_id)
            if channel is None:
                result.append(Shown(post, channel_id, None, "unknown channel"))
            elif not channel.enabled:
                result.append(Shown(post, channel_id, None, "channel disabled"))
            else:
                variant = compose(post, channel, repo.people, repo)
                reason = "skipped (`skip: true`)" if variant.skipped else ""
                result.append(Shown(post, channel_id, None if variant.skipped else variant, reason))
    return result


def length(measure: Measure) -> str:
    over = f", {measure.used - measure.limit:,} over" if measure.over else ""
    return f"{measure.used:,}/{measure.limit:,} {measure.unit}{over}"


def as_text(repo: Repo, shown: list[Shown], *, sent: bool = False) -> str:
    lines: list[str] = []
    current: str | None = None
    for item in shown:
        post = item.post
        if post.id != current:
            current = post.id
            if lines:
                lines.append("")
            lines.append(f"{post.id} — {post.title}")
            lines.append(f"{post.rel} · {post.status}")
        channel = repo.channels.get(item.channel)
        label = network_of(channel).label if channel is not None else "?"
        if item.variant is None:
            lines.append(f"  {item.channel} ({label}): {item.reason}")
            continue
        lines += _variant(item.variant, label, sent)
    if not lines:
        return "No variants: no active post matches.\n"
    return "\n".join(lines) + "\n"


def _variant(variant: ChannelText, label: str, sent: bool) -> list[str]:
    count = len(variant.parts)
    shape = "1 post" if count == 1 else f"thread of {count} parts"
    if variant.split:
        shape += ", split automatically"
    lines = [f"  {variant.channel} ({label}): {shape}"]
    texts = variant.parts if sent else variant.shown
    for index, content in enumerate(texts):
        main, *checks = variant.measures[index]
        figures = "; ".join(length(m) for m in (main, *checks))
        number = f"[{index + 1}/{count}] " if count > 1 else ""
        flag = "  << TOO LONG" if any(m.over for m in variant.measures[index]) else ""
        lines.append(f"    {number}{figures}{flag}")
        lines += [f"    | {line}" if line else "    |" for line in content.split("\n")]
    if variant.title is not None:
        lines.append(f"    title: {variant.title}")
    if variant.link:
        lines.append(f"    link ({_placement(variant.link_placement)}): {variant.link}")
    for item in variant.media:
        alt = item.alt if item.alt else "(no alt text)"
        lines.append(f"    image: content/media/{item.file} — {alt}")
    return lines


def _placement(placement: str) -> str:
    return {
        "append": "in the text",
        "inline": "in the text",
        "bio": "in the bio",
        "field": "the pin's link",
        "none": "not posted",
    }.get(placement, placement)


def as_json(shown: list[Shown]) -> str:
    documents = []
    for item in shown:
        if item.variant is None:
            documents.append(
                {"post": item.post.id, "channel": item.channel, "skipped": item.reason}
            )
        else:
            documents.append(record(item.post, item.variant))
    return json_text(documents)


def any_over(shown: list[Shown]) -> bool:
    return any(item.variant is not None and not item.variant.fits for item in shown)
