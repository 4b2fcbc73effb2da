"""A file socialplan does not read is named in a warning that says where it belongs."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialplan.rules.validate import validate

from ..conftest import BrandRepo

POST = "---\nid: {id}\ntitle: A post\nstatus: draft\n---\nHello.\n"
PERSONA = "---\nid: {id}\nname: Someone\n---\nWho they are.\n"


def warnings(brand: BrandRepo) -> list[tuple[str, str, str]]:
    report = validate(root=brand.root).report
    assert not report.errors, report.errors
    return [(p.file, p.code, p.hint) for p in report.warnings]


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


STRAYS = [
    ("content/stray.md", POST.format(id="stray"), "content/posts/YYYY/MM/<slug>.md"),
    ("content/drafts/d.md", POST.format(id="d"), "content/posts/YYYY/MM/<slug>.md"),
    ("content/posts/2027/01/p.yaml", "id: p\n", "content/posts/YYYY/MM/<slug>.md"),
    ("content/posts/2027/01/p.yml", "id: p\n", "content/posts/YYYY/MM/<slug>.md"),
    ("content/posts/2027/01/P.MD", POST.format(id="p"), "content/posts/YYYY/MM/<slug>.md"),
    ("content/posts/2027/01/p.markdown", POST.format(id="p"), "<slug>.md"),
    ("strategy/stray.md", PERSONA.format(id="s"), "strategy/audience/<id>.md"),
    ("strategy/audience/x.yaml", "id: x\n", "strategy/audience/<id>.md"),
    ("strategy/competitors/c.yml", "id: c\n", "strategy/competitors/<id>.md"),
    ("strategy/notes/n.yaml", "a: 1\n", "known files: brand.yaml"),
    ("strategy/audience.old/p.md", PERSONA.format(id="p"), "strategy/audience/<id>.md"),
    ("strategy/notes.yaml", "a: 1\n", "known files: brand.yaml"),
    ("strategy/brand.yml", "name: X\n", "did you mean `brand.yaml`?"),
    ("strategy/People.YAML", "people: []\n", "did you mean `people.yaml`?"),
]


@pytest.mark.parametrize(("rel", "content", "belongs"), STRAYS, ids=[rel for rel, _, _ in STRAYS])
def test_stray_file_is_named_with_where_it_belongs(
    brand: BrandRepo, rel: str, content: str, belongs: str
) -> None:
    brand.write(rel, content)
    [(file, code, hint)] = warnings(brand)
    assert (file, code) == (rel, "unknown-file")
    assert belongs in hint


@pytest.mark.parametrize(
    ("rel", "holds"), [("content/posts", "posts"), ("strategy/audience", "personas")]
)
def test_a_file_where_a_folder_belongs(brand: BrandRepo, rel: str, holds: str) -> None:
    target = brand.root / rel
    if target.is_dir():
        for path in sorted(target.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        target.rmdir()
    brand.write(rel, "oops\n")
    found = [(file, code) for file, code, _ in warnings(brand)]
    assert (rel, "not-a-folder") in found
    message = next(p.message for p in validate(root=brand.root).report if p.file == rel)
    assert f"folder of {holds}" in message


def test_what_is_not_warned_about(brand: BrandRepo) -> None:
    brand.write("content/media/credits.md", "Photos by Ann.\n")
    brand.write("content/media/photos/shoot.yaml", "camera: X\n")
    brand.write("content/media/photos/cup.jpg", b"\xff\xd8not really")
    brand.write("content/README.md", "What goes where.\n")
    brand.write("content/posts/README.md", "How we write posts.\n")
    brand.write("content/posts/2027/readme.md", "January.\n")
    brand.write("strategy/README.md", "Our strategy.\n")
    brand.write("strategy/audience/README.md", "Personas.\n")
    brand.write("strategy/.notes.yaml", "hidden: true\n")
    brand.write("content/posts/.drafts/x.md", POST.format(id="x"))
    brand.write("strategy/logo.png", b"\x89PNG not really")
    brand.write("content/posts/2027/01/real.md", POST.format(id="real"))
    before = snapshot(brand.root)
    assert warnings(brand) == []
    # README files are not read as posts or personas either.
    validation = validate(root=brand.root)
    assert [post.id for post in validation.repo.posts] == ["real"]
    assert sorted(validation.repo.personas) == ["main-audience"]
    assert snapshot(brand.root) == before
