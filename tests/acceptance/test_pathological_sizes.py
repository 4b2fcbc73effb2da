"""Pathological sizes are refused with one located problem, before any rule runs.

No test here is timed (speed targets live in benchmarks/): each asserts that the
whole report is the one located problem, which is only possible when the file was
refused as it was read, not checked value by value.
"""

from __future__ import annotations

import subprocess

from socialplan.load import yamlio
from socialplan.load.loader import MAX_POST_BYTES
from socialplan.rules.validate import validate

from ..conftest import BrandRepo

POST = "content/posts/2027/01/big.md"
HEAD = "---\nid: big\ntitle: Big\nstatus: draft\n"


def problems(brand: BrandRepo) -> list[tuple[str, int, int, str]]:
    return [(p.file, p.line, p.col, p.code) for p in validate(root=brand.root).report.problems]


def unchanged(brand: BrandRepo) -> None:
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=brand.root, capture_output=True, text=True
    )
    assert status.returncode != 0 or status.stdout == ""


def test_front_matter_with_50000_keys(brand: BrandRepo) -> None:
    keys = "".join(f"key{i}: value\n" for i in range(50_000))  # about 600 KB
    brand.write(POST, HEAD + keys + "---\nBody.\n")
    assert problems(brand) == [(POST, 1, 1, "file-too-large")]


def test_strategy_file_with_50000_keys(brand: BrandRepo) -> None:
    keys = "".join(f"key{i}: value\n" for i in range(50_000))
    brand.write("strategy/brand.yaml", keys)
    assert problems(brand) == [("strategy/brand.yaml", 1, 1, "yaml-too-many-keys")]


def test_mapping_over_the_key_cap(brand: BrandRepo) -> None:
    keys = "".join(f"  key{i}: value\n" for i in range(yamlio.MAX_KEYS + 1))
    brand.write(POST, HEAD + "overrides:\n" + keys + "---\nBody.\n")
    assert problems(brand) == [(POST, 6, 3, "yaml-too-many-keys")]


def test_at_each_cap_the_values_are_read() -> None:
    keys = "".join(f"key{i}: value\n" for i in range(yamlio.MAX_KEYS))
    assert len(yamlio.parse(keys)) == yamlio.MAX_KEYS
    assert len(yamlio.parse("[" + "a, " * yamlio.MAX_ITEMS + "]")) == yamlio.MAX_ITEMS
    nested = yamlio.parse("[" * yamlio.MAX_DEPTH + "]" * yamlio.MAX_DEPTH)
    for _ in range(yamlio.MAX_DEPTH - 1):
        [nested] = nested
    assert nested == []


def test_huge_list_in_a_strategy_file(brand: BrandRepo) -> None:
    brand.write("strategy/people.yaml", "people:\n" + "  - someone\n" * (yamlio.MAX_ITEMS + 1))
    assert problems(brand) == [("strategy/people.yaml", 2, 3, "yaml-too-many-items")]


def test_huge_list_in_a_post(brand: BrandRepo) -> None:
    brand.write(POST, HEAD + "hashtags: [" + "a," * (yamlio.MAX_ITEMS + 1) + "]\n---\nBody.\n")
    assert problems(brand) == [(POST, 5, 11, "yaml-too-many-items")]


def test_too_many_values_in_all(brand: BrandRepo) -> None:
    lists = "[1, 2, 3, 4, 5, 6, 7, 8, 9], " * (yamlio.MAX_NODES // 10 + 1)
    brand.write("strategy/playbook.yaml", "moderation: [" + lists + "]\n")
    [(file, line, _, code)] = problems(brand)
    assert (file, line, code) == ("strategy/playbook.yaml", 1, "yaml-too-large")


def test_deep_nesting(brand: BrandRepo) -> None:
    # 990 brackets: below libyaml's own limit of 1,000, which used to end in a
    # RecursionError while the values were built.
    brand.write(POST, HEAD + "notes: " + "[" * 990 + "]" * 990 + "\n---\nBody.\n")
    # At the first list nested inside MAX_DEPTH others (the front matter is one).
    assert problems(brand) == [(POST, 5, 8 + yamlio.MAX_DEPTH - 1, "yaml-too-deep")]


def test_deep_nesting_in_block_style(brand: BrandRepo) -> None:
    lines = "".join("  " * depth + "-\n" for depth in range(1, 200))
    brand.write(POST, HEAD + "notes:\n" + lines + "---\nBody.\n")
    [(file, _, _, code)] = problems(brand)
    assert (file, code) == (POST, "yaml-too-deep")


def test_aliases_nesting_deeper_than_the_text(brand: BrandRepo) -> None:
    lines = ["a0: &a0 [[[[[[[[1]]]]]]]]"]
    lines += [f"a{i}: &a{i} [[[[[[[[*a{i - 1}]]]]]]]]" for i in range(1, 200)]
    brand.write(POST, HEAD + "\n".join(lines) + "\n---\nBody.\n")
    [(file, _, _, code)] = problems(brand)
    assert (file, code) == (POST, "yaml-too-deep")


def test_post_over_its_size_cap(brand: BrandRepo) -> None:
    body = "A sentence that goes on. " * (MAX_POST_BYTES // 25 + 1)
    brand.write(POST, HEAD + "---\n" + body + "\n")
    assert problems(brand) == [(POST, 1, 1, "file-too-large")]
    unchanged(brand)
