"""Every limit holds exactly at its boundary: at the limit is fine, one over is not.

For each network, each way it counts (X's weights and 23-character links, Bluesky's
graphemes and UTF-8 bytes, Mastodon's links and mentions, the escapes LinkedIn,
Discord and Slack count, Threads' emoji bytes), and each limit the rules check (text,
title, alt text, hashtags, links, images). The counts are checked against oracles that
share no code with socialplan: twitter-text for X, uniseg's grapheme clusters for
Bluesky, Mastodon and Threads, plain `len` and UTF-8 encoding elsewhere.

The rules are checked end to end: one real repository with a channel per network and
a post per case, validated once; each case names the problems its post must get, and
no others.
"""

from __future__ import annotations

import io
import shutil
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image
from twitter_text import parse_tweet
from uniseg.graphemecluster import grapheme_clusters

from socialplan.platforms import NETWORKS
from socialplan.problems import Problem
from socialplan.rules.validate import validate

from ...conftest import BrandRepo

URL = "https://example.com/a/very/long/path/that/is/way/over/23/characters"
FAMILY = "👨\u200d👩\u200d👧\u200d👦"  # 1 grapheme, 25 UTF-8 bytes
E_ACUTE = "e\u0301"  # 1 grapheme of 2 code points, 3 bytes
GRIN = "😀"  # 4 UTF-8 bytes


def graphemes(text: str) -> int:
    return sum(1 for _ in grapheme_clusters(text))


def utf8(text: str) -> int:
    return len(text.encode("utf-8"))


def x_weight(text: str) -> int:
    return parse_tweet(text).weightedLength


def mastodon_oracle(text: str) -> int:
    """StatusLengthValidator by hand for the texts below: URLs cost 23, a mention's
    domain nothing."""
    return graphemes(text.replace(URL, "x" * 23).replace("@alice@remote.example.org", "@alice"))


def threads_oracle(text: str) -> int:
    return sum(utf8(c) if c == GRIN else 1 for c in grapheme_clusters(text))


@dataclass(frozen=True)
class Boundary:
    network: str
    rule: str
    build: Callable[[int], str]  # text using `n` units, at the limit when n = limit
    oracle: Callable[[str], int]
    limit: int
    measure: str = "text"  # which measure holds the limit ("bytes" on Bluesky)


