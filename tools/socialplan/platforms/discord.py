"""Discord: a webhook message's `content` holds up to 2000 characters.

A webhook posts single messages, not threads of replies. Images go up as attachments,
whose `description` is their alt text (Discord API, attachment object: at most 1024
characters).

Variant rules: Discord reads Markdown in `content`. A backslash before any punctuation
shows it as itself, so the characters Discord formats with (`\\ * _ ~ ` |`, `@` of
@everyone, and `#`, `>` and `-` that open a line as a heading, quote or list) are escaped
and counted with their backslashes; links are left alone, since Discord does not format
inside them. The publisher also sends `allowed_mentions: {"parse": []}` so that no
message can ping a whole server. A webhook mentions nobody: people appear by name.
"""

from __future__ import annotations

import re

from .base import Network, Written

_INLINE = re.compile(r"([\\*_~`|@])")
# A heading (#, ##, ###, -#), a quote (>) or a list item (-, *) where a line starts.
_LINE_START = re.compile(r"(?m)^([ \t]*)([#>-])")


def character_count(text: str) -> int:
    return len(text)


def escape(text: str) -> str:
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(r"\1\\\2", text)


def write_hashtag(tag: str) -> Written:
    # A hashtag is plain text here, escaped like the rest.
    return escape("#" + tag), "#" + tag


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
    escape=escape,
    write_hashtag=write_hashtag,
    mentions_by_name=True,
)
