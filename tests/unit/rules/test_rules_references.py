"""References between strategy files, time zones wherever they are written, the brand's
logo, media paths and banned words in hashtags: each problem where it is written."""

from __future__ import annotations

import io

from PIL import Image

from socialplan.rules.validate import validate

from ...conftest import BrandRepo


def found(brand: BrandRepo) -> list[tuple[str, int, str]]:
    return sorted((p.file, p.line, p.code) for p in validate(root=brand.root).report.problems)


POST = """
id: a
title: A post
status: {status}
objective: first-objective
pillar: expertise
channels: [bluesky]
at: 2027-01-04 09:00 Europe/London
"""


def test_every_id_a_strategy_file_names_must_exist(brand: BrandRepo) -> None:
    brand.write(
        "strategy/campaigns.yaml",
        "campaigns:\n  - {id: launch, name: Launch, objective: no-such-objective,"
        " start: 2027-01-01, end: 2027-01-31}\n",
    )
    brand.write(
        "strategy/budget.yaml",
        "currency: EUR\nperiods:\n  - name: January\n    start: 2027-01-01\n"
        "    end: 2027-01-31\n    total: 100\n"
        "    allocations: [{category: ads, channel: no-such-channel, amount: 10}]\n",
    )
    objectives = (brand.root / "strategy/objectives.yaml").read_text(encoding="utf-8")
    brand.write(
        "strategy/objectives.yaml",
        objectives.replace(
            "        period: month", "        period: month\n        channels: [nope]"
        ),
    )
    persona = (brand.root / "strategy/audience/main-audience.md").read_text(encoding="utf-8")
    brand.write(
        "strategy/audience/main-audience.md",
        persona.replace("interests: []", "interests: []\nobjectives: [first-objective, missing]"),
    )
    assert found(brand) == [
        ("strategy/audience/main-audience.md", 14, "unknown-objective"),
        ("strategy/budget.yaml", 7, "unknown-channel"),
        ("strategy/campaigns.yaml", 2, "unknown-objective"),
        ("strategy/objectives.yaml", 14, "unknown-channel"),
    ]


def test_a_time_zone_is_checked_wherever_it_is_written(brand: BrandRepo) -> None:
    channels = (brand.root / "strategy/channels.yaml").read_text(encoding="utf-8")
    brand.write(
        "strategy/channels.yaml",
        channels.replace("time_zone: Europe/London", "time_zone: Europe/Lndon"),
    )
    persona = (brand.root / "strategy/audience/main-audience.md").read_text(encoding="utf-8")
    brand.write(
        "strategy/audience/main-audience.md",
        persona.replace("time_zone: Europe/London", "time_zone: Mars/Olympus").replace(
            "    share: 1.0", "    share: 1.0\n    time_zone: Moon/Base"
        ),
    )
    playbook = (brand.root / "strategy/playbook.yaml").read_text(encoding="utf-8")
    brand.write("strategy/playbook.yaml", playbook.replace("Europe/London", "Nowhere/Land", 1))
    codes = {(file, code) for file, _, code in found(brand)}
    assert codes == {
        ("strategy/channels.yaml", "unknown-time-zone"),
        ("strategy/audience/main-audience.md", "unknown-time-zone"),
        ("strategy/playbook.yaml", "unknown-time-zone"),
    }
    persona_lines = [line for file, line, _ in found(brand) if file.endswith("main-audience.md")]
    assert len(persona_lines) == 2


def test_the_logo_must_exist_inside_the_repository(brand: BrandRepo) -> None:
    brand_yaml = (brand.root / "strategy/brand.yaml").read_text(encoding="utf-8")
    for logo, code in (
        ("../outside.png", "path-outside-repo"),
        ("assets/none.png", "missing-file"),
    ):
        brand.write(
            "strategy/brand.yaml", brand_yaml.replace("visual:", f"visual:\n  logo: {logo}")
        )
        assert [c for _, _, c in found(brand)] == [code]
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "PNG")
    brand.write("assets/logo.png", buffer.getvalue())
    brand.write(
        "strategy/brand.yaml", brand_yaml.replace("visual:", "visual:\n  logo: assets/logo.png")
    )
    assert found(brand) == []


def test_a_media_path_with_a_backslash_or_naming_a_folder(brand: BrandRepo) -> None:
    (brand.root / "content/media/photos").mkdir(parents=True, exist_ok=True)
    media = "media:\n  - {file: 'photos\\a.png', alt: A cup.}\n  - {file: photos, alt: A cup.}\n"
    brand.post("a", POST.format(status="approved") + media)
    assert found(brand) == [
        ("content/posts/2027/01/a.md", 10, "path-outside-repo"),
        ("content/posts/2027/01/a.md", 11, "missing-media"),
    ]


def test_banned_words_in_hashtags_and_a_cancelled_post(brand: BrandRepo) -> None:
    # The starter's brand bans "synergy".
    brand.post("a", POST.format(status="approved") + "hashtags: [Synergy, Coffee]\n", "Hello.")
    assert found(brand) == [("content/posts/2027/01/a.md", 9, "banned-word")]
    # A cancelled post is never published: its words are its own business.
    brand.post("a", POST.format(status="cancelled"), "Pure synergy.")
    assert found(brand) == []
