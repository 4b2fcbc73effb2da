"""The exact text (and thread) each channel of a post receives: its variant.

Every check, preview and publish shares this composition, so that what reviewers
approve is what goes out. For one post and one channel:

1. the texts: the channel's override `text:`/`thread:` where given, else the body
   and the post's `thread:` (`source_parts`);
2. each text is cut into pieces (`segments.py`) and written the network's way:
   mentions from the people directory, the brand's links UTM-tagged (`utm.py`),
   hashtags and plain text in the network's markup (LinkedIn's little format, Slack's
   escapes), Bluesky's short link labels;
3. generated text only (not an override): the post's hashtags placed by the channel's
   policy, then "Link in bio." or the link (`policy.py`, `hashtags.py`);
4. on a network with threads, a generated part too long for one post is split into a
   thread, with optional 1/3 counters (`splitting.py`);
5. each part is measured against the channel's limit, and Bluesky parts get facets.

An override is the author's exact text for that channel: nothing is added to it or
split from it, and its links stay as written (a channel's `utm: {overrides: true}` tags
them too); only what the network needs is applied (mentions, markup escapes, Bluesky's
link labels and facets). Leading and trailing white space of every part is dropped. A
skipped channel (`skip: true`) gets a variant with no parts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..guards import urls
from ..load.model import Channel, Media, Person, Post, Repo, mapping, text
from ..platforms import NETWORKS, Measure, Network
from ..platforms.text import grapheme_count
from ..problems import Pointer
from . import splitting
from .facets import TAG_MAX_GRAPHEMES, Facet, facets
from .pieces import TAG, Piece, sent_text, shown_text, strip, text_piece, tokenize
from .settings import ChannelPolicy, policy_for
from .writer import Writer, decorate


@dataclass(frozen=True)
class ChannelText:
    """One post as one channel receives it."""

    channel: str
    network: str
    parts: list[str]  # as sent: the first post, then thread replies
    hashtags: list[str]  # the hashtags the text carries, in order, without `#`
    link: str | None  # the post's link, UTM-tagged (in the text, the bio or a field)
    shown: list[str] = field(default_factory=list)  # each part as people see it
    facets: list[list[Facet]] = field(default_factory=list)  # Bluesky, per part
    measures: list[list[Measure]] = field(default_factory=list)  # per part, main first
    sources: list[int] = field(default_factory=list)  # source part of each part
    own: list[bool] = field(default_factory=list)  # part written in an override
    media: list[Media] = field(default_factory=list)
    title: str | None = None  # Pinterest's pin title
    link_placement: str = "append"  # inline | append | bio | none | field
    skipped: bool = False
    split: bool = False  # a part was split into a thread automatically
    counters: bool = False
    tag_counts: list[int] = field(default_factory=list)  # hashtags in each part

    @property
    def fits(self) -> bool:
        """No part over any limit."""
        return not any(m.over for part in self.measures for m in part)


def source_parts(
    post: Post, channel_id: str, threads: bool = True
) -> list[tuple[str, Pointer | None]]:
    """The texts written for one channel, before composition, with where each is.

    The override's text and thread win over the body and the post's thread. On
    a network without threads (`threads=False`) an override `text` is the whole
    text: the post's `thread:` is not appended to it. Elsewhere the override's
    text opens the post's thread, unless the override has a `thread:` of its own.
    The body has no pointer: it is not inside the YAML front matter.
    """
    override = post.overrides.get(channel_id)
    parts: list[tuple[str, Pointer | None]] = []
    if override and override.text is not None:
        parts.append((override.text, ("overrides", channel_id, "text")))
    else:
        parts.append((post.body, None))
    if override and override.thread is not None:
        parts += [
            (t, ("overrides", channel_id, "thread", i)) for i, t in enumerate(override.thread)
        ]
    elif threads or not (override and override.text is not None):
        parts += [(t, ("thread", i)) for i, t in enumerate(post.thread)]
    return parts


def network_of(channel: Channel) -> Network:
    """The channel's network; a plain one for a name the schema has already refused."""
    known = NETWORKS.get(channel.network)
    if known is not None:
        return known
    return Network(channel.network, channel.network, 10**9, "characters", len)


def compose(
    post: Post, channel: Channel, people: dict[str, Person], repo: Repo | None = None
) -> ChannelText:
    """The variant of `post` for `channel`.

    With `repo`, links to the brand's `site_url` are UTM-tagged too, not only the
    post's own link, and the result is kept on the repository: validation, the
    variant files, the calendar and the site all ask for the same variants, and a
    loaded repository does not change.
    """
    if repo is None:
        return _compose(post, channel, people, None)
    key = (post.rel, channel.id)
    known = repo.variants.get(key)
    if known is None or known[0] is not people:
        known = (people, _compose(post, channel, people, repo))
        repo.variants[key] = known
    result: ChannelText = known[1]
    return result


