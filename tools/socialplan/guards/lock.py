"""One command at a time writes a repository's outputs.

Two builds at once would write the same files under build/ and site/ (and a
publish, later, the same ledger): one would read what the other half wrote and
fail, or leave a site mixed from both. Every command that writes there holds
this lock while it works (`hold`): a second one waits, says whom it waits for,
and gives up with a clear error after a timeout (`SOCIALPLAN_LOCK_TIMEOUT`
seconds, default ten minutes).

The lock is `build/.socialplan.lock`, taken with the operating system's file
lock (`filelock`): it is released when its process ends, even when it is killed,
so a crashed build never blocks the next one. Holding it again in the same
process (a command calling another) just nests.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from ..errors import UsageError, WriteError
from . import safejson
from .atomic import write_atomically

LOCK = Path("build", ".socialplan.lock")
# Who holds the lock, for the message of whoever waits (never trusted: only shown).
OWNER = Path("build", ".socialplan.lock.json")
TIMEOUT_VARIABLE = "SOCIALPLAN_LOCK_TIMEOUT"
DEFAULT_TIMEOUT = 600.0
GRACE = 1.0  # seconds waited before saying so
COMMANDS = ("build", "images", "variants", "calendar", "publish")

_held: dict[Path, int] = {}


class RepositoryBusy(WriteError):
    """Another socialplan command kept the repository's lock for longer than the timeout."""


def timeout_from_environment() -> float:
    """Seconds to wait for the lock: $SOCIALPLAN_LOCK_TIMEOUT, or ten minutes."""
    value = os.environ.get(TIMEOUT_VARIABLE, "").strip()
    if not value:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise UsageError(
            f"{TIMEOUT_VARIABLE}={value[:40]!r} is not a number of seconds",
            f"set it to how long to wait for another command, e.g. {TIMEOUT_VARIABLE}=120",
        )
    return seconds


def holder(root: Path) -> str:
    """Who holds the lock, as far as its owner file says."""
    recorded = safejson.read_object(root / OWNER, max_bytes=4096) or {}
    command, pid = recorded.get("command"), recorded.get("pid")
    what = f"socialplan {command}" if command in COMMANDS else "another socialplan command"
    return f"{what} (process {pid})" if isinstance(pid, int) and pid > 0 else what


@contextlib.contextmanager
def hold(
    root: Path,
    command: str,
    *,
    timeout: float | None = None,
    progress: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold the repository's lock for the duration of the block.

    Waits up to `timeout` seconds (default: `timeout_from_environment()`) for
    another command to finish, telling `progress` that it waits; raises
    RepositoryBusy when it does not finish in time.
    """
    path = (root / LOCK).resolve()
    if _held.get(path):
        _held[path] += 1
        try:
            yield
        finally:
            _held[path] -= 1
        return
    wait = timeout_from_environment() if timeout is None else timeout
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(path))
        try:
            # A moment's grace: a short wait needs no message, and the holder has
            # then written who it is (it does so right after taking the lock).
            lock.acquire(timeout=min(GRACE, wait))
        except Timeout:
            if progress is not None:
                progress(
                    f"waiting for {holder(root)} to finish in this repository"
                    f" (at most {wait:g} s; {TIMEOUT_VARIABLE} sets how long)"
                )
            lock.acquire(timeout=wait)
    except Timeout:
        raise RepositoryBusy(
            f"{holder(root)} is still working in this repository after {wait:g} s",
            f"wait for it to finish and run the command again, or set {TIMEOUT_VARIABLE}"
            " to wait longer",
        ) from None
    except (OSError, NotImplementedError) as exc:
        raise WriteError(
            f"could not take the lock {root / LOCK}: {exc}",
            "check that build/ can be written to",
        ) from None
    _held[path] = 1
    try:
        _record_owner(root, command)
        yield
    finally:
        _held.pop(path, None)
        with contextlib.suppress(OSError):
            (root / OWNER).unlink(missing_ok=True)
        lock.release()


def _record_owner(root: Path, command: str) -> None:
    record = {"command": command, "pid": os.getpid(), "since": time.time()}
    with contextlib.suppress(OSError):
        write_atomically(root / OWNER, json.dumps(record).encode("utf-8"))
