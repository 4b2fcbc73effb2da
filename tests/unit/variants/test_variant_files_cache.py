"""`write_all` skips posts unchanged since the last run (build/cache/variants.json)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from socialplan.cache import store
from socialplan.errors import WriteError
from socialplan.load.loader import load
from socialplan.load.model import Repo
from socialplan.variants.output_files import CACHE, OUTPUT, Written, write_all

from ...conftest import BrandRepo

CHANNELS = """
channels:
  - id: bluesky
    network: bluesky
    account: testbrand.bsky.social
    time_zone: Europe/London
    hashtags: {placement: append, max: 2, camel_case: true}
  - id: x
    network: x
    account: "@testbrand"
    time_zone: Europe/London
  - id: linkedin
    network: linkedin
    account: Test Brand
    time_zone: Europe/London
"""

PEOPLE = """
people:
  - id: ann
    name: Ann Roasts
    kind: organization
    handles: {bluesky: ann.bsky.social, x: "@ann"}
"""


def front(post_id: str, channels: str = "[bluesky, x, linkedin]") -> str:
    return f"""
        id: {post_id}
        title: Post {post_id}
        status: approved
        objective: first-objective
        pillar: expertise
        channels: {channels}
        at: 2027-01-04 09:00 Europe/London
        hashtags: [NewBeans]
    """


def setup(brand: BrandRepo) -> None:
    brand.write("strategy/channels.yaml", CHANNELS)
    brand.write("strategy/people.yaml", PEOPLE)
    brand.post("launch", front("launch"), "Roasted with @{ann} this week.")
    brand.post("second", front("second"), "A second post.")
    brand.post("third", front("third", "[x]"), "A third post.")


def fresh(brand: BrandRepo) -> Repo:
    return load(brand.root).repo


def files(brand: BrandRepo) -> dict[str, tuple[bytes, int]]:
    """Every variant file: its bytes and modification time."""
    out = brand.root / OUTPUT
    return {
        path.relative_to(out).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(out.rglob("*.json"))
    }


def full_write(brand: BrandRepo) -> dict[str, bytes]:
    """What a run without any cache writes, in a copy of the repository."""
    copy = brand.root.parent / "copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(brand.root, copy, ignore=shutil.ignore_patterns("build"))
    write_all(load(copy).repo)
    out = copy / OUTPUT
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.json"))}


def bytes_of(state: dict[str, tuple[bytes, int]]) -> dict[str, bytes]:
    return {name: content for name, (content, _) in state.items()}


def changed(before: dict[str, tuple[bytes, int]], after: dict[str, tuple[bytes, int]]) -> set:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def first_run(brand: BrandRepo) -> Written:
    setup(brand)
    done = write_all(fresh(brand))
    assert len(done.written) == 7 and store.read(brand.root, CACHE)
    return done


def test_a_second_run_without_changes_composes_and_writes_nothing(brand: BrandRepo) -> None:
    first = first_run(brand)
    before = files(brand)
    repo = fresh(brand)
    again = write_all(repo)
    assert repo.variants == {}  # nothing was composed
    assert again.written == [] and again.removed == []
    assert again.unchanged == first.written  # same paths, same order
    assert files(brand) == before
    assert bytes_of(before) == full_write(brand)


def test_editing_a_post_rewrites_only_its_files(brand: BrandRepo) -> None:
    first_run(brand)
    before = files(brand)
    brand.post("second", front("second"), "A second post, edited.")
    repo = fresh(brand)
    done = write_all(repo)
    assert {key[1] for key in repo.variants} == {"bluesky", "x", "linkedin"}
    assert {post for post, _ in repo.variants} == {"content/posts/2027/01/second.md"}
    assert {p.relative_to(brand.root / OUTPUT).as_posix() for p in done.written} == {
        "second/bluesky.json",
        "second/x.json",
        "second/linkedin.json",
    }
    assert len(done.unchanged) == 4
    after = files(brand)
    assert changed(before, after) == {
        "second/bluesky.json",
        "second/x.json",
        "second/linkedin.json",
    }
    assert bytes_of(after) == full_write(brand)


def test_editing_the_strategy_rewrites_the_variants_it_changes(brand: BrandRepo) -> None:
    first_run(brand)
    before = files(brand)
    brand.write("strategy/people.yaml", PEOPLE.replace("ann.bsky.social", "ann.roasts.social"))
    done = write_all(fresh(brand))
    after = files(brand)
    assert changed(before, after) == {"launch/bluesky.json"}
    assert len(done.written) == 1 and len(done.unchanged) == 6
    assert b"ann.roasts.social" in after["launch/bluesky.json"][0]
    assert bytes_of(after) == full_write(brand)

    # Any strategy edit makes every variant again; those that come out the same stay.
    brand.write("strategy/channels.yaml", CHANNELS + "# a comment\n")
    repo = fresh(brand)
    done = write_all(repo)
    assert len(repo.variants) == 7 and done.written == []
    assert files(brand) == after


def test_a_file_edited_or_deleted_by_hand_is_restored(brand: BrandRepo) -> None:
    first_run(brand)
    out = brand.root / OUTPUT
    original = (out / "launch/x.json").read_bytes()
    # Same size, different bytes, a different time: only the stat can tell.
    (out / "launch/x.json").write_bytes(original.replace(b"Roasted", b"Toasted"))
    (out / "second/linkedin.json").unlink()
    done = write_all(fresh(brand))
    assert sorted(p.relative_to(out).as_posix() for p in done.written) == [
        "launch/x.json",
        "second/linkedin.json",
    ]
    assert (out / "launch/x.json").read_bytes() == original
    assert bytes_of(files(brand)) == full_write(brand)
    # ...and the cache now knows the restored files: nothing more to do.
    repo = fresh(brand)
    assert write_all(repo).written == [] and repo.variants == {}


def test_a_file_touched_by_hand_is_checked_but_left_alone(brand: BrandRepo) -> None:
    first_run(brand)
    path = brand.root / OUTPUT / "third/x.json"
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    repo = fresh(brand)
    done = write_all(repo)
    assert done.written == [] and path in done.unchanged
    assert list(repo.variants) == [("content/posts/2027/01/third.md", "x")]
    assert path.stat().st_mtime_ns == 1_000_000_000


def test_a_corrupt_or_foreign_cache_is_ignored(brand: BrandRepo) -> None:
    first_run(brand)
    before = files(brand)
    cache = store.path(brand.root, CACHE)
    for content in (
        "{not json",
        "[1, 2]",
        json.dumps({"format": 999, "entries": {}}),
        json.dumps({"format": store.FORMAT, "entries": []}),
        json.dumps(
            {
                "format": store.FORMAT,
                "entries": {"launch": "nonsense", "second": {"fingerprint": 1, "files": []}},
            }
        ),
        b"\xff\xfe garbage",
    ):
        if isinstance(content, bytes):
            cache.write_bytes(content)
        else:
            cache.write_text(content, encoding="utf-8")
        repo = fresh(brand)
        done = write_all(repo)
        assert len(repo.variants) == 7  # every variant was made again...
        assert done.written == [] and len(done.unchanged) == 7  # ...and found the same
        assert files(brand) == before
        assert json.loads(cache.read_text(encoding="utf-8"))["format"] == store.FORMAT


def test_a_removed_post_or_channel_loses_its_files(brand: BrandRepo) -> None:
    first_run(brand)
    out = brand.root / OUTPUT
    (brand.root / "content/posts/2027/01/third.md").unlink()
    brand.post("launch", front("launch", "[bluesky]"), "Roasted with @{ann} this week.")
    done = write_all(fresh(brand))
    assert sorted(p.relative_to(out).as_posix() for p in done.removed) == [
        "launch/linkedin.json",
        "launch/x.json",
        "third/x.json",
    ]
    assert not (out / "third").exists()
    assert sorted(files(brand)) == [
        "launch/bluesky.json",
        *(f"second/{c}.json" for c in ("bluesky", "linkedin", "x")),
    ]
    assert bytes_of(files(brand)) == full_write(brand)


def test_a_stray_file_next_to_unchanged_variants_is_removed(brand: BrandRepo) -> None:
    first_run(brand)
    out = brand.root / OUTPUT
    (out / "second/mastodon.json").write_text("{}", encoding="utf-8")
    (out / "gone").mkdir()
    (out / "gone/x.json").write_text("{}", encoding="utf-8")
    (out / "second/notes.txt").write_text("kept", encoding="utf-8")
    done = write_all(fresh(brand))
    assert done.written == []
    assert sorted(p.relative_to(out).as_posix() for p in done.removed) == [
        "gone/x.json",
        "second/mastodon.json",
    ]
    assert not (out / "gone").exists() and (out / "second/notes.txt").exists()


def test_another_folder_is_written_as_before_and_leaves_the_cache_alone(
    brand: BrandRepo, tmp_path: Path
) -> None:
    first_run(brand)
    cache = store.path(brand.root, CACHE)
    kept = cache.read_bytes()
    elsewhere = tmp_path / "elsewhere"
    repo = fresh(brand)
    assert len(write_all(repo, elsewhere).written) == 7 and len(repo.variants) == 7
    assert cache.read_bytes() == kept
    # The repository's own folder named explicitly is still the cached one.
    repo = fresh(brand)
    done = write_all(repo, brand.root / "build" / "variants")
    assert len(done.unchanged) == 7 and repo.variants == {}


def test_a_failed_run_leaves_no_cache(brand: BrandRepo) -> None:
    first_run(brand)
    brand.post("second", front("second"), "A second post, edited.")
    folder = brand.root / OUTPUT / "second"
    shutil.rmtree(folder)
    folder.write_text("a file where a folder should be", encoding="utf-8")
    with pytest.raises(WriteError):
        write_all(fresh(brand))
    assert not store.path(brand.root, CACHE).exists()
