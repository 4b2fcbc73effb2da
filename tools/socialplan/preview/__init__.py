"""`socialplan preview`: what a pull request changes, post by post, as GitHub Markdown.

`preview(root, base_ref)` compares the repository on disk with the merge base of
`base_ref` and HEAD (see `git.py`), finds added, changed, moved, deleted and re-identified
posts (`changes.py`), validates the repository, schedules it, composes every variant of
the posts that changed, and renders Markdown for a sticky comment or a job summary
(`markdown.py`). It never writes into the repository.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..load.ledger import published
from ..load.loader import find_root, load
from ..problems import Problem
from ..rules.validate import validate
from ..schedule.slots import schedule
from . import git, markdown
from .changes import PostChange, compare
from .gather import PreviewData

__all__ = ["Preview", "preview"]


@dataclass(frozen=True)
class Preview:
    markdown: str
    changes: list[PostChange]
    errors: int  # in the posts that changed
    warnings: int


def preview(
    root: Path,
    base_ref: str,
    *,
    budget: int = markdown.DEFAULT_BUDGET,
    media_base_url: str | None = None,
) -> Preview:
    """The preview of the changes since `base_ref`, in at most `budget` characters."""
    root = find_root(root)
    base = git.find_base(root, base_ref)
    checked = validate(root=root)
    head = checked.repo
    with tempfile.TemporaryDirectory(prefix="socialplan-base-") as folder:
        git.export(base, Path(folder))
        before = load(Path(folder)).repo
        changes = compare(before, head, git.renames(base), published(root))
    problems: dict[str, list[Problem]] = defaultdict(list)
    for problem in checked.report.problems:
        problems[problem.file].append(problem)
    moments: dict[str, dict[str, datetime]] = defaultdict(dict)
    wanted = {change.id for change in changes}
    for entry in schedule(head).entries:
        if entry.post.id in wanted:
            moments[entry.post.id][entry.channel.id] = entry.moment
    data = PreviewData(base, head, changes, dict(problems), dict(moments), media_base_url)
    text = markdown.render(data, budget)
    found = [p for change in changes for p in data.problems_of(change)]
    errors = sum(1 for p in found if p.is_error)
    return Preview(text, changes, errors, len(found) - errors)
