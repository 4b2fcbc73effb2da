"""Writing a post's pieces for one network, and adding what the channel's policy asks for.

`Writer.write` turns network-independent pieces (`segments.tokenize`) into what the
network receives: mentions resolved, own links UTM-tagged, markup escaped. `decorate`
adds the generated parts of a variant to its first part: hashtags (inline or appended),
"Link in bio." and the link.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..load.model import Person, Post
from ..platforms import Network
from ..platforms.base import as_is
from . import hashtags, utm
from .mentions import written
from .pieces import (
    DOMAIN,
    ENTITY,
    HANDLE,
    LINK,
    MENTION_KIND,
    TAG,
    TEXT,
    Piece,
    strip_end,
    text_piece,
    tokenize,
)
from .settings import ChannelPolicy

PARAGRAPH = "\n\n"


class Writer:
    """Writes pieces for one network, channel and post."""

    def __init__(
        self,
        network: Network,
        people: dict[str, Person],
        post: Post,
        policy: ChannelPolicy,
        link: str | None,
        site_url: str | None,
    ) -> None:
        self.network = network
        self.people = people
        self.policy = policy
        self.link = link
        self.parameters: dict[str, str] | None = None
        if policy.utm:
            campaign = post.campaign or policy.utm_campaign
            self.parameters = utm.parameters(
                policy.utm_source, policy.utm_medium, campaign, post.id
            )
        self.hosts = utm.own_hosts(link, site_url)
        self.tagged_link = self.tag(link) if link else None
        self.links_written: set[str] = set()  # URLs as the author wrote them
        self._plain = network.escape is as_is

    def tag(self, url: str) -> str:
        if self.parameters is None or not utm.is_own(url, self.hosts):
            return url
        return utm.tag(url, self.parameters)

    def write(self, pieces: Sequence[Piece], *, own: bool = False) -> list[Piece]:
        """`pieces` as the network receives them; `own` for an override's text, whose
        links keep their UTM parameters as written unless the channel says otherwise."""
        tagging = self.parameters is not None and (not own or self.policy.utm_overrides)
        return [self.piece(piece, tagging) for piece in pieces]

    def piece(self, piece: Piece, tagging: bool = True) -> Piece:
        network = self.network
        kind = piece.kind
        if kind == TEXT:
            return piece if self._plain else Piece(TEXT, network.escape(piece.shown), piece.shown)
        if kind == LINK:
            self.links_written.add(piece.shown)
            url = self.tag(piece.shown) if tagging else piece.shown
            sent, shown = network.write_link(url)
            return Piece(LINK, sent, shown, url)
        if kind == TAG:
            return self.hashtag(piece.value)
        if kind == ENTITY:
            person = self.people.get(piece.value)
            if person is None:
                return Piece(ENTITY, network.escape(piece.shown), piece.shown, piece.value)
            form = written(person, network.name)
            if form is None:
                return Piece(MENTION_KIND, network.escape(person.name), person.name)
            handle = "" if network.mentions_by_name else person.handles.get(network.name, "")
            return Piece(MENTION_KIND, form[0], form[1], handle.lstrip("@"))
        if kind in (DOMAIN, HANDLE):
            return (
                piece
                if self._plain
                else Piece(kind, network.escape(piece.shown), piece.shown, piece.value)
            )
        return piece

    def hashtag(self, tag: str) -> Piece:
        sent, shown = self.network.write_hashtag(tag)
        return Piece(TAG, sent, shown, tag)

    def text(self, content: str) -> list[Piece]:
        return self.write(tokenize(content))


def decorate(parts: list[list[Piece]], writer: Writer, wanted: Sequence[str]) -> list[Piece]:
    """The first part with the post's hashtags, bio wording and link added by policy."""
    policy = writer.policy
    first = list(parts[0])
    present = [p.value for part in parts for p in part if p.kind == TAG]
    adding: list[str] = []
    if policy.hashtag_placement != "none":
        adding = hashtags.to_add(wanted, present, policy.hashtag_max)
    if policy.hashtag_placement == "inline" and adding:
        first, placed = _inline(first, adding, writer)
        adding = [tag for tag in adding if tag not in placed]
    tail: list[list[Piece]] = []
    link = writer.link
    if link and policy.link_placement == "bio" and not _says(first, policy.bio_text):
        tail.append(writer.text(policy.bio_text))
    if adding:
        tags: list[Piece] = []
        for tag in adding:
            tags += [text_piece(" "), writer.hashtag(tag)] if tags else [writer.hashtag(tag)]
        if not tail and _last_line_is_tags(first):
            first = [*strip_end(first), text_piece(" "), *tags]
        else:
            tail.append(tags)
    if link and policy.link_placement in ("append", "inline") and link not in writer.links_written:
        tail.append(writer.write(tokenize(link)))
    for block in tail:
        first = [*strip_end(first), text_piece(PARAGRAPH), *block]
    return first


def _inline(pieces: list[Piece], tags: list[str], writer: Writer) -> tuple[list[Piece], set[str]]:
    """Turn the first plain-text occurrence of each tag's words into the hashtag."""
    placed: set[str] = set()
    for tag in tags:
        pattern = hashtags.inline_pattern(tag)
        for index, piece in enumerate(pieces):
            if piece.kind != TEXT:
                continue
            match = pattern.search(piece.shown)
            if match is None:
                continue
            before, after = piece.shown[: match.start()], piece.shown[match.end() :]
            replaced = [writer.hashtag(tag)]
            if before:
                replaced.insert(0, writer.write([text_piece(before)])[0])
            if after:
                replaced.append(writer.write([text_piece(after)])[0])
            pieces = [*pieces[:index], *replaced, *pieces[index + 1 :]]
            placed.add(tag)
            break
    return pieces, placed


def _says(pieces: Sequence[Piece], wording: str) -> bool:
    """Whether the text already points to the bio ("link in bio", or the channel's words)."""
    shown = "".join(p.shown for p in pieces).casefold()
    return "link in bio" in shown or wording.casefold().strip(" .!") in shown


def _last_line_is_tags(pieces: Sequence[Piece]) -> bool:
    """Whether the text ends with a line holding only hashtags (more join that line)."""
    seen_tag = False
    for piece in reversed(strip_end(list(pieces))):
        if piece.kind == TAG:
            seen_tag = True
            continue
        if piece.kind != TEXT:
            return False
        if "\n" in piece.shown:
            return seen_tag and not piece.shown.rsplit("\n", 1)[1].strip()
        if piece.shown.strip():
            return False
    return seen_tag
