"""Bluesky: 300 graphemes and 3000 UTF-8 bytes; links, mentions and hashtags are facets.

The post record's lexicon (app.bsky.feed.post) caps `text` twice: `maxGraphemes: 300`,
what people see, and `maxLength: 3000`, which atproto measures in UTF-8 bytes. Links are
not shortened by the server: a URL counts with every character the text gives it. The
byte cap only bites on long runs of emoji or non-Latin scripts (a family emoji is 1
grapheme but 25 bytes).

Variant rules. Rich text is plain text plus facets: byte ranges of the UTF-8 text marked
as a link (with its full URI), a mention (with the account's DID) or a tag (without the
`#`, at most 64 graphemes). Bluesky's own app writes a link as a short label and keeps
the full address in the facet (`toShortUrl` in bluesky-social/social-app: host, then at
most 13 characters of path, query and fragment, then "..."); variants do the same, so a
long UTM-tagged link costs about 30 graphemes instead of its full length.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from .base import Measure, Network, Written
from .text import grapheme_count, utf8_length

BYTE_LIMIT = 3000
TAG_MAX_GRAPHEMES = 64
# social-app's toShortUrl: a path (with query and fragment) longer than 15 characters is
# cut to 13 and followed by three dots.
_SHORT_PATH = 15
_KEPT_PATH = 13


def byte_measures(text: str) -> list[Measure]:
    return [Measure("bytes", "UTF-8 bytes", utf8_length(text), BYTE_LIMIT)]


def short_link(url: str) -> str:
    """How Bluesky's app labels a link: `example.com/some/lo...`.

    The host is written as the browser's URL parser gives it: lower case, with a
    non-default port, international names in punycode; non-ASCII characters and
    spaces in the rest are percent-encoded, as the parser does.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return url
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        return url
    default_port = {"http": 80, "https": 443}[parts.scheme.lower()]
    try:
        port = parts.port
    except ValueError:
        return url
    if port is not None and port != default_port:
        host += f":{port}"
    path = "" if parts.path in ("", "/") else parts.path
    path = _encode(path)
    if parts.query:
        path += "?" + _encode(parts.query)
    if parts.fragment:
        path += "#" + _encode(parts.fragment)
    if len(path) > _SHORT_PATH:
        return host + path[:_KEPT_PATH] + "..."
    return host + path


def _encode(text: str) -> str:
    if text.isascii() and " " not in text:
        return text
    # Only what the URL parser would percent-encode: spaces and non-ASCII characters.
    return quote(text, safe="".join(chr(c) for c in range(33, 127)))


def write_link(url: str) -> Written:
    short = short_link(url)
    return short, short


NETWORK = Network(
    name="bluesky",
    label="Bluesky",
    text_limit=300,
    text_unit="graphemes",
    count=grapheme_count,
    extra_measures=byte_measures,
    # The lexicon sets no limit on `alt`; 2000 is what the Bluesky app lets people type.
    alt_text_limit=2000,
    max_images=4,
    supports_threads=True,
    write_link=write_link,
    facets=True,
    hashtag_max_graphemes=TAG_MAX_GRAPHEMES,
)
