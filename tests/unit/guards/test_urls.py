"""One URL check for every address that comes from data (`socialplan.guards.urls`)."""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET

import pytest

from socialplan.calendar import to_ics
from socialplan.guards import urls
from socialplan.load.loader import load
from socialplan.rules.validate import validate
from socialplan.schedule.slots import schedule
from socialplan.site.prepare import prepare
from socialplan.variants.compose import compose

from ...conftest import BrandRepo

POST = """
    id: {ident}
    title: Linked
    status: approved
    objective: first-objective
    pillar: expertise
    channels: [bluesky]
    at: 2027-01-{day} 09:00 Europe/London
    link: {link}
"""


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com",
        "http://example.com/a?b=1&c=2#top",
        "HTTPS://EXAMPLE.COM/",
        "https://ex.example:8443/ünïcode/%20path",
        "https://[2001:db8::1]/",
    ],
)
def test_absolute_web_addresses_pass(url: str) -> None:
    assert urls.checked(url) == url
    assert urls.problem(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " https://example.com",
        "data:text/html,<script>alert(1)</script>",
        "mailto:someone@example.com",
        "//example.com/a",
        "/relative/path",
        "https://",
        "https:///path",
        "https://example.com/a b",
        "https://example.com/a\tb",
        "https://example.com/a\nb",
        "https://example.com/\x00",
        "https://example.com/\x1b[31m",
        "https://example.com/\u200bhidden",
        "https://example.com/\u202eevil",
        "https://example.com\\@other.example/",
        "https://example.com:port/",
        "https://[::1/",
        None,
        42,
    ],
)
def test_everything_else_is_not_used(url: object) -> None:
    assert urls.checked(url) is None


def test_validate_reports_every_unusable_address_where_it_was_written(brand: BrandRepo) -> None:
    brand.post("spaced", POST.format(ident="spaced", day="04", link='"https://example.com/a b"'))
    brand.post("tabbed", POST.format(ident="tabbed", day="05", link='"https://example.com/\\tb"'))
    brand.post("hostless", POST.format(ident="hostless", day="06", link="https://"))
    override = POST.format(ident="override", day="07", link="https://example.com/fine")
    override += '    overrides:\n      bluesky:\n        link: "https://example.com/\\x01"\n'
    brand.post("override", override)
    brand_yaml = brand.root / "strategy/brand.yaml"
    brand_yaml.write_text(
        brand_yaml.read_text().replace(
            "site_url: https://example.com", 'site_url: "https://exa\\u200bmple.com"'
        )
    )
    problems = [p for p in validate(root=brand.root).report.problems if p.code == "bad-url"]
    assert [(p.file, p.line, p.col) for p in problems] == [
        ("content/posts/2027/01/hostless.md", 9, 7),
        ("content/posts/2027/01/override.md", 12, 11),
        ("content/posts/2027/01/spaced.md", 9, 7),
        ("content/posts/2027/01/tabbed.md", 9, 7),
        ("strategy/brand.yaml", 5, 11),
    ]
    assert all(p.is_error for p in problems)
    assert "holds a space at position 22" in problems[2].message
    assert "'\\t'" in problems[3].message
    assert "names no host" in problems[0].message


def test_an_unusable_link_reaches_no_variant_and_no_calendar_event(brand: BrandRepo) -> None:
    brand.post("tabbed", POST.format(ident="tabbed", day="05", link='"https://evil.example/\\tx"'))
    repo = load(brand.root).repo
    (post,) = repo.posts
    variant = compose(post, repo.channels["bluesky"], repo.people, repo)
    assert variant.link is None
    assert not any("evil.example" in part for part in variant.parts)
    ics = to_ics(schedule(repo)).decode()
    assert "evil.example" not in ics
    assert "\nURL" not in ics


def test_the_feed_and_post_pages_use_only_checked_addresses_and_show_text_as_text(
    brand: BrandRepo,
) -> None:
    fine = POST.format(ident="fine", day="05", link="https://example.com/fine")
    brand.post("fine", fine.replace("title: Linked", 'title: "Fish & <chips>"'))
    brand_yaml = brand.root / "strategy/brand.yaml"
    brand_yaml.write_text(
        brand_yaml.read_text().replace("site_url: https://example.com", "site_url: javascript:1")
    )
    text = "<script>alert(1)</script> & <b>bold</b>\nline two"
    ledger = [
        {"post": "fine", "channel": "bluesky", "at": "2027-01-05T09:00:00+00:00",
         "url": "javascript:alert(1)", "text": text},
        {"post": "fine", "channel": "x", "at": "2027-01-05T10:00:00+00:00",
         "url": "https://x.example/status/1", "text": "Sent."},
    ]  # fmt: skip
    brand.write("state/published.jsonl", "".join(json.dumps(e) + "\n" for e in ledger))
    files = prepare(brand.root, check=False).files
    feed = files["feed.xml"]
    assert isinstance(feed, bytes)
    assert b"javascript" not in feed
    channel = ET.fromstring(feed).find("channel")
    assert channel is not None
    assert channel.findtext("link") == "/"
    newest, oldest = channel.findall("item")
    assert newest.findtext("link") == "https://x.example/status/1"
    assert oldest.find("link") is None
    # Readers render a description as HTML: what they show is the text as written.
    shown = html.unescape((oldest.findtext("description") or "").replace("<br>\n", "\n"))
    assert shown == text
    assert "<script>" not in (oldest.findtext("description") or "")
    # Titles are plain text, with the characters XML needs escaped as the RSS profile asks.
    assert b"<title>Fish &#x26; &#x3C;chips&#x3E; (x)</title>" in feed
    page = files["posts/fine.md"]
    markdown = page if isinstance(page, str) else page.text()  # type: ignore[union-attr]
    assert "javascript:alert(1)" in markdown  # shown, as text
    assert 'href="javascript' not in markdown
    assert 'href="https://x.example/status/1"' in markdown
