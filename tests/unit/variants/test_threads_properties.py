"""Properties of every variant, on text built from the hard cases of Unicode.

Emoji (ZWJ sequences, skin tones, flags, keycaps), CJK, right-to-left scripts,
combining marks, long URLs, mentions and hashtags, in any mix. Whatever the text:
- no variant of a network with threads exceeds its limit, counted by an independent
  oracle where there is one (twitter-text for X, the uniseg package's grapheme clusters
  for Bluesky);
- splitting loses nothing but the white space at its cuts (and adds only counters);
- every URL, mention and hashtag survives whole, in one part;
- every cut falls between two grapheme clusters.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from twitter_text import parse_tweet
from uniseg.graphemecluster import grapheme_clusters

from socialplan.variants import splitting as threads
from socialplan.variants.compose import compose
from socialplan.variants.pieces import TEXT, tokenize

from .variant_helpers import PEOPLE, channel, post

# Emoji from twitter-text's table (Unicode 12), so that the oracle knows them all.
EMOJI = [
    "😀",
    "👍🏽",
    "👩🏾‍💻",
    "👨‍👩‍👧‍👦",
    "🏳️‍🌈",
    "🇬🇧",
    "🇯🇵",
    "1️⃣",
    "❤️",
    "🧑‍🤝‍🧑",
]
WORDS = [
    "coffee",
    "roast",
    "Hearth",
    "naïve",
    "e\u0301te\u0301",  # combining acute accents
    "a\u0308\u0323",  # two marks on one letter
    "日本語の文です",
    "한국어",
    "中文句子",
    "שלום",  # Hebrew
    "مرحبا",  # Arabic
    "नमस्ते",  # Devanagari with a virama
    "x" * 40,  # a word too long for a short limit
]
ATOMS = [
    "@{ann}",
    "@{bob}",
    "#V60",
    "#日本",
    "#SpecialtyCoffee",
    "https://example.com/brew/guide?x=1#top",
    "https://example.com/" + "very-long-path/" * 8,
]
SEPARATORS = [" ", " ", " ", ". ", "! ", "。", "\n", "\n\n", ", "]

tokens = st.one_of(st.sampled_from(EMOJI), st.sampled_from(WORDS), st.sampled_from(ATOMS))


@st.composite
def bodies(draw: st.DrawFn) -> str:
    items = draw(st.lists(tokens, min_size=1, max_size=150))
    text = ""
    for item in items:
        text += item + draw(st.sampled_from(SEPARATORS))
    return text.strip()


PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def clusters(text: str) -> list[str]:
    return list(grapheme_clusters(text))


def without_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


def strip_counter(part: str, index: int, total: int) -> str:
    suffix = threads.counter(index, total)
    assert part.endswith(suffix)
    return part[: -len(suffix)]


def atoms_of(text: str) -> list[str]:
    return [piece.sent for piece in tokenize(text) if piece.kind != TEXT]


# Limits below the networks' own make most generated texts need a thread.
limits = st.one_of(st.just(None), st.integers(min_value=50, max_value=280))


def settings_for(limit: int | None, counters: bool) -> dict:
    chosen: dict = {"threads": {"counters": counters}}
    if limit is not None:
        chosen["limits"] = {"text": limit}
    return chosen


@PROPERTY
@given(body=bodies(), counters=st.booleans(), limit=limits)
def test_x_variants_fit_by_twitter_texts_count(body: str, counters: bool, limit: int | None):
    result = compose(post(body), channel("x", **settings_for(limit, counters)), PEOPLE)
    for part, measures in zip(result.parts, result.measures, strict=True):
        oracle = parse_tweet(part).weightedLength
        assert measures[0].used == oracle
        assert oracle <= (limit or 280), part


@PROPERTY
@given(body=bodies(), counters=st.booleans(), limit=limits)
def test_bluesky_variants_fit_in_graphemes_and_bytes(body: str, counters: bool, limit: int | None):
    result = compose(post(body), channel("bluesky", **settings_for(limit, counters)), PEOPLE)
    for part, measures in zip(result.parts, result.measures, strict=True):
        assert measures[0].used == len(clusters(part))
        assert len(clusters(part)) <= (limit or 300)
        assert len(part.encode("utf-8")) <= 3000


@PROPERTY
@given(
    body=bodies(),
    network=st.sampled_from(["x", "bluesky", "mastodon", "threads"]),
    limit=st.integers(min_value=60, max_value=300),
)
def test_splitting_loses_only_white_space_and_keeps_atoms_whole(
    body: str, network: str, limit: int
) -> None:
    whole = compose(post(body), channel(network, threads={"split": False}), PEOPLE)
    split = compose(
        post(body), channel(network, threads={"counters": True}, limits={"text": limit}), PEOPLE
    )
    total = len(split.parts)
    parts = (
        split.parts
        if total == 1
        else [strip_counter(part, i, total) for i, part in enumerate(split.parts)]
    )
    for part, measures in zip(parts, split.measures, strict=True):
        if any(measure.over for measure in measures):
            # Only one URL longer than a whole post may be: it cannot be cut.
            assert [p.sent for p in tokenize(part)] == atoms_of(part), part
    assert without_space("".join(parts)) == without_space(whole.parts[0])
    for atom in atoms_of(whole.parts[0]):
        assert sum(part.count(atom) for part in parts) >= whole.parts[0].count(atom), atom


@PROPERTY
@given(body=bodies(), limit=st.integers(min_value=30, max_value=200))
def test_cuts_fall_between_grapheme_clusters(body: str, limit: int) -> None:
    pieces = tokenize(body)
    chunks = threads.split(pieces, lambda text: len(clusters(text)) <= limit)
    joined = ""
    cuts = []
    for chunk in chunks:
        joined += "".join(piece.sent for piece in chunk.pieces)
        cuts.append(len(joined))
        joined += chunk.separator
        cuts.append(len(joined))
    assert joined == body
    boundaries = {0}
    offset = 0
    for cluster in clusters(body):
        offset += len(cluster)
        boundaries.add(offset)
    assert set(cuts) <= boundaries
    for chunk in chunks:
        text = "".join(piece.sent for piece in chunk.pieces)
        atoms = [p for p in chunk.pieces if p.kind != TEXT]
        assert len(clusters(text)) <= limit or len(atoms) == 1 or len(clusters(text)) == 1
