"""Every variant must fit its network, counted exactly the way that network counts.

The checks run on the variant each channel will receive (`compose.compose`), once per
post and channel: the text after mentions, hashtags, links and thread splitting. Text
too long for a network with threads is split into a thread by the variant itself, so
"text-too-long" remains only for what cannot be split: an override (sent as written),
a channel with `threads: {split: false}`, a network without threads, or one link or
hashtag longer than a whole post. Hashtag checks live in `rules/hashtag_use.py` and run
here on the same variant, so that each post is composed once per channel.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial

from ..cache.checks import PostChecks
from ..load.model import Channel, Post, Repo, mapping, publishing_channels
from ..platforms import NETWORKS, Measure, Network
from ..platforms.text import count_links
from ..problems import Pointer, Problem, error, warning
from ..variants import compose
from ..variants.compose import ChannelText
from ..variants.pieces import LINK, tokenize
from ..variants.settings import policy_for
from . import hashtag_use
from .common import channel_pointer


def check(
    repo: Repo, memo: PostChecks | None = None, posts: Sequence[Post] | None = None
) -> Iterator[Problem]:
    """Every active post's variants (or those of `posts`); with `memo`, only posts
    changed since it was kept."""
    words = hashtag_use.Vocabulary(repo)
    for post in repo.posts if posts is None else posts:
        if not post.active:
            continue
        if memo is None:
            yield from _post(repo, post, words)
        else:
            yield from memo.results(
                "lengths", repo, post, partial(_all, _post(repo, post, words)), words
            )


def _all(found: Iterator[Problem]) -> list[Problem]:
    return list(found)


def _post(repo: Repo, post: Post, words: hashtag_use.Vocabulary) -> Iterator[Problem]:
    for channel in publishing_channels(post, repo):
        network = NETWORKS.get(channel.network)
        if network is None:
            continue
        composed = compose.compose(post, channel, repo.people, repo)
        yield from _channel(post, channel, network, composed)
        yield from hashtag_use.check_variant(post, channel, network, composed, words)


def where(network: Network, channel: Channel) -> str:
    return f"{network.label} (channel `{channel.id}`)"


def part_location(post: Post, channel_id: str, source: int) -> tuple[Pointer | None, int, int]:
    """(pointer, line, col) of source part `source` of a channel's text."""
    pointer = compose.source_parts(post, channel_id)[source][1]
    if pointer is None:
        return None, post.body_line, 1
    return pointer, 0, 0


def _channel(
    post: Post, channel: Channel, network: Network, composed: ChannelText
) -> Iterator[Problem]:
    pointer = channel_pointer(post, channel.id)
    named = where(network, channel)
    if not composed.parts or not composed.parts[0].strip():
        yield error(
            "empty-text",
            post.rel,
            f"the post has no text for {named}",
            f"write the body, or an override text for `{channel.id}`",
            pointer=pointer,
        )
        return
    override = post.overrides.get(channel.id)
    if len(compose.source_parts(post, channel.id, network.supports_threads)) > 1 and not (
        network.supports_threads
    ):
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
    for index, measures in enumerate(composed.measures):
        for measure in measures:
            if measure.over:
                yield _too_long(post, channel, network, composed, index, measure)
    if network.max_links is not None:
        for index, part in enumerate(composed.parts):
            # Threads counts distinct links, bare domains included.
            links = count_links(part)
            if links > network.max_links:
                yield error(
                    "too-many-links",
                    post.rel,
                    f"{named}{_part_name(composed, index)} takes at most {network.max_links}"
                    f" links; this text has {links}",
                    "remove links",
                    pointer=pointer,
                )
    yield from _links(post, channel, network, composed, named)
    if network.has_title and network.title_limit is not None:
        yield from _title(post, channel, network, named)
    yield from _media_count(post, channel, network, named)


def _part_name(composed: ChannelText, index: int) -> str:
    if len(composed.parts) == 1:
        return ""
    split = " (split automatically)" if composed.split and not composed.own[index] else ""
    return f" part {index + 1} of {len(composed.parts)}{split}"


def _too_long(
    post: Post,
    channel: Channel,
    network: Network,
    composed: ChannelText,
    index: int,
    measure: Measure,
) -> Problem:
    source = composed.sources[index]
    pointer, line, col = part_location(post, channel.id, source)
    if composed.own[index]:
        fix = "shorten it: an override is sent as written"
        if network.supports_threads:
            fix += f" (or continue it in `thread:` under the override for `{channel.id}`)"
    elif network.supports_threads and composed.split:
        fix = "one link, mention or hashtag is longer than a whole post: shorten it"
    elif network.supports_threads:
        fix = (
            f"shorten it, or let socialplan split it into a thread (remove `threads: {{split:"
            f" false}}` from channel `{channel.id}`)"
        )
    else:
        fix = f"shorten it, or give `{channel.id}` its own text in `overrides:`"
    return error(
        "text-too-long",
        post.rel,
        f"{where(network, channel)}{_part_name(composed, index)}: {measure.used:,}"
        f" {measure.unit}, over the limit of {measure.limit:,}",
        fix,
        pointer=pointer,
        line=line,
        col=col,
    )


def _links(
    post: Post, channel: Channel, network: Network, composed: ChannelText, named: str
) -> Iterator[Problem]:
    if network.clickable_links:
        return
    for index, (source, _) in enumerate(
        compose.source_parts(post, channel.id, network.supports_threads)
    ):
        if any(piece.kind == LINK for piece in tokenize(source)):
            pointer, line, col = part_location(post, channel.id, index)
            yield warning(
                "link-not-clickable",
                post.rel,
                f"{named} shows links in a caption as plain text that nobody can tap",
                f"take the link out of the text for `{channel.id}` (an override `text:`); the"
                " post's `link:` goes to the bio, and the caption says so",
                pointer=pointer,
                line=line,
                col=col,
            )
            return
    override = post.overrides.get(channel.id)
    own_text = override is not None and override.text is not None
    if own_text and composed.link and composed.link_placement == "bio":
        said = " ".join(composed.shown).casefold()
        wording = policy_for(channel, network).bio_text.casefold().strip(" .!")
        if "bio" not in said and wording not in said:
            yield warning(
                "link-in-bio-missing",
                post.rel,
                f"the post has a link, but the {named} text never points to the bio",
                "add a line such as “Link in bio.” to the override text",
                pointer=("overrides", channel.id, "text"),
            )


def _title(post: Post, channel: Channel, network: Network, named: str) -> Iterator[Problem]:
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
            f"{named} titles take {limit} characters; this one has {len(title)}",
            f"shorten it, or give `{channel.id}` its own `title:` under `overrides:`",
            pointer=pointer,
        )


def _media_count(post: Post, channel: Channel, network: Network, named: str) -> Iterator[Problem]:
    override = post.overrides.get(channel.id)
    media = override.media if override is not None and override.media is not None else post.media
    if len(media) > network.max_images:
        yield error(
            "too-many-images",
            post.rel,
            f"{named} takes at most {network.max_images} images; this post has {len(media)}",
            f"pick the best {network.max_images} for `{channel.id}` with an override `media:`",
            pointer=("media",),
        )
    needs_image = channel.network in ("instagram", "pinterest")
    if needs_image and not media and not isinstance(post.data.get("card"), dict):
        yield error(
            "image-required",
            post.rel,
            f"{named} posts need an image, and this post has none",
            "add `media:` or a generated `card:`",
            pointer=channel_pointer(post, channel.id),
        )
