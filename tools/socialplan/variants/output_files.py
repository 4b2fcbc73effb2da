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

A rebuild usually follows a change to one post of thousands, so `write_all` keeps
`build/cache/variants.json` (see `buildcache`) when it writes the repository's own
`build/variants/`: per post, its fingerprint (every strategy file, socialplan's code
and the post's file, see `digests`) and the size and modification time of each file
written for it. A post whose fingerprint, channels and files all match is skipped
without composing anything. Editing the post, any strategy file or socialplan itself
changes the fingerprint; a variant file edited or deleted by hand no longer matches
its size and time: either way that post's files are made and compared again. The
cache is dropped when a run starts and kept only when it ends well.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..cache import fingerprints, store
from ..errors import UsageError, WriteError
from ..guards.containment import Folder
from ..guards.output_folders import VARIANTS, claim
from ..load.loader import MEDIA
from ..load.model import Channel, Post, Repo, publishing_channels
from .compose import ChannelText, compose

FORMAT = 1
OUTPUT = Path("build", "variants")
CACHE = "variants"


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
    are removed, so the folder always mirrors the repository. In the repository's own
    folder, posts unchanged since the last run are skipped (see the module's notes).
    """
    default = repo.root / OUTPUT
    cached = out_dir is None or out_dir.resolve() == default.resolve()
    # Never a folder of someone's files: see output_folders.
    target = claim(out_dir if out_dir is not None else default, repo.root, VARIANTS, earlier)
    previous: dict[str, Any] = {}
    entries: dict[str, Any] = {}
    strategy = ""
    if cached:
        previous = store.read(repo.root, CACHE)
        store.forget(repo.root, CACHE)
        strategy = fingerprints.strategy(repo)
    result = Written()
    variants = Folder(target)
    keep: dict[str, list[str]] = {}
    for post in sorted(repo.posts, key=lambda p: p.id):
        if not post.active or not post.id:
            continue
        channels = list(publishing_channels(post, repo))
        names = keep[post.id] = [f"{channel.id}.json" for channel in channels]
        if cached:
            fingerprint = fingerprints.combine(strategy, fingerprints.post(repo, post))
            entry = previous.get(post.id)
            if _still_there(entry, fingerprint, channels, os.path.join(target, post.id)):
                folder = target / post.id
                result.unchanged.extend([folder / name for name in names])
                entries[post.id] = entry
                continue
        files: dict[str, list[int]] = {}
        if channels:
            variants.place(post.id)  # a link out of the folder: OutsideFolder, nothing written
        for channel in channels:
            variant = compose(post, channel, repo.people, repo)
            path = target / post.id / f"{variant.channel}.json"
            content = dumps(record(post, variant)).encode("utf-8")
            files[variant.channel] = _write(path, content, result)
        if cached:
            entries[post.id] = {"fingerprint": fingerprint, "files": files}
    _remove_stale(variants, keep, result)
    if cached:
        store.write(repo.root, CACHE, entries)
    return result


def earlier(folder: Path) -> bool:
    """Whether `folder` is variants an earlier socialplan wrote without a marker: only
    folders (not links) holding only `.json` files (hidden entries aside)."""
    try:
        with os.scandir(folder) as entries:
            posts = [e for e in entries if not e.name.startswith(".")]
        for post in posts:
            if not post.is_dir(follow_symlinks=False):
                return False
            with os.scandir(post.path) as files:
                if not all(
                    f.name.startswith(".")
                    or (f.name.endswith(".json") and f.is_file(follow_symlinks=False))
                    for f in files
                ):
                    return False
    except OSError:
        return False
    return True


def _still_there(entry: Any, fingerprint: str, channels: list[Channel], folder: str) -> bool:
    """Whether the last run wrote this post's files from the same inputs, and they are
    all still there as it left them (same size and modification time)."""
    if not isinstance(entry, dict) or entry.get("fingerprint") != fingerprint:
        return False
    files = entry.get("files")
    if not isinstance(files, dict) or len(files) != len(channels):
        return False
    for channel in channels:
        try:
            now = os.stat(os.path.join(folder, f"{channel.id}.json"))
        except OSError:
            return False
        if not stat.S_ISREG(now.st_mode) or [now.st_size, now.st_mtime_ns] != files.get(channel.id):
            return False
    return True


def _write(path: Path, content: bytes, result: Written) -> list[int]:
    """Write one file unless it already holds `content`; its [size, mtime_ns] as left."""
    try:
        try:
            found: os.stat_result | None = os.stat(path)
        except FileNotFoundError:
            found = None
        # Seen before reading: a change made after this is caught on the next run.
        if (
            found is not None
            and stat.S_ISREG(found.st_mode)
            and found.st_size == len(content)
            and path.read_bytes() == content
        ):
            result.unchanged.append(path)
            return [found.st_size, found.st_mtime_ns]
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside, then renamed: a publisher reading the folder never sees half.
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_bytes(content)
        # Renaming keeps the size and time, and no one else has the file yet.
        made = os.stat(temporary)
        os.replace(temporary, path)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror}", "check the folder") from exc
    result.written.append(path)
    return [made.st_size, made.st_mtime_ns]


def _remove_stale(variants: Folder, keep: dict[str, list[str]], result: Written) -> None:
    """Remove `<post>/*.json` files not in `keep` (by post id), then emptied folders.

    Links are never followed: a linked folder or file is left alone.
    """
    target = variants.path
    if not target.is_dir():
        return
    stale: list[Path] = []
    empty: list[str] = []
    try:
        with os.scandir(target) as found:
            folders = [
                (entry.name, entry.path)
                for entry in found
                if entry.is_dir(follow_symlinks=False) and not entry.name.startswith(".")
            ]
        for name, folder in folders:
            wanted = keep.get(name, [])
            names = os.listdir(folder)
            left = len(names)
            for file in names:
                if file.endswith(".json") and file not in wanted:
                    candidate = os.path.join(folder, file)
                    if stat.S_ISREG(os.lstat(candidate).st_mode) and variants.contains(candidate):
                        stale.append(Path(candidate))
                        left -= 1
            if not left:
                empty.append(folder)
        for path in sorted(stale):
            variants.unlink(path)
            result.removed.append(path)
        for folder in sorted(empty):
            variants.rmdir(folder)
    except OSError as exc:
        where = exc.filename or target
        raise WriteError(f"cannot tidy {where}: {exc.strerror}", "check the folder") from exc


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
