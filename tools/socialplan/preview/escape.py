"""Putting user content into GitHub Markdown so that it shows as text, never as markup.

Post text goes in fenced code blocks: GitHub renders nothing inside them (no HTML, no
links, no @mentions that would notify someone, no #123 issue links, no emoji codes),
so reviewers see exactly the characters the network receives. The fence is longer than
any run of backticks in the text, so the text cannot close it.

Short user content outside code (titles, alt text, problem messages) is HTML-escaped,
has Markdown punctuation backslash-escaped, and gets an invisible WORD JOINER after
`@` and `#`, which stops GitHub from turning `@name` into a notification and `#12`
into a link to issue 12 without changing what people read.
"""

from __future__ import annotations

import html
import re

WORD_JOINER = "\u2060"
# Never used at the start of a line, so "1." "-" and "+" cannot start a list.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#|~<>])")
_BACKTICKS = re.compile(r"`+")
_LINE_BREAKS = re.compile(r"\r\n?|\n")


def inline(text: str) -> str:
    """`text` as literal Markdown text on one line."""
    text = _LINE_BREAKS.sub(" ", text)
    text = _MARKDOWN.sub(r"\\\1", text)
    text = html.escape(text, quote=False).replace("\\&lt;", "&lt;").replace("\\&gt;", "&gt;")
    return text.replace("@", "@" + WORD_JOINER).replace("\\#", "\\#" + WORD_JOINER)


def message(text: str) -> str:
    """A socialplan message, its `code` spans kept as code and the rest as plain text."""
    pieces = text.split("`")
    if len(pieces) % 2 == 0:  # an unpaired backtick: all plain text
        return inline(text)
    return "".join(
        code(piece) if index % 2 else inline(piece) for index, piece in enumerate(pieces)
    )


def in_html(text: str) -> str:
    """`text` inside an HTML element (a <summary>), where Markdown is not read."""
    text = html.escape(_LINE_BREAKS.sub(" ", text), quote=True)
    return text.replace("@", "@" + WORD_JOINER).replace("#", "#" + WORD_JOINER)


def attribute(text: str) -> str:
    return html.escape(_LINE_BREAKS.sub(" ", text), quote=True)


def code(text: str) -> str:
    """`text` as inline code (ids, paths), whatever backticks it holds."""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{_LINE_BREAKS.sub(' ', text)}{pad}{fence}"


def block(text: str, info: str = "text") -> str:
    """`text` as a fenced code block, shown exactly as written."""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text}\n{fence}"
