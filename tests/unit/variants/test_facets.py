"""Bluesky facets: UTF-8 byte ranges checked against atproto's TextBuilder, link labels."""

from __future__ import annotations

from typing import Any

import pytest
from atproto import client_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from socialplan.platforms.bluesky import short_link
from socialplan.variants.compose import compose
from socialplan.variants.facets import byte_range_text

from .variant_helpers import PEOPLE, channel, post


def bluesky(body: str, **front: Any):
    return compose(post(body, **front), channel("bluesky"), PEOPLE)


def oracle(pieces: list[tuple[str, str, str]]) -> tuple[str, list[dict[str, Any]]]:
    """Text and facets as atproto's TextBuilder builds them from the same pieces."""
    builder = client_utils.TextBuilder()
    for kind, text, value in pieces:
        if kind == "link":
            builder.link(text, value)
        elif kind == "mention":
            builder.mention(text, f"did:plc:{value}")
        elif kind == "tag":
            builder.tag(text, value)
        else:
            builder.text(text)
    facets = [
        {
            "index": {"byteStart": f.index.byte_start, "byteEnd": f.index.byte_end},
            "type": f.features[0].py_type,
        }
        for f in builder.build_facets()
    ]
    return builder.build_text(), facets


def test_link_mention_and_tag_facets_match_textbuilder() -> None:
    result = bluesky("Café 👨‍👩‍👧 with @{ann}: https://example.com/guide/v60 #V60 日本")
    text, expected = oracle(
        [
            ("text", "Café 👨‍👩‍👧 with ", ""),
            ("mention", "@ann.bsky.social", "ann"),
            ("text", ": ", ""),
            ("link", "example.com/guide/v60", "https://example.com/guide/v60"),
            ("text", " ", ""),
            ("tag", "#V60", "V60"),
            ("text", " 日本", ""),
        ]
    )
    assert result.parts == [text]
    got = [{"index": f["index"], "type": f["features"][0]["$type"]} for f in result.facets[0]]
    assert got == expected
    features = [f["features"][0] for f in result.facets[0]]
    assert features[0] == {
        "$type": "app.bsky.richtext.facet#mention",
        "did": None,
        "handle": "ann.bsky.social",
    }
    assert features[1]["uri"] == "https://example.com/guide/v60"
    assert features[2]["tag"] == "V60"


def test_a_long_link_is_labelled_short_and_the_facet_keeps_the_full_uri() -> None:
    result = bluesky("Read.", link="https://fernhill.coffee/brew-guides/v60")
    facet = result.facets[0][0]
    label = byte_range_text(result.parts[0], facet)
    assert label == "fernhill.coffee/brew-guides/..."
    uri = facet["features"][0]["uri"]
    assert uri.startswith("https://fernhill.coffee/brew-guides/v60?utm_source=bluesky")


@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("https://example.com", "example.com"),
        ("https://example.com/", "example.com"),
        ("https://example.com/short", "example.com/short"),
        ("https://example.com/23456789012345", "example.com/23456789012345"),  # 15: kept
        ("https://example.com/234567890123456", "example.com/234567890123..."),  # 16: cut
        ("http://EXAMPLE.com:8080/a?b=c#d", "example.com:8080/a?b=c#d"),
        ("https://example.com:443/a", "example.com/a"),
        ("https://bücher.example/ä", "xn--bcher-kva.example/%C3%A4"),
        ("ftp://example.com/file", "ftp://example.com/file"),
    ],
)
def test_short_link_follows_the_bluesky_app(url: str, label: str) -> None:
    assert short_link(url) == label


def test_a_handle_written_out_is_a_mention_facet_and_a_tag_over_64_is_none() -> None:
    long_tag = "a" * 65
    result = bluesky(f"Hi @someone.bsky.social and @local #{long_tag}")
    kinds = [f["features"][0]["$type"].rsplit("#", 1)[1] for f in result.facets[0]]
    assert kinds == ["mention"]


def _plain(text: str) -> bool:
    return text == text.strip() and not any(c in text for c in "@#＃.:")


_PIECE = st.one_of(
    st.tuples(st.just("text"), st.text(min_size=1, max_size=8).filter(_plain), st.just("")),
    st.tuples(st.just("tag"), st.sampled_from(["#V60", "#日本", "#café"]), st.just("")),
    st.tuples(
        st.just("link"),
        st.sampled_from(["https://example.com/a", "https://é.example/ü"]),
        st.just(""),
    ),
)


@settings(max_examples=80, deadline=None)
@given(pieces=st.lists(_PIECE, min_size=1, max_size=12))
def test_byte_offsets_match_textbuilder_on_any_text(pieces) -> None:
    body = ""
    spec = []
    for kind, text, _ in pieces:
        if kind != "text" and body and not body[-1].isspace():
            body += " "
            spec.append(("text", " ", ""))
        body += text
        if kind == "link":
            spec.append(("link", short_link(text), text))
        elif kind == "tag":
            spec.append(("tag", text, text[1:]))
        else:
            spec.append(("text", text, ""))
        if kind != "text":
            body += " "
            spec.append(("text", " ", ""))
    result = bluesky(body)
    text, expected = oracle(spec)
    assert result.parts[0] == text.rstrip()
    got = [{"index": f["index"], "type": f["features"][0]["$type"]} for f in result.facets[0]]
    assert got == expected
    for facet in result.facets[0]:
        assert byte_range_text(result.parts[0], facet).strip()


def test_only_bluesky_has_facets() -> None:
    result = compose(post("Hi #tag"), channel("x"), PEOPLE)
    assert result.facets == [[]]
