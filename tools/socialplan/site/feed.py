"""An RSS 2.0 feed of published posts, made with the standard library.

Only what the ledger (state/) records as sent is published; with no ledger
the feed is valid and empty. RSS rather than Atom because an empty Atom feed
still needs an `updated` date, and the only honest date for "nothing yet"
would be the clock, which would make the same repository build differently.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC
from email.utils import format_datetime

from .context import Site
from .markup import clean

PATH = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"


def feed(site: Site) -> dict[str, bytes]:
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = clean(f"{site.brand_name}: published posts")
    url = site.repo.brand.get("site_url")
    ET.SubElement(channel, "link").text = clean(url) if isinstance(url, str) else "/"
    ET.SubElement(channel, "description").text = clean(
        f"Posts {site.brand_name} has published on social media, newest first."
    )
    records = sorted(
        (r for records in site.published.values() for r in records),
        key=lambda r: (r.at, r.post_id, r.channel_id),
        reverse=True,
    )
    posts = {p.id: p for p in site.posts}
    for record in records:
        post = posts.get(record.post_id)
        item = ET.SubElement(channel, "item")
        title = post.title if post is not None else record.post_id
        ET.SubElement(item, "title").text = clean(f"{title} ({record.channel_id})")
        if record.url:
            ET.SubElement(item, "link").text = clean(record.url)
        guid = ET.SubElement(item, "guid", {"isPermaLink": "false"})
        guid.text = clean(f"{record.post_id}.{record.channel_id}")
        ET.SubElement(item, "pubDate").text = format_datetime(record.at.astimezone(UTC))
        text = record.text if record.text is not None else (post.body if post else "")
        ET.SubElement(item, "description").text = clean(text)
    ET.indent(rss)
    return {PATH: ET.tostring(rss, encoding="utf-8", xml_declaration=True) + b"\n"}


__all__ = ["ATOM", "PATH", "feed"]
