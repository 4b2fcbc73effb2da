"""Mastodon: 500 graphemes by default, each server choosing its own limit.

This follows Mastodon's StatusLengthValidator: the text is counted in grapheme clusters
after every URL is replaced by 23 characters (`characters_reserved_per_url`) and every
`@user@domain` mention by `@user`, so that the remote part of a handle costs nothing.
The content warning counts too (see `status_length`). Only URLs with a scheme get the
23-character rate: Mastodon asks twitter-text for URLs "without protocol: false", with
its own grammar (config/initializers/twitter_regex.rb): more schemes (gemini, ipfs...)
and paths that may hold any character but white space, `<`, `>`, `(`, `)` and `?`.

A server's real limit is `configuration.statuses.max_characters` in /api/v2/instance;
callers pass it as `measure(text, text_limit=...)`.

Variant rules: a mention is the full `@user@server`, so that it reaches the right account
from any server (it costs only `@user`); links weigh 23 whatever their UTM parameters.
"""

from __future__ import annotations

import regex

from .base import Network
from .text import (
    TWITTER_PATH_CHAR,
    WHITE_SPACE,
    UrlFinder,
    balanced_parens,
    find_mentions,
    grapheme_count,
    url_pattern,
)

URL_PLACEHOLDER = "x" * 23

_PATH_CHAR = rf"[^{WHITE_SPACE}<>()?]"
# Mastodon's path ending still embeds twitter-text's own balanced-parentheses rule: the
# initializer interpolates it before redefining it.
_TWITTER_PARENS = balanced_parens(TWITTER_PATH_CHAR)
_PATH_END = rf"(?:[^{WHITE_SPACE}()?!*\"'「」<>;:=,.$%\[\]~&|@]|{_TWITTER_PARENS})"
_PARENS = balanced_parens(_PATH_CHAR)
_PATH = rf"(?:(?:{_PATH_CHAR}*(?:{_PARENS}{_PATH_CHAR}*)*{_PATH_END})|(?:{_PATH_CHAR}+/))"
_UCHARS = (
    r"\xA0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF\U00010000-\U0001FFFD\U00020000-\U0002FFFD"
    r"\U00030000-\U0003FFFD\U00040000-\U0004FFFD\U00050000-\U0005FFFD\U00060000-\U0006FFFD"
    r"\U00070000-\U0007FFFD\U00080000-\U0008FFFD\U00090000-\U0009FFFD\U000A0000-\U000AFFFD"
    r"\U000B0000-\U000BFFFD\U000C0000-\U000CFFFD\U000D0000-\U000DFFFD\U000E1000-\U000EFFFD"
    r"\uE000-\uF8FF\U000F0000-\U000FFFFD\U00100000-\U0010FFFD"
)
_QUERY = rf"(?:\?[a-z0-9!?*'();:&=+$/%#\[\]\-_.,~|@^{_UCHARS}]*[a-z0-9_&=#/\-{_UCHARS}])"
_URLS = UrlFinder(
    url_pattern(schemes="https?|dat|dweb|ipfs|ipns|ssb|gopher|gemini", path=_PATH, query=_QUERY)
)
# Ruby's String#blank?: only white space. A blank text counts nothing.
_BLANK = regex.compile(r"[\p{White_Space}]*")


def find_urls(text: str) -> list[tuple[int, int]]:
    """Spans of the URLs Mastodon shortens to 23 characters."""
    return _URLS.find(text)


def countable_text(text: str) -> str:
    """`text` as StatusLengthValidator sees it: URLs as 23 x's, mentions without domain."""
    if _BLANK.fullmatch(text):
        return ""
    entities = [(start, end, True) for start, end in find_urls(text)]
    entities += [(start, end, False) for start, end in find_mentions(text)]
    if not entities:
        return text
    pieces: list[str] = []
    position = 0
    for start, end, is_url in sorted(entities):
        if start < position:
            # twitter-text's remove_overlapping_entities: the earlier entity wins.
            continue
        pieces.append(text[position:start])
        # "@alice@example.social" counts as "@alice".
        pieces.append(URL_PLACEHOLDER if is_url else "@" + text[start + 1 : end].split("@")[0])
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def status_length(text: str, content_warning: str = "") -> int:
    """What a post costs on Mastodon: content warning plus text, both counted."""
    if text.isascii() and ":" not in text and "@" not in text:
        # Neither a URL (it needs "://") nor a mention: nothing to rewrite.
        countable = "" if _BLANK.fullmatch(text) else text
    else:
        countable = countable_text(text)
    return grapheme_count(content_warning + countable)


def text_length(text: str) -> int:
    return status_length(text)


NETWORK = Network(
    name="mastodon",
    label="Mastodon",
    text_limit=500,
    text_unit="graphemes",
    count=text_length,
    # `configuration.media_attachments.description_limit` of a stock server.
    alt_text_limit=1500,
    # `configuration.statuses.max_media_attachments` of a stock server.
    max_images=4,
    supports_threads=True,
)
