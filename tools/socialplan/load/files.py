"""Reading the user's files without ever trusting them.

Every file is read as bytes first so that size, binary content and encoding can
be reported as located problems instead of exceptions.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..problems import Problem, error

# No brand file is anywhere near this; a bigger one is a mistake (a video
# renamed to .md, a generated dump) and reading it would only slow everyone.
MAX_TEXT_BYTES = 1_000_000


@dataclass(frozen=True)
class TextFile:
    path: Path
    rel: str  # repository-relative, with forward slashes
    text: str


def relative(path: Path, root: Path) -> str:
    text, base = str(path), str(root)
    if text.startswith(base + os.sep):  # the common case, without pathlib's overhead
        return text[len(base) + 1 :].replace(os.sep, "/")
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def inside(path: Path, root: Path) -> bool:
    """True when `path`, with every symlink followed, stays inside `root`."""
    try:
        path.resolve().relative_to(_resolved(root))
    except (ValueError, OSError, RuntimeError):
        return False
    return True


@lru_cache(maxsize=64)
def _resolved(root: Path) -> Path:
    return root.resolve()


def is_file(path: Path) -> bool:
    """Whether `path` is a file; False, not an exception, for a path the user wrote
    that no file can have (a name too long, a NUL byte) or that cannot be looked up."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def exists(path: Path) -> bool:
    """Whether anything is at `path`, with the same care as `is_file`."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def read_text(path: Path, root: Path, limit: int = MAX_TEXT_BYTES) -> TextFile | Problem:
    """The file's text, or the problem that stops it from being read (over `limit` bytes)."""
    rel = relative(path, root)
    if path.is_symlink() and not inside(path, root):
        return error(
            "path-outside-repo",
            rel,
            "this file is a symbolic link to a place outside the repository",
            "replace the link with a copy of the file inside the repository",
        )
    try:
        size = path.stat().st_size
        if size > limit:
            return error(
                "file-too-large",
                rel,
                f"the file is {size:,} bytes; socialplan reads files of up to {limit:,} bytes",
                "split it up, or move it out of strategy/ and content/posts/ if it is not a"
                " brand file",
                line=1,
                col=1,
            )
        data = path.read_bytes()
    except OSError as exc:
        return error(
            "unreadable-file",
            rel,
            f"the file cannot be read: {exc.strerror or exc}",
            "check that it exists and that you may read it",
        )
    if b"\0" in data:
        return error(
            "binary-file",
            rel,
            "this is a binary file, not text",
            "posts and strategy files must be UTF-8 text; images belong in content/media/",
            line=data[: data.index(b"\0")].count(b"\n") + 1,
            col=1,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return error(
            "not-utf8",
            rel,
            f"byte 0x{data[exc.start]:02x} is not valid UTF-8 text",
            "save the file as UTF-8 (most editors: 'Save with encoding' → UTF-8)",
            line=line,
            col=col,
        )
    # Windows line endings would shift columns and leak \r into posts.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return TextFile(path, rel, text)


def walk(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Files with one of `suffixes` below `folder`, sorted, hidden ones skipped."""
    found: list[Path] = []
    if not folder.is_dir():
        return found
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.endswith(suffixes) and not name.startswith("."):
                found.append(Path(dirpath, name))
    found.sort()
    return found
