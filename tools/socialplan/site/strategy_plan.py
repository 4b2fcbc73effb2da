"""Strategy pages about the plan: channels and slots, pillars and mix,
campaigns, budget, and the playbook for answering people."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..load.model import mapping, records, text, texts
from ..platforms import NETWORKS
from ..schedule.slots import WEEKDAYS
from .calendar_pages import view_page
from .content import Site
from .home import currency_symbol, number
from .markup import (
    Linker,
    address,
    esc,
    html_block,
    inline,
    join,
    paragraphs,
    plural,
    slug,
    table,
    tag,
)
from .strategy_brand import labelled, listed

CHANNELS = "strategy/channels.md"
PILLARS = "strategy/pillars.md"
CAMPAIGNS = "strategy/campaigns.md"
BUDGET = "strategy/budget.md"
PLAYBOOK = "strategy/playbook.md"


def policy(data: dict[str, Any], key: str) -> str:
    return ", ".join(f"{k}: {v}" for k, v in mapping(data, key).items())


def slot_table(data: dict[str, Any]) -> str:
    slots = mapping(data, "slots")
    rows = [
        [esc(day), esc(", ".join(t for t in slots[day] if isinstance(t, str)))]
        for day in WEEKDAYS
        if isinstance(slots.get(day), list) and slots[day]
    ]
    return (
        table(["Day", "Posting slots"], rows) if rows else tag("p", "No slots.", class_="sp-muted")
    )


def channels_page(site: Site) -> str:
    linker = Linker(CHANNELS)
    out = ["# Channels\n"]
    counts = Counter(e.channel.id for e in site.plan.entries)
    for channel in site.repo.channels.values():
        data = channel.data
        network = NETWORKS.get(channel.network)
        out.append(f"## {inline(site.channel_label(channel.id))} {{#{slug(channel.id)}}}\n")
        limit = channel.limit("text") or (network.text_limit if network else None)
        cadence = mapping(data, "cadence")
        facts = [
            labelled("Account:", esc(channel.account)),
            labelled("Status:", "active" if channel.enabled else tag("strong", "paused")),
            tag("p", esc(text(data, "purpose") or "")),
            labelled(
                "Text limit:",
                esc(f"{limit:,} {network.text_unit}" if limit and network else "unknown"),
            ),
            labelled("Time zone:", esc(channel.time_zone or site.zone_name)),
            labelled(
                "Cadence:",
                esc(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in cadence.items())),
            ),
            labelled(
                "Limits per day:",
                esc(str(data.get("max_posts_per_day", "none")))
                + esc(
                    f"; at least {data['min_gap_minutes']} minutes apart"
                    if "min_gap_minutes" in data
                    else ""
                ),
            ),
            labelled("Hashtags:", esc(policy(data, "hashtags"))),
            labelled("Links:", esc(policy(data, "links"))),
            labelled("Link tracking (UTM):", esc(policy(data, "utm"))),
            slot_table(data),
            tag(
                "p",
                linker.a(
                    view_page("channel", channel.id),
                    esc(f"{plural(counts[channel.id], 'planned post')} on this channel"),
                ),
            ),
        ]
        out.append(html_block(*facts))
    return join(out)


def planned_shares(site: Site) -> dict[str, float]:
    posts = [p for p in site.posts if p.active and p.pillar]
    counts = Counter(p.pillar for p in posts)
    total = sum(counts.values())
    return {pid: counts[pid] / total for pid in counts if pid} if total else {}


def pillars_page(site: Site) -> str:
    linker = Linker(PILLARS)
    settings = site.repo.pillar_settings
    shares = planned_shares(site)
    window = settings.get("mix_window_days", "—")
    tolerance = settings.get("mix_tolerance")
    out = [
        "# Pillars and mix\n",
        html_block(
            tag(
                "p",
                esc(
                    f"Over any {window} days the mix should stay within "
                    + (f"{tolerance:.0%}" if isinstance(tolerance, int | float) else "—")
                    + " of each pillar's target share. Planned share: active posts of the whole"
                    " plan."
                ),
            )
        ),
    ]
    rows = []
    for pillar in site.repo.pillars.values():
        target = pillar.target_share
        planned = shares.get(pillar.id, 0.0)
        bar = tag(
            "div", tag("span", "", style=f"width:{min(planned, 1.0) * 100:.0f}%"), class_="sp-bar"
        )
        rows.append(
            [
                tag("span", "", class_=f"sp-dot {site.pillar_class(pillar.id)}")
                + linker.a(PILLARS, esc(pillar.name or pillar.id), anchor=slug(pillar.id)),
                esc(f"{target:.0%}" if target is not None else "—"),
                esc(f"{planned:.0%}") + bar,
            ]
        )
    out.append(html_block(table(["Pillar", "Target share", "Planned share"], rows)))
    for pillar in site.repo.pillars.values():
        data = site.repo.documents.get("strategy/pillars.yaml")
        item = next(
            (
                p
                for _, p in records(data.data if data else {}, "pillars")
                if p.get("id") == pillar.id
            ),
            {},
        )
        out.append(f"## {inline(pillar.name or pillar.id)} {{#{slug(pillar.id)}}}\n")
        out.append(
            html_block(
                tag("p", esc(text(item, "description") or "")),
                listed("Examples:", texts(item, "examples")),
                tag("p", linker.a(view_page("pillar", pillar.id), "Posts of this pillar")),
            )
        )
    return join(out)


def campaigns_page(site: Site) -> str:
    linker = Linker(CAMPAIGNS)
    currency = currency_symbol(site)
    out = ["# Campaigns\n"]
    if not site.repo.campaigns:
        out.append(html_block(tag("p", "No campaign is planned.", class_="sp-muted")))
    for campaign in site.repo.campaigns.values():
        data = campaign.data
        posts = sum(1 for p in site.posts if p.campaign == campaign.id and p.active)
        objective = site.repo.objectives.get(campaign.objective or "")
        out.append(f"## {inline(campaign.name or campaign.id)} {{#{slug(campaign.id)}}}\n")
        out.append(
            html_block(
                labelled("When:", esc(f"{campaign.start or '?'} to {campaign.end or '?'}")),
                labelled(
                    "Objective:",
                    linker.a("index.md", esc(objective.statement), anchor=slug(objective.id))
                    if objective
                    else esc(campaign.objective or "none"),
                ),
                labelled("Hashtag:", esc(text(data, "hashtag") or "")),
                labelled("Landing page:", address(text(data, "landing_page") or "")),
                labelled(
                    "Budget:", esc(number(data.get("budget"), currency)) if "budget" in data else ""
                ),
                tag("div", paragraphs(text(data, "description") or "")),
                tag("p", linker.a(view_page("campaign", campaign.id), esc(plural(posts, "post")))),
            )
        )
    return join(out)


def budget_page(site: Site) -> str:
    budget = site.repo.budget
    currency = currency_symbol(site)
    out = ["# Budget\n"]
    periods = records(budget, "periods")
    if not periods:
        out.append(
            html_block(tag("p", "No budget is set (strategy/budget.yaml).", class_="sp-muted"))
        )
    for _, period in periods:
        total = period.get("total")
        allocations = [a for _, a in records(period, "allocations")]
        allocated = sum(
            a["amount"] for a in allocations if isinstance(a.get("amount"), int | float)
        )
        out.append(f"## {inline(period.get('name', ''))}\n")
        rows = [
            [
                esc(str(a.get("channel", "shared"))),
                esc(str(a.get("category", ""))),
                esc(number(a.get("amount"), currency)),
                esc(str(a.get("note", ""))),
            ]
            for a in allocations
        ]
        left = total - allocated if isinstance(total, int | float) else None
        out.append(
            html_block(
                tag(
                    "p",
                    esc(
                        f"{period.get('start', '')} to {period.get('end', '')}: total"
                        f" {number(total, currency)}, allocated {number(allocated, currency)},"
                        f" left for contingency {number(left, currency)}."
                    ),
                ),
                table(["Channel", "Category", "Amount", "What for"], rows) if rows else "",
            )
        )
    return join(out)


def playbook_page(site: Site) -> str:
    book = site.repo.playbook
    out = ["# Playbook\n"]
    hours = mapping(book, "hours")
    out.append(
        html_block(
            labelled(
                "Staffed hours:",
                esc(
                    f"{', '.join(texts(hours, 'days'))} {hours.get('from', '')}"
                    f"–{hours.get('to', '')} ({hours.get('time_zone', '')})"
                )
                if hours
                else esc("not set"),
            )
        )
    )
    out.append("## Response times\n")
    rows = [
        [
            esc(str(r.get("type", ""))),
            esc(f"{r.get('first_response_hours', '—')} h"),
            esc(str(r.get("note", ""))),
        ]
        for _, r in records(book, "response_times")
    ]
    out.append(
        html_block(table(["Kind of message", "First reply within", "How"], rows) if rows else "")
    )
    out.append("## Escalation\n")
    for _, rule in records(book, "escalation"):
        out.append(f"### {inline(str(rule.get('id', '')).replace('-', ' ').capitalize())}\n")
        out.append(
            html_block(
                labelled("When:", esc(str(rule.get("when", "")))),
                labelled(
                    "To:", esc(f"{rule.get('to', '')}, within {rule.get('within_hours', '?')} h")
                ),
                labelled("What to do:", esc(str(rule.get("action", "")))),
            )
        )
    replies = records(book, "saved_replies")
    if replies:
        out.append("## Saved replies\n")
        for _, reply in replies:
            out.append(
                html_block(
                    tag("p", tag("strong", esc(str(reply.get("title", reply.get("id", "")))))),
                    tag("blockquote", tag("p", esc(str(reply.get("text", ""))), class_="sp-prose")),
                )
            )
    moderation = mapping(book, "moderation")
    if moderation:
        out.append("## Moderation\n")
        out.append(
            html_block(
                *(listed(f"{key.capitalize()}:", texts(moderation, key)) for key in moderation)
            )
        )
    return join(out)
