"""Rebuilding only what changed: a record of what the last build wrote.

MkDocs renders every page on every build; its `dirty` mode skips a page
whose output is newer than its source, which generated pages do not have. So
`socialplan build` keeps, next to the build, a digest of every file it gave
MkDocs. On the next build into the same folder with the same configuration,
a page with the same digest is not rendered again, a page that disappeared is
removed from the output, and the search index, which a dirty build only fills
with the pages it rendered, is merged back with the entries of the others, in
the order a full build would write them. The result is the same site a full
build gives (the tests compare them byte for byte).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .context import Content, Deferred, SourceFile
from .markup import page_url

SEARCH_INDEX = Path("search", "search_index.json")
# Recorded pages of the theme (404.html, sitemap.xml), which are not site files.
THEME_PAGE = "theme:"


def digest(content: Content) -> str:
    if isinstance(content, Deferred):
        # Fingerprints its inputs, so the page need not be made to know it is unchanged.
        return f"page:{content.key}"
    if isinstance(content, SourceFile):
        stat = content.path.stat()
        return f"file:{content.path}:{stat.st_mtime_ns}:{stat.st_size}"
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


def output_path(site_dir: Path, path: str) -> Path:
    """Where MkDocs writes the site file `path` (directory URLs)."""
    if path.endswith(".md"):
        return site_dir / page_url(path) / "index.html"
    return site_dir / path


class Incremental:
    """The previous build into `site_dir`, if it was made the same way (`stamp`)."""

    def __init__(self, manifest: Path, stamp: str, site_dir: Path) -> None:
        self.manifest = manifest
        self.stamp = stamp
        self.site_dir = site_dir
        self.previous: dict[str, str] = {}
        self.current: dict[str, str] = {}
        self.search_index: dict[str, Any] | None = None
        try:
            recorded = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if (
            isinstance(recorded, dict)
            and recorded.get("stamp") == stamp
            and recorded.get("site_dir") == str(site_dir)
            and (site_dir / "index.html").is_file()
            and isinstance(recorded.get("files"), dict)
        ):
            self.previous = recorded["files"]

    @property
    def dirty(self) -> bool:
        """True when the previous build can be updated in place."""
        return bool(self.previous)

    def unchanged(self, path: str, content: Content) -> bool:
        value = digest(content)
        self.current[path] = value
        return self.previous.get(path) == value

    def start(self, paths: Iterable[str]) -> None:
        """Before building: forget the record (a failed build leaves none) and tidy up."""
        self.manifest.unlink(missing_ok=True)
        if not self.dirty:
            return
        for path in set(self.previous) - set(paths):
            if path.startswith(THEME_PAGE):
                continue
            target = output_path(self.site_dir, path)
            target.unlink(missing_ok=True)
            if path.endswith(".md"):
                with contextlib.suppress(OSError):
                    target.parent.rmdir()
        try:
            self.search_index = json.loads((self.site_dir / SEARCH_INDEX).read_text("utf-8"))
        except (OSError, ValueError):
            self.search_index = None

    def finish(self, page_urls: list[str], rebuilt: set[str]) -> None:
        """After a successful build: complete the search index and keep the record."""
        if self.dirty:
            self._merge_search_index(page_urls, rebuilt)
        self.manifest.parent.mkdir(parents=True, exist_ok=True)
        record = {"stamp": self.stamp, "site_dir": str(self.site_dir), "files": self.current}
        self.manifest.write_text(json.dumps(record, sort_keys=True), encoding="utf-8")

    def _merge_search_index(self, page_urls: list[str], rebuilt: set[str]) -> None:
        path = self.site_dir / SEARCH_INDEX
        if self.search_index is None or not path.is_file():
            return
        fresh = json.loads(path.read_text("utf-8"))
        old_entries = _by_page(self.search_index.get("docs", []))
        new_entries = _by_page(fresh.get("docs", []))
        docs: list[Any] = []
        for url in page_urls:
            docs.extend(new_entries.get(url, []) if url in rebuilt else old_entries.get(url, []))
        fresh["docs"] = docs
        # The separators Material's search plugin writes with: the same bytes as a full build.
        path.write_text(json.dumps(fresh, separators=(",", ":"), default=str), encoding="utf-8")


def _by_page(entries: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in entries:
        grouped[str(entry.get("location", "")).split("#", 1)[0]].append(entry)
    return grouped
