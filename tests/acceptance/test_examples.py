"""Example repositories under tests/examples/ parametrize themselves.

Each folder in examples/invalid/ holds files laid over a fresh `socialplan init`
repository and an `expected.txt` with one `file:line:col severity code` per
problem the validator must report, and no other.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from socialplan.rules.validate import validate

from ..conftest import EXAMPLES, BrandRepo

INVALID = sorted(p for p in (EXAMPLES / "invalid").iterdir() if p.is_dir())


def overlay(example: Path, brand: BrandRepo) -> None:
    for path in example.rglob("*"):
        if path.is_file() and path.name != "expected.txt":
            target = brand.root / path.relative_to(example)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def test_fresh_repository_is_clean(brand: BrandRepo) -> None:
    result = validate(root=brand.root)
    assert result.report.problems == []


@pytest.mark.parametrize("example", INVALID, ids=[p.name for p in INVALID])
def test_invalid_example(example: Path, brand: BrandRepo) -> None:
    overlay(example, brand)
    before = {p: p.read_bytes() for p in brand.root.rglob("*") if p.is_file()}
    result = validate(root=brand.root)
    found = sorted(
        f"{p.file}:{p.line}:{p.col} {p.severity.value} {p.code}" for p in result.report.problems
    )
    expected = sorted((example / "expected.txt").read_text().split("\n"))
    assert found == [line for line in expected if line]
    for problem in result.report.problems:
        assert problem.message and problem.hint, problem
    # Validation never writes or rewrites anything.
    assert {p: p.read_bytes() for p in brand.root.rglob("*") if p.is_file()} == before
