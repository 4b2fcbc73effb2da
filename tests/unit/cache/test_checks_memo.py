"""Per-post check results kept between builds (rules.memo): reused only while still true.

Every case compares what validation finds with a memo from an earlier run against
what it finds from scratch: the memo may save work, never change the answer.
"""

from __future__ import annotations

import json
from pathlib import Path

from socialplan.cache.checks import PostChecks
from socialplan.problems import Problem
from socialplan.rules.validate import validate

from ...conftest import BrandRepo

POST = """
    id: 2027-01-{day:02d}-post
    title: Post {day}
    status: approved
    objective: first-objective
    pillar: expertise
    channels: [bluesky]
    hashtags: [{tag}]
    at: 2027-01-{day:02d} 09:00 Europe/London
"""
GITHUB = "ghp_" + "a1B2" * 9


def write_posts(brand: BrandRepo, count: int = 4) -> None:
    for day in range(4, 4 + count):
        brand.post(f"post-{day}", POST.format(day=day, tag="Coffee"), f"Text of post {day}.")


def check(root: Path, previous: dict[str, object] | None) -> tuple[list[Problem], PostChecks]:
    """Validate with a memo of `previous`, round-tripped through JSON as the build keeps it."""
    memo = PostChecks(json.loads(json.dumps(previous)) if previous is not None else {})
    problems = validate(root=root, share_variants=True, memo=memo).report.problems
    return problems, memo


def from_scratch(root: Path) -> list[Problem]:
    return validate(root=root).report.problems


def test_nothing_changed_nothing_is_checked_again(brand: BrandRepo) -> None:
    write_posts(brand)
    brand.post("post-9", POST.format(day=9, tag="Coffee"), f"My token is {GITHUB} oops.")
    first, memo = check(brand.root, None)
    assert memo.checked == 5 and memo.reused == 0  # 5 posts x lengths (secrets: when loading)
    again, memo = check(brand.root, memo.entries)
    assert memo.checked == 0 and memo.reused == 5
    assert again == first == from_scratch(brand.root)
    # The secret kept in the memo is reported again, at its place.
    assert [p.line for p in again if p.code == "secret-in-content"] == [
        p.line for p in first if p.code == "secret-in-content"
    ]


def test_an_edited_post_is_checked_again(brand: BrandRepo) -> None:
    write_posts(brand)
    _, memo = check(brand.root, None)
    brand.post("post-5", POST.format(day=5, tag="Coffee"), "#one #two #three #four in the text.")
    found, memo = check(brand.root, memo.entries)
    assert memo.checked == 1 and memo.reused == 3
    assert {p.code for p in found} == {"hashtags-over-policy"}
    assert found == from_scratch(brand.root)


def test_a_strategy_edit_checks_every_post_again(brand: BrandRepo) -> None:
    for day in range(4, 8):
        brand.post(f"post-{day}", POST.format(day=day, tag="Coffee"), "With #two #tags.")
    first, memo = check(brand.root, None)
    assert first == []
    channels = brand.root / "strategy/channels.yaml"
    policy = "max: 2, camel_case: true"
    channels.write_text(channels.read_text("utf-8").replace(policy, "max: 1, camel_case: true"))
    found, memo = check(brand.root, memo.entries)
    assert memo.reused == 0 and memo.checked == 4
    assert found == from_scratch(brand.root)
    assert {p.code for p in found} == {"hashtags-over-policy"} and len(found) == 4


def test_a_post_that_needed_the_vocabulary_follows_it(brand: BrandRepo) -> None:
    # #roastingnotes is all lower case; it is only known to be two words once some
    # post writes "roasting" and "notes", and then CamelCase is suggested.
    brand.post("post-4", POST.format(day=4, tag="roastingnotes"), "Plain text.")
    brand.post("post-5", POST.format(day=5, tag="Coffee"), "Nothing here.")
    first, memo = check(brand.root, None)
    assert "hashtag-not-camel-case" not in {p.code for p in first}
    brand.post("post-5", POST.format(day=5, tag="Coffee"), "Our roasting notes, in full.")
    found, memo = check(brand.root, memo.entries)
    assert found == from_scratch(brand.root)
    assert "hashtag-not-camel-case" in {p.code for p in found}
    # post-4 itself did not change: it was checked again because of the vocabulary.
    assert memo.checked == 2  # post-5 and post-4


def test_a_post_that_never_needed_the_vocabulary_is_reused(brand: BrandRepo) -> None:
    write_posts(brand)
    _, memo = check(brand.root, None)
    brand.post("post-7", POST.format(day=7, tag="Coffee"), "New words: roasting notes.")
    found, memo = check(brand.root, memo.entries)
    assert memo.checked == 1 and memo.reused == 3
    assert found == from_scratch(brand.root)


def test_kept_results_in_the_wrong_shape_are_checked_again(brand: BrandRepo) -> None:
    write_posts(brand)
    _, memo = check(brand.root, None)
    broken = dict(memo.entries)
    names = sorted(broken)
    broken[names[0]] = {**broken[names[0]], "problems": [["error", 1, 2]]}
    broken[names[1]] = {**broken[names[1]], "problems": "nonsense"}
    broken[names[2]] = ["not", "an", "entry"]
    found, memo = check(brand.root, broken)
    assert memo.checked == 3 and memo.reused == 1
    assert found == from_scratch(brand.root)
