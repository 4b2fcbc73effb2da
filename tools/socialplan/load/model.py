"""Typed objects for every file kind of a brand repository.

Objects are built leniently from the parsed YAML: a value of the wrong type is
left at its default (the schema check has already reported it), so that the
rules about meaning can still run on everything else in the same pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..problems import Pointer


def text(data: dict[str, Any], key: str, default: str | None = None) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else default


def texts(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def number(data: dict[str, Any], key: str) -> float | None:
    value = data.get(key)
    if isinstance(value, bool):
        return None
    return float(value) if isinstance(value, int | float) else None


def mapping(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def records(data: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    """The mappings of the list at `key`, each with its index (for pointers)."""
    value = data.get(key)
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


@dataclass
class Document:
    """A parsed YAML document and where it came from."""

    rel: str  # repository-relative path
    data: dict[str, Any]
    text: str  # the YAML text, kept so problems can be located on demand
    line_offset: int = 0  # lines before the YAML text in the file (front matter)


@dataclass
class Located:
    """Something defined in a file, at a pointer inside that file's YAML."""

    rel: str
    pointer: Pointer


@dataclass
class Objective(Located):
    id: str
    statement: str
    goal: str
    value_per_conversion: float | None
    data: dict[str, Any]


@dataclass
class Persona(Located):
    id: str
    name: str
    time_zone: str | None
    networks: list[str]
    data: dict[str, Any]
    body: str = ""


@dataclass
class Competitor(Located):
    id: str
    name: str
    data: dict[str, Any]
    body: str = ""


@dataclass
class Channel(Located):
    id: str
    network: str
    account: str
    enabled: bool
    time_zone: str | None
    data: dict[str, Any]

    def limit(self, name: str) -> int | None:
        """A per-account override of a network limit (`limits:` in channels.yaml)."""
        return _whole(mapping(self.data, "limits").get(name))

    def limit_value(self, key: str) -> int | None:
        """A whole-number setting of the channel, such as `max_posts_per_day`."""
        return _whole(self.data.get(key))


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@dataclass
class Pillar(Located):
    id: str
    name: str
    target_share: float | None


@dataclass
class Campaign(Located):
    id: str
    name: str
    objective: str | None
    start: str | None
    end: str | None
    data: dict[str, Any]


@dataclass
class Person(Located):
    id: str
    name: str
    handles: dict[str, str]


@dataclass
class Media:
    file: str
    alt: str | None
    pointer: Pointer


@dataclass
class Override:
    text: str | None
    hashtags: list[str] | None
    media: list[Media] | None
    link: str | None
    thread: list[str] | None
    skip: bool
    pointer: Pointer


@dataclass
class Post:
    id: str
    title: str
    status: str
    rel: str
    path: Path
    body: str
    body_line: int
    data: dict[str, Any]
    objective: str | None = None
    pillar: str | None = None
    campaign: str | None = None
    personas: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    at: str | None = None
    link: str | None = None
    hashtags: list[str] = field(default_factory=list)
    media: list[Media] = field(default_factory=list)
    overrides: dict[str, Override] = field(default_factory=dict)
    thread: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        """Ideas and cancelled posts are never sent, so most rules skip them."""
        return self.status not in ("idea", "cancelled")


@dataclass
class Repo:
    root: Path
    documents: dict[str, Document] = field(default_factory=dict)
    brand: dict[str, Any] = field(default_factory=dict)
    objectives: dict[str, Objective] = field(default_factory=dict)
    budget: dict[str, Any] = field(default_factory=dict)
    personas: dict[str, Persona] = field(default_factory=dict)
    competitors: dict[str, Competitor] = field(default_factory=dict)
    channels: dict[str, Channel] = field(default_factory=dict)
    pillars: dict[str, Pillar] = field(default_factory=dict)
    pillar_settings: dict[str, Any] = field(default_factory=dict)
    campaigns: dict[str, Campaign] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    playbook: dict[str, Any] = field(default_factory=dict)
    posts: list[Post] = field(default_factory=list)
    # Composed variants by (post file, channel id), filled by variants.compose.
    variants: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def time_zone(self) -> str | None:
        return text(self.brand, "time_zone")


