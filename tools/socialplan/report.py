"""Writing a validation report as text, JSON or GitHub workflow annotations."""

from __future__ import annotations

import json

from .problems import Problem, Report


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
        lines.append(f"{p.file}:{p.line}:{p.col}: {p.severity.value} [{p.code}] {p.message}")
        if p.hint:
            lines.append(f"    hint: {p.hint}")
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
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


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


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def as_github(report: Report) -> str:
    """Workflow commands GitHub turns into annotations on the pull request.

    GitHub shows only the first 10 annotations of each kind per step, so the
    full plain report follows them in the log.
    """
    lines = []
    for p in report.problems:
        command = "error" if p.is_error else "warning"
        message = p.message + (f" — {p.hint}" if p.hint else "")
        lines.append(
            f"::{command} file={_escape_property(p.file)},line={p.line},col={p.col},"
            f"title={_escape_property('socialplan ' + p.code)}::{_escape_data(message)}"
        )
    return "\n".join(lines) + ("\n" if lines else "") + as_text(report)


FORMATS = {"text": as_text, "json": as_json, "github": as_github}
