"""Which images a post needs: one list per channel, and one for the site.

A channel's images are the post's card (when it has one) followed by its media,
or by the channel's override `media:`. Each becomes a `Job`: what to draw, for
which network's rules, under which output name (`<channel>-<n>`), and where in
the post file it was asked for, so that problems point at the right line. The
site gets `og`: the card, else the first photo, else a title card.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..load.model import Media, Post, Repo, mapping, publishing_channels, text
from ..problems import Pointer
from .fitting import CENTRE, Focus
from .networks import OPEN_GRAPH, ImageSpec, spec_for

# The template of the title card a post without card or photo gets for the site.
DEFAULT_TEMPLATE = "announcement"


@dataclass(frozen=True)
class CardSpec:
    template: str
    title: str
    subtitle: str | None
    background: str | None  # relative to content/media/
    focus: Focus
    pointer: Pointer  # ("card",), or ("title",) for a post's default title card


@dataclass(frozen=True)
class Job:
    name: str  # output file name without extension: "bluesky-1", "og"
    channel: str | None
    spec: ImageSpec
    alt: str | None
    pointer: Pointer  # where the image is defined in the post
    card: CardSpec | None = None
    source: str | None = None  # a photo, relative to content/media/
    focus: Focus = CENTRE

    @property
    def kind(self) -> str:
        return "card" if self.card is not None else "photo"

    @property
    def file_pointer(self) -> Pointer:
        """Where a problem with the job's source file is shown."""
        if self.card is not None:
            return (*self.card.pointer, "background")
        return (*self.pointer, "file")


def at(data: Any, pointer: Pointer) -> Any:
    """The value at `pointer` inside parsed YAML, or None."""
    for step in pointer:
        if isinstance(step, int) and isinstance(data, list) and 0 <= step < len(data):
            data = data[step]
        elif isinstance(step, str) and isinstance(data, dict):
            data = data.get(step)
        else:
            return None
    return data


def focus_of(value: Any) -> Focus:
    if isinstance(value, dict):
        x, y = value.get("x"), value.get("y")
        if isinstance(x, int | float) and isinstance(y, int | float):
            return (min(max(float(x), 0.0), 1.0), min(max(float(y), 0.0), 1.0))
    return CENTRE


def card_of(post: Post) -> CardSpec | None:
    card = post.data.get("card")
    if not isinstance(card, dict) or not text(card, "template") or not text(card, "title"):
        return None
    return CardSpec(
        template=str(card["template"]),
        title=str(card["title"]),
        subtitle=text(card, "subtitle"),
        background=text(card, "background"),
        focus=focus_of(card.get("focus")),
        pointer=("card",),
    )


def _photo_job(name: str, channel: str | None, spec: ImageSpec, post: Post, item: Media) -> Job:
    focus = focus_of(mapping(at(post.data, item.pointer) or {}, "focus"))
    return Job(name, channel, spec, item.alt, item.pointer, source=item.file, focus=focus)


def plan(repo: Repo, post: Post) -> list[Job]:
    """Every image the post needs, in a stable order."""
    jobs: list[Job] = []
    card = card_of(post)
    card_alt = text(mapping(post.data, "card"), "alt")
    for channel in publishing_channels(post, repo):
        spec = spec_for(channel)
        if spec is None:
            continue
        override = post.overrides.get(channel.id)
        media = (
            override.media if override is not None and override.media is not None else post.media
        )
        number = 0
        if card is not None:
            number += 1
            jobs.append(Job(f"{channel.id}-{number}", channel.id, spec, card_alt, ("card",), card))
        for item in media:
            number += 1
            jobs.append(_photo_job(f"{channel.id}-{number}", channel.id, spec, post, item))
    jobs.append(_open_graph(post, card, card_alt))
    return jobs


def _open_graph(post: Post, card: CardSpec | None, card_alt: str | None) -> Job:
    if card is not None:
        return Job("og", None, OPEN_GRAPH, card_alt, ("card",), card)
    if post.media:
        return _photo_job("og", None, OPEN_GRAPH, post, post.media[0])
    title_card = CardSpec(DEFAULT_TEMPLATE, post.title or post.id, None, None, CENTRE, ("title",))
    return Job("og", None, OPEN_GRAPH, post.title or post.id, ("title",), title_card)
