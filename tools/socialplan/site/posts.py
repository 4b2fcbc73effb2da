"""One page per post: what each channel receives, when, and why the post exists.

Post pages are linked from the calendar and the board but left out of the
navigation: a navigation listing every post would be carried by every page.
"""

from __future__ import annotations

from datetime import UTC
from functools import partial

from ..cache import fingerprints
from ..load.model import Post, publishing_channels
from ..schedule.times import BadTime, zone
from ..variants import compose
from . import dates
from .content import STAGE_LABELS, Content, Deferred, Site, post_page
from .markup import (
    Linker,
    address,
    esc,
    heading,
    html_block,
    html_heading,
    join,
    multiline,
    slug,
    table,
    tag,
)
from .previews import images_for, link_card_image, preview


def post_pages(site: Site) -> dict[str, Content]:
    """Every post's page; made only when needed once the strategy's fingerprint is known.

    A rebuild after editing one post of thousands then makes one page: the others
    have the same key as last time, and the site keeps what it rendered for them.
    """
    pages: dict[str, Content] = {}
    for post in site.posts:
        images = register_images(site, post)
        if site.extras.strategy_digest is None:
            pages[post_page(post.id)] = post_page_markdown(site, post)
        else:
            pages[post_page(post.id)] = Deferred(
                page_key(site, post, images), partial(post_page_markdown, site, post)
            )
    return pages


def register_images(site: Site, post: Post) -> list[object]:
    """Add the images the post's page shows to the site's assets, before the page is
    made (a deferred page may never be), and say which they are."""
    shown: list[object] = []
    for channel in publishing_channels(post, site.repo):
        images = images_for(site, post, channel)
        shown.append([channel.id, [[i.src, i.alt, i.ratio] for i in images]])
    og = link_card_image(site, post)
    shown.append(["og", og])
    return shown


def page_key(site: Site, post: Post, images: list[object]) -> str:
    """Everything a post's page reads, beyond the strategy files and socialplan's code."""
    return fingerprints.combine(
        "post-page",
        site.extras.strategy_digest,
        fingerprints.post(site.repo, post),
        [
            [e.channel.id, e.moment.isoformat(), e.zone, e.queued]
            for e in site.entries.get(post.id, [])
        ],
        post.id in site.unplaced,
        site.stage(post),
        site.ledger_found,
        [[r.channel_id, r.at.isoformat(), r.url, r.text] for r in site.published.get(post.id, [])],
        images,
        site.logo,
    )


def facts(site: Site, linker: Linker, post: Post) -> str:
    repo = site.repo
    rows: list[list[str]] = []
    stage = site.stage(post)
    status = STAGE_LABELS.get(stage, stage)
    if stage != post.status:
        status += f" (status: {post.status})"
    rows.append(["Status", esc(status)])
    objective = repo.objectives.get(post.objective or "")
    rows.append(
        [
            "Objective",
            linker.a(
                "index.md", esc(objective.statement or objective.id), anchor=slug(objective.id)
            )
            if objective
            else esc(post.objective or "none yet"),
        ]
    )
    pillar = repo.pillars.get(post.pillar or "")
    rows.append(
        [
            "Pillar",
            tag("span", "", class_=f"sp-dot {site.pillar_class(post.pillar)}")
            + (
                linker.a(
                    "strategy/pillars.md", esc(pillar.name or pillar.id), anchor=slug(pillar.id)
                )
                if pillar
                else esc(post.pillar or "none yet")
            ),
        ]
    )
    if post.campaign:
        campaign = repo.campaigns.get(post.campaign)
        rows.append(
            [
                "Campaign",
                linker.a("strategy/campaigns.md", esc(campaign.name), anchor=slug(campaign.id))
                if campaign
                else esc(post.campaign),
            ]
        )
    if post.personas:
        rows.append(
            [
                "For",
                ", ".join(
                    linker.a("strategy/audience.md", esc(p.name), anchor=slug(p.id))
                    if (p := repo.personas.get(pid))
                    else esc(pid)
                    for pid in post.personas
                ),
            ]
        )
    if post.link:
        rows.append(["Link", address(post.link)])
    rows.append(["File", tag("code", esc(post.rel))])
    return table(["", ""], rows, class_="sp-facts")


