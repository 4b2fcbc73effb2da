"""Writing a post's front matter the way people write YAML by hand.

By hand rather than yaml.dump: plain scalars where they are safe, folded blocks for
long text, flow lists of ids, so that the parser meets what it meets in real repos.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:  # synth_posts imports this module
    from synth_posts import Draft, Media

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.:;()/’'&+=?!–—éèàçñ-]*")
_YAML_WORDS = frozenset({"yes", "no", "on", "off", "true", "false", "null", "y", "n"})


def scalar(value: str) -> str:
    """`value` as a YAML scalar on one line: plain when unambiguous, else quoted."""
    if (
        _PLAIN.fullmatch(value)
        and ": " not in value
        and " #" not in value
        and not value.endswith((" ", ":"))
        and value.lower() not in _YAML_WORDS
    ):
        return value
    return json.dumps(value, ensure_ascii=False)


def text_value(value: str, indent: int) -> str:
    """What follows `key:` for a text: inline, a folded block or a literal block."""
    pad = " " * indent
    if "\n" in value:
        lines = [pad + line if line else "" for line in value.split("\n")]
        return "|-\n" + "\n".join(lines)
    if len(value) > 72 and "  " not in value and not value.startswith(" "):
        lines = textwrap.wrap(value, 72, break_long_words=False, break_on_hyphens=False)
        return ">-\n" + "\n".join(pad + line for line in lines)
    return scalar(value)


def flow_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(scalar(v) for v in values) + "]"


def render(draft: Draft, zone_name: str) -> str:
    """The whole Markdown file of a post: front matter, then body."""
    lines = [
        "---",
        f"id: {scalar(draft.id)}",
        f"title: {scalar(draft.title)}",
        f"status: {draft.status}",
    ]
    if draft.objective:
        lines.append(f"objective: {scalar(draft.objective)}")
    if draft.pillar:
        lines.append(f"pillar: {scalar(draft.pillar)}")
    if draft.campaign:
        lines.append(f"campaign: {scalar(draft.campaign.id)}")
    if draft.personas:
        lines.append(f"personas: {flow_list(draft.personas)}")
    if draft.channels:
        lines.append(f"channels: {flow_list([c.id for c in draft.channels])}")
    if draft.when:
        local = draft.when.astimezone(ZoneInfo(zone_name))
        lines.append(f"at: {local:%Y-%m-%d %H:%M} {zone_name}")
    if draft.link:
        lines.append(f"link: {scalar(draft.link)}")
    if draft.hashtags:
        if len(draft.hashtags) <= 2:
            lines.append(f"hashtags: {flow_list(draft.hashtags)}")
        else:
            lines.append("hashtags:")
            lines.extend(f"  - {scalar(t)}" for t in draft.hashtags)
    if draft.media:
        lines.append("media:")
        lines.extend(_media_lines(draft.media, "  "))
    if draft.overrides:
        lines.append("overrides:")
        for channel_id, override in draft.overrides.items():
            lines.append(f"  {scalar(channel_id)}:")
            if "text" in override:
                lines.append(f"    text: {text_value(override['text'], 6)}")
            if "thread" in override:
                lines.append("    thread:")
                lines.extend(f"      - {text_value(p, 8)}" for p in override["thread"])
            if "hashtags" in override:
                lines.append(f"    hashtags: {flow_list(override['hashtags'])}")
            if "media" in override:
                lines.append("    media:")
                lines.extend(_media_lines(override["media"], "      "))
            if "link" in override:
                lines.append(f"    link: {scalar(override['link'])}")
    if draft.thread:
        lines.append("thread:")
        lines.extend(f"  - {text_value(p, 4)}" for p in draft.thread)
    if draft.notes:
        lines.append(f"notes: {text_value(draft.notes, 2)}")
    lines.append("---")
    return "\n".join(lines) + "\n" + draft.body + "\n"


def _media_lines(media: list[Media], pad: str) -> list[str]:
    lines = []
    for name, alt, focus in media:
        lines.append(f"{pad}- file: {scalar(name)}")
        lines.append(f"{pad}  alt: {text_value(alt, len(pad) + 4)}")
        if focus:
            lines.append(f"{pad}  focus: {{x: {focus[0]}, y: {focus[1]}}}")
    return lines
