"""Brand voice: words the brand never uses."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..load.model import Repo, mapping, texts
from ..problems import Problem, error
from .common import at_text, post_texts


def banned_pattern(words: list[str]) -> re.Pattern[str] | None:
    """One pattern for all banned words and phrases, matched as whole words."""
    cleaned = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    # Spaces in a phrase match any run of white space (a line break in a post).
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in cleaned)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def check(repo: Repo) -> Iterator[Problem]:
    voice = mapping(repo.brand, "voice")
    words = texts(voice, "banned_words")
    pattern = banned_pattern(words)
    if pattern is None:
        return
    # A banned phrase can only match where its first word occurs: a cheap
    # substring test skips the regex for almost every text.
    firsts = {w.split()[0].lower() for w in words if w.strip()}
    for post in repo.posts:
        if post.status == "cancelled":
            continue
        for content, pointer in post_texts(post):
            lower = content.lower()
            if not any(first in lower for first in firsts):
                continue
            for match in pattern.finditer(content):
                yield at_text(
                    error,
                    "banned-word",
                    post,
                    pointer,
                    match.start(),
                    f"`{match.group(0)}` is on the brand's banned list (strategy/brand.yaml)",
                    "say it in the brand's own words; see `voice.do` in strategy/brand.yaml",
                )
        for index, tag in enumerate(post.hashtags):
            if pattern.search(tag) or pattern.fullmatch(tag):
                yield error(
                    "banned-word",
                    post.rel,
                    f"the hashtag `#{tag}` uses a banned word",
                    "pick another hashtag",
                    pointer=("hashtags", index),
                )
