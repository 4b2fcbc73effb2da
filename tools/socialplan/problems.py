"""Problems found in a repository, and the report that collects them.

A `Problem` is located by file and, when the file is YAML, by the path of the
offending key or value inside it (`pointer`). Line and column are resolved from
the pointer only when a report is printed (see `yamlio.locate`): on the happy path no
position bookkeeping is paid for.
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

Pointer = tuple[str | int, ...]


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in the user's files."""

    severity: Severity
    code: str
    file: str
    message: str
    hint: str = ""
    line: int = 0
    col: int = 0
    # Where inside a YAML document the problem sits, for locating it lazily.
    pointer: Pointer | None = None
    # Point at the key itself rather than its value (an unknown key).
    on_key: bool = False

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.col, self.code)


class ProblemMaker(Protocol):
    def __call__(
        self,
        code: str,
        file: str,
        message: str,
        hint: str = "",
        *,
        line: int = 0,
        col: int = 0,
        pointer: Pointer | None = None,
        on_key: bool = False,
    ) -> Problem: ...


def _make(severity: Severity) -> ProblemMaker:
    def make(
        code: str,
        file: str,
        message: str,
        hint: str = "",
        *,
        line: int = 0,
        col: int = 0,
        pointer: Pointer | None = None,
        on_key: bool = False,
    ) -> Problem:
        return Problem(severity, code, file, message, hint, line, col, pointer, on_key)

    return make


# error(code, file, message, hint, line=…, col=…, pointer=…, on_key=…)
error = _make(Severity.ERROR)
warning = _make(Severity.WARNING)


@dataclass
class Report:
    """Every problem found in one run, in a stable order."""

    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=Problem.sort_key)


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """The hint for an unknown `name`: the closest known one, or the known ones."""
    close = difflib.get_close_matches(name, sorted(known), n=1)
    if close:
        return f"did you mean `{close[0]}`?"
    options = sorted(known)
    if not options:
        return "none are defined yet"
    shown = ", ".join(f"`{o}`" for o in options[:12])
    return f"known: {shown}" + (" …" if len(options) > 12 else "")
