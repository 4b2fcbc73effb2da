"""Pinterest: a pin has a title (100) and a description (800), and one image.

API v5 takes descriptions of up to 800 characters (the app shows 500, secondary) and
titles of up to 100; the description is what this tool calls the text.

Variant rules: a pin's link is its own field (`link`, up to 2048 characters), so the
UTM-tagged link goes there and not into the description.
"""

from __future__ import annotations

from .base import Network


def character_count(text: str) -> int:
    return len(text)


NETWORK = Network(
    name="pinterest",
    label="Pinterest",
    text_limit=800,
    text_unit="characters",
    count=character_count,
    # `alt_text` of a pin: 500 characters.
    alt_text_limit=500,
    max_images=1,
    has_title=True,
    title_limit=100,
    supports_threads=False,
    link_field=True,
)
