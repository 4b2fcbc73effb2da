"""Splitting text into what can be drawn in one go: runs of one font and one direction.

Text is cut into grapheme clusters (what a reader sees as one character: an
emoji with its skin tone, a letter with its accents), each cluster gets the first
font that has all its characters, and each gets a direction. Directions follow the
Unicode bidirectional algorithm's main rules: letters are strong, spaces and
punctuation take the direction of the letters around them, or the paragraph's
when those disagree. Within a run, raqm (FriBiDi and HarfBuzz) does the shaping.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import regex

_EMOJI = regex.compile(
    r"^(?:\p{Emoji_Presentation}(?!\uFE0E)|\p{Extended_Pictographic}\uFE0F|"
    r"\p{Regional_Indicator}{2}|[0-9#*]\uFE0F?\u20E3|.*\u200D\p{Extended_Pictographic})"
)
_CLUSTER = regex.compile(r"\X")
# Scripts written without spaces between words: a line may break between any two
# of their characters (UAX #14, class ID), except before closing punctuation.
_IDEOGRAPHIC = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Bopomofo}\u3000-\u303F\uFF01-\uFF60]"
)
# Never at the start of a line (Japanese kinsoku shori, and Latin closing marks).
NO_LINE_START = frozenset("、。，．・：；？！ー―〜）］｝〕〉》」』】〙〗〟’”»›.,;:!?)]}%")
# Never at the end of a line.
NO_LINE_END = frozenset("（［｛〔〈《「『【〘〖〝‘“«‹([{")


@dataclass(frozen=True)
class Cluster:
    text: str
    face: int  # index into the font chain (or of the machine fonts after it)
    direction: str  # "L", "R", or "N" for neutral (spaces, punctuation, emoji)
    space: bool
    emoji: bool


def is_emoji(cluster: str) -> bool:
    return bool(_EMOJI.match(cluster))


def strong_direction(cluster: str) -> str:
    for char in cluster:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "R"
        if kind in ("L", "EN", "AN"):
            # Numbers are written left to right even in Arabic and Hebrew text.
            return "L"
    return "N"


def paragraph_direction(text: str) -> str:
    """The direction of the first strong letter (UAX #9, rules P2 and P3)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "R"
        if kind == "L":
            return "L"
    return "L"


def clusters(
    text: str, pick: Callable[[str, bool], int], covers_space: Callable[[int], bool]
) -> list[Cluster]:
    """The clusters of `text`, each with its font (`pick(cluster, emoji) -> index`)."""
    found: list[Cluster] = []
    previous_face = 0
    for piece in _CLUSTER.findall(text):
        if piece.isspace():
            face = previous_face if covers_space(previous_face) else 0
            found.append(Cluster(piece, face, "N", True, False))
            continue
        emoji = is_emoji(piece)
        face = pick(piece, emoji)
        previous_face = face
        found.append(Cluster(piece, face, "N" if emoji else strong_direction(piece), False, emoji))
    return found


def resolve_directions(line: list[Cluster], base: str) -> list[str]:
    """Each cluster's direction: neutrals between two alike take theirs, else the base."""
    strong = [c.direction for c in line]
    resolved = list(strong)
    index = 0
    while index < len(line):
        if strong[index] != "N":
            index += 1
            continue
        end = index
        while end < len(line) and strong[end] == "N":
            end += 1
        before = strong[index - 1] if index > 0 else base
        after = strong[end] if end < len(line) else base
        for k in range(index, end):
            resolved[k] = before if before == after else base
        index = end
    return resolved


@dataclass(frozen=True)
class Run:
    text: str
    face: int
    rtl: bool
    emoji: bool


def visual_runs(line: list[Cluster], base: str) -> list[Run]:
    """The runs of a line, left to right as they are drawn (UAX #9, rule L2)."""
    directions = resolve_directions(line, base)
    runs: list[tuple[str, int, str, bool]] = []
    for cluster, direction in zip(line, directions, strict=True):
        if runs and runs[-1][1] == cluster.face and runs[-1][2] == direction:
            text, face, _, emoji = runs[-1]
            runs[-1] = (text + cluster.text, face, direction, emoji and cluster.emoji)
        else:
            runs.append((cluster.text, cluster.face, direction, cluster.emoji))
    base_level = 1 if base == "R" else 0
    levels = [base_level if direction == base else base_level + 1 for _, _, direction, _ in runs]
    order = list(range(len(runs)))
    for level in range(max(levels, default=0), 0, -1):
        index = 0
        while index < len(order):
            if levels[order[index]] < level:
                index += 1
                continue
            end = index
            while end < len(order) and levels[order[end]] >= level:
                end += 1
            order[index:end] = reversed(order[index:end])
            index = end
    return [Run(runs[i][0], runs[i][1], levels[i] % 2 == 1, runs[i][3]) for i in order]


def break_after(line: list[Cluster], index: int) -> bool:
    """May a line end after cluster `index`? (A simplified UAX #14.)"""
    if index + 1 >= len(line):
        return True
    here, after = line[index], line[index + 1]
    if after.space:
        return False  # spaces hang at the end of the line
    if here.space:
        return True
    if after.text[0] in NO_LINE_START or here.text[-1] in NO_LINE_END:
        return False
    if _IDEOGRAPHIC.match(here.text) or _IDEOGRAPHIC.match(after.text):
        return True
    # After a hyphen or dash between letters: "well-|known", "2026–|27".
    return (
        here.text in ("-", "\u2010", "\u2013", "\u2014") and index > 0 and not line[index - 1].space
    )
