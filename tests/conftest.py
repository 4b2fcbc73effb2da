"""Shared fixtures: a fresh brand repository made by `socialplan init`, and a CLI runner."""

from __future__ import annotations

import os
import shutil
import textwrap
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from socialplan.starter import scaffold

# CI must not go red on a random example no one can reproduce: there, property tests
# run the same examples every time (locally they keep exploring new ones).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = Path(__file__).resolve().parent / "examples"


class BrandRepo:
    """A brand repository in a temporary folder, with helpers to write into it."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, rel: str, content: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        return path

    def post(self, name: str, front: str, body: str = "Hello from the test brand.") -> Path:
        front = textwrap.dedent(front).strip("\n")
        return self.write(f"content/posts/2027/01/{name}.md", f"---\n{front}\n---\n{body}\n")


@pytest.fixture(scope="session")
def _starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("starter") / "brand"
    scaffold.init(root, name="Test Brand", time_zone="Europe/London", today=date(2027, 1, 1))
    return root


@pytest.fixture
def brand(tmp_path: Path, _starter: Path) -> BrandRepo:
    root = tmp_path / "brand"
    shutil.copytree(_starter, root)
    return BrandRepo(root)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
