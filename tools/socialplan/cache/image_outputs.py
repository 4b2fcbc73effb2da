"""The content-hash cache: an image is redrawn only when something that shapes it changed.

Each output's key is a hash of every input that can change its pixels or bytes:
the source file's bytes, the card's words and template file, the brand's look,
the font files, the network's rules, the settings and the renderer's version
(with Pillow's). The key is kept in the post's manifest next to the output's own
hash; on the next run, an output whose key matches and whose file is intact (and
carries no metadata) is kept as it is, without opening a single image.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Any

import PIL

from ..guards import safejson
from ..guards.containment import Folder, plain_relative
from ..guards.image_metadata import metadata_segments
from ..guards.safejson import same_bytes

# Bump when a change in socialplan changes what is drawn or how it is encoded.
RENDERER_VERSION = "socialplan-images/1"
MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
# A post's manifest lists a few dozen images: a few kilobytes.
MAX_MANIFEST_BYTES = 16 * 1024 * 1024


def key(parts: dict[str, Any]) -> str:
    """A stable hash of `parts` (JSON, sorted keys) with the renderer's versions."""
    payload = {"renderer": RENDERER_VERSION, "pillow": PIL.__version__, **parts}
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class FileHashes:
    """sha256 of files, each read at most once per run."""

    def __init__(self) -> None:
        self._known: dict[Path, str] = {}

    def __call__(self, path: Path) -> str:
        if path not in self._known:
            try:
                self._known[path] = sha256(path.read_bytes())
            except OSError:
                self._known[path] = "unreadable"
        return self._known[path]


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest written by the last run, or an empty one (missing, damaged, older)."""
    data = safejson.read_object(folder / MANIFEST, max_bytes=MAX_MANIFEST_BYTES)
    if data is None or data.get("format") != MANIFEST_FORMAT:
        return {}
    return data


def previous_images(folder: Path) -> dict[str, dict[str, Any]]:
    """The last run's entries by file name; entries whose name is not a plain file
    name in `folder`, or which are not objects, are left out (the manifest is
    untrusted: build/ may come from a shared cache)."""
    images = read_manifest(folder).get("images")
    found: dict[str, dict[str, Any]] = {}
    for entry in images if isinstance(images, list) else []:
        name = entry.get("file") if isinstance(entry, dict) else None
        if isinstance(name, str) and "/" not in name and plain_relative(name):
            found[name] = entry
    return found


def reusable(entry: dict[str, Any] | None, wanted_key: str, folder: Path) -> bool:
    """True when the last run's output for this key is still there, byte for byte, and
    bare: build/ may come from elsewhere, and a manifest is as easy to forge as a file."""
    if not entry or entry.get("key") != wanted_key:
        return False
    name = entry.get("file")
    size = entry.get("bytes")
    if not isinstance(name, str) or not plain_relative(name) or "/" in name:
        return False
    if not isinstance(size, int) or not _notes_ok(entry.get("problems")):
        return False
    if not Folder(folder).contains(name):
        return False
    path = folder / name
    try:
        found = os.stat(path)
        if not stat.S_ISREG(found.st_mode) or found.st_size != size:
            return False
        data = path.read_bytes()
    except OSError:
        return False
    return sha256(data) == entry.get("sha256") and not metadata_segments(data)


def _notes_ok(notes: Any) -> bool:
    """The kept warnings of an image have the shape render._stored_problems reads."""
    return isinstance(notes, list) and all(
        isinstance(note, dict)
        and isinstance(note.get("code"), str)
        and isinstance(note.get("message"), str)
        and isinstance(note.get("hint", ""), str)
        and isinstance(note.get("pointer") or [], list)
        and all(isinstance(part, str | int) for part in note.get("pointer") or [])
        for note in notes
    )


def write_manifest(images: Folder, folder: Path, manifest: dict[str, Any]) -> bool:
    """Write the manifest if it changed (inside `images`); True when it was written."""
    manifest = {"format": MANIFEST_FORMAT, **manifest}
    text = json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    target = folder / MANIFEST
    if same_bytes(target, text.encode()):
        return False
    images.write(target, text.encode())
    return True
