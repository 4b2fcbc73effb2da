"""Images for every post: branded cards and photos fitted to each network.

`render_images` renders a repository's posts; `render_post_images` one post, with
a shared `RenderContext`. Outputs go to `build/images/<post id>/<channel>-<n>.<ext>`
plus `og.png` (or `.jpg`) for the site and a `manifest.json` with sizes, bytes,
hashes, alt text and cache keys. Nothing here prints: problems come back as
located `Problem`s.

Modules, in the order an image goes through them: `jobs` (what a post needs),
`context` and `cache` (what is already done), `sources` (opening photos safely),
`fitting` (crop and scale), `templates`, `brandkit`, `fonts`, `textruns`,
`textlayout`, `textdraw` and `cards` (drawing cards), `encoding` (format, cap,
no metadata), `render` (one post) and `run` (a repository).
"""

from __future__ import annotations

from .context import ImageSettings, RenderContext
from .networks import OPEN_GRAPH, SPECS, ImageSpec
from .render import PostImages, render_post_images
from .run import ImagesRun, render_images

__all__ = [
    "OPEN_GRAPH",
    "SPECS",
    "ImageSettings",
    "ImageSpec",
    "ImagesRun",
    "PostImages",
    "RenderContext",
    "render_images",
    "render_post_images",
]