def _compose(
    post: Post, channel: Channel, people: dict[str, Person], repo: Repo | None
) -> ChannelText:
    network = network_of(channel)
    override = post.overrides.get(channel.id)
    media = override.media if override is not None and override.media is not None else post.media
    title = _title(post, channel.id) if network.has_title else None
    policy = policy_for(channel, network)
    if override is not None and override.skip:
        return ChannelText(
            channel.id,
            channel.network,
            [],
            [],
            None,
            media=list(media),
            title=title,
            link_placement=policy.link_placement,
            skipped=True,
        )
    # An address that fails the URL check is not used (validation reports it).
    link = urls.checked(override.link if override is not None and override.link else post.link)
    site = urls.checked(text(repo.brand, "site_url")) if repo is not None else None
    writer = Writer(network, people, post, policy, link, site)
    own_first = override is not None and override.text is not None
    own_rest = override is not None and override.thread is not None
    parts: list[list[Piece]] = []
    own: list[bool] = []
    for index, (source, _) in enumerate(
        source_parts(post, channel.id, network_of(channel).supports_threads)
    ):
        is_own = own_first if index == 0 else own_rest
        parts.append(strip(writer.write(tokenize(source), own=is_own)))
        own.append(is_own)
    if not own[0] and parts[0]:
        given = override.hashtags if override is not None else None
        parts[0] = decorate(parts, writer, post.hashtags if given is None else given)
    return _finish(channel, network, policy, parts, own, writer, list(media), title)


def _finish(
    channel: Channel,
    network: Network,
    policy: ChannelPolicy,
    parts: list[list[Piece]],
    own: list[bool],
    writer: Writer,
    media: list[Media],
    title: str | None,
) -> ChannelText:
    thread, was_split, counted = _thread(network, policy, parts, own)
    tag_ok = _tag_ok if network.hashtag_max_graphemes else None
    tags: dict[str, str] = {}
    tag_counts = []
    for part in thread:
        found = [piece.value for piece in part.pieces if piece.kind == TAG]
        tag_counts.append(len(found))
        for tag in found:
            tags.setdefault(tag.casefold(), tag)
    return ChannelText(
        channel=channel.id,
        network=channel.network,
        parts=[part.text for part in thread],
        hashtags=list(tags.values()),
        link=writer.tagged_link,
        shown=[shown_text(part.pieces) for part in thread],
        facets=[facets(part.pieces, tag_ok) if network.facets else [] for part in thread],
        measures=[
            part.measures or network.measure(part.text, policy.text_limit) for part in thread
        ],
        sources=[part.source for part in thread],
        own=[own[part.source] for part in thread],
        media=media,
        title=title,
        link_placement=policy.link_placement,
        split=was_split,
        counters=counted,
        tag_counts=tag_counts,
    )


@dataclass
class _Part:
    pieces: list[Piece]
    source: int
    text: str = ""
    measures: list[Measure] | None = None  # when already measured as it is sent

    def __post_init__(self) -> None:
        self.text = sent_text(self.pieces)


def _thread(
    network: Network, policy: ChannelPolicy, parts: list[list[Piece]], own: list[bool]
) -> tuple[list[_Part], bool, bool]:
    """The parts as posted: generated ones split where too long, then numbered."""
    limit = policy.text_limit

    def build(room: str) -> list[_Part]:
        def fits(candidate: str) -> bool:
            return network.fits(candidate + room, limit)

        result: list[_Part] = []
        for index, pieces in enumerate(parts):
            part = _Part(pieces, index)
            if own[index] or not policy.split or not pieces:
                result.append(part)
                continue
            if not room:
                # Measured once: kept for the variant when the part fits as it is.
                part.measures = network.measure(part.text, limit)
                if not any(measure.over for measure in part.measures):
                    result.append(part)
                    continue
            chunks = splitting.split(pieces, fits, hint=limit)
            result += [_Part(list(chunk.pieces), index) for chunk in chunks]
        return result

    thread = build("")
    was_split = len(thread) > len(parts)
    if not policy.counters or len(thread) < 2 or any(own):
        return thread, was_split, False
    total = len(thread)
    while True:
        thread = build(splitting.counter_room(total))
        if len(str(len(thread))) <= len(str(total)):
            break
        total = len(thread)
    numbered = [
        _Part([*part.pieces, text_piece(splitting.counter(i, len(thread)))], part.source)
        for i, part in enumerate(thread)
    ]
    return numbered, len(thread) > len(parts), True


def _tag_ok(tag: str) -> bool:
    return grapheme_count(tag) <= TAG_MAX_GRAPHEMES


def _title(post: Post, channel_id: str) -> str:
    own = mapping(mapping(post.data, "overrides"), channel_id).get("title")
    return own if isinstance(own, str) else post.title
