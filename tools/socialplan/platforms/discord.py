"""Discord: a webhook message's `content` holds up to 2000 characters.

Attachments sent through a webhook carry no alt text field this tool fills, and a
webhook posts single messages, not threads of replies.
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
    alt_text_limit=None,
    # A message carries at most 10 attachments (embeds: also 10).
    max_images=10,
    supports_threads=False,
)
