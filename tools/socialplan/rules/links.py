"""Web addresses in the user's files: each one must pass `urls.problem` to be used.

The schemas already refuse an address that does not start with http(s)://; this
finds the rest that outputs would leave out (a space or control character inside, no
host), so that nothing is silently dropped.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..guards import urls
from ..load.model import Repo, mapping
from ..problems import Pointer, Problem, error

BRAND = "strategy/brand.yaml"


def check(repo: Repo) -> Iterator[Problem]:
    yield from _field(BRAND, ("site_url",), repo.brand.get("site_url"))
    for campaign in repo.campaigns.values():
        pointer = (*campaign.pointer, "landing_page")
        yield from _field(campaign.rel, pointer, campaign.data.get("landing_page"))
    for channel in repo.channels.values():
        yield from _field(channel.rel, (*channel.pointer, "server"), channel.data.get("server"))
    for competitor in repo.competitors.values():
        yield from _field(competitor.rel, ("website",), competitor.data.get("website"))
    for post in repo.posts:
        yield from _field(post.rel, ("link",), post.data.get("link"))
        for channel_id, override in mapping(post.data, "overrides").items():
            if isinstance(override, dict):
                pointer = ("overrides", channel_id, "link")
                yield from _field(post.rel, pointer, override.get("link"))


def _field(rel: str, pointer: Pointer, value: object) -> Iterator[Problem]:
    if not isinstance(value, str):
        return  # missing, or the schema has reported its type
    reason = urls.problem(value)
    if reason is None or not urls.SCHEME.match(value):
        return  # fine, or the schema has reported it does not start with http(s)://
    yield error(
        "bad-url",
        rel,
        f"`{value}` cannot be used as a web address: {reason}",
        urls.HINT,
        pointer=pointer,
    )
