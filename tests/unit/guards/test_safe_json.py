"""The one JSON reader for files socialplan does not trust (socialplan.guards.safejson)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialplan.guards import safejson
from socialplan.guards.safejson import JsonRefused

# Text that makes JSON hard to skim: brackets, quotes and backslashes inside strings.
TRICKY = st.text(alphabet=st.sampled_from('[]{}"\\/ab\n\u00e9\U0001f600\u2028'), max_size=12)
VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | TRICKY,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TRICKY, inner, max_size=4),
    max_leaves=40,
)


def depth(value: Any) -> int:
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    return 0


def refused(data: str | bytes) -> str:
    with pytest.raises(JsonRefused) as caught:
        safejson.loads(data)
    return caught.value.code


@settings(max_examples=300, deadline=None)
@given(VALUES, st.booleans(), st.integers(min_value=0, max_value=8))
def test_depth_is_counted_outside_strings_only(value: Any, ascii: bool, limit: int) -> None:
    data = json.dumps(value, ensure_ascii=ascii).encode("utf-8")
    assert safejson.deep(data, limit) == (depth(value) > limit)


@settings(max_examples=300, deadline=None)
@given(VALUES, st.booleans())
def test_what_json_writes_reads_back_the_same(value: Any, ascii: bool) -> None:
    text = json.dumps(value, ensure_ascii=ascii)
    assert safejson.loads(text.encode("utf-8")) == json.loads(text)


@settings(max_examples=500, deadline=None)
@given(
    st.binary(max_size=200)
    | st.text(alphabet='[]{}",:\\u0123456789dDeE.-+ntrfalsNIy', max_size=200).map(str.encode)
)
def test_any_bytes_are_a_value_or_a_refusal(data: bytes) -> None:
    try:
        safejson.loads(data)
    except JsonRefused as refusal:
        assert refusal.code and refusal.message


def test_nesting_beyond_the_limit_is_refused_without_recursion() -> None:
    assert refused("[" * 100_000 + "]" * 100_000) == "too-deep"
    assert refused('{"a":' * 100_000 + "1" + "}" * 100_000) == "too-deep"
    assert refused("[" * 100_000) == "too-deep"
    assert safejson.loads("[" * 64 + "]" * 64) is not None
    assert refused("[" * 65 + "]" * 65) == "too-deep"
    # Brackets inside strings do not count.
    assert safejson.loads(json.dumps(["[" * 1000, "{" * 1000])) == ["[" * 1000, "{" * 1000]


@pytest.mark.parametrize("text", ["NaN", "[Infinity]", '{"a": -Infinity}', "1e999", "[-1e400]"])
def test_numbers_json_cannot_write_are_refused(text: str) -> None:
    assert refused(text) == "not-json"


def test_a_number_with_too_many_digits_is_refused() -> None:
    assert refused("1" * 5000) == "not-json"


@pytest.mark.parametrize("text", ['"\\ud800"', '"\\udc00"', '["\\ud83dx"]', '"\\\\\\ud800"'])
def test_half_a_surrogate_pair_is_refused(text: str) -> None:
    assert refused(text) == "lone-surrogate"


@pytest.mark.parametrize(
    ("text", "value"),
    [('"\\ud83d\\ude00"', "\U0001f600"), ('"\\\\ud800"', "\\ud800"), ('"\\u00e9"', "é")],
)
def test_pairs_and_escaped_backslashes_are_text(text: str, value: str) -> None:
    assert safejson.loads(text) == value


def test_invalid_utf8_is_refused_where_it_is() -> None:
    with pytest.raises(JsonRefused) as caught:
        safejson.loads(b'{"a":\n "\xff"}')
    assert (caught.value.code, caught.value.line, caught.value.col) == ("not-utf8", 2, 3)


def test_read_caps_the_size_and_refuses_what_is_not_a_file(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b"[" + b"1," * 600 + b"1]")
    assert len(safejson.read(big)) == 601
    with pytest.raises(JsonRefused) as caught:
        safejson.read(big, max_bytes=1000)
    assert caught.value.code == "too-large"
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)  # opening it to read would wait for a writer forever
    with pytest.raises(JsonRefused) as caught:
        safejson.read(fifo)
    assert caught.value.code == "not-a-file"
    with pytest.raises(FileNotFoundError):
        safejson.read(tmp_path / "missing.json")
    assert safejson.read_object(fifo) is None
    assert safejson.read_object(big) is None  # a list, not an object
    assert not safejson.same_bytes(fifo, b"")


def test_json_lines_are_read_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    lines = [
        b'\xef\xbb\xbf{"n": 1}',
        b"",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"n": 4}',
        b"x" * 400_000,
        b"\xff",
        b'{"n": 7}',
    ]
    path.write_bytes(b"\n".join(lines))
    read = list(safejson.read_lines(path, max_line_bytes=300_000))
    assert [number for number, _ in read] == [1, 3, 4, 5, 6, 7]
    values = {number: value for number, value in read}
    assert values[1] == {"n": 1} and values[4] == {"n": 4} and values[7] == {"n": 7}
    assert isinstance(values[3], JsonRefused) and values[3].code == "too-deep"
    assert isinstance(values[5], JsonRefused) and values[5].code == "too-large"
    assert isinstance(values[6], JsonRefused) and values[6].code == "not-utf8"
    assert values[6].line == 6
