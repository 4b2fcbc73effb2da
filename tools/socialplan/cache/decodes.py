"""Which image files decoded completely, remembered by content between builds.

A header tells whether a file is an image and how large; only decoding its
pixels tells whether it is whole. So validation decodes every image file a
post or the brand uses (each distinct file once). That costs time in
proportion to the number of distinct images (see benchmarks/README.md), so
`socialplan build`, which keeps what it can under build/cache/, remembers the
files that decoded in `build/cache/decodes.json`, by the sha256 of their bytes
(and Pillow's version, which does the decoding): the next build reads and
hashes each file, reads its header, and decodes only the files it has not
seen. A renamed or moved file is still known; an edited one is not.
`socialplan validate` keeps nothing and decodes everything.

build/ may come from elsewhere (a CI cache): the record is only a shortcut. It
holds only files that decoded, so a tampered entry can at worst let a damaged
file through validation, and then the images step (which decodes every photo
it uses) and the site's bare copies (which refuse a file they cannot decode)
still stop it. Files that fail are decoded again on every run.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import store

NAME = "decodes"  # build/cache/decodes.json
# Bump when what a verdict checks changes.
VERSION = "decodes/1"


@dataclass
class Decodes:
    """The decode verdicts of one validation: `previous` as the last build kept them,
    `kept` the files that decoded this time."""

    root: Path
    previous: dict[str, Any] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)
    decoded: int = 0  # files decoded this run (the others were known)

    @classmethod
    def load(cls, root: Path) -> Decodes:
        return cls(root, store.read(root, NAME))

    def lookup(self, data: bytes) -> tuple[str, bool]:
        """The key of these bytes, and whether the last build found them to decode
        (the others are counted in `decoded`: the caller decodes them)."""
        key = _key(data)
        if self.previous.get(key) == 1:
            return key, True
        self.decoded += 1
        return key, False

    def passed(self, key: str) -> None:
        """The bytes of `key` decoded (or were known to): keep them for the next build."""
        self.kept[key] = 1

    def save(self) -> None:
        """Keep what decoded this run for the next (raises WriteError)."""
        if self.kept != self.previous:
            store.write(self.root, NAME, self.kept)


def _key(data: bytes) -> str:
    import PIL  # only its version: decoding is the images step's (images.originals)

    digest = hashlib.sha256(f"{VERSION}:{PIL.__version__}:".encode())
    digest.update(data)
    return digest.hexdigest()
