"""A post's text as pieces: plain text, and the atoms nothing may cut or rewrite inside.

Atoms are what a network treats as one thing: a mention of someone in the people
directory (`@{entity}`), a URL, a bare domain, a handle written out (`@alice`), a
hashtag. Tokenizing does not depend on the network, so it is done once per text and
cached: the same body goes to every channel of a post. Each channel then writes the
pieces its own way (see `variants.py`), and a thread is split only between pieces or
inside plain text (see `threads.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..platforms.text import find_hashtags, find_mentions, find_urls
from .mentions import MENTION

TEXT = "text"
ENTITY = "entity"  # @{entity}: resolved through the people directory
LINK = "link"  # a URL with its scheme
DOMAIN = "domain"  # a bare domain, `example.com/path`
HANDLE = "handle"  # a handle written out, `@alice` or `@alice@example.social`
TAG = "tag"  # a hashtag
MENTION_KIND = "mention"  # a resolved mention (after writing for a network)

# Any URL with an http(s) scheme, whatever its top-level domain: Bluesky links them all,
# and the brand's own link must be found even on a domain twitter-text does not know
# (`.example`). Trailing punctuation is left out, as the apps do.
_SCHEME_URL = re.compile(r"\bhttps?://[^\s<>\"]+", re.IGNORECASE)
_TRAILING = ".,;:!?'\"”’"

# Kinds that stand for something else than their text: every kind but TEXT.
ATOMS = frozenset({ENTITY, LINK, DOMAIN, HANDLE, TAG, MENTION_KIND})


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of a text. `sent` is what the network receives, `shown` what people see.

    `value` is what the atom stands for: the entity id, the (tagged) URL, the handle
    without `@`, the hashtag without `#`.
    """

    kind: str
    sent: str
    shown: str
    value: str = ""

    @property
    def is_atom(self) -> bool:
        return self.kind != TEXT


def text_piece(text: str, sent: str | None = None) -> Piece:
    return Piece(TEXT, text if sent is None else sent, text)


@lru_cache(maxsize=16384)
def tokenize(text: str) -> tuple[Piece, ...]:
    """`text` as pieces, atoms found the way twitter-text finds them.

    Where two atoms overlap the one that starts first wins (a hashtag inside a URL
    is part of the URL).
    """
    spans: list[tuple[int, int, str]] = []
    if "@{" in text:
        spans += [(m.start(), m.end(), ENTITY) for m in MENTION.finditer(text)]
    if "." in text:
        found = find_urls(text, bare_domains=True)
        for start, end in found:
            kind = LINK if "://" in text[start:end] else DOMAIN
            spans.append((start, end, kind))
        if "://" in text:
            spans += _other_links(text, found)
    if "@" in text:
        spans += [(start, end, HANDLE) for start, end in find_mentions(text)]
    if "#" in text or "＃" in text:
        spans += [(start, end, TAG) for start, end in find_hashtags(text)]
    if not spans:
        return (text_piece(text),) if text else ()
    pieces: list[Piece] = []
    position = 0
    for start, end, kind in sorted(spans):
        if start < position:
            continue
        if start > position:
            pieces.append(text_piece(text[position:start]))
        atom = text[start:end]
        pieces.append(Piece(kind, atom, atom, _value(kind, atom)))
        position = end
    if position < len(text):
        pieces.append(text_piece(text[position:]))
    return tuple(pieces)


def _other_links(text: str, found: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """URLs with a scheme that twitter-text's grammar did not find."""
    extra = []
    for match in _SCHEME_URL.finditer(text):
        start = match.start()
        if any(a <= start < b for a, b in found):
            continue
        url = match.group().rstrip(_TRAILING)
        if url.endswith(")") and url.count("(") < url.count(")"):
            url = url[:-1]
        if "." in url.partition("://")[2]:
            extra.append((start, start + len(url), LINK))
    return extra


def _value(kind: str, atom: str) -> str:
    if kind == ENTITY:
        return atom[2:-1]
    if kind in (HANDLE, TAG):
        return atom[1:]
    return atom


def sent_text(pieces: tuple[Piece, ...] | list[Piece]) -> str:
    return "".join(piece.sent for piece in pieces)


def shown_text(pieces: tuple[Piece, ...] | list[Piece]) -> str:
    return "".join(piece.shown for piece in pieces)


def strip(pieces: list[Piece]) -> list[Piece]:
    """`pieces` without white space at either end."""
    result = strip_end(pieces)
    while result and result[0].kind == TEXT:
        first = result[0]
        kept = first.shown.lstrip()
        if kept:
            if kept != first.shown:
                cut = len(first.shown) - len(kept)
                result[0] = Piece(TEXT, first.sent[cut:], kept)
            break
        result.pop(0)
    return result


def strip_end(pieces: list[Piece]) -> list[Piece]:
    """`pieces` without white space at the end of the last plain text."""
    result = list(pieces)
    while result and result[-1].kind == TEXT:
        last = result[-1]
        kept = last.shown.rstrip()
        if kept:
            if kept != last.shown:
                cut = len(last.shown) - len(kept)
                result[-1] = Piece(TEXT, last.sent[: len(last.sent) - cut], kept)
            break
        result.pop()
    return result
