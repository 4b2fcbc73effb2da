"""Bluesky: 300 graphemes and 3000 UTF-8 bytes.

The post record's lexicon (app.bsky.feed.post) caps `text` twice: `maxGraphemes: 300`,
what people see, and `maxLength: 3000`, which atproto measures in UTF-8 bytes. Links are
not shortened: a URL counts with every character it has. The byte cap only bites on
long runs of emoji or non-Latin scripts (a family emoji is 1 grapheme but 25 bytes).
"""

from __future__ import annotations

from .base import Measure, Network
from .text import grapheme_count, utf8_length

BYTE_LIMIT = 3000


def byte_measures(text: str) -> list[Measure]:
    return [Measure("bytes", "UTF-8 bytes", utf8_length(text), BYTE_LIMIT)]


NETWORK = Network(
    name="bluesky",
    label="Bluesky",
    text_limit=300,
    text_unit="graphemes",
    count=grapheme_count,
    extra_measures=byte_measures,
    # The lexicon sets no limit on `alt`; 2000 is what the Bluesky app lets people type.
    alt_text_limit=2000,
    max_images=4,
    supports_threads=True,
)
