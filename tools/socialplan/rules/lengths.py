"""Text must fit each network, counted exactly the way that network counts."""

from __future__ import annotations

from collections.abc import Iterator

from .. import variants
from ..model import Channel, Post, Repo, mapping
from ..platforms import NETWORKS, Network
from ..platforms.text import count_links, find_hashtags
from ..problems import Pointer, Problem, error, warning
from .common import channel_pointer, publishing_channels


def check(repo: Repo) -> Iterator[Problem]:
    for post in repo.posts:
        if not post.active:
            continue
        for channel in publishing_channels(post, repo):
            network = NETWORKS.get(channel.network)
            if network is not None:
                yield from _channel(post, channel, network, repo)


def _channel(post: Post, channel: Channel, network: Network, repo: Repo) -> Iterator[Problem]:
    composed = variants.compose(post, channel, repo.people)
    override = post.overrides.get(channel.id)
    pointer = channel_pointer(post, channel.id)
    where = f"{network.label} (channel `{channel.id}`)"
    if not composed.parts[0].strip():
        yield error(
            "empty-text",
            post.rel,
            f"the post has no text for {where}",
            f"write the body, or an override text for `{channel.id}`",
            pointer=pointer,
        )
        return
    if len(composed.parts) > 1 and not network.supports_threads:
        has_own = override is not None and override.text is not None and override.thread is None
        if not has_own:
            yield error(
                "thread-not-supported",
                post.rel,
                f"the post is a thread of {len(composed.parts)} parts, but {network.label} has no"
                " threads",
                f"give `{channel.id}` its own single text under `overrides:`",
                pointer=("thread",) if post.thread else pointer,
            )
    limit = channel.limit("text")
    for index, part in enumerate(composed.parts):
        for measure in network.measure(part, limit):
            if measure.over:
                part_name = "" if len(composed.parts) == 1 else f" part {index + 1}"
                fix = f"shorten it, or give `{channel.id}` its own text in `overrides:`"
                if network.supports_threads:
                    fix += " or split it into `thread:` parts"
                yield error(
                    "text-too-long",
                    post.rel,
                    f"{where}{part_name}: {measure.used:,} {measure.unit}, over the limit of"
                    f" {measure.limit:,}",
                    fix,
                    pointer=_part_pointer(post, channel.id, index, pointer),
                    line=post.body_line if _in_body(post, channel.id, index) else 0,
                    col=1 if _in_body(post, channel.id, index) else 0,
                )
    yield from _hashtags(post, channel, network, composed.parts[0], pointer)
    if network.max_links is not None:
        # Threads counts distinct links, bare domains included.
        links = count_links(composed.parts[0])
        if links > network.max_links:
            yield error(
                "too-many-links",
                post.rel,
                f"{where} takes at most {network.max_links} links; this text has {links}",
                "remove links",
                pointer=pointer,
            )
    if network.has_title and network.title_limit is not None:
        yield from _title(post, channel, network, where)
    yield from _media_count(post, channel, network, where)


def _title(post: Post, channel: Channel, network: Network, where: str) -> Iterator[Problem]:
    own = mapping(mapping(post.data, "overrides"), channel.id).get("title")
    title, pointer = (
        (own, ("overrides", channel.id, "title"))
        if isinstance(own, str)
        else (post.title, ("title",))
    )
    limit = network.title_limit or 0
    if len(title) > limit:
        yield error(
            "title-too-long",
            post.rel,
            f"{where} titles take {limit} characters; this one has {len(title)}",
            f"shorten it, or give `{channel.id}` its own `title:` under `overrides:`",
            pointer=pointer,
        )


def _part_pointer(post: Post, channel_id: str, index: int, pointer: Pointer) -> Pointer | None:
    override = post.overrides.get(channel_id)
    if override is not None and override.thread is not None and index > 0:
        return ("overrides", channel_id, "thread", index - 1)
    if index > 0:
        return ("thread", index - 1)
    if override is not None and override.text is not None:
        return pointer
    return None


def _in_body(post: Post, channel_id: str, index: int) -> bool:
    """Whether part `index` for the channel is the Markdown body of the post."""
    override = post.overrides.get(channel_id)
    return index == 0 and (override is None or override.text is None)


def _hashtags(
    post: Post, channel: Channel, network: Network, text: str, pointer: Pointer
) -> Iterator[Problem]:
    count = len(find_hashtags(text))
    policy = mapping(channel.data, "hashtags")
    cap = channel.limit("hashtags") or network.hashtag_cap
    if cap is not None and count > cap:
        yield error(
            "too-many-hashtags",
            post.rel,
            f"{network.label} (channel `{channel.id}`) allows {cap} hashtags;"
            f" this post has {count}",
            f"keep the {cap} that matter most (an override `hashtags:` for `{channel.id}`)",
            pointer=pointer,
        )
    elif isinstance(policy.get("max"), int) and count > policy["max"]:
        yield warning(
            "hashtags-over-policy",
            post.rel,
            f"channel `{channel.id}` plans at most {policy['max']} hashtags; this post has {count}",
            "trim them, or change the channel's `hashtags.max`",
            pointer=pointer,
        )


def _media_count(post: Post, channel: Channel, network: Network, where: str) -> Iterator[Problem]:
    override = post.overrides.get(channel.id)
    media = override.media if override is not None and override.media is not None else post.media
    if len(media) > network.max_images:
        yield error(
            "too-many-images",
            post.rel,
            f"{where} takes at most {network.max_images} images; this post has {len(media)}",
            f"pick the best {network.max_images} for `{channel.id}` with an override `media:`",
            pointer=("media",),
        )
    needs_image = channel.network in ("instagram", "pinterest")
    if needs_image and not media and not isinstance(post.data.get("card"), dict):
        yield error(
            "image-required",
            post.rel,
            f"{where} posts need an image, and this post has none",
            "add `media:` or a generated `card:`",
            pointer=channel_pointer(post, channel.id),
        )
