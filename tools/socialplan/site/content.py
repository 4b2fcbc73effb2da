"""What every page family reads: the repository, its schedule, and build outputs.

`Extras` holds what does not come from the repository's own files but from
earlier build steps or other records: generated images, the calendar file, the
ledger of published posts. It is plain data, so that page generation stays a
pure function; `socialplan.site.extras` reads it from disk.

`Site` indexes everything once (entries per post, a post's stage on the
board) and collects the files pages refer to (images), which `pages()` then
adds to its output.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path

from ..load.model import Post, Repo
from ..schedule.slots import Schedule, Scheduled
from ..schedule.times import BadTime, zone
from .markup import slug


@dataclass(frozen=True)
class SourceFile:
    """An image for the site, read only when written: the site gets its bare copy,
    without EXIF, XMP, comments or other metadata (see `bare`)."""

    path: Path


@dataclass(frozen=True)
class Deferred:
    """A page's Markdown, made only when asked for (`text()`).

    `key` fingerprints everything `make` reads, so a build that finds the page
    it wrote last time under the same key can keep it without making it again
    (see `incremental`). Two deferred pages are equal when their keys are.
    """

    key: str
    make: Callable[[], str] = field(compare=False, repr=False)

    def text(self) -> str:
        return self.make()


Content = str | bytes | SourceFile | Deferred


def materialized(content: Content) -> str | bytes | SourceFile:
    """The content itself: a deferred page made."""
    return content.text() if isinstance(content, Deferred) else content


@dataclass(frozen=True)
class PublishedRecord:
    """One post sent to one channel, as the ledger under state/ records it."""

    post_id: str
    channel_id: str
    at: datetime
    url: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class GeneratedImage:
    """An image the images step wrote for one channel of a post (or its Open Graph card)."""

    path: Path
    alt: str | None = None  # None: not recorded, take the post's media alt text
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class Extras:
    # The ledger (state/) written by `socialplan publish`: None when there is none yet.
    published: tuple[PublishedRecord, ...] | None = None
    # Generated images: post id -> channel id (or "og") -> image files, in order.
    images: Mapping[str, Mapping[str, tuple[GeneratedImage, ...]]] = field(default_factory=dict)
    # The editorial calendar as an iCalendar file, when the calendar package made one.
    calendar_ics: bytes | None = None
    # A fingerprint of every strategy file and of socialplan's code
    # (`socialplan.cache.fingerprints.strategy`). When it is known, post pages are made only
    # when needed (`Deferred`), keyed by it and by what each post page reads.
    strategy_digest: str | None = None


# The pipeline board's columns, in order: key, heading.
STAGES: tuple[tuple[str, str], ...] = (
    ("idea", "Ideas"),
    ("draft", "Drafts"),
    ("review", "In review"),
    ("approved", "Approved"),
    ("scheduled", "Scheduled"),
    ("published", "Published"),
)
STAGE_LABELS = dict(STAGES) | {"cancelled": "Cancelled"}
# Colours for pillars, in the order strategy/pillars.yaml lists them (see socialplan.css).
PALETTE_SIZE = 8


class Site:
    """The repository indexed for page generation."""

    def __init__(self, repo: Repo, plan: Schedule, extras: Extras) -> None:
        self.repo = repo
        self.plan = plan
        self.extras = extras
        self.posts = sorted((p for p in repo.posts if p.id), key=lambda p: p.id)
        self.entries: dict[str, list[Scheduled]] = defaultdict(list)
        for entry in plan.entries:
            self.entries[entry.post.id].append(entry)
        # Queued posts for which no slot was free (on at least one channel).
        self.unplaced = {post.id for post, _ in plan.unplaced}
        self.published: dict[str, list[PublishedRecord]] = defaultdict(list)
        for record in extras.published or ():
            self.published[record.post_id].append(record)
        self.assets: dict[str, Content] = {}
        self.logo: str | None = None  # the site path of the brand's logo, once added
        self.zone_name = _zone_name(repo.time_zone)
        self.zone: tzinfo = zone(self.zone_name)
        self.pillar_index = {pid: i % PALETTE_SIZE for i, pid in enumerate(repo.pillars)}
        # content/media/ paths already looked up (see previews.media_file).
        self.media_found: dict[str, Path | None] = {}

    @property
    def brand_name(self) -> str:
        name = self.repo.brand.get("name")
        return name if isinstance(name, str) else "Brand"

    @property
    def ledger_found(self) -> bool:
        return self.extras.published is not None

    def stage(self, post: Post) -> str:
        """Where a post is on the board: its status, or scheduled / published."""
        if self.published.get(post.id):
            return "published"
        if post.status == "approved" and self.entries.get(post.id):
            return "scheduled"
        return post.status if post.status in STAGE_LABELS else "draft"

    def first_moment(self, post: Post) -> datetime | None:
        entries = self.entries.get(post.id)
        return min(e.moment for e in entries) if entries else None

    def local(self, moment: datetime) -> datetime:
        """An instant on the brand's wall clock (calendar and board times)."""
        return moment.astimezone(self.zone)

    def pillar_class(self, pillar: str | None) -> str:
        index = self.pillar_index.get(pillar or "")
        return f"sp-p{index}" if index is not None else "sp-p-none"

    def pillar_name(self, pillar: str | None) -> str:
        found = self.repo.pillars.get(pillar or "")
        return found.name if found is not None and found.name else (pillar or "no pillar")

    def channel_label(self, channel_id: str) -> str:
        from ..platforms import NETWORKS

        channel = self.repo.channels.get(channel_id)
        if channel is None:
            return channel_id
        network = NETWORKS.get(channel.network)
        label = network.label if network is not None else channel.network
        return label if label.lower() == channel_id.lower() else f"{label} ({channel_id})"

    def add_asset(self, site_path: str, content: Content) -> str:
        self.assets.setdefault(site_path, content)
        return site_path


def post_page(post_id: str) -> str:
    """The source path of a post's page."""
    return f"posts/{slug(post_id)}.md"


def _zone_name(name: str | None) -> str:
    if name:
        try:
            zone(name)
        except BadTime:
            return "UTC"
        return name
    return "UTC"
