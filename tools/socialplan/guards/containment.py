"""Keeping every delete and every write inside its output folder.

Paths that come from a cache, a manifest or a ledger are data, and `build/` may be
restored from a shared CI cache: a record naming `../../VICTIM.txt`, an absolute
path or a file under a symbolic link that points elsewhere must never make
socialplan remove or replace anything outside the folder it writes. `Folder`
is that folder: each of its operations first resolves the path (every symbolic
link followed, `..` applied) and raises `OutsideFolder` unless the result lies
strictly inside, before anything is touched.

The check and the operation are two steps; a process racing to swap a folder
for a link between them is outside what this guards against (it could write
there itself).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from ..errors import WriteError
from .atomic import write_atomically


class OutsideFolder(WriteError):
    """A path to remove or write lies outside the folder it must stay in."""

    def __init__(self, path: Path | str, folder: Path) -> None:
        super().__init__(
            f"refused to touch {path}: it is not inside {folder}",
            "a record in build/ names a place outside its folder; delete build/ and build again",
        )
        self.path = path
        self.folder = folder


# Parts that do not start with a dot (no `.`, `..` or hidden names), split by single
# slashes, without backslashes or NUL: checked for every page of a site's record.
_PLAIN = re.compile(r"[^/\\\0.][^/\\\0]*(?:/[^/\\\0.][^/\\\0]*)*")


def plain_relative(path: str) -> bool:
    """True when `path` is a relative, forward-slash path with no `..`, `.`, empty
    or hidden parts: what socialplan's own records hold (checked without the disk)."""
    return _PLAIN.fullmatch(path) is not None


class Folder:
    """An output folder; every path given to it is checked to stay inside it."""

    def __init__(self, path: Path) -> None:
        self.path = path.resolve()

    def __repr__(self) -> str:
        return f"Folder({self.path})"

    def _within(self, resolved: Path, *, itself: bool = False) -> bool:
        return (itself and resolved == self.path) or self.path in resolved.parents

    def place(self, path: Path | str) -> Path:
        """Where `path` (relative to the folder, or absolute) is, its parent folders
        resolved and its own name kept; OutsideFolder unless it is inside, both as
        named and with a final symbolic link followed."""
        joined = self.path / path
        if joined.name in ("", ".", ".."):
            raise OutsideFolder(path, self.path)
        try:
            parent = joined.parent.resolve()
            where = parent / joined.name
            target = where.resolve()
        except (OSError, RuntimeError):  # a loop of links
            raise OutsideFolder(path, self.path) from None
        if not (self._within(parent, itself=True) and self._within(target)):
            raise OutsideFolder(path, self.path)
        return where

    def contains(self, path: Path | str) -> bool:
        try:
            self.place(path)
        except OutsideFolder:
            return False
        return True

    def unlink(self, path: Path | str) -> bool:
        """Remove a file (or a link) inside the folder; False when there was none."""
        where = self.place(path)
        try:
            os.unlink(where)
        except FileNotFoundError:
            return False
        return True

    def rmdir(self, path: Path | str) -> bool:
        """Remove an empty folder inside the folder; False when it is gone or not empty."""
        where = self.place(path)
        try:
            os.rmdir(where)
        except OSError:
            return False
        return True

    def rmtree(self, path: Path | str) -> None:
        """Remove a folder inside the folder with all it holds (links are removed, never
        followed)."""
        where = self.place(path)
        if where.is_symlink():
            os.unlink(where)
        else:
            shutil.rmtree(where)

    def write(self, path: Path | str, data: bytes) -> Path:
        """Replace the file at `path` inside the folder in one step (atomic.write_atomically)."""
        where = self.place(path)
        write_atomically(where, data)
        return where
