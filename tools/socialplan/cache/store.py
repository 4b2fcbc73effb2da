"""The build's memory of its last run: `build/cache/<name>.json`.

Each step that can skip unchanged work keeps one JSON file here, mapping a
piece of output (a post, a calendar event) to the fingerprint of what it was
made from (`socialplan.cache.fingerprints`) and whatever the step needs to reuse it. The
cache is only ever a shortcut: a missing, unreadable, corrupt or outdated file
reads as empty and the step does all its work, so deleting `build/cache/` is
always safe. Files are replaced in one step, never left half written.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from ..errors import WriteError
from ..guards import safejson
from ..guards.containment import Folder, OutsideFolder

FOLDER = Path("build", "cache")
# Bump when the layout of cache entries changes: older caches are then ignored.
FORMAT = 1


def build_folder(root: Path) -> Folder:
    """build/ of the repository at `root`: what the build writes stays inside it."""
    return Folder(root / FOLDER.parent)


def path(root: Path, name: str) -> Path:
    return root / FOLDER / f"{name}.json"


def read(root: Path, name: str) -> dict[str, Any]:
    """The entries kept by the last build, or {} when there is nothing usable."""
    recorded = safejson.read_object(path(root, name))
    if recorded is None or recorded.get("format") != FORMAT:
        return {}
    entries = recorded.get("entries")
    return entries if isinstance(entries, dict) else {}


def write(root: Path, name: str, entries: dict[str, Any]) -> None:
    """Keep `entries` for the next build (replacing what was kept before)."""
    target = path(root, name)
    data = json.dumps({"format": FORMAT, "entries": entries}, ensure_ascii=False, sort_keys=True)
    try:
        build_folder(root).write(target, data.encode("utf-8"))
    except OSError as exc:
        raise WriteError(
            f"could not write the build cache {target}: {exc.strerror or exc}",
            "check that build/ can be written to (deleting build/cache/ is always safe)",
        ) from None


def forget(root: Path, name: str) -> None:
    """Drop a cache file (before a step rewrites its outputs: a failed run keeps none)."""
    with contextlib.suppress(OSError):
        path(root, name).unlink(missing_ok=True)


def clear(root: Path) -> None:
    """Forget everything earlier builds kept (`socialplan build --clean`).

    Only inside build/: a build/cache that is a link to somewhere else is left alone.
    """
    folder = root / FOLDER
    build = build_folder(root)
    if folder.is_dir():
        for item in folder.glob("*.json"):
            with contextlib.suppress(OSError, OutsideFolder):
                build.unlink(item)
        # The site's compiled theme templates (site.plugin.TEMPLATE_CACHE) and bare
        # copies of images (images.copies.FOLDER).
        for kept in ("templates", "media"):
            with contextlib.suppress(OSError, OutsideFolder):
                if (folder / kept).exists():
                    build.rmtree(folder / kept)
