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

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..guards import safejson
from ..guards.atomic import write_atomically
from ..guards.containment import Folder, OutsideFolder, plain_relative
from .content import Content, Deferred, SourceFile
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
    """The previous build into `site_dir`, if it was made the same way (`stamp`).

    The record (`manifest`, in build/) is untrusted: a record that cannot be read,
    holds the wrong types or names a file outside `site_dir` is reported in `notes`
    and forgotten, and the site is built in full.
    """

    def __init__(self, manifest: Path, stamp: str, site_dir: Path) -> None:
        self.manifest = manifest
        self.stamp = stamp
        self.site_dir = site_dir
        self.folder = Folder(site_dir)
        self.previous: dict[str, str] = {}
        self.current: dict[str, str] = {}
        self.search_index: dict[str, Any] | None = None
        self.notes: list[str] = []
        try:
            recorded = safejson.read(manifest)
        except FileNotFoundError:
            return
        except (OSError, safejson.JsonRefused) as exc:
            self._corrupt(str(exc))
            return
        if not isinstance(recorded, dict):
            self._corrupt("it is not a JSON object")
            return
        if recorded.get("stamp") != stamp or recorded.get("site_dir") != str(site_dir):
            return  # made another way, or for another folder: a full build
        files = recorded.get("files")
        if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
            self._corrupt("its list of files is damaged")
            return
        strange = next((p for p in files if not _recordable(p)), None)
        if strange is not None:
            self._corrupt(f"it names {strange[:80]!r}, which is not a file of the site")
            return
        if (site_dir / "index.html").is_file():
            self.previous = files

    def _corrupt(self, why: str) -> None:
        self.previous = {}
        self.notes.append(
            f"{self.manifest.name} (the record of the last build) is corrupt: {why};"
            " building the whole site"
        )

    @property
    def dirty(self) -> bool:
        """True when the previous build can be updated in place."""
        return bool(self.previous)

    def unchanged(self, path: str, content: Content) -> bool:
        value = digest(content)
        self.current[path] = value
        return self.previous.get(path) == value

    def start(self, paths: Iterable[str]) -> None:
        """Before building: forget the record (a failed build leaves none) and tidy up.

        Everything to remove is checked to lie inside the site before the first file
        goes; if one does not, or the old search index cannot be merged, nothing is
        removed here and the site is built in full (MkDocs empties the folder).
        """
        self.manifest.unlink(missing_ok=True)
        if not self.dirty:
            return
        index = self.site_dir / SEARCH_INDEX
        if index.exists() or index.is_symlink():
            self.search_index = self._read_search_index()
            if self.search_index is None:
                self.previous = {}
                self.notes.append(
                    f"{SEARCH_INDEX.as_posix()} of the last build cannot be used; building the"
                    " whole site"
                )
                return
        stale = [p for p in set(self.previous) - set(paths) if not p.startswith(THEME_PAGE)]
        try:
            targets = sorted(
                (self.folder.place(output_path(self.site_dir, p)), p.endswith(".md")) for p in stale
            )
        except OutsideFolder as outside:
            self._corrupt(f"it names {outside.path}, which is outside {self.site_dir}")
            return
        for target, page in targets:
            self.folder.unlink(target)
            if page and target.parent != self.folder.path:  # the page's folder, if empty
                self.folder.rmdir(target.parent)

    def _read_search_index(self) -> dict[str, Any] | None:
        try:
            index = safejson.read(self.site_dir / SEARCH_INDEX)
        except (OSError, safejson.JsonRefused):
            return None
        if not isinstance(index, dict) or not isinstance(index.get("docs"), list):
            return None
        return index

    def finish(self, page_urls: list[str], rebuilt: set[str]) -> None:
        """After a successful build: complete the search index and keep the record."""
        if self.dirty:
            self._merge_search_index(page_urls, rebuilt)
        record = {"stamp": self.stamp, "site_dir": str(self.site_dir), "files": self.current}
        write_atomically(self.manifest, json.dumps(record, sort_keys=True).encode("utf-8"))

    def _merge_search_index(self, page_urls: list[str], rebuilt: set[str]) -> None:
        if self.search_index is None:
            return
        fresh = self._read_search_index()
        if fresh is None:
            return  # MkDocs wrote none (no search plugin)
        old_entries = _by_page(self.search_index["docs"])
        new_entries = _by_page(fresh["docs"])
        docs: list[Any] = []
        for url in page_urls:
            docs.extend(new_entries.get(url, []) if url in rebuilt else old_entries.get(url, []))
        fresh["docs"] = docs
        # The separators Material's search plugin writes with: the same bytes as a full build.
        data = json.dumps(fresh, separators=(",", ":"), default=str).encode("utf-8")
        self.folder.write(SEARCH_INDEX, data)


def _recordable(path: object) -> bool:
    """A key of the record: a site file's path, or a theme page's name."""
    if not isinstance(path, str):
        return False
    if path.startswith(THEME_PAGE):
        return plain_relative(path[len(THEME_PAGE) :])
    return plain_relative(path)


def _by_page(entries: list[Any]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in entries:
        if isinstance(entry, dict):
            grouped[str(entry.get("location", "")).split("#", 1)[0]].append(entry)
    return grouped
