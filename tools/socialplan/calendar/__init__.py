"""The editorial calendar: terminal views and an iCalendar file of the schedule.

Everything here is a pure function of a `Schedule` (see `socialplan.schedule.slots`),
except `write_ics`, which writes one file. Nothing reads the clock: the CLI
passes today's date to `default_start` when no start is given.

    from socialplan.calendar import write_ics
    write_ics(repo, Path("build/calendar.ics"))
"""

from __future__ import annotations

from .ics import EVENT_MINUTES, to_ics, uid, write_ics
from .selection import EVERYTHING, Selection, display_zone, select
from .views import VIEWS, View, default_start, month_view, week_start, week_view

__all__ = [
    "EVENT_MINUTES",
    "EVERYTHING",
    "VIEWS",
    "Selection",
    "View",
    "default_start",
    "display_zone",
    "month_view",
    "select",
    "to_ics",
    "uid",
    "week_start",
    "week_view",
    "write_ics",
]
