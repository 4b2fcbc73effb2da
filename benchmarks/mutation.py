"""How many one-line bugs in the checks do the tests catch? A mutation score.

    python benchmarks/mutation.py                    # platforms, rules and loader
    python benchmarks/mutation.py --only rules       # one group (repeatable)
    python benchmarks/mutation.py --diffs            # and the diff of every survivor

mutmut (pinned below) makes small changes to the code (`>` to `>=`, a `continue`
removed, a number off by one...), one at a time, and runs the tests that reach the
changed function: a mutant that no test notices "survives". This is not part of the
test suite: it takes tens of minutes on two cores, and its figure is a report.

Each group (the network modules, the rules, the loader) runs in its own folder,
benchmarks/out/mutation/GROUP/, made fresh from the work tree: mutmut copies the code
into mutants/ and expects it under src/, so the folder holds tools/socialplan as
src/socialplan, the rest of the repository as it is, and a pyproject.toml with only the
pytest settings and mutmut's. The tests selected for a group are the ones that exercise
its modules in-process (a test that starts `socialplan` in a new process would run the
installed, unmutated code); mutmut narrows them further to those that reach each
mutated function. Everything runs at the lowest priority (nice 19) and with CI=true, so
that the property tests draw the same examples every time.

The score is detected / total: killed (a test failed) plus timed out, over every
mutant, those that no test reaches included. Survivors are listed per module in
benchmarks/out/mutation/GROUP/survivors.txt (with `--diffs`, each with its diff).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out" / "mutation"
# mutmut's layout conventions (src/, mutants/, the config keys) change between
# releases: the script is written against this one.
MUTMUT = "mutmut==3.8.1"
PACKAGE = "socialplan"


@dataclass(frozen=True)
class Group:
    mutate: tuple[str, ...]  # globs under tools/socialplan/
    tests: tuple[str, ...]  # globs under the repository root


# Tests that exercise each group's modules in-process. Globs, so that tests added or
# renamed later are picked up; a glob that matches nothing is skipped.
_CHECKS = (
    "tests/unit/rules/test_limits_boundaries.py",
    "tests/unit/rules/test_alt_text.py",
    "tests/unit/load/test_duplicate_posts.py",
    "tests/unit/rules/test_rules_*.py",
    "tests/acceptance/test_examples.py",
    "tests/acceptance/test_bad_input.py",
)
GROUPS: dict[str, Group] = {
    "platforms": Group(
        mutate=("platforms/*",),
        tests=(
            "tests/unit/platforms/test_platform_counting.py",
            "tests/unit/platforms/test_platform_*.py",
            "tests/unit/variants/test_variants*.py",
            "tests/unit/variants/test_threads*.py",
            "tests/unit/variants/test_facets.py",
            "tests/unit/variants/test_override_threads.py",
            *_CHECKS,
        ),
    ),
    "rules": Group(
        # credentials.py is the secret scan, which was rules/secrets.py until the
        # loader took it over (it hides secrets before any rule or output sees them).
        mutate=("rules/*", "credentials.py", "urls.py"),
        tests=(
            "tests/unit/rules/test_schedule_rules.py",
            "tests/unit/guards/test_urls.py",
            "tests/unit/rules/test_images_validate.py",
            "tests/acceptance/test_ledger_lines.py",
            "tests/acceptance/test_time_limits.py",
            "tests/unit/load/test_secret*.py",
            "tests/unit/cache/test_checks_memo.py",
            "tests/unit/variants/test_override_threads.py",
            "tests/unit/variants/test_variants_hashtags.py",
            *_CHECKS,
        ),
    ),
    "loader": Group(
        # layout.py finds the files the loader reads (it was part of loader.py);
        # withhold.py hides secrets while loading.
        mutate=("loader.py", "layout.py", "withhold.py"),
        tests=(
            "tests/unit/load/test_loader*.py",
            "tests/unit/load/test_secrets.py",
            "tests/acceptance/test_stray_files.py",
            "tests/acceptance/test_pathological_sizes.py",
            "tests/unit/load/test_parallel.py",
            "tests/unit/cache/test_checks_memo.py",
            *_CHECKS,
        ),
    ),
}
# A line that is nothing but a string with a space in it: the wording of a message or
# a hint. Its mutants ("XX…XX", upper case) change no behaviour that a test should pin,
# so none are made. Problem codes, keys and paths have no space and are still mutated.
WORDING = r"""^\s*[rRfFbBuU]{0,2}"[^"]* [^"]*"[,)]*\s*(#.*)?$"""
# Not copied into a group's folder: the package (it goes to src/) and what is not code.
_SKIP_TOP = {"tools", ".git", ".venv", "build", "site"}
DETECTED = ("killed", "timeout", "caught by type check")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", choices=sorted(GROUPS), help="a group")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="mutmut workers")
    parser.add_argument("--diffs", action="store_true", help="write each survivor's diff")
    parser.add_argument("--rev", help="test this commit instead of the work tree")
    parser.add_argument(
        "--report", action="store_true", help="print the scores of the last run, run nothing"
    )
    args = parser.parse_args()
    # Lowest priority: the machine is shared.
    os.nice(19 - os.nice(0))
    ensure_mutmut()
    names = args.only or list(GROUPS)
    summaries: dict[str, dict[str, Counter[str]]] = {}
    suffix = f"-{args.rev}" if args.rev else ""
    if args.report:
        for name in names:
            if (OUT / f"{name}{suffix}" / "mutants").is_dir():
                summaries[name] = by_module(read_results(OUT / f"{name}{suffix}"))
        print(report(summaries))
        return 0
    # Every folder is laid out first, so that all groups test the same tree even if the
    # work tree changes during the run.
    root, files = source(args.rev)
    folders = {
        name: stage(name, GROUPS[name], root, files, OUT / f"{name}{suffix}") for name in names
    }
    for name, folder in folders.items():
        started = time.monotonic()
        print(f"{name}: mutating in {folder.relative_to(ROOT)} ...", flush=True)
        if not run_mutmut(folder, args.jobs):
            print(f"{name}: mutmut failed; see {(folder / 'mutmut.log').relative_to(ROOT)}")
            return 1
        statuses = read_results(folder)
        summaries[name] = by_module(statuses)
        (folder / "summary.json").write_text(
            json.dumps({m: dict(c) for m, c in summaries[name].items()}, indent=1) + "\n",
            encoding="utf-8",
        )
        write_survivors(folder, statuses, args.diffs)
        minutes = (time.monotonic() - started) / 60
        print(f"{name}: {len(statuses)} mutants in {minutes:.1f} min", flush=True)
    print()
    print(report(summaries))
    return 0


def ensure_mutmut() -> None:
    try:
        if version("mutmut") == MUTMUT.split("==")[1]:
            return
    except PackageNotFoundError:
        pass
    print(f"installing {MUTMUT} into {sys.prefix} ...", flush=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", MUTMUT], check=True)


def source(rev: str | None) -> tuple[Path, list[Path]]:
    """The tree to test and its files: the work tree as git sees it (committed or not,
    but not ignored), or commit `rev` unpacked under benchmarks/out/mutation/."""
    if rev is None:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        ).stdout.decode("utf-8")
        return ROOT, [Path(p) for p in listed.split("\0") if p and (ROOT / p).exists()]
    tree = OUT / f"_tree-{rev}"
    if tree.exists():
        shutil.rmtree(tree)
    tree.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", "--format=tar", rev], cwd=ROOT, check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as unpacked:
        unpacked.extractall(tree, filter="tar")
    listed = subprocess.run(
        ["git", "ls-tree", "-r", "-z", "--name-only", rev],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode("utf-8")
    return tree, [Path(p) for p in listed.split("\0") if p]


def stage(name: str, group: Group, root: Path, files: list[Path], folder: Path) -> Path:
    """A fresh folder for one group, laid out the way mutmut expects."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    top: set[str] = set()
    for rel in files:
        first = rel.parts[0]
        if first in _SKIP_TOP and first != "tools":
            continue
        if rel.parts[:2] == ("tools", PACKAGE):
            target = folder / "src" / Path(*rel.parts[1:])
        elif first == "tools" or rel == Path("pyproject.toml"):
            continue
        else:
            target = folder / rel
            top.add(first)
        target.parent.mkdir(parents=True, exist_ok=True)
        if (root / rel).is_dir():
            # A link to a folder (the package's schemas/ and fonts): copied as files, so
            # that the copy mutmut makes of src/ holds them too.
            shutil.copytree(root / rel, target)
        else:
            shutil.copy2(root / rel, target)
    tests = sorted(
        {
            path.relative_to(root).as_posix()
            for pattern in group.tests
            for path in root.glob(pattern)
            if path.is_file()
        }
    )
    if not (folder / "conftest.py").exists():
        (folder / "conftest.py").write_text(CAP_EXAMPLES, encoding="utf-8")
        top.add("conftest.py")
    (folder / "pyproject.toml").write_text(
        config(root, group, tests, sorted(top - {"src", "pyproject.toml"})), encoding="utf-8"
    )
    return folder


# Property tests draw up to 1,500 examples; every surviving mutant of a function they
# reach would run them all. Under mutation they draw at most this many (a root
# conftest.py of the group's folder, never of the repository).
MAX_EXAMPLES = 100
CAP_EXAMPLES = f'''"""Written by benchmarks/mutation.py: property tests draw fewer examples."""

from hypothesis import settings


def pytest_collection_modifyitems(items):
    for item in items:
        test = getattr(item, "obj", None)
        given = getattr(test, "_hypothesis_internal_use_settings", None)
        if given is not None and given.max_examples > {MAX_EXAMPLES}:
            test._hypothesis_internal_use_settings = settings(given, max_examples={MAX_EXAMPLES})
'''


def config(root: Path, group: Group, tests: list[str], also_copy: list[str]) -> str:
    """pyproject.toml for a group: the repository's pytest settings, and mutmut's."""
    settings = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))
    pytest_settings = settings["tool"]["pytest"]["ini_options"]
    filters = pytest_settings.get("filterwarnings", [])
    # JSON strings and lists of them are valid TOML.
    lines = [
        "[tool.pytest.ini_options]",
        f"filterwarnings = {json.dumps(filters)}",
        "",
        "[tool.mutmut]",
        f'source_paths = ["src/{PACKAGE}"]',
        f"only_mutate = {json.dumps([f'src/{PACKAGE}/{g}' for g in group.mutate])}",
        f"also_copy = {json.dumps(also_copy)}",
        f"do_not_mutate_patterns = {json.dumps([WORDING])}",
        'pytest_add_cli_args = ["-p", "no:cacheprovider"]',
        f"pytest_add_cli_args_test_selection = {json.dumps(tests)}",
        # The folder is no git repository of its own, and starts fresh every run.
        "use_git_change_detection = false",
        "",
    ]
    return "\n".join(lines)


def run_mutmut(folder: Path, jobs: int) -> bool:
    env = dict(os.environ, CI="true", PYTHONDONTWRITEBYTECODE="1")
    with (folder / "mutmut.log").open("w", encoding="utf-8") as log:
        done = subprocess.run(
            [sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs)],
            cwd=folder,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    return done.returncode == 0


def read_results(folder: Path) -> dict[str, str]:
    """mutant name -> status, as `mutmut results --all true` lists them."""
    listed = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    statuses: dict[str, str] = {}
    for line in listed.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep and "__mutmut_" in name:
            statuses[name] = status
    return statuses


def module_of(mutant: str) -> str:
    """`socialplan.platforms.base` of `socialplan.platforms.base.xǁMeasureǁover__mutmut_1`."""
    function = mutant.partition("__mutmut_")[0]
    return function.rpartition(".")[0]


def by_module(statuses: dict[str, str]) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for mutant, status in statuses.items():
        counts[module_of(mutant)][status] += 1
    return dict(sorted(counts.items()))


def write_survivors(folder: Path, statuses: dict[str, str], diffs: bool) -> None:
    lines: list[str] = []
    for mutant, status in sorted(statuses.items()):
        if status in DETECTED:
            continue
        lines.append(f"{status}: {mutant}")
        if diffs:
            shown = subprocess.run(
                [sys.executable, "-m", "mutmut", "show", mutant],
                cwd=folder,
                capture_output=True,
                text=True,
            ).stdout
            lines.extend(["", shown.rstrip(), ""])
    (folder / "survivors.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def report(summaries: dict[str, dict[str, Counter[str]]]) -> str:
    rows = [f"{'module':40} {'detected':>9} {'total':>6} {'score':>6}  not detected"]
    grand = Counter[str]()
    for modules in summaries.values():
        for module, counts in modules.items():
            grand.update(counts)
            rows.append(_row(module, counts))
    rows.append(_row("all", grand))
    return "\n".join(rows)


def _row(module: str, counts: Counter[str]) -> str:
    # A run cut short leaves mutants "not checked": they count in no score.
    total = sum(n for status, n in counts.items() if status != "not checked")
    detected = sum(counts[s] for s in DETECTED)
    score = f"{100 * detected / total:.1f}%" if total else "-"
    missed = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()) if s not in DETECTED)
    return f"{module:40} {detected:>9} {total:>6} {score:>6}  {missed}"


if __name__ == "__main__":
    sys.exit(main())
