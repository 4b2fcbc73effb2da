"""Slack: an incoming webhook message's `text`.

Slack truncates `text` beyond 40,000 characters and recommends at most 4,000 ("best
practice" in the chat.postMessage reference); the 4,000 is used so that nothing is cut
or folded behind "Show more". Images go in as image blocks, whose `alt_text` is required
and holds at most 2000 characters (Block Kit reference). A webhook cannot reply in a
thread it did not start, so threads are not supported.
"""

from __future__ import annotations

from .base import Network

HARD_LIMIT = 40_000


def character_count(text: str) -> int:
    return len(text)


NETWORK = Network(
    name="slack",
    label="Slack",
    text_limit=4000,
    text_unit="characters",
    count=character_count,
    alt_text_limit=2000,
    # Not Slack's limit (a message takes up to 50 blocks, one image block per image):
    # a house default that keeps a webhook message readable.
    max_images=4,
    supports_threads=False,
)
