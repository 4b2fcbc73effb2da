"""Splitting a Markdown file into its YAML front matter and its body."""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = "---"
_CLOSER = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Split:
    yaml_text: str
    yaml_first_line: int  # 1-based line of the first YAML line in the file
    body: str
    body_first_line: int


class NoFrontMatter(Exception):
    def __init__(self, message: str, hint: str, line: int) -> None:
        super().__init__(message)
        self.message, self.hint, self.line = message, hint, line


EXAMPLE = "start the file with `---`, then `id: …`, `title: …`, `status: draft`, then `---`"


def split(text: str) -> Split:
    if not text.strip():
        raise NoFrontMatter("the file is empty", EXAMPLE, 1)
    first, _, _ = text.partition("\n")
    if first.rstrip() != _FENCE:
        raise NoFrontMatter("the file does not start with a `---` front matter block", EXAMPLE, 1)
    start = len(first) + 1
    closer = _CLOSER.search(text, start)
    if closer is None:
        raise NoFrontMatter(
            "the front matter is never closed: no second `---` line",
            "add a line with only `---` after the last front matter key",
            1,
        )
    yaml_text = text[start : closer.start()]
    body = text[closer.end() + 1 :]
    closer_line = 2 + yaml_text.count("\n")
    return Split(yaml_text, 2, body.strip("\n"), closer_line + 1 + _leading_blank(body))


def _leading_blank(body: str) -> int:
    return len(body) - len(body.lstrip("\n"))
