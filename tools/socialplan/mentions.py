"""Mentions are written once as `@{entity}` and resolved per network."""

from __future__ import annotations

import re

from .model import Person

MENTION = re.compile(r"@\{([^{}\s]*)\}")


def mentioned(text: str) -> list[tuple[str, int]]:
    """(entity id, offset) of every `@{…}` in `text`."""
    return [(m.group(1), m.start()) for m in MENTION.finditer(text)]


def handle_for(person: Person, network: str) -> str | None:
    """How `person` is written on `network`, or None when they have no handle there."""
    handle = person.handles.get(network)
    if handle is None:
        return None
    if network == "bluesky":
        return "@" + handle.lstrip("@")
    if network == "linkedin":
        # LinkedIn's "little" text format: @[Name](urn:li:organization:N)
        return f"@[{person.name}]({handle})"
    if network in ("facebook", "pinterest"):
        return "@" + handle.lstrip("@")
    return handle


# Networks where a mention is only text anyway: the name reads better than a handle.
NAME_ONLY = frozenset({"discord", "slack"})


def resolve(text: str, network: str, people: dict[str, Person]) -> str:
    """`text` with every known `@{entity}` written the way `network` expects.

    An entity without a handle on the network becomes their plain name (the
    validator reports it as an error for the networks a post goes to).
    """

    def replace(match: re.Match[str]) -> str:
        person = people.get(match.group(1))
        if person is None:
            return match.group(0)
        if network in NAME_ONLY:
            return person.name
        return handle_for(person, network) or person.name

    return MENTION.sub(replace, text) if "@{" in text else text
