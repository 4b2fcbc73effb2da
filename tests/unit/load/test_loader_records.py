"""What the loader makes of the files it reads: records with their fields, problems that
say what went wrong, and a count of the files it read.
"""

from __future__ import annotations

from socialplan.load.loader import load

from ...conftest import BrandRepo

# The starter's strategy: eight YAML files and one persona.
STARTER_FILES = 9


def test_every_file_read_is_counted(brand: BrandRepo) -> None:
    for name in ("a", "b", "c", "d", "e"):
        brand.post(name, f"id: {name}\ntitle: A post\nstatus: draft\n")
    # One more that cannot be read as a post still counts as read.
    brand.write("content/posts/2027/01/f.md", "no front matter here\n")
    loaded = load(brand.root)
    assert loaded.files == STARTER_FILES + 6
    assert len(loaded.repo.posts) == 5


def test_a_missing_optional_file_is_a_warning_and_a_required_one_an_error(
    brand: BrandRepo,
) -> None:
    (brand.root / "strategy/budget.yaml").unlink()
    (brand.root / "strategy/pillars.yaml").unlink()
    loaded = load(brand.root)
    found = sorted((p.file, p.code, p.severity.value) for p in loaded.problems)
    assert found == [
        ("strategy/budget.yaml", "missing-file", "warning"),
        ("strategy/pillars.yaml", "missing-file", "error"),
    ]
    assert loaded.repo.budget == {}
    assert loaded.repo.pillars == {}
    assert loaded.files == STARTER_FILES - 2


def test_a_persona_and_a_competitor_carry_their_fields(brand: BrandRepo) -> None:
    brand.write(
        "strategy/competitors/rival.md",
        "---\nid: rival\nname: Rival Roasters\nwebsite: https://rival.example\n---\nCheap beans.\n",
    )
    repo = load(brand.root).repo
    persona = repo.personas["main-audience"]
    assert (persona.rel, persona.id, persona.name, persona.time_zone, persona.networks) == (
        "strategy/audience/main-audience.md",
        "main-audience",
        "Main audience",
        "Europe/London",
        ["bluesky"],
    )
    assert persona.data["summary"] == "Replace with who you most want to reach."
    assert persona.body.startswith("Describe this persona in your own words")
    rival = repo.competitors["rival"]
    assert (rival.rel, rival.id, rival.name, rival.body.strip()) == (
        "strategy/competitors/rival.md",
        "rival",
        "Rival Roasters",
        "Cheap beans.",
    )
    assert rival.data["website"] == "https://rival.example"


def test_a_broken_persona_does_not_hide_the_next_one(brand: BrandRepo) -> None:
    brand.write("strategy/audience/a-broken.md", "id: broken\nname: No front matter\n")
    brand.write(
        "strategy/audience/b-fine.md",
        "---\nid: fine\nname: Fine\ntime_zone: Europe/Paris\n"
        "networks: [{network: mastodon, share: 1.0}]\n---\n",
    )
    loaded = load(brand.root)
    assert sorted(loaded.repo.personas) == ["fine", "main-audience"]
    assert [(p.file, p.line, p.code) for p in loaded.problems] == [
        ("strategy/audience/a-broken.md", 1, "no-front-matter")
    ]


def test_front_matter_that_is_no_mapping_says_what_it_is(brand: BrandRepo) -> None:
    brand.write("content/posts/2027/01/empty.md", "---\n---\nHello.\n")
    brand.write("content/posts/2027/01/text.md", "---\njust words\n---\nHello.\n")
    brand.write("content/posts/2027/01/list.md", "---\n- a\n- b\n---\nHello.\n")
    loaded = load(brand.root)
    assert loaded.repo.posts == []
    found = sorted((p.file, p.line, p.code, p.message) for p in loaded.problems)
    said = "expected `key: value` lines, but the YAML here is"
    assert found == [
        ("content/posts/2027/01/empty.md", 2, "not-a-mapping", f"{said} empty"),
        ("content/posts/2027/01/list.md", 2, "not-a-mapping", f"{said} a single list value"),
        ("content/posts/2027/01/text.md", 2, "not-a-mapping", f"{said} a single str value"),
    ]
