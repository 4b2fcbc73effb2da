"""Times and time zones: every `at:` must name one real instant."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..load.model import Repo, mapping, records, text
from ..problems import Pointer, Problem, error, warning
from ..schedule.times import BadTime, day_of, in_range, out_of_range, parse_at, zone


def check(repo: Repo) -> Iterator[Problem]:
    yield from _zones(repo)
    yield from _dates(repo)
    yield from _date_ranges(repo)
    default_zone = repo.time_zone
    for post in repo.posts:
        if post.at is None:
            continue
        try:
            when = parse_at(post.at, default_zone)
        except BadTime as bad:
            yield error(bad.code, post.rel, bad.message, bad.hint, pointer=("at",))
            continue
        if when.is_next:
            for channel_id in post.channels:
                channel = repo.channels.get(channel_id)
                if channel is not None and not mapping(channel.data, "slots"):
                    yield error(
                        "no-slots",
                        post.rel,
                        f"`at: next` needs posting slots, but channel `{channel_id}` has none",
                        f"add `slots:` to `{channel_id}` in strategy/channels.yaml, or give a time",
                        pointer=("at",),
                    )
            continue
        assert when.moment is not None
        if when.ambiguous:
            yield warning(
                "time-ambiguous",
                post.rel,
                f"`{post.at}` happens twice: the clocks go back that night in {when.zone}",
                "pick another time, or write it with its UTC offset to say which one",
                pointer=("at",),
            )
        local_day = when.moment.date()
        folder = post.rel.split("/")
        expected = [f"{local_day.year:04d}", f"{local_day.month:02d}"]
        if len(folder) >= 5 and folder[2:4] != expected:
            yield warning(
                "post-misfiled",
                post.rel,
                f"the post is dated {local_day.isoformat()} but filed under"
                f" {folder[2]}/{folder[3]}",
                f"move it to content/posts/{expected[0]}/{expected[1]}/ (its id keeps it the same"
                " post)",
                line=1,
                col=1,
            )
        campaign = repo.campaigns.get(post.campaign or "")
        if campaign is not None:
            start, end = day_of(campaign.start), day_of(campaign.end)
            if start and end and not start <= local_day <= end:
                yield warning(
                    "outside-campaign",
                    post.rel,
                    f"the post is dated {local_day.isoformat()}, outside campaign `{campaign.id}`"
                    f" ({campaign.start} to {campaign.end})",
                    "move the post into the campaign's dates, or change its campaign",
                    pointer=("at",),
                )


def _zones(repo: Repo) -> Iterator[Problem]:
    places: list[tuple[str, Pointer, object]] = [
        ("strategy/brand.yaml", ("time_zone",), repo.brand.get("time_zone")),
    ]
    for channel in repo.channels.values():
        places.append((channel.rel, (*channel.pointer, "time_zone"), channel.time_zone))
    for persona in repo.personas.values():
        places.append((persona.rel, ("time_zone",), persona.time_zone))
        for index, network in records(persona.data, "networks"):
            places.append((persona.rel, ("networks", index, "time_zone"), network.get("time_zone")))
    places.append(
        (
            "strategy/playbook.yaml",
            ("hours", "time_zone"),
            mapping(repo.playbook, "hours").get("time_zone"),
        )
    )
    for rel, pointer, name in places:
        if not isinstance(name, str):
            continue
        try:
            zone(name)
        except BadTime as bad:
            yield error(bad.code, rel, bad.message, bad.hint, pointer=pointer)


def _dates(repo: Repo) -> Iterator[Problem]:
    """Every date of the strategy within the years socialplan plans in (timeparse)."""
    places: list[tuple[str, Pointer, object]] = []
    for campaign in repo.campaigns.values():
        for key in ("start", "end"):
            places.append((campaign.rel, (*campaign.pointer, key), campaign.data.get(key)))
    for index, period in records(repo.budget, "periods"):
        for key in ("start", "end"):
            places.append(("strategy/budget.yaml", ("periods", index, key), period.get(key)))
    channels = repo.documents.get("strategy/channels.yaml")
    lists: list[tuple[str, Pointer, object]] = [
        (c.rel, (*c.pointer, "blackout_dates"), c.data.get("blackout_dates"))
        for c in repo.channels.values()
    ]
    if channels is not None:
        lists.append((channels.rel, ("blackout_dates",), channels.data.get("blackout_dates")))
    for rel, pointer, values in lists:
        if isinstance(values, list):
            places += [(rel, (*pointer, i), value) for i, value in enumerate(values)]
    for competitor in repo.competitors.values():
        for index, seen in records(competitor.data, "observed"):
            places.append(
                (competitor.rel, ("observed", index, "observed_on"), seen.get("observed_on"))
            )
    for rel, pointer, value in places:
        if not isinstance(value, str):
            continue
        try:
            written = date.fromisoformat(value)
        except ValueError:
            continue  # the schema's `format: date` reports it
        if not in_range(written):
            bad = out_of_range(value)
            yield error(bad.code, rel, bad.message, bad.hint, pointer=pointer)


def _date_ranges(repo: Repo) -> Iterator[Problem]:
    ranges: list[tuple[str, Pointer, str | None, str | None]] = [
        (c.rel, c.pointer, c.start, c.end) for c in repo.campaigns.values()
    ]
    for index, period in records(repo.budget, "periods"):
        ranges.append(
            ("strategy/budget.yaml", ("periods", index), text(period, "start"), text(period, "end"))
        )
    for rel, pointer, start_text, end_text in ranges:
        start, end = day_of(start_text), day_of(end_text)
        # A date that does not exist is reported by the schema's `format: date`.
        if start and end and end < start:
            yield error(
                "dates-reversed",
                rel,
                f"this ends ({end_text}) before it starts ({start_text})",
                "swap the dates",
                pointer=(*pointer, "end"),
            )
