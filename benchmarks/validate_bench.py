"""How fast is `socialplan validate` next to only parsing the same YAML?

    python benchmarks/validate_bench.py [--posts 10000] [--runs 3] [--profile]

Generates (or reuses, from benchmarks/out/) a repository of N posts, then times in
fresh processes, so that each peak resident memory belongs to one measurement:

- the floor: read every strategy and post file, split off the front matter and
  `yaml.load` it with the fastest loader there is (libyaml's CSafeLoader);
- `validate()`: the library call behind `socialplan validate`;
- the `socialplan validate` command, start-up and imports included (for reference).

Each is run `--runs` times and the best time is kept; the peak memory shown is the
highest of the runs. Times exclude interpreter start-up and imports except on the
command row. Targets (from the issue): validate within 2x the floor, peak under 500 MB.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import os
import pstats
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import generate

HERE = Path(__file__).resolve().parent
CACHE = HERE / "out"
RATIO_TARGET = 2.0
MEMORY_TARGET_MB = 500.0


# --- the repository under test ---------------------------------------------------------


def _fingerprint(posts: int, seed: int) -> str:
    """Changes whenever the generated repository could: generator code, strategies, media."""
    digest = hashlib.sha256(f"{generate.GENERATOR_VERSION}:{posts}:{seed}".encode())
    sources = [HERE / "generate.py", *sorted(HERE.glob("synth_*.py"))]
    sources += sorted(generate.FALLBACK.rglob("*"))
    for folder in ("strategy", "content/media"):
        sources += sorted((generate.REPO_ROOT / folder).rglob("*"))
    for path in sources:
        if path.is_file():
            digest.update(path.as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def repository(posts: int, seed: int, fresh: bool) -> Path:
    """A generated repository of `posts` posts, cached under benchmarks/out/."""
    target = CACHE / f"posts-{posts}-seed-{seed}-{_fingerprint(posts, seed)}"
    marker = target / generate.MARKER
    if not fresh and marker.is_file() and generate.describe(target).get("complete"):
        return target
    for old in CACHE.glob(f"posts-{posts}-seed-{seed}-*"):
        if (old / generate.MARKER).is_file():
            shutil.rmtree(old)
    started = time.perf_counter()
    generate.generate(target, posts, seed)
    print(
        f"generated {posts:,} posts in {time.perf_counter() - started:.1f} s: {target}",
        file=sys.stderr,
    )
    return target


# --- what runs in each measuring process -------------------------------------------------


def _peak_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1e6


def brand_files(root: Path) -> list[Path]:
    """The files `socialplan validate` parses: strategy YAML, personas, competitors, posts."""
    strategy = root / "strategy"
    found = sorted(p for p in strategy.glob("*.y*ml"))
    for folder in (strategy / "audience", strategy / "competitors", root / "content" / "posts"):
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            found += sorted(Path(dirpath, n) for n in filenames if n.endswith(".md"))
    return found


def measure_floor(root: Path) -> dict[str, Any]:
    import yaml

    try:
        loader: type = yaml.CSafeLoader
    except AttributeError:
        loader = yaml.SafeLoader
    started = time.perf_counter()
    files = brand_files(root)
    for path in files:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            end = text.find("\n---", 3)
            text = text[4 : end + 1]
        yaml.load(text, Loader=loader)  # a safe loader, chosen above
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "files": len(files),
        "loader": loader.__name__,
        "peak_mb": _peak_mb(),
    }


def measure_validate(root: Path, profile: Path | None = None) -> dict[str, Any]:
    from socialplan.rules.validate import validate

    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    result = validate(paths=(), root=root)
    if profiler and profile:
        profiler.disable()
        profiler.dump_stats(profile)
    seconds = time.perf_counter() - started
    report = result.report
    errors = [p for p in report.problems if p.is_error]
    return {
        "seconds": seconds,
        "files": report.files_checked,
        "errors": len(errors),
        "warnings": len(report.problems) - len(errors),
        "first_problems": [
            f"{p.file}:{p.line}:{p.col} [{p.code}] {p.message}" for p in report.problems[:5]
        ],
        "peak_mb": _peak_mb(),
    }


# --- the parent: fresh processes, best of N ---------------------------------------------


def _child(kind: str, root: Path) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", kind, str(root)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    measured: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    measured["process_seconds"] = time.perf_counter() - started
    return measured


def _command(root: Path) -> dict[str, Any]:
    """`socialplan validate --repo ROOT` as a user runs it; its peak via wait4."""
    script = Path(sys.executable).with_name("socialplan")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "socialplan.cli"]
    started = time.perf_counter()
    process = subprocess.Popen(
        [*command, "validate", "--repo", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    scale = 1 if sys.platform == "darwin" else 1024
    return {
        "process_seconds": time.perf_counter() - started,
        "exit": process.returncode,
        "peak_mb": usage.ru_maxrss * scale / 1e6,
    }


def best_of(runs: int, measure: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    results = [measure() for _ in range(runs)]
    key = "seconds" if "seconds" in results[0] else "process_seconds"
    best = dict(min(results, key=lambda r: r[key]))
    best["peak_mb"] = max(float(r["peak_mb"]) for r in results)
    best["all"] = [round(float(r[key]), 3) for r in results]
    return best


def run(posts: int, seed: int, runs: int, fresh: bool, profile: bool) -> int:
    root = repository(posts, seed, fresh)
    info = generate.describe(root)
    floor = best_of(runs, lambda: _child("floor", root))
    full = best_of(runs, lambda: _child("validate", root))
    command = best_of(runs, lambda: _command(root))
    ratio = float(full["seconds"]) / float(floor["seconds"])
    libyaml = floor["loader"] == "CSafeLoader"

    print(
        f"socialplan validate benchmark: {posts:,} posts, {floor['files']:,} files"
        f" (strategy: {info['strategy']}), best of {runs} runs, {os.cpu_count()} CPUs"
    )
    print(
        f"floor loader: yaml.{floor['loader']}"
        + ("" if libyaml else "  (libyaml missing: pure-Python fallback, floor is slow)")
    )
    print()
    print(f"{'measurement':<38}{'seconds':>9}{'peak MB':>9}{'process s':>11}  runs (s)")
    rows = (
        ("floor: read + split + yaml.load", floor),
        ("validate() (library)", full),
        ("`socialplan validate` (command)", command),
    )
    for label, row in rows:
        seconds = f"{float(row['seconds']):.3f}" if "seconds" in row else "-"
        print(
            f"{label:<38}{seconds:>9}{float(row['peak_mb']):>9.1f}"
            f"{float(row['process_seconds']):>11.3f}  {row['all']}"
        )
    print()
    peak = float(full["peak_mb"])
    verdicts = (
        ("time: validate / floor", f"{ratio:.2f}x", f"<= {RATIO_TARGET:g}x", ratio <= RATIO_TARGET),
        (
            "peak memory of validate()",
            f"{peak:.0f} MB",
            f"<= {MEMORY_TARGET_MB:g} MB",
            peak <= MEMORY_TARGET_MB,
        ),
    )
    print(f"{'target':<38}{'value':>9}{'limit':>11}  result")
    for label, value, limit, ok in verdicts:
        print(f"{label:<38}{value:>9}{limit:>11}  {'PASS' if ok else 'MISS'}")
    print()
    print(
        f"problems found: {full['errors']} errors, {full['warnings']} warnings"
        f" in {full['files']:,} files checked (command exit code {command['exit']})"
    )
    for line in full["first_problems"]:
        print(f"  {line}")
    if profile:
        _profile(root)
    return 0 if full["errors"] == 0 else 1


def _profile(root: Path) -> None:
    target = CACHE / "validate.prof"
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--measure",
        "validate",
        str(root),
        "--profile-to",
        str(target),
    ]
    subprocess.run(command, capture_output=True, check=True)
    print(f"\ncProfile of validate() (saved to {target}), top 25 by own time:")
    stats = pstats.Stats(str(target))
    stats.sort_stats("tottime").print_stats(25)
    print("top 25 by cumulative time:")
    stats.sort_stats("cumulative").print_stats(25)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement; best kept")
    parser.add_argument("--fresh", action="store_true", help="regenerate even if cached")
    parser.add_argument(
        "--profile", action="store_true", help="also print a cProfile of validate()"
    )
    parser.add_argument("--measure", choices=("floor", "validate"), help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("root", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        if args.measure == "floor":
            measured = measure_floor(args.root)
        else:
            measured = measure_validate(args.root, args.profile_to)
        print(json.dumps(measured))
        return 0
    return run(args.posts, args.seed, args.runs, args.fresh, args.profile)


if __name__ == "__main__":
    sys.exit(main())
