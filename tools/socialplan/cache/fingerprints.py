"""Fingerprints of what a piece of build output is made from, so a rebuild can skip it.

`socialplan build` writes thousands of files (variants, calendar events, post
pages) from a repository in which usually one post changed. Each step keeps,
under `build/cache/`, the fingerprint of the inputs each piece was made from;
a piece whose fingerprint is unchanged is reused instead of made again.

A fingerprint must cover everything the piece reads, or a rebuild would keep
a stale piece. So they are deliberately coarse:

- `strategy(repo)`: every strategy file as the build read it, and the code
  of socialplan itself; any edit there remakes everything;
- `post(repo, post)`: the post's file as it was read (its path, front matter
  and body);
- whatever else a step reads (a post's times in the schedule, its images)
  is added by that step with `combine`.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..load.loader import POSTS
from ..load.model import Post, Repo


def combine(*parts: object) -> str:
    """One fingerprint for several values (strings, numbers, lists, None...)."""
    text = json.dumps(parts, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


@cache
def code() -> str:
    """socialplan's own version and source files: a new version or an edited module
    (in an editable install) must not reuse what the old code made."""
    package = Path(__file__).resolve().parent
    items: list[Any] = [__version__]
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".css", ".yml", ".json")):
                stat = os.stat(os.path.join(folder, name))
                items.append((os.path.join(folder, name), stat.st_size, stat.st_mtime_ns))
    return combine(*items)


def strategy(repo: Repo) -> str:
    """Every strategy file as it was read (not as it is now on disk: the build uses
    what it loaded), and the code: what all posts' outputs share."""
    digest = hashlib.sha1(code().encode(), usedforsecurity=False)
    posts = POSTS.as_posix() + "/"
    for rel in sorted(repo.documents):
        if not rel.startswith(posts):
            _add(digest, rel, repo.documents[rel].text)
    # Personas and competitors are Markdown files: their prose is not in the YAML.
    for kind, items in (("persona", repo.personas), ("competitor", repo.competitors)):
        for ident in sorted(items):
            _add(digest, kind, ident, items[ident].body)
    return digest.hexdigest()


def post(repo: Repo, item: Post) -> str:
    """A post's file as it was read: its path, its front matter and its body."""
    document = repo.documents.get(item.rel)
    digest = hashlib.sha1(usedforsecurity=False)
    _add(digest, item.rel, document.text if document is not None else "\0none", item.body)
    return digest.hexdigest()


def _add(digest: Any, *texts: str) -> None:
    for text in texts:
        data = text.encode("utf-8", "surrogatepass")
        # Length-prefixed, so that no two different lists of texts hash alike.
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
