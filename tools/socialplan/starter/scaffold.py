"""Creating things: a new brand repository, a new post file.

Nothing here ever overwrites a file: the user's work is never lost.
"""

from __future__ import annotations

import calendar
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ..errors import UsageError, WriteError
from ..load.loader import POSTS, find_root, load
from ..load.schema import KINDS, schema_text
from ..schedule.times import BadTime, zone

# Starter files whose names cannot start with a dot inside a Python package.
_RENAMED = {
    "gitignore": ".gitignore",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "vscode": ".vscode",
}


def init(
    target: Path, name: str = "Your Brand", time_zone: str = "UTC", today: date | None = None
) -> list[Path]:
    """Create a new, empty brand repository at `target` that validates clean."""
    try:
        zone(time_zone)
    except BadTime as bad:
        raise UsageError(bad.message, bad.hint) from None
    if target.exists() and any(target.iterdir()):
        raise UsageError(
            f"{target} is not empty",
            "choose a new folder; socialplan init never overwrites files",
        )
    today = today or date.today()
    last = calendar.monthrange(today.year, today.month)[1]
    values = {
        "name": _yaml_text(name),
        "time_zone": time_zone,
        "month_name": today.strftime("%Y-%m"),
        "month_start": today.replace(day=1).isoformat(),
        "month_end": today.replace(day=last).isoformat(),
    }
    written: list[Path] = []
    starter = resources.files("socialplan").joinpath("starter")
    _copy_tree(starter, target, values, written)
    for kind in KINDS:
        written.append(_write(target / "schemas" / f"{kind}.schema.json", schema_text(kind)))
    return written


# What a YAML double-quoted scalar may not hold as it is: JSON leaves these raw, but
# YAML reads U+0085, U+2028 and U+2029 as line breaks and refuses the others.
_YAML_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _yaml_text(value: str) -> str:
    """`value` as one YAML double-quoted scalar on one line, read back exactly.

    A name like "Yes: Coffee" stays text, and a title with a line break, `---` or a
    quote cannot end the front matter or change its meaning."""
    quoted = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda found: f"\\u{ord(found.group(0)):04x}", quoted)


def _copy_tree(
    source: Traversable, target: Path, values: dict[str, str], written: list[Path]
) -> None:
    for entry in sorted(source.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        name = _RENAMED.get(entry.name, entry.name)
        if entry.is_dir():
            _copy_tree(entry, target / name, values, written)
            continue
        content = entry.read_text(encoding="utf-8")
        if entry.name.endswith((".yaml", ".md")) and "pre-commit" not in entry.name:
            content = content.format(**values)
        written.append(_write(target / name, content))


def _write(path: Path, content: str) -> Path:
    if path.exists():
        raise WriteError(f"{path} already exists", "socialplan never overwrites files")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(content)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


@dataclass(frozen=True)
class NewPost:
    path: Path
    id: str


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:48].rstrip("-") or "post"


_ID_LINE = re.compile(r"^id:\s*['\"]?([a-z0-9-]+)", re.MULTILINE)


def existing_ids(root: Path) -> set[str]:
    """Post ids in use, read quickly from the top of each post file."""
    ids = set()
    for path in (root / POSTS).rglob("*.md"):
        try:
            head = path.read_text(encoding="utf-8", errors="replace")[:4000]
        except OSError:
            continue
        match = _ID_LINE.search(head)
        if match:
            ids.add(match.group(1))
    return ids


def new_post(
    start: Path,
    title: str,
    day: date,
    time: str | None = None,
    channels: list[str] | None = None,
) -> NewPost:
    """Write a draft post with a fresh id under content/posts/YYYY/MM/."""
    if not title.strip():
        raise UsageError("the title is empty", "give the post a working title")
    if any("\ud800" <= character <= "\udfff" for character in title):
        raise UsageError(
            "the title holds bytes that are not UTF-8 text", "type the title again as text"
        )
    if time is not None and not re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", time):
        raise UsageError(f"`{time}` is not a time of day", "write it as HH:MM, e.g. 09:30")
    root = find_root(start)
    repo = load(root).repo
    known = list(repo.channels)
    chosen = channels if channels else [c.id for c in repo.channels.values() if c.enabled]
    unknown = [c for c in chosen if c not in repo.channels]
    if unknown:
        raise UsageError(
            f"unknown channel `{unknown[0]}`",
            "channels in strategy/channels.yaml: " + (", ".join(known) or "none yet"),
        )
    slug = slugify(title)
    base_id = f"{day.isoformat()}-{slug}"[:64].rstrip("-")
    taken = existing_ids(root)
    folder = root / POSTS / f"{day.year:04d}" / f"{day.month:02d}"
    post_id, n = base_id, 1
    while post_id in taken or (folder / f"{post_id}.md").exists():
        n += 1
        post_id = f"{base_id[: 64 - len(str(n)) - 1]}-{n}"
    tz = repo.time_zone or "UTC"
    at = f"{day.isoformat()} {time} {tz}" if time else "next"
    lines = [
        "---",
        f"id: {post_id}",
        f"title: {_yaml_text(title.strip())}",
        "status: draft",
    ]
    if repo.objectives:
        lines.append(f"objective: {next(iter(repo.objectives))}")
    if repo.pillars:
        lines.append(f"pillar: {next(iter(repo.pillars))}")
    lines.append(f"channels: [{', '.join(chosen)}]")
    lines.append(f"at: {at}")
    lines += [
        "---",
        "Write the post here: one idea, for one persona, with one thing to do next.",
        "",
    ]
    path = _write(folder / f"{post_id}.md", "\n".join(lines))
    return NewPost(path, post_id)
