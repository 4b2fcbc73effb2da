"""Which MkDocs configuration a repository's site is built with, and which earlier
site folder is socialplan's own.

Both the builder (`socialplan build`) and the plugin (`mkdocs build`/`serve`, where
MkDocs loads the plugin itself) need these, so they live apart from both.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from ..guards import safejson
from ..guards.output_folders import Legacy
from .incremental import THEME_PAGE
from .markup import page_url

MANIFEST = Path("build", "site-cache.json")
# What MkDocs and Material write at the top of a site besides its pages and files.
THEME_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz", "search", "assets")


def config_file(root: Path) -> tuple[Path, bool]:
    """The MkDocs configuration to use, and whether it is socialplan's default."""
    own = root / "mkdocs.yml"
    if own.is_file():
        return own, False
    return default_config(), True


def default_config() -> Path:
    """socialplan's own mkdocs.yml, for a repository without one. It lives in the
    package, so whoever uses it points docs_dir at the repository's strategy/."""
    return Path(str(resources.files(__package__).joinpath("default-mkdocs.yml")))


def earlier(root: Path) -> Legacy:
    """Recognises a site an earlier socialplan built before output folders were marked:
    build/site-cache.json names exactly that folder, which holds an index.html and
    nothing at its top that the record and the theme do not explain."""

    def recognise(folder: Path) -> bool:
        recorded = safejson.read_object(root / MANIFEST)
        files = recorded.get("files") if recorded is not None else None
        if recorded is None or recorded.get("site_dir") != str(folder):
            return False
        if not isinstance(files, dict) or not (folder / "index.html").is_file():
            return False
        made = set(THEME_FILES)
        for name in files:
            if isinstance(name, str) and not name.startswith(THEME_PAGE):
                made.add(page_url(name).split("/", 1)[0] if name.endswith(".md") else name)
        made = {name.split("/", 1)[0] or "index.html" for name in made}
        try:
            names = {name for name in os.listdir(folder) if not name.startswith(".")}
        except OSError:
            return False
        return names <= made

    return recognise
