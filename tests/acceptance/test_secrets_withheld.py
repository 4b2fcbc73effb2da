"""A secret pasted anywhere is reported, masked, and never reaches an output.

Every command that writes or prints what a brand wrote is run on a repository
with secrets in a post (its text, title, notes, thread, an override, alt text), a
persona and a strategy file, including the commands that do not stop on
validation errors (`variants`, `calendar`, plain `mkdocs build`, `preview`).
"""

from __future__ import annotations

import html
import json
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from socialplan.cli import main

from ..conftest import ROOT, BrandRepo
from ..unit.site.test_site_pages import png
from .test_preview import git
from .test_site_build import mkdocs_build

# Built from pieces so that this file itself does not trip secret scanners.
GITHUB = "ghp_" + "Q7w" * 12
NPM = "npm_" + "Zk4" * 12
HUGGING_FACE = "hf_" + "Yt5" * 11
GITLAB = "glpat-" + "Wd6" * 7
MASTODON = "mt" + "9Rv" * 6
TOKEN = "tk" + "8Hs" * 6
WIDE = "ｈｕｎｔｅｒ２ｈｕｎｔｅｒ２"  # full-width "hunter2hunter2"
HANDLE = "leaky.bsky.social"
SECRETS = (GITHUB, NPM, HUGGING_FACE, GITLAB, MASTODON, TOKEN, WIDE, HANDLE)

POST = f"""
    id: 2027-01-05-leak
    title: "Launch {NPM}"
    status: approved
    objective: first-objective
    pillar: expertise
    channels: [bluesky]
    at: 2027-01-05 09:00 Europe/London
    link: https://example.com/launch
    notes: "Reviewers: {HUGGING_FACE}"
    thread:
      - "Part two {GITLAB}"
    media:
      - file: cup.png
        alt: "A cup. Ｐａｓｓｗｏｒｄ: {WIDE}"
"""
BODY = f"Our token is {GITHUB} oops.\nAnd MASTODON_TOKEN={MASTODON} too."
PLAYBOOK_REPLY = f"""
saved_replies:
  - id: login
    title: Login help
    text: "Use token: {TOKEN} to log in."
"""


@pytest.fixture
def leaky(brand: BrandRepo) -> BrandRepo:
    brand.write("mkdocs.yml", (ROOT / "mkdocs.yml").read_text("utf-8"))
    brand.write("content/media/cup.png", png())
    git(brand.root, "init", "-q", "-b", "main")
    git(brand.root, "add", "-A")
    git(brand.root, "commit", "-q", "-m", "base")
    git(brand.root, "checkout", "-q", "-b", "pr")
    brand.post("leak", POST, BODY)
    playbook = brand.root / "strategy/playbook.yaml"
    playbook.write_text(playbook.read_text().replace("saved_replies: []\n", PLAYBOOK_REPLY))
    persona = brand.root / "strategy/audience/main-audience.md"
    persona.write_text(persona.read_text() + f"\nBLUESKY_HANDLE={HANDLE}\n")
    git(brand.root, "add", "-A")
    git(brand.root, "commit", "-q", "-m", "pr")
    return brand


def readings(text: str) -> list[str]:
    """A text as a reader may see it: as written, HTML-decoded, NFKC-folded."""
    forms = [text, html.unescape(text)]
    return forms + [unicodedata.normalize("NFKC", form) for form in forms]


def leaked(text: str) -> list[str]:
    found = []
    for form in readings(text):
        found += [s for s in SECRETS if s in form or unicodedata.normalize("NFKC", s) in form]
    return sorted(set(found))


def leaks_in_tree(folder: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        text = path.read_bytes().decode("utf-8", errors="replace")
        if path.suffix == ".json":
            # JSON may write any character as \\uXXXX: compare the decoded values too.
            text += json.dumps(json.loads(text), ensure_ascii=False)
        if leaked(text):
            found[str(path.relative_to(folder))] = leaked(text)
    return found


def run(runner: CliRunner, root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(main, [*args, "--repo", str(root)], catch_exceptions=False)
    return result.exit_code, result.stdout + result.stderr


def test_validate_reports_every_secret_masked(runner: CliRunner, leaky: BrandRepo) -> None:
    for output_format in ("text", "json", "github"):
        code, out = run(runner, leaky.root, "validate", "--format", output_format)
        assert code == 1
        assert leaked(out) == [], output_format
    code, out = run(runner, leaky.root, "validate")
    where = sorted(
        line.split(": error")[0] for line in out.splitlines() if "[secret-in-content]" in line
    )
    assert where == [
        "content/posts/2027/01/leak.md:10:20",  # notes
        "content/posts/2027/01/leak.md:12:15",  # thread
        "content/posts/2027/01/leak.md:15:18",  # alt text, full width: its own column
        "content/posts/2027/01/leak.md:17:14",  # body
        "content/posts/2027/01/leak.md:18:5",  # MASTODON_TOKEN=
        "content/posts/2027/01/leak.md:3:16",  # title
        "strategy/audience/main-audience.md:20:1",  # a credential variable of channels.yaml
        "strategy/playbook.yaml:18:16",  # token:
    ]


def test_no_output_of_any_command_shows_a_secret(
    runner: CliRunner, leaky: BrandRepo, tmp_path: Path
) -> None:
    root = leaky.root
    outputs = {
        "variants": run(runner, root, "variants"),
        "variants --sent": run(runner, root, "variants", "--sent"),
        "variants --format json": run(runner, root, "variants", "--format", "json"),
        "variants --out": run(runner, root, "variants", "--out", str(tmp_path / "variants")),
        "calendar": run(runner, root, "calendar", "--start", "2027-01-04"),
        "calendar month": run(runner, root, "calendar", "--view", "month", "--start", "2027-01-01"),
        "calendar --ics": run(runner, root, "calendar", "--ics", str(tmp_path / "calendar.ics")),
        "preview": run(runner, root, "preview", "--base", "main"),
        "build": run(runner, root, "build", "--out", str(tmp_path / "refused")),
    }
    for name, (_, out) in outputs.items():
        assert leaked(out) == [], name
    # What the secrets were in is still shown, with each secret hidden.
    assert outputs["variants"][1].count("[secret hidden]") >= 3
    assert "Our token is [secret hidden] oops." in outputs["preview"][1]
    assert outputs["build"][0] == 1  # refused: validation found the secrets
    assert not (tmp_path / "refused").exists()
    assert leaks_in_tree(tmp_path / "variants") == {}
    assert (tmp_path / "variants/2027-01-05-leak/bluesky.json").is_file()
    ics = (tmp_path / "calendar.ics").read_text("utf-8")
    assert "2027-01-05-leak" in ics and leaked(ics.replace("\r\n ", "")) == []
    # `mkdocs build` (as `socialplan serve` runs it) only warns about validation errors.
    site = tmp_path / "site"
    done = mkdocs_build(root, site)
    assert done.returncode == 0, done.stderr
    assert leaked(done.stdout + done.stderr) == []
    assert (site / "posts/2027-01-05-leak/index.html").is_file()
    assert (site / "search/search_index.json").is_file()
    assert leaks_in_tree(site) == {}
    index = (site / "search/search_index.json").read_text("utf-8")
    assert "Our token is [secret hidden] oops." in index
    assert git(root, "status", "--porcelain") == ""
