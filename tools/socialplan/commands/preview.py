"""`socialplan preview`: Markdown for a pull request, showing what each network will get."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..errors import UsageError, WriteError
from ..guards import console, urls
from ..guards.output_folders import check_file
from ..load.loader import find_root
from ..preview import markdown
from ..preview import preview as build_preview
from . import friendly_errors, repo_option


@click.command("preview")
@click.option(
    "--base",
    "base_ref",
    required=True,
    metavar="REF",
    help="The branch, tag or commit the pull request targets, e.g. origin/main.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the Markdown to this file instead of printing it.",
)
@click.option(
    "--step-summary",
    is_flag=True,
    help="Also append the Markdown to the file named by $GITHUB_STEP_SUMMARY.",
)
@click.option(
    "--max-chars",
    type=click.IntRange(2_000, 1_000_000),
    default=markdown.DEFAULT_BUDGET,
    show_default=True,
    help="Leave posts out beyond this length (GitHub comments take 65,536 characters).",
)
@click.option(
    "--media-base-url",
    metavar="URL",
    help="Show images from URL/content/media/... (e.g. the raw files of the pull"
    " request's commit); without it images are listed with their alt text.",
)
@repo_option
@friendly_errors
def preview(
    base_ref: str,
    output: Path | None,
    step_summary: bool,
    max_chars: int,
    media_base_url: str | None,
    repo_root: Path | None,
) -> None:
    """Write Markdown showing every post a pull request adds or changes.

    For each added or changed post and each of its channels: the text as the
    network will show it, its length against the limit, the time in UTC and in
    each persona's time zone, its images and its problems. Deleted posts,
    changed ids and edits to posts already published are called out at the top.
    Posts are compared with the merge base of REF and HEAD, and the working tree
    (uncommitted edits included) is the pull request's side.

    The output fits a sticky pull-request comment (it starts with the marker
    <!-- socialplan-preview -->) and $GITHUB_STEP_SUMMARY.

    Exit status: 0 written (whatever problems it shows: `socialplan validate`
    is the check), 2 usage error (an unknown REF, not a git repository).

    \b
    Examples:
      socialplan preview --base origin/main
      socialplan preview --base main --output preview.md --step-summary
    """
    if media_base_url is not None and urls.checked(media_base_url) is None:
        raise UsageError(f"--media-base-url {media_base_url!r} is not a web address", urls.HINT)
    if output is not None:
        # Never over a file of the user's, nor into the repository's sources.
        root = find_root(repo_root if repo_root is not None else Path.cwd())
        check_file(output, root, "preview", markdown.MARKER.encode("utf-8"))
    result = build_preview(
        repo_root if repo_root is not None else Path.cwd(),
        base_ref,
        budget=max_chars,
        media_base_url=media_base_url,
    )
    if output is not None:
        _write(output, result.markdown, append=False)
    else:
        console.echo(result.markdown, nl=False)
    if step_summary:
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if not summary:
            raise UsageError(
                "--step-summary needs $GITHUB_STEP_SUMMARY, which GitHub Actions sets",
                "run it in a workflow step, or use --output",
            )
        _write(Path(summary), result.markdown, append=True)


def _write(path: Path, text: str, *, append: bool) -> None:
    try:
        with path.open("a" if append else "w", encoding="utf-8", newline="\n") as handle:
            handle.write(console.safe(text))
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror}", "check the path") from exc
