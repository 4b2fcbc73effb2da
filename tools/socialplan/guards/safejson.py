"""Reading JSON and JSON Lines that anyone may have written.

Everything socialplan reads back from `build/` (caches, the site's record, the
images' manifests, MkDocs' search index) may come from a shared CI cache, and
the ledger under `state/` is edited, merged and rebased by people: none of it
is trusted. `json.loads` alone is not enough for that: 100,000 nested brackets
raise `RecursionError`, `NaN`, `Infinity` and `1e999` give floats no JSON
writer accepts, an escaped lone surrogate (`"\\ud800"`) gives a string that
cannot be written back as UTF-8, and a huge file or line is read whole.

`loads` refuses all of that with `JsonRefused` (a code, a message, and the line
and column when known); `read` adds a size cap and refuses what is not a
regular file (a FIFO would block forever); `read_lines` reads JSON Lines one
line at a time, each line on its own, so a bad line never hides the others.
Callers decide what a refusal means: a cache reads as empty, a ledger line is a
located problem.
"""

from __future__ import annotations

import json
import operator
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, count
from pathlib import Path
from typing import Any

# Nothing socialplan writes nests deeper than about eight levels; MkDocs' search
# index about four. Deeper is damage, and recursive code reading it would fail.
MAX_DEPTH = 64
# The largest cache of a 10,000-post repository is about 40 MB.
MAX_BYTES = 256 * 1024 * 1024
# A ledger line records one post sent to one channel: a few hundred bytes.
MAX_LINE_BYTES = 1024 * 1024

# Every byte but brackets and quotes (UTF-8 never hides ASCII inside a character).
_NOT_STRUCTURE = bytes(set(range(256)) - set(b'[]{}"'))
_STRING = re.compile(rb'"[^"]*"')
_STEPS = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")
_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


@dataclass
class JsonRefused(Exception):
    """Why some JSON cannot be used; `line` and `col` count from 1 (0: unknown)."""

    code: str
    message: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        return self.message


def _finite(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"the number {text[:20]} is too large")
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def deep(data: bytes, limit: int = MAX_DEPTH) -> bool:
    """True when brackets outside strings in `data` nest deeper than `limit`.

    Bytes operations only, no Python loop over the text: measured at 0.6 to 1.4 times
    what `json.loads` itself takes (less on small lists, more on long strings)."""
    if data.count(b"[") + data.count(b"{") <= limit:
        return False
    # Escaped backslashes, then escaped quotes, go first: the rest are quotes that
    # open and close strings. `""` is an empty string, or two strings with nothing
    # between them: removing it leaves every bracket inside or outside as it was.
    if b"\\\\" in data:
        data = data.replace(b"\\\\", b"")
    if b'\\"' in data:
        data = data.replace(b'\\"', b"")
    skeleton = data.translate(None, _NOT_STRUCTURE).replace(b'""', b"")
    brackets = _STRING.sub(b"", skeleton)
    if len(brackets) <= limit:
        return False
    # An opening bracket counts 2, a closing one 0: after i brackets the depth is the
    # running sum minus i.
    steps = accumulate(brackets.translate(_STEPS))
    return max(map(operator.sub, steps, count(1))) > limit


def lone_surrogate(data: bytes) -> int | None:
    """Where an escaped surrogate that is not half of a pair starts, if there is one."""
    pending: int | None = None  # a high surrogate waiting for its low half
    for match in _SURROGATE.finditer(data):
        start = match.start()
        before = start
        while before and data[before - 1] == 0x5C:  # backslashes before this one
            before -= 1
        if (start - before) % 2:  # `\\ud800`: an escaped backslash, then text
            continue
        low = match.group()[3:4].lower() in b"cdef"
        if low and pending is not None and pending + 6 == start:
            pending = None
            continue
        if pending is not None or low:
            return pending if pending is not None else start
        pending = start
    return pending


