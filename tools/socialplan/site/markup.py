"""Writing user text into pages safely, and linking pages to each other.

Everything a brand wrote (titles, post text, alt text, names, notes) is user
text: it may hold `<script>`, an `onerror=` attribute or Markdown that would
turn into a `javascript:` link. Markdown passes raw HTML through untouched, so
escaping HTML is not enough inside Markdown: `inline` also turns every
character Markdown gives a meaning to into a numeric character reference,
which Markdown leaves alone and the browser shows as the character itself.

Pages are mostly HTML blocks inside Markdown (MkDocs does not rewrite links
inside raw HTML), so links between pages are computed here, from the source
path of one page to the source path of another, the way MkDocs maps them to
URLs (`use_directory_urls: true`: `posts/a.md` is served at `posts/a/`).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable

from ..guards import urls

# Python-Markdown stashes raw HTML behind STX/ETX markers: a user text holding
# them could splice stashed HTML back in. No post needs control characters.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Characters with a meaning in Markdown or its extensions (emphasis, links,
# headings, lists, tables, attribute lists, code spans, HTML).
_MARKDOWN = "\\`*_{}[]()#+-.!|~^=:$%"
_INLINE = str.maketrans(
    {
        **{c: f"&#{ord(c)};" for c in _MARKDOWN},
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "'": "&#39;",
        "\n": " ",
    }
)


def clean(text: str) -> str:
    return _CONTROL.sub("", text)


# What `esc` changes; most values (class names, dates, names) hold none of it.
_TO_ESCAPE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f&<>\"']")


def esc(text: object) -> str:
    """`text` as HTML text or attribute value: nothing in it is markup."""
    value = str(text)
    if _TO_ESCAPE.search(value) is None:
        return value
    return html.escape(clean(value), quote=True)


def multiline(text: str, strip: bool = True) -> str:
    """Escaped text whose line breaks survive inside one line of HTML.

    A raw newline would end the HTML block (and a blank line a paragraph) in
    Markdown; the character reference is a newline to the browser, shown as
    such in an element styled `white-space: pre-wrap`.
    """
    return esc(text.strip("\n") if strip else text).replace("\n", "&#10;")


def inline(text: object) -> str:
    """User text for a Markdown line (a heading, a list item): shown, never parsed."""
    return clean(str(text)).translate(_INLINE)


def address(url: str) -> str:
    """A web address from data: a link when it passes the URL check, else only text."""
    if urls.checked(url) is None:
        return esc(url)
    return tag("a", esc(url), href=url, rel="nofollow noopener")


# Elements that have no content and no end tag in HTML (`</img>` is an error).
_VOID = frozenset({"area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"})


def tag(name: str, content: str = "", /, **attributes: object) -> str:
    """An HTML element; attribute values are escaped, `content` must already be HTML.

    `class_` is written `class`; a value of None or False leaves the attribute out.
    """
    parts = [name]
    for key, value in attributes.items():
        if value is None or value is False:
            continue
        key = key.rstrip("_").replace("_", "-")
        parts.append(key if value is True else f'{key}="{esc(value)}"')
    if name in _VOID:
        return f"<{' '.join(parts)}>"
    return f"<{' '.join(parts)}>{content}</{name}>"


def join(items: Iterable[str]) -> str:
    return "".join(items)


def slug(text: str) -> str:
    """An anchor id for an object id (ids are validated lower-case words already)."""
    return re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-") or "item"


def page_url(src: str) -> str:
    """The URL path (relative to the site root) MkDocs serves a source file at."""
    if not src.endswith(".md"):
        return src
    stem = src[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_path(url: str, base: str) -> str:
    """`posixpath.relpath(url or ".", base or ".")` for the clean, relative URL paths
    of a site (no `.` or `..` parts, no leading slash), without its cost: a site of
    10,000 posts computes some 150,000 links."""
    to = [part for part in url.split("/") if part]
    start = [part for part in base.split("/") if part]
    common = 0
    for mine, theirs in zip(to, start, strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


class Linker:
    """Relative links from one page to other pages and files of the site."""

    def __init__(self, src: str) -> None:
        self.src = src
        self.base = page_url(src)  # a directory URL: "" or "posts/a/"

    def href(self, target: str, anchor: str = "") -> str:
        url = page_url(target)
        relative = relative_path(url, self.base)
        if not url or url.endswith("/"):
            relative = "./" if relative == "." else relative + "/"
        return relative + (f"#{anchor}" if anchor else "")

    def a(self, target: str, label_html: str, anchor: str = "", **attributes: object) -> str:
        return tag("a", label_html, href=self.href(target, anchor), **attributes)


def heading(
    title: str, *, wide: bool = False, searchable: bool = True, anchor: str | None = None
) -> str:
    """Front matter and the first heading of a page titled with user text.

    MkDocs takes a page's title from its first heading, unescaped, and Material
    writes it into `<title>` without escaping (after `striptags`, which turns
    `&lt;` back into `<`). A `title:` in the front matter is written as it is
    instead: given escaped, it shows right and cannot close `<title>`. `wide`
    hides the side bars, for a board or a month grid. `searchable=False` keeps a
    page out of the search index: calendar pages only list posts that search
    finds on their own pages, and indexing them would cost more than the posts.
    `anchor` fixes the heading's id (else Markdown makes one from the title).
    """
    lines = ["---", f"title: {json.dumps(esc(title))}"]
    if wide:
        lines += ["hide:", "  - navigation", "  - toc"]
    if not searchable:
        lines += ["search:", "  exclude: true"]
    fixed = f" {{ #{anchor} }}" if anchor else ""
    return "\n".join([*lines, "---", f"# {inline(title)}{fixed}", ""])


# Starts an HTML block that search does not index: the MkDocs plugin adds such
# blocks to the page after the search index is made. User text is always
# escaped, so it can never start a block with this.
UNSEARCHED = "<!--sp-unsearched-->"


def html_block(*parts: str, searched: bool = True) -> str:
    """HTML for a Markdown page: one line, with blank lines around it so Markdown leaves
    it raw (and the MkDocs plugin can set it aside while Markdown runs).

    `searched=False` keeps the block out of the search index (it is still shown):
    what would only repeat text search finds elsewhere, or fill the index with
    the same words on every page."""
    return "\n\n" + ("" if searched else UNSEARCHED) + "".join(parts) + "\n\n"


# Marks a heading written as HTML for the page's table of contents (see `html_heading`).
TOC_MARK = "data-sp-toc"


def html_heading(level: int, title_html: str, anchor: str) -> str:
    """A section heading inside an HTML block.

    Markdown never sees it, which saves most of the time Markdown would spend
    on a post page; the MkDocs plugin gives it the permalink Markdown's `toc`
    extension would and lists it in the page's table of contents. `anchor`
    must be unique on the page."""
    return f'<h{level} id="{esc(anchor)}" {TOC_MARK}>{title_html}</h{level}>'


def table(headers: list[str], rows: Iterable[list[str]], class_: str = "") -> str:
    """An HTML table; headers and cells must already be HTML."""
    head = tag("tr", join(tag("th", h) for h in headers))
    body = join(tag("tr", join(tag("td", cell) for cell in row)) for row in rows)
    return tag("table", tag("thead", head) + tag("tbody", body), class_=class_ or None)


def paragraphs(text: str) -> str:
    """Prose a brand wrote (a persona, a competitor analysis) as safe HTML.

    Blank lines separate paragraphs and lines starting with `- ` or `* ` make a
    list; nothing else is interpreted, so no markup and no link gets through.
    """
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    out = []
    for block in blocks:
        lines = block.splitlines()
        if all(re.match(r"\s*[-*] ", line) for line in lines):
            items = join(tag("li", esc(re.sub(r"^\s*[-*] ", "", line))) for line in lines)
            out.append(tag("ul", items))
        else:
            out.append(tag("p", esc(" ".join(line.strip() for line in lines))))
    return join(out)


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (many or word + 's')}"
