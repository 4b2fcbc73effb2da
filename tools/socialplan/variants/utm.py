"""UTM parameters on the brand's links, so that analytics can tell which post and channel
brought each visit.

Per channel: `utm_source` is the network (`x`, `bluesky` ...), `utm_medium` is
`social`, `utm_campaign` the post's campaign (else the channel's `utm.campaign`), and
`utm_content` the post id; a channel's `utm:` settings replace the source and medium.
Tagging keeps the link exactly as written and only adds what is missing: the existing
query string and fragment stay byte for byte, and a `utm_` key the author already set
wins over the generated one.

Which links are tagged: the post's `link:` (or the channel's override `link:`) wherever
it appears in generated text, and any other link there to the same site or to the
brand's `site_url`. Links to other sites are left alone: parameters on someone else's
site measure nothing for us. An override's text is the author's own and its links stay
as written, unless the channel sets `utm: {overrides: true}`; the variant's `link`
(for the bio, or a pin's link field) is tagged either way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from urllib.parse import parse_qsl, quote, urlsplit

KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_content")


@lru_cache(maxsize=4096)
def host(url: str) -> str | None:
    """The host name of `url` in lower case, without a leading `www.`."""
    try:
        name = urlsplit(url).hostname
    except ValueError:
        return None
    if not name:
        return None
    return name[4:] if name.startswith("www.") else name


def own_hosts(*urls: str | None) -> frozenset[str]:
    """The hosts whose links get tagged."""
    return frozenset(h for h in (host(u) for u in urls if u) if h)


def tag(url: str, parameters: Mapping[str, str]) -> str:
    """`url` with the UTM `parameters` it does not already carry, added at the end.

    The query string and fragment stay as written (no re-encoding); new values are
    percent-encoded. Keys already present, in any letter case, are not added again.
    """
    return _tag(url, tuple(parameters.items()))


@lru_cache(maxsize=16384)
def _tag(url: str, parameters: tuple[tuple[str, str], ...]) -> str:
    before_fragment, hash_sign, fragment = url.partition("#")
    base, question, query = before_fragment.partition("?")
    present = {key.lower() for key, _ in parse_qsl(query, keep_blank_values=True)}
    added = [
        f"{key}={quote(value, safe='')}"
        for key, value in parameters
        if value and key.lower() not in present
    ]
    if not added:
        return url
    joined = "&".join(added)
    if not question:
        query = joined
    elif not query or query.endswith("&"):
        query += joined
    else:
        query += "&" + joined
    return f"{base}?{query}{hash_sign}{fragment}"


def parameters(source: str, medium: str, campaign: str | None, content: str) -> dict[str, str]:
    """The four UTM parameters in their usual order (campaign left out when unknown)."""
    values = {"utm_source": source, "utm_medium": medium}
    if campaign:
        values["utm_campaign"] = campaign
    values["utm_content"] = content
    return values


def is_own(url: str, hosts: Iterable[str]) -> bool:
    name = host(url)
    return name is not None and any(name == h or name.endswith("." + h) for h in hosts)
