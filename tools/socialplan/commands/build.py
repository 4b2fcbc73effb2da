"""`socialplan build`: validate, then write variants, images, the calendar and the site."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..build import build as run_build
from ..errors import SocialplanError
from ..guards import console
from ..rules import reporting
from . import repo_option, show_error


def _progress(message: str) -> None:
    console.echo(message, err=True)


@click.command("build")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the site: a new or empty folder, or one socialplan built"
    " before (default: site/ in the repository).",
)
@click.option(
    "--no-images", is_flag=True, help="Skip rendering images (the site shows the media files)."
)
@click.option("--strict", is_flag=True, help="Refuse to build on warnings too, not only on errors.")
@click.option(
    "--clean",
    is_flag=True,
    help="Do everything again: forget what earlier builds kept (build/cache/) and render"
    " every page, instead of only what changed (images stay cached by their content).",
)
@repo_option
def build(
    out: Path | None, no_images: bool, strict: bool, clean: bool, repo_root: Path | None
) -> None:
    """Build everything: variants, images, calendar file and the strategy site.

    Validates first and builds nothing when there are errors (or warnings,
    with --strict): the report is printed instead. Then writes what each
    channel receives (build/variants/), the images (build/images/), the
    calendar file (build/calendar.ics) and the site (site/). Progress goes to
    standard error; a second build only redoes what changed.

    Exit status: 0 built, 1 problems found (nothing built), 2 usage error.

    \b
    Examples:
      socialplan build
      socialplan build --out public --no-images
    """
    try:
        result = run_build(
            repo_root,
            out=out,
            images=not no_images,
            strict=strict,
            incremental=not clean,
            progress=_progress,
        )
    except SocialplanError as exc:
        # The same message and exit code as every other command (see cli.py).
        show_error(exc)
        sys.exit(exc.exit_code)
    full = result.report
    if result.refused:
        console.echo(reporting.as_text(full), nl=False)
        console.echo("Nothing was built: fix the problems above and build again.", err=True)
        sys.exit(1)
    if full.problems:
        console.echo(reporting.as_text(full), nl=False)
    site = result.site
    how = (
        f"{site.rendered:,} of {site.pages:,} pages rendered"
        if site.incremental
        else (f"{site.pages:,} pages")
    )
    console.echo(
        f"Built the site in {_shown(site.out)}/ ({how}). See it with `socialplan serve`"
        " (http://127.0.0.1:8000), or publish the folder as it is."
    )


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
