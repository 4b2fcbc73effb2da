"""X (Twitter): 280 weighted characters, counted as twitter-text v3 counts them.

The rules, from twitter-text's configuration v3: the text is NFC-normalised; every URL
(bare domains such as `example.com/path` included) weighs 23, whatever its length,
because X rewrites it to a t.co link; every emoji weighs 2, however many code points it
is built from (ZWJ families, skin tones, flags, keycaps); any other code point weighs 1
if it lies in 0-4351 (Latin, Greek, Cyrillic, Hebrew, Arabic, Indic...), 8192-8205,
8208-8223 or 8242-8247 (spaces, dashes, quotes, primes) and 2 otherwise (CJK, Hangul,
"…", most symbols, and © and ®, which are emoji).

An emoji is a sequence as `text.find_emoji` finds it, not a whole grapheme cluster: an
accent after an emoji weighs on its own, as it does in twitter-text, whose emoji table
lists sequences. Where that table has no entry this module still sees one emoji: two
regional indicators that are no country's flag, and pictographs joined by ZWJ into no
known emoji weigh 2 here but the sum of their parts on X.

Variant rules: the defaults. A mention is the `@handle` of the people directory; a link
weighs 23 however long its UTM parameters make it.
"""

from __future__ import annotations

import re
import unicodedata

from .base import Network
from .text import find_emoji, find_urls

URL_WEIGHT = 23
EMOJI_WEIGHT = 2

# Code points that weigh 2: everything outside the four ranges that weigh 1.
_HEAVY = re.compile(r"[^\x00-\u10FF\u2000-\u200D\u2010-\u201F\u2032-\u2037]")
# The reference implementation (PyPI twitter-text-parser) turns CR LF and CR into LF
# before counting, so a Windows line break weighs 1, as one typed in X's composer does.
_LINE_BREAK = re.compile(r"\r\n?")


def code_point_weight(code_point: int) -> int:
    """The weight of one code point that is neither in a URL nor in an emoji."""
    if (
        code_point <= 4351
        or 8192 <= code_point <= 8205
        or 8208 <= code_point <= 8223
        or 8242 <= code_point <= 8247
    ):
        return 1
    return 2


def weighted_length(text: str) -> int:
    """The length X gives `text`, to compare with 280."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = _LINE_BREAK.sub("\n", text)
    urls = find_urls(text, bare_domains=True)
    if not urls:
        return _weigh(text)
    total = URL_WEIGHT * len(urls)
    position = 0
    for start, end in urls:
        total += _weigh(text[position:start])
        position = end
    return total + _weigh(text[position:])


def _weigh(text: str) -> int:
    if text.isascii():
        return len(text)
    total = len(text) + len(_HEAVY.findall(text))
    for start, end in find_emoji(text):
        # The emoji's flat weight replaces the weights of its code points.
        emoji = text[start:end]
        total += EMOJI_WEIGHT - len(emoji) - len(_HEAVY.findall(emoji))
    return total


NETWORK = Network(
    name="x",
    label="X",
    text_limit=280,
    text_unit="weighted characters",
    count=weighted_length,
    alt_text_limit=1000,
    # 4 photos (or 1 GIF or video) per post.
    max_images=4,
    supports_threads=True,
)
