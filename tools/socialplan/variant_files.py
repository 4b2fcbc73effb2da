"""Variants as JSON files: `build/variants/<post-id>/<channel>.json`, one per channel.

Each file is what the publisher sends and what reviewers saw, with the figures to check
it by:

```json
{
  "format": 1,
  "post": "2027-01-06-v60-recipe-thread",
  "channel": "bluesky",
  "network": "bluesky",
  "parts": [
    {"text": "as sent", "shown": "as people see it",
     "length": {"used": 202, "limit": 300, "unit": "graphemes"},
     "checks": [{"what": "bytes", "used": 204, "limit": 3000, "unit": "UTF-8 bytes"}],
     "facets": [{"index": {"byteStart": 0, "byteEnd": 4}, "features": [...]}]}
  ],
  "thread": false, "split": false, "counters": false,
  "hashtags": ["V60"], "link": "https://...?utm_source=bluesky...", "link_placement": "append",
  "title": null, "media": [{"file": "content/media/photos/pour-over.jpg", "alt": "..."}],
  "content_hash": "sha256:..."
}
```

`facets` appear on Bluesky only (see `facets.py` for unresolved mention DIDs).
`content_hash` covers exactly what is sent (network, channel, post, the parts' text,
facets, title, link when it travels outside the text, and media files with their alt
text), so the publish ledger can record which reviewed variant went out. The same
repository always gives the same bytes: keys in a fixed order, UTF-8, `\\n` line ends.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import UsageError, WriteError
from .loader import MEDIA
from .model import Post, Repo
from .rules.common import publishing_channels
from .variants import ChannelText, compose

FORMAT = 1
OUTPUT = Path("build", "variants")


def record(post: Post, variant: ChannelText) -> dict[str, Any]:
    """The JSON document of one variant."""
    parts = []
    for index, text in enumerate(variant.parts):
        measures = variant.measures[index]
        main, *checks = measures
        part: dict[str, Any] = {
            "text": text,
            "shown": variant.shown[index],
            "length": {"used": main.used, "limit": main.limit, "unit": main.unit},
            "checks": [
                {"what": m.what, "used": m.used, "limit": m.limit, "unit": m.unit} for m in checks
            ],
        }
        if variant.network == "bluesky":
            part["facets"] = variant.facets[index]
        parts.append(part)
    document: dict[str, Any] = {
        "format": FORMAT,
        "post": post.id,
        "channel": variant.channel,
        "network": variant.network,
        "parts": parts,
        "thread": len(variant.parts) > 1,
        "split": variant.split,
        "counters": variant.counters,
        "hashtags": variant.hashtags,
        "link": variant.link,
        "link_placement": variant.link_placement,
        "title": variant.title,
        "media": [
            {"file": (MEDIA / item.file).as_posix(), "alt": item.alt} for item in variant.media
        ],
    }
    document["content_hash"] = content_hash(document)
    return document


def content_hash(document: dict[str, Any]) -> str:
    """sha256 of what is sent, in a canonical JSON form."""
    travels = document["link_placement"] in ("bio", "field")
    sent = {
        "network": document["network"],
        "channel": document["channel"],
        "post": document["post"],
        "parts": [
            {"text": part["text"], "facets": part.get("facets", [])} for part in document["parts"]
        ],
        "title": document["title"],
        "link": document["link"] if travels else None,
        "media": document["media"],
    }
    canonical = json.dumps(sent, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def variants_of(repo: Repo, posts: Iterable[Post] | None = None) -> list[tuple[Post, ChannelText]]:
    """Every active post's variant for every channel it is published to, in id order."""
    chosen = repo.posts if posts is None else list(posts)
    result = []
    for post in sorted(chosen, key=lambda p: p.id):
        if not post.active or not post.id:
            continue
        for channel in publishing_channels(post, repo):
            result.append((post, compose(post, channel, repo.people, repo)))
    return result


@dataclass
class Written:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


def write_all(repo: Repo, out_dir: Path | None = None) -> Written:
    """Write every variant under `out_dir` (default: build/variants/ of the repository).

    Files whose bytes would not change are left alone (their times too), and JSON files
    of variants that no longer exist (a deleted post, a channel dropped or skipped)
    are removed, so the folder always mirrors the repository.
    """
    target = out_dir if out_dir is not None else repo.root / OUTPUT
    result = Written()
    keep: set[Path] = set()
    for post, variant in variants_of(repo):
        path = target / post.id / f"{variant.channel}.json"
        keep.add(path)
        content = dumps(record(post, variant)).encode("utf-8")
        try:
            if path.is_file() and path.read_bytes() == content:
                result.unchanged.append(path)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            # Written aside, then renamed: a publisher reading the folder never sees half.
            temporary = path.with_name(f".{path.name}.tmp")
            temporary.write_bytes(content)
            os.replace(temporary, path)
        except OSError as exc:
            raise WriteError(f"cannot write {path}: {exc.strerror}", "check the folder") from exc
        result.written.append(path)
    if target.is_dir():
        for stale in sorted(target.glob("*/*.json")):
            if stale not in keep:
                stale.unlink()
                result.removed.append(stale)
        for folder in sorted(target.iterdir()):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
    return result


def select(repo: Repo, names: Iterable[str]) -> list[Post]:
    """The posts named by id, or by a file or folder path (relative to the current folder
    or to the repository); every post when no name is given."""
    wanted = list(names)
    if not wanted:
        return list(repo.posts)
    by_id = {post.id: post for post in repo.posts if post.id}
    chosen: dict[str, Post] = {}
    for name in wanted:
        if name in by_id:
            chosen[name] = by_id[name]
            continue
        matches = _by_path(repo, name)
        if not matches:
            raise UsageError(
                f"no post has the id or path `{name}`",
                "give a post id (its `id:`), a post file or a folder under content/posts/",
            )
        for post in matches:
            chosen[post.id] = post
    return sorted(chosen.values(), key=lambda post: post.id)


def _by_path(repo: Repo, name: str) -> list[Post]:
    candidates = {Path(name).resolve(), (repo.root / name).resolve()}
    found = []
    for post in repo.posts:
        path = post.path.resolve()
        if any(path == c or c in path.parents for c in candidates if c.exists()):
            found.append(post)
    return found
