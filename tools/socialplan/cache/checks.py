"""The results of per-post checks, kept between builds.

The length checks do most of validation's work on a large repository, post by
post (every post composed for every channel, see `lengths`). What they find in a
post depends only on that post's file and the strategy (and, for a hashtag's
CamelCase suggestion, on the words the brand writes across all posts), so
`socialplan build`, which keeps `build/cache/checks.json`, runs them again only
on the posts that changed since the last build. (The secret scan runs while
loading, on every build: what it finds must be hidden from the outputs.)
`socialplan validate` keeps nothing and always checks everything.

An entry is reused only when its fingerprint (`digests`: the strategy files,
socialplan's code, the post's file) is the same and, if the check consulted
the brand's vocabulary for that post, the vocabulary is the same too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..load.model import Post, Repo
from ..problems import Problem, Severity
from . import fingerprints


@dataclass
class PostChecks:
    """Per-post check results: `previous` as kept by the last build, `entries` as found
    now (to keep for the next), and how many posts were `reused` or `checked`."""

    previous: Mapping[str, Any] = field(default_factory=dict)
    # fingerprints.strategy of the repository being checked, worked out on first use.
    strategy: str | None = None
    entries: dict[str, Any] = field(default_factory=dict)
    reused: int = 0
    checked: int = 0

    def results(
        self,
        check: str,
        repo: Repo,
        post: Post,
        run: Callable[[], list[Problem]],
        vocabulary: Vocabulary | None = None,
    ) -> list[Problem]:
        """What `check` finds in `post`: kept from the last build when still true, else
        `run()`, whose result is kept for the next."""
        if self.strategy is None:
            self.strategy = fingerprints.strategy(repo)
        name = f"{check}:{post.rel}"
        key = fingerprints.combine(check, self.strategy, fingerprints.post(repo, post))
        item = self.previous.get(name)
        if isinstance(item, dict) and item.get("key") == key:
            words = item.get("vocabulary")
            if words is None or (vocabulary is not None and words == vocabulary.digest()):
                found = _problems(item.get("problems"))
                if found is not None:
                    self.entries[name] = item
                    self.reused += 1
                    return found
        if vocabulary is not None:
            vocabulary.consulted = False
        found = run()
        self.checked += 1
        self.entries[name] = {
            "key": key,
            "vocabulary": vocabulary.digest() if vocabulary and vocabulary.consulted else None,
            "problems": [_as_json(p) for p in found],
        }
        return found


class Vocabulary(Protocol):
    """The brand's words as a check reads them (rules.hashtags.Vocabulary)."""

    consulted: bool  # set when the words are read

    def digest(self) -> str: ...


def _as_json(problem: Problem) -> list[Any]:
    return [
        problem.severity.value,
        problem.code,
        problem.file,
        problem.message,
        problem.hint,
        problem.line,
        problem.col,
        list(problem.pointer) if problem.pointer is not None else None,
        problem.on_key,
    ]


def _problems(value: object) -> list[Problem] | None:
    """Problems as kept, or None when they are not in the shape `_as_json` writes."""
    if not isinstance(value, list):
        return None
    found = []
    try:
        for item in value:
            severity, code, file, message, hint, line, col, pointer, on_key = item
            if not all(isinstance(v, str) for v in (code, file, message, hint)):
                return None
            if not (isinstance(line, int) and isinstance(col, int) and isinstance(on_key, bool)):
                return None
            if pointer is not None and not (
                isinstance(pointer, list) and all(isinstance(p, str | int) for p in pointer)
            ):
                return None
            found.append(
                Problem(
                    Severity(severity),
                    code,
                    file,
                    message,
                    hint,
                    line,
                    col,
                    tuple(pointer) if pointer is not None else None,
                    on_key,
                )
            )
    except (TypeError, ValueError):
        return None
    return found
