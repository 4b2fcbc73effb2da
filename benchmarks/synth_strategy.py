"""The strategy as the post generator sees it, and the calendar of posting slots.

Read with PyYAML directly rather than through socialplan: the generator must not
depend on the code it benchmarks for anything but the final check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

START = date(2027, 1, 4)  # a Monday, after the demo's strategy was written
DEFAULT_ZONE = "Europe/London"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class NetworkRules:
    """What the generator must respect on one network (documented platform limits)."""

    text_limit: int
    threads: bool
    max_images: int
    hashtag_cap: int | None = None
    needs_image: bool = False
    links_in_text: bool = True


NETWORKS = {
    "x": NetworkRules(280, threads=True, max_images=4),
    "bluesky": NetworkRules(300, threads=True, max_images=4),
    "mastodon": NetworkRules(500, threads=True, max_images=4),
    "threads": NetworkRules(500, threads=True, max_images=20),
    "linkedin": NetworkRules(3000, threads=False, max_images=20),
    "instagram": NetworkRules(
        2200, threads=False, max_images=10, hashtag_cap=5, needs_image=True, links_in_text=False
    ),
}
# Texts are kept to this share of a limit: the bound is already an over-estimate,
# the margin keeps posts realistic rather than right at the edge.
FILL = 0.9

# --- reading the strategy ---------------------------------------------------------------


@dataclass
class Channel:
    id: str
    network: str
    rules: NetworkRules
    zone: ZoneInfo
    slots: dict[str, list[str]]
    max_per_day: int
    min_gap: timedelta
    tag_cap: int | None  # hashtags the post may show here without a warning or error
    tags_appended: bool
    link_appended: bool
    text_limit: int
    blackout: frozenset[str]


@dataclass
class Person:
    id: str
    name: str
    handles: dict[str, str]

    @property
    def longest_form(self) -> int:
        """Characters of the longest way a mention of this person can be written."""
        return max([len(self.name) + len(h) + 6 for h in self.handles.values()] + [len(self.name)])


@dataclass
class Campaign:
    id: str
    objective: str
    start: date
    end: date
    hashtag: str | None


@dataclass
class Strategy:
    source: str
    zone_name: str
    site_url: str
    channels: list[Channel]
    people: list[Person]
    pillars: list[tuple[str, float]]
    objectives: list[str]
    campaigns: list[Campaign]
    personas: list[str]
    banned: re.Pattern[str] | None
    images: list[str] = field(default_factory=list)  # paths relative to content/media/


def load_yaml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def _front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}
    yaml_text = text.split("\n---", 2)[0] if text.count("\n---") else ""
    data = yaml.safe_load(yaml_text.removeprefix("---"))
    return data if isinstance(data, dict) else {}


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _banned_pattern(words: list[str]) -> re.Pattern[str] | None:
    cleaned = sorted(
        {w.strip() for w in words if isinstance(w, str) and w.strip()}, key=len, reverse=True
    )
    if not cleaned:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in cleaned)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def read_strategy(root: Path, source: str) -> Strategy:
    folder = root / "strategy"
    brand = load_yaml(folder / "brand.yaml")
    zone_name = str(brand.get("time_zone") or DEFAULT_ZONE)
    voice = brand.get("voice")
    voice = voice if isinstance(voice, dict) else {}
    channels = []
    for item in load_yaml(folder / "channels.yaml").get("channels") or []:
        rules = NETWORKS.get(item.get("network"))
        if rules is None or item.get("enabled") is False:
            continue  # a network the generator does not write for, or a paused account
        hashtags = item.get("hashtags") or {}
        links = item.get("links") or {}
        limits = item.get("limits") or {}
        caps = [c for c in (hashtags.get("max"), rules.hashtag_cap) if isinstance(c, int)]
        link_placement = links.get("placement") or ("append" if rules.links_in_text else "bio")
        channels.append(
            Channel(
                id=item["id"],
                network=item["network"],
                rules=rules,
                zone=ZoneInfo(item.get("time_zone") or zone_name),
                slots={d: sorted(t) for d, t in (item.get("slots") or {}).items()}
                or {d: ["09:00", "17:00"] for d in WEEKDAYS[:5]},
                max_per_day=int(item.get("max_posts_per_day") or 3),
                min_gap=timedelta(minutes=int(item.get("min_gap_minutes") or 0)),
                tag_cap=min(caps) if caps else None,
                tags_appended=hashtags.get("placement", "append") != "none",
                link_appended=link_placement in ("append", "inline"),
                text_limit=int(limits.get("text") or rules.text_limit),
                blackout=frozenset(str(d) for d in item.get("blackout_dates") or []),
            )
        )
    people = [
        Person(p["id"], p["name"], {k: v for k, v in (p.get("handles") or {}).items()})
        for p in load_yaml(folder / "people.yaml").get("people") or []
    ]
    pillars = [
        (p["id"], float(p.get("target_share") or 0.1))
        for p in load_yaml(folder / "pillars.yaml").get("pillars") or []
    ]
    objectives = [o["id"] for o in load_yaml(folder / "objectives.yaml").get("objectives") or []]
    campaigns = []
    for c in load_yaml(folder / "campaigns.yaml").get("campaigns") or []:
        start, end = _as_date(c.get("start")), _as_date(c.get("end"))
        if start and end and c.get("objective") in objectives:
            campaigns.append(Campaign(c["id"], c["objective"], start, end, c.get("hashtag")))
    personas = sorted(
        str(_front_matter(p).get("id"))
        for p in (folder / "audience").glob("*.md")
        if _front_matter(p).get("id")
    )
    return Strategy(
        source=source,
        zone_name=zone_name,
        site_url=str(brand.get("site_url") or "https://example.com").rstrip("/"),
        channels=channels,
        people=people,
        pillars=pillars,
        objectives=objectives,
        campaigns=campaigns,
        personas=personas,
        banned=_banned_pattern(list(voice.get("banned_words") or [])),
    )


# --- scheduling --------------------------------------------------------------------------


class Schedule:
    """Walks the calendar and hands out posting slots, one channel slot used at most once."""

    def __init__(self, strategy: Strategy) -> None:
        self.channels = strategy.channels
        self.zone = ZoneInfo(strategy.zone_name)
        self.day = START
        self.used: dict[tuple[str, date], int] = {}
        self.last: dict[str, datetime] = {}

    def slots(self) -> Iterator[tuple[datetime, list[Channel]]]:
        """(instant, channels free at that instant) in time order, forever."""
        while True:
            events: dict[datetime, list[Channel]] = {}
            for channel in self.channels:
                local_day = self.day
                if local_day.isoformat() in channel.blackout:
                    continue
                for hhmm in channel.slots.get(WEEKDAYS[local_day.weekday()], []):
                    hour, minute = map(int, hhmm.split(":"))
                    instant = datetime(
                        local_day.year,
                        local_day.month,
                        local_day.day,
                        hour,
                        minute,
                        tzinfo=channel.zone,
                    )
                    events.setdefault(instant, []).append(channel)
            for instant in sorted(events):
                free = [c for c in events[instant] if self.free(c, instant)]
                if free:
                    yield instant, free
            self.day += timedelta(days=1)

    def free(self, channel: Channel, instant: datetime) -> bool:
        day = instant.astimezone(channel.zone).date()
        if self.used.get((channel.id, day), 0) >= channel.max_per_day:
            return False
        last = self.last.get(channel.id)
        return last is None or instant - last >= channel.min_gap

    def take(self, channel: Channel, instant: datetime) -> None:
        day = instant.astimezone(channel.zone).date()
        self.used[(channel.id, day)] = self.used.get((channel.id, day), 0) + 1
        self.last[channel.id] = instant
