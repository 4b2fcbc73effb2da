"""Helpers the rules share: where post text sits, and which channels a post uses."""

from __future__ import annotations

from collections.abc import Iterator

from ..load.model import Post
from ..problems import Pointer, Problem, ProblemMaker

# publishing_channels lives in model.py; it is re-exported for the rules.
__all__ = [
    "at_text",
    "body_position",
    "channel_pointer",
    "post_texts",
]


def body_position(post: Post, offset: int) -> tuple[int, int]:
    """1-based line and column of character `offset` of the post body."""
    before = post.body[:offset]
    line = post.body_line + before.count("\n")
    col = offset - (before.rfind("\n") + 1) + 1
    return line, col


def post_texts(post: Post) -> Iterator[tuple[str, Pointer | None]]:
    """Every text of a post that may be published, with where it sits.

    The body has no pointer (its position comes from `body_position`).
    """
    yield post.body, None
    for index, part in enumerate(post.thread):
        yield part, ("thread", index)
    for channel_id, override in post.overrides.items():
        if override.text is not None:
            yield override.text, ("overrides", channel_id, "text")
        for index, part in enumerate(override.thread or []):
            yield part, ("overrides", channel_id, "thread", index)
    card = post.data.get("card")
    if isinstance(card, dict):
        for key in ("title", "subtitle"):
            if isinstance(card.get(key), str):
                yield card[key], ("card", key)


def channel_pointer(post: Post, channel_id: str) -> Pointer:
    """Where a channel-specific problem of a post is best shown."""
    override = post.overrides.get(channel_id)
    if override is not None and override.text is not None:
        return ("overrides", channel_id, "text")
    return ("channels", post.channels.index(channel_id)) if channel_id in post.channels else ()


def at_text(
    make: ProblemMaker,
    code: str,
    post: Post,
    pointer: Pointer | None,
    offset: int,
    message: str,
    hint: str,
) -> Problem:
    """A problem at character `offset` of a post text found by `post_texts`."""
    if pointer is None:
        line, col = body_position(post, offset)
        return make(code, post.rel, message, hint, line=line, col=col)
    return make(code, post.rel, message, hint, pointer=pointer)
