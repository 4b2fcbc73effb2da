"""The strategy on one page, as answers to the questions a boss or a client asks.

What do we want to achieve, with what budget, for what return? How is the
brand represented, how is feedback handled, which networks and why, how does
each differ, and how will returns go up? Each answer is short and links to
the page with the details.
"""

from __future__ import annotations

from ..load.model import Objective, mapping, records, text, texts
from ..platforms import NETWORKS
from ..schedule.slots import slots
from .content import Site
from .home import currency_symbol, number, objective_title
from .markup import Linker, esc, html_block, join, table, tag
from .strategy_plan import BUDGET, CAMPAIGNS, CHANNELS, PILLARS, PLAYBOOK, planned_shares

PAGE = "strategy/index.md"
VALUE_METRICS = ("conversions", "leads")


def monthly_target(objective: Objective) -> float | None:
    """The monthly target of the objective's conversions or leads KPI, if it has one."""
    for _, kpi in records(objective.data, "kpis"):
        target = kpi.get("target")
        wanted = kpi.get("metric") in VALUE_METRICS and kpi.get("period") == "month"
        if wanted and isinstance(target, int | float) and not isinstance(target, bool):
            return float(target)
    return None


def monthly_budget(site: Site) -> float | None:
    totals = [
        p["total"]
        for _, p in records(site.repo.budget, "periods")
        if isinstance(p.get("total"), int | float)
    ]
    return sum(totals) / len(totals) if totals else None


def returns(site: Site, linker: Linker) -> str:
    currency = currency_symbol(site)
    budget = monthly_budget(site)
    rows, total = [], 0.0
    for objective in site.repo.objectives.values():
        value = objective.value_per_conversion
        target = monthly_target(objective)
        if value is None or target is None:
            continue
        total += value * target
        break_even = f"{budget / value:,.1f}" if budget else "—"
        rows.append(
            [
                linker.a("index.md", esc(objective_title(objective)), anchor=objective.id),
                esc(f"{currency}{value:,.0f}"),
                esc(f"{target:,.0f} a month"),
                esc(f"{currency}{value * target:,.0f}"),
                esc(break_even),
            ]
        )
    if not rows:
        return tag(
            "p", "No objective says what a conversion or a lead is worth yet.", class_="sp-muted"
        )
    summary = (
        f"At target, social media returns {currency}{total:,.0f} a month against a budget of"
        f" {number(budget, currency)} a month on average"
        + (f": {total / budget:.1f} times what it costs." if budget else ".")
        + " Break-even: the number of conversions (or leads) of one objective alone that would pay"
        " for a month's budget."
    )
    return table(
        ["Objective", "Worth each", "Target", "Worth at target", "Break-even a month"], rows
    ) + tag("p", esc(summary))


def networks_table(site: Site) -> str:
    rows = []
    for channel in site.repo.channels.values():
        if not channel.enabled:
            continue
        network = NETWORKS.get(channel.network)
        limit = channel.limit("text") or (network.text_limit if network else None)
        weekly = sum(len(times) for times in slots(channel).values())
        hashtags = channel.data.get("hashtags")
        links = channel.data.get("links")
        rows.append(
            [
                esc(network.label if network else channel.network),
                esc(f"{limit:,} {network.text_unit}" if network and limit else "—"),
                esc("yes" if network and network.supports_threads else "no"),
                esc(str(network.max_images) if network else "—"),
                esc(str(hashtags.get("max", "—")) if isinstance(hashtags, dict) else "—"),
                esc(str(links.get("placement", "—")) if isinstance(links, dict) else "—"),
                esc(str(weekly)),
            ]
        )
    return table(
        ["Network", "Text limit", "Threads", "Images", "Hashtags", "Links", "Slots a week"], rows
    )


def strategy_overview(site: Site) -> str:
    linker = Linker(PAGE)
    repo = site.repo
    voice = mapping(repo.brand, "voice")
    currency = currency_symbol(site)
    objectives = join(
        tag(
            "li",
            linker.a("index.md", esc(objective_title(o)), anchor=o.id) + ": " + esc(o.statement),
        )
        for o in repo.objectives.values()
    )
    periods = join(
        tag(
            "li",
            esc(
                f"{p.get('name', '')}: {number(p.get('total'), currency)}"
                f" ({len(records(p, 'allocations'))} allocations)"
            ),
        )
        for _, p in records(repo.budget, "periods")
    )
    book = repo.playbook
    fastest = sorted(
        (
            r
            for _, r in records(book, "response_times")
            if isinstance(r.get("first_response_hours"), int | float)
        ),
        key=lambda r: r["first_response_hours"],
    )
    feedback = "; ".join(f"{r.get('type')}: within {r['first_response_hours']} h" for r in fastest)
    enabled = [c for c in repo.channels.values() if c.enabled]
    paused = [c for c in repo.channels.values() if not c.enabled]
    why = join(
        tag(
            "li",
            linker.a(CHANNELS, esc(site.channel_label(c.id)), anchor=c.id)
            + ": "
            + esc(text(c.data, "purpose") or ""),
        )
        for c in enabled
    )
    paused_html = join(
        tag("li", esc(f"{site.channel_label(c.id)} (paused): {text(c.data, 'purpose') or ''}"))
        for c in paused
    )
    shares = planned_shares(site)
    mix = join(
        tag(
            "li",
            linker.a(PILLARS, esc(p.name or p.id), anchor=p.id)
            + esc(f": target {p.target_share:.0%}" if p.target_share is not None else ": no target")
            + esc(f", planned {shares.get(p.id, 0):.0%}"),
        )
        for p in repo.pillars.values()
    )
    campaigns = join(
        tag(
            "li",
            linker.a(CAMPAIGNS, esc(c.name or c.id), anchor=c.id)
            + esc(f" ({c.start} to {c.end}) for {c.objective}"),
        )
        for c in repo.campaigns.values()
    )
    opportunities = [o for c in repo.competitors.values() for o in texts(c.data, "opportunities")]
    sections = [
        ("What we want to achieve", tag("ul", objectives)),
        ("The budget", tag("ul", periods) + tag("p", linker.a(BUDGET, "The budget in detail"))),
        ("The return we need", returns(site, linker)),
        (
            "How the brand is represented",
            tag(
                "p",
                esc(str(voice.get("summary", "")))
                + " "
                + linker.a("strategy/brand.md", "Brand voice, do and don't, look"),
            ),
        ),
        (
            "How feedback is handled",
            tag(
                "p",
                esc(f"First replies: {feedback or 'not set'}.")
                + " "
                + linker.a(PLAYBOOK, "The playbook: escalation, saved replies, moderation"),
            ),
        ),
        ("Which networks, and why", tag("ul", why + paused_html)),
        ("How each network differs", networks_table(site)),
        (
            "How we will raise returns",
            tag(
                "p",
                "Keep the content mix on target, run campaigns towards one objective each,"
                " and take the openings competitors leave:",
            )
            + tag("ul", mix)
            + tag("ul", campaigns)
            + (tag("ul", join(tag("li", esc(o)) for o in opportunities)) if opportunities else ""),
        ),
    ]
    out = ["# Strategy\n"]
    for title, body in sections:
        out.append(f"## {title}\n")
        out.append(html_block(body))
    return join(out)
