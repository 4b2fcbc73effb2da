"""Composing the variant each channel receives: mentions, hashtags, links, overrides."""

from __future__ import annotations

import pytest

from socialplan.platforms import NETWORKS
from socialplan.variants.compose import compose, source_parts

from .variant_helpers import PEOPLE, channel, post

UTM_X = "utm_source=x&utm_medium=social&utm_content=p1"


def variant(network: str, body: str = "Hello.", settings: dict | None = None, **front):
    return compose(post(body, **front), channel(network, **(settings or {})), PEOPLE)


# --- Mentions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("network", "sent", "shown"),
    [
        ("x", "Thanks @ann!", "Thanks @ann!"),
        ("bluesky", "Thanks @ann.bsky.social!", "Thanks @ann.bsky.social!"),
        ("mastodon", "Thanks @ann@coffee.example!", "Thanks @ann@coffee.example!"),
        ("threads", "Thanks @ann.pours!", "Thanks @ann.pours!"),
        ("instagram", "Thanks @ann.pours!", "Thanks @ann.pours!"),
        (
            "linkedin",
            "Thanks @[Ann \\(Coffee\\) Co](urn:li:organization:42)!",
            "Thanks Ann (Coffee) Co!",
        ),
        ("slack", "Thanks Ann (Coffee) Co!", "Thanks Ann (Coffee) Co!"),
        ("discord", "Thanks Ann (Coffee) Co!", "Thanks Ann (Coffee) Co!"),
    ],
)
def test_mentions_are_written_the_networks_way(network: str, sent: str, shown: str) -> None:
    result = variant(network, "Thanks @{ann}!")
    assert result.parts == [sent]
    assert result.shown == [shown]


def test_a_mention_without_a_handle_there_is_the_plain_name() -> None:
    assert variant("bluesky", "Hi @{bob}.").parts == ["Hi Bob."]


def test_an_unknown_entity_is_left_as_written() -> None:
    assert variant("x", "Hi @{nobody}.").parts == ["Hi @{nobody}."]


# --- Hashtags ---------------------------------------------------------------------------


def test_hashtags_are_appended_on_a_last_line_by_default() -> None:
    result = variant("x", "Fresh beans.", hashtags=["SpecialtyCoffee", "V60"])
    assert result.parts == ["Fresh beans.\n\n#SpecialtyCoffee #V60"]
    assert result.hashtags == ["SpecialtyCoffee", "V60"]


def test_hashtags_keep_the_authors_casing() -> None:
    result = variant(
        "x", "Beans.", hashtags=["specialtycoffee"], settings={"hashtags": {"camel_case": True}}
    )
    assert result.parts == ["Beans.\n\n#specialtycoffee"]


def test_a_tag_already_in_the_text_is_not_added_again_whatever_its_case() -> None:
    result = variant("x", "New #v60 guide.", hashtags=["V60", "PourOver"])
    assert result.parts == ["New #v60 guide.\n\n#PourOver"]


def test_appended_tags_join_a_last_line_of_hashtags() -> None:
    result = variant("x", "New guide.\n\n#Coffee", hashtags=["V60"])
    assert result.parts == ["New guide.\n\n#Coffee #V60"]


def test_inline_placement_turns_the_words_into_the_tag() -> None:
    result = variant(
        "mastodon",
        "A V60 recipe for your pour-over mornings.",
        hashtags=["V60", "PourOver", "CoffeeAtHome"],
        settings={"hashtags": {"placement": "inline"}},
    )
    assert result.parts == ["A #V60 recipe for your #PourOver mornings.\n\n#CoffeeAtHome"]


def test_inline_placement_never_touches_links_or_mentions() -> None:
    result = variant(
        "mastodon",
        "See https://example.com/v60 and @{ann} about v60.",
        hashtags=["V60"],
        settings={"hashtags": {"placement": "inline"}},
    )
    assert result.parts == ["See https://example.com/v60 and @ann@coffee.example about #V60."]


def test_the_channel_max_caps_added_tags_counting_those_in_the_text() -> None:
    result = variant(
        "x", "A #Coffee post.", hashtags=["One", "Two", "Three"], settings={"hashtags": {"max": 2}}
    )
    assert result.parts == ["A #Coffee post.\n\n#One"]


