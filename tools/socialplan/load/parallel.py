"""Running independent work on a second core, for large repositories.

Validation of 10,000 posts is mostly per-file and per-post work that needs no
coordination. A forked child inherits the loaded repository without copying
or pickling it, does its share, and sends back only its result. Forking is
used only where it is safe and worth it: a platform with `fork`, more than
one core, no other threads running (forking a threaded process can deadlock),
and enough work to pay for the child. Anything else, including a child that
fails, falls back to doing the work here: the result is the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")

# Below this many files or posts the child costs more than it saves.
WORTH_IT = 1_000
# SOCIALPLAN_JOBS=1 turns the second process off (e.g. to profile).
JOBS_VARIABLE = "SOCIALPLAN_JOBS"


def worth_it(items: int) -> bool:
    if os.environ.get(JOBS_VARIABLE, "").strip() == "1":
        return False
    return (
        items >= WORTH_IT
        and (os.cpu_count() or 1) > 1
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


def _child(work: Callable[[], Any], connection: Connection) -> None:
    try:
        result = ("ok", work())
    except BaseException as exc:  # the parent redoes the work and sees the real error
        result = ("failed", repr(exc))
    try:
        connection.send(result)
    finally:
        connection.close()


class Pending(Generic[T]):
    """Work started in a child process; `result()` waits for it."""

    def __init__(self, work: Callable[[], T]) -> None:
        self.work = work
        context = multiprocessing.get_context("fork")
        self.receiver, sender = context.Pipe(duplex=False)
        self.process = context.Process(target=_child, args=(work, sender), daemon=True)
        self.process.start()
        sender.close()

    def result(self) -> T:
        try:
            status, value = self.receiver.recv()
        except (EOFError, OSError):
            status, value = "failed", None
        finally:
            self.receiver.close()
            self.process.join()
        if status == "ok":
            return value
        return self.work()


class Done(Generic[T]):
    """Work done here, right away, with the same interface as `Pending`."""

    def __init__(self, work: Callable[[], T]) -> None:
        self.value = work()

    def result(self) -> T:
        return self.value


def start(work: Callable[[], T], items: int) -> Pending[T] | Done[T]:
    """Run `work` in a child when `items` make it worth it, else here and now."""
    return Pending(work) if worth_it(items) else Done(work)
