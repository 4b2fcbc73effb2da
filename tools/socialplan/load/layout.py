"""Where each kind of file lives in a brand repository, and the files that fit nowhere.

The loader reads the files `survey` finds. Every other Markdown or YAML file under
content/ and strategy/ gets a warning naming it and saying where such a file belongs,
so that nothing the user wrote is ignored without a word; so does a file standing
where a folder should be. Nothing is said about content/media/ (images, and whatever
a team keeps beside them), README.md files (they document a folder, and are never
read as posts or personas), hidden files and folders, or files of other kinds (a logo
may live wherever brand.yaml points).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem, warning

STRATEGY = "strategy"
CONTENT = "content"
POSTS = Path(CONTENT, "posts")
MEDIA = Path(CONTENT, "media")

# strategy file -> (schema kind, required?)
STRATEGY_FILES: dict[str, tuple[str, bool]] = {
    "brand.yaml": ("brand", True),
    "objectives.yaml": ("objectives", True),
    "channels.yaml": ("channels", True),
    "pillars.yaml": ("pillars", True),
    "budget.yaml": ("budget", False),
    "campaigns.yaml": ("campaigns", False),
    "people.yaml": ("people", False),
    "playbook.yaml": ("playbook", False),
}
# strategy/ subfolder -> (kind of its Markdown files, what one is called)
MARKDOWN_FOLDERS = {"audience": "persona", "competitors": "competitor"}

# What a brand file looks like, whatever the case of its suffix.
_TEXT = (".md", ".markdown", ".yaml", ".yml")
_POST_SHAPE = "a Markdown file with YAML front matter between `---` lines"


@dataclass
class Survey:
    posts: list[Path] = field(default_factory=list)
    markdown: dict[str, list[Path]] = field(default_factory=dict)  # kind -> files
    strays: list[Problem] = field(default_factory=list)


def is_readme(name: str) -> bool:
    return name.lower() in ("readme.md", "readme.markdown")


def _text(name: str) -> bool:
    return name.lower().endswith(_TEXT) and not is_readme(name)


def _files(folder: Path, skip: tuple[str, ...] = ()) -> Iterator[Path]:
    """Files below `folder`, hidden ones and the top-level subfolders `skip` left out."""
    if not folder.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(folder):
        top = dirpath == str(folder)
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and not (top and d in skip)
        )
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath, name)


def survey(root: Path) -> Survey:
    """The posts, personas and competitors of the repository at `root`, and the strays."""
    found = Survey()
    strays = found.strays

    def stray(path: Path, message: str, hint: str) -> None:
        strays.append(warning("unknown-file", path.relative_to(root).as_posix(), message, hint))

    _not_folders(root, strays)
    for path in _files(root / POSTS):
        if path.name.endswith(".md") and not is_readme(path.name):
            found.posts.append(path)
        elif _text(path.name):
            stray(
                path,
                "socialplan reads posts only from `.md` files, and ignores this one",
                f"a post is {_POST_SHAPE}: content/posts/YYYY/MM/<slug>.md",
            )
    for path in _files(root / CONTENT, skip=(POSTS.name, MEDIA.name)):
        if _text(path.name):
            stray(
                path,
                "socialplan reads posts only from content/posts/, and ignores this file",
                "move a post to content/posts/YYYY/MM/<slug>.md; images and other media go in"
                " content/media/",
            )
    strategy = root / STRATEGY
    for sub, kind in MARKDOWN_FOLDERS.items():
        found.markdown[kind] = []
        for path in _files(strategy / sub):
            if path.name.endswith(".md") and not is_readme(path.name):
                found.markdown[kind].append(path)
            elif _text(path.name):
                stray(
                    path,
                    f"socialplan reads a {kind} only from a `.md` file, and ignores this one",
                    f"a {kind} is {_POST_SHAPE}: strategy/{sub}/<id>.md",
                )
    for path in _files(strategy, skip=tuple(MARKDOWN_FOLDERS)):
        if path.parent == strategy and path.name in STRATEGY_FILES:
            continue
        if path.parent != strategy:
            if _text(path.name):
                stray(
                    path,
                    f"socialplan reads no files from {path.parent.relative_to(root).as_posix()}/,"
                    " and ignores this one",
                    _WHERE_STRATEGY,
                )
        elif path.name.lower().endswith((".yaml", ".yml")):
            # Stems: every name ends in .yaml, which would make any two look alike.
            stems = [name.removesuffix(".yaml") for name in STRATEGY_FILES]
            close = difflib.get_close_matches(path.stem.lower(), stems, n=1)
            stray(
                path,
                "socialplan does not know this strategy file and ignores it",
                f"did you mean `{close[0]}.yaml`?" if close else _WHERE_STRATEGY,
            )
        elif _text(path.name):
            stray(
                path,
                "socialplan reads only its own YAML files at the top of strategy/, and ignores"
                " this one",
                _WHERE_STRATEGY,
            )
    # The order files.walk gives, which decides which of two duplicate ids is kept.
    found.posts.sort()
    for paths in found.markdown.values():
        paths.sort()
    return found


_WHERE_STRATEGY = (
    "known files: "
    + ", ".join(STRATEGY_FILES)
    + "; a persona goes in strategy/audience/<id>.md, a competitor in"
    " strategy/competitors/<id>.md"
)

_FOLDERS = {
    CONTENT: "posts and media",
    POSTS.as_posix(): "posts (content/posts/YYYY/MM/<slug>.md)",
    MEDIA.as_posix(): "the images posts use",
    f"{STRATEGY}/audience": "personas (strategy/audience/<id>.md)",
    f"{STRATEGY}/competitors": "competitors (strategy/competitors/<id>.md)",
}


def _not_folders(root: Path, strays: list[Problem]) -> None:
    for rel, holds in _FOLDERS.items():
        path = root / rel
        if path.exists() and not path.is_dir():
            strays.append(
                warning(
                    "not-a-folder",
                    rel,
                    f"{rel} should be a folder of {holds}, but it is a file: socialplan reads"
                    " nothing from it",
                    f"rename the file, then make {rel}/ a folder",
                )
            )
