"""Rules about meaning: what a schema cannot see.

Each module holds the checks of one concern and exposes `check(repo)`, which
yields every problem it finds. `run` applies them all.
"""

from __future__ import annotations

from ..model import Repo
from ..problems import Problem
from . import images, lengths, media, references, schedule, secrets, strategy, timing, voice

CHECKS = (
    strategy.check,
    references.check,
    timing.check,
    schedule.check,
    media.check,
    images.check,
    voice.check,
    secrets.check,
    lengths.check,
)


def run(repo: Repo) -> list[Problem]:
    problems: list[Problem] = []
    for check in CHECKS:
        problems.extend(check(repo))
    return problems
