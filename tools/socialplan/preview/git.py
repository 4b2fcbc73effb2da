"""The base side of a pull request, read from git without touching the working tree.

The preview compares the repository as it is on disk (the pull request's head, and any
uncommitted edits) with the merge base of `--base` and HEAD: the commit the pull
request started from, as GitHub's "Files changed" does. Only `strategy/` and
`content/posts/` are exported (media files can be large and are not needed to know
which posts changed), with `git archive` into a temporary folder that the loader then
reads like any repository.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import RepositoryError, UsageError

EXPORTED = ("strategy", "content/posts")


@dataclass(frozen=True)
class Base:
    ref: str  # as the user gave it
    commit: str  # the merge base, full hash
    prefix: str  # the brand repository's folder inside the git repository ("" or "a/b/")
    top: Path  # the git repository's top folder: git runs there, paths are from there

    @property
    def short(self) -> str:
        return self.commit[:7]


def run_git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, check=False, timeout=120
        )
    except FileNotFoundError:
        raise RepositoryError(
            "git is not installed", "install git to compare with a base"
        ) from None
    except subprocess.TimeoutExpired:
        raise RepositoryError(f"git {args[0]} took too long", "try again") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _GitFailed(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


class _GitFailed(Exception):
    pass


def _text(root: Path, *args: str) -> str:
    return run_git(root, *args).decode("utf-8").strip()


def find_base(root: Path, ref: str) -> Base:
    """The merge base of `ref` and HEAD, for the brand repository at `root`."""
    if not ref or ref.startswith("-"):
        raise UsageError(f"`{ref}` is not a git reference", "give a branch, tag or commit")
    try:
        _text(root, "rev-parse", "--git-dir")
    except _GitFailed:
        raise RepositoryError(
            f"{root} is not inside a git repository",
            "the preview compares with a git commit: run it in a clone of the repository",
        ) from None
    try:
        wanted = _text(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except _GitFailed:
        raise UsageError(
            f"unknown git reference `{ref}`",
            "give a branch, tag or commit, e.g. --base origin/main (fetch it first in CI)",
        ) from None
    try:
        head = _text(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
        commit = _text(root, "merge-base", wanted, head)
    except _GitFailed:
        raise UsageError(
            f"`{ref}` and HEAD have no commit in common",
            "compare with the branch the pull request targets (fetch its history: in"
            " actions/checkout use fetch-depth: 0)",
        ) from None
    prefix = _text(root, "rev-parse", "--show-prefix")
    top = Path(_text(root, "rev-parse", "--show-toplevel"))
    return Base(ref, commit, prefix, top)


def export(base: Base, target: Path) -> None:
    """Write the base's strategy/ and content/posts/ under `target`."""
    paths = []
    for path in EXPORTED:
        try:
            kind = _text(base.top, "cat-file", "-t", f"{base.commit}:{base.prefix}{path}")
        except _GitFailed:
            continue  # not in the base: a repository that starts in this pull request
        if kind == "tree":
            paths.append(base.prefix + path)
    target.mkdir(parents=True, exist_ok=True)
    if not paths:
        return
    try:
        archive = run_git(base.top, "archive", "--format=tar", base.commit, "--", *paths)
    except _GitFailed as failed:
        raise RepositoryError(f"git archive failed: {failed}", "check the base commit") from None
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        members = []
        for member in tar.getmembers():
            if not member.name.startswith(base.prefix):
                continue
            member.name = member.name[len(base.prefix) :]
            if member.name and (member.isfile() or member.isdir()):
                members.append(member)
        tar.extractall(target, members=members, filter="data")


def renames(base: Base) -> dict[str, str]:
    """Post files git sees as moved since the base: old path -> new path (repo-relative)."""
    try:
        output = run_git(
            base.top,
            "diff",
            "--name-status",
            "-M",
            "-z",
            base.commit,
            "--",
            f":(top){base.prefix}content/posts",
        )
    except _GitFailed:
        return {}
    fields = output.decode("utf-8", "replace").split("\0")
    moved: dict[str, str] = {}
    index = 0
    while index < len(fields) - 1:
        status = fields[index]
        if status.startswith(("R", "C")) and index + 2 < len(fields):
            old, new = fields[index + 1], fields[index + 2]
            moved[_strip(old, base.prefix)] = _strip(new, base.prefix)
            index += 3
        else:
            index += 2
    return moved


def _strip(path: str, prefix: str) -> str:
    return path[len(prefix) :] if prefix and path.startswith(prefix) else path
