"""Headings that socialplan writes as HTML (`markup.html_heading`), given by the
MkDocs plugin what Markdown's `toc` extension gives a Markdown heading."""

from __future__ import annotations

import re

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink


class Headings:
    """Headings written as HTML (markup.html_heading), given what Markdown's `toc`
    extension gives a Markdown heading: the permalink mkdocs.yml asks for
    (`toc: permalink:`) and an entry in the page's table of contents."""

    def __init__(self, config: MkDocsConfig) -> None:
        options = (config.mdx_configs or {}).get("toc") or {}
        symbol = options.get("permalink", False)
        self.symbol = "&para;" if symbol is True else str(symbol) if symbol else ""
        self.link_class = options.get("permalink_class", "headerlink")
        self.link_title = options.get("permalink_title", "Permanent link")
        self.leading = bool(options.get("permalink_leading", False))
        self.links: list[AnchorLink] = []

    def found(self, match: re.Match[str]) -> str:
        level, anchor, title = int(match.group(1)), match.group(2), match.group(3)
        self.links.append(AnchorLink(title, anchor, level))
        if not self.symbol:
            return f'<h{level} id="{anchor}">{title}</h{level}>'
        link = (
            f'<a class="{escape(self.link_class)}" href="#{anchor}"'
            f' title="{escape(self.link_title)}">{self.symbol}</a>'
        )
        inner = link + title if self.leading else title + link
        return f'<h{level} id="{anchor}">{inner}</h{level}>'

    def add_to(self, page: Page) -> None:
        """Nest the headings found under the page's own (its title), by level."""
        if not self.links:
            return
        toc = page.toc.items if page.toc is not None else []
        parents: list[AnchorLink] = [toc[-1]] if toc and toc[-1].level == 1 else []
        for link in self.links:
            while parents and parents[-1].level >= link.level:
                parents.pop()
            (parents[-1].children if parents else toc).append(link)
            parents.append(link)