def test_placement_none_adds_no_tags() -> None:
    result = variant("x", "Plain.", hashtags=["One"], settings={"hashtags": {"placement": "none"}})
    assert result.parts == ["Plain."]


def test_threads_gets_one_topic_tag_and_instagram_at_most_five() -> None:
    tags = [f"Tag{letter}" for letter in "ABCDEFG"]
    assert variant("threads", "Hi.", hashtags=tags).hashtags == ["TagA"]
    assert len(variant("instagram", "Hi.", hashtags=tags).hashtags) == 5


def test_linkedin_hashtags_use_the_template() -> None:
    result = variant("linkedin", "Hi #Coffee fans.", hashtags=["Office_Coffee"])
    assert result.parts == ["Hi {hashtag|\\#|Coffee} fans.\n\n{hashtag|\\#|Office\\_Coffee}"]
    assert result.shown == ["Hi #Coffee fans.\n\n#Office_Coffee"]


# --- Links ------------------------------------------------------------------------------


def test_the_link_is_appended_with_utm_parameters() -> None:
    result = variant("x", "Read it.", link="https://fernhill.coffee/guide")
    tagged = f"https://fernhill.coffee/guide?{UTM_X}"
    assert result.parts == [f"Read it.\n\n{tagged}"]
    assert result.link == tagged


def test_a_link_written_in_the_text_is_tagged_in_place_not_appended() -> None:
    result = variant(
        "x", "Read https://fernhill.coffee/guide today.", link="https://fernhill.coffee/guide"
    )
    assert result.parts == [f"Read https://fernhill.coffee/guide?{UTM_X} today."]


def test_utm_campaign_is_the_posts_campaign_else_the_channels() -> None:
    link = "https://fernhill.coffee/a"
    settings = {"utm": {"campaign": "always-on", "source": "fediverse", "medium": "organic"}}
    own = variant("mastodon", "x", settings, link=link, campaign="winter")
    fallback = variant("mastodon", "x", settings, link=link)
    assert own.link == (
        f"{link}?utm_source=fediverse&utm_medium=organic&utm_campaign=winter&utm_content=p1"
    )
    assert fallback.link is not None and "utm_campaign=always-on" in fallback.link


def test_links_to_other_sites_are_not_tagged() -> None:
    result = variant("x", "See https://partner.example.org/x.", link="https://fernhill.coffee/a")
    assert "https://partner.example.org/x." in result.parts[0]


def test_utm_can_be_turned_off() -> None:
    result = variant("x", "Hi.", {"utm": {"enabled": False}}, link="https://fernhill.coffee/a")
    assert result.link == "https://fernhill.coffee/a"


def test_instagram_says_link_in_bio_instead_of_a_dead_link() -> None:
    result = variant("instagram", "New guide.", link="https://fernhill.coffee/a", hashtags=["V60"])
    assert result.parts == ["New guide.\n\nLink in bio.\n\n#V60"]
    assert result.link_placement == "bio"
    assert result.link is not None and "utm_source=instagram" in result.link


def test_the_bio_wording_is_configurable_and_not_repeated() -> None:
    settings = {"links": {"bio_text": "Lien dans la bio."}}
    result = variant("instagram", "Nouveau.", settings, link="https://fernhill.coffee/a")
    assert result.parts == ["Nouveau.\n\nLien dans la bio."]
    said = variant("instagram", "Tap the link in bio!", link="https://fernhill.coffee/a")
    assert said.parts == ["Tap the link in bio!"]


def test_pinterest_takes_the_link_in_its_own_field_and_a_title() -> None:
    result = variant("pinterest", "A pin.", link="https://fernhill.coffee/a")
    assert result.parts == ["A pin."]
    assert result.link_placement == "field"
    assert result.title == "A post"


def test_link_placement_none_keeps_the_link_out() -> None:
    result = variant("x", "Hi.", {"links": {"placement": "none"}}, link="https://fernhill.coffee/a")
    assert result.parts == ["Hi."]


# --- Escaping ---------------------------------------------------------------------------


def test_linkedin_escapes_every_reserved_character() -> None:
    result = variant("linkedin", r"a\b|c{d}e@f[g]h(i)j<k>l#1 m*n_o~p")
    assert result.parts == [r"a\\b\|c\{d\}e\@f\[g\]h\(i\)j\<k\>l\#1 m\*n\_o\~p"]
    assert result.shown == [r"a\b|c{d}e@f[g]h(i)j<k>l#1 m*n_o~p"]


