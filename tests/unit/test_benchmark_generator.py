"""The benchmark's synthetic repository: valid, and the same for the same seed."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest

from socialplan.rules.validate import validate

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    # benchmarks/ is a folder of scripts, not a package: import it the way they run.
    sys.path.insert(0, str(BENCHMARKS))
    try:
        return importlib.import_module("generate")
    finally:
        sys.path.remove(str(BENCHMARKS))


def files_of(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


# "auto" takes the demo brand when it validates, else falls back: both must give a valid repo.
@pytest.mark.parametrize("strategy", ["auto", "fallback"])
def test_generated_repository_validates_without_errors(
    generator: ModuleType, tmp_path: Path, strategy: str
) -> None:
    generator.generate(tmp_path, 30, seed=3, strategy=strategy)

    result = validate(paths=(), root=tmp_path)

    errors = [
        f"{p.file}:{p.line}: [{p.code}] {p.message}" for p in result.report.problems if p.is_error
    ]
    assert errors == []
    assert len(result.repo.posts) == 30
    assert generator.describe(tmp_path)["complete"] is True


def test_same_seed_gives_byte_identical_files(generator: ModuleType, tmp_path: Path) -> None:
    generator.generate(tmp_path / "first", 30, seed=11)
    generator.generate(tmp_path / "second", 30, seed=11)
    generator.generate(tmp_path / "other", 30, seed=12)

    first = files_of(tmp_path / "first")
    assert first == files_of(tmp_path / "second")
    posts = {name: data for name, data in first.items() if name.startswith("content/posts/")}
    assert len(posts) == 30
    other = files_of(tmp_path / "other")
    assert posts != {n: d for n, d in other.items() if n.startswith("content/posts/")}


def test_refuses_to_overwrite_a_folder_it_did_not_make(
    generator: ModuleType, tmp_path: Path
) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")

    with pytest.raises(SystemExit, match="not made by this generator"):
        generator.generate(tmp_path, 5)

    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
