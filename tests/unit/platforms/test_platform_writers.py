"""Each network's way of writing the pieces of a post, what it sends and what people see,
and the shortcuts its counting takes for plain text."""

from __future__ import annotations

import pytest

from socialplan.platforms import NETWORKS
from socialplan.platforms import slack as slack_module
from socialplan.platforms.bluesky import short_link
from socialplan.platforms.text import find_hashtags, graphemes

# (sent, shown) of the hashtag `V60` on each network.
HASHTAGS = {
    "x": ("#V60", "#V60"),
    "bluesky": ("#V60", "#V60"),
    "mastodon": ("#V60", "#V60"),
    "linkedin": ("{hashtag|\\#|V60}", "#V60"),
    "threads": ("#V60", "#V60"),
    "instagram": ("#V60", "#V60"),
    "facebook": ("#V60", "#V60"),
    "pinterest": ("#V60", "#V60"),
    "discord": ("\\#V60", "#V60"),  # a heading if it opens a line
    "slack": ("#V60", "#V60"),
}


@pytest.mark.parametrize("network", sorted(NETWORKS))
def test_each_network_writes_a_hashtag_its_own_way(network: str) -> None:
    assert NETWORKS[network].write_hashtag("V60") == HASHTAGS[network]


def test_slack_escapes_a_tag_and_discord_its_markup_in_a_tag() -> None:
    assert NETWORKS["slack"].write_hashtag("R&D") == ("#R&amp;D", "#R&D")
    assert NETWORKS["discord"].write_hashtag("a_b") == ("\\#a\\_b", "#a_b")


@pytest.mark.parametrize(
    ("handle", "written"),
    [("ann", "@ann"), ("@ann", "@ann"), ("@Xavier", "@Xavier"), ("XX@y", "@XX@y")],
)
def test_a_mention_gets_one_at_sign(handle: str, written: str) -> None:
    assert NETWORKS["x"].write_mention("Ann", handle) == (written, written)


@pytest.mark.parametrize(
    ("text", "sent"),
    [
        ("plain", "plain"),
        ("a & b", "a &amp; b"),
        ("a < b", "a &lt; b"),
        ("a > b", "a &gt; b"),
        ("<&>", "&lt;&amp;&gt;"),
        ("&amp;", "&amp;amp;"),  # written as is: the ampersand is escaped too
    ],
)
def test_slack_escapes_each_control_character_on_its_own(text: str, sent: str) -> None:
    assert slack_module.escape(text) == sent
    assert NETWORKS["slack"].write_link(f"https://example.com/?a={text}")[1].endswith(text)


@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("http://example.com:80/a", "example.com/a"),  # the default port of http
        ("http://example.com:443/a", "example.com:443/a"),  # not http's port
        ("https://example.com:80/a", "example.com:80/a"),  # not https's port
        ("https://example.com/a b", "example.com/a%20b"),  # a space, in ASCII
        ("https://example.com/é!(x)*", "example.com/%C3%A9!(x)*"),  # only é is encoded
        ("https://example.com/é x", "example.com/%C3%A9%20x"),
        ("https://example.com#a b", "example.com#a%20b"),
    ],
)
def test_a_short_link_encodes_what_the_browser_encodes(url: str, label: str) -> None:
    assert short_link(url) == label


def test_ascii_text_is_cut_into_graphemes_with_cr_lf_as_one() -> None:
    assert graphemes("a\r\nb") == ["a", "\r\n", "b"]
    assert graphemes("a\rb\n") == ["a", "\r", "b", "\n"]


def test_full_width_hash_signs_open_hashtags_too() -> None:
    text = "＃日本 and ＃tag"
    assert [text[s:e] for s, e in find_hashtags(text)] == ["＃日本", "＃tag"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("日本 😀", 2 + 1 + 4),  # letters cost 1 next to an emoji, whatever their bytes
        ("é😀", 1 + 4),
        ("a😀b", 1 + 4 + 1),
    ],
)
def test_threads_weighs_only_emoji_by_their_bytes(text: str, expected: int) -> None:
    assert NETWORKS["threads"].count(text) == expected
