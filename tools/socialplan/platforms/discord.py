"""Discord: a webhook message's `content` holds up to 2000 characters.

A webhook posts single messages, not threads of replies. Images go up as attachments,
whose `description` is their alt text (Discord API, attachment object: at most 1024
characters).
"""

from __future__ import annotations

from .base import Network


def character_count(text: str) -> int:
    return len(text)


NETWORK = Network(
    name="discord",
    label="Discord",
    text_limit=2000,
    text_unit="characters",
    count=character_count,
    alt_text_limit=1024,
    # A message carries at most 10 attachments.
    max_images=10,
    supports_threads=False,
)
