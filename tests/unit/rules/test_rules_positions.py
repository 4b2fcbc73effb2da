"""Each problem points where its cause is written: a line and column of the body, the
line of a thread part, an override's text or title, a hashtag in a list, or a media file.
"""

from __future__ import annotations

from socialplan.rules.validate import validate

from ...conftest import BrandRepo

FRONT = """
id: {id}
title: A post
status: approved
objective: first-objective
pillar: expertise
channels: [{channel}]
at: 2027-01-04 09:00 Europe/London
"""


def located(brand: BrandRepo) -> list[tuple[int, int, str]]:
    return sorted((p.line, p.col, p.code) for p in validate(root=brand.root).report.problems)


def write(brand: BrandRepo, extra: str, body: str, channel: str = "bluesky") -> None:
    front = FRONT.format(id="a", channel=channel).strip("\n") + "\n" + extra
    brand.write("content/posts/2027/01/a.md", f"---\n{front}---\n{body}\n")


def test_a_banned_word_on_a_later_line_of_the_body(brand: BrandRepo) -> None:
    # The starter's brand bans "synergy"; the body starts on line 10.
    write(brand, "", "First line.\nSecond line.\nAnd synergy here.")
    assert located(brand) == [(12, 5, "banned-word")]


def test_a_banned_word_in_a_thread_part_and_an_override(brand: BrandRepo) -> None:
    extra = "thread:\n  - Fine.\n  - Pure synergy.\noverrides:\n  bluesky:\n    text: Synergy!\n"
    write(brand, extra, "Hello.")
    assert [(line, code) for line, _, code in located(brand)] == [
        (11, "banned-word"),
        (14, "banned-word"),
    ]


def test_a_lower_case_hashtag_is_shown_where_it_is_written(brand: BrandRepo) -> None:
    words = "Our specialty coffee is roasted on Mondays."
    write(brand, "hashtags: [Coffee, specialtycoffee]\n", words)
    assert located(brand) == [(9, 20, "hashtag-not-camel-case")]
    write(brand, "", f"{words}\nSee #specialtycoffee today.")
    assert located(brand) == [(11, 5, "hashtag-not-camel-case")]
    write(brand, "", f"#specialtycoffee first. {words}")
    assert located(brand) == [(10, 1, "hashtag-not-camel-case")]
    extra = "overrides:\n  bluesky:\n    hashtags: [specialtycoffee]\n"
    write(brand, extra, words)
    assert [(line, code) for line, _, code in located(brand)] == [(11, "hashtag-not-camel-case")]
    extra = "overrides:\n  bluesky:\n    text: 'All about #specialtycoffee today'\n"
    write(brand, extra, words)
    assert [(line, code) for line, _, code in located(brand)] == [(11, "hashtag-not-camel-case")]


PINTEREST = """channels:
  - {id: pins, network: pinterest, account: brand, time_zone: Europe/London}
"""


def test_a_pin_title_too_long_in_an_override(brand: BrandRepo) -> None:
    brand.write("strategy/channels.yaml", PINTEREST)
    extra = (
        "card: {template: quote, title: A quote, alt: The quote on a card.}\n"
        f"overrides:\n  pins:\n    title: {'T' * 101}\n"
    )
    write(brand, extra, "Hello.", channel="pins")
    assert [(line, code) for line, _, code in located(brand)] == [(12, "title-too-long")]
    extra = "card: {template: quote, title: A quote, alt: On a card.}\n"
    write(brand, f"{extra}overrides:\n  pins:\n    title: {'T' * 100}\n", "Hello.", "pins")
    assert located(brand) == []


def test_a_missing_media_file_points_at_its_name(brand: BrandRepo) -> None:
    write(brand, "media:\n  - alt: A cup.\n    file: nowhere.png\n", "Hello.")
    assert located(brand) == [(11, 11, "missing-media")]


THREADS = """channels:
  - {id: threads, network: threads, account: brand, time_zone: Europe/London}
"""
LINKS = " ".join(f"https://site{i}.example.org/page" for i in range(6))


def test_a_channel_problem_points_at_the_override_text_or_the_channel(brand: BrandRepo) -> None:
    brand.write("strategy/channels.yaml", THREADS)
    write(brand, "", LINKS, channel="threads")
    assert [(line, code) for line, _, code in located(brand)] == [(7, "too-many-links")]
    write(brand, f"overrides:\n  threads:\n    text: {LINKS}\n", "Hello.", channel="threads")
    assert [(line, code) for line, _, code in located(brand)] == [(11, "too-many-links")]


def test_a_tag_that_needs_no_camel_case_does_not_hide_the_next(brand: BrandRepo) -> None:
    # "roastery" is one word: no suggestion; "specialtycoffee" is two.
    write(brand, "hashtags: [roastery, specialtycoffee]\n", "Our specialty coffee roastery.")
    assert located(brand) == [(9, 22, "hashtag-not-camel-case")]


def test_a_lower_case_hashtag_is_reported_once_for_all_channels(brand: BrandRepo) -> None:
    channels = (brand.root / "strategy/channels.yaml").read_text(encoding="utf-8")
    second = channels.split("channels:\n", 1)[1].replace("id: bluesky", "id: bluesky-two")
    brand.write("strategy/channels.yaml", channels + second)
    write(brand, "hashtags: [specialtycoffee]\n", "Our specialty coffee.")
    text = (brand.root / "content/posts/2027/01/a.md").read_text(encoding="utf-8")
    brand.write("content/posts/2027/01/a.md", text.replace("[bluesky]", "[bluesky, bluesky-two]"))
    assert located(brand) == [(9, 12, "hashtag-not-camel-case")]
