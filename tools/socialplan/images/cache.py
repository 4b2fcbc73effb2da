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
from pathlib import Path
from typing import Any

import PIL

from ..files import write_atomically
from .metadata import metadata_segments

# Bump when a change in socialplan changes what is drawn or how it is encoded.
RENDERER_VERSION = "socialplan-images/1"
MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1


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
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        return {}
    return data


def reusable(entry: dict[str, Any] | None, wanted_key: str, folder: Path) -> bool:
    """True when the last run's output for this key is still there, byte for byte, and
    bare: build/ may come from elsewhere, and a manifest is as easy to forge as a file."""
    if not entry or entry.get("key") != wanted_key:
        return False
    path = folder / str(entry.get("file", ""))
    try:
        if path.stat().st_size != entry.get("bytes"):
            return False
        data = path.read_bytes()
    except OSError:
        return False
    return sha256(data) == entry.get("sha256") and not metadata_segments(data)


def write_manifest(folder: Path, manifest: dict[str, Any]) -> bool:
    """Write the manifest if it changed; True when it was written."""
    manifest = {"format": MANIFEST_FORMAT, **manifest}
    text = json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    target = folder / MANIFEST
    try:
        if target.read_text(encoding="utf-8") == text:
            return False
    except OSError:
        pass
    write_atomically(target, text.encode())
    return True
