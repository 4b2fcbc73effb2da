"""The networks socialplan posts to: their limits, and how each counts text.

`NETWORKS` maps the key used in files ("x", "bluesky", ...) to that network's `Network`;
each lives in its own module. `text` holds the counting pieces they share.
"""

from __future__ import annotations

from ..errors import UsageError
from . import (
    bluesky,
    discord,
    facebook,
    instagram,
    linkedin,
    mastodon,
    pinterest,
    slack,
    threads,
    x,
)
from .base import Measure, Network

__all__ = ["NETWORKS", "Measure", "Network", "get_network"]

NETWORKS: dict[str, Network] = {
    module.NETWORK.name: module.NETWORK
    for module in (
        x,
        bluesky,
        mastodon,
        linkedin,
        threads,
        instagram,
        facebook,
        pinterest,
        discord,
        slack,
    )
}


def get_network(name: str) -> Network:
    """The network called `name` in files; a `UsageError` naming the known ones if none is."""
    try:
        return NETWORKS[name]
    except KeyError:
        known = ", ".join(sorted(NETWORKS))
        raise UsageError(
            f"unknown network `{name}`; known networks: {known}",
            hint="write the network's key in lower case, as listed",
        ) from None
