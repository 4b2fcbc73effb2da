"""Bluesky rich-text facets: which UTF-8 byte ranges of a post are links, mentions, tags.

A facet is written the way the app.bsky.richtext.facet lexicon has it, so that the
publisher can send it as is:

```json
{"index": {"byteStart": 6, "byteEnd": 23},
 "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://..."}]}
```

Offsets count bytes of the UTF-8 encoding, not characters: "é" is 2 bytes, an emoji 4,
a family emoji 25. Links and tags are complete. A mention needs the account's DID,
which only the network can tell (handles can move to another DID): variants cannot
look it up offline, so a mention feature carries `"did": null` and the `handle`, and the
publisher resolves the handle (com.atproto.identity.resolveHandle) and drops `handle`
before sending.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .pieces import DOMAIN, HANDLE, LINK, MENTION_KIND, TAG, Piece

LINK_TYPE = "app.bsky.richtext.facet#link"
MENTION_TYPE = "app.bsky.richtext.facet#mention"
TAG_TYPE = "app.bsky.richtext.facet#tag"
TAG_MAX_GRAPHEMES = 64

Facet = dict[str, Any]


def facets(pieces: Sequence[Piece], tag_ok: Callable[[str], bool] | None = None) -> list[Facet]:
    """The facets of a part made of `pieces`, in text order.

    `tag_ok(tag) -> bool` leaves out tags the network will not recognise (too long).
    """
    found: list[Facet] = []
    position = 0
    for piece in pieces:
        size = len(piece.sent.encode("utf-8")) if not piece.sent.isascii() else len(piece.sent)
        feature = _feature(piece, tag_ok)
        if feature is not None:
            found.append(
                {
                    "index": {"byteStart": position, "byteEnd": position + size},
                    "features": [feature],
                }
            )
        position += size
    return found


def _feature(piece: Piece, tag_ok: Callable[[str], bool] | None) -> dict[str, Any] | None:
    if piece.kind in (LINK, DOMAIN):
        uri = piece.value if "://" in piece.value else "https://" + piece.value
        return {"$type": LINK_TYPE, "uri": uri}
    if piece.kind == MENTION_KIND and piece.value:
        return {"$type": MENTION_TYPE, "did": None, "handle": piece.value.lstrip("@")}
    if piece.kind == HANDLE and _looks_like_handle(piece.value):
        return {"$type": MENTION_TYPE, "did": None, "handle": piece.value}
    if piece.kind == TAG and (tag_ok is None or tag_ok(piece.value)):
        return {"$type": TAG_TYPE, "tag": piece.value}
    return None


def _looks_like_handle(value: str) -> bool:
    """A Bluesky handle is a domain name: `alice.bsky.social` (not `alice@server`)."""
    return "." in value and "@" not in value and not value.endswith(".")


def byte_range_text(text: str, facet: Facet) -> str:
    """The text a facet covers (for checking and for people reading the output)."""
    index = facet["index"]
    return text.encode("utf-8")[index["byteStart"] : index["byteEnd"]].decode("utf-8")