# Builders of strategy objects: (file, pointer, the YAML mapping) -> object.
Builder = Callable[[str, Pointer, dict[str, Any]], "Located"]


def build_objective(rel: str, pointer: Pointer, item: dict[str, Any]) -> Objective:
    return Objective(
        rel,
        pointer,
        text(item, "id", "") or "",
        text(item, "statement", "") or "",
        text(item, "goal", "") or "",
        number(item, "value_per_conversion"),
        item,
    )


def build_channel(rel: str, pointer: Pointer, item: dict[str, Any]) -> Channel:
    return Channel(
        rel,
        pointer,
        text(item, "id", "") or "",
        text(item, "network", "") or "",
        text(item, "account", "") or "",
        item.get("enabled", True) is not False,
        text(item, "time_zone"),
        item,
    )


def build_pillar(rel: str, pointer: Pointer, item: dict[str, Any]) -> Pillar:
    return Pillar(
        rel,
        pointer,
        text(item, "id", "") or "",
        text(item, "name", "") or "",
        number(item, "target_share"),
    )


def build_campaign(rel: str, pointer: Pointer, item: dict[str, Any]) -> Campaign:
    return Campaign(
        rel,
        pointer,
        text(item, "id", "") or "",
        text(item, "name", "") or "",
        text(item, "objective"),
        text(item, "start"),
        text(item, "end"),
        item,
    )


def build_person(rel: str, pointer: Pointer, item: dict[str, Any]) -> Person:
    handles = {k: v for k, v in mapping(item, "handles").items() if isinstance(v, str)}
    return Person(rel, pointer, text(item, "id", "") or "", text(item, "name", "") or "", handles)


def build_media(items: list[tuple[int, dict[str, Any]]], base: Pointer) -> list[Media]:
    return [
        Media(str(item.get("file", "")), text(item, "alt"), (*base, index))
        for index, item in items
        if isinstance(item.get("file"), str)
    ]


def build_override(data: dict[str, Any], pointer: Pointer) -> Override:
    media = data.get("media")
    hashtags = data.get("hashtags")
    thread = data.get("thread")
    return Override(
        text=text(data, "text"),
        hashtags=texts(data, "hashtags") if isinstance(hashtags, list) else None,
        media=build_media(records(data, "media"), (*pointer, "media"))
        if isinstance(media, list)
        else None,
        link=text(data, "link"),
        thread=texts(data, "thread") if isinstance(thread, list) else None,
        skip=data.get("skip") is True,
        pointer=pointer,
    )


def build_post(data: dict[str, Any], rel: str, path: Path, body: str, body_line: int) -> Post:
    overrides = {
        channel: build_override(value, ("overrides", channel))
        for channel, value in mapping(data, "overrides").items()
        if isinstance(value, dict)
    }
    return Post(
        id=text(data, "id", "") or "",
        title=text(data, "title", "") or "",
        status=text(data, "status", "draft") or "draft",
        rel=rel,
        path=path,
        body=body,
        body_line=body_line,
        data=data,
        objective=text(data, "objective"),
        pillar=text(data, "pillar"),
        campaign=text(data, "campaign"),
        personas=texts(data, "personas"),
        channels=texts(data, "channels"),
        at=text(data, "at"),
        link=text(data, "link"),
        hashtags=texts(data, "hashtags"),
        media=build_media(records(data, "media"), ("media",)),
        overrides=overrides,
        thread=texts(data, "thread"),
    )


def publishing_channels(post: Post, repo: Repo) -> Iterator[Channel]:
    """The known, enabled channels a post goes to, minus those it skips."""
    for channel_id in post.channels:
        channel = repo.channels.get(channel_id)
        if channel is None or not channel.enabled:
            continue
        override = post.overrides.get(channel_id)
        if override is not None and override.skip:
            continue
        yield channel
