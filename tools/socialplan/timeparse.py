"""Reading the times people write in posts: always with a time zone.

Accepted forms of `at:`
- `2027-01-05 08:30 Europe/London` — local time and IANA zone (recommended:
  it stays right across daylight-saving changes);
- `2027-01-05T08:30:00+00:00` or `…Z` — an ISO 8601 time with its UTC offset;
- `next` — the next free posting slot of each channel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

NEXT = "next"

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
    example = f"{value.split()[0]} 09:00 {default_zone or 'Europe/London'}"
    if not match:
        raise BadTime(
            "bad-time",
            f"`{value}` is not a time socialplan can read",
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
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
