"""`pages()`: a pure, deterministic function from a repository to site files."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from html.parser import HTMLParser

from PIL import Image

from socialplan.cache import fingerprints
from socialplan.load.loader import load
from socialplan.schedule.slots import schedule
from socialplan.site import NAVIGATION, Extras, PublishedRecord, SourceFile, pages
from socialplan.site.content import Deferred, Site, materialized

from ...conftest import ROOT, BrandRepo

# Every way a post could try to run code in the site.
HOSTILE_POST = """
    id: 2027-01-20-tricky
    title: "<script>window.__xss = 1</script> Tricky <b>title</b> [x](javascript:alert(1))"
    status: approved
    objective: first-objective
    pillar: expertise
    channels: [bluesky]
    at: 2027-01-20 09:00 Europe/London
    hashtags: [Coffee]
    link: https://example.com/a?b=1&c=<2>
    media:
      - file: tricky.png
        alt: 'A cup. "><img src=x onerror="window.__xss=2">'
    notes: '<img src=x onerror="window.__xss=3">'
"""
HOSTILE_BODY = (
    'Body <img src=x onerror="window.__xss=4"> and <script>window.__xss=5</script>\n\n'
    "[click me](javascript:window.__xss=6) *not bold* <iframe src=javascript:1></iframe>"
)


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 36), (200, 120, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def add_hostile_post(brand: BrandRepo) -> None:
    brand.write("content/media/tricky.png", png())
    brand.post("tricky", HOSTILE_POST, HOSTILE_BODY)


def generate(brand: BrandRepo, extras: Extras | None = None) -> dict[str, object]:
    repo = load(brand.root).repo
    return dict(pages(repo, schedule(repo), extras))


def text_pages(files: dict[str, object]) -> dict[str, str]:
    return {path: content for path, content in files.items() if isinstance(content, str)}


def test_the_same_repository_gives_the_same_files(brand: BrandRepo) -> None:
    add_hostile_post(brand)
    assert generate(brand) == generate(brand)
    assert list(generate(brand)) == list(generate(brand))


def test_every_page_family_is_there(brand: BrandRepo) -> None:
    add_hostile_post(brand)
    files = generate(brand)
    for path in (
        "index.md",
        "strategy/index.md",
        "strategy/brand.md",
        "strategy/audience.md",
        "strategy/competitors.md",
        "strategy/channels.md",
        "strategy/pillars.md",
        "strategy/campaigns.md",
        "strategy/budget.md",
        "strategy/playbook.md",
        "calendar/index.md",
        "calendar/2027-01.md",
        "calendar/channel-bluesky.md",
        "calendar/pillar-expertise.md",
        "calendar/calendar.ics",
        "pipeline.md",
        "posts/2027-01-20-tricky.md",
        "feed.xml",
        "assets/socialplan/socialplan.css",
        "assets/socialplan/brand.css",
    ):
        assert path in files, path
    assert files["media/tricky.png"] == SourceFile(brand.root / "content/media/tricky.png")


class Elements(HTMLParser):
    """Every element and attribute a browser would see in a text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend((name, value or "") for name, value in attrs)


def elements(text: str) -> Elements:
    parser = Elements()
    parser.feed(text)
    parser.close()
    return parser


def test_user_text_never_becomes_markup(brand: BrandRepo) -> None:
    add_hostile_post(brand)
    for path, content in text_pages(generate(brand)).items():
        found = elements(content)
        assert not {"script", "iframe"} & set(found.tags), path
        assert not [n for n, _ in found.attributes if n.startswith("on")], path
        assert not [v for n, v in found.attributes if n in ("href", "src") and "javascript" in v]
        assert "src=x" not in [f"{n}={v}" for n, v in found.attributes], path
    post = text_pages(generate(brand))["posts/2027-01-20-tricky.md"]
    assert "&lt;script&gt;window.__xss=5&lt;/script&gt;" in post
    assert "onerror=&quot;window.__xss=4&quot;" in post


def test_post_pages_are_not_in_the_navigation() -> None:
    listed = re.findall(r"'([^']+\.md)'", repr(NAVIGATION))
    assert listed and not any(p.startswith(("posts/", "calendar/2")) for p in listed)


def test_home_says_no_data_yet_for_every_kpi(brand: BrandRepo) -> None:
    home = text_pages(generate(brand))["index.md"]
    assert home.count("no data yet") >= 2  # the note, then one per KPI
    assert "First objective" in home


