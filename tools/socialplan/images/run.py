"""`socialplan images` as a library call: every post's images, or the chosen posts'.

Posts are chosen by id or by file. Folders of posts that no longer exist (or were
cancelled) are removed from the output when the whole repository is rendered,
but only folders socialplan wrote: those holding its manifest.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..cache.image_outputs import MANIFEST
from ..errors import UsageError
from ..guards.containment import Folder
from ..guards.output_folders import IMAGES, claim
from ..load.loader import find_root, load
from ..load.locate import locate
from ..load.model import Post, Repo
from ..problems import Problem, did_you_mean
from .context import ImageSettings, RenderContext
from .render import PostImages, render_post_images

OUTPUT = Path("build", "images")


@dataclass
class ImagesRun:
    root: Path
    out_dir: Path
    posts: list[PostImages] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    pruned: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    decoded: int = 0  # images opened and decoded: 0 on a warm run
    encoded: int = 0

    @property
    def rendered(self) -> int:
        return sum(p.rendered for p in self.posts)

    @property
    def cached(self) -> int:
        return sum(p.cached for p in self.posts)

    @property
    def failed(self) -> bool:
        return any(p.is_error for p in self.problems)


def select(repo: Repo, chosen: Sequence[str]) -> list[Post]:
    """Posts that get images: all active ones, or those named by id or file."""
    posts = [p for p in repo.posts if p.id and p.active]
    if not chosen:
        return posts
    by_id = {p.id: p for p in repo.posts if p.id}
    by_path = {p.path.resolve(): p for p in repo.posts if p.id}
    picked: list[Post] = []
    for name in chosen:
        path = Path(name)
        post = by_path.get(path.resolve()) if path.suffix == ".md" else by_id.get(name)
        if post is None:
            raise UsageError(f"no post `{name}` in this repository", did_you_mean(name, by_id))
        if post not in picked:
            picked.append(post)
    return picked


def render_images(
    chosen: Sequence[str] = (),
    *,
    root: Path | None = None,
    out_dir: Path | None = None,
    settings: ImageSettings | None = None,
    force: bool = False,
    progress: Callable[[PostImages], None] | None = None,
    repo: Repo | None = None,
) -> ImagesRun:
    """Render (or keep from the cache) the images of the chosen posts.

    `repo`, when the caller has loaded the repository already (the build),
    saves reading it again.
    """
    started = time.perf_counter()
    if repo is None:
        root = find_root(root or Path.cwd())
        repo = load(root).repo
    root = repo.root
    # Never a folder of someone's files: see output_folders.
    out = claim(out_dir or root / OUTPUT, root, IMAGES, earlier)
    posts = select(repo, chosen)
    context = RenderContext(repo, settings)
    run = ImagesRun(root, out)
    problems: list[Problem] = list(context.brand_problems()) if posts else []
    for post in posts:
        result = render_post_images(repo, post, out, context=context, force=force)
        run.posts.append(result)
        problems.extend(result.problems)
        if progress is not None:
            progress(result)
    if not chosen:
        run.pruned = prune(out, {p.id for p in posts})
    run.problems = sorted(set(locate(problems, repo)), key=Problem.sort_key)
    run.decoded = context.stats["decoded"]
    run.encoded = context.stats["encoded"]
    run.seconds = time.perf_counter() - started
    return run


def prune(out_dir: Path, keep: set[str]) -> list[Path]:
    """Remove output folders of posts that are gone; never a folder socialplan did not write."""
    removed: list[Path] = []
    if not out_dir.is_dir():
        return removed
    images = Folder(out_dir)
    for folder in sorted(out_dir.iterdir()):
        hidden = folder.name.startswith(".")
        if hidden or folder.name in keep or folder.is_symlink() or not images.contains(folder):
            continue  # a link is never followed out of the images folder
        if folder.is_dir() and (folder / MANIFEST).is_file():
            images.rmtree(folder)
            removed.append(folder)
    return removed


def earlier(folder: Path) -> bool:
    """Whether `folder` holds images an earlier socialplan wrote without a marker: only
    folders (not links), each with its manifest (hidden entries aside)."""
    try:
        return all(
            not path.is_symlink() and path.is_dir() and (path / MANIFEST).is_file()
            for path in folder.iterdir()
            if not path.name.startswith(".")
        )
    except OSError:
        return False
