"""The preview as GitHub Markdown: a sticky pull-request comment or a job summary.

Layout: a hidden marker (for the workflow to find and update its own comment), a
headline with counts, call-outs that must not be missed (edits to published posts,
deleted posts, changed ids), then one collapsible section per post, opened when it has
errors, holding for each channel the text as the network shows it, its length against
the limit, its link and images, and the post's problems. Everything fits in `budget`
characters (GitHub refuses comments over 65,536): sections that do not fit are left out
and named in a closing note.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from ..guards.console import safe
from ..load.model import Media, Post
from ..problems import Problem
from ..variants.compose import ChannelText, network_of
from ..variants.report import length
from .changes import ADDED, CHANGED, DELETED, ID_CHANGED, MOVED, RESTYLED, PostChange
from .escape import attribute, block, code, in_html, inline, message
from .gather import PreviewData

MARKER = "<!-- socialplan-preview -->"
COMMENT_LIMIT = 65_536
DEFAULT_BUDGET = 65_000  # leaves room for what a workflow may wrap around it
BADGES = {
    ADDED: "🆕 added",
    CHANGED: "✏️ changed",
    ID_CHANGED: "🆔 id changed",
    RESTYLED: "🎨 variants changed",
    MOVED: "📁 moved",
}
SECTIONED = (ADDED, CHANGED, ID_CHANGED, RESTYLED)
CALLOUT_ITEMS = 50  # per call-out list, so that no list can crowd out the posts


def size(text: str) -> int:
    """Length as GitHub counts it (UTF-16 code units, the larger of the readings)."""
    return len(text.encode("utf-16-le")) // 2


def render(data: PreviewData, budget: int = DEFAULT_BUDGET) -> str:
    # Made safe for a workflow's log (console.safe) before they are measured: what is
    # printed and posted is what fits the budget.
    head = [safe(line) for line in [MARKER, "## socialplan preview", "", _headline(data), ""]]
    head += [safe(line) for line in _callouts(data)]
    sections = [c for c in data.changes if c.kind in SECTIONED and c.post is not None]
    sections.sort(key=lambda c: (not _errors(data, c), c.id))
    foot = [
        "",
        safe(
            f"<sub>socialplan preview against {code(data.base.ref)}"
            f" (merge base {code(data.base.short)}).</sub>"
        ),
        "",
    ]
    used = size("\n".join(head + foot)) + 400  # room for the truncation note
    body: list[str] = []
    left_out: list[PostChange] = []
    for change in sections:
        text = safe(_section(data, change))
        if left_out or used + size(text) + 1 > budget:
            left_out.append(change)
            continue
        body.append(text)
        used += size(text) + 1
    if not sections and not data.changes:
        body.append("No post was added, changed or deleted.")
    if left_out:
        body.append(safe(_left_out_note(left_out, budget - used + 400, budget)))
    return "\n".join(head + body + foot)


def _headline(data: PreviewData) -> str:
    counts: dict[str, int] = {}
    for change in data.changes:
        counts[change.kind] = counts.get(change.kind, 0) + 1
    order = (ADDED, CHANGED, ID_CHANGED, RESTYLED, MOVED, DELETED)
    parts = [f"**{counts[kind]} {kind}**" for kind in order if counts.get(kind)]
    errors = sum(1 for c in data.changes for p in data.problems_of(c) if p.is_error)
    warnings = sum(1 for c in data.changes for p in data.problems_of(c) if not p.is_error)
    verdict = f"❌ {errors} error{'s' * (errors != 1)}" if errors else "✅ no errors"
    if warnings:
        verdict += f" · ⚠️ {warnings} warning{'s' * (warnings != 1)}"
    what = ", ".join(parts) if parts else "no post changes"
    return f"Posts compared with {code(data.base.ref)}: {what} · {verdict} in these posts."


def _callouts(data: PreviewData) -> list[str]:
    lines: list[str] = []
    published = [c for c in data.changes if c.was_published and c.kind != MOVED]
    if published:
        lines += [
            "> [!CAUTION]",
            "> **Already published.** Editing or deleting these posts here changes nothing that"
            " is already out, and socialplan never posts an id twice:",
        ]
        lines += _listed(
            f"> - {code(c.id)} ({c.kind}; published on"
            f" {', '.join(sorted(c.published)) or 'a channel'})"
            for c in published
        )
    deleted = [c.before for c in data.changes if c.kind == DELETED and c.before is not None]
    if deleted:
        lines += ["> [!WARNING]", "> **Deleted posts.** They will not be published:"]
        lines += _listed(f"> - {code(p.id)} {inline(p.title)} ({code(p.rel)})" for p in deleted)
    renamed = [c for c in data.changes if c.kind == ID_CHANGED and c.before is not None]
    if renamed:
        lines += [
            "> [!WARNING]",
            "> **Changed ids.** socialplan knows a post by its id: a new id is a new post, and"
            " a published one would go out again:",
        ]
        lines += _listed(f"> - {code(c.before.id)} → {code(c.id)}" for c in renamed if c.before)
    moved = [(c.before, c.post) for c in data.changes if c.moved and c.before and c.post]
    if moved:
        lines.append("Moved files (same id, nothing re-posted):")
        lines += _listed(f"- {code(old.rel)} → {code(new.rel)}" for old, new in moved)
    return lines


def _listed(items: Iterable[str], most: int = CALLOUT_ITEMS) -> list[str]:
    """At most `most` lines of a list, then how many more there are, then a blank line."""
    lines = list(items)
    if len(lines) > most:
        prefix = "> " if lines[0].startswith(">") else ""
        lines = [*lines[:most], f"{prefix}- … and {len(lines) - most} more"]
    return [*lines, ""]


def _errors(data: PreviewData, change: PostChange) -> bool:
    return any(p.is_error for p in data.problems_of(change))


def _section(data: PreviewData, change: PostChange) -> str:
    post = change.post
    assert post is not None
    problems = data.problems_of(change)
    errors = sum(1 for p in problems if p.is_error)
    flag = f" · ❌ {errors}" if errors else (f" · ⚠️ {len(problems)}" if problems else " · ✅")
    summary = (
        f"{BADGES[change.kind]} · <b>{in_html(post.title or post.id)}</b> ·"
        f" <code>{in_html(post.id)}</code>{flag}"
    )
    lines = [f"<details{' open' if errors else ''}>", f"<summary>{summary}</summary>", ""]
    lines.append(f"{code(post.rel)} · status {code(post.status)}" + _fields(change))
    lines.append("")
    lines += _times(data, post)
    for variant in data.variants_of(post):
        lines += _channel(data, post, variant, change)
    lines += _images(data, post.media, "Images")
    if problems:
        lines += ["**Problems**", ""]
        lines += [_problem(p) for p in problems]
        lines.append("")
    lines += ["</details>", ""]
    return "\n".join(lines)


def _fields(change: PostChange) -> str:
    if change.kind == RESTYLED:
        return " · the post is unchanged; a strategy edit changed " + ", ".join(
            code(c) for c in change.channels
        )
    if change.kind in (CHANGED, ID_CHANGED) and change.fields:
        return " · changed: " + ", ".join(code(f) for f in change.fields)
    return ""


def _times(data: PreviewData, post: Post) -> list[str]:
    moments = data.moments.get(post.id, {})
    if not moments:
        return ["🕒 not scheduled yet", ""]
    by_moment: dict[datetime, list[str]] = {}
    for channel_id, moment in sorted(moments.items()):
        by_moment.setdefault(moment, []).append(channel_id)
    lines = []
    for moment, channels in sorted(by_moment.items()):
        which = "" if len(by_moment) == 1 else " (" + ", ".join(channels) + ")"
        local = [
            f"{inline(persona)}: {_when(moment.astimezone(zone))}"
            for persona, zone in data.persona_zones(post)
        ]
        extra = " · " + " · ".join(local) if local else ""
        lines.append(f"🕒 {_when(moment)}{which}{extra}")
    return [*lines, ""]


def _when(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b %Y}, {moment:%H:%M} {moment.tzname()}"


def _channel(data: PreviewData, post: Post, variant: ChannelText, change: PostChange) -> list[str]:
    channel = data.head.channels[variant.channel]
    label = network_of(channel).label
    count = len(variant.parts)
    shape = "1 post" if count == 1 else f"thread of {count} parts"
    if variant.split:
        shape += ", split automatically"
    mark = "✅" if variant.fits else "❌ too long"
    sent_note = " · published already" if variant.channel in change.published else ""
    lines = [f"#### {inline(label)} · {code(variant.channel)} · {shape} · {mark}{sent_note}", ""]
    for index, shown in enumerate(variant.shown):
        figures = "; ".join(length(m) for m in variant.measures[index])
        number = f"Part {index + 1} of {count} · " if count > 1 else ""
        lines += [f"{number}{figures}", "", block(shown), ""]
    if variant.title is not None:
        lines += [f"Pin title: {inline(variant.title)}", ""]
    note = _link_note(post, variant)
    if variant.link and note:
        lines += [f"The link {note}: {code(variant.link)}", ""]
    if variant.media != post.media:
        lines += _images(data, variant.media, f"Images for {variant.channel}")
    return lines


def _link_note(post: Post, variant: ChannelText) -> str:
    """Where the variant's link goes, when the text shown does not make it plain."""
    link = variant.link
    override = post.overrides.get(variant.channel)
    written = (override.link if override is not None else None) or post.link
    if link is None or any(link in part or (written or link) in part for part in variant.shown):
        return ""
    behind = {f["features"][0].get("uri") for part in variant.facets for f in part}
    if link in behind:
        return "is behind its short label"
    placement = {"bio": "goes in the bio", "field": "is the pin's link", "none": "is not posted"}
    if variant.link_placement in placement:
        return placement[variant.link_placement]
    if any(variant.own):
        return "is left out: this channel has its own text, sent as written"
    return ""


