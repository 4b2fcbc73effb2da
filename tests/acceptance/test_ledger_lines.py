"""The ledger under state/: a damaged line is a located problem, and every other line
is still read (socialplan.load.ledger is the one reader of the site, the preview and
validation)."""

from __future__ import annotations

import json

from socialplan.load import ledger
from socialplan.site.prepare import read_ledger

from ..conftest import BrandRepo
from ..unit.site.test_site_pages import add_hostile_post
from .build_helpers import build, run, snapshot

POST = "2027-01-20-tricky"
GOOD = f'{{"post": "{POST}", "channel": "bluesky", "at": "2027-01-20T09:00:00+00:00"}}'
LINES = [
    GOOD,  # 1
    "[" * 100_000 + "]" * 100_000,  # 2: nested too deep
    "",  # 3: blank lines are allowed
    "[1, 2]",  # 4: not an object
    '{"post": "other", "channel": "x", "at": NaN}',  # 5: not JSON
    '{"channel": "bluesky"}',  # 6: no post
    '{"post": "gone"}',  # 7: no channel: still published somewhere
    '{"post": "tail", "channel": "mastodon", "at": "2027-01-21T10:00:00+00:00"} trailing',  # 8
    '{"post": "last", "channel": "mastodon", "at": "2027-01-22T10:00:00+00:00"}',  # 9
]
EXPECTED = [
    (2, "ledger-invalid-line"),
    (4, "ledger-invalid-entry"),
    (5, "ledger-invalid-line"),
    (6, "ledger-invalid-entry"),
    (7, "ledger-invalid-entry"),
    (8, "ledger-invalid-line"),
]


def write_ledger(brand: BrandRepo) -> None:
    data = "\n".join(LINES).encode("utf-8") + b"\n\xff\xfe not UTF-8\n"  # line 10
    brand.write("state/published.jsonl", data)


def test_each_damaged_ledger_line_is_a_located_problem(brand: BrandRepo) -> None:
    add_hostile_post(brand)
    write_ledger(brand)
    before = snapshot(brand.root)
    checked = run(brand.root, "validate", "--format", "json")
    assert checked.crashed is None, checked.text
    assert checked.code == 1
    found = [
        (p["line"], p["code"])
        for p in json.loads(checked.out)["problems"]
        if p["file"] == "state/published.jsonl"
    ]
    assert found == [*EXPECTED, (10, "ledger-invalid-line")]
    text = run(brand.root, "validate").out
    assert "state/published.jsonl:2:1: error [ledger-invalid-line]" in text
    assert "nests more than 64 levels" in text
    assert "hint: the ledger is written by `socialplan publish` only" in text
    # The build validates first, so it reports them too (and builds nothing).
    built = build(brand.root, "--no-images")
    assert built.code == 1 and "state/published.jsonl:5:" in built.out
    assert snapshot(brand.root) == before


def test_every_other_ledger_line_is_still_read(brand: BrandRepo) -> None:
    add_hostile_post(brand)
    write_ledger(brand)
    published = {POST: {"bluesky"}, "gone": set(), "last": {"mastodon"}}
    assert ledger.published(brand.root) == published
    records = read_ledger(brand.root)
    assert records is not None
    assert [(r.post_id, r.channel_id) for r in records] == [(POST, "bluesky"), ("last", "mastodon")]
    read = ledger.read(brand.root)
    assert [(e.line, e.post, e.channel) for e in read.entries] == [
        (1, POST, "bluesky"),
        (7, "gone", None),
        (9, "last", "mastodon"),
    ]
