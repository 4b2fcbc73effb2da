"""How fast is `socialplan build`, and its site next to a plain MkDocs site?

    python benchmarks/build_bench.py [--posts 1000 10000] [--images]

For each size, on a generated repository (benchmarks/generate.py, cached under
benchmarks/out/) copied to a scratch folder, each in a fresh process:

- a cold `socialplan build` (no previous build), with the time of every step;
- the floor: `mkdocs build` of the same number of plain Markdown pages (each
  a post's title and text) with the same theme, plugins and navigation (the
  site's thirteen navigation pages, as plain pages; the rest left out of the
  navigation like post pages);
- a rebuild after changing the text of one post.

Each size is measured in --runs rounds (default 3), each in a fresh copy; the
best time of each measurement is kept, and every round's times are printed.
Printed: the site part (page generation + MkDocs) against the floor (target
<= 1.5x), the rebuild against the cold build (target <= 20%), and the peak
resident memory of each process. Images are left out unless --images (their
own cost, with their own cache, is not what this measures).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import validate_bench

HERE = Path(__file__).resolve().parent
SITE_TARGET = 1.5
REBUILD_TARGET = 0.20
FLOOR_CONFIG = """\
site_name: Floor
docs_dir: docs
theme:
  name: material
  font: false
  features: [navigation.tabs, navigation.top, search.suggest, search.highlight]
plugins: [search]
markdown_extensions: [attr_list, admonition, tables, {toc: {permalink: true}}]
extra: {generator: false}
not_in_nav: |
  /posts/
