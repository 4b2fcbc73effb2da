"""Escaping user text into pages, and links between pages."""

from __future__ import annotations

import posixpath

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplan.site.markup import (
    Linker,
    esc,
    inline,
    multiline,
    page_url,
    paragraphs,
    relative_path,
    tag,
)

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[click](javascript:alert(1))",
    "<https://example.com>",
    "*emphasis* _under_ `code` # heading",
    "a | b | c",
    "{: onclick=alert(1) }",
    "\x02wzxhzdk:0\x03",
]


def rendered(markdown_text: str) -> str:
    return markdown.markdown(markdown_text, extensions=["attr_list", "tables", "toc"])


@pytest.mark.parametrize("text", HOSTILE)
def test_inline_text_is_shown_not_parsed(text: str) -> None:
    html = rendered(f"# {inline(text)}\n\n- {inline(text)}\n")
    assert "<script" not in html
    assert "<img" not in html
    assert "href" not in html
    assert "<em>" not in html and "<code>" not in html
    assert "onclick=" not in html.replace("onclick&#61;", "")


def test_inline_shows_the_characters_themselves() -> None:
    html = rendered(f"{inline('5 * 3 = 15 [ok] <b>')}")
    # The browser turns the references back into the characters.
    assert "&#42;" in html and "&lt;b&gt;" in html


@pytest.mark.parametrize("text", HOSTILE)
def test_html_text_cannot_open_a_tag(text: str) -> None:
    html = tag("p", esc(text), title=text)
    assert html.count("<") == 2  # only <p ...> and </p>


def test_multiline_keeps_line_breaks_inside_one_html_line() -> None:
    out = multiline("one\n\ntwo <b>\n")
    assert "\n" not in out
    assert out == "one&#10;&#10;two &lt;b&gt;"


def test_tag_leaves_out_empty_attributes_and_escapes_values() -> None:
    assert (
        tag("a", "x", href='"><b>', title=None, hidden=True)
        == '<a href="&quot;&gt;&lt;b&gt;" hidden>x</a>'
    )
    assert tag("span", "", class_="sp-dot") == '<span class="sp-dot"></span>'
    # Void elements have no end tag.
    assert tag("img", src="a.png", alt="") == '<img src="a.png" alt="">'


def test_paragraphs_make_lists_and_paragraphs_of_plain_text() -> None:
    out = paragraphs("First line\nsame paragraph.\n\n- one\n- <two>\n\nLast [x](javascript:1)")
    assert out == (
        "<p>First line same paragraph.</p><ul><li>one</li><li>&lt;two&gt;</li></ul>"
        "<p>Last [x](javascript:1)</p>"
    )


@pytest.mark.parametrize(
    ("src", "url"),
    [
        ("index.md", ""),
        ("pipeline.md", "pipeline/"),
        ("strategy/index.md", "strategy/"),
        ("posts/a-b.md", "posts/a-b/"),
        ("feed.xml", "feed.xml"),
    ],
)
def test_page_urls_follow_mkdocs_directory_urls(src: str, url: str) -> None:
    assert page_url(src) == url


@pytest.mark.parametrize(
    ("source", "target", "anchor", "href"),
    [
        ("index.md", "calendar/index.md", "", "calendar/"),
        ("index.md", "index.md", "top", "./#top"),
        ("posts/a.md", "index.md", "", "../../"),
        ("posts/a.md", "strategy/pillars.md", "craft", "../../strategy/pillars/#craft"),
        ("posts/a.md", "media/photos/x.jpg", "", "../../media/photos/x.jpg"),
        ("calendar/2027-01.md", "calendar/index.md", "", "../"),
        ("calendar/index.md", "calendar/2027-01.md", "", "2027-01/"),
        ("strategy/index.md", "feed.xml", "", "../feed.xml"),
    ],
)
def test_links_are_relative_to_the_page(source: str, target: str, anchor: str, href: str) -> None:
    assert Linker(source).href(target, anchor) == href


_PART = st.sampled_from(["a", "b", "posts", "calendar", "x.jpg", "2027-01", "é"])
_URL = st.lists(_PART, max_size=4).map("/".join)


@given(url=_URL, base=_URL, slash=st.booleans())
def test_relative_paths_agree_with_posixpath(url: str, base: str, slash: bool) -> None:
    base = base + "/" if slash and base else base
    assert relative_path(url, base) == posixpath.relpath(url or ".", base or ".")
