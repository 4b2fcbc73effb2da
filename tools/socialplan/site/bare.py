"""The site's images, each replaced by its bare copy before MkDocs copies it.

`pages()` names the images the site shows as `SourceFile`s (the logo, post
photos, the images step's outputs). MkDocs copies a file from its
`abs_src_path`; the plugin points that at the file's bare copy
(`images.copies`), for every image MkDocs is about to copy: not those an
incremental build keeps as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ..images.copies import BareCopies
from ..images.sources import ImageRefused
from ..load.files import relative
from .generated import GeneratedFile

F = TypeVar("F", bound=GeneratedFile)


def bare_images(
    root: Path, generated: list[F], images: list[F], warn: Callable[..., Any]
) -> list[F]:
    """`generated`, with each of `images` to be copied from its bare copy; an image that
    cannot be copied bare (not an image, damaged) is left out, with a warning."""
    copies = BareCopies(root)
    wanted = [f for f in images if not (f.unchanged and Path(f.abs_dest_path).is_file())]
    sources = {f.src_uri: Path(str(f.abs_src_path)) for f in wanted}
    found = copies.copies((path, relative(path, root)) for path in sources.values())
    left_out: set[str] = set()
    for item in wanted:
        bare = found[sources[item.src_uri]]
        if isinstance(bare, ImageRefused):
            warn("socialplan: %s is left out of the site: %s", item.src_uri, bare.message)
            left_out.add(item.src_uri)
        else:
            item.abs_src_path, item.always_copy = str(bare), True
    if len(wanted) == len(images):  # every image was looked at: `used` is complete
        copies.prune()
    return [f for f in generated if f.src_uri not in left_out]
