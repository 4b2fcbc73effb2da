"""Splitting long text into a thread: where it cuts, what it keeps, how it numbers."""

from __future__ import annotations

import pytest

from socialplan.platforms import NETWORKS
from socialplan.variants import splitting
from socialplan.variants.compose import compose
from socialplan.variants.pieces import tokenize

from .variant_helpers import PEOPLE, channel, post


def chunks(text: str, limit: int) -> list[str]:
    result = splitting.split(tokenize(text), lambda candidate: len(candidate) <= limit)
    return ["".join(piece.sent for piece in chunk.pieces) for chunk in result]


def test_text_that_fits_is_one_chunk() -> None:
    assert chunks("Short.", 10) == ["Short."]


def test_a_paragraph_break_wins_when_it_is_close_enough() -> None:
    text = "First paragraph here.\n\nSecond one. Third sentence."
    assert chunks(text, 40) == ["First paragraph here.", "Second one. Third sentence."]


def test_a_sentence_end_wins_over_a_later_word_break() -> None:
    text = "One two three four. Five six seven eight"
    assert chunks(text, 30) == ["One two three four.", "Five six seven eight"]


def test_a_sentence_end_too_early_gives_way_to_a_word_break() -> None:
    text = "Hi. " + "word " * 10
    assert chunks(text.strip(), 30)[0] == "Hi. word word word word word"


def test_a_word_longer_than_a_post_is_cut_between_graphemes() -> None:
    assert chunks("e\u0301" * 12, 10) == ["e\u0301" * 5, "e\u0301" * 5, "e\u0301" * 2]


def test_a_long_word_after_a_chunk_is_still_cut() -> None:
    assert chunks("😀 coffee coffee " + "x" * 40, 30) == [
        "😀 coffee coffee",
        "x" * 30,
        "x" * 10,
    ]


def test_cjk_sentences_are_cut_after_their_full_stop() -> None:
    text = "日本語の文です。二つ目の文です。"
    assert chunks(text, 10) == ["日本語の文です。", "二つ目の文です。"]


def test_never_inside_a_url_a_mention_or_a_hashtag() -> None:
    url = "https://example.com/a/very/long/path"
    text = f"aa {url} bb @someone cc #SomeLongHashtag dd"
    for limit in range(10, 60):
        for part in chunks(text, limit):
            for atom in (url, "@someone", "#SomeLongHashtag"):
                assert atom in part or atom not in part.replace(" ", "") or part == atom


def test_an_atom_longer_than_a_post_stays_whole_and_too_long() -> None:
    url = "https://example.com/" + "a" * 50
    assert chunks(f"see {url} now", 20) == ["see", url, "now"]


def test_chunks_and_separators_join_back_into_the_text() -> None:
    text = "One.  Two three.\n\nFour five six seven. Eight."
    result = splitting.split(tokenize(text), lambda candidate: len(candidate) <= 12)
    joined = "".join("".join(p.sent for p in c.pieces) + c.separator for c in result)
    assert joined == text
    assert all(not c.separator.strip() for c in result)


def test_counters_are_counted_in_the_length() -> None:
    body = " ".join(f"Sentence {i} has words." for i in range(40))
    result = compose(post(body), channel("x", threads={"counters": True}), PEOPLE)
    total = len(result.parts)
    assert total > 1 and result.counters
    for index, part in enumerate(result.parts):
        assert part.endswith(f" {index + 1}/{total}")
        assert NETWORKS["x"].fits(part)


def test_counters_widen_past_nine_parts() -> None:
    body = " ".join(f"Sentence {i} has a few more words in it." for i in range(80))
    result = compose(post(body), channel("bluesky", threads={"counters": True}), PEOPLE)
    assert len(result.parts) >= 10
    assert result.parts[-1].endswith(f" {len(result.parts)}/{len(result.parts)}")
    assert result.fits


def test_no_counters_on_a_single_post_or_when_not_asked() -> None:
    short = compose(post("Short."), channel("x", threads={"counters": True}), PEOPLE)
    assert short.parts == ["Short."]
    long = compose(post("word " * 100), channel("x"), PEOPLE)
    assert len(long.parts) > 1 and not long.counters


def test_a_written_thread_is_numbered_too_and_split_where_too_long() -> None:
    p = post("Intro.", thread=["Second.", "word " * 70])
    result = compose(p, channel("x", threads={"counters": True}), PEOPLE)
    assert result.parts[0] == f"Intro. 1/{len(result.parts)}"
    assert result.sources == [0, 1] + [2] * (len(result.parts) - 2)
    assert result.split


@pytest.mark.parametrize("network", ["linkedin", "instagram", "facebook"])
def test_networks_without_threads_are_never_split(network: str) -> None:
    result = compose(post("word " * 13_000), channel(network), PEOPLE)
    assert len(result.parts) == 1 and not result.fits


def test_split_can_be_turned_off() -> None:
    result = compose(post("word " * 100), channel("x", threads={"split": False}), PEOPLE)
    assert len(result.parts) == 1 and not result.fits


def test_an_override_is_never_split() -> None:
    p = post("Short.", overrides={"x": {"text": "word " * 100}})
    result = compose(p, channel("x", threads={"counters": True}), PEOPLE)
    assert len(result.parts) == 1 and result.own == [True] and not result.fits
