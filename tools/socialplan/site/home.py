"""The home page: what social media must achieve, objective by objective.

Each objective shows its KPIs with baseline and target. Their status needs
collected metrics (metrics/), which socialplan does not gather yet: the page
says "no data yet" rather than guess.
"""

from __future__ import annotations

from collections import Counter

from ..load.model import Objective, mapping, records, text
from .content import STAGES, Site
from .markup import (
    Linker,
    esc,
    heading,
    html_block,
    inline,
    join,
    paragraphs,
    plural,
    slug,
    table,
    tag,
)

PAGE = "index.md"
NO_DATA = tag("span", "no data yet", class_="sp-badge sp-nodata")


def objective_title(objective: Objective) -> str:
    return objective.id.replace("-", " ").capitalize()


def number(value: object, currency: str = "") -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.3g}" if value < 1 else f"{value:,.2f}"
    return f"{currency}{int(value):,}"


def kpi_table(objective: Objective) -> str:
    rows = []
    for _, kpi in records(objective.data, "kpis"):
        channels = kpi.get("channels")
        scope = (
            ", ".join(c for c in channels if isinstance(c, str))
            if isinstance(channels, list)
            else "all"
        )
        direction = "lower is better" if kpi.get("direction") == "decrease" else ""
        note = text(kpi, "note") or ""
        rows.append(
            [
                esc(str(kpi.get("metric", "")))
                + (f"<br>{tag('small', esc(note))}" if note else ""),
                esc(number(kpi.get("baseline"))),
                esc(number(kpi.get("target")))
                + (f" {tag('small', direction)}" if direction else ""),
                esc(str(kpi.get("period", ""))),
                esc(scope),
                NO_DATA,
            ]
        )
    if not rows:
        return tag("p", "No KPI defined yet.", class_="sp-muted")
    return table(["KPI", "Baseline", "Target", "Period", "Channels", "Status"], rows)


def objective_section(site: Site, objective: Objective, currency: str) -> str:
    facts = [f"Goal: {objective.goal or 'not set'}"]
    owner = text(objective.data, "owner")
    if owner:
        facts.append(f"owner: {owner}")
    if objective.value_per_conversion is not None:
        facts.append(
            f"one {'lead' if objective.goal == 'leads' else 'conversion'} is worth "
            f"{currency}{objective.value_per_conversion:,.0f}"
        )
    posts = sum(1 for p in site.posts if p.objective == objective.id and p.active)
    facts.append(f"{plural(posts, 'post')} planned for it")
    why = text(objective.data, "why")
    return join(
        [
            f"### {inline(objective_title(objective))} {{#{slug(objective.id)}}}\n",
            html_block(
                tag("p", tag("strong", esc(objective.statement))),
                tag("p", esc("; ".join(facts) + "."), class_="sp-muted"),
                tag("div", paragraphs(why)) if why else "",
                kpi_table(objective),
            ),
        ]
    )


def home_page(site: Site) -> dict[str, str]:
    linker = Linker(PAGE)
    brand = site.repo.brand
    currency = currency_symbol(site)
    stages = Counter(site.stage(p) for p in site.posts)
    board = ", ".join(f"{stages[key]} {label.lower()}" for key, label in STAGES if stages[key])
    description = text(brand, "description") or ""
    out = [
        heading(site.brand_name),
        html_block(
            tag("p", esc(description)) if description else "",
            tag(
                "p",
                "The social media strategy and plan, generated from this repository: "
                + linker.a("strategy/index.md", "strategy")
                + ", "
                + linker.a("calendar/index.md", "calendar")
                + ", "
                + linker.a("pipeline.md", "pipeline")
                + ", and a "
                + linker.a("feed.xml", "feed of published posts")
                + ".",
            ),
            tag(
                "p",
                esc(f"{plural(len(site.posts), 'post')}: {board or 'none yet'}."),
                class_="sp-muted",
            ),
        ),
        "## What we want to achieve\n",
        html_block(
            tag(
                "p",
                "Status needs collected metrics (the metrics/ folder); none are collected yet, so"
                " every KPI shows " + NO_DATA + " instead of a guess.",
            )
        ),
    ]
    if not site.repo.objectives:
        out.append(html_block(tag("p", "No objective is defined yet.", class_="sp-muted")))
    for objective in site.repo.objectives.values():
        out.append(objective_section(site, objective, currency))
    return {PAGE: join(out)}


SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$", "JPY": "¥"}


def currency_symbol(site: Site) -> str:
    code = text(site.repo.budget, "currency") or text(site.repo.brand, "currency") or ""
    return SYMBOLS.get(code, f"{code} " if code else "")


__all__ = ["PAGE", "currency_symbol", "home_page", "mapping", "number", "objective_title"]
