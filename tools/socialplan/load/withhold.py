"""Secrets found while loading: reported once, and hidden from everything after.

The loader hands every YAML document and every Markdown body it reads to a
`Withholder` before anything else sees them. What looks like a credential
(`credentials.find`) becomes a located `secret-in-content` error, and in the
loaded repository, never on disk, the secret is replaced by `MASK`. Every
output reads the loaded repository (variants, the calendar, site pages and their
search index, the preview, image cards, and the messages of other problems), so
none of them can show it, whichever command runs and whether or not it stops on
validation errors (`mkdocs build` only warns about them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..problems import Pointer, Problem, error
from .credentials import Found, credential_names, find

MASK = "[secret hidden]"
HINT = (
    "delete it, then revoke it with the provider: git history keeps it. Credentials"
    " belong in environment variables named under `credentials:` in strategy/channels.yaml"
)


@dataclass
class Withholder:
    """Scans what the loader reads; `names` are the credential variables of the channels."""

    names: tuple[str, ...] = ()

    def learn(self, kind: str, data: Any) -> None:
        """Take the credential variable names from channels.yaml, read first."""
        if kind == "channels":
            self.names = credential_names(data)

    def text(self, rel: str, content: str, first_line: int) -> tuple[str, list[Problem]]:
        """A Markdown body: its problems, and the body with every secret hidden."""
        found = find(content, self.names)
        if not found:
            return content, []
        return _hidden(content, found), [_located(rel, content, f, first_line) for f in found]

    def document(
        self, rel: str, yaml_text: str, data: Any, first_line: int
    ) -> tuple[Any, list[Problem]]:
        """A YAML document's problems (located in its text), and its data with every
        secret hidden, in keys and values alike."""
        found = find(yaml_text, self.names)
        problems = [_located(rel, yaml_text, f, first_line) for f in found]
        # Escapes (`"\x41KIA…"`) only exist in the text: a value can hold a secret the
        # text does not show. Without a backslash the text shows everything.
        if not found and "\\" not in yaml_text:
            return data, problems
        written = {yaml_text[f.start : f.end] for f in found}

        def report(pointer: Pointer, what: Found) -> None:
            problems.append(_message(rel, what, pointer=pointer))

        return self._walk(data, (), written, report), problems

    def _walk(
        self,
        value: Any,
        pointer: Pointer,
        written: set[str],
        report: Callable[[Pointer, Found], None],
    ) -> Any:
        if isinstance(value, str):
            found = find(value, self.names)
            for what in found:
                if value[what.start : what.end] not in written:
                    report(pointer, what)  # only an escape could hide it from the text
            value = _hidden(value, found) if found else value
            # A secret the text shows across a key and its value (`password: …`).
            for secret in written:
                value = value.replace(secret, MASK)
            return value
        if isinstance(value, list):
            return [self._walk(v, (*pointer, i), written, report) for i, v in enumerate(value)]
        if isinstance(value, dict):
            return {
                self._walk(k, pointer, written, report): self._walk(
                    v, (*pointer, k), written, report
                )
                for k, v in value.items()
            }
        return value


def _hidden(content: str, found: list[Found]) -> str:
    """`content` with the span of every secret replaced by `MASK` (overlaps merged)."""
    spans: list[list[int]] = []
    for start, end in sorted((f.start, f.end) for f in found):
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    pieces, position = [], 0
    for start, end in spans:
        pieces += [content[position:start], MASK]
        position = end
    return "".join([*pieces, content[position:]])


def _located(rel: str, content: str, found: Found, first_line: int) -> Problem:
    before = content[: found.at]
    return _message(
        rel,
        found,
        line=first_line + before.count("\n"),
        col=found.at - (before.rfind("\n") + 1) + 1,
    )


def _message(
    rel: str, found: Found, *, line: int = 0, col: int = 0, pointer: Pointer | None = None
) -> Problem:
    return error(
        "secret-in-content",
        rel,
        f"this looks like {found.what} ({found.masked}); it must never be published or committed",
        HINT,
        line=line,
        col=col,
        pointer=pointer,
    )
