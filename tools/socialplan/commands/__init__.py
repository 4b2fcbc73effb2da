"""Click commands that live beside the core ones in `cli.py`, one module per area.

Each module defines plain click commands over library functions; `cli.py`
registers them on the `socialplan` group.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import SocialplanError
from ..guards import console, lock

F = TypeVar("F", bound=Callable[..., Any])

# `--repo DIR`, the same on every command that reads a brand repository.
repo_option = click.option(
    "--repo",
    "repo_root",
    type=click.Path(file_okay=False, path_type=Path),
    help="The brand repository (default: the one containing the current folder).",
)


def locked(root: Path, command: str) -> AbstractContextManager[None]:
    """The repository's lock (see socialplan.guards.lock), saying on stderr when it waits."""
    return lock.hold(root, command, progress=lambda line: console.echo(line, err=True))


def show_error(exc: SocialplanError) -> None:
    """A library error as every command shows it: one line, and one line of hint."""
    console.echo(f"socialplan: {console.one_line(exc.message)}", err=True)
    if exc.hint:
        console.echo(f"  hint: {console.one_line(exc.hint)}", err=True)


def friendly_errors(func: F) -> F:
    """Turn library errors into a clean message and the right exit code."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SocialplanError as exc:
            show_error(exc)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]
