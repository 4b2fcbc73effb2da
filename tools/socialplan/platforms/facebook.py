"""Facebook Pages: posts of up to 63,206 characters.

63,206 is the figure posting services document (secondary); Facebook does not publish
how it counts, so code points are counted. The Page photo endpoints have no alt text
field this tool relies on (Facebook writes its own), hence no alt text limit.

Variant rules: the defaults. The Graph API links no `@name` written in a Page post's
text, so a mention is the handle as plain text.
"""

from __future__ import annotations

from .base import Network


def character_count(text: str) -> int:
    return len(text)


NETWORK = Network(
    name="facebook",
    label="Facebook",
    text_limit=63_206,
    text_unit="characters",
    count=character_count,
    alt_text_limit=None,
    # Multi-photo posts are built from up to 10 unpublished photos (attached_media).
    max_images=10,
    supports_threads=False,
)
