"""What was already published, read from the ledger under `state/`.

The contract for `socialplan publish` (a later issue), which alone writes the ledger:

- files `state/*.jsonl`, UTF-8, one JSON object per line, append-only;
- each line records one post sent to one channel and holds at least
  `"post"` (the post's `id:`) and `"channel"` (the channel id); publish adds what it
  needs (`"network"`, `"platform_id"`, `"url"`, `"at"`, `"content_hash"` of the variant
  sent, as in build/variants/), and readers ignore keys they do not know;
- blank lines are allowed; a line that is not a JSON object with a text `"post"` is
  skipped here (the ledger is never guessed at; publish validates its own lines).

Until that issue lands there is no `state/` folder and nothing counts as published.
"""

from __future__ import annotations

import json
from pathlib import Path

STATE = "state"


def published(root: Path) -> dict[str, set[str]]:
    """Post id -> the channels it was published to, from every `state/*.jsonl`."""
    found: dict[str, set[str]] = {}
    folder = root / STATE
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.jsonl")):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for line in lines:
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue
            if not isinstance(entry, dict) or not isinstance(entry.get("post"), str):
                continue
            channel = entry.get("channel")
            channels = found.setdefault(entry["post"], set())
            if isinstance(channel, str):
                channels.add(channel)
    return found


def published_ids(root: Path) -> set[str]:
    """The ids of every post published to at least one channel."""
    return set(published(root))
