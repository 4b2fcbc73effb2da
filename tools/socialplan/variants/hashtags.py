"""Hashtags: placing a post's `hashtags:` in its text, and checking their casing.

Placement (a channel's `hashtags.placement`):
- `inline`: a tag whose words already stand in the text becomes a hashtag where they
  first appear (`PourOver` turns "pour over" into "#PourOver"); the others are appended;
- `append`: tags the text does not already carry go on a last line;
- `none`: nothing is added (hashtags written in the text stay).
Tags are added in the order written, up to the channel's cap (see `policy.hashtag_cap`).

CamelCase. Screen readers read `#SpecialtyCoffee` as two words and `#specialtycoffee`
as one unreadable word. Tags are kept exactly as written: nobody can split a lower-case
tag into words reliably. Instead, on a channel with `camel_case: true`, validation
warns about an all-lower-case tag that splits into two or more words the brand itself
uses (`vocabulary`), and suggests the CamelCase form. A tag that is itself a word of
the brand's texts ("breakfast") is never flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import regex

from .pieces import TEXT, tokenize

_WORDS_OF_TAG = regex.compile(
    r"\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{N}+|[\p{L}\p{M}]+"
)
_VOCABULARY_WORD = regex.compile(r"[\p{L}\p{M}]{3,}")
_MIN_WORD = 3


def tag_words(tag: str) -> list[str]:
    """The words of a tag as its capitals and digits show them: `PourOver` -> Pour, Over."""
    return _WORDS_OF_TAG.findall(tag) or [tag]


@lru_cache(maxsize=4096)
def inline_pattern(tag: str) -> re.Pattern[str]:
    """The words of `tag` in running text: "pour over", "pour-over", "PourOver"."""
    joined = r"[ \-]?".join(re.escape(word) for word in tag_words(tag))
    return re.compile(rf"(?<![\w#@/.\-]){joined}(?![\w\-])", re.IGNORECASE)


def key(tag: str) -> str:
    """Tags compare without regard to letter case (#V60 and #v60 are one tag)."""
    return tag.casefold()


def to_add(wanted: Iterable[str], present: Iterable[str], cap: int | None) -> list[str]:
    """The tags of `wanted` not yet in the text, within the cap (counting those present)."""
    seen = {key(tag) for tag in present}
    room = None if cap is None else max(cap - len(seen), 0)
    added: list[str] = []
    for tag in wanted:
        if key(tag) in seen:
            continue
        if room is not None and len(added) >= room:
            break
        seen.add(key(tag))
        added.append(tag)
    return added


def vocabulary(texts: Iterable[str], tags: Iterable[str] = ()) -> frozenset[str]:
    """Every word of three letters or more the brand writes, in lower case.

    Words come from the plain text of `texts` (hashtags, links and mentions left out,
    so that `#specialtycoffee` never vouches for itself) and from the CamelCase `tags`
    (`SpecialtyCoffee` adds "specialty" and "coffee").
    """
    words: set[str] = set()
    for text in texts:
        for piece in tokenize(text):
            if piece.kind == TEXT:
                words.update(word.lower() for word in _VOCABULARY_WORD.findall(piece.shown))
    for tag in tags:
        if not tag.islower():
            words.update(part.lower() for part in tag_words(tag) if len(part) >= _MIN_WORD)
    return frozenset(words)


def may_need_camel_case(tag: str) -> bool:
    """A cheap first test: letters only, all lower case, long enough to be two words."""
    return tag.isalpha() and tag.islower() and len(tag) >= 2 * _MIN_WORD


def camel_case(tag: str, words: frozenset[str]) -> str | None:
    """The CamelCase form of an all-lower-case `tag` made of known words, else None."""
    if not may_need_camel_case(tag) or tag in words:
        return None
    split = _split(tag, words)
    if split is None or len(split) < 2:
        return None
    return "".join(word[:1].upper() + word[1:] for word in split)


def _split(tag: str, words: frozenset[str]) -> list[str] | None:
    """The split of `tag` into known words with the fewest words, None if there is none."""
    best: list[list[str] | None] = [None] * (len(tag) + 1)
    best[0] = []
    for start in range(len(tag)):
        before = best[start]
        if before is None:
            continue
        for end in range(start + _MIN_WORD, len(tag) + 1):
            word = tag[start:end]
            if word in words:
                candidate = [*before, word]
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    return best[len(tag)]
