"""The calendar's kept events: each event's serialised text, by the fingerprint of its
inputs, so a rebuild splices the events of unchanged posts instead of serialising
them again (calendar.ics; stored as build/cache/calendar.json)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass
class EventCache:
    """Serialised events to reuse, and what a `to_ics` run made of them.

    `previous` maps a UID to [fingerprint, event text] as kept by an earlier
    run (anything else there is ignored). After `to_ics`, `entries` holds the
    same for every event of this run, to keep for the next one (so events of
    deleted posts are dropped), and `built` / `reused` the UIDs of the events
    serialised anew and of those spliced from `previous`.
    """

    previous: Mapping[str, object] = field(default_factory=dict)
    entries: dict[str, list[str]] = field(default_factory=dict)
    built: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)

    def kept(self, name: str, key: str) -> str | None:
        """The previous text of event `name` if it was made from `key`."""
        item = self.previous.get(name)
        if (
            isinstance(item, list)
            and len(item) == 2
            and item[0] == key
            and isinstance(item[1], str)
            and item[1].startswith("BEGIN:VEVENT\r\n")
            and item[1].endswith("END:VEVENT\r\n")
        ):
            return item[1]
        return None
