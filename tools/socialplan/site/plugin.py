"""The MkDocs plugin: a thin adapter from `pages()` to MkDocs files.

    plugins:
      - search
      - socialplan

On every build it reads the repository (`sources.prepare`), gives MkDocs the
generated pages and assets in place of whatever the docs folder holds, and
provides the navigation when mkdocs.yml has none. `mkdocs serve` also watches
strategy/ and content/, so editing a post reloads the page.

`socialplan build` hands the plugin a repository it has already read and
validated (`prepared`), plus an `Incremental` record of the previous build so
that pages whose Markdown did not change are not rendered again.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date

from ..cache.compiled_templates import template_cache
from ..errors import SocialplanError
from ..guards import console
from ..guards.output_folders import SITE, claim
from . import EXTRA_CSS, NAVIGATION, NOT_IN_NAV
from .bare import bare_images
from .configuration import default_config, earlier
from .content import Deferred, SourceFile
from .generated import GeneratedFile
from .headings import Headings
from .incremental import THEME_PAGE, Incremental
from .markup import TOC_MARK, UNSEARCHED
from .prepare import Prepared, prepare

log = logging.getLogger("mkdocs.plugins.socialplan")
# Stands for an HTML block while Markdown runs: letters only, so Markdown leaves it be.
TOKEN = "SOCIALPLANHTMLBLOCKX"
_PLACEHOLDER = re.compile(rf"<p>{TOKEN}(\d+)Z</p>")
# Where a block kept out of search goes until the page is finished.
_SLOT = re.compile(r'<div data-sp-slot="(\d+)"></div>')
# A heading written as HTML by markup.html_heading.
_HEADING = re.compile(rf'<h([1-6]) id="([^"]*)" {TOC_MARK}>(.*?)</h\1>')
REPORT_EVERY = 250
# Compiled theme templates, beside the rest of the build's cache (buildcache.clear
# removes them too).
TEMPLATE_CACHE = Path("build", "cache", "templates")


class SocialplanConfig(Config):
    # The brand repository; default: the folder holding mkdocs.yml.
    repo = c.Optional(c.Type(str))
    # Name the site after strategy/brand.yaml's `name` (mkdocs.yml needs a site_name anyway).
    site_name_from_brand = c.Type(bool, default=True)


class SocialplanPlugin(BasePlugin[SocialplanConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.prepared: Prepared | None = None
        self.incremental: Incremental | None = None
        self.progress: Callable[[str], None] | None = None
        self.rebuilt: set[str] = set()
        self.page_urls: list[str] = []
        self._to_render = 0
        self._blocks: dict[str, list[str]] = {}
        self._late: dict[str, list[str]] = {}
        self._token = TOKEN

    def root(self, config: MkDocsConfig) -> Path:
        config_path = Path(config.config_file_path or ".")
        if self.config.repo:
            return config_path.parent / self.config.repo
        if config_path.resolve() == default_config().resolve():
            # socialplan's own configuration (`serve` in a repository without
            # mkdocs.yml) is inside the package: docs_dir names the repository.
            return Path(config.docs_dir).parent
        return config_path.parent

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.prepared is None:
            # Run by `mkdocs build` or `mkdocs serve` (not `socialplan build`, which
            # claims the folder itself): the same guard before MkDocs empties site_dir.
            root = self.root(config).resolve()
            try:
                claim(Path(config.site_dir), root, SITE, earlier(root))
                self.prepared = prepare(root)
            except SocialplanError as exc:
                # MkDocs prints it: one line, safe in a workflow's log like our own output.
                hint = f" ({console.one_line(exc.hint)})" if exc.hint else ""
                message = f"socialplan: {console.one_line(exc.message)}{hint}"
                raise PluginError(console.safe(message)) from None
            report = self.prepared.report
            if report is not None and report.errors:
                log.warning(
                    "socialplan: %d validation errors; run `socialplan validate` to see them",
                    len(report.errors),
                )
        prepared = self.prepared
        if self.config.site_name_from_brand:
            name = prepared.repo.brand.get("name")
            if isinstance(name, str) and name.strip():
                # Material writes site_name into attributes without escaping it, and
                # escapes it elsewhere: escaped Markup is right in both places.
                config.site_name = escape(name.strip())
        if config.nav is None:
            config.nav = copy.deepcopy(NAVIGATION)
        if config.not_in_nav is None:
            config.not_in_nav = c.PathSpec().run_validation("\n".join(NOT_IN_NAV))
        for css in EXTRA_CSS:
            if css not in config.extra_css:
                config.extra_css.append(css)
        if "attr_list" not in config.markdown_extensions:
            config.markdown_extensions.append("attr_list")
        logo = next((p for p in prepared.files if p.startswith("assets/socialplan/logo.")), None)
        if logo and not config.theme.get("logo"):
            config.theme["logo"] = logo
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """The generated files, plus the theme's; nothing from the docs folder."""
        assert self.prepared is not None
        docs = Path(config.docs_dir).resolve()
        kept = [f for f in files if not (f.src_dir and Path(f.src_dir).resolve() == docs)]
        generated: list[GeneratedFile] = []
        images: list[GeneratedFile] = []
        for path, content in self.prepared.files.items():
            if isinstance(content, SourceFile):
                made = GeneratedFile.generated(config, path, abs_src_path=str(content.path))
            elif isinstance(content, Deferred):
                made = GeneratedFile.generated(config, path, content="")
                assert isinstance(made, GeneratedFile)
                made.deferred = content
            else:
                made = GeneratedFile.generated(config, path, content=content)
            assert isinstance(made, GeneratedFile)
            item = made
            if self.incremental is not None:
                item.unchanged = self.incremental.unchanged(path, content)
            generated.append(item)
            if isinstance(content, SourceFile):
                images.append(item)
        generated = bare_images(self.prepared.root, generated, images, log.warning)
        # Page.url writes the home page as "", File.url as "./".
        self.page_urls = [
            "" if f.url in (".", "./") else f.url for f in generated if f.is_documentation_page()
        ]
        self._to_render = sum(1 for f in generated if f.is_documentation_page() and f.is_modified())
        if self.incremental is not None:
            self._keep_theme_pages(config)
        return Files([*kept, *generated])

    def _keep_theme_pages(self, config: MkDocsConfig) -> None:
        """Leave 404.html and sitemap.xml as the last build wrote them when they would
        come out the same: MkDocs renders them on every build, even a dirty one.

        The 404 page shows only what the build's stamp covers (configuration,
        navigation, site name); the sitemap lists every page's URL with the day
        of the build.
        """
        assert self.incremental is not None
        made_from = {
            "404.html": "",
            "sitemap.xml": "\n".join([get_build_date(), *self.page_urls]),
        }
        for name, inputs in made_from.items():
            same = self.incremental.unchanged(f"{THEME_PAGE}{name}", inputs)
            if same and self.incremental.dirty and (Path(config.site_dir) / name).is_file():
                config.theme.static_templates.discard(name)

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        """Keep the theme's compiled templates between builds (Jinja's bytecode cache,
        keyed by each template's source): compiling Material's templates took about
        a sixth of a rebuild of 1,000 posts. Signed, since build/ is untrusted
        (see `cache.compiled_templates`); when it cannot be used, templates are
        compiled as usual."""
        if self.prepared is not None:
            root = self.prepared.root
            cache = template_cache(root / TEMPLATE_CACHE, root / TEMPLATE_CACHE.parts[0])
            if cache is not None:
                env.bytecode_cache = cache
        return env

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Set the generated HTML blocks aside while Markdown runs on the rest.

        Markdown passes raw HTML through unchanged, but parses it to find where
        it ends, which is most of the time a page takes; the blocks are put back
        as they were in `on_page_content`.
        """
        if page.file.generated_by != "socialplan" or "\n<" not in markdown:
            return markdown
        blocks: list[str] = []

        def set_aside(chunk: str) -> str:
            # Blocks follow headings after a blank line of their own: "\n<div…".
            block = chunk.lstrip("\n")
            if block.startswith("<") and "\n" not in block:
                blocks.append(block)
                return f"{self._token}{len(blocks) - 1}Z"
            return chunk

        self._blocks[page.file.src_uri] = blocks
        return "\n\n".join(set_aside(chunk) for chunk in markdown.split("\n\n"))

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Put the blocks back; those marked `UNSEARCHED` only after the search index.

        The search plugin parses every page's HTML to index it. On a post page
        the network mock-ups, times and facts are most of the markup and would
        fill the index with the same words on every page (the text four times
        over): they go into the finished page in `on_post_page`.
        """
        blocks = self._blocks.pop(page.file.src_uri, None)
        if not blocks:
            return html
        late: list[str] = []
        headings = Headings(config)

        def restore(match: re.Match[str]) -> str:
            block = blocks[int(match.group(1))]
            if TOC_MARK in block:
                block = _HEADING.sub(headings.found, block)
            if not block.startswith(UNSEARCHED):
                return block
            late.append(block[len(UNSEARCHED) :])
            return f'<div data-sp-slot="{len(late) - 1}"></div>'

        html = _PLACEHOLDER.sub(restore, html)
        if late:
            self._late[page.file.src_uri] = late
        headings.add_to(page)
        return html

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        late = self._late.pop(page.file.src_uri, None)
        if not late:
            return output
        return _SLOT.sub(lambda match: late[int(match.group(1))], output)

    def on_page_context(
        self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> Any:
        self.rebuilt.add(page.url)
        done = len(self.rebuilt)
        if self.progress is not None and (done % REPORT_EVERY == 0 or done == self._to_render):
            self.progress(f"site: rendered {done:,} of {self._to_render:,} pages")
        return context

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        root = self.root(config)
        for folder in ("strategy", "content", "build/images"):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        return server
