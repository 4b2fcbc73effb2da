"""Hashtag words, inline placement patterns, caps and the CamelCase judgement."""

from __future__ import annotations

import pytest

from socialplan.variants import hashtags


@pytest.mark.parametrize(
    ("tag", "words"),
    [
        ("SpecialtyCoffee", ["Specialty", "Coffee"]),
        ("V60", ["V", "60"]),
        ("CoffeeAtHome", ["Coffee", "At", "Home"]),
        ("NASAPhotos", ["NASA", "Photos"]),
        ("café", ["café"]),
        ("日本", ["日本"]),
    ],
)
def test_tag_words(tag: str, words: list[str]) -> None:
    assert hashtags.tag_words(tag) == words


@pytest.mark.parametrize(
    ("tag", "text", "found"),
    [
        ("PourOver", "a pour over guide", "pour over"),
        ("PourOver", "a pour-over guide", "pour-over"),
        ("PourOver", "a pourover guide", "pourover"),
        ("V60", "my V60 today", "V60"),
        ("V60", "see example.com/v60 or #v60", None),
        ("Coffee", "coffeehouse", None),
    ],
)
def test_inline_pattern(tag: str, text: str, found: str | None) -> None:
    match = hashtags.inline_pattern(tag).search(text)
    assert (match.group() if match else None) == found


def test_to_add_respects_the_cap_and_what_is_present() -> None:
    assert hashtags.to_add(["A", "B", "C"], ["b"], cap=2) == ["A"]
    assert hashtags.to_add(["A", "B"], [], cap=None) == ["A", "B"]
    assert hashtags.to_add(["A"], ["X", "Y"], cap=1) == []


def test_vocabulary_takes_plain_words_and_camel_case_tags_only() -> None:
    words = hashtags.vocabulary(
        ["Our specialty is coffee. #specialtycoffee https://a.example/roasting"],
        ["BristolCoffee", "lowercasetag"],
    )
    assert {"our", "specialty", "coffee", "bristol"} <= words
    assert "specialtycoffee" not in words and "roasting" not in words
    assert "lowercasetag" not in words


@pytest.mark.parametrize(
    ("tag", "suggestion"),
    [
        ("specialtycoffee", "SpecialtyCoffee"),
        ("coffeeathome", None),  # "at" is too short to be trusted as a word
        ("breakfast", None),  # a word the brand writes as one word
        ("SpecialtyCoffee", None),  # already CamelCase
        ("coffee", None),  # one word
        ("v60", None),  # not letters only
        ("xyzzyplugh", None),  # no known words
    ],
)
def test_camel_case(tag: str, suggestion: str | None) -> None:
    words = frozenset({"specialty", "coffee", "break", "fast", "breakfast", "home"})
    assert hashtags.camel_case(tag, words) == suggestion
