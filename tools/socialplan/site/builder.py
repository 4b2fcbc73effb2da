"""Running MkDocs on prepared site files, from Python, without printing.

The repository's mkdocs.yml is used when there is one (its theme, extensions,
plugins); a brand repository without one gets the configuration shipped with
socialplan (`default-mkdocs.yml`). MkDocs' log messages are passed to the
caller's progress callback instead of the terminal, and its errors become a
`SocialplanError`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..errors import SocialplanError, UsageError
from ..guards.output_folders import SITE, claim
from ..images.copies import VERSION as BARE_COPIES
from . import NAVIGATION
from .configuration import MANIFEST, config_file, earlier
from .incremental import Incremental
from .prepare import Prepared

Progress = Callable[[str], None]
DIRTY_NOTICE = "A 'dirty' build is being performed"


@dataclass
class SiteBuild:
    out: Path
    pages: int
    rendered: int
    incremental: bool
    warnings: list[str]


class SiteError(SocialplanError):
    """MkDocs could not build the site."""


class _Forward(logging.Handler):
    def __init__(self, progress: Progress | None) -> None:
        super().__init__(logging.WARNING)
        self.progress = progress
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        self.messages.append(message)
        if self.progress is not None:
            self.progress(f"site: {record.levelname.lower()}: {message}")


class _DropDirtyNotice(logging.Filter):
    """Incremental builds are dirty builds on purpose: MkDocs' warning about them
    is not a problem of the site (and would fail every strict rebuild)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_NOTICE)


@contextmanager
def _captured_logs(progress: Progress | None) -> Iterator[_Forward]:
    logger = logging.getLogger("mkdocs")
    builder_log = logging.getLogger("mkdocs.commands.build")
    handler = _Forward(progress)
    notice = _DropDirtyNotice()
    saved = logger.propagate
    logger.addHandler(handler)
    builder_log.addFilter(notice)
    logger.propagate = False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        builder_log.removeFilter(notice)
        logger.propagate = saved


def stamp(config_path: Path, out: Path, prepared: Prepared) -> str:
    """What must be equal for a previous build to be updated rather than redone:
    everything that shows on every page (configuration, navigation, site name, logo)."""
    shared = [
        NAVIGATION,
        prepared.repo.brand.get("name"),
        sorted(p for p in prepared.files if p.startswith("assets/socialplan/logo.")),
        BARE_COPIES,  # images copied by an older way are copied again
    ]
    parts = [config_path.read_bytes(), str(out).encode(), json.dumps(shared, default=str).encode()]
    for name in ("socialplan", "mkdocs", "mkdocs-material"):
        try:
            parts.append(metadata.version(name).encode())
        except metadata.PackageNotFoundError:
            parts.append(b"?")
    return hashlib.sha1(b"\0".join(parts), usedforsecurity=False).hexdigest()


def build_site(
    prepared: Prepared,
    out: Path,
    *,
    strict: bool = False,
    incremental: bool = True,
    progress: Progress | None = None,
) -> SiteBuild:
    """Render the prepared files into `out` with MkDocs (and Material)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .plugin import SocialplanPlugin

    # Never a folder of someone's files: MkDocs empties it (see output_folders).
    out = claim(out, prepared.root, SITE, earlier(prepared.root))
    path, default = config_file(prepared.root)
    overrides: dict[str, object] = {"site_dir": str(out), "strict": strict}
    if default:
        overrides["docs_dir"] = str(prepared.root / "strategy")
    cache = (
        Incremental(prepared.root / MANIFEST, stamp(path, out, prepared), out)
        if incremental
        else None
    )
    with _captured_logs(progress) as logs:
        try:
            config = load_config(str(path), **overrides)  # type: ignore[arg-type]
            plugin = next(
                (p for p in config.plugins.values() if isinstance(p, SocialplanPlugin)), None
            )
            if plugin is None:
                raise UsageError(
                    f"{path} does not use the socialplan plugin",
                    "add `- socialplan` under `plugins:` in mkdocs.yml",
                )
            plugin.prepared = prepared
            plugin.incremental = cache
            plugin.progress = progress
            if cache is not None:
                cache.start(prepared.files)
                for note in cache.notes:
                    if progress is not None:
                        progress(f"site: warning: {note}")
            dirty = cache is not None and cache.dirty
            if not dirty:
                _drop_links(out)
            if progress is not None:
                how = "updating" if dirty else "building"
                progress(f"site: {how} {out} with MkDocs")
            build(config, dirty=dirty)
        except MkDocsException as exc:
            raise SiteError(f"the site could not be built: {exc}", _hint(logs.messages)) from None
        if cache is not None:
            cache.finish(plugin.page_urls, plugin.rebuilt)
    notes = cache.notes if cache is not None else []
    return SiteBuild(
        out, len(plugin.page_urls), len(plugin.rebuilt), dirty, [*notes, *logs.messages]
    )


def _drop_links(out: Path) -> None:
    """Remove links at the top of the site folder before a full build: MkDocs would
    leave them and write through them to wherever they point."""
    links: list[str] = []
    with contextlib.suppress(OSError), os.scandir(out) as entries:
        links = [entry.path for entry in entries if entry.is_symlink()]
    for link in links:
        with contextlib.suppress(OSError):
            os.unlink(link)


def _hint(messages: list[str]) -> str:
    return messages[0] if messages else "run `mkdocs build --strict` to see MkDocs' own output"
