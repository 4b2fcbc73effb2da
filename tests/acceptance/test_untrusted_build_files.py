"""Everything the build reads back from build/ and site/ is untrusted (build/ may be
restored from a shared CI cache): damaged files read as empty and the next build
recovers on its own, and no record or link ever makes a delete or a write land
outside its folder."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import jinja2.bccache
import pytest

from ..conftest import BrandRepo
from ..unit.site.test_site_pages import add_hostile_post
from .build_helpers import build, snapshot, tree

DEEP = b"[" * 100_000 + b"]" * 100_000
POST = "2027-01-20-tricky"
RECORD = "build/site-cache.json"


@pytest.fixture
def built(brand: BrandRepo) -> BrandRepo:
    add_hostile_post(brand)
    first = build(brand.root, "--no-images")
    assert first.code == 0, first.text
    return brand


def tamper_record(root: Path, name: str) -> None:
    path = root / RECORD
    record = json.loads(path.read_text("utf-8"))
    record["files"][name] = "0" * 40
    path.write_text(json.dumps(record), "utf-8")


@pytest.mark.parametrize("named", ["../../VICTIM.txt", "absolute"])
def test_a_site_record_naming_a_file_outside_the_site_deletes_nothing(
    built: BrandRepo, named: str
) -> None:
    victim = built.root.parent / "VICTIM.txt"
    victim.write_text("precious", "utf-8")
    tamper_record(built.root, str(victim) if named == "absolute" else named)
    before = snapshot(built.root)
    again = build(built.root, "--no-images")
    assert again.code == 0 and again.crashed is None, again.text
    assert victim.read_text("utf-8") == "precious"
    assert "site-cache.json (the record of the last build) is corrupt" in again.err
    assert "pages rendered" not in again.out  # a full build, not an update
    assert snapshot(built.root) == before
    # The record is written afresh: the build after is an update again.
    assert "(0 of " in build(built.root, "--no-images").out


def test_a_link_in_the_site_never_leads_a_delete_outside(built: BrandRepo) -> None:
    elsewhere = built.root.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "index.html").write_text("precious", "utf-8")
    (built.root / "site/gone").symlink_to(elsewhere)
    tamper_record(built.root, "gone.md")  # a page of the last build, removed since
    again = build(built.root, "--no-images")
    assert again.code == 0 and again.crashed is None, again.text
    assert (elsewhere / "index.html").read_text("utf-8") == "precious"
    assert "is corrupt" in again.err
    assert not (built.root / "site/gone").exists()  # the link went, not what it points at
    assert sorted(p.name for p in elsewhere.iterdir()) == ["index.html"]


def test_a_link_in_build_variants_never_leads_a_delete_outside(built: BrandRepo) -> None:
    elsewhere = built.root.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.json").write_text("{}", "utf-8")
    (built.root / "build/variants/not-a-post").symlink_to(elsewhere)
    again = build(built.root, "--no-images")
    assert (elsewhere / "precious.json").read_text("utf-8") == "{}"
    assert again.code == 0 and again.crashed is None, again.text


def test_build_cache_as_a_link_never_leads_a_delete_or_write_outside(built: BrandRepo) -> None:
    elsewhere = built.root.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.json").write_text("{}", "utf-8")
    cache = built.root / "build/cache"
    for path in sorted(cache.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    cache.rmdir()
    cache.symlink_to(elsewhere)
    again = build(built.root, "--no-images", "--clean")
    assert sorted(p.name for p in elsewhere.iterdir()) == ["precious.json"]
    assert (elsewhere / "precious.json").read_text("utf-8") == "{}"
    assert again.crashed is None, again.text
    assert again.code == 1 and "refused to touch" in again.err


def test_a_link_in_build_images_never_leads_a_delete_or_write_outside(brand: BrandRepo) -> None:
    add_hostile_post(brand)
    assert build(brand.root).code == 0
    elsewhere = brand.root.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.png").write_bytes(b"precious")
    manifest = {"format": 1, "images": [{"file": "precious.png"}]}
    (elsewhere / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    folder = brand.root / "build/images" / POST
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    folder.symlink_to(elsewhere)
    again = build(brand.root)
    assert (elsewhere / "precious.png").read_bytes() == b"precious"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["manifest.json", "precious.png"]
    assert again.crashed is None, again.text
    assert again.code == 1 and "refused to touch" in again.err


# Each JSON file the build reads back, and whether images must be on for it.
BUILD_FILES = {
    "checks cache": ("build/cache/checks.json", False),
    "variants cache": ("build/cache/variants.json", False),
    "calendar cache": ("build/cache/calendar.json", False),
    "site record": (RECORD, False),
    "search index": ("site/search/search_index.json", False),
    "images manifest": (f"build/images/{POST}/manifest.json", True),
}
DAMAGE = {
    "deep": DEEP,
    "a list": b"[1, 2]",
    "a number": b"1e999",
    "not UTF-8": b'{"format": 1, "entries": {"\xff": 1}}',
    "half a surrogate": b'{"format": 1, "entries": {"a": ["\\ud800"]}, "docs": []}',
    "wrong types": b'{"format": 1, "entries": [], "files": 3, "docs": 7, "images": 9}',
}


@pytest.mark.parametrize("kind", BUILD_FILES)
def test_a_damaged_build_file_reads_as_empty_and_the_build_recovers(
    brand: BrandRepo, kind: str
) -> None:
    add_hostile_post(brand)
    rel, images = BUILD_FILES[kind]
    options = () if images else ("--no-images",)
    assert build(brand.root, *options).code == 0
    before = snapshot(brand.root)
    for name, damage in DAMAGE.items():
        (brand.root / rel).write_bytes(damage)
        again = build(brand.root, *options)
        assert again.crashed is None, f"{name}: {again.crashed!r}"
        assert again.code == 0, f"{name}: {again.text}"
        assert snapshot(brand.root) == before
    recovered = tree(brand.root / "site"), tree(brand.root / "build/variants")
    assert build(brand.root, *options, "--clean").code == 0
    assert (tree(brand.root / "site"), tree(brand.root / "build/variants")) == recovered


def test_the_search_index_of_an_update_is_the_full_builds(built: BrandRepo) -> None:
    index = built.root / "site/search/search_index.json"
    index.write_bytes(b"[1, 2]")
    again = build(built.root, "--no-images")
    assert again.code == 0 and again.crashed is None, again.text
    assert "search_index.json of the last build cannot be used" in again.err
    document = json.loads(index.read_text("utf-8"))
    assert any(POST in entry["location"] for entry in document["docs"])


class _Planted:
    """Unpickling this makes a folder: proof that a file in build/ was run."""

    def __init__(self, proof: Path) -> None:
        self.proof = proof

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.mkdir, (str(self.proof),))


def test_compiled_templates_planted_in_build_never_run(built: BrandRepo) -> None:
    folder = built.root / "build/cache/templates"
    planted = sorted(p for p in folder.iterdir() if p.is_file())
    assert planted  # the first build kept the theme's compiled templates
    proof = built.root.parent / "ran"
    payload = jinja2.bccache.bc_magic + pickle.dumps(_Planted(proof))
    for path in planted:
        key = path.stem.removeprefix("__jinja2_")
        # Signed or not, under either name: Jinja's own, and socialplan's.
        path.with_name(f"{key}.signed").write_bytes(b"\0" * 32 + payload)
        path.with_name(f"__jinja2_{key}.cache").write_bytes(payload)
    post = built.root / "content/posts/2027/01/tricky.md"
    post.write_text(post.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    again = build(built.root, "--no-images")
    assert not proof.exists()
    assert again.code == 0 and again.crashed is None, again.text
    assert "(1 of " in again.out or "(2 of " in again.out
