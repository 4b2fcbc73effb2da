"""The strategy site: a pure function from a repository to Markdown pages and assets.

    files = pages(repo, schedule(repo), Extras())
    # {"index.md": "# …", "media/a.jpg": SourceFile(…), …}

One module per page family: `home`, `strategy_*`, `calendar`, `pipeline`,
`posts` (with `previews`, the network mock-ups) and `feed`. The result maps a
path inside the site to its content: Markdown text for pages, bytes for
generated files, or a `SourceFile` for an image copied from a file (so that
thousands of them are never held in memory; the site gets each one's bare
copy, see `bare`). The same repository always gives the same mapping. MkDocs
is one consumer (see `plugin`); nothing here imports it.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from ..load.model import Repo, mapping, text
from ..schedule.slots import Schedule
from .content import Content, Extras, PublishedRecord, Site, SourceFile, post_page
from .previews import media_file

CSS = "assets/socialplan/socialplan.css"
BRAND_CSS = "assets/socialplan/brand.css"
EXTRA_CSS = (CSS, BRAND_CSS)
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif")

# The navigation every site gets. Post pages, month pages and the calendar's
# views are linked from these pages, never listed: see DESIGN.md ("The site").
NAVIGATION: list[dict[str, Any]] = [
    {"Home": "index.md"},
    {
        "Strategy": [
            {"Overview": "strategy/index.md"},
            {"Brand voice": "strategy/brand.md"},
            {"Audience": "strategy/audience.md"},
            {"Competitors": "strategy/competitors.md"},
            {"Channels": "strategy/channels.md"},
            {"Pillars and mix": "strategy/pillars.md"},
            {"Campaigns": "strategy/campaigns.md"},
            {"Budget": "strategy/budget.md"},
            {"Playbook": "strategy/playbook.md"},
        ]
    },
    {"Calendar": "calendar/index.md"},
    {"Pipeline": "pipeline.md"},
]
NOT_IN_NAV = ("/posts/", "/calendar/")


def pages(repo: Repo, plan: Schedule, extras: Extras | None = None) -> dict[str, Content]:
    """Every file of the site, by its path inside the site, in a stable order."""
    from . import board, calendar_pages, feed, home, posts, strategy_brand, strategy_overview
    from . import strategy_plan as plan_pages
    from .markup import Linker

    site = Site(repo, plan, extras or Extras())
    out: dict[str, Content] = {
        CSS: resources.files(__package__).joinpath("assets", "socialplan.css").read_bytes(),
        BRAND_CSS: brand_css(repo),
    }
    logo = add_logo(site)
    out.update(home.home_page(site))
    out[strategy_overview.PAGE] = strategy_overview.strategy_overview(site)
    logo_href = Linker(strategy_brand.BRAND).href(logo) if logo else None
    out[strategy_brand.BRAND] = strategy_brand.brand_page(repo.brand, logo_href)
    personas = sorted(repo.personas.values(), key=lambda p: p.id)
    out[strategy_brand.AUDIENCE] = strategy_brand.audience_page(
        personas, Linker(strategy_brand.AUDIENCE)
    )
    competitors = sorted(repo.competitors.values(), key=lambda c: c.id)
    out[strategy_brand.COMPETITORS] = strategy_brand.competitors_page(competitors)
    out[plan_pages.CHANNELS] = plan_pages.channels_page(site)
    out[plan_pages.PILLARS] = plan_pages.pillars_page(site)
    out[plan_pages.CAMPAIGNS] = plan_pages.campaigns_page(site)
    out[plan_pages.BUDGET] = plan_pages.budget_page(site)
    out[plan_pages.PLAYBOOK] = plan_pages.playbook_page(site)
    out.update(calendar_pages.calendar_pages(site))
    out.update(board.pipeline_page(site))
    out.update(posts.post_pages(site))
    out.update(feed.feed(site))
    out.update(sorted(site.assets.items()))
    return out


def add_logo(site: Site) -> str | None:
    """The brand's logo (strategy/brand.yaml `visual.logo`) as a site asset, if it exists."""
    rel = text(mapping(site.repo.brand, "visual"), "logo")
    if not rel or not rel.startswith("content/media/"):
        return None
    source = media_file(site, rel[len("content/media/") :])
    if source is None or source.suffix.lower() not in LOGO_SUFFIXES:
        return None  # an SVG can carry scripts: validation refuses it (rules/images.py)
    site.logo = site.add_asset(f"assets/socialplan/logo{source.suffix.lower()}", SourceFile(source))
    return site.logo


def brand_css(repo: Repo) -> str:
    """The theme's colours from the brand's (only plain hex colours get into CSS)."""
    from .strategy_brand import safe_colour

    colours = mapping(mapping(repo.brand, "visual"), "colors")
    primary = safe_colour(colours.get("primary"))
    accent = safe_colour(colours.get("accent"))
    lines = ["/* The brand's colours, from strategy/brand.yaml. */"]
    rules = []
    if primary:
        rules += [f"--md-primary-fg-color: {primary};", f"--md-primary-fg-color--dark: {primary};"]
    if accent:
        rules += [f"--md-accent-fg-color: {accent};"]
    if rules:
        lines.append(":root, [data-md-color-scheme] { " + " ".join(rules) + " }")
    return "\n".join(lines) + "\n"


__all__ = [
    "EXTRA_CSS",
    "NAVIGATION",
    "NOT_IN_NAV",
    "Content",
    "Extras",
    "PublishedRecord",
    "SourceFile",
    "pages",
    "post_page",
]
