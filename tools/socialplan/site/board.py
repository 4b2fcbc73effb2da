"""The pipeline board: every post in its column, from idea to published.

A post's column is its `status:`, except that an approved post with a time
on the calendar is *scheduled*, and a post the ledger (state/) records as
sent is *published*. Cancelled posts are listed under the board.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from ..load.model import Post
from . import dates
from .content import STAGES, Site, post_page
from .markup import Linker, esc, heading, html_block, join, plural, tag

PAGE = "pipeline.md"


def sort_key(site: Site, post: Post) -> tuple[int, datetime | str, str]:
    first = site.first_moment(post)
    return (0, first, post.id) if first is not None else (1, "", post.id)


def ticket(site: Site, linker: Linker, post: Post) -> str:
    first = site.first_moment(post)
    when = (
        f"{dates.short_day(site.local(first).date())} {dates.clock(site.local(first))}"
        if first is not None
        else (post.at or "no date yet")
    )
    channels = ", ".join(post.channels) or "no channel yet"
    return tag(
        "div",
        linker.a(post_page(post.id), esc(post.title or post.id))
        + tag("div", esc(when), class_="sp-muted")
        + tag("div", esc(site.pillar_name(post.pillar)) + " · " + esc(channels), class_="sp-muted"),
        class_=f"sp-ticket {site.pillar_class(post.pillar)}",
    )


def pipeline_page(site: Site) -> dict[str, str]:
    linker = Linker(PAGE)
    columns: dict[str, list[Post]] = defaultdict(list)
    for post in site.posts:
        columns[site.stage(post)].append(post)
    for posts in columns.values():
        posts.sort(key=lambda p: sort_key(site, p))
    board = join(
        tag(
            "div",
            tag("h3", esc(f"{label} ({len(columns[key])})"))
            + join(ticket(site, linker, post) for post in columns[key]),
            class_="sp-col",
        )
        for key, label in STAGES
    )
    ledger = (
        "Published posts come from the ledger under state/."
        if site.ledger_found
        else "Nothing can be shown as published yet: there is no ledger (state/) in this"
        " repository, so the Published column is empty."
    )
    intro = tag(
        "p",
        esc(
            f"{plural(len(site.posts), 'post')}. Scheduled means approved and given a time;"
            f" approved posts without a time wait in Approved. {ledger}"
        ),
    )
    out = [
        heading("Pipeline", wide=True),
        html_block(intro),
        html_block(tag("div", board, class_="sp-board")),
    ]
    cancelled = columns.get("cancelled", [])
    if cancelled:
        out.append("## Cancelled\n")
        items = join(tag("li", linker.a(post_page(p.id), esc(p.title or p.id))) for p in cancelled)
        out.append(html_block(tag("ul", items)))
    return {PAGE: join(out)}
