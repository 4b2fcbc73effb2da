"""Time the schedule, its rules and the calendar outputs on a generated repository.

    python benchmarks/calendar_bench.py             # 10,000 posts, best of 3
    python benchmarks/calendar_bench.py --posts 2000 --runs 5

The repository is the one `validate_bench.py` generates and caches under
benchmarks/out/. Each row is the best of `--runs` runs in this process, after
loading the repository once (loading is what `validate_bench.py` measures).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import validate_bench
from socialplan.calendar import month_view, to_ics, week_view
from socialplan.load.loader import load
from socialplan.rules import cadence as schedule_rules
from socialplan.schedule.slots import schedule


def best(runs: int, work: Callable[[], object]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return min(times), result


def run(root: Path, runs: int) -> None:
    repo = load(root).repo
    plan = schedule(repo)
    first = plan.entries[0].moment.date() if plan.entries else date(2027, 1, 1)
    rows: list[tuple[str, Callable[[], object]]] = [
        ("schedule(repo)", lambda: schedule(repo)),
        ("rules/schedule.py check", lambda: list(schedule_rules.check(repo))),
        ("week_view", lambda: week_view(plan, first)),
        ("month_view", lambda: month_view(plan, first)),
        ("to_ics (every event)", lambda: to_ics(plan)),
    ]
    queued = sum(1 for e in plan.entries if e.queued)
    print(
        f"calendar benchmark: {len(repo.posts):,} posts, {len(plan.entries):,} sends"
        f" ({queued:,} queued), best of {runs}"
    )
    print(f"{'measurement':<28}{'seconds':>9}  size (problems, characters or bytes)")
    for name, work in rows:
        seconds, result = best(runs, work)
        size = f"{len(result):,}" if isinstance(result, list | str | bytes) else ""
        print(f"{name:<28}{seconds:>9.3f}  {size}".rstrip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=10_000, help="posts to generate")
    parser.add_argument("--seed", type=int, default=0, help="generator seed")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement")
    parser.add_argument("--fresh", action="store_true", help="regenerate even if cached")
    args = parser.parse_args()
    run(validate_bench.repository(args.posts, args.seed, args.fresh), args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
