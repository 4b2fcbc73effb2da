import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from socialplan.load import schema

ROOT = Path(__file__).resolve().parents[3]


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


# Keywords that mean the same in draft 7 (what fastjsonschema compiles) and 2020-12.
DRAFT7_COMPATIBLE = {
    "$schema",
    "$id",
    "title",
    "description",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
    "const",
    "pattern",
    "format",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "uniqueItems",
    "propertyNames",
    "allOf",
    "if",
    "then",
    "else",
    "default",
    "$defs",
    "$ref",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
}
ANNOTATIONS = {"description", "title", "default", "examples"}


def keywords(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(key)
            if key in ("properties", "$defs"):
                for sub in value.values():
                    keywords(sub, found)
            elif key in ("enum", "const", "required", "default", "description", "title"):
                continue
            else:
                keywords(value, found)
    elif isinstance(node, list):
        for item in node:
            keywords(item, found)
    return found


def refs_with_siblings(node):
    if isinstance(node, dict):
        if "$ref" in node:
            yield set(node) - {"$ref"}
        for value in node.values():
            yield from refs_with_siblings(value)
    elif isinstance(node, list):
        for item in node:
            yield from refs_with_siblings(item)


@pytest.mark.parametrize("kind", schema.KINDS)
def test_schemas_use_only_keywords_shared_with_draft_7(kind):
    assert keywords(schema.schema(kind), set()) <= DRAFT7_COMPATIBLE
    # Draft 7 ignores keywords beside $ref; 2020-12 applies them: allow annotations only.
    for siblings in refs_with_siblings(schema.schema(kind)):
        assert siblings <= ANNOTATIONS


def _mutations(document):
    """The document with one value at a time replaced by something of another type."""
    yield document
    for key in list(document):
        for replacement in (None, 7, "x", [], {}, True, "2027-13-45", "UPPER CASE"):
            yield {**document, key: replacement}
        yield {k: v for k, v in document.items() if k != key}
    yield {**document, "unexpected": 1}


def test_fast_and_reference_validators_agree():
    from jsonschema import Draft202012Validator as Reference

    post = {
        "id": "a",
        "title": "T",
        "status": "approved",
        "objective": "o",
        "pillar": "p",
        "channels": ["x"],
        "at": "2027-01-04 09:00 Europe/London",
        "media": [{"file": "a.jpg", "alt": "A cup", "focus": {"x": 0.5, "y": 0.5}}],
        "overrides": {"x": {"text": "Hi", "skip": False}},
        "card": {"template": "quote", "title": "Q"},
    }
    reference = Reference(schema.schema("post"), format_checker=Reference.FORMAT_CHECKER)
    fast = schema.fast_validator("post")
    checked = 0
    for document in _mutations(post):
        try:
            fast(document)
            fast_ok = True
        except Exception:
            fast_ok = False
        # The fast path may only be stricter (it then falls back to the reference).
        if fast_ok:
            assert reference.is_valid(document), document
        checked += 1
        assert (schema.check("post", document, "p.md") == []) == reference.is_valid(document)
    assert checked > 50
