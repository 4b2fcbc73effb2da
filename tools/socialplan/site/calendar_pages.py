"""The editorial calendar: a page per month (grid and week lists), and views
of the whole schedule by channel, by pillar and by campaign.

Times are on the brand's wall clock (strategy/brand.yaml `time_zone`), like
the terminal calendar; each post page also shows every channel's own time.
Month pages and views are linked from the calendar's first page, and kept out
of the navigation so that it stays the same size whatever the schedule holds.
"""

from __future__ import annotations

import calendar as gregorian
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date

from ..calendar import to_ics
from ..schedule.slots import Scheduled
from . import dates
from .content import Site, post_page
from .markup import Linker, esc, heading, html_block, inline, join, plural, slug, table, tag

INDEX = "calendar/index.md"
ICS = "calendar/calendar.ics"
CHIPS_PER_DAY = 6


def month_page(key: str) -> str:
    return f"calendar/{key}.md"


def view_page(kind: str, ident: str) -> str:
    return f"calendar/{kind}-{slug(ident)}.md"


def calendar_pages(site: Site) -> dict[str, str | bytes]:
    by_month: dict[str, list[Scheduled]] = defaultdict(list)
    for entry in site.plan.entries:
        by_month[dates.month_key(site.local(entry.moment).date())].append(entry)
    months = sorted(by_month)
    ics = site.extras.calendar_ics if site.extras.calendar_ics is not None else ics_file(site)
    out: dict[str, str | bytes] = {INDEX: index(site, months, by_month, ics is not None)}
    for i, key in enumerate(months):
        neighbours = (months[i - 1] if i else None, months[i + 1] if i + 1 < len(months) else None)
        out[month_page(key)] = month(site, key, by_month[key], neighbours)
    for kind, ident, title, entries in views(site):
        out[view_page(kind, ident)] = view(site, view_page(kind, ident), title, entries)
    if ics is not None:
        out[ICS] = ics
    return out


def ics_file(site: Site) -> bytes:
    """The iCalendar file of the schedule, for subscribing from the site."""
    return to_ics(site.plan)


def views(site: Site) -> Iterable[tuple[str, str, str, list[Scheduled]]]:
    entries = site.plan.entries
    for cid in site.repo.channels:
        yield "channel", cid, site.channel_label(cid), [e for e in entries if e.channel.id == cid]
    for pid in site.repo.pillars:
        yield "pillar", pid, site.pillar_name(pid), [e for e in entries if e.post.pillar == pid]
    for cid, campaign in site.repo.campaigns.items():
        yield "campaign", cid, campaign.name or cid, [e for e in entries if e.post.campaign == cid]


def chip(site: Site, linker: Linker, entry: Scheduled) -> str:
    local = site.local(entry.moment)
    label = f"{dates.clock(local)} {site.channel_label(entry.channel.id)} · {entry.post.title}"
    return linker.a(
        post_page(entry.post.id),
        esc(label),
        class_=f"sp-chip {site.pillar_class(entry.post.pillar)}",
        title=f"{entry.post.title} — {site.pillar_name(entry.post.pillar)}",
    )


def line(site: Site, linker: Linker, entry: Scheduled) -> str:
    """One entry of a week list: time, channel, post, pillar, campaign."""
    post = entry.post
    local = site.local(entry.moment)
    bits = [
        tag("span", "", class_=f"sp-dot {site.pillar_class(post.pillar)}"),
        esc(dates.clock(local)),
        esc(site.channel_label(entry.channel.id)),
        linker.a(post_page(post.id), esc(post.title or post.id)),
        tag("span", esc(site.pillar_name(post.pillar)), class_="sp-muted"),
    ]
    if post.campaign:
        bits.append(tag("span", esc(post.campaign), class_="sp-badge"))
    if post.status != "approved":
        bits.append(tag("span", esc(post.status), class_="sp-badge"))
    return bits[0] + " · ".join(bits[1:])


def grid(site: Site, linker: Linker, year: int, month_number: int, entries: list[Scheduled]) -> str:
    per_day: dict[date, list[Scheduled]] = defaultdict(list)
    for entry in entries:
        per_day[site.local(entry.moment).date()].append(entry)
    cells = [tag("div", esc(name), class_="sp-wd") for name in dates.DAYS]
    weeks = gregorian.Calendar(firstweekday=0).monthdatescalendar(year, month_number)
    for week in weeks:
        for day in week:
            items = per_day.get(day, []) if day.month == month_number else []
            shown = join(chip(site, linker, e) for e in items[:CHIPS_PER_DAY])
            more = len(items) - CHIPS_PER_DAY
            if more > 0:
                shown += tag("span", esc(f"+{more} more (see the week list)"), class_="sp-more")
            cells.append(
                tag(
                    "div",
                    tag("span", str(day.day), class_="sp-n") + shown,
                    class_="sp-day" if day.month == month_number else "sp-day sp-out",
                )
            )
    return tag("div", join(cells), class_="sp-month")


