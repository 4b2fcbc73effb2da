"""Writing a validation report as text, JSON or GitHub workflow annotations.

Each problem is one line of text: a line break inside a value a message quotes is
shown as `\n` (`console.one_line`). What is printed goes through `console.echo`.
"""

from __future__ import annotations

from collections.abc import Callable

from ..guards.console import Output, WorkflowCommand, json_text, one_line
from ..problems import Problem, Report


def summary(report: Report) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    if not errors and not warnings:
        return f"No problems in {report.files_checked} files."
    return (
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
        f" in {report.files_checked} files checked."
    )


def as_text(report: Report) -> str:
    lines = []
    for p in report.problems:
        where = f"{one_line(p.file)}:{p.line}:{p.col}"
        lines.append(f"{where}: {p.severity.value} [{p.code}] {one_line(p.message)}")
        if p.hint:
            lines.append(f"    hint: {one_line(p.hint)}")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def as_json(report: Report) -> str:
    document = {
        "problems": [_problem_dict(p) for p in report.problems],
        "summary": {
            "errors": len(report.errors),
            "warnings": len(report.warnings),
            "files_checked": report.files_checked,
        },
    }
    return json_text(document)


def _problem_dict(p: Problem) -> dict[str, object]:
    return {
        "severity": p.severity.value,
        "code": p.code,
        "file": p.file,
        "line": p.line,
        "column": p.col,
        "message": p.message,
        "hint": p.hint,
    }


def as_github(report: Report) -> list[str | WorkflowCommand]:
    """Workflow commands GitHub turns into annotations on the pull request.

    GitHub shows only the first 10 annotations of each kind per step, so the
    full plain report follows them in the log.
    """
    output: list[str | WorkflowCommand] = []
    for p in report.problems:
        message = one_line(p.message) + (f" — {one_line(p.hint)}" if p.hint else "")
        where = (("file", p.file), ("line", str(p.line)), ("col", str(p.col)))
        command = "error" if p.is_error else "warning"
        output.append(
            WorkflowCommand(command, message, (*where, ("title", f"socialplan {p.code}")))
        )
    output.append(as_text(report))
    return output


FORMATS: dict[str, Callable[[Report], Output]] = {
    "text": as_text,
    "json": as_json,
    "github": as_github,
}
