"""Threads: 500 characters, where an emoji counts as many as its UTF-8 bytes.

Meta's Threads API reference ("Threads Posts", Limitations): "Text posts are limited to
500 characters. Emojis are counted as the number of UTF-8 bytes." Every other grapheme
counts 1, so 😀 costs 4 and a family emoji 👨‍👩‍👧‍👦 costs 25. Since December 2025 a post
with more than 5 distinct links is refused (THREADS_API__LINK_LIMIT_EXCEEDED); bare
domains such as www.example.com count as links (see `text.count_links`).

Variant rules: a post has one topic tag. Threads makes the first hashtag of a post its
tag and leaves any further ones as plain text, so variants add at most one.
"""

from __future__ import annotations

from .base import Network
from .text import grapheme_count, graphemes, is_emoji_cluster, may_hold_emoji


def emoji_weighted_length(text: str) -> int:
    if not may_hold_emoji(text):
        return grapheme_count(text)
    return sum(
        1 if cluster.isascii() or not is_emoji_cluster(cluster) else len(cluster.encode("utf-8"))
        for cluster in graphemes(text)
    )


NETWORK = Network(
    name="threads",
    label="Threads",
    text_limit=500,
    text_unit="weighted characters",
    count=emoji_weighted_length,
    # The API takes `alt_text` on images and videos but documents no limit; 1000 is the
    # figure posting services give (secondary).
    alt_text_limit=1000,
    # A carousel holds up to 20 images or videos (secondary: posting services' docs).
    max_images=20,
    max_links=5,
    # Replies to one's own post chain into a thread (`reply_to_id`).
    supports_threads=True,
    hashtags_recognised=1,
)