def times(site: Site, post: Post) -> str:
    entries = site.entries.get(post.id, [])
    if not entries:
        if post.at is None:
            why = "it has no time yet (no at: line)."
        elif post.id in site.unplaced:
            why = "queued, but no free posting slot was found."
        else:
            why = f"not scheduled while its status is {post.status}."
        return tag("p", esc("Not on the calendar: " + why))
    rows = []
    for entry in entries:
        audience = []
        for pid in post.personas:
            persona = site.repo.personas.get(pid)
            if persona is None or not persona.time_zone or persona.time_zone == entry.zone:
                continue
            try:
                there = entry.moment.astimezone(zone(persona.time_zone))
            except BadTime:
                continue
            audience.append(f"{persona.name}: {dates.moment(there)}")
        rows.append(
            [
                esc(site.channel_label(entry.channel.id)),
                esc(dates.moment(entry.local)) + (" (next free slot)" if entry.queued else ""),
                esc(dates.iso_utc(entry.moment.astimezone(UTC))),
                esc("; ".join(audience)) or '<span class="sp-muted">same</span>',
            ]
        )
    return table(["Channel", "Local time", "UTC", "Audience's time"], rows)


def published(site: Site, post: Post) -> str:
    if not site.ledger_found:
        return tag(
            "p",
            "Nothing is recorded as published yet: there is no ledger (<code>state/</code>)"
            " in this repository.",
            class_="sp-muted",
        )
    records = site.published.get(post.id, [])
    if not records:
        return tag("p", "Not published on any channel yet.", class_="sp-muted")
    rows = [
        [esc(r.channel_id), esc(dates.iso_utc(r.at.astimezone(UTC))), address(r.url or "")]
        for r in records
    ]
    return table(["Channel", "Sent", "Where"], rows)


def post_page_markdown(site: Site, post: Post) -> str:
    """A post's page: its title in Markdown, the rest three HTML blocks.

    Search finds the post by its title, notes and text as written; the facts,
    times, mock-ups and record are shown but not indexed (they repeat the
    strategy's names and the text on every page). Section headings are HTML
    (`html_heading`), so Markdown has almost nothing to do on the page."""
    linker = Linker(post_page(post.id))
    repo = site.repo
    out = [
        heading(post.title or post.id, anchor="post"),
        html_block(facts(site, linker, post), searched=False),
    ]
    searched: list[str] = []
    notes = post.data.get("notes")
    if isinstance(notes, str) and notes.strip():
        searched.append(
            tag(
                "div",
                tag("p", "Notes for reviewers (never posted)", class_="admonition-title")
                + tag("p", multiline(notes), class_="sp-prose"),
                class_="admonition note",
            )
        )
    if post.body.strip():
        # The text as written, before each network's tailoring.
        searched.append(html_heading(2, "Text as written", "text-as-written"))
        searched.append(tag("div", multiline(post.body), class_="sp-prose sp-source"))
    if searched:
        out.append(html_block(*searched))
    shown = [html_heading(2, "When", "when"), times(site, post)]
    channels = list(publishing_channels(post, repo))
    skipped = [c for c in post.channels if c not in {ch.id for ch in channels}]
    shown.append(html_heading(2, "What each channel receives", "what-each-channel-receives"))
    if not channels:
        shown.append(tag("p", "No channel chosen yet.", class_="sp-muted"))
    when = {e.channel.id: dates.moment(e.local) for e in site.entries.get(post.id, [])}
    for channel in channels:
        variant = compose.compose(post, channel, repo.people, repo)
        label = esc(site.channel_label(channel.id))
        shown.append(html_heading(3, label, f"channel-{slug(channel.id)}"))
        shown.append(
            preview(
                site,
                linker,
                post,
                channel,
                list(variant.shown or variant.parts),
                variant.link,
                when.get(channel.id, ""),
                variant.measures,
            )
        )
    if skipped:
        listed = ", ".join(esc(c) for c in skipped)
        shown.append(
            tag("p", f"Not sent to: {listed} (skipped, paused or unknown).", class_="sp-muted")
        )
    shown.append(html_heading(2, "Published", "published"))
    shown.append(published(site, post))
    out.append(html_block(*shown, searched=False))
    return join(out)
