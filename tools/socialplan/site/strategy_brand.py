"""Strategy pages about who speaks and to whom: brand voice, personas, competitors."""

from __future__ import annotations

import re
from typing import Any

from ..load.model import mapping, records, text, texts
from .markup import Linker, esc, html_block, inline, join, paragraphs, slug, table, tag

BRAND = "strategy/brand.md"
AUDIENCE = "strategy/audience.md"
COMPETITORS = "strategy/competitors.md"
_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def bullets(items: list[str], empty: str = "") -> str:
    if not items:
        return tag("p", esc(empty), class_="sp-muted") if empty else ""
    return tag("ul", join(tag("li", esc(item)) for item in items))


def labelled(label: str, value_html: str) -> str:
    return tag("p", tag("strong", esc(label)) + " " + value_html) if value_html else ""


def listed(label: str, items: list[str]) -> str:
    return tag("p", tag("strong", esc(label))) + bullets(items) if items else ""


def safe_colour(value: object) -> str | None:
    """A brand colour, only when it is a plain hex colour (it is written into CSS)."""
    return value if isinstance(value, str) and _COLOUR.match(value) else None


def brand_page(brand: dict[str, Any], logo_href: str | None) -> str:
    voice = mapping(brand, "voice")
    visual = mapping(brand, "visual")
    out = ["# Brand voice\n"]
    summary = text(voice, "summary")
    out.append(
        html_block(
            tag("p", esc(summary)) if summary else "",
            labelled("Tone:", esc(", ".join(texts(voice, "tone")))),
            labelled("Spelling:", esc(text(voice, "spelling") or "")),
            labelled("Emoji:", esc(text(voice, "emoji") or "")),
        )
    )
    out.append("## Do\n")
    out.append(html_block(bullets(texts(voice, "do"), "Nothing listed yet.")))
    out.append("## Don't\n")
    out.append(html_block(bullets(texts(voice, "dont"), "Nothing listed yet.")))
    out.append("## Banned words\n")
    banned = texts(voice, "banned_words")
    out.append(
        html_block(
            tag("p", "Validation fails on any post that uses one of these.", class_="sp-muted"),
            tag("p", join(tag("span", esc(w), class_="sp-badge") + " " for w in banned))
            if banned
            else tag("p", "None.", class_="sp-muted"),
        )
    )
    out.append("## Look\n")
    colours = mapping(visual, "colors")
    rows = [
        [esc(name), tag("span", "", class_="sp-swatch", style=f"background:{hexa}") + esc(hexa)]
        for name, value in colours.items()
        if (hexa := safe_colour(value))
    ]
    fonts = mapping(visual, "fonts")
    out.append(
        html_block(
            table(["Colour", "Value"], rows) if rows else "",
            labelled("Fonts:", esc(", ".join(f"{k}: {v}" for k, v in fonts.items()))),
            tag("p", tag("img", src=logo_href, alt=f"{brand.get('name', '')} logo", width="96"))
            if logo_href
            else "",
            labelled("Photography:", esc(text(visual, "photography") or "")),
        )
    )
    return join(out)


def hours(entry: dict[str, Any]) -> str:
    days = ", ".join(texts(entry, "days"))
    return f"{days} {entry.get('from', '')}–{entry.get('to', '')}".strip()


def audience_page(personas: list[Any], linker: Linker) -> str:
    out = ["# Audience\n"]
    if not personas:
        out.append(html_block(tag("p", "No persona is defined yet (strategy/audience/).")))
    for persona in personas:
        data = persona.data
        out.append(f"## {inline(persona.name or persona.id)} {{#{slug(persona.id)}}}\n")
        networks = [
            [
                esc(str(entry.get("network", ""))),
                esc(
                    f"{entry['share']:.0%}" if isinstance(entry.get("share"), int | float) else "—"
                ),
                esc("; ".join(hours(h) for _, h in records(entry, "active_hours")) or "—"),
            ]
            for _, entry in records(data, "networks")
        ]
        out.append(
            html_block(
                labelled("Time zone:", esc(persona.time_zone or "not set")),
                table(["Network", "Share of their time", "Active"], networks) if networks else "",
                labelled("Interests:", esc(", ".join(texts(data, "interests")))),
                labelled("Pains:", esc(", ".join(texts(data, "pains")))),
                labelled(
                    "What they like to see:", esc(", ".join(texts(data, "content_preferences")))
                ),
                tag("div", paragraphs(persona.body)) if persona.body.strip() else "",
            )
        )
    return join(out)


def competitors_page(competitors: list[Any]) -> str:
    out = ["# Competitors\n"]
    if not competitors:
        out.append(html_block(tag("p", "No competitor is described yet (strategy/competitors/).")))
    for competitor in competitors:
        data = competitor.data
        out.append(f"## {inline(competitor.name or competitor.id)} {{#{slug(competitor.id)}}}\n")
        handles = mapping(data, "handles")
        observed = [
            [
                esc(str(o.get("network", ""))),
                esc(str(o.get("posts_per_week", "—"))),
                esc(
                    f"{o['engagement_rate']:.1%}"
                    if isinstance(o.get("engagement_rate"), int | float)
                    else "—"
                ),
                esc(str(o.get("observed_on", ""))),
            ]
            for _, o in records(data, "observed")
        ]
        out.append(
            html_block(
                labelled("Accounts:", esc(", ".join(f"{k}: {v}" for k, v in handles.items()))),
                table(["Network", "Posts a week", "Engagement", "Observed on"], observed)
                if observed
                else "",
                listed("Strengths:", texts(data, "strengths")),
                listed("Weaknesses:", texts(data, "weaknesses")),
                listed("Opportunities for us:", texts(data, "opportunities")),
                tag("div", paragraphs(competitor.body)) if competitor.body.strip() else "",
            )
        )
    return join(out)
