"""Splitting text too long for one post into a thread, and numbering the thread.

A part is cut where a reader expects a pause: at a paragraph if one is close enough to
the limit, else at the end of a sentence or line, else between words, and only when a
single word is longer than a whole post, between two grapheme clusters. A cut never
falls inside an atom (a URL, a mention, a hashtag: see `segments.py`) nor inside a
grapheme cluster (an emoji sequence, a letter and its accents, a flag).

The only characters a split removes are the white space at each cut (kept in
`Chunk.separator`, so that the chunks and separators join back into the input); the
only ones it adds are counters (" 1/3"), which are reserved while splitting so that every
part still fits with its counter.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex

from .pieces import TEXT, Piece

Fits = Callable[[str], bool]

# Break classes, best first.
PARAGRAPH, SENTENCE, WORD, GRAPHEME = 0, 1, 2, 3
# A break of a better class is taken when it keeps at least this share of the text the
# furthest possible break would: a sentence end early in the part is no reason to post
# a stub.
_GOOD_ENOUGH = 0.5

_GRAPHEME = regex.compile(r"\X")
_SPACE = regex.compile(r"[\p{White_Space}]+")
# Full-width sentence ends are followed by no space in Chinese and Japanese.
_CJK_END = regex.compile(r"[。！？][」』）]*")
# Characters that belong to the cluster before them (marks, ZWJ, emoji modifiers), and
# those that belong to the cluster after them (prepended concatenation marks).
_JOINS_PREVIOUS = regex.compile(r"[\p{GCB=Extend}\p{GCB=ZWJ}\p{GCB=SpacingMark}]")
_JOINS_NEXT = regex.compile(r"\p{GCB=Prepend}")


@dataclass(frozen=True)
class Chunk:
    pieces: tuple[Piece, ...]
    separator: str  # the white space removed after this chunk


@dataclass(frozen=True, order=True)
class _Break:
    end: int  # the chunk before the break ends here
    resume: int  # the next chunk starts here
    kind: int


def counter(index: int, total: int) -> str:
    """The counter of part `index` (0-based) of `total`, with the space before it."""
    return f" {index + 1}/{total}"


def counter_room(total: int) -> str:
    """Text as wide as the widest counter of a thread of `total` parts."""
    digits = "9" * len(str(total))
    return f" {digits}/{digits}"


def split(pieces: Sequence[Piece], fits: Fits, hint: int = 280) -> list[Chunk]:
    """`pieces` cut into chunks that each fit, at the best breaks available.

    Plain-text pieces must be sent as shown (no escaping), as on every network with
    threads. A chunk that cannot fit (one atom longer than a whole post) is kept whole
    and left for validation to report. `hint` is about how many characters fit in one
    chunk (the limit): searching starts there, whatever the network counts.
    """
    text = "".join(piece.sent for piece in pieces)
    if fits(text):
        return [Chunk(tuple(pieces), "")]
    atoms = _atoms(pieces)
    breaks = _breaks(text, atoms)
    ends = [b.end for b in breaks]
    chunks: list[tuple[int, int, str]] = []
    start = 0
    while start < len(text):
        first = bisect.bisect_right(ends, start)
        guess = bisect.bisect_right(ends, start + hint) - 1 - first
        chosen = _choose(text, start, breaks, first, atoms, fits, guess)
        chunks.append((start, chosen.end, text[chosen.end : chosen.resume]))
        start = chosen.resume
    offsets = [0]
    for piece in pieces:
        offsets.append(offsets[-1] + len(piece.sent))
    return [Chunk(_slice(pieces, offsets, a, b), separator) for a, b, separator in chunks]


def _choose(
    text: str,
    start: int,
    breaks: list[_Break],
    first: int,
    atoms: dict[int, int],
    fits: Fits,
    guess: int,
) -> _Break:
    """Where the chunk beginning at `start` ends (breaks[first:] all lie after `start`)."""
    count = len(breaks) - first
    furthest = _furthest(count, lambda i: fits(text[start : breaks[first + i].end]), guess)
    if furthest == count - 1 and fits(text[start:]):
        return _Break(len(text), len(text), PARAGRAPH)  # the rest fits: the last chunk
    furthest = furthest + first if furthest >= 0 else -1
    # Inside the word after the furthest break, a cut between graphemes may fit further.
    after = breaks[furthest].resume if furthest >= 0 else start
    following = furthest + 1 if furthest >= 0 else first
    until = breaks[following].end if following < len(breaks) else len(text)
    inside = None if atoms.get(after) == until else _grapheme_cut(text, start, after, until, fits)
    if furthest < 0:
        if inside is not None:
            return _Break(inside, inside, GRAPHEME)
        # Nothing fits: the shortest chunk there is, left for validation to report.
        return breaks[first] if first < len(breaks) else _Break(len(text), len(text), GRAPHEME)
    best = breaks[furthest]
    if inside is not None and best.end - start < (inside - start) * _GOOD_ENOUGH:
        return _Break(inside, inside, GRAPHEME)  # one very long word: cut it
    enough = start + (best.end - start) * _GOOD_ENOUGH
    for kind in (PARAGRAPH, SENTENCE):
        for index in range(furthest, first - 1, -1):
            candidate = breaks[index]
            if candidate.end < enough:
                break
            if candidate.kind == kind:
                return candidate
    return best


def _grapheme_cut(text: str, start: int, after: int, until: int, fits: Fits) -> int | None:
    """The furthest cut between grapheme clusters in (after, until) that fits, if any."""
    cuts = []
    offset = after
    for cluster in _GRAPHEME.findall(text, after, until):
        offset += len(cluster)
        if offset < until:
            cuts.append(offset)
    index = _furthest(len(cuts), lambda i: fits(text[start : cuts[i]]), len(cuts) // 2)
    return cuts[index] if index >= 0 else None


def _furthest(count: int, fits_at: Callable[[int], bool], guess: int = 0) -> int:
    """The largest i < count with fits_at(i), or -1; fits_at must hold up to some i only.

    A longer chunk never counts less (cuts fall outside atoms). The search starts at
    `guess` and gallops (1, 2, 4, ... away) until it brackets the answer, then bisects:
    a handful of measurements, each of a chunk about as long as the one chosen.
    """
    if count <= 0:
        return -1
    probe = min(max(guess, 0), count - 1)
    step = 1
    if fits_at(probe):
        low, high = probe, count
        while low + step < count:
            if not fits_at(low + step):
                high = low + step
                break
            low += step
            step *= 2
    else:
        low, high = -1, probe
        while high - step >= 0:
            if fits_at(high - step):
                low = high - step
                break
            high -= step
            step *= 2
    # fits_at(low) holds (or low is -1) and fits_at(high) does not (or high is count).
    while high - low > 1:
        middle = (low + high) // 2
        if fits_at(middle):
            low = middle
        else:
            high = middle
    return low


def _atoms(pieces: Sequence[Piece]) -> dict[int, int]:
    """Start -> end of every atom, in text offsets."""
    found: dict[int, int] = {}
    position = 0
    for piece in pieces:
        end = position + len(piece.sent)
        if piece.kind != TEXT:
            found[position] = end
        position = end
    return found


def _breaks(text: str, atoms: dict[int, int]) -> list[_Break]:
    """Every place between words (or atoms) a chunk may end, best kind kept per place."""
    inside: list[tuple[int, int]] = sorted(atoms.items())
    # Only an atom holding white space (a name written out) can swallow a space's break.
    spacey = [(a, b) for a, b in inside if _SPACE.search(text, a, b)]
    found: dict[int, _Break] = {}
    size = len(text)
    for match in _SPACE.finditer(text):
        run_start, run_end = match.span()
        if run_start == 0:
            continue
        plain = text[run_start - 1].isascii() and (run_end == size or text[run_end].isascii())
        if not plain and not (_cut_ok(text, run_start) and _cut_ok(text, run_end)):
            continue
        if spacey and (_within(spacey, run_start) or _within(spacey, run_end)):
            continue
        newlines = match.group().count("\n")
        if newlines >= 2:
            kind = PARAGRAPH
        elif newlines or _ends_sentence(text, run_start):
            kind = SENTENCE
        else:
            kind = WORD
        found[run_start] = _Break(run_start, run_end, kind)

    def glued(cut: int) -> bool:
        """A cut with no space on either side, between clusters and outside atoms."""
        return (
            0 < cut < len(text)
            and cut not in found
            and not text[cut - 1].isspace()
            and not text[cut].isspace()
            and _cut_ok(text, cut)
            and not _within(inside, cut)
        )

    for match in _CJK_END.finditer(text):
        if glued(match.end()):
            found[match.end()] = _Break(match.end(), match.end(), SENTENCE)
    # An atom glued to text ("(https://...)"): its edges are breaks of the last resort.
    for start, end in inside:
        for cut in (start, end):
            if glued(cut):
                found[cut] = _Break(cut, cut, GRAPHEME)
    return sorted(found.values())


_SENTENCE_ENDERS = frozenset(".!?…。！？‼⁇⁈⁉")
_CLOSERS = frozenset("\"'”’»)]」』")


def _ends_sentence(text: str, position: int) -> bool:
    """Whether the text before `position` ends a sentence (closing quotes allowed)."""
    index = position - 1
    while index >= 0 and text[index] in _CLOSERS:
        index -= 1
    return index >= 0 and text[index] in _SENTENCE_ENDERS


def _within(atoms: list[tuple[int, int]], position: int) -> bool:
    index = bisect.bisect_right(atoms, (position, 10**12)) - 1
    return index >= 0 and atoms[index][0] < position < atoms[index][1]


def _cut_ok(text: str, position: int) -> bool:
    """Whether a cut at `position` falls between two grapheme clusters (at a space or an
    atom's edge: letters and their marks, emoji and their modifiers stay together)."""
    if position <= 0 or position >= len(text):
        return True
    before, after = text[position - 1], text[position]
    if before.isascii() and after.isascii():
        return not (before == "\r" and after == "\n")
    return _JOINS_PREVIOUS.match(text, position) is None and (
        _JOINS_NEXT.match(text, position - 1) is None
    )


def _slice(pieces: Sequence[Piece], offsets: list[int], start: int, end: int) -> tuple[Piece, ...]:
    """The pieces covering text[start:end]; plain text is cut, atoms never are.

    `offsets[i]` is where piece i starts: a long text has thousands of pieces, and
    walking them all again for every chunk made splitting it quadratic.
    """
    result: list[Piece] = []
    for index in range(max(bisect.bisect_right(offsets, start) - 1, 0), len(pieces)):
        piece, position = pieces[index], offsets[index]
        length = len(piece.sent)
        a, b = max(start - position, 0), min(end - position, length)
        if a < b:
            if a == 0 and b == length:
                result.append(piece)
            else:
                cut = piece.sent[a:b]
                result.append(Piece(piece.kind, cut, cut, piece.value))
        if position + length >= end:
            break
    return tuple(result)
