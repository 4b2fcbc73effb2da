"""Rules about meaning: what a schema cannot see.

Each module holds the checks of one concern and exposes `check(repo)`, which
yields every problem it finds. `run` applies them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import cast

from ..cache.checks import PostChecks
from ..cache.decodes import Decodes
from ..load.model import Post, Repo
from ..problems import Problem
from . import (
    cadence,
    images,
    ledger_lines,
    lengths,
    links,
    media,
    references,
    strategy,
    timing,
    voice,
)

Check = Callable[[Repo], Iterable[Problem]]

CHECKS: tuple[Check, ...] = (
    strategy.check,
    references.check,
    links.check,
    timing.check,
    cadence.check,
    media.check,
    images.check,
    voice.check,
    ledger_lines.check,
    lengths.check,
)


# The checks that take most of the time on a large repository (per-post text
# work); `validate` may run them in a second process while the rest run here.
# Each takes `posts=` (a part of repo.posts) so that the work can be shared.
HEAVY = (lengths.check,)


def remembering(
    memo: PostChecks, checks: Sequence[Check], decodes: Decodes | None = None
) -> tuple[Check, ...]:
    """`checks`, with the per-post ones reusing what `memo` kept of unchanged posts, and
    the image check the files `decodes` knows to decode."""
    per_post: dict[Check, Check] = {
        lengths.check: partial(lengths.check, memo=memo),
    }
    if decodes is not None:
        per_post[images.check] = partial(images.check, decodes=decodes)
    return tuple(per_post.get(check, check) for check in checks)


def on_posts(checks: Sequence[Check], posts: Sequence[Post]) -> tuple[Check, ...]:
    """Heavy checks (which take `posts=`) limited to some of the posts."""
    keyworded = cast(list[Callable[..., Iterable[Problem]]], list(checks))
    return tuple(partial(check, posts=posts) for check in keyworded)


def run(repo: Repo, checks: Sequence[Check] = CHECKS) -> list[Problem]:
    problems: list[Problem] = []
    for check in checks:
        problems.extend(check(repo))
    return problems
