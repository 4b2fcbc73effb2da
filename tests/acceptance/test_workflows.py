"""The GitHub Actions workflows: linted, pinned, least privilege, and every
step a `socialplan` command that these tests run too (Actions cannot run here)."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from socialplan.cli import main

from ..conftest import ROOT, BrandRepo
from .test_site_build import copy_demo

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
ACTIONLINT = Path(sys.executable).parent / "actionlint"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
INSTALL = re.compile(r"^python -m pip install -q \./?(?:base)?$")


def load(path: Path) -> dict[Any, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps(path: Path) -> list[dict[str, Any]]:
    return [step for job in load(path)["jobs"].values() for step in job.get("steps", [])]


def test_both_workflows_exist() -> None:
    assert {p.name for p in FILES} >= {"checks.yml", "site.yml"}


def test_actionlint_finds_nothing() -> None:
    actionlint = str(ACTIONLINT) if ACTIONLINT.exists() else shutil.which("actionlint")
    assert actionlint, "actionlint is missing: install the test extras"
    result = subprocess.run(
        [actionlint, "-no-color", *map(str, FILES)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_actions_are_pinned_to_full_commits(path: Path) -> None:
    for step in steps(path):
        if "uses" in step:
            assert PINNED.match(step["uses"]), step["uses"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_job_has_least_privilege(path: Path) -> None:
    workflow = load(path)
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        granted = job.get("permissions")
        assert isinstance(granted, dict), name
        assert set(granted.values()) <= {"read", "write"}
        writes = {k for k, v in granted.items() if v == "write"}
        assert writes <= {"pull-requests", "pages", "id-token"}, (name, writes)


def test_checks_need_no_secret_and_run_no_pull_request_code_with_a_token() -> None:
    text = (WORKFLOWS / "checks.yml").read_text(encoding="utf-8")
    assert "secrets." not in text
    comment = load(WORKFLOWS / "checks.yml")["jobs"]["comment"]
    assert comment["if"] == "github.event_name == 'pull_request_target'"
    runs = [s["run"] for s in comment["steps"] if "run" in s]
    # Installed from the base branch; the pull request is only read, as data.
    assert "python -m pip install -q ./base" in runs
    for step in comment["steps"]:
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def commands(path: Path) -> list[str]:
    """The socialplan commands of a workflow, without shell redirections."""
    found = []
    for step in steps(path):
        run = step.get("run")
        if run is None:
            continue
        line = run.strip()
        if INSTALL.match(line):
            continue
        assert line.startswith("socialplan "), line
        found.append(re.split(r"\s+[>|]{1,2}\s+", line)[0])
    return found


def cli() -> Any:
    missing = {"build", "preview"} - set(main.commands)
    if "build" in missing:
        pytest.fail("`socialplan build` is not registered in cli.py", pytrace=False)
    return main


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_step_runs_here(path: Path, brand: BrandRepo, tmp_path: Path) -> None:
    shutil.copy2(ROOT / "mkdocs.yml", brand.root / "mkdocs.yml")
    # The preview step compares with a git base: make the repository a git one.
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.com"]
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], [*identity, "commit", "-qm", "base"]):
        subprocess.run(["git", *args], cwd=brand.root, check=True, capture_output=True)
    runner = CliRunner()
    for command in commands(path):
        words = shlex.split(command.replace('"$BASE_SHA"', "HEAD"))[1:]
        words = [w if w != "pr" else str(brand.root) for w in words]
        if words[0] != "preview" or "--repo" not in words:
            words += ["--repo", str(brand.root)]
        if words[0] == "build":
            words[words.index("--out") + 1] = str(tmp_path / "site")
        result = runner.invoke(cli(), words, catch_exceptions=False)
        assert result.exit_code == 0, (command, result.output)
        if words[0] == "validate":
            assert result.stdout.startswith("No problems")
        if words[0] == "build":
            assert (tmp_path / "site" / "index.html").is_file()


def test_the_demo_builds_with_the_site_workflow_command(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "demo")
    result = CliRunner().invoke(
        cli(),
        ["build", "--out", str(tmp_path / "site"), "--repo", str(root)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