def week_lists(site: Site, linker: Linker, entries: list[Scheduled]) -> list[str]:
    weeks: dict[date, dict[date, list[Scheduled]]] = defaultdict(lambda: defaultdict(list))
    for entry in entries:
        day = site.local(entry.moment).date()
        weeks[dates.week_start(day)][day].append(entry)
    out = []
    for start in sorted(weeks):
        out.append(f"### Week of {inline(dates.day(start))}\n")
        days = join(
            tag(
                "li",
                tag("strong", esc(dates.short_day(day)))
                + tag("ul", join(tag("li", line(site, linker, e)) for e in weeks[start][day])),
            )
            for day in sorted(weeks[start])
        )
        out.append(html_block(tag("ul", days, class_="sp-week")))
    return out


def month(
    site: Site, key: str, entries: list[Scheduled], neighbours: tuple[str | None, str | None]
) -> str:
    year, month_number = int(key[:4]), int(key[5:])
    linker = Linker(month_page(key))
    links = [linker.a(INDEX, "All months")]
    if neighbours[0]:
        links.insert(0, linker.a(month_page(neighbours[0]), "← " + esc(neighbours[0])))
    if neighbours[1]:
        links.append(linker.a(month_page(neighbours[1]), esc(neighbours[1]) + " →"))
    posts = len({e.post.id for e in entries})
    summary = (
        f"{plural(posts, 'post')}, {plural(len(entries), 'channel post')}."
        f" Times in {esc(site.zone_name)}."
    )
    return join(
        [
            heading(dates.month_title(year, month_number), wide=True, searchable=False),
            html_block(tag("p", " · ".join(links)), tag("p", summary)),
            html_block(grid(site, linker, year, month_number, entries)),
            "## Weeks\n",
            *week_lists(site, linker, entries),
        ]
    )


def view(site: Site, src: str, title: str, entries: list[Scheduled]) -> str:
    linker = Linker(src)
    out = [
        heading(title, searchable=False),
        html_block(tag("p", linker.a(INDEX, "All of the calendar"))),
    ]
    if not entries:
        out.append(html_block(tag("p", "Nothing scheduled here.", class_="sp-muted")))
    by_month: dict[str, list[Scheduled]] = defaultdict(list)
    for entry in entries:
        by_month[dates.month_key(site.local(entry.moment).date())].append(entry)
    for key in sorted(by_month):
        out.append(f"## {inline(dates.month_title(int(key[:4]), int(key[5:])))}\n")
        rows = [
            [
                esc(dates.short_day(site.local(e.moment).date())),
                line(site, linker, e),
            ]
            for e in by_month[key]
        ]
        out.append(html_block(table(["Day", "Post"], rows)))
    return join(out)


def counted(
    linker: Linker, items: Iterable[tuple[str, str]], count: Callable[[str], int], kind: str
) -> str:
    rows = [
        [linker.a(view_page(kind, ident), esc(name)), esc(str(count(ident)))]
        for ident, name in items
    ]
    return table([kind.capitalize(), "Channel posts"], rows)


def index(
    site: Site, months: list[str], by_month: dict[str, list[Scheduled]], has_ics: bool
) -> str:
    linker = Linker(INDEX)
    entries = site.plan.entries
    channel_counts = Counter(e.channel.id for e in entries)
    pillar_counts = Counter(e.post.pillar or "" for e in entries)
    campaign_counts = Counter(e.post.campaign or "" for e in entries)
    if has_ics:
        subscribe = tag(
            "p",
            linker.a(ICS, "Subscribe to the calendar (.ics)", class_="md-button")
            + " Copy this link into your calendar app (“subscribe to calendar”, “from URL”) to"
            " see every planned post beside your meetings; it updates when the site does.",
        )
    else:
        subscribe = tag("p", "No calendar file in this build.", class_="sp-muted")
    out = [
        "# Calendar\n",
        html_block(
            subscribe,
            tag("p", f"Times in {esc(site.zone_name)}. {plural(len(entries), 'channel post')}."),
        ),
        "## Months\n",
    ]
    rows = [
        [
            linker.a(month_page(key), esc(dates.month_title(int(key[:4]), int(key[5:])))),
            esc(str(len({e.post.id for e in by_month[key]}))),
            esc(str(len(by_month[key]))),
        ]
        for key in months
    ]
    out.append(html_block(table(["Month", "Posts", "Channel posts"], rows)))
    if not months:
        out.append(html_block(tag("p", "Nothing is scheduled yet.", class_="sp-muted")))
    out.append("## By channel\n")
    channels = [(cid, site.channel_label(cid)) for cid in site.repo.channels]
    out.append(html_block(counted(linker, channels, lambda i: channel_counts[i], "channel")))
    out.append("## By pillar\n")
    pillars = [(pid, site.pillar_name(pid)) for pid in site.repo.pillars]
    out.append(html_block(counted(linker, pillars, lambda i: pillar_counts[i], "pillar")))
    out.append("## By campaign\n")
    campaigns = [(cid, c.name or cid) for cid, c in site.repo.campaigns.items()]
    out.append(html_block(counted(linker, campaigns, lambda i: campaign_counts[i], "campaign")))
    if site.plan.unplaced:
        out.append("## Waiting for a slot\n")
        items = join(
            tag(
                "li",
                linker.a(post_page(post.id), esc(post.title or post.id))
                + esc(f" — no free slot on {channel.id}"),
            )
            for post, channel in site.plan.unplaced
        )
        out.append(html_block(tag("ul", items)))
    return join(out)
