"""No workflow-command injection: hostile values in every output socialplan prints.

A GitHub runner acts on a line that starts with `::` after its leading white
space, and on `##[` anywhere in a line; it splits lines at carriage returns too.
The only such lines socialplan may print are its own annotations, well-formed and
escaped.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from socialplan.cli import main

from ..conftest import BrandRepo
from .test_preview import git

CAMPAIGN = "bad\n::error file=evil.py,line=2::injected"
TITLE = "Title\r::add-mask::masked ##[error]legacy"
BODY = "First line.\n::stop-commands::token\n  ::warning file=x::indented\n\u00a0::notice::nbsp"
POST = f"""
    id: 2027-01-05-hostile
    title: {json.dumps(TITLE)}
    status: approved
    objective: first-objective
    pillar: expertise
    campaign: {json.dumps(CAMPAIGN)}
    channels: [bluesky]
    at: 2027-01-05 09:00 Europe/London
"""
# One of socialplan's own annotations: a command, escaped properties, one line of data.
OWN = re.compile(
    r"::(error|warning) file=[^,:\r\n]*,line=\d+,col=\d+,title=socialplan [a-z-]+::[^\r\n]*"
)
LINES = re.compile(r"\r\n|\r|\n")


def injected(output: str) -> list[str]:
    """Lines a runner would act on that are not socialplan's own annotations."""
    return [
        line
        for line in LINES.split(output)
        if "##[" in line or (line.lstrip().startswith("::") and not OWN.fullmatch(line))
    ]


def own_annotations(output: str) -> list[str]:
    return [line for line in LINES.split(output) if OWN.fullmatch(line)]


@pytest.fixture
def hostile(brand: BrandRepo) -> BrandRepo:
    git(brand.root, "init", "-q", "-b", "main")
    git(brand.root, "add", "-A")
    git(brand.root, "commit", "-q", "-m", "base")
    git(brand.root, "checkout", "-q", "-b", "pr")
    brand.post("hostile", POST, BODY)
    git(brand.root, "add", "-A")
    git(brand.root, "commit", "-q", "-m", "pr")
    return brand


def run(runner: CliRunner, root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, [*args, "--repo", str(root)], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_every_report_format_is_safe(runner: CliRunner, hostile: BrandRepo) -> None:
    for output_format in ("text", "json", "github"):
        code, out, err = run(runner, hostile.root, "validate", "--format", output_format)
        assert code == 1
        assert injected(out + err) == [], output_format
    # Text: each problem is one line, its hint another.
    _, text, _ = run(runner, hostile.root, "validate")
    lines = text.splitlines()
    campaign = next(line for line in lines if "[unknown-campaign]" in line)
    assert "`bad\\n::error file=evil.py,line=2::injected`" in campaign
    assert all(
        re.match(r"\S+:\d+:\d+: (error|warning) \[[a-z-]+\] ", line)
        or line.startswith("    hint: ")
        for line in lines[:-1]
    ), lines
    # JSON: the same data, read back as it was.
    _, out, _ = run(runner, hostile.root, "validate", "--format", "json")
    messages = [p["message"] for p in json.loads(out)["problems"]]
    assert any(CAMPAIGN in m for m in messages)
    # GitHub: one own annotation per problem, escaped, then the report.
    _, out, _ = run(runner, hostile.root, "validate", "--format", "github")
    annotations = own_annotations(out)
    assert len(annotations) == len(messages)
    campaign = next(a for a in annotations if "unknown-campaign" in a)
    assert campaign.startswith(
        "::error file=content/posts/2027/01/hostile.md,line=7,col=11,"
        "title=socialplan unknown-campaign::"
    )
    assert "bad\\n::error file=evil.py" in campaign


def test_a_hostile_file_name_stays_on_its_line(runner: CliRunner, hostile: BrandRepo) -> None:
    hostile.write("strategy/x\n::warning::injected.yaml", "anything: here\n")
    for output_format in ("text", "github"):
        _, out, err = run(runner, hostile.root, "validate", "--format", output_format)
        assert injected(out + err) == [], output_format
        assert "strategy/x\\n::warning::injected.yaml" in out or output_format == "github"
    _, out, _ = run(runner, hostile.root, "validate", "--format", "github")
    assert any(
        "file=strategy/x%0A%3A%3Awarning%3A%3Ainjected.yaml," in a for a in own_annotations(out)
    )


def test_build_preview_variants_and_calendar_output_is_safe(
    runner: CliRunner, hostile: BrandRepo, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    runner.env["GITHUB_STEP_SUMMARY"] = str(summary)  # type: ignore[index]
    outputs = {
        "build": run(runner, hostile.root, "build", "--out", str(tmp_path / "site")),
        "preview": run(runner, hostile.root, "preview", "--base", "main", "--step-summary"),
        "preview --output": run(
            runner, hostile.root, "preview", "--base", "main", "--output", str(tmp_path / "p.md")
        ),
        "variants": run(runner, hostile.root, "variants"),
        "variants --format json": run(runner, hostile.root, "variants", "--format", "json"),
        "calendar": run(runner, hostile.root, "calendar", "--start", "2027-01-04"),
        "unknown channel": run(runner, hostile.root, "variants", "--channel", CAMPAIGN),
        "bad option value": run(runner, hostile.root, "validate", "--format", CAMPAIGN),
    }
    for name, (_, out, err) in outputs.items():
        assert injected(out + err) == [], name
        assert own_annotations(out + err) == [], name
    assert outputs["build"][0] == 1  # refused: the campaign is unknown
    assert "[unknown-campaign]" in outputs["build"][1]
    assert "::stop-commands::token" in outputs["variants"][1].replace("\u2060", "")
    assert "unknown channel `bad\\n::error" in outputs["unknown channel"][2]
    assert outputs["bad option value"][0] == 2
    for written in (summary, tmp_path / "p.md"):
        text = written.read_text("utf-8")
        assert "2027-01-05-hostile" in text
        assert injected(text) == [], written
    assert git(hostile.root, "status", "--porcelain") == ""
