"""What each network accepts as an image: size, aspect ratio, format and file-size cap.

Figures come from shared/PLATFORMS.md (collected 2026-11). Where it gives a "usual
size", cards are drawn at that size; where a network demands fixed shapes
(Instagram's three, Pinterest's 2:3), photos are cropped to the closest one; where
it takes any shape, a photo keeps its own aspect ratio within a sane range and is
only scaled down. Byte caps are decimal (5 MB = 5,000,000 bytes) to stay on the
safe side of every reading of a platform's "MB". A channel may lower or raise the
cap with `limits: {image_bytes: N}` once channels.schema.json allows it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from ..load.model import Channel

Size = tuple[int, int]
JPEG, PNG = "jpeg", "png"


@dataclass(frozen=True)
class ImageSpec:
    name: str  # network key, or "og" for the site's Open Graph image
    label: str
    card_size: Size
    # Fixed canvases for photos: the one closest to the photo's aspect ratio wins.
    photo_sizes: tuple[Size, ...] = ()
    # Without fixed canvases: the aspect ratio (width / height) a photo is kept within.
    aspect_range: tuple[float, float] = (0.5, 2.0)
    max_side: int = 2048
    max_width: int | None = None
    min_width: int = 200
    formats: tuple[str, ...] = (JPEG, PNG)
    max_bytes: int = 5_000_000
    max_pixels: int | None = None

    def accepts(self, image_format: str) -> bool:
        return image_format in self.formats

    def fingerprint(self) -> dict[str, Any]:
        return asdict(self)


_SPECS = (
    ImageSpec(
        "x",
        "X",
        card_size=(1200, 675),
        photo_sizes=((1200, 675), (1200, 1200), (1080, 1350)),
        max_bytes=5_000_000,
    ),
    ImageSpec(
        "bluesky",
        "Bluesky",
        card_size=(1200, 675),
        # Bluesky's app scales images down to 2000 px anyway; more is wasted bytes.
        max_side=2000,
        max_bytes=2_000_000,
    ),
    ImageSpec(
        "mastodon",
        "Mastodon",
        card_size=(1200, 675),
        max_pixels=33_177_600,
        # 16 MB on current servers, 10 MB on older ones: the smaller is safe everywhere.
        max_bytes=10_000_000,
    ),
    ImageSpec(
        "linkedin",
        "LinkedIn",
        card_size=(1200, 627),
        photo_sizes=((1200, 627), (1200, 1200), (1080, 1350)),
        max_pixels=36_152_319,
        max_bytes=5_000_000,
    ),
    ImageSpec(
        "instagram",
        "Instagram",
        card_size=(1080, 1350),
        photo_sizes=((1080, 1080), (1080, 1350), (1080, 566)),
        max_width=1440,
        min_width=320,
        formats=(JPEG,),
        max_bytes=8_000_000,
    ),
    ImageSpec(
        "threads",
        "Threads",
        card_size=(1080, 1350),
        aspect_range=(0.5, 1.91),
        max_width=1440,
        min_width=320,
        max_bytes=8_000_000,
    ),
    ImageSpec("facebook", "Facebook", card_size=(1200, 630), max_bytes=10_000_000),
    ImageSpec(
        "pinterest",
        "Pinterest",
        card_size=(1000, 1500),
        photo_sizes=((1000, 1500),),
        min_width=600,
        max_bytes=20_000_000,
    ),
    ImageSpec("discord", "Discord", card_size=(1200, 630), max_bytes=8_000_000),
    ImageSpec("slack", "Slack", card_size=(1200, 630), max_bytes=5_000_000),
)

SPECS: dict[str, ImageSpec] = {spec.name: spec for spec in _SPECS}

# The site's preview image for each post (og:image): 1.91:1, at least 200 x 200.
OPEN_GRAPH = ImageSpec(
    "og",
    "Open Graph",
    card_size=(1200, 630),
    photo_sizes=((1200, 630),),
    max_bytes=8_000_000,
)


def spec_for(channel: Channel) -> ImageSpec | None:
    """The image rules of a channel's network, with the channel's own byte cap."""
    spec = SPECS.get(channel.network)
    if spec is None:
        return None
    cap = channel.limit("image_bytes")
    return replace(spec, max_bytes=cap) if cap is not None else spec
