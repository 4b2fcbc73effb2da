"""Reading the times people write in posts: always with a time zone.

Accepted forms of `at:`
- `2027-01-05 08:30 Europe/London` — local time and IANA zone (recommended:
  it stays right across daylight-saving changes);
- `2027-01-05T08:30:00+00:00` or `…Z` — an ISO 8601 time with its UTC offset;
- `next` — the next free posting slot of each channel.

Every date socialplan plans with lies in the years FIRST_YEAR to LAST_YEAR: far
wider than any plan, and far enough from the limits of Python's dates (years 1 and
9999) that no arithmetic on them (a UTC offset, a queue searching a year ahead, a
week or month of the calendar) can leave what a date can hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

NEXT = "next"
FIRST_YEAR, LAST_YEAR = 1970, 2999
YEARS = f"{FIRST_YEAR} to {LAST_YEAR}"

_LOCAL = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})[T ](?P<time>\d{1,2}:\d{2}(?::\d{2})?)"
    r"(?:\s*(?P<offset>Z|[+-]\d{2}:?\d{2}))?(?:\s+(?P<zone>\S+))?$"
)


class BadTime(ValueError):
    def __init__(self, code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


@dataclass(frozen=True)
class When:
    """A resolved `at:`: an aware datetime (None for `next`)."""

    moment: datetime | None
    zone: str | None  # the IANA name when one was written
    ambiguous: bool = False

    @property
    def is_next(self) -> bool:
        return self.moment is None


def in_range(value: date) -> bool:
    return FIRST_YEAR <= value.year <= LAST_YEAR


def day_of(value: object) -> date | None:
    """The date written as YYYY-MM-DD, if it is one within the planning years."""
    if not isinstance(value, str):
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return None
    return parsed if in_range(parsed) else None


def out_of_range(value: str) -> BadTime:
    return BadTime(
        "date-out-of-range",
        f"`{value}` is outside the years socialplan plans in ({YEARS})",
        "check the year",
    )


@cache
def zone(name: str) -> ZoneInfo:
    """The IANA zone `name`, or BadTime with a did-you-mean hint."""
    try:
        if "/" not in name and name not in ("UTC", "GMT"):
            raise ZoneInfoNotFoundError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        import difflib

        close = difflib.get_close_matches(name, sorted(available_timezones()), n=1, cutoff=0.6)
        hint = f"did you mean `{close[0]}`?" if close else "use an IANA name like `Europe/London`"
        raise BadTime("unknown-time-zone", f"`{name}` is not a known time zone", hint) from None


def parse_at(text: str, default_zone: str | None = None) -> When:
    value = text.strip()
    if value == NEXT:
        return When(None, None)
    match = _LOCAL.match(value)
    if not match:
        words = value.split()
        example = f"{words[0] if words else '2027-01-05'} 09:00 {default_zone or 'Europe/London'}"
        raise BadTime(
            "bad-time",
            f"`{value}` is not a time socialplan can read" if value else "the time is empty",
            f"write a date, a time and a zone, like `{example}`, or `next`",
        )
    try:
        naive = datetime.fromisoformat(f"{match['date']}T{_pad(match['time'])}")
    except ValueError:
        raise BadTime(
            "bad-time",
            f"`{value}` is not a real date or time",
            "check the day of the month and that hours run 00–23",
        ) from None
    if not in_range(naive):
        raise out_of_range(value)
    offset, zone_name = match["offset"], match["zone"]
    if offset and zone_name:
        raise BadTime(
            "bad-time",
            f"`{value}` gives both a UTC offset and a zone",
            "give only the zone: it knows its own offset on every date",
        )
    if offset:
        return When(naive.replace(tzinfo=_offset(offset)), None)
    if not zone_name:
        zone_hint = default_zone or "Europe/London"
        raise BadTime(
            "time-zone-missing",
            f"`{value}` has no time zone, so nobody can tell when it goes out",
            f"add the zone: `{match['date']} {_pad(match['time'])[:5]} {zone_hint}`",
        )
    tz = zone(zone_name)
    return _localise(naive, tz, zone_name, value)


def _localise(naive: datetime, tz: tzinfo, name: str, value: str) -> When:
    first = naive.replace(tzinfo=tz, fold=0)
    second = naive.replace(tzinfo=tz, fold=1)
    # zoneinfo round trip: a time in a spring-forward gap comes back different.
    back = first.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    if back != naive:
        raise BadTime(
            "time-does-not-exist",
            f"`{value}` does not exist: the clocks skip that hour in {name}",
            "pick a time an hour later or earlier",
        )
    return When(first, name, ambiguous=first.utcoffset() != second.utcoffset())


def _pad(time: str) -> str:
    parts = time.split(":")
    parts[0] = parts[0].zfill(2)
    if len(parts) == 2:
        parts.append("00")
    return ":".join(parts)


def _offset(text: str) -> timezone:
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 23 or minutes > 59:
        raise BadTime(
            "bad-time",
            f"`{text}` is not a UTC offset: offsets run from -23:59 to +23:59",
            "write an offset such as `+01:00`, or the time zone's name, like `Europe/London`",
        )
    return timezone(sign * timedelta(hours=hours, minutes=minutes))
