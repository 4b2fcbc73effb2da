"""What looks like a credential pasted into a file: tokens, keys, passwords.

`find(text)` gives every match with its place in `text` and a masked value, so
that a report names it without becoming the leak itself (CI logs and pull-request
comments are public). The text is scanned as NFKC would write it: full-width or
other compatibility forms (`Ｐａｓｓｗｏｒｄ`) are found like plain ones, and the
places given are those of the text as written.

The loader scans every file it reads (`withhold.py`), so what is found here is
reported by `validate` and hidden from every output.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# (what it is, cheap literal hints, pattern). A pattern only runs on text that
# contains one of its hints (in lower case when the hint is lower case): most
# posts contain none, and the hints make the scan about ten times faster.
# Group "value" is the secret when the pattern has one.
_SOURCES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (
        "a GitHub token",
        ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
        r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})",
    ),
    ("a GitLab token", ("glpat-",), r"\bglpat-[A-Za-z0-9_-]{20,}"),
    ("an npm token", ("npm_",), r"\bnpm_[A-Za-z0-9]{36,}"),
    ("a Hugging Face token", ("hf_",), r"\bhf_[A-Za-z0-9]{30,}"),
    ("a Slack token", ("xox",), r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    (
        "a Slack webhook URL",
        ("hooks.slack.com",),
        r"https://hooks\.slack\.com/services/[A-Za-z0-9/]{16,}",
    ),
    (
        "a Discord webhook URL",
        ("/api/webhooks/",),
        r"https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d+/[\w-]{16,}",
    ),
    ("an AWS access key", ("AKIA", "ASIA"), r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    ("a Google API key", ("AIza",), r"\bAIza[0-9A-Za-z_-]{35}\b"),
    ("a secret API key", ("sk-",), r"\bsk-(?:ant-|proj-|live-)?[A-Za-z0-9_-]{20,}"),
    ("a Stripe key", ("_live_", "_test_"), r"\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}"),
    (
        "a JSON Web Token",
        ("eyJ",),
        r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}",
    ),
    # The whole key, up to its END line (or the end of the text), so that hiding it
    # hides the key and not only its first line.
    (
        "a private key",
        ("PRIVATE KEY",),
        r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----"
        r"(?:[\s\S]*?-----END (?:[A-Z]+ )*PRIVATE KEY-----|[\s\S]*)",
    ),
    ("a bearer token", ("bearer",), r"(?i)\bbearer\s+(?P<value>[A-Za-z0-9._~+/-]{20,}=*)"),
    ("a URL with a password in it", ("://",), r"\bhttps?://[^/\s:@]+:(?P<value>[^/\s@]{3,})@"),
    # Bluesky app passwords: four groups of four (a digit among them: see find()).
    (
        "a Bluesky app password",
        ("-",),
        r"(?<![\w-])[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}(?![\w-])",
    ),
    # `password: …`, `api_key = …`, `MASTODON_PASSWORD=…`, `"client_secret": "…"`: a
    # name ending in one of these words, then `:` or `=`, then the value.
    (
        "a password or key",
        ("pass", "pwd", "key", "token", "secret"),  # see _KEY_PREFILTERS
        r"(?i)(?<![a-z0-9])(?P<key>password|passwd|passphrase|pwd|api[_ -]?key|api[_ -]?secret"
        r"|(?:access|auth|refresh|bot|personal[_ -]?access)[_ -]?token|client[_ -]?secret"
        r"|app[_ -]?password|secret[_ -]?key|private[_ -]?key|secret|token)"
        r"[\"']?\s*[:=]\s*[\"']?(?P<value>[^\s\"']{6,})",
    ),
)
# Words that are also ordinary English: after one of them on its own (not the end of
# a name such as MASTODON_TOKEN) the value must look made by a machine (a digit in it,
# or at least this long), not like the next word of a sentence.
_PLAIN_WORDS = frozenset({"secret", "token"})
_MACHINE_LENGTH = 20

PATTERNS: tuple[tuple[str, frozenset[str], re.Pattern[str]], ...] = tuple(
    (name, frozenset(h.lower() for h in hints), re.compile(pattern))
    for name, hints, pattern in _SOURCES
)
# Where a hint is in most texts ("-", "://"), a pattern starting with a literal
# (which the regex engine finds fast) rules out most of them before the full
# pattern, whose look-behind or word boundary is tried at every position, runs.
_PREFILTERS: dict[str, re.Pattern[str]] = {
    "a URL with a password in it": re.compile(r"://[^/\s:@]+:[^/\s@]{3,}@"),
    "a Bluesky app password": re.compile(r"-[a-z2-7]{4}-[a-z2-7]{4}-"),
}
# For "a password or key": one of its hints, the rest of the name, then `:` or `=`,
# looked for in the lower-case text (a literal first: fast).
PASSWORD = "a password or key"
_KEY_PREFILTERS: dict[str, re.Pattern[str]] = {
    hint: re.compile(re.escape(hint) + r"[a-z0-9_ -]{0,16}[\"']?\s*[:=]")
    for hint in ("pass", "pwd", "key", "token", "secret")
}
_HINTS = frozenset(h for _, hints, _ in PATTERNS for h in hints)
# The patterns each hint may start, by their place in PATTERNS (their order is kept).
_PATTERNS_OF = {
    hint: tuple(i for i, (_, hints, _) in enumerate(PATTERNS) if hint in hints) for hint in _HINTS
}
# Hints with an underscore are only looked for in the few texts that have one.
_UNDERSCORED = frozenset(h for h in _HINTS if "_" in h)
_PLAIN_HINTS = _HINTS - _UNDERSCORED
_DIGIT = re.compile("[0-9]")
_DIGIT_2_TO_7 = re.compile("[2-7]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")

# An environment variable's *name* (BLUESKY_APP_PASSWORD) is what we want there.
_ENV_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
NAMED = "a value for a credential variable of strategy/channels.yaml"


@dataclass(frozen=True)
class Found:
    """One thing that looks secret: what it is, where its match starts, where the
    secret itself is (`start`/`end` of the value), and the value masked."""

    what: str
    at: int
    start: int
    end: int
    masked: str


def mask(value: str) -> str:
    return value[:4] + "…" if len(value) > 8 else "…"


@dataclass(frozen=True)
class _Named:
    """The pattern for the credential variables the channels name, and its hints: the
    names' first words (`MASTODON_`), which few texts hold."""

    hints: frozenset[str]
    underscored: bool  # every hint has an underscore: only texts with one can match
    pattern: re.Pattern[str]


