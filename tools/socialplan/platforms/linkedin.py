"""LinkedIn: posts of up to 3000 characters (the `commentary` of the Posts API).

The 3000 comes from posting services' documentation, not from LinkedIn's reference, which
does not say how it counts; code points are counted here. LinkedIn has no reply chains a
post can be scheduled into, so threads are not supported.
"""

from __future__ import annotations

from .base import Network


def character_count(text: str) -> int:
    return len(text)


NETWORK = Network(
    name="linkedin",
    label="LinkedIn",
    text_limit=3000,
    text_unit="characters",
    count=character_count,
    # The Posts API takes `altText` on images. 4086 is the figure given for that field;
    # it could not be confirmed in LinkedIn's current reference (one accessibility guide
    # says the app stops at 1000), so lower it per channel if posts are refused.
    alt_text_limit=4086,
    # A MultiImage post holds 2 to 20 images (MultiImage API).
    max_images=20,
    supports_threads=False,
)