def test_slack_escapes_its_control_characters_and_counts_them() -> None:
    result = variant("slack", "Tom & Jerry <3")
    assert result.parts == ["Tom &amp; Jerry &lt;3"]
    assert result.measures[0][0].used == len("Tom &amp; Jerry &lt;3")


def test_discord_escapes_markdown_but_not_links() -> None:
    result = variant("discord", "# big *bold* https://example.com/a_b_c")
    assert result.parts == ["\\# big \\*bold\\* https://example.com/a_b_c"]


# --- Overrides, skip, media ---------------------------------------------------------------


def test_an_override_is_sent_as_written_with_only_the_networks_needs() -> None:
    overrides = {"x": {"text": "Own words @{ann} https://fernhill.coffee/a\n", "hashtags": ["Z"]}}
    result = variant(
        "x", "Body.", link="https://fernhill.coffee/a", hashtags=["V60"], overrides=overrides
    )
    assert result.parts == ["Own words @ann https://fernhill.coffee/a"]
    assert result.own == [True]
    assert result.link == f"https://fernhill.coffee/a?{UTM_X}"  # for the record, tagged


def test_utm_overrides_tags_the_links_of_override_texts_too() -> None:
    result = variant(
        "x",
        "Body.",
        {"utm": {"overrides": True}},
        link="https://fernhill.coffee/a",
        overrides={"x": {"text": "Own: https://fernhill.coffee/a"}},
    )
    assert result.parts == [f"Own: https://fernhill.coffee/a?{UTM_X}"]


def test_bluesky_labels_links_in_an_override_too() -> None:
    result = variant(
        "bluesky",
        "Body.",
        overrides={"bluesky": {"text": "See https://example.com/a/much/longer/path"}},
    )
    assert result.parts == ["See example.com/a/much/longe..."]
    assert result.facets[0][0]["features"][0]["uri"] == "https://example.com/a/much/longer/path"


def test_override_hashtags_replace_the_posts() -> None:
    result = variant("x", "Body.", hashtags=["V60"], overrides={"x": {"hashtags": ["Own"]}})
    assert result.parts == ["Body.\n\n#Own"]
    empty = variant("x", "Body.", hashtags=["V60"], overrides={"x": {"hashtags": []}})
    assert empty.parts == ["Body."]


def test_a_skipped_channel_gets_no_parts() -> None:
    result = variant("x", "Body.", overrides={"x": {"skip": True}})
    assert result.skipped and result.parts == []


def test_override_media_and_title_win() -> None:
    result = variant(
        "pinterest",
        "Pin.",
        media=[{"file": "a.jpg", "alt": "A"}],
        overrides={"pinterest": {"media": [{"file": "b.jpg", "alt": "B"}], "title": "Pin title"}},
    )
    assert [m.file for m in result.media] == ["b.jpg"]
    assert result.title == "Pin title"


def test_source_parts_prefer_the_override() -> None:
    p = post("Body.", thread=["Two."], overrides={"x": {"thread": ["Own two."]}})
    assert [t for t, _ in source_parts(p, "x")] == ["Body.", "Own two."]
    assert [t for t, _ in source_parts(p, "bluesky")] == ["Body.", "Two."]


def test_every_part_is_measured_against_the_channel_limit() -> None:
    result = variant("mastodon", "Hello.", {"limits": {"text": 11000}})
    assert result.measures[0][0].limit == 11000
    assert result.fits


def test_an_empty_body_gets_nothing_added() -> None:
    result = variant("x", "  ", hashtags=["V60"], link="https://fernhill.coffee/a")
    assert result.parts == [""]


def test_the_same_input_gives_the_same_variant() -> None:
    first = variant("bluesky", "Hi @{ann} 🇬🇧 #tag", link="https://fernhill.coffee/a")
    second = variant("bluesky", "Hi @{ann} 🇬🇧 #tag", link="https://fernhill.coffee/a")
    assert first == second


@pytest.mark.parametrize("name", sorted(NETWORKS))
def test_every_network_composes(name: str) -> None:
    result = variant(
        name, "Hi @{ann} #tag https://fernhill.coffee/a", link="https://fernhill.coffee/a"
    )
    assert result.parts and result.fits
