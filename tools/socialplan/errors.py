"""The one error hierarchy of socialplan.

Problems found *in the user's files* are not exceptions: they are collected as
`Problem` values (see `problems.py`) so that every one can be reported at once.
Exceptions are for conditions that stop a command: a folder that is not a brand
repository, a file that cannot be written, a usage mistake. The CLI turns every
`SocialplanError` into a one-line message and exit code 2 (usage) or 1.
"""

from __future__ import annotations


class SocialplanError(Exception):
    """Base of every error socialplan raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  hint: {self.hint}" if self.hint else self.message


class UsageError(SocialplanError):
    """The command was asked for something it cannot do (bad path, bad option)."""

    exit_code = 2


class RepositoryError(SocialplanError):
    """The folder is not a socialplan repository, or cannot be read as one."""

    exit_code = 2


class WriteError(SocialplanError):
    """socialplan refused to write or could not write a file."""
