"""`socialplan images`: every post's images for every channel, and for the site."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..guards import console
from ..images import ImageSettings, ImagesRun, PostImages, render_images
from ..images.sources import DEFAULT_MAX_PIXELS
from ..load.loader import find_root
from ..problems import Report
from ..rules import reporting
from . import friendly_errors, locked, repo_option


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def progress_line(result: PostImages) -> str | None:
    """One line per post that did some work; quiet for posts taken from the cache."""
    if not result.rendered and not result.removed:
        return None
    parts = [f"{result.rendered} rendered"]
    if result.cached:
        parts.append(f"{result.cached} cached")
    if result.removed:
        parts.append(f"{len(result.removed)} removed")
    return f"  {result.post}: {', '.join(parts)}"


def summary(run: ImagesRun, shown_out: str) -> str:
    posts = _plural(len(run.posts), "post")
    if not run.rendered:
        return (
            f"Nothing to render: all {_plural(run.cached, 'image')} of {posts} are up to date"
            f" in {shown_out} (no image was opened)."
        )
    kept = f" and kept {run.cached} from the cache," if run.cached else ""
    return (
        f"Rendered {_plural(run.rendered, 'image')}{kept} for {posts} into {shown_out}"
        f" in {run.seconds:.1f} s."
    )


@click.command("images")
@click.argument("posts", nargs=-1, metavar="[POST]...")
@click.option("--force", is_flag=True, help="Render every image again, ignoring the cache.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where images go: a new or empty folder, or one socialplan wrote images to"
    " before (default: build/images in the repository).",
)
@click.option(
    "--max-pixels",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_PIXELS,
    show_default=True,
    help="Refuse source images with more pixels than this (decompression bombs).",
)
@repo_option
@friendly_errors
def images(
    posts: tuple[str, ...],
    force: bool,
    out_dir: Path | None,
    max_pixels: int,
    repo_root: Path | None,
) -> None:
    """Make the images of every post, fitted to each of its channels.

    For each POST (an id, or a post's file; default: every post that is not an
    idea or cancelled) socialplan draws its card and fits its photos to every
    channel's size, format and file-size cap, and makes an Open Graph image for
    the site: build/images/<post id>/<channel>-<n>.<ext>, og.png (or og.jpg),
    and a manifest.json with sizes, bytes, hashes and alt text. Photos are
    turned upright and lose all their metadata (GPS first of all).

    Images whose inputs have not changed are kept from the last run: a second
    run does no image work and says so. --force draws everything again.

    Exit status: 0 done (warnings allowed), 1 an image could not be made,
    2 usage error.

    \b
    Examples:
      socialplan images
      socialplan images 2027-01-07-hearth-launch
      socialplan images content/posts/2027/01/2027-01-07-hearth-launch.md --force
    """
    with locked(find_root(repo_root or Path.cwd()), "images"):
        run = render_images(
            posts,
            root=repo_root,
            out_dir=out_dir,
            settings=ImageSettings(max_pixels=max_pixels),
            force=force,
            progress=_echo_progress,
        )
    if run.problems:
        # The validate report's lines, without its summary of files checked.
        lines = reporting.as_text(Report(run.problems)).splitlines()[:-1]
        console.echo("\n".join(lines))
    try:
        shown_out = run.out_dir.relative_to(run.root).as_posix() + "/"
    except ValueError:
        shown_out = str(run.out_dir)
    if run.pruned:
        console.echo(f"Removed the images of {_plural(len(run.pruned), 'post')} no longer planned.")
    console.echo(summary(run, shown_out))
    errors = sum(1 for p in run.problems if p.is_error)
    if errors:
        console.echo(f"{_plural(errors, 'image problem')} stopped images from being made.")
    sys.exit(1 if run.failed else 0)


def _echo_progress(result: PostImages) -> None:
    line = progress_line(result)
    if line is not None:
        console.echo(line)
