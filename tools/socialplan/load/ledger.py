"""What was already published, read from the ledger under `state/`.

The contract for `socialplan publish` (a later issue), which alone writes the ledger:

- files `state/*.jsonl`, UTF-8, one JSON object per line, append-only;
- each line records one post sent to one channel and holds at least
  `"post"` (the post's `id:`) and `"channel"` (the channel id); publish adds what it
  needs (`"network"`, `"platform_id"`, `"url"`, `"at"`, `"content_hash"` of the variant
  sent, as in build/variants/), and readers ignore keys they do not know;
- blank lines are allowed.

`read` is the one reader (the site, the preview and validation use it). A line
that breaks the contract is never guessed at and never stops the rest: it is a
located `Problem` (file, line, code, hint) that `socialplan validate` reports,
and every other line is still read. A line that names its post but no channel
still counts that post as published somewhere, so nothing that went out is
forgotten because a line was damaged.

Until publishing lands there is no `state/` folder and nothing counts as published.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..guards import safejson
from ..problems import Problem, error

STATE = "state"
HINT = (
    "the ledger is written by `socialplan publish` only: restore the line from git"
    " (`git log -p {file}`), or remove it if it was added by hand"
)


@dataclass(frozen=True)
class Entry:
    """One line of the ledger: a post sent to a channel."""

    file: str  # repository-relative, e.g. state/published.jsonl
    line: int
    post: str
    channel: str | None  # None: the line is damaged, but names its post
    data: dict[str, Any]


@dataclass
class Ledger:
    found: bool = False  # there is a state/ folder
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def published(self) -> dict[str, set[str]]:
        """Post id -> the channels it was published to."""
        found: dict[str, set[str]] = {}
        for entry in self.entries:
            channels = found.setdefault(entry.post, set())
            if entry.channel is not None:
                channels.add(entry.channel)
        return found


def files(root: Path) -> list[Path]:
    folder = root / STATE
    return sorted(p for p in folder.glob("*.jsonl") if p.is_file()) if folder.is_dir() else []


def read(root: Path) -> Ledger:
    """Every entry of every `state/*.jsonl`, and a located problem for each bad line."""
    ledger = Ledger(found=(root / STATE).is_dir())
    for path in files(root):
        rel = f"{STATE}/{path.name}"
        try:
            for number, value in safejson.read_lines(path):
                _take(ledger, rel, number, value)
        except OSError as exc:
            ledger.problems.append(
                error(
                    "ledger-unreadable",
                    rel,
                    f"the ledger cannot be read: {exc.strerror or exc}",
                    "check that the file exists and that you may read it",
                    line=1,
                    col=1,
                )
            )
    return ledger


def _take(ledger: Ledger, rel: str, number: int, value: Any) -> None:
    hint = HINT.format(file=rel)
    if isinstance(value, safejson.JsonRefused):
        ledger.problems.append(
            error(
                "ledger-invalid-line",
                rel,
                f"line {number} of the ledger cannot be read: {value.message}",
                hint,
                line=number,
                col=max(value.col, 1),
            )
        )
        return
    post = value.get("post") if isinstance(value, dict) else None
    if not isinstance(post, str) or not post:
        ledger.problems.append(
            error(
                "ledger-invalid-entry",
                rel,
                f'line {number} of the ledger is not a JSON object with a text "post"'
                " (the id of the post that was sent)",
                hint,
                line=number,
                col=1,
            )
        )
        return
    assert isinstance(value, dict)
    channel = value.get("channel")
    if not isinstance(channel, str) or not channel:
        ledger.problems.append(
            error(
                "ledger-invalid-entry",
                rel,
                f'line {number} of the ledger records a post without a text "channel"'
                " (the channel it was sent to)",
                hint,
                line=number,
                col=1,
            )
        )
        channel = None
    ledger.entries.append(Entry(rel, number, post, channel, value))


def published(root: Path) -> dict[str, set[str]]:
    """Post id -> the channels it was published to, from every `state/*.jsonl`."""
    return read(root).published()


def published_ids(root: Path) -> set[str]:
    """The ids of every post published to at least one channel."""
    return set(published(root))
