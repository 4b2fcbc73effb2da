"""Images, as far as they can be checked without drawing any: templates, cards, files.

- the repository's own card templates (templates/cards/*.yaml) against their schema;
- each post's `card:`: its template exists, it has alt text within every network's
  limit (the alt text checks of rules/media.py, applied to the card), and the card
  plus the photos fit the number of images each network takes;
- each image file a post or the brand's logo uses is an image socialplan reads, of
  a sane size, named for its format, and decodes completely (each file once;
  `socialplan build` remembers the files that decoded: cache/decodes.py);
- the brand's fonts are in a font folder.

Missing files and the photos' own alt text are rules/media.py's; photo counts
without a card are rules/lengths.py's.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from ..cache.decodes import Decodes
from ..images.brandkit import font_folders, font_issues
from ..images.fonts import FontLibrary
from ..images.originals import decode_problem
from ..images.sources import DEFAULT_MAX_PIXELS, ImageRefused
from ..images.templates import TEMPLATES, load_template, template_files
from ..load.files import inside
from ..load.loader import MEDIA
from ..load.model import Media, Post, Repo, mapping, publishing_channels, text
from ..platforms import NETWORKS
from ..problems import Problem, did_you_mean, error, warning
from .media import _one_alt

# A card counts as one image.
CARD = 1


def check(repo: Repo, decodes: Decodes | None = None) -> Iterator[Problem]:
    """`decodes`: what the last build found to decode (a fresh one decodes every file)."""
    decodes = decodes if decodes is not None else Decodes(repo.root)
    templates = template_files(repo.root)
    for path in sorted((repo.root / TEMPLATES).glob("*.yaml")):
        loaded = load_template(path, repo.root)
        if isinstance(loaded, list):
            yield from loaded
    yield from _logo(repo, decodes)
    checked: dict[str, ImageRefused | None] = {}
    for post in repo.posts:
        if not post.active:
            continue
        yield from _card(post, repo, templates)
        for item in _images(post):
            if item.file not in checked:
                checked[item.file] = _file(repo.root, item.file, decodes)
            refused = checked[item.file]
            if refused is not None:
                yield error(
                    refused.code, post.rel, refused.message, refused.hint, pointer=item.pointer
                )
    if any(isinstance(post.data.get("card"), dict) for post in repo.posts):
        library = FontLibrary(font_folders(repo.root), system=False)
        _, issues = font_issues(mapping(repo.brand, "visual"), library)
        for issue in issues:
            yield warning(
                issue.code, "strategy/brand.yaml", issue.message, issue.hint, pointer=issue.pointer
            )


def _images(post: Post) -> list[Media]:
    """Every image file a post uses, each with the pointer of its `file:`."""
    items = [Media(m.file, m.alt, (*m.pointer, "file")) for m in post.media]
    for override in post.overrides.values():
        items.extend(Media(m.file, m.alt, (*m.pointer, "file")) for m in override.media or [])
    card = mapping(post.data, "card")
    background = text(card, "background")
    if background:
        items.append(Media(background, None, ("card", "background")))
    return items


def _file(root: Path, file: str, decodes: Decodes) -> ImageRefused | None:
    """Why a post's image file cannot be used; None if it can, or if it is missing or
    outside the repository (rules/media.py reports those)."""
    path = root / MEDIA / file
    if PurePosixPath(file).is_absolute() or not inside(path, root):
        return None
    return _decoded(decodes, path, f"{MEDIA.as_posix()}/{file}")


def _logo(repo: Repo, decodes: Decodes) -> Iterator[Problem]:
    """The brand's logo must be a raster image too: the site shows it and cards draw it.
    An SVG is refused (it can carry scripts and metadata; cards cannot draw it)."""
    logo = text(mapping(repo.brand, "visual"), "logo")
    if not logo or PurePosixPath(logo).is_absolute() or not inside(repo.root / logo, repo.root):
        return  # rules/media.py reports a logo outside the repository
    refused = _decoded(decodes, repo.root / logo, logo)
    if refused is not None:
        yield error(
            refused.code,
            "strategy/brand.yaml",
            refused.message,
            refused.hint,
            pointer=("visual", "logo"),
        )


def _card(post: Post, repo: Repo, templates: dict[str, Path]) -> Iterator[Problem]:
    card = post.data.get("card")
    if not isinstance(card, dict):
        return
    template = text(card, "template")
    if template and template not in templates:
        yield error(
            "unknown-card-template",
            post.rel,
            f"there is no card template `{template}`",
            did_you_mean(template, templates),
            pointer=("card", "template"),
        )
    channels = list(publishing_channels(post, repo))
    if post.status != "idea":
        yield from _one_alt(post, Media("card", text(card, "alt"), ("card",)), channels)
    for channel in channels:
        network = NETWORKS.get(channel.network)
        override = post.overrides.get(channel.id)
        media = override.media if override and override.media is not None else post.media
        if network is None or len(media) > network.max_images:
            continue  # rules/lengths.py reports too many photos on their own
        if len(media) + CARD > network.max_images:
            yield error(
                "too-many-images",
                post.rel,
                f"{network.label} (channel `{channel.id}`) takes at most {network.max_images}"
                f" images; this post has {len(media)} and its card",
                f"the card counts as an image: drop a photo for `{channel.id}` with an"
                " override `media:`",
                pointer=("card",),
            )


def _decoded(decodes: Decodes, path: Path, shown: str) -> ImageRefused | None:
    """Why the image at `path` cannot be used, or None; None too if it cannot be read
    (rules/media.py reports missing and unreadable files). Bytes the last build found
    to decode are only checked by their header."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    key, known = decodes.lookup(data)
    found = decode_problem(data, shown, DEFAULT_MAX_PIXELS, decode=not known)
    if found is None:
        decodes.passed(key)
    return found
