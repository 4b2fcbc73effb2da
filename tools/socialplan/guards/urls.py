"""The one check every URL that comes from data passes before it is used.

A URL in a post, a strategy file or the ledger under state/ ends up as a link in a
page, the feed, the calendar file or what a network receives. Only an absolute
`http(s)` address with a host name is used; anything else (`javascript:`, `data:`,
a relative path, a space or a control character that would cut the address short
or hide part of it) is left out, or shown as text, and validation reports it where
the user wrote it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

# White space of any kind, control and format characters (a zero-width space or a
# right-to-left override could make a link look like another), lone surrogates (they
# cannot be written as UTF-8) and a backslash, which browsers read as a slash in the
# host part. None of them belongs in an address.
_REFUSED = re.compile(
    r"[\s\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb\\]"
)
SCHEME = re.compile(r"https?://", re.IGNORECASE)


def problem(url: str) -> str | None:
    """Why `url` cannot be used as a link, in words for the user; None when it can."""
    if not SCHEME.match(url):
        return "it must start with https:// (or http://)"
    found = _REFUSED.search(url)
    if found is not None:
        character = found.group(0)
        what = "a space" if character == " " else f"the character {character!r}"
        return f"it holds {what} at position {found.start() + 1}"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return "it is not a valid web address"
    if not parts.hostname:
        return "it names no host (the site's name after https://)"
    return None


@lru_cache(maxsize=8192)
def _usable(url: str) -> bool:
    return problem(url) is None


def checked(url: object) -> str | None:
    """`url` when it is an absolute http(s) address with a host, else None."""
    if isinstance(url, str) and _usable(url):
        return url
    return None


HINT = (
    "write the whole address, e.g. https://example.com/page, on one line, without spaces"
    " (write a space in an address as %20)"
)
