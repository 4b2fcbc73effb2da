"""Dates and times as the site writes them: fixed English names, never the machine's locale.

The same repository must give the same pages on any machine, so `strftime`'s
locale-dependent `%a` and `%b` are not used.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ..schedule.days import MONTH_NAMES, WEEKDAY_NAMES

DAYS = WEEKDAY_NAMES
MONTHS = MONTH_NAMES


def day(value: date) -> str:
    """`Mon 4 Jan 2027`."""
    return f"{DAYS[value.weekday()]} {value.day} {MONTHS[value.month - 1][:3]} {value.year}"


def short_day(value: date) -> str:
    """`Mon 4 Jan`."""
    return f"{DAYS[value.weekday()]} {value.day} {MONTHS[value.month - 1][:3]}"


def clock(moment: datetime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def moment(value: datetime) -> str:
    """`Mon 4 Jan 2027, 08:00 GMT` on the wall clock `value` carries."""
    return f"{day(value.date())}, {clock(value)} {value.tzname() or ''}".rstrip()


def month_title(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} {year}"


def month_key(value: date) -> str:
    return f"{value.year:04d}-{value.month:02d}"


def week_start(value: date) -> date:
    return value - timedelta(days=value.weekday())


def iso_utc(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC")
