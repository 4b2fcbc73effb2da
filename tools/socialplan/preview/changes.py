"""Which posts a pull request adds, changes, moves, deletes or gives a new id.

Posts are matched by `id:`, not by file: moving or renaming a file keeps the post (and
is only listed), while changing an id makes socialplan see a new post. An id change is
recognised as a base post and a head post that are not otherwise matched but share a
file path, a rename git detected, or the very same text; it is called out, because a
published post whose id changes would be published again.

Edits to the strategy can change posts nobody touched (a new handle in people.yaml, a
channel's hashtag policy): when channels.yaml, people.yaml or brand.yaml differ, every
other post's variants are compared too, by content hash, and those that changed are
listed as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..load.model import Post, Repo, publishing_channels
from ..variants.compose import compose
from ..variants.output_files import record

ADDED = "added"
CHANGED = "changed"
MOVED = "moved"
DELETED = "deleted"
ID_CHANGED = "id changed"
RESTYLED = "variants changed"  # unchanged post, variants changed by a strategy edit

# Strategy files whose edits change variants.
VARIANT_INPUTS = ("strategy/channels.yaml", "strategy/people.yaml", "strategy/brand.yaml")


@dataclass
class PostChange:
    kind: str
    post: Post | None  # as in the pull request (None when deleted)
    before: Post | None  # as in the base (None when added)
    fields: list[str] = field(default_factory=list)  # what differs: front matter keys, "text"
    published: set[str] = field(default_factory=set)  # channels the (old) id went out to
    was_published: bool = False  # the (old) id is in the ledger
    channels: list[str] = field(default_factory=list)  # RESTYLED: channels whose variant changed

    @property
    def id(self) -> str:
        post = self.post or self.before
        return post.id if post is not None else ""

    @property
    def moved(self) -> bool:
        return (
            self.post is not None and self.before is not None and self.post.rel != self.before.rel
        )


def differences(before: Post, after: Post) -> list[str]:
    """Front matter keys whose values differ, and "text" when the body does."""
    keys = sorted(set(before.data) | set(after.data))
    found = [key for key in keys if before.data.get(key) != after.data.get(key)]
    if before.body != after.body:
        found.insert(0, "text")
    return found


def compare(
    base: Repo, head: Repo, renames: dict[str, str], published: dict[str, set[str]]
) -> list[PostChange]:
    """Every post that differs between `base` and `head`, in id order."""
    old = {post.id: post for post in base.posts if post.id}
    new = {post.id: post for post in head.posts if post.id}
    changes: list[PostChange] = []
    for ident in sorted(set(old) & set(new)):
        before, after = old[ident], new[ident]
        fields = differences(before, after)
        if fields:
            changes.append(PostChange(CHANGED, after, before, fields))
        elif before.rel != after.rel:
            changes.append(PostChange(MOVED, after, before))
    gone = {ident: old[ident] for ident in set(old) - set(new)}
    arrived = {ident: new[ident] for ident in set(new) - set(old)}
    for before, after in _id_changes(gone, arrived, renames):
        del gone[before.id], arrived[after.id]
        change = PostChange(ID_CHANGED, after, before, differences(before, after))
        changes.append(change)
    changes += [PostChange(DELETED, None, post) for post in gone.values()]
    changes += [PostChange(ADDED, post, None) for post in arrived.values()]
    touched = {change.id for change in changes} | {c.before.id for c in changes if c.before}
    if _variant_inputs_differ(base, head):
        changes += _restyled(base, head, old, new, touched)
    for change in changes:
        ident = change.before.id if change.before is not None else change.id
        change.published = set(published.get(ident, set()))
        change.was_published = ident in published
    return sorted(changes, key=lambda change: (change.id, change.kind))


def _id_changes(
    gone: dict[str, Post], arrived: dict[str, Post], renames: dict[str, str]
) -> list[tuple[Post, Post]]:
    pairs: list[tuple[Post, Post]] = []
    by_path = {post.rel: post for post in arrived.values()}
    by_text: dict[str, Post] = {}
    for post in arrived.values():
        if post.body.strip():
            by_text.setdefault(post.body, post)
    used: set[str] = set()
    for before in sorted(gone.values(), key=lambda p: p.id):
        after = by_path.get(before.rel) or by_path.get(renames.get(before.rel, ""))
        if after is None:
            after = by_text.get(before.body)
        if after is not None and after.id not in used:
            used.add(after.id)
            pairs.append((before, after))
    return pairs


def _variant_inputs_differ(base: Repo, head: Repo) -> bool:
    for rel in VARIANT_INPUTS:
        before, after = base.documents.get(rel), head.documents.get(rel)
        if (before.data if before else None) != (after.data if after else None):
            return True
    return False


def _restyled(
    base: Repo, head: Repo, old: dict[str, Post], new: dict[str, Post], touched: set[str]
) -> list[PostChange]:
    result = []
    for ident in sorted(set(old) & set(new) - touched):
        before, after = old[ident], new[ident]
        if not after.active:
            continue
        was = _hashes(before, base)
        now = _hashes(after, head)
        channels = sorted(c for c in set(was) | set(now) if was.get(c) != now.get(c))
        if channels:
            result.append(PostChange(RESTYLED, after, before, channels=channels))
    return result


def _hashes(post: Post, repo: Repo) -> dict[str, str]:
    if not post.active:
        return {}
    return {
        channel.id: record(post, compose(post, channel, repo.people, repo))["content_hash"]
        for channel in publishing_channels(post, repo)
    }
