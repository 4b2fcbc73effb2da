"""`socialplan variants`: the exact text each channel of each post will receive."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import UsageError
from ..guards import console
from ..load.loader import find_root, load
from ..variants import output_files, report
from . import friendly_errors, locked, repo_option


@click.command("variants")
@click.argument("posts", nargs=-1, metavar="[POST]...")
@click.option("--channel", "channels", multiple=True, metavar="ID", help="Only this channel.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people; json gives the same documents as the build writes.",
)
@click.option(
    "--sent",
    is_flag=True,
    help="Show the text exactly as sent (LinkedIn's escapes and templates, Slack's"
    " entities) instead of as people see it.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write every variant as OUT/<post-id>/<channel>.json (the build uses"
    " build/variants) instead of printing.",
)
@repo_option
@friendly_errors
def variants(
    posts: tuple[str, ...],
    channels: tuple[str, ...],
    output_format: str,
    sent: bool,
    out_dir: Path | None,
    repo_root: Path | None,
) -> None:
    """Print what each channel of each POST will receive: text, thread, lengths.

    POST is a post id, a post file or a folder of posts; without one, every active
    post is shown. Mentions are resolved, links UTM-tagged, hashtags placed by each
    channel's policy, and text too long for a network with threads is split into a
    thread. Each part shows its length against the limit, counted the way the
    network counts.

    Exit status: 0 every variant fits, 1 a variant is over a limit, 2 usage error.

    \b
    Examples:
      socialplan variants 2027-01-07-hearth-launch
      socialplan variants content/posts/2027/01 --channel bluesky
      socialplan variants --format json > variants.json
      socialplan variants --out build/variants
    """
    root = find_root(repo_root if repo_root is not None else Path.cwd())
    repo = load(root).repo
    for channel_id in channels:
        if channel_id not in repo.channels:
            known = ", ".join(sorted(repo.channels)) or "none"
            raise UsageError(
                f"unknown channel `{channel_id}`",
                f"channels in strategy/channels.yaml: {known}",
            )
    chosen = output_files.select(repo, posts)
    if out_dir is not None:
        if posts or channels:
            raise UsageError(
                "--out writes the variants of every post and channel",
                "leave out POST and --channel, or print a selection without --out",
            )
        with locked(root, "variants"):
            done = output_files.write_all(repo, out_dir)
        console.echo(
            f"Wrote {len(done.written)} variant files to {out_dir}"
            f" ({len(done.unchanged)} unchanged, {len(done.removed)} removed)."
        )
        return
    shown = report.listed(repo, chosen, channels)
    if output_format == "json":
        console.echo(report.as_json(shown), nl=False)
    else:
        console.echo(report.as_text(repo, shown, sent=sent), nl=False)
    sys.exit(1 if report.any_over(shown) else 0)
