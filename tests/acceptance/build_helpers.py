"""Running `socialplan build` on a test repository, and checking what it left alone."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from socialplan.cli import main

OUTPUTS = ("build", "site")


@dataclass
class Ran:
    code: int
    out: str
    err: str
    crashed: BaseException | None

    @property
    def text(self) -> str:
        return self.out + self.err


def run(root: Path, *args: str) -> Ran:
    """`socialplan <args> --repo root` in this process; a traceback is kept, not raised."""
    result = CliRunner().invoke(main, [*args, "--repo", str(root)])
    crashed = result.exception if not isinstance(result.exception, SystemExit) else None
    return Ran(result.exit_code, result.stdout, result.stderr, crashed)


def build(root: Path, *args: str) -> Ran:
    return run(root, "build", *args)


def snapshot(folder: Path, skip: tuple[str, ...] = OUTPUTS) -> dict[str, bytes]:
    """Every file under `folder` (links as their target's name), outputs left out:
    what `git status` would compare."""
    found: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if rel.split("/", 1)[0] in skip:
            continue
        if path.is_symlink():
            found[rel] = b"-> " + str(path.readlink()).encode()
        elif path.is_file():
            found[rel] = path.read_bytes()
    return found


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by its path inside."""
    return snapshot(folder, skip=())
