"""The `socialplan` command line: a thin layer over the library.

It parses options, calls one library function, prints its result and maps it
to an exit code: 0 all good, 1 problems found, 2 usage error. Every
`SocialplanError` becomes a one-line message; nothing ends in a traceback.
"""

from __future__ import annotations

import shlex
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from . import __version__
from .commands import friendly_errors
from .commands.build import build as build_command
from .commands.calendar import calendar as calendar_command
from .commands.images import images as images_command
from .commands.preview import preview as preview_command
from .commands.site import serve as serve_command
from .commands.variants import variants as variants_command
from .guards import console
from .rules import reporting
from .rules.validate import validate as run_validation
from .starter import scaffold


@click.group(
    cls=console.SafeGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="socialplan")
def main() -> None:
    """Social media management as code.

    Your strategy (strategy/) and posts (content/posts/) live in a git
    repository; socialplan checks them, and turns them into what each network
    receives.

    \b
    Example:
      socialplan validate
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(reporting.FORMATS)),
    default="text",
    show_default=True,
    help="text for people, json for tools, github for workflow annotations.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too, not only on errors.")
@click.option(
    "--repo",
    "repo_root",
    type=click.Path(file_okay=False, path_type=Path),
    help="The brand repository (default: the one containing PATHS or the current folder).",
)
@friendly_errors
def validate(
    paths: tuple[Path, ...], output_format: str, strict: bool, repo_root: Path | None
) -> None:
    """Check the whole repository and report every problem at once.

    With PATHS, only problems in those files or folders are reported (the
    whole repository is still read, since posts refer to the strategy).

    Exit status: 0 clean, 1 problems found (warnings only with --strict),
    2 usage error.

    \b
    Examples:
      socialplan validate
      socialplan validate content/posts/2027/01 --strict
      socialplan validate --format github
    """
    result = run_validation(list(paths), root=repo_root)
    console.echo(reporting.FORMATS[output_format](result.report), nl=False)
    sys.exit(1 if result.report.failed(strict) else 0)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", default="Your Brand", show_default=True, help="The brand's name.")
@click.option(
    "--time-zone",
    default="UTC",
    show_default=True,
    help="The brand's home time zone (IANA name, e.g. Europe/London).",
)
@friendly_errors
def init(directory: Path, name: str, time_zone: str) -> None:
    """Create a new, empty brand repository in DIRECTORY.

    It holds a minimal strategy to fill in, the schemas for editor completion,
    and a pre-commit hook; it validates clean from the start.

    \b
    Example:
      socialplan init my-brand --name "Fernhill Roasters" --time-zone Europe/London
    """
    written = scaffold.init(directory, name=name, time_zone=time_zone)
    console.echo(f"Created {len(written)} files in {directory}.")
    console.echo(f"Next: cd {shlex.quote(str(directory))} && git init && socialplan build")


@main.group()
def new() -> None:
    """Create a new file with the right shape and a fresh id.

    \b
    Example:
      socialplan new post "Winter blend is back" --date 2027-01-05 --time 08:30
    """


@new.command("post")
@click.argument("title")
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Publication date, YYYY-MM-DD (default: today).",
)
@click.option(
    "--time",
    "time_of_day",
    help="Local time HH:MM in the brand's time zone (default: the next free slot).",
)
@click.option(
    "--channel",
    "channels",
    multiple=True,
    help="A channel id from strategy/channels.yaml; repeat for more"
    " (default: every enabled channel).",
)
@click.option(
    "--repo",
    "repo_root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    help="The brand repository (default: current folder).",
)
@friendly_errors
def new_post(
    title: str, day: Any, time_of_day: str | None, channels: tuple[str, ...], repo_root: Path
) -> None:
    """Create a draft post in content/posts/YYYY/MM/ with a fresh, unique id.

    \b
    Example:
      socialplan new post "Meet our roaster" --date 2027-01-12 --time 12:30 --channel linkedin
    """
    chosen_day = day.date() if day is not None else date.today()
    created = scaffold.new_post(repo_root, title, chosen_day, time_of_day, list(channels))
    console.echo(f"Created {created.path} (id: {created.id})")


main.add_command(build_command)
main.add_command(calendar_command)
main.add_command(images_command)
main.add_command(serve_command)
main.add_command(variants_command)
main.add_command(preview_command)


if __name__ == "__main__":  # pragma: no cover
    main()
