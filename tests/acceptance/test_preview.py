"""`socialplan preview --base REF` on real git repositories."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from socialplan.commands.preview import preview
from socialplan.load.ledger import published, published_ids
from socialplan.preview.escape import WORD_JOINER

from ..conftest import BrandRepo

CHANNELS = """
# yaml-language-server: $schema=../schemas/channels.schema.json
channels:
  - id: bluesky
    network: bluesky
    account: testbrand.bsky.social
    time_zone: Europe/London
  - id: x
    network: x
    account: "@testbrand"
    time_zone: Europe/London
"""
PERSONA = """
---
id: night-owl
name: The night owl
time_zone: America/New_York
---
Reads at night.
"""


def front(ident: str, day: int, channels: str = "[bluesky, x]") -> str:
    return f"""
id: {ident}
title: Post {ident}
status: approved
objective: first-objective
pillar: expertise
personas: [night-owl]
channels: {channels}
at: 2027-01-{day:02d} 09:00 Europe/London
"""


def git(root: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


@pytest.fixture
def repo(brand: BrandRepo) -> BrandRepo:
    """A brand repository on `main` with four posts, then a `pr` branch checked out."""
    brand.write("strategy/channels.yaml", CHANNELS)
    brand.write("strategy/audience/night-owl.md", PERSONA)
    brand.post("keep", front("keep", 4), "Unchanged post.")
    brand.post("edit", front("edit", 5), "Before the edit.")
    brand.post("gone", front("gone", 6), "To be deleted.")
    brand.post("rename-me", front("old-id", 7), "A post whose id changes.")
    brand.post("move-me", front("moved", 8), "A post whose file moves.")
    git(brand.root, "init", "-q", "-b", "main")
    git(brand.root, "add", "-A")
    git(brand.root, "commit", "-q", "-m", "base")
    git(brand.root, "checkout", "-q", "-b", "pr")
    return brand


def change_everything(repo: BrandRepo) -> None:
    repo.post("edit", front("edit", 5), "After the edit: <b>bold</b> @octocat #12 ``` fence.")
    (repo.root / "content/posts/2027/01/gone.md").unlink()
    repo.post("rename-me", front("new-id", 7), "A post whose id changes.")
    (repo.root / "content/posts/2027/01/move-me.md").rename(
        repo.root / "content/posts/2027/01/moved-here.md"
    )
    repo.post("added", front("added", 9), "A brand new post. " * 30)


def run(runner: CliRunner, repo: BrandRepo, *args: str):
    return runner.invoke(
        preview, ["--base", "main", "--repo", str(repo.root), *args], catch_exceptions=False
    )


def test_preview_shows_every_change(runner: CliRunner, repo: BrandRepo) -> None:
    change_everything(repo)
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-q", "-m", "pr")
    result = run(runner, repo)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("<!-- socialplan-preview -->\n## socialplan preview\n\n")
    assert (
        "Posts compared with `main`: **1 added**, **1 changed**, **1 id changed**, **1 moved**,"
        " **1 deleted** · ✅ no errors in these posts." in out
    )
    assert "> **Deleted posts.** They will not be published:\n> - `gone` Post gone" in out
    assert "> - `old-id` → `new-id`" in out
    assert "- `content/posts/2027/01/move-me.md` → `content/posts/2027/01/moved-here.md`" in out
    assert "`keep`" not in out
    # One section per added or changed post, each channel's text in a code block.
    assert "<summary>🆕 added · <b>Post added</b> · <code>added</code> · ✅</summary>" in out
    assert "#### Bluesky · `bluesky` · thread of 2 parts, split automatically · ✅" in out
    assert "Part 1 of 2 · " in out and "/300 graphemes; " in out
    # Times in UTC and in the persona's zone.
    assert "🕒 Tue 5 Jan 2027, 09:00 UTC · night-owl: Tue 5 Jan 2027, 04:00 EST" in out
    # User content cannot become markup, mentions or issue links.
    assert "````text\nAfter the edit: <b>bold</b> @octocat #12 ``` fence.\n````" in out
    assert "changed: `text`" in out


def test_uncommitted_edits_are_the_pull_requests_side(runner: CliRunner, repo: BrandRepo):
    repo.post("edit", front("edit", 5), "Edited but not committed.")
    out = run(runner, repo).stdout
    assert "**1 changed**" in out and "Edited but not committed." in out


def test_problems_open_the_section(runner: CliRunner, repo: BrandRepo) -> None:
    repo.post("edit", front("edit", 5, "[bluesky, nowhere]"), "Text.")
    out = run(runner, repo).stdout
    assert "<details open>\n<summary>✏️ changed · <b>Post edit</b>" in out
    assert "❌ 1 error" in out
    problem = "- ❌ `8:21` `unknown-channel` unknown channel `nowhere`: it is not defined in"
    assert problem + " strategy/channels.yaml" in out


def test_edits_to_published_posts_are_called_out(runner: CliRunner, repo: BrandRepo) -> None:
    repo.write(
        "state/published.jsonl",
        '{"post": "edit", "channel": "x"}\n\nnot json\n{"post": "gone"}\n',
    )
    (repo.root / "content/posts/2027/01/gone.md").unlink()
    repo.post("edit", front("edit", 5), "Changed after publishing.")
    out = run(runner, repo).stdout
    assert "> [!CAUTION]\n> **Already published.**" in out
    assert "> - `edit` (changed; published on x)" in out
    assert "> - `gone` (deleted; published on a channel)" in out
    assert "#### X · `x` · 1 post · ✅ · published already" in out


def test_a_strategy_edit_lists_posts_whose_variants_change(runner: CliRunner, repo: BrandRepo):
    repo.write("strategy/channels.yaml", CHANNELS + "    hashtags: {placement: none}\n")
    repo.post("keep", front("keep", 4) + "hashtags: [Tag]\n", "Unchanged post.")
    git(repo.root, "commit", "-q", "-am", "tags")
    git(repo.root, "branch", "-f", "main", "HEAD")
    repo.write("strategy/channels.yaml", CHANNELS)
    out = run(runner, repo).stdout
    assert "🎨 variants changed · <b>Post keep</b>" in out
    assert "the post is unchanged; a strategy edit changed `x`" in out


def test_long_previews_stay_under_the_budget(runner: CliRunner, repo: BrandRepo) -> None:
    for number in range(40):
        repo.post(f"many-{number}", front(f"many-{number:02d}", 11), "Words. " * 80)
    out = run(runner, repo, "--max-chars", "6000").stdout
    assert len(out.encode("utf-16-le")) // 2 <= 6000
    assert "> [!NOTE]\n> " in out and "more posts left out to stay within" in out
    assert out.endswith("(merge base `" + git(repo.root, "rev-parse", "--short=7", "main").strip()
                        + "`).</sub>\n")  # fmt: skip


def test_output_file_and_step_summary(
    runner: CliRunner, repo: BrandRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    target = tmp_path / "preview.md"
    result = run(runner, repo, "--output", str(target), "--step-summary")
    assert result.exit_code == 0 and result.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert "No post was added, changed or deleted." in text
    assert summary.read_text(encoding="utf-8") == "earlier step\n" + text


def test_bad_base_or_no_git_is_a_usage_error(
    runner: CliRunner, repo: BrandRepo, brand: BrandRepo, tmp_path: Path
) -> None:
    result = runner.invoke(preview, ["--base", "nope", "--repo", str(repo.root)])
    assert result.exit_code == 2
    assert result.stderr.startswith("socialplan: unknown git reference `nope`")
    dashed = runner.invoke(preview, ["--base", "--upload-pack=x", "--repo", str(repo.root)])
    assert dashed.exit_code == 2


def test_not_a_git_repository(runner: CliRunner, brand: BrandRepo, monkeypatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(brand.root.parent))
    result = runner.invoke(preview, ["--base", "main", "--repo", str(brand.root)])
    assert result.exit_code == 2
    assert "is not inside a git repository" in result.stderr


def test_a_brand_in_a_subfolder_of_the_git_repository(runner: CliRunner, tmp_path: Path):
    from socialplan.starter import scaffold

    top = tmp_path / "mono"
    scaffold.init(top / "brands" / "one", name="One", time_zone="UTC")
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "base")
    BrandRepo(top / "brands" / "one").post("fresh", front("fresh", 4, "[bluesky]"), "New.")
    result = runner.invoke(preview, ["--base", "main", "--repo", str(top / "brands" / "one")])
    assert result.exit_code == 0, result.output
    assert "**1 added**" in result.stdout


def test_published_ids_reads_the_ledger(tmp_path: Path) -> None:
    assert published_ids(tmp_path) == set()
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "2027.jsonl").write_text(
        '{"post": "a", "channel": "x"}\n{"post": "a", "channel": "bluesky"}\n'
        '{"post": "b"}\n[1, 2]\n{"channel": "x"}\n'
    )
    assert published(tmp_path) == {"a": {"x", "bluesky"}, "b": set()}
    assert published_ids(tmp_path) == {"a", "b"}


def test_inline_escaping_neutralises_mentions_and_issue_links() -> None:
    from socialplan.preview.escape import block, code, inline

    assert (
        inline("<b>@octocat</b> #12")
        == f"&lt;b&gt;@{WORD_JOINER}octocat&lt;/b&gt; \\#{WORD_JOINER}12"
    )
    assert code("a`b") == "``a`b``"
    assert block("```") == "````text\n```\n````"


def test_long_call_out_lists_are_capped() -> None:
    from socialplan.preview.markdown import _listed

    lines = _listed((f"> - post-{number}" for number in range(60)), most=50)
    assert len(lines) == 52
    assert lines[-2:] == ["> - … and 10 more", ""]
