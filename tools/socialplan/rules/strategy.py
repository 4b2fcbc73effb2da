"""The strategy must add up: pillar mix, budget, and objectives measured by value."""

from __future__ import annotations

from collections.abc import Iterator

from ..load.model import Repo, number, records, text
from ..problems import Problem, error, warning

# Metrics that show attention, not business value: fine for awareness goals only.
VOLUME_METRICS = frozenset({"reach", "impressions", "followers"})
VALUE_GOALS = frozenset({"leads", "conversions"})


def check(repo: Repo) -> Iterator[Problem]:
    yield from _pillar_mix(repo)
    yield from _budget(repo)
    yield from _objectives(repo)
    if repo.channels and not any(c.enabled for c in repo.channels.values()):
        yield warning(
            "no-enabled-channel",
            "strategy/channels.yaml",
            "every channel is disabled, so nothing can be posted",
            "set `enabled: true` on at least one channel",
            pointer=("channels",),
        )


def _pillar_mix(repo: Repo) -> Iterator[Problem]:
    shares = [p.target_share for p in repo.pillars.values() if p.target_share is not None]
    if shares and abs(sum(shares) - 1.0) > 0.01:
        yield warning(
            "pillar-mix-sum",
            "strategy/pillars.yaml",
            f"the pillars' target shares add up to {sum(shares):.2f}, not 1.00",
            "adjust `target_share` so that together they make 100 % of the content",
            pointer=("pillars",),
        )


def _budget(repo: Repo) -> Iterator[Problem]:
    for index, period in records(repo.budget, "periods"):
        total = number(period, "total")
        allocated = sum(number(a, "amount") or 0.0 for _, a in records(period, "allocations"))
        if total is not None and allocated > total + 1e-9:
            yield error(
                "over-budget",
                "strategy/budget.yaml",
                f"period `{text(period, 'name', '?')}` allocates {allocated:,.2f} but its total"
                f" is {total:,.2f}",
                "lower the allocations or raise the total",
                pointer=("periods", index, "total"),
            )


def _objectives(repo: Repo) -> Iterator[Problem]:
    for objective in repo.objectives.values():
        pointer = objective.pointer
        if objective.goal in VALUE_GOALS and objective.value_per_conversion is None:
            yield warning(
                "no-conversion-value",
                objective.rel,
                f"objective `{objective.id}` is a {objective.goal} goal without"
                " `value_per_conversion`",
                "say what one is worth to the business, so reports can show the return",
                pointer=(*pointer, "goal"),
            )
        metrics = {text(k, "metric") for _, k in records(objective.data, "kpis")}
        if objective.goal != "awareness" and metrics and metrics <= VOLUME_METRICS:
            yield warning(
                "volume-only-kpis",
                objective.rel,
                f"objective `{objective.id}` ({objective.goal}) is measured only by"
                f" {', '.join(sorted(m for m in metrics if m))}",
                "reach and followers fit awareness goals; add a KPI of value (clicks, leads,"
                " conversions, replies…)",
                pointer=(*pointer, "kpis"),
            )