@lru_cache(maxsize=64)
def named_pattern(names: tuple[str, ...]) -> _Named | None:
    """An assignment to one of the credential variables the channels name
    (`MASTODON_ACCESS_TOKEN=…`, `BLUESKY_HANDLE: …`), whatever the variable is called."""
    if not names:
        return None
    alternatives = "|".join(re.escape(name) for name in sorted(set(names), key=len, reverse=True))
    hints = frozenset("".join(name.partition("_")[:2]) for name in names)
    return _Named(
        hints,
        all("_" in hint for hint in hints),
        re.compile(
            rf"(?<![A-Za-z0-9_])(?:{alternatives})[\"']?\s*[:=]\s*[\"']?(?P<value>[^\s\"']{{3,}})"
        ),
    )


def credential_names(channels: object) -> tuple[str, ...]:
    """The environment variable names under `credentials:` in channels.yaml's data."""
    found: list[str] = []
    items = channels.get("channels") if isinstance(channels, dict) else None
    for item in items if isinstance(items, list) else []:
        credentials = item.get("credentials") if isinstance(item, dict) else None
        if isinstance(credentials, dict):
            found += [v for v in credentials.values() if isinstance(v, str) and _ENV_NAME.match(v)]
    return tuple(sorted(set(found)))


def find(content: str, names: tuple[str, ...] = ()) -> list[Found]:
    """Everything in `content` that looks secret; `names` are the credential variables
    the channels name (see `credential_names`)."""
    scanned, where = _compatibility_folded(content)
    lower = scanned.lower()
    present = [hint for hint in _PLAIN_HINTS if hint in lower]
    underscored = "_" in lower
    if underscored:
        present += [hint for hint in _UNDERSCORED if hint in lower]
    named = named_pattern(names) if names else None
    found: list[Found] = []
    if (
        named is not None
        and (underscored or not named.underscored)
        and any(hint in scanned for hint in named.hints)
    ):
        found += _matches(NAMED, named.pattern, scanned, where)
    if not present:
        return found
    seen = {(f.start, f.end) for f in found}  # a value two patterns find is reported once
    for index in sorted({index for hint in present for index in _PATTERNS_OF[hint]}):
        name, _, pattern = PATTERNS[index]
        prefilter = _PREFILTERS.get(name)
        if prefilter is not None and prefilter.search(scanned) is None:
            continue
        if name == PASSWORD and not any(
            _KEY_PREFILTERS[hint].search(lower) for hint in present if hint in _KEY_PREFILTERS
        ):
            continue
        for match in _matches(name, pattern, scanned, where):
            if (match.start, match.end) not in seen:
                seen.add((match.start, match.end))
                found.append(match)
    return found


def _matches(
    name: str, pattern: re.Pattern[str], scanned: str, where: list[int] | None
) -> Iterator[Found]:
    for match in pattern.finditer(scanned):
        named = match.groupdict().get("value")
        if named is not None and _ENV_NAME.match(named):
            continue
        if name == "a Bluesky app password" and not _DIGIT_2_TO_7.search(match.group(0)):
            continue  # four plain words joined by hyphens
        if name == PASSWORD and not _machine_made(match, scanned):
            continue
        start, end = match.span("value") if named is not None else match.span()
        value = scanned[start:end]
        at = match.start()
        if name == PASSWORD:
            # Reported where the whole name starts (MASTODON_TOKEN, not TOKEN).
            while at > 0 and (scanned[at - 1].isalnum() or scanned[at - 1] == "_"):
                at -= 1
        if where is not None:
            at, start, end = where[at], where[start], where[end]
        yield Found(name, at, start, end, mask(value))


def _machine_made(match: re.Match[str], scanned: str) -> bool:
    key = match.start("key")
    if match.group("key").lower() not in _PLAIN_WORDS or scanned[key - 1 : key] == "_":
        return True
    value = match.group("value")
    return bool(_DIGIT.search(value)) or len(value) >= _MACHINE_LENGTH


@lru_cache(maxsize=4096)
def _folded_character(character: str) -> str:
    return unicodedata.normalize("NFKC", character)


def _compatibility_folded(content: str) -> tuple[str, list[int] | None]:
    """`content` with each character in its NFKC form, and where each character of
    that text was in `content` (None when nothing changed)."""
    if content.isascii() or unicodedata.is_normalized("NFKC", content):
        return content, None
    pieces: list[str] = []
    where: list[int] = []
    position = 0
    changed = False
    for run in _NON_ASCII.finditer(content):
        pieces.append(content[position : run.start()])
        where.extend(range(position, run.start()))
        for index, character in enumerate(run.group(), run.start()):
            folded = _folded_character(character)
            changed = changed or folded != character
            pieces.append(folded)
            where.extend([index] * len(folded))
        position = run.end()
    pieces.append(content[position:])
    where.extend(range(position, len(content) + 1))
    return ("".join(pieces), where) if changed else (content, None)
