"""Editors, pre-commit, linters and the docs stay in step with the code."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from socialplan.cli import main
from socialplan.load import schema
from socialplan.load.loader import STRATEGY_FILES

from ..conftest import ROOT, BrandRepo

BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = BIN / name
    return str(found) if found.exists() else name


def test_readme_documents_every_command() -> None:
    readme = (ROOT / "README.md").read_text()
    commands = {name for name in main.commands if name != "new"}
    commands |= {f"new {name}" for name in main.commands["new"].commands}  # type: ignore[attr-defined]
    for command in commands:
        assert re.search(rf"^### `socialplan {command}\b", readme, re.MULTILINE), command


def test_readme_shows_every_file_kind() -> None:
    readme = (ROOT / "README.md").read_text()
    for name in STRATEGY_FILES:
        assert f"`strategy/{name}`" in readme, name
    for folder in (
        "strategy/audience/<id>.md",
        "strategy/competitors/<id>.md",
        "content/posts/YYYY/MM/<slug>.md",
    ):
        assert folder in readme


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, re.DOTALL)
    test_command = next(b for b in blocks if "pytest" in b)
    ci = (ROOT / ".ci" / "run").read_text()
    assert test_command.replace("python3 ", '"$PYTHON" ') in ci


def test_vscode_maps_every_strategy_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    mapped = {v: k for k, v in settings["yaml.schemas"].items()}
    for name, (kind, _) in STRATEGY_FILES.items():
        assert mapped[f"strategy/{name}"] == f"schemas/{kind}.schema.json"
        assert (ROOT / mapped[f"strategy/{name}"]).is_file()


def test_yaml_files_carry_a_schema_modeline() -> None:
    for name, (kind, _) in STRATEGY_FILES.items():
        path = ROOT / "strategy" / name
        if path.exists():
            first = path.read_text().splitlines()[0]
            assert first == f"# yaml-language-server: $schema=../schemas/{kind}.schema.json"


def test_package_ships_the_same_schemas_as_the_repository() -> None:
    for kind in schema.KINDS:
        assert schema.schema_text(kind) == (ROOT / "schemas" / f"{kind}.schema.json").read_text()


def test_pre_commit_files_are_valid() -> None:
    subprocess.run(
        [tool("pre-commit"), "validate-config", str(ROOT / ".pre-commit-config.yaml")],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [tool("pre-commit"), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
        check=True,
        capture_output=True,
    )
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["socialplan-validate"]
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    ids = {h["id"] for repo in config["repos"] for h in repo["hooks"]}
    assert {"ruff", "mypy", "socialplan-validate"} <= ids


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_hook_blocks_a_bad_post(brand: BrandRepo) -> None:
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "PRE_COMMIT_HOME": str(brand.root.parent / "pre-commit-home"),
    }

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=brand.root, check=True, capture_output=True, env=env)

    git("init", "-q")
    git("add", "-A")
    ok = subprocess.run(
        [tool("pre-commit"), "run", "--all-files"],
        cwd=brand.root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    brand.post("bad", "id: bad\ntitle: Bad\nstatus: draft\npillar: nope")
    git("add", "-A")
    bad = subprocess.run(
        [tool("pre-commit"), "run", "--all-files"],
        cwd=brand.root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1
    assert "[unknown-pillar]" in bad.stdout


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [tool("ruff"), "check", "tools", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_mypy_is_clean_on_the_package() -> None:
    result = subprocess.run([tool("mypy")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
