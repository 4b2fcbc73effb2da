"""Every id a file mentions must exist: objectives, pillars, personas, campaigns,
channels and people."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..load.model import Post, Repo, publishing_channels, records, text, texts
from ..platforms import NETWORKS
from ..problems import Pointer, Problem, did_you_mean, error, warning
from ..variants import compose, mentions
from .common import at_text, post_texts


def check(repo: Repo) -> Iterator[Problem]:
    yield from _strategy_references(repo)
    for post in repo.posts:
        yield from _post_references(post, repo)
        yield from _mentions(post, repo)


def _unknown(
    what: str,
    name: str,
    known: Mapping[str, object],
    rel: str,
    pointer: Pointer,
    where: str,
) -> Problem:
    return error(
        f"unknown-{what}",
        rel,
        f"unknown {what} `{name}`: it is not defined in {where}",
        did_you_mean(name, known),
        pointer=pointer,
    )


def _post_references(post: Post, repo: Repo) -> Iterator[Problem]:
    rel = post.rel
    tables = (
        ("objective", post.objective, repo.objectives, "strategy/objectives.yaml"),
        ("pillar", post.pillar, repo.pillars, "strategy/pillars.yaml"),
        ("campaign", post.campaign, repo.campaigns, "strategy/campaigns.yaml"),
    )
    for what, name, table, where in tables:
        if name is not None and name not in table:
            yield _unknown(what, name, table, rel, (what,), where)
    for index, persona in enumerate(post.personas):
        if persona not in repo.personas:
            yield _unknown(
                "persona", persona, repo.personas, rel, ("personas", index), "strategy/audience/"
            )
    for index, channel_id in enumerate(post.channels):
        channel = repo.channels.get(channel_id)
        if channel is None:
            yield _unknown(
                "channel",
                channel_id,
                repo.channels,
                rel,
                ("channels", index),
                "strategy/channels.yaml",
            )
        elif not channel.enabled and post.active:
            yield error(
                "disabled-channel",
                rel,
                f"channel `{channel_id}` is disabled in strategy/channels.yaml",
                "remove it from `channels:`, or enable the channel",
                pointer=("channels", index),
            )
    for channel_id in post.overrides:
        if channel_id not in repo.channels:
            yield _unknown(
                "channel",
                channel_id,
                repo.channels,
                rel,
                ("overrides", channel_id),
                "strategy/channels.yaml",
            )
        elif channel_id not in post.channels:
            yield warning(
                "override-unused",
                rel,
                f"there is an override for `{channel_id}`, but the post does not go there",
                f"add `{channel_id}` to `channels:` or remove the override",
                pointer=("overrides", channel_id),
                on_key=True,
            )
    campaign = repo.campaigns.get(post.campaign or "")
    if campaign and post.objective and campaign.objective and campaign.objective != post.objective:
        yield warning(
            "campaign-objective-mismatch",
            rel,
            f"the post serves objective `{post.objective}`, but its campaign `{campaign.id}`"
            f" serves `{campaign.objective}`",
            "a campaign pushes one objective: align the post, or take it out of the campaign",
            pointer=("objective",),
        )


def _mentions(post: Post, repo: Repo) -> Iterator[Problem]:
    for content, pointer in post_texts(post):
        for entity, offset in mentions.mentioned(content):
            if entity not in repo.people:
                yield at_text(
                    error,
                    "unknown-mention",
                    post,
                    pointer,
                    offset,
                    f"`@{{{entity}}}` is not in strategy/people.yaml",
                    did_you_mean(entity, repo.people) + " (add them with their handles)",
                )
    if not post.active:
        return
    for channel in publishing_channels(post, repo):
        network = NETWORKS.get(channel.network)
        if network is None or channel.network in mentions.NAME_ONLY:
            continue
        reported: set[str] = set()
        for part, pointer in compose.source_parts(post, channel.id, network.supports_threads):
            for entity, offset in mentions.mentioned(part):
                person = repo.people.get(entity)
                if person is None or entity in reported:
                    continue
                if mentions.handle_for(person, channel.network) is None:
                    reported.add(entity)
                    yield at_text(
                        error,
                        "mention-without-handle",
                        post,
                        pointer,
                        offset,
                        f"`@{{{entity}}}` ({person.name}) has no {network.label} handle, and the"
                        f" post goes to channel `{channel.id}` on {network.label}",
                        f"add their `{channel.network}` handle in strategy/people.yaml, or give"
                        f" `{channel.id}` an override text without the mention",
                    )


def _strategy_references(repo: Repo) -> Iterator[Problem]:
    for campaign in repo.campaigns.values():
        if campaign.objective and campaign.objective not in repo.objectives:
            yield _unknown(
                "objective",
                campaign.objective,
                repo.objectives,
                campaign.rel,
                (*campaign.pointer, "objective"),
                "strategy/objectives.yaml",
            )
    for persona in repo.personas.values():
        for index, objective in enumerate(texts(persona.data, "objectives")):
            if objective not in repo.objectives:
                yield _unknown(
                    "objective",
                    objective,
                    repo.objectives,
                    persona.rel,
                    ("objectives", index),
                    "strategy/objectives.yaml",
                )
    for goal in repo.objectives.values():
        for k, kpi in records(goal.data, "kpis"):
            for index, channel_id in enumerate(texts(kpi, "channels")):
                if channel_id not in repo.channels:
                    yield _unknown(
                        "channel",
                        channel_id,
                        repo.channels,
                        goal.rel,
                        (*goal.pointer, "kpis", k, "channels", index),
                        "strategy/channels.yaml",
                    )
    for p, period in records(repo.budget, "periods"):
        for a, allocation in records(period, "allocations"):
            allocated = text(allocation, "channel")
            if allocated and allocated not in repo.channels:
                yield _unknown(
                    "channel",
                    allocated,
                    repo.channels,
                    "strategy/budget.yaml",
                    ("periods", p, "allocations", a, "channel"),
                    "strategy/channels.yaml",
                )
