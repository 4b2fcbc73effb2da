"""Hashtags in each variant: caps, tags a network will not link, and readable casing.

Run from `rules/lengths.py` on the variant it has already composed. The variant itself
never adds more hashtags than a channel allows; these checks catch hashtags written
into the text by hand, and tags a screen reader cannot read (see `hashtags.py` at the
package root for how CamelCase is judged).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..cache import fingerprints
from ..load.model import Channel, Post, Repo, mapping
from ..platforms import Network
from ..platforms.text import grapheme_count
from ..problems import Pointer, Problem, error, warning
from ..variants import compose
from ..variants.compose import ChannelText
from ..variants.hashtags import camel_case, may_need_camel_case, vocabulary
from .common import at_text, channel_pointer, post_texts


class Vocabulary:
    """The words the brand writes, gathered only when a tag needs them.

    `consulted` turns True whenever they are read, so that the build's memo of
    per-post results (rules.memo) knows which posts' results depend on them."""

    def __init__(self, repo: Repo) -> None:
        self.repo = repo
        self._words: frozenset[str] | None = None
        self._digest: str | None = None
        self.reported: set[tuple[str, str]] = set()  # (post id, tag key)
        self.consulted = False

    def digest(self) -> str:
        """A fingerprint of the words."""
        if self._digest is None:
            consulted = self.consulted
            self._digest = fingerprints.combine(sorted(self.words))
            self.consulted = consulted
        return self._digest

    @property
    def words(self) -> frozenset[str]:
        self.consulted = True
        if self._words is None:
            texts: list[str] = []
            tags: list[str] = []
            for post in self.repo.posts:
                texts.append(post.title)
                texts += [content for content, _ in post_texts(post)]
                tags += post.hashtags
                for override in post.overrides.values():
                    tags += override.hashtags or []
            self._words = vocabulary(texts, tags)
        return self._words


def check_variant(
    post: Post, channel: Channel, network: Network, composed: ChannelText, words: Vocabulary
) -> Iterator[Problem]:
    named = f"{network.label} (channel `{channel.id}`)"
    pointer = channel_pointer(post, channel.id)
    count = max(composed.tag_counts, default=0)
    policy = mapping(channel.data, "hashtags")
    # `limits: {hashtags: 0}` means none at all, not the network's default.
    cap = channel.limit("hashtags")
    if cap is None:
        cap = network.hashtag_cap
    if cap is not None and count > cap:
        yield error(
            "too-many-hashtags",
            post.rel,
            f"{named} allows {cap} hashtags; this post has {count}",
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
    elif network.hashtags_recognised is not None and count > network.hashtags_recognised:
        yield warning(
            "hashtag-not-linked",
            post.rel,
            f"{named} links only {network.hashtags_recognised} hashtag per post; the other"
            f" {count - network.hashtags_recognised} will show as plain text",
            f"keep the one that matters most in the text for `{channel.id}`",
            pointer=pointer,
        )
    longest = network.hashtag_max_graphemes
    if longest is not None:
        for tag in composed.hashtags:
            if grapheme_count(tag) > longest:
                yield error(
                    "hashtag-too-long",
                    post.rel,
                    f"#{tag[:20]}… is {grapheme_count(tag)} characters; {named} links hashtags"
                    f" of up to {longest}",
                    "shorten the hashtag",
                    pointer=pointer,
                )
    if policy.get("camel_case") is True:
        yield from _casing(post, channel, composed, words)


def _casing(
    post: Post, channel: Channel, composed: ChannelText, words: Vocabulary
) -> Iterator[Problem]:
    for tag in composed.hashtags:
        if not may_need_camel_case(tag) or (post.id, tag.casefold()) in words.reported:
            continue
        suggestion = camel_case(tag, words.words)
        if suggestion is None:
            continue
        words.reported.add((post.id, tag.casefold()))
        message = (
            f"#{tag} is all lower case, so screen readers read it as one word; channel"
            f" `{channel.id}` asks for CamelCase"
        )
        hint = f"write it as #{suggestion}"
        pointer = _tag_pointer(post, channel.id, tag)
        if isinstance(pointer, int):
            yield at_text(warning, "hashtag-not-camel-case", post, None, pointer, message, hint)
        else:
            yield warning("hashtag-not-camel-case", post.rel, message, hint, pointer=pointer)


def _tag_pointer(post: Post, channel_id: str, tag: str) -> Pointer | int:
    """Where `tag` is written: a `hashtags:` entry, a text (pointer), or a body offset."""
    override = post.overrides.get(channel_id)
    if override is not None and override.hashtags is not None:
        listed: list[tuple[list[str], Pointer]] = [
            (override.hashtags, ("overrides", channel_id, "hashtags"))
        ]
    else:
        listed = [(post.hashtags, ("hashtags",))]
    for tags, base in listed:
        for index, written in enumerate(tags):
            if written.casefold() == tag.casefold():
                return (*base, index)
    for content, pointer in compose.source_parts(post, channel_id):
        offset = content.casefold().find("#" + tag.casefold())
        if offset >= 0:
            return offset if pointer is None else pointer
    return channel_pointer(post, channel_id)
