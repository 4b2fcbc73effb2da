"""Credentials pasted into content: they must never be published or committed.

A match is reported with the value masked: the report itself must not become
the leak (CI logs and pull-request comments are public).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from ..model import Post, Repo
from ..problems import Problem, error
from .memo import PostChecks

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
    ("a private key", ("PRIVATE KEY",), r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----"),
    ("a bearer token", ("bearer",), r"(?i)\bbearer\s+(?P<value>[A-Za-z0-9._~+/-]{20,}=*)"),
    ("a URL with a password in it", ("://",), r"\bhttps?://[^/\s:@]+:(?P<value>[^/\s@]{3,})@"),
    # Bluesky app passwords: four groups of four (a digit among them: see find()).
    (
        "a Bluesky app password",
        ("-",),
        r"(?<![\w-])[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}(?![\w-])",
    ),
    (
        "a password or key",
        ("pass", "key", "token", "secret"),
        r"(?i)\b(?:password|passwd|passphrase|api[_ -]?key|access[_ -]?token|client[_ -]?secret"
        r"|app[_ -]?password|secret[_ -]?key)\b\s*[:=]\s*[\"']?(?P<value>[^\s\"']{6,})",
    ),
)
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
_HINTS = frozenset(h for _, hints, _ in PATTERNS for h in hints)
_DIGIT_2_TO_7 = re.compile("[2-7]")

# An environment variable's *name* (BLUESKY_APP_PASSWORD) is what we want there.
_ENV_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")


def mask(value: str) -> str:
    return value[:4] + "…" if len(value) > 8 else "…"


def find(content: str) -> Iterator[tuple[str, int, str]]:
    """(what, offset, masked value) of everything in `content` that looks secret."""
    lower = content.lower()
    present = {hint for hint in _HINTS if hint in lower}
    if not present:
        return
    for name, hints, pattern in PATTERNS:
        if hints.isdisjoint(present):
            continue
        prefilter = _PREFILTERS.get(name)
        if prefilter is not None and prefilter.search(content) is None:
            continue
        for match in pattern.finditer(content):
            named = match.groupdict().get("value")
            if named is not None and _ENV_NAME.match(named):
                continue
            if name == "a Bluesky app password" and not _DIGIT_2_TO_7.search(match.group(0)):
                continue  # four plain words joined by hyphens
            value = named or match.group(0)
            yield name, match.start(), mask(value)


def check(repo: Repo, memo: PostChecks | None = None) -> Iterator[Problem]:
    """Every file's YAML and every post's text; with `memo`, the posts (front matter
    and text) only when they changed since it was kept."""
    posts = {post.rel: post for post in repo.posts} if memo is not None else {}
    for rel, document in repo.documents.items():
        if rel not in posts:
            yield from _scan(rel, document.text, document.line_offset + 1)
    for post in repo.posts:
        if memo is None:
            yield from _scan(post.rel, post.body, post.body_line)
        else:
            yield from memo.results("secrets", repo, post, partial(_post, repo, post))


def _post(repo: Repo, post: Post) -> list[Problem]:
    document = repo.documents.get(post.rel)
    found = list(_scan(post.rel, document.text, document.line_offset + 1)) if document else []
    return found + list(_scan(post.rel, post.body, post.body_line))


def _scan(rel: str, content: str, first_line: int) -> Iterator[Problem]:
    for what, offset, masked in find(content):
        before = content[:offset]
        yield error(
            "secret-in-content",
            rel,
            f"this looks like {what} ({masked}); it must never be published or committed",
            "delete it, then revoke it with the provider: git history keeps it. Credentials"
            " belong in environment variables named under `credentials:` in"
            " strategy/channels.yaml",
            line=first_line + before.count("\n"),
            col=offset - (before.rfind("\n") + 1) + 1,
        )
