"""Splitting a Markdown file into its YAML front matter and its body."""

from __future__ import annotations

from dataclasses import dataclass

_FENCE = "---"
_CLOSERS = ("---", "...")


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
    position = len(first) + 1
    line_number = 2
    while position <= len(text):
        end = text.find("\n", position)
        line = text[position:] if end == -1 else text[position:end]
        if line.rstrip() in _CLOSERS:
            yaml_text = text[len(first) + 1 : position]
            body_start = len(text) if end == -1 else end + 1
            body = text[body_start:]
            return Split(yaml_text, 2, body.strip("\n"), line_number + 1 + _leading_blank(body))
        if end == -1:
            break
        position = end + 1
        line_number += 1
    raise NoFrontMatter(
        "the front matter is never closed: no second `---` line",
        "add a line with only `---` after the last front matter key",
        1,
    )


def _leading_blank(body: str) -> int:
    return len(body) - len(body.lstrip("\n"))
