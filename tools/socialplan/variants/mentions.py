"""Mentions are written once as `@{entity}` and resolved per network.

`strategy/people.yaml` holds each person's or organisation's handle per network; the
network module says how a mention is written there (see `Network.write_mention`):

- X, Threads, Instagram, Facebook, Pinterest: `@handle`;
- Mastodon: `@user@server`, the full address, so it reaches the account from anywhere;
- Bluesky: `@handle.bsky.social`, plus a mention facet (see `facets.py`);
- LinkedIn: `@[Name](urn:li:organization:N)` in the little text format;
- Discord and Slack webhooks: the name, since a webhook mentions nobody.

Someone without a handle on a network a post goes to is a validation error naming both
(rules/references.py); the variant then carries their plain name.
"""

from __future__ import annotations

import re

from ..load.model import Person
from ..platforms import NETWORKS
from ..platforms.base import Written

MENTION = re.compile(r"@\{([^{}\s]*)\}")

# Networks where a mention is only text anyway: the name reads better than a handle.
NAME_ONLY = frozenset(name for name, network in NETWORKS.items() if network.mentions_by_name)


def mentioned(text: str) -> list[tuple[str, int]]:
    """(entity id, offset) of every `@{…}` in `text`."""
    if "@{" not in text:
        return []
    return [(m.group(1), m.start()) for m in MENTION.finditer(text)]


def written(person: Person, network: str) -> Written | None:
    """(sent, shown) for a mention of `person` on `network`; None without a handle there."""
    platform = NETWORKS.get(network)
    if platform is not None and platform.mentions_by_name:
        return platform.escape(person.name), person.name
    handle = person.handles.get(network)
    if handle is None:
        return None
    if platform is None:
        return handle, handle
    return platform.write_mention(person.name, handle)


def handle_for(person: Person, network: str) -> str | None:
    """How `person` is written on `network` (as sent), or None without a handle there."""
    if network in NAME_ONLY:
        return person.name
    form = written(person, network)
    return form[0] if form else None


def resolve(text: str, network: str, people: dict[str, Person]) -> str:
    """`text` with every known `@{entity}` written the way `network` shows it.

    An entity without a handle on the network becomes their plain name (the
    validator reports it as an error for the networks a post goes to).
    """

    def replace(match: re.Match[str]) -> str:
        person = people.get(match.group(1))
        if person is None:
            return match.group(0)
        form = written(person, network)
        return form[1] if form else person.name

    return MENTION.sub(replace, text) if "@{" in text else text
