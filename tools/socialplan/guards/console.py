"""Everything socialplan prints, or writes to a job summary, safe in a GitHub Actions log.

A GitHub runner reads every line a step prints. A line that starts with `::`
after its leading white space is a workflow command (`::add-mask::`, `::error`,
`::stop-commands::` that turns every later command off), and the legacy form
`##[command]` is acted on wherever it appears in a line. User text (a campaign
name, a post, a file name) reaches the output in reports, previews and error
messages, so every command prints through `echo` here:

- control characters other than line feed and tab are shown as escapes (`\\r`,
  `\\x1b`): a carriage return is a line break to the runner and to terminals, an
  escape sequence can rewrite what a terminal shows;
- a line that a runner would read as a command gets an invisible WORD JOINER
  (U+2060) before its `::`, and `##[` gets one before its `[`: the runner does
  not act on it and people read the same characters.

The workflow commands socialplan composes itself (the annotations of `validate
--format github`) are `WorkflowCommand` values, escaped the way the runner
unescapes them; they are the only text printed as commands.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any

import click

WORD_JOINER = "\u2060"
# Shown as escapes. C0 and C1 controls but line feed and tab; the Unicode line and
# paragraph separators, which some viewers break lines at; the bidirectional
# controls, which can make a line read differently from what it holds.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\r": "\\r", "\x0b": "\\v", "\x0c": "\\f", "\x1b": "\\x1b"}
# Leading white space the runner trims before it looks for `::`, and the invisible
# characters that older Unicode tables count as white space.
_COMMAND_LINE = re.compile(r"^((?:[^\S\n]|[\u180e\u200b\ufeff])*)::", re.MULTILINE)
_LEGACY_COMMAND = re.compile(r"##(?:vso)?\[", re.IGNORECASE)
COMMANDS = frozenset({"error", "warning", "notice"})


def _shown(found: re.Match[str]) -> str:
    character = found.group(0)
    named = _NAMED.get(character)
    if named is not None:
        return named
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control character but line feed and tab shown as an escape."""
    return _CONTROL.sub(_shown, text)


def safe(text: str) -> str:
    """`text` as it may be printed: controls visible, no line a runner acts on."""
    text = visible(text)
    if "::" in text:
        text = _COMMAND_LINE.sub(lambda found: found.group(1) + WORD_JOINER + "::", text)
    if "[" in text:
        text = _LEGACY_COMMAND.sub(lambda found: found.group(0)[:-1] + WORD_JOINER + "[", text)
    return text


def one_line(text: str) -> str:
    """A value inside a message on one line: a line break in it is shown as `\\n`."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True)
class WorkflowCommand:
    """A workflow command socialplan composes: printed as a command, its values escaped."""

    command: str
    message: str
    properties: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if self.command not in COMMANDS:
            raise ValueError(f"socialplan composes no `{self.command}` command")

    def line(self) -> str:
        # Escaped for the runner, then made visible: a control character in a file
        # name or a message must not reach a terminal either.
        properties = ",".join(f"{k}={visible(_escape_property(v))}" for k, v in self.properties)
        head = f"::{self.command} {properties}" if properties else f"::{self.command}"
        return f"{head}::{visible(_escape_data(self.message))}"


Output = str | WorkflowCommand | Iterable[str | WorkflowCommand]


def render(output: Output) -> str:
    """What `echo` prints for `output`: text made safe, socialplan's commands as they are."""
    if isinstance(output, str):
        return safe(output)
    if isinstance(output, WorkflowCommand):
        return output.line() + "\n"
    pieces: list[str] = []
    text: list[str] = []
    for item in output:
        if isinstance(item, WorkflowCommand):
            pending = safe("".join(text))
            text = []
            if pending and not pending.endswith("\n"):
                pending += "\n"
            pieces += [pending, item.line(), "\n"]
        else:
            text.append(item)
    pieces.append(safe("".join(text)))
    return "".join(pieces)


def echo(output: Output = "", *, err: bool = False, nl: bool = True) -> None:
    """Print `output` (to standard error with `err`); every command prints through this."""
    click.echo(render(output), err=err, nl=nl)


def json_text(document: Any) -> str:
    """`document` as indented JSON whose every line is safe to print as it is.

    JSON escapes (`\\u2028`, `\\u0023` for `#`) stand for the characters that
    `safe` would otherwise change, so that the JSON read back is the same data."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    text = _CONTROL.sub(lambda found: f"\\u{ord(found.group(0)):04x}", text)
    return _LEGACY_COMMAND.sub(lambda found: "#\\u0023" + found.group(0)[2:], text) + "\n"


class SafeGroup(click.Group):
    """The `socialplan` group: click's own messages (a usage error quotes what was
    typed, which a workflow may take from a pull request) print through `safe` too."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as exc:
            _show_safely(exc)
            raise

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            _show_safely(exc)
            raise


def _show_safely(exc: click.ClickException) -> None:
    original = exc.show

    def show(file: IO[Any] | None = None) -> None:
        written = io.StringIO()
        original(file=written)
        click.echo(safe(written.getvalue()), file=file, err=file is None, nl=False)

    exc.show = show  # type: ignore[method-assign]
