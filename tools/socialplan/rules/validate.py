"""`socialplan validate`: load a repository, run every rule, locate every problem."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import rules
from ..cache.checks import PostChecks
from ..cache.decodes import Decodes
from ..errors import UsageError
from ..load import parallel
from ..load.files import inside
from ..load.loader import find_root, load
from ..load.locate import locate
from ..load.model import Repo
from ..problems import Report

# The share of posts whose heavy checks a second process takes: on 10,000 posts
# the length checks take about 1.15 s and all other checks about 0.8 s (the secret
# scan, about 0.1 s, runs while loading, half of it in the second process).
CHILD_SHARE = 0.80


@dataclass
class Validation:
    root: Path
    repo: Repo
    report: Report


def validate(
    paths: Sequence[Path] = (),
    root: Path | None = None,
    *,
    share_variants: bool = False,
    memo: PostChecks | None = None,
    decodes: Decodes | None = None,
) -> Validation:
    """Check the whole repository; report only problems in `paths` when given.

    The whole repository is always loaded, because a post is only valid
    relative to the strategy it refers to. With `share_variants`, the length
    checks run in this process, so that the variants they compose stay on the
    repository for what comes next (the build); otherwise a large repository
    has them checked in a second process. `memo` holds the per-post results of
    the last build (rules.memo): posts unchanged since are not checked again;
    `decodes` the image files it found to decode (cache.decodes), with `memo`.
    """
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path} does not exist", "give files or folders of the repository")
    if root is None:
        root = find_root(paths[0] if paths else Path.cwd())
    root = root.resolve()
    for path in paths:
        if not inside(path, root):
            raise UsageError(
                f"{path} is not inside the repository {root}",
                "validate one repository at a time",
            )
    # Loading builds many small objects that live until the end and hold no
    # reference cycles; the cyclic garbage collector would only scan them
    # again and again (about a sixth of the run on 10,000 posts).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        loaded = load(root)
        repo = loaded.repo
        light = tuple(c for c in rules.CHECKS if c not in rules.HEAVY)
        heavy_checks: tuple[rules.Check, ...] = rules.HEAVY
        if memo is not None:
            light = rules.remembering(memo, light, decodes)
            heavy_checks = rules.remembering(memo, heavy_checks)
        work = 0 if share_variants or memo is not None else len(repo.posts)
        # With a second process, it takes most posts of the heavy checks and this
        # one the rest after the light checks, so that both end at about the same
        # time; without one, everything runs here and the split changes nothing.
        cut = round(len(repo.posts) * CHILD_SHARE) if parallel.worth_it(work) else 0
        theirs = rules.on_posts(heavy_checks, repo.posts[:cut])
        ours = rules.on_posts(heavy_checks, repo.posts[cut:])
        heavy = parallel.start(lambda: rules.run(repo, theirs), work)
        problems = loaded.problems + rules.run(repo, light + ours) + heavy.result()
    finally:
        # What was loaded is long-lived: put it straight into the oldest generation
        # (freeze, then unfreeze), or the next young collection would scan all of
        # it once more (about 0.13 s on 10,000 posts).
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()
    if paths:
        wanted = [p.resolve() for p in paths]
        problems = [p for p in problems if _selected(root / p.file, wanted)]
    report = Report(locate(problems, loaded.repo), files_checked=loaded.files)
    report.problems = report.sorted()
    return Validation(root, loaded.repo, report)


def _selected(path: Path, wanted: list[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved == w or w in resolved.parents for w in wanted)
