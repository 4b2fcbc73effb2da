"""Media files: they must exist inside the repository and carry alt text."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path, PurePosixPath

from ..load.files import exists, inside, is_file, walk
from ..load.loader import MEDIA
from ..load.model import Channel, Media, Post, Repo, publishing_channels, text
from ..platforms import NETWORKS
from ..problems import Pointer, Problem, error, warning

# Alt text that says nothing about the image.
EMPTY_ALT = frozenset({"image", "photo", "picture", "img", "graphic", "alt", "todo", "tbd"})


def media_path(repo_root: Path, file: str) -> Path:
    """Where a post's `file:` points: relative to content/media/."""
    return repo_root / MEDIA / file


def check(repo: Repo) -> Iterator[Problem]:
    yield from _logo(repo)
    media_files: list[str] | None = None
    # Thousands of posts share a few dozen images: look each file up once.
    verdicts: dict[str, Problem | None] = {}
    for post in repo.posts:
        for item in _all_media(post):
            if item.file not in verdicts:
                verdicts[item.file] = _file_problem(repo, "", item.file, ())
            problem = verdicts[item.file]
            if problem is not None:
                problem = replace(problem, file=post.rel, pointer=(*item.pointer, "file"))
            if problem is not None:
                if problem.code == "missing-media":
                    if media_files is None:
                        media_files = [
                            p.relative_to(repo.root / MEDIA).as_posix()
                            for p in walk(repo.root / MEDIA, ("",))
                        ]
                    close = difflib.get_close_matches(item.file, media_files, n=1)
                    if close:
                        problem = error(
                            problem.code,
                            problem.file,
                            problem.message,
                            f"did you mean `{close[0]}`?",
                            pointer=problem.pointer,
                        )
                yield problem
        card = post.data.get("card")
        if isinstance(card, dict) and isinstance(card.get("background"), str):
            problem = _file_problem(repo, post.rel, card["background"], ("card", "background"))
            if problem is not None:
                yield problem
        if post.status != "idea":
            yield from _alt_text(post, repo)


def _all_media(post: Post) -> list[Media]:
    items = list(post.media)
    for override in post.overrides.values():
        items.extend(override.media or [])
    return items


def _file_problem(repo: Repo, rel: str, file: str, pointer: Pointer) -> Problem | None:
    pure = PurePosixPath(file)
    path = media_path(repo.root, file)
    if pure.is_absolute() or "\\" in file or not inside(path, repo.root):
        return error(
            "path-outside-repo",
            rel,
            f"`{file}` leads outside the repository",
            "media paths are relative to content/media/; copy the file there and give its name",
            pointer=pointer,
        )
    if not exists(path):
        return error(
            "missing-media",
            rel,
            f"content/media/{file} does not exist",
            "check the spelling, or add the file under content/media/",
            pointer=pointer,
        )
    if not is_file(path):
        return error(
            "missing-media",
            rel,
            f"content/media/{file} is not a file",
            "name an image file",
            pointer=pointer,
        )
    return None


def _alt_text(post: Post, repo: Repo) -> Iterator[Problem]:
    channels = list(publishing_channels(post, repo))
    for item in post.media:
        yield from _one_alt(post, item, channels)
    for channel_id, override in post.overrides.items():
        channel = repo.channels.get(channel_id)
        for item in override.media or []:
            yield from _one_alt(post, item, [channel] if channel else [])


def _one_alt(post: Post, item: Media, channels: list[Channel]) -> Iterator[Problem]:
    alt = (item.alt or "").strip()
    pointer = (*item.pointer, "alt") if item.alt is not None else item.pointer
    if not _readable(alt):
        yield error(
            "alt-text-missing",
            post.rel,
            f"`{item.file}` has no alt text",
            "add `alt:` describing what the image shows, for people who cannot see it",
            pointer=pointer,
        )
        return
    if alt.lower().strip(".") in EMPTY_ALT or alt == item.file:
        yield warning(
            "alt-text-weak",
            post.rel,
            f"the alt text of `{item.file}` does not describe the image",
            "say what is in the picture and why it matters to the post",
            pointer=pointer,
        )
    reported: set[int] = set()
    for channel in channels:
        network = NETWORKS.get(channel.network)
        if network is None or network.alt_text_limit is None:
            continue
        limit = channel.limit("alt_text") or network.alt_text_limit
        if len(alt) > limit and limit not in reported:
            reported.add(limit)
            yield error(
                "alt-text-too-long",
                post.rel,
                f"the alt text of `{item.file}` is {len(alt)} characters; {network.label}"
                f" (channel `{channel.id}`) takes at most {limit}",
                "shorten it; put the detail in the post text",
                pointer=pointer,
            )


def _readable(alt: str) -> bool:
    """Whether `alt` has anything to read: white space and invisible format characters
    (zero-width space, word joiner, byte order mark) alone say nothing."""
    return any(not c.isspace() and unicodedata.category(c) != "Cf" for c in alt)


def _logo(repo: Repo) -> Iterator[Problem]:
    visual = repo.brand.get("visual")
    logo = text(visual, "logo") if isinstance(visual, dict) else None
    if not logo:
        return
    path = repo.root / logo
    if PurePosixPath(logo).is_absolute() or not inside(path, repo.root):
        yield error(
            "path-outside-repo",
            "strategy/brand.yaml",
            f"`{logo}` leads outside the repository",
            "keep the logo inside the repository, e.g. content/media/brand/logo.png",
            pointer=("visual", "logo"),
        )
    elif not is_file(path):
        yield error(
            "missing-file",
            "strategy/brand.yaml",
            f"the logo `{logo}` does not exist",
            "the path is relative to the repository root",
            pointer=("visual", "logo"),
        )
