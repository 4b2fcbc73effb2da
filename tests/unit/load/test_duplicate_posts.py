"""An id used twice is reported on the second use, and only the first is kept.

A duplicate that was reported but still loaded would be checked, scheduled, put in the
calendar and on the site as a second post with the same id. For posts, for every kind
of strategy record (channels, objectives, pillars, campaigns, people) and for the
Markdown records (personas, competitors): the repository holds the first, the problem
names the second's file and line, and nothing else is reported.
"""

from __future__ import annotations

import pytest

from socialplan.load.loader import load
from socialplan.rules.validate import validate

from ...conftest import BrandRepo

FRONT = """
id: {id}
title: {title}
status: draft
"""


def _problems(brand: BrandRepo) -> list[tuple[str, int, str]]:
    return [(p.file, p.line, p.code) for p in validate(root=brand.root).report.problems]


def test_a_duplicate_post_is_reported_and_dropped(brand: BrandRepo) -> None:
    brand.post("a", FRONT.format(id="same", title="First"))
    brand.post("b", FRONT.format(id="same", title="Second"))
    brand.post("c", FRONT.format(id="other", title="Third"))
    loaded = load(brand.root)
    assert [(p.rel, p.id, p.title) for p in loaded.repo.posts] == [
        ("content/posts/2027/01/a.md", "same", "First"),
        ("content/posts/2027/01/c.md", "other", "Third"),
    ]
    [problem] = loaded.problems
    assert (problem.code, problem.file, problem.pointer) == (
        "duplicate-id",
        "content/posts/2027/01/b.md",
        ("id",),
    )
    assert "content/posts/2027/01/a.md" in problem.message
    assert _problems(brand) == [("content/posts/2027/01/b.md", 2, "duplicate-id")]


def test_every_further_duplicate_is_reported_and_dropped(brand: BrandRepo) -> None:
    for name in ("a", "b", "c"):
        brand.post(name, FRONT.format(id="same", title=name.upper()))
    loaded = load(brand.root)
    assert [p.title for p in loaded.repo.posts] == ["A"]
    assert sorted((p.file, p.code) for p in loaded.problems) == [
        ("content/posts/2027/01/b.md", "duplicate-id"),
        ("content/posts/2027/01/c.md", "duplicate-id"),
    ]
    # Each names the post that kept the id.
    assert all("content/posts/2027/01/a.md" in p.message for p in loaded.problems)


def test_a_dropped_duplicate_is_not_checked_again(brand: BrandRepo) -> None:
    brand.post("a", FRONT.format(id="same", title="First"))
    # The duplicate would have its own problem (an unknown pillar) if it were kept.
    brand.post("b", FRONT.format(id="same", title="Second") + "pillar: no-such-pillar\n")
    assert _problems(brand) == [("content/posts/2027/01/b.md", 2, "duplicate-id")]


def test_posts_without_an_id_are_not_duplicates_of_each_other(brand: BrandRepo) -> None:
    brand.post("a", "title: First\nstatus: draft\n")
    brand.post("b", "title: Second\nstatus: draft\n")
    loaded = load(brand.root)
    assert [p.title for p in loaded.repo.posts] == ["First", "Second"]
    assert [p.code for p in loaded.problems] == ["schema-required", "schema-required"]


# (file, table, YAML of two records with the same id, the line of the second id)
STRATEGY = {
    "channels": (
        "strategy/channels.yaml",
        """
        channels:
          - id: same
            network: bluesky
            account: first.bsky.social
          - id: same
            network: mastodon
            account: second@example.social
        """,
        5,
        lambda repo: repo.channels["same"].network,
        "bluesky",
    ),
    "objectives": (
        "strategy/objectives.yaml",
        """
        objectives:
          - id: first-objective
            statement: The first.
            goal: awareness
          - id: first-objective
            statement: The second.
            goal: engagement
        """,
        5,
        lambda repo: repo.objectives["first-objective"].goal,
        "awareness",
    ),
    "pillars": (
        "strategy/pillars.yaml",
        """
        pillars:
          - id: expertise
            name: First
            target_share: 0.5
          - id: expertise
            name: Second
            target_share: 0.5
        """,
        5,
        lambda repo: repo.pillars["expertise"].name,
        "First",
    ),
    "campaigns": (
        "strategy/campaigns.yaml",
        """
        campaigns:
          - id: launch
            name: First
          - id: launch
            name: Second
        """,
        4,
        lambda repo: repo.campaigns["launch"].name,
        "First",
    ),
    "people": (
        "strategy/people.yaml",
        """
        people:
          - id: ann
            name: First
          - id: ann
            name: Second
        """,
        4,
        lambda repo: repo.people["ann"].name,
        "First",
    ),
}


@pytest.mark.parametrize("kind", sorted(STRATEGY))
def test_a_duplicate_strategy_record_is_reported_and_dropped(brand: BrandRepo, kind: str) -> None:
    rel, yaml_text, line, read, first = STRATEGY[kind]
    brand.write(rel, yaml_text)
    loaded = load(brand.root)
    assert read(loaded.repo) == first
    duplicates = [p for p in loaded.problems if p.code == "duplicate-id"]
    assert [(p.file, p.pointer) for p in duplicates] == [(rel, (kind, 1, "id"))]
    assert f"{rel} {kind}/0" in duplicates[0].message
    assert (rel, line, "duplicate-id") in _problems(brand)


@pytest.mark.parametrize(
    ("folder", "table"), [("audience", "personas"), ("competitors", "competitors")]
)
def test_a_duplicate_markdown_record_is_reported_and_dropped(
    brand: BrandRepo, folder: str, table: str
) -> None:
    extra = "summary: A summary.\n" if folder == "audience" else ""
    for name in ("a-first", "b-second"):
        brand.write(
            f"strategy/{folder}/{name}.md",
            f"---\nid: same\nname: {name}\n{extra}---\nAbout them.\n",
        )
    loaded = load(brand.root)
    assert getattr(loaded.repo, table)["same"].name == "a-first"
    duplicates = [(p.file, p.code) for p in loaded.problems if p.code == "duplicate-id"]
    assert duplicates == [(f"strategy/{folder}/b-second.md", "duplicate-id")]