def _images(data: PreviewData, media: Iterable[Media], title: str) -> list[str]:
    items = list(media)
    if not items:
        return []
    lines = [f"**{title}**", ""]
    for item in items:
        path = f"content/media/{item.file}"
        alt = item.alt if item.alt else ""
        if data.media_base_url:
            url = data.media_base_url.rstrip("/") + "/" + path
            lines.append(f'<img src="{attribute(url)}" alt="{attribute(alt)}" width="240">')
            lines.append("")
        described = inline(alt) if alt else "**no alt text**"
        lines.append(f"- {code(path)}: {described}")
    return [*lines, ""]


def _problem(problem: Problem) -> str:
    mark = "❌" if problem.is_error else "⚠️"
    hint = f" — {message(problem.hint)}" if problem.hint else ""
    where = f"{problem.line}:{problem.col}"
    return f"- {mark} {code(where)} {code(problem.code)} {message(problem.message)}{hint}"


def _left_out_note(left_out: list[PostChange], room: int, budget: int) -> str:
    names = []
    used = 0
    for change in left_out:
        name = code(change.id)
        if used + size(name) + 2 > max(room - 300, 0):
            names.append("…")
            break
        names.append(name)
        used += size(name) + 2
    size_limit = (
        f"GitHub's {COMMENT_LIMIT:,}-character comment limit"
        if budget <= COMMENT_LIMIT
        else f"{budget:,} characters (--max-chars)"
    )
    return (
        f"> [!NOTE]\n> {len(left_out)} more post{'s' * (len(left_out) != 1)} left out to stay"
        f" within {size_limit}: {', '.join(names)}. `socialplan preview --max-chars 900000`"
        " shows them all (a job summary takes up to 1 MiB).\n"
    )
