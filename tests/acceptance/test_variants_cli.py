"""`socialplan variants`: printing variants and writing build/variants/<post>/<channel>.json."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from socialplan.commands.variants import variants

from ..conftest import BrandRepo

CHANNELS = """
# yaml-language-server: $schema=../schemas/channels.schema.json
channels:
  - id: bluesky
    network: bluesky
    account: testbrand.bsky.social
    time_zone: Europe/London
    hashtags: {placement: append, max: 2, camel_case: true}
    utm: {campaign: always-on}
  - id: x
    network: x
    account: "@testbrand"
    time_zone: Europe/London
    threads: {counters: true}
  - id: linkedin
    network: linkedin
    account: Test Brand
    time_zone: Europe/London
"""

POST = """
id: launch
title: Launch
status: approved
objective: first-objective
pillar: expertise
channels: [bluesky, x, linkedin]
at: 2027-01-04 09:00 Europe/London
link: https://testbrand.coffee/launch
hashtags: [NewBeans, RoastDay, Extra]
"""

LONG_BODY = " ".join(f"Sentence {n} about our (new) beans." for n in range(12))


def run(runner: CliRunner, brand: BrandRepo, *args: str):
    return runner.invoke(variants, [*args, "--repo", str(brand.root)], catch_exceptions=False)


def setup(brand: BrandRepo, body: str = LONG_BODY) -> None:
    brand.write("strategy/channels.yaml", CHANNELS)
    brand.post("launch", POST, body)


def test_prints_each_channels_text_thread_and_lengths(runner: CliRunner, brand: BrandRepo):
    setup(brand)
    result = run(runner, brand, "launch")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("launch — Launch\ncontent/posts/2027/01/launch.md · approved\n")
    assert "  bluesky (Bluesky): thread of 2 parts, split automatically\n" in out
    assert "    [1/2] " in out and "graphemes; " in out and "/3,000 UTF-8 bytes" in out
    assert "  x (X): thread of 2 parts, split automatically\n" in out
    assert " 1/2\n" in out  # X numbers its parts
    assert "    | #NewBeans #RoastDay\n" in out  # capped at the channel's max of 2
    assert "utm_campaign=always-on" in out
    assert "  linkedin (LinkedIn): 1 post\n" in out
    assert "about our (new) beans." in out


def test_sent_shows_linkedins_little_format(runner: CliRunner, brand: BrandRepo):
    setup(brand, "Our (new) beans.")
    out = run(runner, brand, "launch", "--channel", "linkedin", "--sent").stdout
    assert "    | Our \\(new\\) beans.\n" in out
    assert "{hashtag|\\#|NewBeans}" in out


def test_json_is_the_documents_the_build_writes(runner: CliRunner, brand: BrandRepo):
    setup(brand)
    result = run(runner, brand, "--format", "json", "--channel", "bluesky")
    documents = json.loads(result.stdout)
    assert [d["channel"] for d in documents] == ["bluesky"]
    document = documents[0]
    assert list(document) == [
        "format", "post", "channel", "network", "parts", "thread", "split", "counters",
        "hashtags", "link", "link_placement", "title", "media", "content_hash",
    ]  # fmt: skip
    assert document["thread"] and document["split"]
    part = document["parts"][0]
    assert part["length"]["unit"] == "graphemes" and part["length"]["limit"] == 300
    assert part["checks"][0]["unit"] == "UTF-8 bytes"
    assert "facets" in part
    assert document["content_hash"].startswith("sha256:")


def test_out_writes_one_file_per_post_and_channel_byte_for_byte_stable(
    runner: CliRunner, brand: BrandRepo, tmp_path: Path
):
    setup(brand)
    brand.post("second", POST.replace("id: launch", "id: second"), "Short one.")
    out = tmp_path / "variants"
    first = run(runner, brand, "--out", str(out))
    assert first.exit_code == 0
    assert first.stdout == f"Wrote 6 variant files to {out} (0 unchanged, 0 removed).\n"
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert files == [
        "launch/bluesky.json", "launch/linkedin.json", "launch/x.json",
        "second/bluesky.json", "second/linkedin.json", "second/x.json",
    ]  # fmt: skip
    before = {p: p.read_bytes() for p in out.rglob("*.json")}
    again = run(runner, brand, "--out", str(out))
    assert again.stdout == f"Wrote 0 variant files to {out} (6 unchanged, 0 removed).\n"
    assert {p: p.read_bytes() for p in out.rglob("*.json")} == before
    (brand.root / "content/posts/2027/01/second.md").unlink()
    last = run(runner, brand, "--out", str(out))
    assert last.stdout == f"Wrote 0 variant files to {out} (3 unchanged, 3 removed).\n"
    assert not (out / "second").exists()
    text = (out / "launch" / "x.json").read_text(encoding="utf-8")
    assert text.endswith("}\n") and "\r" not in text


def test_a_variant_over_its_limit_exits_one(runner: CliRunner, brand: BrandRepo):
    setup(brand, "word " * 700)
    result = run(runner, brand, "launch", "--channel", "linkedin")
    assert result.exit_code == 1
    assert "<< TOO LONG" in result.stdout


def test_unknown_post_or_channel_is_a_usage_error(runner: CliRunner, brand: BrandRepo):
    setup(brand)
    result = run(runner, brand, "nope")
    assert result.exit_code == 2
    assert result.stderr.startswith("socialplan: no post has the id or path `nope`\n")
    assert run(runner, brand, "--channel", "myspace").exit_code == 2
    assert run(runner, brand, "launch", "--out", "x").exit_code == 2


def test_posts_are_chosen_by_path_too(runner: CliRunner, brand: BrandRepo):
    setup(brand)
    by_file = run(runner, brand, str(brand.root / "content/posts/2027/01/launch.md")).stdout
    by_folder = run(runner, brand, str(brand.root / "content/posts/2027")).stdout
    assert by_file == by_folder == run(runner, brand, "launch").stdout


def test_skipped_and_disabled_channels_are_named(runner: CliRunner, brand: BrandRepo):
    brand.write("strategy/channels.yaml", CHANNELS + "    enabled: false\n")
    brand.post("launch", POST + "overrides:\n  x:\n    skip: true\n", "Hello.")
    out = run(runner, brand, "launch").stdout
    assert "  x (X): skipped (`skip: true`)\n" in out
    assert "  linkedin (LinkedIn): channel disabled\n" in out


def test_same_bytes_in_every_process(brand: BrandRepo, tmp_path: Path) -> None:
    """No set or hash order leaks into the output: other hash seeds, same bytes."""
    import os
    import subprocess
    import sys

    setup(brand, "Hi @{nobody} #Tag 🇬🇧 " + LONG_BODY)
    script = "import sys; from socialplan.commands.variants import variants; variants(sys.argv[1:])"
    outputs = []
    for seed in ("1", "2", "3"):
        out = tmp_path / f"out-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", script, "--out", str(out), "--repo", str(brand.root)],
            env=env,
            check=True,
            capture_output=True,
        )
        outputs.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*.json"))})
    assert outputs[0] == outputs[1] == outputs[2]
    assert len(outputs[0]) == 3
