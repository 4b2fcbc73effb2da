"""Gathering what page generation needs from disk: the repository, its schedule,
and the outputs of earlier build steps (images, calendar file, ledger).

This is the impure edge around `pages()`: `prepare(root)` reads, `pages()`
computes. Both `socialplan build` and the MkDocs plugin (`mkdocs serve`) use it.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..cache import fingerprints
from ..cache.image_outputs import MAX_MANIFEST_BYTES
from ..guards import safejson
from ..guards.containment import plain_relative
from ..load import ledger
from ..load.loader import load
from ..load.model import Repo
from ..problems import Report
from ..schedule.slots import Schedule, schedule
from . import pages
from .content import Content, Extras, GeneratedImage, PublishedRecord

IMAGES = Path("build", "images")
MANIFEST = "manifest.json"  # written by socialplan.images beside each post's images
_CHANNEL_IMAGE = re.compile(r"^(?P<channel>[a-z0-9][a-z0-9-]*)-(?P<n>\d+)\.(?:png|jpe?g|webp|gif)$")
_OG_IMAGE = re.compile(r"^og\.(?:png|jpe?g|webp)$")


@dataclass
class Prepared:
    """A repository read and turned into site files, ready for MkDocs."""

    root: Path
    repo: Repo
    plan: Schedule
    extras: Extras
    files: dict[str, Content]
    report: Report | None = None  # validation, when it was run


def read_images(root: Path) -> dict[str, dict[str, tuple[GeneratedImage, ...]]]:
    """What the images step wrote: build/images/<post id>/manifest.json and its files.

    A folder without a manifest is read by file names (`<channel id>-<n>.<ext>`,
    `og.<ext>`), so the site can show images made by another tool the same way.
    """
    folder = root / IMAGES
    found: dict[str, dict[str, tuple[GeneratedImage, ...]]] = {}
    if not folder.is_dir():
        return found
    # build/ is untrusted: an image is shown only if it is a file of a folder in
    # build/images, neither of them a link (which could copy any file of the machine
    # into the site).
    for post_folder in sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()):
        per_channel = _from_manifest(post_folder)
        if per_channel is None:
            per_channel = _from_names(post_folder)
        if per_channel:
            found[post_folder.name] = {
                channel: tuple(image for _, image in sorted(items, key=lambda i: i[0]))
                for channel, items in per_channel.items()
            }
    return found


_Found = dict[str, list[tuple[tuple[int, str], GeneratedImage]]]


def _regular(path: Path) -> bool:
    """A file, and not a link (one system call: this runs for every image)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _from_manifest(folder: Path) -> _Found | None:
    manifest = safejson.read_object(folder / MANIFEST, max_bytes=MAX_MANIFEST_BYTES)
    if manifest is None or "images" not in manifest:
        return None
    entries = manifest["images"]
    found: _Found = {}
    for entry in entries if isinstance(entries, list) else []:
        name = entry.get("file") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not plain_relative(name) or "/" in name:
            continue
        if not _regular(folder / name):
            continue
        stem = name.rsplit(".", 1)[0]
        channel = "og" if stem == "og" else entry.get("channel")
        match = _CHANNEL_IMAGE.match(name)
        if not isinstance(channel, str):
            continue
        image = GeneratedImage(
            folder / name,
            entry["alt"] if isinstance(entry.get("alt"), str) else None,
            entry["width"] if isinstance(entry.get("width"), int) else None,
            entry["height"] if isinstance(entry.get("height"), int) else None,
        )
        order = (int(match["n"]) if match else 0, name)
        found.setdefault(channel, []).append((order, image))
    return found


def _from_names(folder: Path) -> _Found:
    found: _Found = {}
    for path in sorted(p for p in folder.iterdir() if _regular(p)):
        if match := _CHANNEL_IMAGE.match(path.name):
            found.setdefault(match["channel"], []).append(
                ((int(match["n"]), path.name), GeneratedImage(path))
            )
        elif _OG_IMAGE.match(path.name):
            found.setdefault("og", []).append(((0, path.name), GeneratedImage(path)))
    return found


def read_ledger(root: Path) -> tuple[PublishedRecord, ...] | None:
    """What the ledger under state/ records as published; None when there is no ledger.

    `socialplan publish` does not exist yet: of what `ledger.read` gives, this keeps
    the entries that name a channel and a time with its offset (`at`, optional
    `url` and `text`). Damaged lines are `socialplan validate`'s to report; the
    site never fails on them.
    """
    found = ledger.read(root)
    if not found.found:
        return None
    records: list[PublishedRecord] = []
    for entry in found.entries:
        item = entry.data
        try:
            at = datetime.fromisoformat(str(item.get("at")))
        except ValueError:
            continue
        if entry.channel is None or at.tzinfo is None:
            continue
        url = item.get("url")
        text = item.get("text")
        records.append(
            PublishedRecord(
                entry.post,
                entry.channel,
                at,
                url if isinstance(url, str) else None,
                text if isinstance(text, str) else None,
            )
        )
    return tuple(records)


def collect_extras(root: Path, plan: Schedule, ics: bytes | None = None) -> Extras:
    return Extras(
        published=read_ledger(root),
        images=read_images(root),
        calendar_ics=ics,
        strategy_digest=fingerprints.strategy(plan.repo) if plan.repo is not None else None,
    )


def prepare(root: Path, *, check: bool = True) -> Prepared:
    """Read the repository at `root` and generate every site file."""
    report = None
    if check:
        from ..rules.validate import validate

        validation = validate(root=root)
        repo, report = validation.repo, validation.report
    else:
        repo = load(root).repo
    plan = schedule(repo)
    extras = collect_extras(root, plan)
    return Prepared(root, repo, plan, extras, pages(repo, plan, extras), report)
