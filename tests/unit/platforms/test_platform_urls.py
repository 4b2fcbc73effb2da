"""The edges of URL finding that a few hundred random examples rarely reach: the
longest URL twitter-text takes, t.co slugs, URLs after one that is not, entities
that overlap on Mastodon, and blank text that is not ASCII. X's counts are checked
against twitter-text itself."""

from __future__ import annotations

import pytest
from twitter_text import parse_tweet

from socialplan.platforms import NETWORKS
from socialplan.platforms.text import find_urls

LONGEST = 4096 - len("https://")  # twitter-text's limit counts the scheme twice


@pytest.mark.parametrize(
    ("text", "weight"),
    [
        ("https://example.com/" + "a" * (LONGEST - 20), 23),  # the longest URL
        ("https://example.com/" + "a" * (LONGEST - 19), LONGEST + 1),  # too long: text
        ("example.com/" + "a" * (LONGEST - 12), 23),  # a bare domain counts as https://
        ("example.com/" + "a" * (LONGEST - 11), LONGEST + 1),
        ("https://t.co/" + "a" * 40, 23),  # the longest t.co slug
        ("https://t.co/" + "a" * 41, 13 + 41),
        ("https://t.co/" + "a" * 41 + " https://example.com", 13 + 41 + 1 + 23),
        ("שלוםexample.com https://example.com", 15 + 1 + 23),  # no URL, then one
    ],
)
def test_x_counts_urls_at_their_edges_as_twitter_text_does(text: str, weight: int) -> None:
    assert parse_tweet(text).weightedLength == weight
    assert NETWORKS["x"].count(text) == weight


def test_urls_need_a_scheme_unless_bare_domains_are_asked_for() -> None:
    text = "see example.com or https://example.org/x"
    assert [text[s:e] for s, e in find_urls(text)] == ["https://example.org/x"]
    assert [text[s:e] for s, e in find_urls(text, bare_domains=True)] == [
        "example.com",
        "https://example.org/x",
    ]


def test_mastodon_lets_the_earlier_of_two_overlapping_entities_win() -> None:
    # The mention `@bob` lies inside the first URL; what follows still counts as usual.
    text = "https://a.com/x,@bob and @zed@remote.example https://q.com/r"
    assert NETWORKS["mastodon"].count(text) == 23 + len(" and @zed ") + 23


@pytest.mark.parametrize("text", ["\u3000", "\u00a0 \u2003", " \n\u2028"])
def test_mastodon_counts_blank_text_as_nothing(text: str) -> None:
    assert NETWORKS["mastodon"].count(text) == 0
