"""Which folders socialplan may fill, empty and replace: never one that holds the user's work.

MkDocs empties the site folder before a full build, the variants and images steps
remove files they wrote before: pointed at `content/` or at a folder of someone's
files, each would destroy them. So an output folder is used only when

- it does not exist yet, or is empty (hidden entries aside: socialplan and MkDocs
  never touch them), or
- it holds socialplan's marker file (`.socialplan-output`, written on first use,
  naming the kind of output), or
- it is recognisably what an earlier version of socialplan wrote there before
  markers existed (the `earlier` function of each writer), and it then gets the marker;

and never when it is the repository, holds it, or lies inside one of its source
folders (strategy/, content/, …), or inside another output folder. Everything is
checked before anything is touched (`check`); `claim` checks again and writes the
marker. A file socialplan writes on its own (`--ics`, `--output`) may replace only
a file it wrote before (`check_file`).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from ..errors import UsageError, WriteError
from .atomic import write_atomically

MARKER = ".socialplan-output"
MARKER_LINE = "socialplan output folder: {kind}"
# The brand repository's own folders: what the user writes, and what publishing will.
SOURCE_FOLDERS = ("strategy", "content", "schemas", "templates", "assets", "state", "metrics")
HIDDEN_SOURCES = (".git", ".github")
WORK_FOLDER = "build"  # the caches and the lock: never an output folder itself
SITE, VARIANTS, IMAGES = "site", "variants", "images"
KINDS = (SITE, VARIANTS, IMAGES)

Legacy = Callable[[Path], bool]


def marker_text(kind: str) -> str:
    return (
        MARKER_LINE.format(kind=kind) + "\n"
        "This folder is made by socialplan and replaced by its next run: keep none of your"
        " own files here.\nDelete the whole folder whenever you like.\n"
    )


def marker_kind(folder: Path) -> str | None:
    """The kind named by the folder's marker, or None when it has no marker."""
    path = folder / MARKER
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as handle:
            first = handle.read(200).split(b"\n", 1)[0].decode("utf-8", "replace")
    except OSError:
        return None
    for kind in KINDS:
        if first == MARKER_LINE.format(kind=kind):
            return kind
    return None


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix() + "/"
    except ValueError:
        return str(path)


def _within(path: Path, source: Path) -> bool:
    """`path` (resolved) is `source` or inside it, as named or where a link takes it."""
    return any(path == place or path.is_relative_to(place) for place in (source, source.resolve()))


def _refuse(message: str, hint: str) -> UsageError:
    return UsageError(message, hint)


def _refuse_place(folder: Path, root: Path, kind: str) -> UsageError | None:
    """Why `folder` can never be this kind of output, whatever it holds."""
    if folder == root or root.is_relative_to(folder):
        what = "the repository itself" if folder == root else "a folder holding the repository"
        return _refuse(
            f"refused to use {folder} for the {kind}: it is {what}",
            f"give a new or empty folder, such as {root / kind}",
        )
    for name in (*SOURCE_FOLDERS, *HIDDEN_SOURCES):
        if _within(folder, root / name):
            return _refuse(
                f"refused to use {_shown(folder, root)} for the {kind}: it is inside {name}/,"
                " where your own files live",
                f"give a new or empty folder outside the repository's sources, such as {kind}/",
            )
    if folder in (root / WORK_FOLDER, (root / WORK_FOLDER).resolve()):
        return _refuse(
            f"refused to use {WORK_FOLDER}/ for the {kind}: it holds socialplan's caches and"
            " other outputs",
            f"give a new or empty folder, such as {kind}/ or {WORK_FOLDER}/{kind}/",
        )
    for above in folder.parents:
        other = marker_kind(above)
        if other is not None:
            return _refuse(
                f"refused to use {_shown(folder, root)} for the {kind}: it is inside"
                f" {_shown(above, root)}, socialplan's {other} folder, which its next run replaces",
                "give a folder outside it",
            )
        if above == root:
            break
    return None


def check(folder: Path, root: Path, kind: str, legacy: Legacy | None = None) -> Path:
    """`folder`, resolved, if socialplan may use it for `kind`; UsageError if not.

    Reads only: nothing is created, written or removed.
    """
    root = root.resolve()
    folder = folder.resolve()
    refused = _refuse_place(folder, root, kind)
    if refused is not None:
        raise refused
    if not folder.exists():
        return folder
    if not folder.is_dir():
        raise _refuse(
            f"refused to use {_shown(folder, root)} for the {kind}: it is a file, not a folder",
            "give the path of a new or empty folder",
        )
    found = marker_kind(folder)
    if found == kind:
        return folder
    if found is not None:
        raise _refuse(
            f"refused to use {_shown(folder, root)} for the {kind}: it is socialplan's {found}"
            " folder",
            f"give a new or empty folder for the {kind}",
        )
    try:
        # Hidden entries (a `.git` of a gh-pages checkout, say) are never touched:
        # MkDocs keeps them when it empties the site, and socialplan skips them.
        names = sorted(name for name in os.listdir(folder) if not name.startswith("."))
    except OSError as exc:
        raise WriteError(
            f"cannot read {folder}: {exc.strerror or exc}", "check the folder's permissions"
        ) from None
    if not names or (legacy is not None and legacy(folder)):
        return folder
    listed = ", ".join(names[:3]) + (f" and {len(names) - 3:,} more" if len(names) > 3 else "")
    raise _refuse(
        f"refused to use {_shown(folder, root)} for the {kind}: it holds files socialplan did"
        f" not write ({listed}), which the {kind} would replace",
        "give a new or empty folder; if this one holds only an earlier socialplan"
        " build, delete it and build again",
    )


def claim(folder: Path, root: Path, kind: str, legacy: Legacy | None = None) -> Path:
    """`check`, then mark the folder as socialplan's (creating it); the resolved folder."""
    folder = check(folder, root, kind, legacy)
    if marker_kind(folder) != kind:
        try:
            write_atomically(folder / MARKER, marker_text(kind).encode("utf-8"))
        except OSError as exc:
            raise WriteError(
                f"could not write {folder / MARKER}: {exc.strerror or exc}",
                "check that the folder can be written to",
            ) from None
    return folder


def check_file(path: Path, root: Path, what: str, signature: bytes) -> Path:
    """`path`, resolved, if socialplan may write `what` there: a new file, or one that
    starts with `signature` (written by socialplan), outside the sources; else UsageError."""
    root = root.resolve()
    target = path.resolve()
    for name in (*SOURCE_FOLDERS, *HIDDEN_SOURCES):
        if _within(target, root / name):
            raise _refuse(
                f"refused to write the {what} to {_shown(target, root).rstrip('/')}: it is"
                f" inside {name}/, where your own files live",
                f"write it elsewhere, such as {WORK_FOLDER}/",
            )
    try:
        found = os.stat(target)
    except OSError:
        return target  # nothing there to lose: writing says why it cannot, if it cannot
    if stat.S_ISDIR(found.st_mode):
        return target  # never replaced by a file: writing fails and says so
    try:
        with open(target, "rb") as handle:
            start = handle.read(len(signature)) if stat.S_ISREG(found.st_mode) else b""
    except OSError:
        start = b""
    if start != signature:
        raise _refuse(
            f"refused to replace {_shown(target, root).rstrip('/')} with the {what}: it is"
            " not a file socialplan wrote",
            "give the path of a new file, or of one socialplan wrote before",
        )
    return target