def loads(data: str | bytes, *, max_depth: int = MAX_DEPTH) -> Any:
    """The JSON value of `data`, or JsonRefused saying why it cannot be used."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            before = data[: exc.start]
            line = before.count(b"\n") + 1
            col = exc.start - (before.rfind(b"\n") + 1) + 1
            raise JsonRefused(
                "not-utf8", f"byte 0x{data[exc.start]:02x} is not valid UTF-8", line, col
            ) from None
    else:
        text = data
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise JsonRefused("lone-surrogate", "it holds half of a UTF-16 surrogate pair") from exc
    if deep(data, max_depth):
        raise JsonRefused(
            "too-deep", f"it nests more than {max_depth} levels deep (or its brackets do not match)"
        )
    if b"\\u" in data and (at := lone_surrogate(data)) is not None:
        line = data.count(b"\n", 0, at) + 1
        col = at - (data.rfind(b"\n", 0, at) + 1) + 1
        raise JsonRefused("lone-surrogate", "it holds half of a UTF-16 surrogate pair", line, col)
    try:
        return json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except json.JSONDecodeError as exc:
        raise JsonRefused(
            "not-json", f"it is not valid JSON ({exc.msg})", exc.lineno, exc.colno
        ) from None
    except (ValueError, RecursionError) as exc:
        # A number beyond Python's digit limit, NaN, Infinity; RecursionError cannot
        # happen after `deep` but stays caught: a traceback is never the answer.
        raise JsonRefused("not-json", f"it is not valid JSON ({exc})") from None


def read(path: Path, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """The JSON value in the file at `path`.

    Raises FileNotFoundError when there is no such file and JsonRefused when it
    cannot be used (not a regular file, too large, unreadable, not JSON).
    """
    try:
        found = os.stat(path)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise JsonRefused("unreadable", f"it cannot be read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(found.st_mode):
        raise JsonRefused("not-a-file", "it is not a regular file")
    if found.st_size > max_bytes:
        raise JsonRefused("too-large", f"it is {found.st_size:,} bytes (at most {max_bytes:,})")
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise JsonRefused("unreadable", f"it cannot be read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # it grew while being read
        raise JsonRefused("too-large", f"it is larger than {max_bytes:,} bytes")
    return loads(data, max_depth=max_depth)


def same_bytes(path: Path, data: bytes) -> bool:
    """True when `path` is a regular file holding exactly `data` (read only when its
    size matches, so a huge file, a device or a FIFO put in its place is never read)."""
    try:
        found = os.stat(path)
        if not stat.S_ISREG(found.st_mode) or found.st_size != len(data):
            return False
        with open(path, "rb") as handle:
            return handle.read(len(data) + 1) == data
    except OSError:
        return False


def read_object(path: Path, *, max_bytes: int = MAX_BYTES) -> dict[str, Any] | None:
    """The JSON object in the file at `path`; None when it is missing or unusable.

    For caches, which are only shortcuts: whatever is wrong, the caller starts
    from nothing.
    """
    try:
        value = read(path, max_bytes=max_bytes)
    except (OSError, JsonRefused):
        return None
    return value if isinstance(value, dict) else None


def read_lines(
    path: Path, *, max_line_bytes: int = MAX_LINE_BYTES
) -> Iterator[tuple[int, Any | JsonRefused]]:
    """(line number, value or why not) for each non-blank line of a JSON Lines file.

    A line longer than `max_line_bytes` is refused without being held in memory,
    and reading goes on with the next one. Raises OSError when the file cannot
    be opened.
    """
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise OSError(f"{path} is not a regular file")
    with open(path, "rb") as handle:
        number = 0
        while True:
            raw = handle.readline(max_line_bytes + 1)
            if not raw:
                return
            number += 1
            if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                    raw = handle.readline(max_line_bytes)
                yield (
                    number,
                    JsonRefused(
                        "too-large", f"the line is longer than {max_line_bytes:,} bytes", number
                    ),
                )
                continue
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]  # a byte order mark some editors add
            if not raw.strip():
                continue
            try:
                yield number, loads(raw)
            except JsonRefused as refused:
                # Positions inside one line: the line is the file's, the column the line's.
                yield number, JsonRefused(refused.code, refused.message, number, refused.col)
