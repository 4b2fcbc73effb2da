"""LinkedIn: posts of up to 3000 characters (the `commentary` of the Posts API).

The 3000 comes from posting services' documentation, not from LinkedIn's reference, which
does not say how it counts; code points are counted here, of the commentary as sent (with
its escapes and mention templates), which can only overstate the length people see.
LinkedIn has no reply chains a post can be scheduled into, so threads are not supported.

Variant rules: the commentary is in LinkedIn's "little" text format. Its reserved
characters, `\\ | { } @ [ ] ( ) < > # * _ ~`, must be escaped with a backslash wherever
they stand for themselves, even where no element uses them: LinkedIn silently cuts a post
at the first unescaped one. A mention is `@[Name](urn:li:organization:N)` (the name as
the member or page calls itself) and a hashtag `{hashtag|\\#|tag}`. URLs are escaped too;
the commentary is unescaped before LinkedIn finds and links them.
"""

from __future__ import annotations

import re

from .base import Network, Written

RESERVED = "\\|{}@[]()<>#*_~"
_RESERVED = re.compile(r"([\\|{}@\[\]()<>#*_~])")


def character_count(text: str) -> int:
    return len(text)


def escape(text: str) -> str:
    """Plain text as little format: every reserved character behind a backslash."""
    for character in RESERVED:
        if character in text:
            return _RESERVED.sub(r"\\\1", text)
    return text


def write_mention(name: str, handle: str) -> Written:
    # LinkedIn shows the name alone, as a link to the member or page.
    return f"@[{escape(name)}]({handle})", name


def write_hashtag(tag: str) -> Written:
    return f"{{hashtag|\\#|{escape(tag)}}}", "#" + tag


def write_link(url: str) -> Written:
    return escape(url), url


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
    escape=escape,
    write_mention=write_mention,
    write_hashtag=write_hashtag,
    write_link=write_link,
)