def test_strategy_overview_answers_the_questions_people_ask() -> None:
    repo = load(ROOT).repo
    overview = str(pages(repo, schedule(repo))["strategy/index.md"])
    for heading in (
        "What we want to achieve",
        "The budget",
        "The return we need",
        "How the brand is represented",
        "How feedback is handled",
        "Which networks, and why",
        "How each network differs",
        "How we will raise returns",
    ):
        assert f"## {heading}\n" in overview


def test_stages_of_the_pipeline(brand: BrandRepo) -> None:
    add_hostile_post(brand)
    brand.post("idea", "id: an-idea\ntitle: An idea\nstatus: idea")
    repo = load(brand.root).repo
    plan = schedule(repo)
    site = Site(repo, plan, Extras())
    stages = {p.id: site.stage(p) for p in repo.posts}
    assert stages == {"2027-01-20-tricky": "scheduled", "an-idea": "idea"}
    sent = PublishedRecord("2027-01-20-tricky", "bluesky", datetime(2027, 1, 20, 9, tzinfo=UTC))
    site = Site(repo, plan, Extras(published=(sent,)))
    assert (
        site.stage(repo.posts[-1] if repo.posts[-1].id != "an-idea" else repo.posts[0])
        == "published"
    )


def test_the_feed_is_valid_and_empty_without_a_ledger(brand: BrandRepo) -> None:
    add_hostile_post(brand)
    feed = generate(brand)["feed.xml"]
    assert isinstance(feed, bytes)
    channel = ET.fromstring(feed).find("channel")
    assert channel is not None and channel.findall("item") == []


def test_the_feed_lists_published_posts_newest_first(brand: BrandRepo) -> None:
    add_hostile_post(brand)
    records = (
        PublishedRecord(
            "2027-01-20-tricky",
            "bluesky",
            datetime(2027, 1, 20, 9, tzinfo=UTC),
            "https://bsky.example/1",
        ),
        PublishedRecord("2027-01-20-tricky", "mastodon", datetime(2027, 1, 21, 9, tzinfo=UTC)),
    )
    feed = generate(brand, Extras(published=records))["feed.xml"]
    items = ET.fromstring(feed).findall("channel/item")  # type: ignore[arg-type]
    assert [i.findtext("guid") for i in items] == [
        "2027-01-20-tricky.mastodon",
        "2027-01-20-tricky.bluesky",
    ]
    assert items[1].findtext("link") == "https://bsky.example/1"


def test_brand_colours_reach_css_only_when_they_are_colours(brand: BrandRepo) -> None:
    brand.write(
        "strategy/brand.yaml",
        (brand.root / "strategy/brand.yaml")
        .read_text()
        .replace("colors:\n", "colors:\n    accent: 'red;} body{display:none'\n")
        .replace("#1F4E79", "#123456"),
    )
    css = generate(brand)["assets/socialplan/brand.css"]
    assert isinstance(css, str)
    assert "#123456" in css and "display:none" not in css


def test_deferred_post_pages_are_the_pages_made_at_once(brand: BrandRepo) -> None:
    add_hostile_post(brand)
    repo = load(brand.root).repo
    plan = schedule(repo)
    eager = pages(repo, plan, Extras())
    deferred = pages(repo, plan, Extras(strategy_digest=fingerprints.strategy(repo)))
    posts = [path for path in eager if path.startswith("posts/")]
    assert posts and all(isinstance(deferred[path], Deferred) for path in posts)
    # The same files (images a page shows included), the same text once made.
    assert list(deferred) == list(eager)
    assert {path: materialized(content) for path, content in deferred.items()} == eager


def test_a_deferred_page_key_follows_what_the_page_shows(brand: BrandRepo) -> None:
    add_hostile_post(brand)
    repo = load(brand.root).repo
    plan = schedule(repo)
    extras = Extras(strategy_digest="a")
    first = pages(repo, plan, extras)["posts/2027-01-20-tricky.md"]
    again = pages(repo, plan, extras)["posts/2027-01-20-tricky.md"]
    assert first == again  # compared by key
    sent = PublishedRecord("2027-01-20-tricky", "bluesky", datetime(2027, 1, 20, 9, tzinfo=UTC))
    published = pages(repo, plan, Extras(published=(sent,), strategy_digest="a"))
    other_strategy = pages(repo, plan, Extras(strategy_digest="b"))
    assert published["posts/2027-01-20-tricky.md"] != first
    assert other_strategy["posts/2027-01-20-tricky.md"] != first
