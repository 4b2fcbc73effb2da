"""The command line as a user meets it: output, exit codes, and no tracebacks."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner

from socialplan.cli import main

from ..conftest import BrandRepo

BAD_POST = """
    id: a
    title: Broken
    status: approved
    objective: first-objective
    pillar: nope
    channels: [bluesky]
    at: 2027-01-04 09:00 Europe/London
"""


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_clean_repo_exits_zero(runner: CliRunner, brand: BrandRepo) -> None:
    code, out, _ = run(runner, "validate", "--repo", str(brand.root))
    assert code == 0
    assert out.startswith("No problems in ")


def test_text_report_names_file_line_column_code_and_hint(runner: CliRunner, brand: BrandRepo):
    brand.post("a", BAD_POST)
    code, out, _ = run(runner, "validate", "--repo", str(brand.root))
    assert code == 1
    assert out.splitlines()[0] == (
        "content/posts/2027/01/a.md:6:9: error [unknown-pillar] unknown pillar `nope`:"
        " it is not defined in strategy/pillars.yaml"
    )
    assert out.splitlines()[1] == "    hint: known: `expertise`"
    assert out.splitlines()[-1] == "1 error, 0 warnings in 10 files checked."


def test_json_report(runner: CliRunner, brand: BrandRepo) -> None:
    brand.post("a", BAD_POST)
    code, out, _ = run(runner, "validate", "--repo", str(brand.root), "--format", "json")
    assert code == 1
    document = json.loads(out)
    assert document["summary"] == {"errors": 1, "warnings": 0, "files_checked": 10}
    assert document["problems"][0] == {
        "severity": "error",
        "code": "unknown-pillar",
        "file": "content/posts/2027/01/a.md",
        "line": 6,
        "column": 9,
        "message": "unknown pillar `nope`: it is not defined in strategy/pillars.yaml",
        "hint": "known: `expertise`",
    }


def test_github_annotations_then_full_report(runner: CliRunner, brand: BrandRepo) -> None:
    brand.post("a", BAD_POST)
    code, out, _ = run(runner, "validate", "--repo", str(brand.root), "--format", "github")
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(
        "::error file=content/posts/2027/01/a.md,line=6,col=9,title=socialplan unknown-pillar::"
    )
    # Message text is escaped for the workflow command syntax, never cut short.
    assert "unknown pillar `nope`" in first
    assert "content/posts/2027/01/a.md:6:9: error [unknown-pillar]" in out


def test_warnings_fail_only_with_strict(runner: CliRunner, brand: BrandRepo) -> None:
    brand.write("strategy/notes.yaml", "anything: here\n")
    code, out, _ = run(runner, "validate", "--repo", str(brand.root))
    assert code == 0
    assert "warning [unknown-file]" in out
    code, _, _ = run(runner, "validate", "--repo", str(brand.root), "--strict")
    assert code == 1


def test_paths_narrow_the_report(runner: CliRunner, brand: BrandRepo) -> None:
    brand.post("a", BAD_POST)
    other = brand.post("b", "id: b\ntitle: Fine\nstatus: draft")
    code, out, _ = run(runner, "validate", str(other))
    assert code == 0, out
    code, out, _ = run(runner, "validate", str(brand.root / "content"))
    assert code == 1


def test_usage_errors_exit_two_without_traceback(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = run(runner, "validate", str(tmp_path / "nope"))
    assert code == 2
    assert "does not exist" in err
    os.chdir(tmp_path)
    code, _, err = run(runner, "validate")
    assert code == 2
    assert "not inside a socialplan repository" in err
    assert "Traceback" not in err
    code, _, err = run(runner, "validate", "--format", "xml")
    assert code == 2


def test_path_outside_the_repo_is_a_usage_error(runner: CliRunner, brand: BrandRepo, tmp_path):
    outside = tmp_path / "elsewhere.md"
    outside.write_text("x")
    code, _, err = run(runner, "validate", "--repo", str(brand.root), str(outside))
    assert code == 2
    assert "is not inside the repository" in err


def test_every_command_has_an_example_in_its_help(runner: CliRunner) -> None:
    for args in (["validate"], ["init"], ["new"], ["new", "post"]):
        code, out, _ = run(runner, *args, "--help")
        assert code == 0
        assert "Example" in out, args
