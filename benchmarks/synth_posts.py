"""Making posts: what each says, where it goes, and what it needs per channel."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from synth_render import render
from synth_strategy import FILL, Campaign, Channel, Person, Schedule, Strategy
from synth_words import (
    ALT_ENDINGS,
    CLOSERS,
    HOOKS,
    IMAGE_SUBJECTS,
    MENTION_SENTENCES,
    NOTES,
    TAGS,
    TITLES,
    Writer,
)

# An image of a post: file (relative to content/media/), alt text, focus point or None.
Media = tuple[str, str, tuple[float, float] | None]

STATUSES = (("approved", 80), ("review", 6), ("draft", 8), ("idea", 3), ("cancelled", 3))


def _pick_weighted(rng: random.Random, options: Sequence[tuple[str, float]]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def utf8(text: str) -> int:
    return len(text.encode("utf-8"))


@dataclass
class Draft:
    """One post being made, before it is written out."""

    id: str
    title: str
    status: str
    when: datetime | None
    channels: list[Channel]
    objective: str | None = None
    pillar: str | None = None
    campaign: Campaign | None = None
    personas: list[str] = field(default_factory=list)
    link: str | None = None
    hashtags: list[str] = field(default_factory=list)
    inline_tags: list[str] = field(default_factory=list)
    media: list[Media] = field(default_factory=list)
    body: str = ""
    thread: list[str] = field(default_factory=list)
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: str | None = None
    mention: Person | None = None


class PostMaker:
    def __init__(self, strategy: Strategy, rng: random.Random, posts: int) -> None:
        self.strategy = strategy
        self.rng = rng
        self.writer = Writer(rng, strategy.banned)
        self.width = max(5, len(str(posts)))
        self.pillar_credit = {pillar: 0.0 for pillar, _ in strategy.pillars}

    # -- choosing ----------------------------------------------------------------------
    def channels_for(self, free: list[Channel]) -> tuple[list[Channel], Person | None]:
        """Some of the free channels, and maybe a person to mention on all of them."""
        rng = self.rng
        people = self.strategy.people
        if people and rng.random() < 0.3:
            wanted = rng.choice(people)
            reachable = [c for c in free if c.network in wanted.handles]
            if reachable:
                return self._some(reachable), wanted
        chosen = self._some(free)
        networks = {c.network for c in chosen}
        covering = [p for p in people if networks <= p.handles.keys()]
        person = rng.choice(covering) if covering and rng.random() < 0.25 else None
        return chosen, person

    def _some(self, channels: list[Channel]) -> list[Channel]:
        size = self.rng.choices((1, 2, 3, 4, 5), weights=(30, 35, 20, 10, 5))[0]
        picked = self.rng.sample(channels, min(size, len(channels)))
        return sorted(picked, key=channels.index)

    def pillar(self, scheduled: bool) -> str:
        """The next pillar: weighted round robin with jitter, so that every few weeks keep
        the planned mix (socialplan warns when a window drifts), yet the order varies."""
        if not scheduled:
            return _pick_weighted(self.rng, self.strategy.pillars)
        total = sum(share for _, share in self.strategy.pillars) or 1.0
        for pillar, share in self.strategy.pillars:
            self.pillar_credit[pillar] += share / total
        chosen = max(
            self.pillar_credit, key=lambda p: self.pillar_credit[p] + self.rng.uniform(0, 0.5)
        )
        self.pillar_credit[chosen] -= 1.0
        return chosen

    # -- making ------------------------------------------------------------------------
    def make(
        self,
        index: int,
        status: str,
        when: datetime | None,
        channels: list[Channel],
        person: Person | None,
    ) -> Draft:
        rng, strategy, writer = self.rng, self.strategy, self.writer
        writer.new_topic()
        title = writer.fill(rng.choice(TITLES))
        words = [w for w in re.findall(r"[a-z0-9]+", title.lower()) if len(w) > 2][:3]
        draft = Draft(
            f"{'-'.join(words) or 'post'}-{index:0{self.width}d}", title, status, when, channels
        )
        draft.pillar = self.pillar(status not in ("idea", "cancelled"))
        local_day = when.date() if when else None
        campaigns = [c for c in strategy.campaigns if local_day and c.start <= local_day <= c.end]
        if campaigns and rng.random() < 0.7:
            draft.campaign = rng.choice(campaigns)
            draft.objective = draft.campaign.objective
        else:
            draft.objective = rng.choice(strategy.objectives)
        if strategy.personas:
            draft.personas = rng.sample(
                strategy.personas, min(len(strategy.personas), rng.choice((1, 1, 2)))
            )
        if status == "idea":
            draft.body = writer.fill(rng.choice(HOOKS))
            draft.objective = draft.objective if rng.random() < 0.5 else None
            draft.notes = "Idea from the team meeting: " + writer.sentence()
            return draft
        draft.mention = person
        self._hashtags(draft)
        if rng.random() < 0.6:
            draft.link = f"{strategy.site_url}/journal/{'-'.join(words[:2])}-{index}"
        self._body(draft)
        if any(c.rules.threads for c in channels) and rng.random() < 0.12:
            draft.thread = [writer.paragraph(rng.choice((1, 2))) for _ in range(rng.randint(2, 5))]
        self._media(draft)
        self._overrides(draft)
        if rng.random() < 0.2:
            draft.notes = rng.choice(NOTES)
        return draft

    def _hashtags(self, draft: Draft) -> None:
        rng = self.rng
        tags = rng.sample(TAGS, rng.choice((0, 1, 2, 2, 3, 4)))
        if draft.campaign and draft.campaign.hashtag and draft.campaign.hashtag not in tags:
            tags.insert(0, draft.campaign.hashtag)
        if self.strategy.banned:
            tags = [t for t in tags if not self.strategy.banned.search(t)]
        draft.hashtags = tags
        caps = [c.tag_cap for c in draft.channels if c.tag_cap is not None]
        if tags and rng.random() < 0.2 and min(caps, default=1) >= 1:
            draft.inline_tags = [tags[0]]

    def _body(self, draft: Draft) -> None:
        rng, writer = self.rng, self.writer
        kind = rng.choices(("short", "medium", "long"), weights=(40, 35, 25))[0]
        hook = writer.fill(rng.choice(HOOKS))
        if draft.inline_tags:
            hook += f" #{draft.inline_tags[0]}"
        paragraphs = [hook]
        if kind == "medium":
            paragraphs.append(writer.paragraph(rng.randint(2, 4)))
        elif kind == "long":
            for _ in range(rng.randint(3, 7)):
                if rng.random() < 0.2:
                    paragraphs.append("\n".join(f"- {writer.sentence()}" for _ in range(3)))
                else:
                    paragraphs.append(writer.paragraph(rng.randint(2, 4)))
        if draft.mention is not None:
            paragraphs.append(rng.choice(MENTION_SENTENCES).format(who=draft.mention.id))
        if kind != "short" or rng.random() < 0.5:
            paragraphs.append(rng.choice(CLOSERS))
        draft.body = "\n\n".join(paragraphs)

    def _media(self, draft: Draft) -> None:
        rng, images = self.rng, self.strategy.images
        needs = any(c.rules.needs_image for c in draft.channels)
        count = rng.choice((0, 0, 1, 1, 1, 2, 3, 4))
        if needs and count == 0:
            count = 1
        draft.media = [self._image(name) for name in rng.sample(images, min(count, len(images)))]

    def _image(self, name: str) -> Media:
        rng = self.rng
        stem = Path(name).stem
        subject = next((text for key, text in IMAGE_SUBJECTS if key == stem), None)
        alt = (subject or f"Photo from the roastery library ({stem.replace('-', ' ')})") + "."
        alt += rng.choice(ALT_ENDINGS)
        focus = (
            (round(rng.uniform(0.2, 0.8), 2), round(rng.uniform(0.2, 0.8), 2))
            if rng.random() < 0.15
            else None
        )
        return name, alt, focus

    # -- per-channel overrides ----------------------------------------------------------
    def _mention_extra(self, text: str) -> int:
        """What resolving the `@{id}` mentions in `text` may add, at most."""
        if "@{" not in text:
            return 0
        extra = 0
        for person in self.strategy.people:
            token = f"@{{{person.id}}}"
            if token in text:
                extra += text.count(token) * max(0, person.longest_form - len(token))
        return extra

    def bound(self, text: str) -> int:
        """An upper bound of the length of `text` on any network, in any unit it counts."""
        return utf8(text) + self._mention_extra(text)

    def composed_bound(self, draft: Draft, channel: Channel, tags: list[str]) -> int:
        total = self.bound(draft.body)
        missing = [t for t in tags if t not in draft.inline_tags]
        if missing and channel.tags_appended:
            total += 2 + sum(len(t) + 2 for t in missing)
        if draft.link and channel.link_appended:
            total += 2 + len(draft.link)
        return total

    def _short_text(self, draft: Draft, limit: int) -> str:
        rng, writer = self.rng, self.writer
        for _ in range(20):
            parts = [writer.fill(rng.choice(HOOKS))]
            if draft.mention is not None and rng.random() < 0.5:
                parts.append(rng.choice(MENTION_SENTENCES).format(who=draft.mention.id))
            text = " ".join(parts)
            if self.bound(text) <= limit * FILL:
                return text
        return "New on the journal today."

    def _overrides(self, draft: Draft) -> None:
        rng = self.rng
        for channel in draft.channels:
            override: dict[str, Any] = {}
            limit = channel.text_limit
            tags = draft.hashtags
            if channel.tag_cap is not None and len(tags) > channel.tag_cap:
                tags = draft.inline_tags + [t for t in tags if t not in draft.inline_tags]
                tags = tags[: channel.tag_cap]
                override["hashtags"] = tags
            too_long = self.composed_bound(draft, channel, tags) > limit * FILL
            if draft.thread and not channel.rules.threads:
                # One text for a network without threads: the whole story when it fits.
                joined = "\n\n".join([draft.body, *draft.thread])
                override["text"] = (
                    joined if self.bound(joined) <= limit * FILL else self._short_text(draft, limit)
                )
                override.pop("hashtags", None)
            elif too_long:
                override["text"] = self._short_text(draft, limit)
                override.pop("hashtags", None)
                if channel.rules.threads and rng.random() < 0.5 and not draft.thread:
                    override["thread"] = [
                        self.writer.paragraph(1) for _ in range(rng.randint(1, 3))
                    ]
            if channel.network == "instagram" and rng.random() < 0.2:
                carousel = rng.sample(
                    self.strategy.images, min(len(self.strategy.images), rng.randint(3, 6))
                )
                override["media"] = [self._image(name) for name in carousel]
            if channel.network == "instagram" and draft.link and "text" in override:
                # Its own caption is sent as written: it must point to the bio itself.
                override["text"] = override["text"].rstrip() + "\n\nLink in bio."
            if channel.network == "linkedin" and draft.link and rng.random() < 0.2:
                override["link"] = f"{self.strategy.site_url}/wholesale"
            if override:
                draft.overrides[channel.id] = override


def write_posts(target: Path, strategy: Strategy, posts: int, seed: int) -> None:
    rng = random.Random(f"socialplan-benchmark:{seed}")
    maker = PostMaker(strategy, rng, posts)
    zone = ZoneInfo(strategy.zone_name)
    schedule = Schedule(strategy)
    slots = schedule.slots()
    written = 0
    instant, free = next(slots)
    folders: set[Path] = set()
    while written < posts:
        status = _pick_weighted(rng, STATUSES)
        if status == "idea":
            draft = maker.make(written + 1, status, None, [], None)
        else:
            while not free:
                instant, free = next(slots)
            free = [c for c in free if schedule.free(c, instant)]
            if not free:
                continue
            channels, person = maker.channels_for(free)
            if status != "cancelled":
                for channel in channels:
                    schedule.take(channel, instant)
                free = [c for c in free if c not in channels]
            draft = maker.make(written + 1, status, instant, channels, person)
        local = instant.astimezone(zone)
        folder = target / "content" / "posts" / f"{local:%Y}" / f"{local:%m}"
        if folder not in folders:
            folder.mkdir(parents=True, exist_ok=True)
            folders.add(folder)
        (folder / f"{draft.id}.md").write_text(
            render(draft, strategy.zone_name), encoding="utf-8", newline="\n"
        )
        written += 1
