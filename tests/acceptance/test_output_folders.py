"""Output folders never destroy anything: socialplan fills, empties and replaces only a
folder that is new, empty or marked as its own (socialplan.guards.output_folders).

Every path here is absolute: a relative `--out ..` would name a folder of the
machine running the tests, not of the test's copy.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import BrandRepo
from ..unit.site.test_site_pages import add_hostile_post
from .build_helpers import build, run, snapshot, tree
from .test_preview import git
from .test_site_build import QUIET, copy_demo

MARKER = ".socialplan-output"  # socialplan.guards.output_folders.MARKER
MKDOCS = str(Path(sys.executable).parent / "mkdocs")


@pytest.fixture(scope="module")
def _demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_demo(tmp_path_factory.mktemp("demo") / "brand")


@pytest.fixture
def demo(_demo: Path, tmp_path: Path) -> Path:
    """A copy of the demo brand, alone in its own folder."""
    root = tmp_path / "around" / "brand"
    shutil.copytree(_demo, root)
    return root


# --out values, relative to the demo copy; "" is the repository itself.
SOURCES = [
    "content",
    "content/media",
    "content/posts/2027",
    "strategy",
    "schemas",
    "templates",
    "assets",
    "state",
    "metrics/new",
    ".git",
    "",
    "..",
    "build",
]


@pytest.mark.parametrize("rel", SOURCES)
def test_build_refuses_the_repository_and_its_source_folders(demo: Path, rel: str) -> None:
    (demo / ".git").mkdir()
    (demo / ".git/HEAD").write_text("ref: refs/heads/main\n", "utf-8")
    around = demo.parent
    before = tree(around)
    out = (demo / rel).resolve() if rel else demo
    ran = build(demo, "--no-images", "--out", str(out))
    assert tree(around) == before  # nothing created, changed or removed anywhere
    assert ran.crashed is None, ran.crashed
    assert ran.code == 2, ran.text
    assert ran.err.startswith("socialplan: refused to use ")
    assert "\n  hint: " in ran.err


def test_a_folder_with_a_foreign_file_is_refused_and_the_file_kept(brand: BrandRepo) -> None:
    add_hostile_post(brand)
    public = brand.root.parent / "public"
    public.mkdir()
    (public / "notes.txt").write_text("mine", "utf-8")
    ran = build(brand.root, "--no-images", "--out", str(public))
    assert sorted(p.name for p in public.iterdir()) == ["notes.txt"]
    assert (public / "notes.txt").read_text("utf-8") == "mine"
    assert ran.code == 2 and "holds files socialplan did not write (notes.txt)" in ran.err
    assert not (brand.root / "build").exists()  # refused before anything was touched


def test_a_new_folder_gets_the_marker_and_is_reused(brand: BrandRepo) -> None:
    add_hostile_post(brand)
    public = brand.root.parent / "public"
    (public / ".git").mkdir(parents=True)  # a gh-pages checkout: hidden entries stay
    (public / ".git/HEAD").write_text("ref: refs/heads/gh-pages\n", "utf-8")
    assert build(brand.root, "--no-images", "--out", str(public)).code == 0
    assert (public / ".git/HEAD").read_text("utf-8") == "ref: refs/heads/gh-pages\n"
    marker = (public / MARKER).read_text("utf-8")
    assert marker.startswith("socialplan output folder: site\n")
    again = build(brand.root, "--no-images", "--out", str(public))
    assert again.code == 0 and "(0 of " in again.out, again.text
    variants = (brand.root / "build/variants" / MARKER).read_text("utf-8")
    assert variants.startswith("socialplan output folder: variants\n")
    # A marked folder of one kind is not taken for another.
    ran = run(brand.root, "variants", "--out", str(public))
    assert ran.code == 2 and "it is socialplan's site folder" in ran.err


def test_a_site_built_before_markers_is_recognised_only_when_it_is_one(brand: BrandRepo) -> None:
    add_hostile_post(brand)
    site = brand.root / "site"
    assert build(brand.root, "--no-images").code == 0
    (site / MARKER).unlink()  # as an earlier version left it
    assert build(brand.root, "--no-images").code == 0
    assert (site / MARKER).is_file()
    # With a file of someone's in it, it is not recognised (and the file stays).
    (site / MARKER).unlink()
    (site / "notes.txt").write_text("mine", "utf-8")
    ran = build(brand.root, "--no-images")
    assert (site / "notes.txt").read_text("utf-8") == "mine"
    assert ran.code == 2 and "delete it and build again" in ran.err
    # Nor without the record of the build that made it.
    (site / "notes.txt").unlink()
    (brand.root / "build/site-cache.json").unlink()
    ran = build(brand.root, "--no-images")
    assert ran.code == 2 and "refused to use site/" in ran.err


POST = "content/posts/2027/01/tricky.md"
NOTES = "../notes.txt"  # a file of the user's beside the repository
OTHER_COMMANDS = [
    ("variants", "--out", "content"),
    ("variants", "--out", ".."),
    ("images", "--out", "content/media"),
    ("calendar", "--ics", POST),
    ("calendar", "--ics", NOTES),
    ("preview", "--base", "main", "--output", POST),
    ("preview", "--base", "main", "--output", NOTES),
]


@pytest.mark.parametrize("args", OTHER_COMMANDS, ids=" ".join)
def test_other_commands_refuse_the_sources_and_the_users_files(
    brand: BrandRepo, args: tuple[str, ...]
) -> None:
    add_hostile_post(brand)
    git(brand.root, "init", "-q", "-b", "main")
    git(brand.root, "add", "-A")
    git(brand.root, "commit", "-q", "-m", "base")
    notes = brand.root.parent / "notes.txt"
    notes.write_text("mine", "utf-8")
    before = snapshot(brand.root)
    *options, path = args
    ran = run(brand.root, *options, str((brand.root / path).resolve()))
    assert snapshot(brand.root) == before
    assert notes.read_text("utf-8") == "mine"
    assert git(brand.root, "status", "--porcelain") == ""
    assert ran.code == 2 and ran.err.startswith("socialplan: refused to "), ran.text


def test_mkdocs_build_with_the_plugin_refuses_the_sources(demo: Path) -> None:
    before = tree(demo)
    done = subprocess.run(
        [MKDOCS, "build", "-q", "-d", str(demo / "content")],
        cwd=demo,
        capture_output=True,
        text=True,
        env=QUIET,
    )
    assert tree(demo) == before
    assert done.returncode != 0 and "refused to use content/" in done.stderr
