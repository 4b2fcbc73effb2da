"""`socialplan calendar`: the schedule as a week or month in the terminal, or an .ics file."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from .. import calendar as editorial
from ..errors import UsageError
from ..guards import console
from ..load.loader import find_root, load
from ..schedule.slots import schedule
from ..schedule.times import YEARS, in_range
from . import friendly_errors, locked, repo_option


@click.command("calendar")
@click.option(
    "--view",
    type=click.Choice(editorial.VIEWS),
    default="week",
    show_default=True,
    help="A week as a list per day, or a month as a grid and a list.",
)
@click.option(
    "--start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="First day shown (a month view shows that day's month)."
    "  [default: this week or month, else the next one with posts]",
)
@click.option(
    "--zone",
    "zone_name",
    metavar="TZ",
    help="Show times in this IANA time zone (default: the brand's time_zone).",
)
@click.option(
    "--channel", "channels", multiple=True, metavar="ID", help="Only this channel; repeat for more."
)
@click.option(
    "--pillar", "pillars", multiple=True, metavar="ID", help="Only this pillar; repeat for more."
)
@click.option(
    "--campaign",
    "campaigns",
    multiple=True,
    metavar="ID",
    help="Only this campaign; repeat for more.",
)
@click.option(
    "--ics",
    "ics_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the calendar as an iCalendar file here instead of showing it.",
)
@repo_option
@friendly_errors
def calendar(
    view: editorial.View,
    start: datetime | None,
    zone_name: str | None,
    channels: tuple[str, ...],
    pillars: tuple[str, ...],
    campaigns: tuple[str, ...],
    ics_path: Path | None,
    repo_root: Path | None,
) -> None:
    """Show the posting schedule, or write it as an iCalendar (.ics) file.

    Each line is `HH:MM channel  title [status]`, in the brand's time zone
    unless --zone says otherwise. Filters may be repeated; the calendar keeps
    what matches every kind of filter given. Times come from each post's `at:`
    or, for `at: next`, from the channel's next free posting slot.

    Exit status: 0 shown or written, 1 the file could not be written,
    2 usage error.

    \b
    Examples:
      socialplan calendar
      socialplan calendar --view month --start 2027-01-01 --channel bluesky
      socialplan calendar --zone America/New_York --campaign winter-blend
      socialplan calendar --ics build/calendar.ics
    """
    if start is not None and not in_range(start):
        raise UsageError(
            f"--start {start.date().isoformat()} is outside the years {YEARS}", "check the year"
        )
    root = find_root(repo_root if repo_root is not None else Path.cwd())
    repo = load(root).repo
    selection = editorial.Selection(channels, pillars, campaigns)
    selection.check(repo)
    plan = schedule(repo)
    if ics_path is not None:
        with locked(root, "calendar"):
            count = editorial.write_ics(plan, ics_path, selection)
        console.echo(f"Wrote {count} event{'s' * (count != 1)} to {ics_path}.")
        return
    shown_zone = editorial.display_zone(plan, zone_name)
    first = (
        start.date()
        if start is not None
        else editorial.default_start(plan, view, date.today(), shown_zone, selection)
    )
    render = editorial.week_view if view == "week" else editorial.month_view
    console.echo(render(plan, first, shown_zone, selection), nl=False)
