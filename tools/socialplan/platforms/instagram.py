"""Instagram: captions of 2200 characters, with no clickable links and few hashtags.

The caption limit is Instagram's; how it counts emoji is not documented, so code points
are counted. Since December 2025 a post carries at most 5 hashtags (news reports; it was
30), a default a channel can change. A URL in a caption is plain text, which is why
links go to the bio instead.

Variant rules: the link is never written into the caption; "Link in bio." is (a channel
may word it differently with `links: {bio_text: ...}`), and the UTM-tagged link is kept
with the variant for the bio or link-in-bio page.
"""

from __future__ import annotations

from .base import Network


def character_count(text: str) -> int:
    return len(text)


NETWORK = Network(
    name="instagram",
    label="Instagram",
    text_limit=2200,
    text_unit="characters",
    count=character_count,
    # The Graph API takes `alt_text` on image media; 1000 is a secondary figure.
    alt_text_limit=1000,
    # A carousel container takes up to 10 children through the Graph API.
    max_images=10,
    hashtag_cap=5,
    clickable_links=False,
    supports_threads=False,
)