"""


def _peak_mb() -> float:
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1e6


def measure_build(root: str, images: str = "") -> dict[str, Any]:
    from socialplan.build import build

    started = time.perf_counter()
    result = build(Path(root), out=Path(root) / "site", images=bool(images))
    if result.refused:
        raise SystemExit(f"the repository does not validate: {len(result.report.errors)} errors")
    return {
        "seconds": time.perf_counter() - started,
        "steps": result.seconds,
        "pages": result.site.pages,
        "rendered": result.site.rendered,
        "peak_mb": _peak_mb(),
    }


def measure_floor(root: str) -> dict[str, Any]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(Path(root) / "mkdocs.yml"))
    started = time.perf_counter()
    build(config)
    return {"seconds": time.perf_counter() - started, "peak_mb": _peak_mb()}


def in_fresh_process(function: str, *args: str) -> dict[str, Any]:
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); import build_bench;"
        f" print(json.dumps(build_bench.{function}(*sys.argv[2:])))"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    output = subprocess.run(
        [sys.executable, "-c", code, str(HERE), *args],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def floor_site(root: Path, pages: int, target: Path) -> Path:
    """Plain Markdown pages: one per generated site page, from the posts' own text.

    The navigation is the site's (socialplan.site.NAVIGATION), its pages plain too:
    every page of a Material site carries its navigation, so a floor without one
    would leave out work that any real site of this shape does.
    """
    import yaml

    from socialplan.load import frontmatter
    from socialplan.site import NAVIGATION

    docs = target / "docs"
    (docs / "posts").mkdir(parents=True)
    in_nav = _nav_pages(NAVIGATION)
    for title, path in in_nav:
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(f"# {title}\n\nA plain page.\n", encoding="utf-8")
    posts = sorted((root / "content" / "posts").rglob("*.md"))
    for index in range(pages - len(in_nav)):
        parts = frontmatter.split(posts[index % len(posts)].read_text(encoding="utf-8"))
        title, body = yaml.safe_load(parts.yaml_text).get("title", "Post"), parts.body
        text = f"# {title}\n\n{body}\n\n## Notes\n\nPage {index} of the floor.\n"
        (docs / "posts" / f"page-{index:05d}.md").write_text(text, encoding="utf-8")
    config = FLOOR_CONFIG + yaml.safe_dump({"nav": NAVIGATION}, sort_keys=False)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def _nav_pages(nav: list[Any]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for item in nav:
        for title, value in item.items():
            if isinstance(value, list):
                found += _nav_pages(value)
            else:
                found.append((title, value))
    return found


def change_one_post(root: Path) -> None:
    """Edit the title and the text of the post in the middle of the plan: its page, and
    the calendar and board pages that list it, must be rendered again."""
    posts = sorted((root / "content" / "posts").rglob("*.md"))
    post = posts[len(posts) // 2]
    text = post.read_text(encoding="utf-8")
    # "Edited " inside the quotes, if any: a `: ` would make the YAML invalid.
    text = re.sub(
        r'\ntitle: (")?', lambda m: "\ntitle: " + (m.group(1) or "") + "Edited ", text, count=1
    )
    head, _, body = text[4:].partition("\n---\n")
    post.write_text(f"---\n{head}\n---\nEdited. {body}", encoding="utf-8")


def bench(posts: int, images: bool, runs: int) -> dict[str, Any]:
    """`runs` rounds of cold build, floor and rebuild, each in a fresh copy; the best
    of each measurement is kept (the least disturbed by the rest of the machine)."""
    source = validate_bench.repository(posts, seed=0, fresh=False)
    rounds = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="socialplan-build-bench-") as scratch:
            root = Path(scratch) / "brand"
            shutil.copytree(source, root)
            shutil.copy2(HERE.parent / "mkdocs.yml", root / "mkdocs.yml")
            cold = in_fresh_process("measure_build", str(root), "1" if images else "")
            floor = in_fresh_process(
                "measure_floor", str(floor_site(root, cold["pages"], Path(scratch) / "floor"))
            )
            change_one_post(root)
            warm = in_fresh_process("measure_build", str(root), "1" if images else "")
            rounds.append({"cold": cold, "floor": floor, "rebuild": warm})
    best = {
        name: min((r[name] for r in rounds), key=lambda m: m["seconds"])
        for name in ("cold", "floor", "rebuild")
    }
    site = min(_site_seconds(r["cold"]) for r in rounds)
    return {"posts": posts, **best, "site_seconds": site, "rounds": rounds}


def _site_seconds(cold: dict[str, Any]) -> float:
    return float(cold["steps"].get("pages", 0.0) + cold["steps"].get("site", 0.0))


def report(row: dict[str, Any]) -> None:
    cold, floor, warm = row["cold"], row["floor"], row["rebuild"]
    steps = ", ".join(f"{k} {v:.1f} s" for k, v in cold["steps"].items())
    site_ratio = row["site_seconds"] / floor["seconds"]
    rebuild_ratio = warm["seconds"] / cold["seconds"]
    print(f"\n{row['posts']:,} posts, {cold['pages']:,} pages (best of {len(row['rounds'])})")
    print(
        f"  cold build      {cold['seconds']:7.1f} s   peak {cold['peak_mb']:6.0f} MB   ({steps})"
    )
    warm_steps = ", ".join(f"{k} {v:.1f} s" for k, v in warm["steps"].items())
    print(f"  floor (mkdocs)  {floor['seconds']:7.1f} s   peak {floor['peak_mb']:6.0f} MB")
    print(
        f"  site vs floor   {site_ratio:7.2f} x   (target <= {SITE_TARGET} x:"
        f" {'met' if site_ratio <= SITE_TARGET else 'NOT met'};"
        f" site part {row['site_seconds']:.1f} s)"
    )
    print(
        f"  rebuild         {warm['seconds']:7.1f} s   peak {warm['peak_mb']:6.0f} MB"
        f"   {rebuild_ratio:.0%} of cold (target <= {REBUILD_TARGET:.0%}:"
        f" {'met' if rebuild_ratio <= REBUILD_TARGET else 'NOT met'};"
        f" {warm['rendered']:,} pages rendered)"
    )
    print(f"                  ({warm_steps})")
    for name, get in (
        ("cold", lambda r: r["cold"]["seconds"]),
        ("site part", lambda r: _site_seconds(r["cold"])),
        ("floor", lambda r: r["floor"]["seconds"]),
        ("rebuild", lambda r: r["rebuild"]["seconds"]),
    ):
        print(f"  runs: {name:<10} {[round(get(r), 2) for r in row['rounds']]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--images", action="store_true", help="Render images too.")
    parser.add_argument("--runs", type=int, default=3, help="Rounds per size (best kept).")
    args = parser.parse_args()
    for posts in args.posts:
        report(bench(posts, args.images, args.runs))


if __name__ == "__main__":
    main()
