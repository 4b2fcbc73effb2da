"""Bare copies of the user's images, for outputs that show them as they are (the site).

The site shows the brand's logo, each post's photos when the images step did
not run (`build --no-images`) and the images that step made. None may carry
anything but the picture (see `originals.bare_copy`). A file that is already
bare (the images step's outputs, an exported logo) is used as it is: scanning
it costs a read. A photo from a phone has to be decoded and written again,
which takes a good part of a second for 12 megapixels, so the copy is kept in
`build/cache/media/`, named by the sha256 of the original's bytes (and of the
writer's version): a rebuild, a `--clean` build into another folder or a build
after renaming a photo find it there.

build/ may come from elsewhere (a CI cache), so a kept copy is used only when
it is whole and bare (`metadata_segments` walks it to its end), and opens as an
image of the original's format and upright size; anything else is made again.
Copies are made on several threads (Pillow decodes and encodes without holding
Python's lock).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import PIL

from ..guards.containment import Folder, OutsideFolder
from ..guards.image_metadata import metadata_segments
from .originals import bare_copy, kind
from .sources import DEFAULT_MAX_PIXELS, ImageRefused, open_checked

FOLDER = Path("build", "cache", "media")
# Bump when bare copies are made differently: older ones are then made again.
VERSION = "bare-copies/1"


class BareCopies:
    """Where the bare copy of each image is, made (or found in the cache) on demand."""

    def __init__(self, root: Path, max_pixels: int = DEFAULT_MAX_PIXELS) -> None:
        self.root = root
        self.folder = root / FOLDER
        # Every write and delete stays inside build/ (containment.Folder).
        self.build = Folder(root / FOLDER.parts[0])
        self.max_pixels = max_pixels
        self.used: set[str] = set()  # names of the cache entries of this run
        self.made = 0  # copies written this run (the others were bare or kept)
        self._lock = threading.Lock()

    def copies(self, sources: Iterable[tuple[Path, str]]) -> dict[Path, Path | ImageRefused]:
        """For each (file, name shown in messages): the file to publish in its place,
        the file itself when it is bare, or why it cannot be published."""
        wanted = dict(sources)
        workers = min(len(wanted), os.cpu_count() or 1)
        if workers <= 1:
            return {path: self._copy(path, shown) for path, shown in wanted.items()}
        with ThreadPoolExecutor(max_workers=workers) as pool:
            done = pool.map(lambda item: self._copy(*item), wanted.items())
            return dict(zip(wanted, done, strict=True))

    def prune(self) -> None:
        """Remove kept copies no image of this run used (after copying every image)."""
        if not self.folder.is_dir() or not self.build.contains(self.folder / "x"):
            return
        for entry in self.folder.iterdir():
            # A link is removed, never what it points to.
            if entry.name in self.used:
                continue
            with contextlib.suppress(OSError, OutsideFolder):
                if entry.is_symlink():  # the folder is inside build/: so is the link itself
                    entry.unlink()
                elif entry.is_file():
                    self.build.unlink(entry)

    def _copy(self, path: Path, shown: str) -> Path | ImageRefused:
        try:
            data = path.read_bytes()
        except OSError as exc:
            return ImageRefused(
                "unreadable-file", f"{shown} cannot be read: {exc.strerror or exc}", ""
            )
        if not metadata_segments(data, icc=True):
            return path
        digest = hashlib.sha256(f"{VERSION}:{PIL.__version__}:".encode())
        digest.update(data)
        entry = self.folder / f"{digest.hexdigest()}{path.suffix.lower()}"
        with self._lock:
            self.used.add(entry.name)
        if self._sound(entry, data, shown):
            return entry
        try:
            bare = bare_copy(data, shown, self.max_pixels)
        except ImageRefused as refused:
            return refused
        try:
            self.build.write(entry, bare)
        except OutsideFolder:  # build/cache/media/ leads elsewhere
            return ImageRefused(
                "unsafe-cache", f"{self.folder} leads outside build/", "delete build/"
            )
        except OSError as exc:
            return ImageRefused(
                "unwritable-cache",
                f"the bare copy of {shown} cannot be written: {exc.strerror or exc}",
                "check that build/ can be written to (deleting build/cache/ is always safe)",
            )
        with self._lock:
            self.made += 1
        return entry

    def _sound(self, entry: Path, original: bytes, shown: str) -> bool:
        """True when the kept copy is whole, bare and the original's kind of picture."""
        if entry.is_symlink() or not self.build.contains(entry):
            return False
        try:
            kept = entry.read_bytes()
        except OSError:
            return False
        if metadata_segments(kept, icc=True):
            return False
        try:
            with open_checked(original, shown, self.max_pixels) as source:
                width, height = source.size
                image_format = kind(source)
            with open_checked(kept, shown, self.max_pixels) as copy:
                # Turned upright, the copy may be the original's size turned a quarter.
                turned = ((width, height), (height, width))
                return kind(copy) == image_format and copy.size in turned
        except ImageRefused:
            return False
