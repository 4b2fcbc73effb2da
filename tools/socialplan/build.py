"""`socialplan build`: everything the repository turns into, in one pass.

    validate → variants → images → calendar → site

Validation comes first and a repository with errors (or warnings, when
strict) is not built: the result carries the report instead. Each later step
reuses what the one before read (one load, one schedule), reports what it
does through the `progress` callback, and leaves unchanged outputs alone, so
a second build after a small edit is quick. Nothing here prints.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cache import store
from .cache.checks import PostChecks
from .cache.decodes import Decodes
from .cache.events import EventCache
from .calendar import to_ics
from .errors import WriteError
from .guards import lock, output_folders
from .guards.safejson import same_bytes
from .images import render_images as render
from .load.loader import find_root
from .load.model import Repo
from .problems import Problem, Report
from .rules.validate import Validation, validate
from .schedule.slots import Schedule, schedule
from .variants.output_files import write_all

Progress = Callable[[str], None]
VARIANTS = Path("build", "variants")
CALENDAR = Path("build", "calendar.ics")
CHECKS = "checks"  # build/cache/checks.json: per-post check results (rules.memo)


@dataclass
class BuildResult:
    validation: Validation
    refused: bool = False  # not built: validation (or images) failed
    variants_written: int = 0
    variants_total: int = 0
    images: str = "skipped"
    calendar: Path | None = None
    site: Any = None  # socialplan.site.builder.SiteBuild
    problems: list[Problem] = field(default_factory=list)  # from the images step
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def report(self) -> Report:
        report = Report(list(self.validation.report.problems), self.validation.report.files_checked)
        report.extend(self.problems)
        report.problems = report.sorted()
        return report


def _write_if_changed(root: Path, path: Path, data: bytes) -> bool:
    if same_bytes(path, data):
        return False
    try:
        store.build_folder(root).write(path, data)
    except OSError as exc:
        raise WriteError(f"could not write {path}: {exc.strerror or exc}") from None
    return True


def write_variants(repo: Repo, out: Path) -> tuple[int, int]:
    """build/variants/<post id>/<channel id>.json: what each channel receives.

    Returns (files written, files in total); unchanged files are not rewritten
    and files of posts or channels that are gone are removed.
    """
    done = write_all(repo, out)
    return len(done.written), len(done.written) + len(done.unchanged)


def render_images(repo: Repo, progress: Progress) -> tuple[str, list[Problem]]:
    """The images step: every post's images, from the cache when unchanged."""
    done = 0

    def each(_: Any) -> None:
        nonlocal done
        done += 1
        if done % 250 == 0:
            progress(f"images: {done:,} posts")

    run = render(repo=repo, progress=each)
    return f"{run.rendered:,} rendered, {run.cached:,} unchanged", run.problems


def write_calendar(root: Path, plan: Schedule) -> tuple[Path, bytes]:
    """build/calendar.ics, splicing the kept bytes of events whose inputs are unchanged.

    The cache `build/cache/calendar.json` maps each event's UID to the
    fingerprint of its inputs and its serialised text; only this run's events
    are kept, so it never grows with deleted posts.
    """
    cache = EventCache(store.read(root, "calendar"))
    data = to_ics(plan, cache=cache)
    _write_if_changed(root, root / CALENDAR, data)
    if cache.entries != cache.previous:
        store.write(root, "calendar", cache.entries)
    return root / CALENDAR, data


def check_outputs(root: Path, site: Path, images: bool) -> None:
    """Refuse, before anything is written, output folders that hold the user's files
    (see output_folders): the site's, and build/variants and build/images."""
    from .images.run import OUTPUT as IMAGES
    from .images.run import earlier as earlier_images
    from .site.configuration import earlier as earlier_site
    from .variants.output_files import earlier as earlier_variants

    output_folders.check(root / VARIANTS, root, output_folders.VARIANTS, earlier_variants)
    if images:
        output_folders.check(root / IMAGES, root, output_folders.IMAGES, earlier_images)
    output_folders.check(site, root, output_folders.SITE, earlier_site(root))


def build(
    root: Path | None = None,
    *,
    out: Path | None = None,
    images: bool = True,
    strict: bool = False,
    incremental: bool = True,
    progress: Progress | None = None,
) -> BuildResult:
    """Validate, then write variants, images, the calendar file and the site.

    Work whose inputs did not change since the last build is reused (build/cache/,
    and the site's record of what it rendered); `incremental=False` forgets all of
    it and does everything again.
    """
    say = progress or (lambda message: None)
    root = find_root(root if root is not None else Path.cwd()).resolve()
    site = out if out is not None else root / "site"
    check_outputs(root, site, images)
    # One build at a time in a repository: a second one waits (see `lock`).
    with lock.hold(root, "build", progress=say):
        return _build(root, out, images, strict, incremental, say)


def _build(
    root: Path,
    out: Path | None,
    images: bool,
    strict: bool,
    incremental: bool,
    say: Progress,
) -> BuildResult:
    clock = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        result.seconds[step] = now - clock
        clock = now

    if not incremental:
        store.clear(root)
    # The variants validation composes are kept for the steps that follow, and
    # posts unchanged since the last build are not checked again (rules.memo).
    memo = PostChecks(store.read(root, CHECKS))
    decodes = Decodes.load(root)
    validation = validate(root=root, share_variants=True, memo=memo, decodes=decodes)
    result = BuildResult(validation)
    if memo.entries != memo.previous:
        store.write(root, CHECKS, memo.entries)
    decodes.save()
    report = validation.report
    lap("validate")
    say(
        f"validate: {report.files_checked:,} files, {len(report.errors)} errors,"
        f" {len(report.warnings)} warnings"
    )
    if report.failed(strict):
        result.refused = True
        return result
    # What validation read lives until the build ends: frozen, the garbage
    # collector no longer scans its half a million objects each time later steps
    # allocate (a full collection takes about a second on 10,000 posts).
    gc.freeze()
    try:
        _build_steps(result, validation, images, strict, incremental, out, say, lap)
    finally:
        gc.unfreeze()
    return result


def _build_steps(
    result: BuildResult,
    validation: Validation,
    images: bool,
    strict: bool,
    incremental: bool,
    out: Path | None,
    say: Progress,
    lap: Callable[[str], None],
) -> None:
    root, repo = validation.root, validation.repo
    result.variants_written, result.variants_total = write_variants(repo, root / VARIANTS)
    lap("variants")
    say(f"variants: {result.variants_total:,} in {VARIANTS}/ ({result.variants_written:,} changed)")
    if images:
        say("images: rendering (unchanged images are kept)")
        result.images, result.problems = render_images(repo, say)
        lap("images")
        say(f"images: {result.images}")
        if any(p.is_error for p in result.problems) or (strict and result.problems):
            result.refused = True
            return
    plan = schedule(repo)
    result.calendar, ics = write_calendar(root, plan)
    lap("calendar")
    say(f"calendar: {len(plan.entries):,} events in {CALENDAR}")
    from .site import pages
    from .site.builder import build_site
    from .site.prepare import Prepared, collect_extras

    extras = collect_extras(root, plan, ics)
    files = pages(repo, plan, extras)
    lap("pages")
    say(f"site: generated {len(files):,} files")
    prepared = Prepared(root, repo, plan, extras, files, validation.report)
    target = out if out is not None else root / "site"
    result.site = build_site(prepared, target, strict=strict, incremental=incremental, progress=say)
    lap("site")
