"""Text pieces every network counts: graphemes, emoji, URLs, mentions and hashtags.

URL finding follows twitter-text (v3), the grammar X counts with and Mastodon builds on:
a URL needs a domain with a known top-level domain, trailing punctuation is left out,
balanced parentheses are kept. `UrlFinder` and `url_pattern` let a network swap the
parts of that grammar it changed (Mastodon's path characters and schemes).

Known limitation: twitter-text carries the whole IANA list of top-level domains; this
module knows the common generic ones and every two-letter country code (see `_GTLDS`,
`_CCTLDS`). A bare domain with a rarer TLD (`hello.scot`) is not found here although X
would link it, and an internationalised TLD (`例え.テスト`) is not found either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

Span = tuple[int, int]

_GRAPHEME = regex.compile(r"\X")
# A cluster is an emoji if it holds a pictographic code point, pairs two regional
# indicators (a flag), or is a keycap (digit, # or * then U+20E3).
_EMOJI_CLUSTER = regex.compile(
    r"\p{Extended_Pictographic}|\p{Regional_Indicator}\p{Regional_Indicator}|^[0-9#*]\uFE0F?\u20E3"
)
# Cheap test for "may hold an emoji cluster", so that plain text skips segmentation.
_EMOJI_HINT = regex.compile(r"[\p{Extended_Pictographic}\p{Regional_Indicator}\u20E3]")


def graphemes(text: str) -> list[str]:
    """The user-perceived characters (extended grapheme clusters, UAX #29) of `text`."""
    if text.isascii() and "\r\n" not in text:
        return list(text)
    return _GRAPHEME.findall(text)


def grapheme_count(text: str) -> int:
    """How many user-perceived characters `text` has."""
    if text.isascii():
        # In ASCII only CR LF is a cluster of two code points.
        return len(text) - text.count("\r\n")
    return len(_GRAPHEME.findall(text))


def may_hold_emoji(text: str) -> bool:
    """False when `text` surely holds no emoji cluster (a fast pre-check)."""
    return not text.isascii() and _EMOJI_HINT.search(text) is not None


def is_emoji_cluster(cluster: str) -> bool:
    """Whether one grapheme cluster is an emoji (ZWJ sequence, skin tone, flag, keycap...)."""
    return _EMOJI_CLUSTER.search(cluster) is not None


# One emoji as a sequence of code points (UTS #51): a keycap, a flag (two regional
# indicators), a subdivision flag (black flag and tags), or pictographs joined by ZWJ,
# each with an optional presentation selector or skin tone. Marks that follow an emoji
# in the same grapheme cluster are not part of it.
_EMOJI_ELEMENT = (
    r"(?:\U0001F3F4[\U000E0020-\U000E007E]+\U000E007F"
    r"|\p{Emoji_Modifier_Base}\p{Emoji_Modifier}"
    # U+FE0F belongs to an emoji only after one shown as text by default ("❤️"); after
    # any other pictograph ("😀", or "♡" that is no emoji) it is a code point of its own.
    r"|(?=\p{Emoji_Presentation})\p{Extended_Pictographic}"
    r"|(?=\p{Emoji})\p{Extended_Pictographic}\uFE0F"
    r"|\p{Extended_Pictographic})"
)
_EMOJI_SEQUENCE = regex.compile(
    rf"[0-9#*]\uFE0F?\u20E3|\p{{Regional_Indicator}}\p{{Regional_Indicator}}"
    rf"|{_EMOJI_ELEMENT}(?:\u200D{_EMOJI_ELEMENT})*"
)


def find_emoji(text: str) -> list[Span]:
    """Spans of the emoji sequences in `text`, the way twitter-text's emoji table finds them.

    Unlike a grapheme cluster, a sequence stops where the emoji does: in "😀" followed by
    a combining accent, the accent is not part of the emoji.
    """
    if not may_hold_emoji(text):
        return []
    return [match.span() for match in _EMOJI_SEQUENCE.finditer(text)]


def utf8_length(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8"))


# --- URLs: twitter-text's grammar -------------------------------------------------

# Top-level domains: generic ones in common use, each also in twitter-text's list (the
# rest is the limitation above).
# Order does not matter: each must be followed by a character that cannot continue a
# domain, so "com" never matches the start of "company".
_GTLDS = """
    abogado academy accountant aero africa agency amsterdam android apartments app apple art
    asia attorney audio auto baby bank bar barcelona basketball bayern beauty beer berlin
    best bet bible bike bio biz blog boutique brussels business buy bzh cafe capital care
    career careers cars casino cat center charity chrome church city click clinic cloud club
    codes coffee college com community company computer consulting cool coop country credit
    cricket cymru dating day deals democrat dental design dev diamonds digital directory
    discount docs domains drive earth eco edu education email energy engineering estate eus
    events expert express faith family fan fans farm fashion film finance financial fitness
    flights foo food football foundation frl fun fund fyi gal gallery game games garden gent
    gift gifts global gmbh golf google gop gov green group guide guru hamburg health help
    hockey holiday homes host hosting hotels house how immo immobilien inc info institute
    insurance insure int international investments istanbul jetzt jewelry jobs kitchen koeln
    land lat law lawyer legal life link live llc loans lol london love ltd madrid market
    marketing markets media meme microsoft mil mobi money moscow mov movie museum name net
    network new news ngo ninja nrw nyc one online org ovh page paris party photo photography
    photos pics pizza place play plus poker post press pro properties pub quebec racing
    radio realty recipes reisen rentals report republican restaurant review reviews rocks
    rsvp rugby ruhr run saarland sale school science scot search services sexy shop shopping
    site ski soccer social software solar solutions soy space store studio style support
    surf swiss systems tax taxi team tech technology tel tennis tips tirol today tokyo tools
    top tours town travel university versicherung video vip vlaanderen vote voting wales
    watch website wedding wien wiki win wine work works world wtf xxx xyz yoga youtube zip
    zone zuerich
"""
# Every two-letter country code in the root zone, plus the retired ones twitter-text
# still lists (an, bl, bq, eh, mf, tp, um), so that X's count is matched.
_CCTLDS = """
    ac ad ae af ag ai al am an ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm
    bn bo bq br bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz
    de dj dk dm do dz ec ee eg eh er es et eu fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl
    gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo
    jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mf mg
    mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz
    om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si
    sj sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tp tr tt tv
    tw tz ua ug uk um us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw
"""


def _alternation(words: str) -> str:
    unique = sorted(set(words.split()) - {""}, key=lambda word: (-len(word), word))
    return "|".join(unique)


_SPACES = r"\x09-\x0D\x20\x85\xA0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000"
_INVALID = r"\uFFFE\uFEFF\uFFFF"
_DIRECTIONAL = r"\u202A-\u202E\u061C\u200E\u200F\u2066\u2067\u2068\u2069"
_PUNCTUATION = r"!'#%&'()*+,\\\-./:;<=>?@\[\]^_{|}~$"
_LATIN_ACCENTS = (
    r"\xC0-\xD6\xD8-\xF6\xF8-\xFF\u0100-\u024F\u0253\u0254\u0256\u0257\u0259\u025B\u0263"
    r"\u0268\u026F\u0272\u0289\u028B\u02BB\u0300-\u036F\u1E00-\u1EFF"
)
_CYRILLIC = r"\u0400-\u04FF"

_DOMAIN_CHAR = rf"[^{_PUNCTUATION}{_SPACES}{_INVALID}{_DIRECTIONAL}]"
_SUBDOMAIN = rf"(?:(?:{_DOMAIN_CHAR}(?:[_-]|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\.)"
_DOMAIN_NAME = rf"(?:(?:{_DOMAIN_CHAR}(?:-|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\.)"
_TLD_END = r"(?=[^0-9a-zA-Z@+-]|\Z)"
_TLD = (
    rf"(?:(?:{_alternation(_GTLDS)}){_TLD_END}|(?:{_alternation(_CCTLDS)}){_TLD_END}"
    r"|xn--[\-0-9a-z]+)"
)
_DOMAIN = rf"(?:{_SUBDOMAIN}*{_DOMAIN_NAME}{_TLD})"
# What may stand just before a URL: not a letter or digit, nor @ $ # (mentions, cashtags...).
_PRECEDING = rf"(?:[^A-Za-z0-9@＠$#＃{_INVALID}]|[{_DIRECTIONAL}]|^)"

WHITE_SPACE = r"\t-\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000"


def balanced_parens(path_char: str) -> str:
    """A parenthesised run of path characters, with one nested level (Wikipedia URLs)."""
    return rf"\((?:{path_char}+|(?:{path_char}*\({path_char}+\){path_char}*))\)"


TWITTER_PATH_CHAR = rf"[a-z{_CYRILLIC}0-9!*';:=+,.$/%#\[\]\-\u2013_~@|&{_LATIN_ACCENTS}]"
_PARENS = balanced_parens(TWITTER_PATH_CHAR)
# A path may not end in . , ! ? : ; ' or a closing parenthesis it did not open.
_PATH_END = rf"(?:[+\-a-z{_CYRILLIC}0-9=_#/{_LATIN_ACCENTS}]|{_PARENS})"
TWITTER_PATH = (
    rf"(?:(?:{TWITTER_PATH_CHAR}*(?:{_PARENS}{TWITTER_PATH_CHAR}*)*{_PATH_END})"
    rf"|(?:@{TWITTER_PATH_CHAR}+/))"
)
TWITTER_QUERY = r"(?:\?[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]*[a-z0-9\-_&=#/])"


def url_pattern(*, schemes: str, path: str, query: str) -> re.Pattern[str]:
    """twitter-text's URL expression with a network's own schemes, path and query parts."""
    return re.compile(
        rf"(?P<before>{_PRECEDING})"
        rf"(?P<url>(?P<scheme>(?:{schemes})://)?(?P<domain>{_DOMAIN})(?::[0-9]+)?"
        rf"(?P<path>/{path}*)?{query}?)",
        # ASCII case folding, as JavaScript's /i: "ſ" must not match "s".
        re.IGNORECASE | re.ASCII,
    )


_ASCII_DOMAIN = re.compile(rf"(?:[\-a-z0-9{_LATIN_ACCENTS}]+\.)+{_TLD}", re.IGNORECASE | re.ASCII)
_TCO = re.compile(rf"https?://t\.co/([a-z0-9]+){TWITTER_QUERY}?", re.IGNORECASE | re.ASCII)
_NO_BARE_DOMAIN_AFTER = frozenset("-_./")
_RUN_WITH_DOT = re.compile(r"[^\t-\r \x85]*\.[^\t-\r \x85]*")
_MAX_URL_LENGTH = 4096
_MAX_TCO_SLUG = 40


class UrlFinder:
    """Finds URLs the way twitter-text's `extractUrlsWithIndices` does, for one grammar."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern

    def _matches(self, text: str) -> Iterator[re.Match[str]]:
        # No grammar lets a URL hold ASCII white space, so only the runs between it that
        # have a dot are searched, each with the character before it (the "preceding
        # character" of the expression). Prose then costs little.
        for run in _RUN_WITH_DOT.finditer(text):
            yield from self.pattern.finditer(text, max(run.start() - 1, 0), run.end())

    def find(self, text: str, *, bare_domains: bool = False) -> list[Span]:
        """Spans (start, end) of the URLs in `text`, in code point offsets."""
        # Every URL has a dot in its domain, and a scheme has a colon.
        if "." not in text or (not bare_domains and ":" not in text):
            return []
        spans: list[Span] = []
        for match in self._matches(text):
            start, end = match.span("url")
            domain = match["domain"]
            if not _valid_domain(match["url"], match["scheme"] or "https://", domain):
                continue
            if match["scheme"] is None:
                if not bare_domains or match["before"] in _NO_BARE_DOMAIN_AFTER:
                    continue
                # A bare domain counts only for its ASCII part: in "日本example.com" the
                # URL is "example.com".
                found = [
                    (start + found.start(), start + found.end())
                    for found in _ASCII_DOMAIN.finditer(domain)
                ]
                if found and match["path"]:
                    # The path (but not a bare query) belongs to the last domain found.
                    found[-1] = (found[-1][0], end)
                spans.extend(found)
                continue
            tco = _TCO.match(text, start, end)
            if tco is not None:
                # t.co links are already short: X takes no path characters after the slug.
                if len(tco.group(1)) > _MAX_TCO_SLUG:
                    continue
                end = tco.end()
            spans.append((start, end))
        return spans


def _valid_domain(url: str, scheme: str, domain: str) -> bool:
    # X's server (twitter-text Java) passes the domain through IDNA 2003 (java.net.IDN), as
    # Python's "idna" codec does: a label over 63 characters, or one that mixes
    # right-to-left letters with Latin ones ("שלוםexample.com"), makes it no URL at all.
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    return len(scheme) + len(url) + len(ascii_domain) - len(domain) <= _MAX_URL_LENGTH


_TWITTER_URLS = UrlFinder(url_pattern(schemes="https?", path=TWITTER_PATH, query=TWITTER_QUERY))


def find_urls(text: str, *, bare_domains: bool = False) -> list[Span]:
    """Spans of the http(s) URLs in `text`; with `bare_domains`, also `example.com/path`."""
    return _TWITTER_URLS.find(text, bare_domains=bare_domains)


def count_links(text: str) -> int:
    """Distinct links, bare domains included: how Threads counts toward its cap of 5."""
    return len({text[start:end] for start, end in find_urls(text, bare_domains=True)})


# --- Mentions and hashtags ----------------------------------------------------------

_WORD = r"\p{L}\p{M}\p{Nd}\p{Pc}"
# Mastodon's Account::MENTION_RE: "@user" or "@user@domain"; it also covers X
# ("@user") and Bluesky handles ("@alice.bsky.social").
_MENTION = regex.compile(
    rf"(?<![=/{_WORD}])@(?:[a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)"
    rf"(?:@[{_WORD}.-]+[{_WORD}]+)?",
    regex.IGNORECASE,
)
# twitter-text drops a mention glued to another @, an accented letter or "://".
_MENTION_END = regex.compile(rf"[@＠{_LATIN_ACCENTS}]|://")

_TAG_CHAR = r"\p{L}\p{M}\p{Nd}_"
# "#" then letters, digits, marks or underscores, not digits only ("#1" is no tag), and
# not the keycap emoji "#️⃣" whose variation selector is a mark.
_HASHTAG = regex.compile(
    rf"(?<![{_TAG_CHAR}])[#＃](?![\uFE0F\u20E3])[{_TAG_CHAR}]*[\p{{L}}\p{{M}}_][{_TAG_CHAR}]*"
)


def find_mentions(text: str) -> list[Span]:
    """Spans of "@user" and "@user@domain" mentions, the "@" included."""
    if "@" not in text:
        return []
    return [
        match.span()
        for match in _MENTION.finditer(text)
        if _MENTION_END.match(text, match.end()) is None
    ]


def find_hashtags(text: str) -> list[Span]:
    """Spans of the hashtags in `text`, the "#" included; none inside a URL."""
    if "#" not in text and "＃" not in text:
        return []
    urls = find_urls(text)
    return [
        match.span()
        for match in _HASHTAG.finditer(text)
        if not any(start <= match.start() < end for start, end in urls)
    ]
