import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from socialplan import schema

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("kind", schema.KINDS)
def test_schema_is_valid_draft_2020_12(kind):
    document = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text())
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(document)


def test_every_schema_file_is_a_known_kind():
    on_disk = {p.name.removesuffix(".schema.json") for p in (ROOT / "schemas").glob("*.json")}
    assert on_disk == set(schema.KINDS)


def test_network_lists_match_the_platform_registry():
    from socialplan.platforms import NETWORKS

    channels = schema.schema("channels")
    item = channels["properties"]["channels"]["items"]
    assert set(item["properties"]["network"]["enum"]) == set(NETWORKS)


def test_unknown_key_gets_did_you_mean():
    problems = schema.check(
        "post", {"id": "a", "title": "t", "status": "draft", "chanels": []}, "p.md"
    )
    assert [(p.code, p.pointer, p.on_key) for p in problems] == [
        ("schema-unknown-key", ("chanels",), True)
    ]
    assert problems[0].hint == "did you mean `channels`?"


def test_approved_post_needs_schedule_fields():
    problems = schema.check("post", {"id": "a", "title": "t", "status": "approved"}, "p.md")
    missing = sorted(p.message.split("`")[1] for p in problems)
    assert missing == ["at", "channels", "objective", "pillar"]
    assert all("review or approved" in p.message for p in problems)


def test_wrong_type_is_explained_in_plain_words():
    problems = schema.check(
        "post", {"id": "a", "title": "t", "status": "draft", "channels": "x"}, "p.md"
    )
    assert problems[0].message == "channels should be a list, not text"
