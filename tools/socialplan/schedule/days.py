"""Day and month names in English, fixed: never the machine's locale.

The same repository must give the same calendar and pages on any machine, so
`strftime`'s locale-dependent `%a` and `%B` are not used.
"""

from __future__ import annotations

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
