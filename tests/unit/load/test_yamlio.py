import pytest

from socialplan.load import yamlio
from socialplan.load.locate import position


def refused(text: str) -> yamlio.YamlIssue:
    with pytest.raises(yamlio.YamlRefused) as caught:
        yamlio.parse(text)
    return caught.value.issue


def test_plain_values_and_timestamps_stay_as_written():
    data = yamlio.parse(
        "title: Hello\ncount: 3\nshare: 0.5\nok: true\nnothing: null\n"
        "at: 2027-01-05T08:30:00+01:00\nday: 2027-01-05\nitems: [a, b]\n"
    )
    assert data == {
        "title": "Hello",
        "count": 3,
        "share": 0.5,
        "ok": True,
        "nothing": None,
        "at": "2027-01-05T08:30:00+01:00",
        "day": "2027-01-05",
        "items": ["a", "b"],
    }


def test_empty_document_is_none():
    assert yamlio.parse("") is None
    assert yamlio.parse("# only a comment\n") is None


def test_duplicate_key_is_located():
    issue = refused("id: a\ntitle: x\nid: b\n")
    assert (issue.code, issue.line, issue.col) == ("duplicate-key", 3, 1)
    assert "`id` appears twice" in issue.message


def test_python_object_tag_is_refused_without_building_anything():
    issue = refused("x: !!python/object/apply:os.system ['echo pwned']\n")
    assert issue.code == "yaml-tag"
    assert "Python object" in issue.message
    assert issue.line == 1


def test_binary_and_custom_tags_are_refused():
    assert refused("x: !!binary aGVsbG8=\n").code == "yaml-tag"
    assert refused("x: !custom 1\n").code == "yaml-tag"


def test_syntax_error_is_located():
    issue = refused("title: ok\nchannels: [a, b\nstatus: draft\n")
    assert issue.code == "yaml-syntax"
    assert issue.line >= 2
    assert "hint" not in issue.message


def test_second_document_is_explained():
    issue = refused("a: 1\n---\nb: 2\n")
    assert "more than one YAML document" in issue.message


def test_alias_bomb_is_stopped():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for n in range(1, 9):
        prev = chr(ord("a") + n - 1)
        cur = chr(ord("a") + n)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 10) + "]")
    issue = refused("\n".join(lines) + "\n")
    assert issue.code == "yaml-too-complex"


def test_merge_keys_and_complex_keys_are_refused():
    assert refused("base: &b {a: 1}\nx:\n  <<: *b\n").code == "yaml-complex-key"
    assert refused("? [a, b]\n: 1\n").code == "yaml-complex-key"


def test_nan_is_refused():
    assert refused("share: .nan\n").code == "yaml-bad-number"


def test_position_of_value_and_key():
    text = "id: a\nchannels:\n  - x\n  - bluesky\noverrides:\n  x:\n    text: hi\n"
    tree = yamlio.compose(text)
    assert position(tree, ("channels", 1)) == (4, 5)
    assert position(tree, ("overrides", "x", "text")) == (7, 11)
    assert position(tree, ("overrides", "x"), on_key=True) == (6, 3)
    # A pointer that goes further than the document falls back to the deepest match.
    assert position(tree, ("overrides", "y", "text")) == (6, 3)
    assert position(None, ("a",)) == (1, 1)