BOUNDARIES = [
    Boundary("x", "ascii", lambda n: "a" * n, x_weight, 280),
    Boundary("x", "cjk-weighs-2", lambda n: "日" * (n // 2) + "a" * (n % 2), x_weight, 280),
    Boundary("x", "url-weighs-23", lambda n: "a" * (n - 24) + " " + URL, x_weight, 280),
    Boundary("x", "emoji-weighs-2", lambda n: FAMILY * (n // 2) + "a" * (n % 2), x_weight, 280),
    Boundary("bluesky", "graphemes", lambda n: E_ACUTE * n, graphemes, 300),
    Boundary(
        "bluesky", "bytes", lambda n: FAMILY * (n // 25) + "a" * (n % 25), utf8, 3000, "bytes"
    ),
    Boundary("mastodon", "graphemes", lambda n: E_ACUTE * n, graphemes, 500),
    Boundary(
        "mastodon", "url-costs-23", lambda n: "a" * (n - 24) + " " + URL, mastodon_oracle, 500
    ),
    Boundary(
        "mastodon",
        "mention-without-domain",
        lambda n: "a" * (n - 7) + " @alice@remote.example.org",
        mastodon_oracle,
        500,
    ),
    Boundary("threads", "graphemes", lambda n: E_ACUTE * n, threads_oracle, 500),
    Boundary(
        "threads", "emoji-bytes", lambda n: GRIN * (n // 4) + "a" * (n % 4), threads_oracle, 500
    ),
    Boundary("linkedin", "code-points", lambda n: E_ACUTE * (n // 2) + "a" * (n % 2), len, 3000),
    Boundary("instagram", "code-points", lambda n: "a" * n, len, 2200),
    Boundary("facebook", "code-points", lambda n: "a" * n, len, 63_206),
    Boundary("pinterest", "code-points", lambda n: "a" * n, len, 800),
    Boundary("discord", "code-points", lambda n: "a" * n, len, 2000),
    Boundary("slack", "code-points", lambda n: "a" * n, len, 4000),
]


def _measure(boundary: Boundary, text: str) -> Any:
    [found] = [m for m in NETWORKS[boundary.network].measure(text) if m.what == boundary.measure]
    return found


@pytest.mark.parametrize("boundary", BOUNDARIES, ids=[f"{b.network}-{b.rule}" for b in BOUNDARIES])
def test_a_text_at_the_limit_fits_and_one_more_does_not(boundary: Boundary) -> None:
    network = NETWORKS[boundary.network]
    at, over = boundary.build(boundary.limit), boundary.build(boundary.limit + 1)
    assert (boundary.oracle(at), boundary.oracle(over)) == (boundary.limit, boundary.limit + 1)
    at_measure, over_measure = _measure(boundary, at), _measure(boundary, over)
    assert (at_measure.used, at_measure.limit, at_measure.over) == (
        boundary.limit,
        boundary.limit,
        False,
    )
    assert (over_measure.used, over_measure.limit, over_measure.over) == (
        boundary.limit + 1,
        boundary.limit,
        True,
    )
    assert network.fits(at)
    assert not network.fits(over)


def test_every_network_has_its_boundary_cases() -> None:
    assert {b.network for b in BOUNDARIES} == set(NETWORKS)
    assert set(MAX_IMAGES) == set(ALT_TEXT_LIMITS) == set(NETWORKS)
    assert {b.network: b.limit for b in BOUNDARIES} == {
        name: network.text_limit for name, network in NETWORKS.items()
    } | {"bluesky": 3000}


@pytest.mark.parametrize("network", sorted(NETWORKS))
def test_a_channels_own_text_limit_holds_at_its_boundary(network: str) -> None:
    counted = NETWORKS[network]
    at, over = "a" * 1000, "a" * 1001
    assert not any(m.over for m in counted.measure(at, 1000))
    assert counted.measure(over, 1000)[0].over
    assert counted.fits(at, 1000) and not counted.fits(over, 1000)


# --- The rules, end to end --------------------------------------------------------------

NETWORK_CHANNELS: dict[str, dict[str, Any]] = {name: {} for name in NETWORKS} | {
    # Splitting off: a text too long for one post is an error, not a thread.
    name: {"threads": {"split": False}}
    for name in ("x", "bluesky", "mastodon", "threads")
}
EXTRA_CHANNELS: dict[str, dict[str, Any]] = {
    "mastodon-big": {
        "network": "mastodon",
        "limits": {"text": 1000, "alt_text": 50},
        "threads": {"split": False},
    },
    "mastodon-tags": {"network": "mastodon", "limits": {"hashtags": 2}},
    "mastodon-notags": {"network": "mastodon", "limits": {"hashtags": 0}},
    "mastodon-policy": {"network": "mastodon", "hashtags": {"max": 2}},
    "instagram-three": {"network": "instagram", "limits": {"hashtags": 3}},
}


def _channels() -> list[dict[str, Any]]:
    channels = []
    for name, extra in NETWORK_CHANNELS.items():
        channels.append({"id": name, "network": name, "account": f"brand-{name}", **extra})
    for ident, extra in EXTRA_CHANNELS.items():
        channels.append({"id": ident, "account": f"brand-{ident}", **extra})
    for channel in channels:
        channel["time_zone"] = "Europe/London"
    return channels


# Written out, not read from socialplan: a changed limit must fail here.
MAX_IMAGES = {
    "x": 4,
    "bluesky": 4,
    "mastodon": 4,
    "linkedin": 20,
    "threads": 20,
    "instagram": 10,
    "facebook": 10,
    "pinterest": 1,
    "discord": 10,
    "slack": 4,
}
ALT_TEXT_LIMITS = {
    "x": 1000,
    "bluesky": 2000,
    "mastodon": 1500,
    "linkedin": 4086,
    "threads": 1000,
    "instagram": 1000,
    "facebook": None,  # Facebook takes no alt text: any length is fine
    "pinterest": 500,
    "discord": 1024,
    "slack": 2000,
}


@dataclass(frozen=True)
class Case:
    name: str
    channel: str
    body: str = "Hello."
    expected: tuple[str, ...] = ()  # problem codes of the post, sorted
    front: dict[str, Any] = field(default_factory=dict)


def _tags(n: int) -> str:
    return " ".join(f"#tag{chr(ord('a') + i)}" for i in range(n))


def _links(n: int) -> str:
    # Not the brand's own site (example.com), whose links get UTM parameters.
    return " ".join(f"https://site{i}.example.org/page" for i in range(n))


def _photos(n: int, alt: str = "A cup of coffee on a table.") -> dict[str, Any]:
    return {"media": [{"file": "cup.png", "alt": alt}] * n}


def _cases() -> list[Case]:
    cases: list[Case] = []
    # Text, as sent: each network's own escapes count (LinkedIn and Discord put a
    # backslash before `*`, Slack writes `&` as `&amp;`).
    sent_at_limit = {
        "x": "a" * 256 + " " + URL,
        "bluesky": E_ACUTE * 300,
        "mastodon": "a" * 476 + " " + URL,
        "linkedin": "a" * 2998 + "*",
        "threads": GRIN * 125,
        "instagram": "a" * 2200,
        "facebook": "a" * 63_206,
        "pinterest": "a" * 800,
        "discord": "a" * 1998 + "*",
        "slack": "a" * 3995 + "&",
    }
    one_more = {
        "x": "a",
        "bluesky": E_ACUTE,
        "mastodon": "a",
        "linkedin": "a",
        "threads": "a",
        "instagram": "a",
        "facebook": "a",
        "pinterest": "a",
        "discord": "a",
        "slack": "a",
    }
    needs_image = {"instagram", "pinterest"}
    for network, text in sent_at_limit.items():
        front = _photos(1) if network in needs_image else {}
        cases.append(Case(f"text-{network}-at", network, text, (), front))
        over = one_more[network] + text
        cases.append(Case(f"text-{network}-over", network, over, ("text-too-long",), front))
    cases += [
        Case("bytes-bluesky-at", "bluesky", FAMILY * 120),
        Case("bytes-bluesky-over", "bluesky", FAMILY * 120 + "a", ("text-too-long",)),
        Case("text-own-limit-at", "mastodon-big", "a" * 1000),
        Case("text-own-limit-over", "mastodon-big", "a" * 1001, ("text-too-long",)),
        # Pinterest: a title of 100 characters.
        Case("title-pinterest-at", "pinterest", front={"title": "T" * 100, **_photos(1)}),
        Case(
            "title-pinterest-over",
            "pinterest",
            expected=("title-too-long",),
            front={"title": "T" * 101, **_photos(1)},
        ),
        # Hashtags: Instagram's cap, a channel's own cap (0 too), a channel's policy,
        # the one tag Threads links, and the longest tag Bluesky links.
        Case("tags-instagram-at", "instagram", _tags(5), (), _photos(1)),
        Case("tags-instagram-over", "instagram", _tags(6), ("too-many-hashtags",), _photos(1)),
        Case("tags-own-cap-at", "instagram-three", _tags(3), (), _photos(1)),
        Case("tags-own-cap-over", "instagram-three", _tags(4), ("too-many-hashtags",), _photos(1)),
        Case("tags-mastodon-cap-at", "mastodon-tags", _tags(2)),
        Case("tags-mastodon-cap-over", "mastodon-tags", _tags(3), ("too-many-hashtags",)),
        Case("tags-none-allowed-at", "mastodon-notags", "No tags here."),
        Case("tags-none-allowed-over", "mastodon-notags", _tags(1), ("too-many-hashtags",)),
        Case("tags-policy-at", "mastodon-policy", _tags(2)),
        Case("tags-policy-over", "mastodon-policy", _tags(3), ("hashtags-over-policy",)),
        Case("tags-threads-at", "threads", _tags(1)),
        Case("tags-threads-over", "threads", _tags(2), ("hashtag-not-linked",)),
        Case("tag-length-bluesky-at", "bluesky", "#" + "t" * 64),
        Case("tag-length-bluesky-over", "bluesky", "#" + "t" * 65, ("hashtag-too-long",)),
        # Links: Threads takes 5 distinct links.
        Case("links-threads-at", "threads", _links(5)),
        Case("links-threads-over", "threads", _links(6), ("too-many-links",)),
    ]
    # Images: each network's most photos, and a card counting as one more.
    for name, most in MAX_IMAGES.items():
        cases.append(Case(f"images-{name}-at", name, front=_photos(most)))
        # The schema takes 20 photos at most, whatever the network.
        schema = ("schema-max-items",) if most + 1 > 20 else ()
        over = ("too-many-images", *schema)
        cases.append(Case(f"images-{name}-over", name, expected=over, front=_photos(most + 1)))
    card = {"template": "quote", "alt": "The quote on a card.", "title": "A quote"}
    cases += [
        Case("card-x-at", "x", front={"card": card, **_photos(3)}),
        Case("card-x-over", "x", expected=("too-many-images",), front={"card": card, **_photos(4)}),
    ]
    # Alt text: each network's limit (Facebook takes none), and a channel's own.
    for name, limit in ALT_TEXT_LIMITS.items():
        front = _photos(1, "a" * (limit or 10_000))
        cases.append(Case(f"alt-{name}-at", name, front=front))
        if limit is not None:
            over = _photos(1, "a" * (limit + 1))
            cases.append(
                Case(f"alt-{name}-over", name, expected=("alt-text-too-long",), front=over)
            )
    cases += [
        Case("alt-own-limit-at", "mastodon-big", front=_photos(1, "a" * 50)),
        Case(
            "alt-own-limit-over",
            "mastodon-big",
            expected=("alt-text-too-long",),
            front=_photos(1, "a" * 51),
        ),
    ]
    return cases


CASES = _cases()


def _post_text(case: Case) -> str:
    front: dict[str, Any] = {
        "id": case.name,
        "title": "A post",
        "status": "approved",
        "objective": "first-objective",
        "pillar": "expertise",
        "channels": [case.channel],
        "at": "2027-01-04 09:00 Europe/London",
    }
    front.update(case.front)
    dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{dumped}---\n{case.body}\n"


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory, _starter: Path) -> dict[str, list[str]]:
    """Problem codes per post (by id) of one repository holding every case."""
    root = tmp_path_factory.mktemp("limits") / "brand"
    shutil.copytree(_starter, root)
    brand = BrandRepo(root)
    brand.write(
        "strategy/channels.yaml",
        yaml.safe_dump({"channels": _channels()}, sort_keys=False),
    )
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 80, 40)).save(buffer, "PNG")
    brand.write("content/media/cup.png", buffer.getvalue())
    for index, case in enumerate(CASES):
        # One post a day, so that no two share a slot.
        text = _post_text(case).replace(
            "2027-01-04", f"2027-{1 + index // 28:02d}-{1 + index % 28:02d}"
        )
        brand.write(f"content/posts/2027/{1 + index // 28:02d}/{case.name}.md", text)
    problems: list[Problem] = validate(root=root).report.problems
    codes: dict[str, list[str]] = defaultdict(list)
    for problem in problems:
        # Only the posts: the strategy's own findings (the pillar mix of so many posts
        # of one pillar) are not about limits.
        if problem.file.startswith("content/posts/"):
            codes[Path(problem.file).stem].append(problem.code)
    return {name: sorted(found) for name, found in codes.items()}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_limit_is_checked_at_its_boundary(case: Case, found: dict[str, list[str]]) -> None:
    assert found.get(case.name, []) == sorted(case.expected)


def test_no_problem_outside_the_cases(found: dict[str, list[str]]) -> None:
    assert set(found) <= {case.name for case in CASES}, found
