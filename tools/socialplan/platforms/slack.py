"""Slack: an incoming webhook message's `text`.

Slack truncates `text` beyond 40,000 characters and recommends at most 4,000 ("best
practice" in the chat.postMessage reference); the 4,000 is used so that nothing is cut
or folded behind "Show more". Images go in as image blocks, whose `alt_text` is required
and holds at most 2000 characters (Block Kit reference). A webhook cannot reply in a
thread it did not start, so threads are not supported.

Variant rules: Slack reads `&`, `<` and `>` as control characters, so they are sent as
`&amp;`, `&lt;` and `&gt;` (Slack's "Formatting text" guide) and counted that way. Slack
has no escape for its *bold* and _italic_ marks: the publisher sends `"mrkdwn": false`,
so the text shows as written. A webhook mentions nobody: people appear by name.
"""

from __future__ import annotations

from .base import Network, Written

HARD_LIMIT = 40_000


def character_count(text: str) -> int:
    return len(text)


def escape(text: str) -> str:
    if "&" not in text and "<" not in text and ">" not in text:
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_link(url: str) -> Written:
    return escape(url), url


def write_hashtag(tag: str) -> Written:
    # A hashtag is plain text here, escaped like the rest.
    return escape("#" + tag), "#" + tag


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
    escape=escape,
    write_hashtag=write_hashtag,
    write_link=write_link,
    mentions_by_name=True,
)
