"""Generate a synthetic brand repository of N realistic posts, for benchmarks.

    python benchmarks/generate.py OUT --posts 10000 [--seed 0] [--strategy auto]

The strategy (and content/media/) is copied from the repository's demo brand when
that is complete and validates on its own; otherwise the small brand in
`benchmarks/fallback/` is used. Posts are then written under
content/posts/YYYY/MM/, scheduled into the channels' posting slots (never more
than a channel's `max_posts_per_day`, never closer than its `min_gap_minutes`),
with short and long bodies, threads, per-channel overrides, mentions of people
who have a handle on every network the post goes to, hashtags, links and images
with alt text.

Every text is kept under each network's limit by an upper bound computed here
(UTF-8 bytes, mentions at their longest resolved form), not by asking socialplan:
the generator must not inherit a counting bug from the code it benchmarks.

The output depends only on the seed, the post count, this file and the copied
strategy: the same inputs give byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import shutil
import struct
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from synth_posts import write_posts
from synth_strategy import load_yaml, read_strategy
from synth_words import IMAGE_SUBJECTS

# Bump when the output for a given seed changes (the benchmark cache is keyed by it).
GENERATOR_VERSION = 1

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
FALLBACK = HERE / "fallback"
MARKER = ".benchmark-repo.json"

STRATEGY_FILES = (
    "brand.yaml",
    "objectives.yaml",
    "channels.yaml",
    "pillars.yaml",
    "budget.yaml",
    "campaigns.yaml",
    "people.yaml",
    "playbook.yaml",
)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif")


# --- images ---------------------------------------------------------------------------


def png(width: int, height: int, top: tuple[int, int, int], bottom: tuple[int, int, int]) -> bytes:
    """A two-tone RGB PNG, written directly so that the bytes never depend on a library."""
    rows = []
    for y in range(height):
        colour = bytes(top if y < height * 2 // 3 else bottom)
        rows.append(b"\0" + colour * width)
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


# --- choosing and copying the strategy ------------------------------------------------


def _demo_problem(demo: Path) -> str | None:
    """Why the demo brand cannot be used, or None when its files are all there."""
    folder = demo / "strategy"
    missing = [name for name in STRATEGY_FILES if not (folder / name).is_file()]
    if missing:
        return "missing " + ", ".join(missing)
    if not list((folder / "audience").glob("*.md")):
        return "no personas in strategy/audience/"
    try:
        strategy = read_strategy(demo, "demo")
    except (yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
        return f"unreadable ({type(exc).__name__})"
    if not strategy.channels or not strategy.pillars or not strategy.objectives:
        return "no usable channels, pillars or objectives"
    return None


def _copy_strategy(source: Path, target: Path) -> None:
    shutil.copytree(source / "strategy", target / "strategy")
    media = source / "content" / "media"
    if media.is_dir():
        shutil.copytree(media, target / "content" / "media", dirs_exist_ok=True)
    schemas = REPO_ROOT / "schemas"
    if schemas.is_dir():  # for the yaml-language-server comments in the files
        shutil.copytree(schemas, target / "schemas", dirs_exist_ok=True)


def _validation_errors(target: Path) -> list[str] | None:
    """Errors socialplan reports on `target`, or None when it cannot be imported."""
    try:
        from socialplan.rules.validate import validate
    except ImportError:
        return None
    report = validate(paths=(), root=target).report
    return [f"{p.file}:{p.line}: [{p.code}] {p.message}" for p in report.problems if p.is_error]


def _clear(target: Path) -> None:
    for name in ("strategy", "content", "schemas"):
        if (target / name).exists():
            shutil.rmtree(target / name)


def _prepare_target(target: Path) -> None:
    if target.exists() and any(target.iterdir()):
        if not (target / MARKER).is_file():
            raise SystemExit(f"{target} is not empty and was not made by this generator")
        _clear(target)
    target.mkdir(parents=True, exist_ok=True)
    # Written first, so that a run that fails half-way can simply be repeated.
    (target / MARKER).write_text('{"complete": false}\n', encoding="utf-8")


def _install_strategy(target: Path, choice: str, demo: Path) -> tuple[str, str]:
    """Copy the strategy into `target`; return (source used, why)."""
    if choice in ("auto", "demo"):
        problem = _demo_problem(demo)
        if problem is None:
            _copy_strategy(demo, target)
            _ensure_media(target)
            errors = _validation_errors(target)
            if not errors:
                return "demo", "the demo brand validates"
            problem = f"{len(errors)} errors, first: {errors[0]}"
            _clear(target)
        if choice == "demo":
            raise SystemExit(f"the demo brand in {demo} cannot be used: {problem}")
        _copy_strategy(FALLBACK, target)
        _ensure_media(target)
        return "fallback", f"demo brand not usable: {problem}"
    _copy_strategy(FALLBACK, target)
    _ensure_media(target)
    return "fallback", "asked for"


def _ensure_media(target: Path) -> None:
    """A logo when the brand names one, and a library of images when the brand has few."""
    brand = load_yaml(target / "strategy" / "brand.yaml")
    visual = brand.get("visual")
    visual = visual if isinstance(visual, dict) else {}
    logo = visual.get("logo")
    if isinstance(logo, str) and logo.startswith("content/media/") and not (target / logo).exists():
        (target / logo).parent.mkdir(parents=True, exist_ok=True)
        (target / logo).write_bytes(png(400, 400, (47, 93, 80), (250, 246, 239)))
    if len(_images(target)) >= len(IMAGE_SUBJECTS):
        return
    library = target / "content" / "media" / "library"
    library.mkdir(parents=True, exist_ok=True)
    for number, (name, _) in enumerate(IMAGE_SUBJECTS):
        shade = 20 + number * 15
        (library / f"{name}.png").write_bytes(
            png(1080, 1080, (shade, 90, 230 - shade), (233, 220, 198))
        )


def _images(target: Path) -> list[str]:
    media = target / "content" / "media"
    if not media.is_dir():
        return []
    return sorted(
        p.relative_to(media).as_posix()
        for p in media.rglob("*")
        if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file() and "brand" not in p.parts
    )


# --- the public entry point --------------------------------------------------------------


def generate(
    target: Path, posts: int, seed: int = 0, strategy: str = "auto", demo: Path = REPO_ROOT
) -> None:
    """Write a complete, valid brand repository with `posts` posts at `target`.

    `strategy` is "auto" (the demo brand when usable, else the fallback), "demo" or
    "fallback". `target` must be empty, absent, or an earlier output of this function.
    """
    target = Path(target)
    _prepare_target(target)
    source, why = _install_strategy(target, strategy, demo)
    loaded = read_strategy(target, source)
    loaded.images = _images(target)
    (target / "content" / "posts").mkdir(parents=True, exist_ok=True)
    write_posts(target, loaded, posts, seed)
    (target / MARKER).write_text(
        json.dumps(
            {
                "complete": True,
                "generator_version": GENERATOR_VERSION,
                "posts": posts,
                "seed": seed,
                "strategy": source,
                "why": why,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )


def describe(target: Path) -> dict[str, Any]:
    """What `generate` recorded about the repository at `target`."""
    result: dict[str, Any] = json.loads((Path(target) / MARKER).read_text(encoding="utf-8"))
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the repository into")
    parser.add_argument("--posts", type=int, default=1000, help="number of posts (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--strategy",
        choices=("auto", "demo", "fallback"),
        default="auto",
        help="where the strategy comes from (default: demo if usable)",
    )
    args = parser.parse_args(argv)
    generate(args.out, args.posts, args.seed, args.strategy)
    info = describe(args.out)
    print(f"wrote {args.posts} posts to {args.out} (strategy: {info['strategy']}, {info['why']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
