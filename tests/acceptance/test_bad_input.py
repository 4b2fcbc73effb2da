"""Hostile and broken input: always a located problem, never a traceback or a write."""

from __future__ import annotations

import os
import textwrap

from socialplan.rules.validate import validate

from ..conftest import BrandRepo

GOOD_FRONT = (
    textwrap.dedent(
        """
    id: {id}
    title: A post
    status: approved
    objective: first-objective
    pillar: expertise
    channels: [bluesky]
    at: 2027-01-04 09:00 Europe/London
    """
    ).strip("\n")
    + "\n"
)


def problems(brand: BrandRepo) -> list[tuple[str, int, str]]:
    return [(p.file, p.line, p.code) for p in validate(root=brand.root).report.problems]


def test_ten_megabyte_file_is_refused_quickly(brand: BrandRepo) -> None:
    brand.write("content/posts/2027/01/huge.md", "---\nid: huge\n---\n" + "x" * 10_000_000)
    assert problems(brand) == [("content/posts/2027/01/huge.md", 1, "file-too-large")]


def test_symlinked_post_leading_outside_is_refused(brand: BrandRepo, tmp_path) -> None:
    secret = tmp_path / "outside.md"
    secret.write_text("---\nid: outside\ntitle: x\nstatus: draft\n---\nsecret\n")
    link = brand.root / "content/posts/2027/01/link.md"
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(secret, link)
    assert problems(brand) == [("content/posts/2027/01/link.md", 1, "path-outside-repo")]


def test_media_symlink_to_etc_passwd_is_refused(brand: BrandRepo) -> None:
    (brand.root / "content/media").mkdir(parents=True, exist_ok=True)
    os.symlink("/etc/passwd", brand.root / "content/media/photo.jpg")
    brand.post("a", GOOD_FRONT.format(id="a") + "media:\n  - file: photo.jpg\n    alt: A cup.\n")
    assert problems(brand) == [("content/posts/2027/01/a.md", 10, "path-outside-repo")]


def test_absolute_media_path_is_refused(brand: BrandRepo) -> None:
    brand.post("a", GOOD_FRONT.format(id="a") + "media:\n  - file: /etc/passwd\n    alt: A cup.\n")
    assert problems(brand) == [("content/posts/2027/01/a.md", 10, "path-outside-repo")]


def test_broken_strategy_file_still_lets_posts_be_checked(brand: BrandRepo) -> None:
    brand.write("strategy/pillars.yaml", "pillars: [\n")
    brand.post("a", GOOD_FRONT.format(id="a"))
    found = problems(brand)
    assert ("strategy/pillars.yaml", 2, "yaml-syntax") in found
    # The post's pillar cannot be checked against a broken file, and is reported as unknown.
    assert ("content/posts/2027/01/a.md", 6, "unknown-pillar") in found


def test_missing_required_strategy_file(brand: BrandRepo) -> None:
    (brand.root / "strategy/channels.yaml").unlink()
    found = problems(brand)
    assert ("strategy/channels.yaml", 1, "missing-file") in found


def test_wrong_types_everywhere_do_not_crash(brand: BrandRepo) -> None:
    brand.post(
        "a",
        """
        id: 12
        title: [a, b]
        status: approved
        objective: {x: 1}
        pillar: 3.5
        channels: bluesky
        personas: 7
        at: 2027
        media: [1, "x", {file: 3}]
        overrides: [1, 2]
        thread: "not a list"
        hashtags: {a: b}
        """,
    )
    found = [
        (p.line, p.col, p.code, p.pointer, p.severity.value)
        for p in validate(root=brand.root).report.problems
    ]
    # Each bad field is reported where it is, and nothing else: no rule trips over them.
    assert found == [
        (2, 5, "schema-type", ("id",), "error"),
        (3, 8, "schema-type", ("title",), "error"),
        (5, 12, "schema-type", ("objective",), "error"),
        (6, 9, "schema-type", ("pillar",), "error"),
        (7, 11, "schema-type", ("channels",), "error"),
        (8, 11, "schema-type", ("personas",), "error"),
        (9, 5, "schema-type", ("at",), "error"),
        (10, 9, "schema-type", ("media", 0), "error"),
        (10, 12, "schema-type", ("media", 1), "error"),
        (10, 24, "schema-type", ("media", 2, "file"), "error"),
        (11, 12, "schema-type", ("overrides",), "error"),
        (12, 9, "schema-type", ("thread",), "error"),
        (13, 11, "schema-type", ("hashtags",), "error"),
    ]


def test_crlf_and_bom_files_are_read(brand: BrandRepo) -> None:
    text = (
        "\ufeff---\r\n"
        + GOOD_FRONT.format(id="a").replace("\n", "\r\n").strip()
        + ("\r\n---\r\nHello there.\r\n")
    )
    brand.write("content/posts/2027/01/a.md", text.encode("utf-8"))
    assert problems(brand) == []
