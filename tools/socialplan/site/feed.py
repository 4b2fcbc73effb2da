"""An RSS 2.0 feed of published posts, made with the standard library.

Only what the ledger (state/) records as sent is published; with no ledger
the feed is valid and empty. RSS rather than Atom because an empty Atom feed
still needs an `updated` date, and the only honest date for "nothing yet"
would be the clock, which would make the same repository build differently.

Everything in the feed is the brand's text, shown as text. RSS 2.0 readers render
an item's `description` as HTML ("entity-encoded HTML is allowed"), so the text is
HTML-escaped there, its line breaks written as `<br>`; titles are plain text, with
`&`, `<` and `>` written as the hexadecimal references the RSS Best Practices
Profile recommends, which aggregators show as the characters. Links are used only
when they pass the URL check (`urls.checked`): the channel's is the brand's
`site_url`, an item's the address the ledger records for the published post.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from datetime import UTC
from email.utils import format_datetime

from ..guards import urls
from .content import Site

PATH = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"
# What XML 1.0 cannot hold at all (control characters, lone surrogates, U+FFFE/F).
_NOT_XML = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# How ElementTree writes these characters, and how the RSS profile would have them.
_REFERENCES = (("&amp;", "&#x26;"), ("&lt;", "&#x3C;"), ("&gt;", "&#x3E;"))


def clean(text: str) -> str:
    """Plain text for an RSS element."""
    return _NOT_XML.sub("", text)


def as_html(text: str) -> str:
    """Plain text for an element readers render as HTML: shown as it was written."""
    return html.escape(clean(text).strip(), quote=False).replace("\n", "<br>\n")


def feed(site: Site) -> dict[str, bytes]:
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = clean(f"{site.brand_name}: published posts")
    # RSS needs a channel link; the site's root stands in until site_url is set.
    ET.SubElement(channel, "link").text = urls.checked(site.repo.brand.get("site_url")) or "/"
    ET.SubElement(channel, "description").text = as_html(
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
        link = urls.checked(record.url)
        if link is not None:
            ET.SubElement(item, "link").text = link
        guid = ET.SubElement(item, "guid", {"isPermaLink": "false"})
        guid.text = clean(f"{record.post_id}.{record.channel_id}")
        ET.SubElement(item, "pubDate").text = format_datetime(record.at.astimezone(UTC))
        text = record.text if record.text is not None else (post.body if post else "")
        ET.SubElement(item, "description").text = as_html(text)
    ET.indent(rss)
    written = ET.tostring(rss, encoding="unicode")
    for entity, reference in _REFERENCES:
        written = written.replace(entity, reference)
    return {PATH: b"<?xml version='1.0' encoding='utf-8'?>\n" + written.encode() + b"\n"}


__all__ = ["ATOM", "PATH", "feed"]
