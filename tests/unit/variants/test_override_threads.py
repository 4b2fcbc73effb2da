"""An override's text and the post's thread, on networks with and without threads."""

from __future__ import annotations

from socialplan.load.loader import load
from socialplan.rules.validate import validate
from socialplan.variants import compose

from ...conftest import BrandRepo

CHANNELS = """
channels:
  - {id: mastodon, network: mastodon, account: "@b@m.example.com", server: "https://m.example.com",
     time_zone: Europe/London}
  - {id: linkedin, network: linkedin, account: Brand, time_zone: Europe/London}
"""

POST = """
id: a
title: A thread
status: approved
objective: first-objective
pillar: expertise
channels: [mastodon, linkedin]
at: 2027-01-04 09:00 Europe/London
thread: ["Second part.", "Third part."]
overrides:
  mastodon: {{text: "Opening for Mastodon."}}
{linkedin}
"""


def parts(brand: BrandRepo, channel_id: str) -> list[str]:
    repo = load(brand.root).repo
    post = repo.posts[0]
    return compose.compose(post, repo.channels[channel_id], repo.people, repo).parts


def test_override_text_opens_the_thread_where_threads_exist(brand: BrandRepo) -> None:
    brand.write("strategy/channels.yaml", CHANNELS)
    brand.post("a", POST.format(linkedin='  linkedin: {text: "The whole story, once."}'))
    assert [p.strip() for p in parts(brand, "mastodon")] == [
        "Opening for Mastodon.",
        "Second part.",
        "Third part.",
    ]
    # LinkedIn has no threads: its override is the whole text, and that is fine.
    assert [p.strip() for p in parts(brand, "linkedin")] == ["The whole story, once."]
    assert validate(root=brand.root).report.errors == []


def test_a_thread_for_a_network_without_threads_needs_an_override(brand: BrandRepo) -> None:
    brand.write("strategy/channels.yaml", CHANNELS)
    brand.post("a", POST.format(linkedin=""))
    codes = [p.code for p in validate(root=brand.root).report.errors]
    assert codes == ["thread-not-supported"]
