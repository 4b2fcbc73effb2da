"""The site as MkDocs builds it: strict, self-contained, safe, and incremental."""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from socialplan.build import build

from ..conftest import ROOT, BrandRepo
from ..unit.site.test_site_pages import add_hostile_post

MKDOCS = str(Path(sys.executable).parent / "mkdocs")
# Material prints an end-of-life notice when run as `mkdocs`; it is not about this site.
QUIET = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1798761600"}
DEMO_PARTS = ("strategy", "content", "schemas", "assets", "templates", "mkdocs.yml")


def copy_demo(target: Path) -> Path:
    """The demo brand, copied so that builds do not write into the working tree."""
    target.mkdir(parents=True, exist_ok=True)
    for name in DEMO_PARTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.is_file():
            shutil.copy2(source, target / name)
    return target


class Resources(HTMLParser):
    """What a page makes the browser fetch, and where its links go."""

    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[str] = []
        self.links: list[str] = []
        self.tags: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        if tag in ("img", "script", "iframe", "source", "video", "audio") and values.get("src"):
            self.fetched.append(values["src"] or "")
        if tag == "link" and values.get("href"):
            rel = (values.get("rel") or "").split()
            target = (
                self.fetched
                if {"stylesheet", "icon", "preload", "manifest"} & set(rel)
                else self.links
            )
            target.append(values["href"] or "")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")


def parse(path: Path) -> Resources:
    parser = Resources()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def mkdocs_build(root: Path, out: Path, strict: bool = False) -> subprocess.CompletedProcess[str]:
    """`mkdocs build`; strict turns validation problems (and any MkDocs warning) into failure."""
    return subprocess.run(
        [
            MKDOCS,
            "build",
            *(["--strict"] if strict else []),
            "-f",
            str(root / "mkdocs.yml"),
            "-d",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=QUIET,
        check=False,
    )


def test_mkdocs_builds_the_demo_strictly(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "demo")
    result = mkdocs_build(root, tmp_path / "site", strict=True)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    site = tmp_path / "site"
    for page in ("index.html", "strategy/index.html", "calendar/index.html", "pipeline/index.html"):
        assert (site / page).is_file(), page
    assert len(list((site / "posts").glob("*/index.html"))) == len(
        list((root / "content/posts").rglob("*.md"))
    )


def test_the_site_fetches_nothing_from_other_servers(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "demo")
    assert mkdocs_build(root, tmp_path / "site").returncode == 0
    for page in (tmp_path / "site").rglob("*.html"):
        found = parse(page)
        external = [u for u in found.fetched if re.match(r"^(?:https?:)?//", u)]
        assert not external, (page, external)
    css = "\n".join(p.read_text("utf-8") for p in (tmp_path / "site").rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_post_pages_stay_out_of_the_navigation(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "demo")
    assert mkdocs_build(root, tmp_path / "site").returncode == 0
    home = (tmp_path / "site/index.html").read_text("utf-8")
    navigation = home[home.index("md-nav--primary") :]
    navigation = navigation[: navigation.index("</nav>")]
    assert "posts/" not in navigation and "calendar/2027" not in navigation


def test_a_hostile_post_shows_as_text(brand: BrandRepo, tmp_path: Path) -> None:
    add_hostile_post(brand)
    shutil.copy2(ROOT / "mkdocs.yml", brand.root / "mkdocs.yml")
    result = mkdocs_build(brand.root, tmp_path / "site", strict=True)
    assert result.returncode == 0, result.stderr
    for page in (tmp_path / "site").rglob("*.html"):
        found = parse(page)
        assert not found.handlers, page
        assert not [u for u in found.links + found.fetched if u.lower().startswith("javascript")]
        assert "iframe" not in found.tags
    post = (tmp_path / "site/posts/2027-01-20-tricky/index.html").read_text("utf-8")
    assert "&lt;script&gt;window.__xss=5&lt;/script&gt;" in post
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", post, re.DOTALL)
    assert not [s for s in scripts if "__xss" in s]


POST = """
    id: 2027-01-{day:02d}-post
    title: Post number {day}
    status: approved
    objective: first-objective
    pillar: expertise
    channels: [bluesky]
    at: 2027-01-{day:02d} 09:00 Europe/London
"""


def test_a_rebuild_after_one_change_equals_a_full_build(brand: BrandRepo, tmp_path: Path) -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", QUIET["SOURCE_DATE_EPOCH"])
    root = brand.root
    for day in range(4, 20):
        brand.post(f"post-{day}", POST.format(day=day), f"Text of post {day}.")
    first = build(root, out=tmp_path / "incremental", images=False)
    assert first.site is not None and not first.site.incremental
    brand.post("post-10", POST.format(day=10), "A changed text.")
    (root / "content/posts/2027/01/post-19.md").unlink()
    second = build(root, out=tmp_path / "incremental", images=False)
    assert second.site.incremental
    assert 0 < second.site.rendered < second.site.pages / 2
    assert not (tmp_path / "incremental/posts/2027-01-19-post").exists()
    shutil.rmtree(root / "build")
    full = build(root, out=tmp_path / "full", images=False)
    assert not full.site.incremental
    assert_same_tree(tmp_path / "full", tmp_path / "incremental")


def _rename_pillar(brand: BrandRepo) -> None:
    path = brand.root / "strategy/pillars.yaml"
    path.write_text(path.read_text("utf-8").replace("name: Expertise", "name: Know-how"), "utf-8")


def _publish_one(brand: BrandRepo) -> None:
    brand.write(
        "state/published.jsonl",
        '{"post": "2027-01-06-post", "channel": "bluesky",'
        ' "at": "2027-01-06T09:00:00+00:00", "url": "https://bsky.app/x"}\n',
    )


QUEUED = """
    id: {name}
    title: Queued {name}
    status: approved
    objective: first-objective
    pillar: expertise
    channels: [bluesky]
    at: next
"""


def _queue_before_another(brand: BrandRepo) -> None:
    # Queued posts take the next free slots in id order: a new first one moves the other.
    brand.post("queued-a", QUEUED.format(name="queued-a"))


def _add_generated_image(brand: BrandRepo) -> None:
    from ..unit.site.test_site_pages import png

    brand.write("build/images/2027-01-08-post/bluesky-1.png", png())


# Each change must reach every page it shows on, in an incremental build too.
CHANGES = {
    "strategy": _rename_pillar,
    "ledger": _publish_one,
    "queue": _queue_before_another,
    "images": _add_generated_image,
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_an_incremental_build_follows_every_kind_of_change(
    brand: BrandRepo, tmp_path: Path, change: str
) -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", QUIET["SOURCE_DATE_EPOCH"])
    for day in range(4, 12):
        brand.post(f"post-{day}", POST.format(day=day), f"Text of post {day}.")
    if change == "queue":
        brand.post("queued-b", QUEUED.format(name="queued-b"))
    build(brand.root, out=tmp_path / "incremental", images=False)
    CHANGES[change](brand)
    again = build(brand.root, out=tmp_path / "incremental", images=False)
    assert again.site.incremental and again.site.rendered > 0
    shutil.rmtree(brand.root / "build" / "cache", ignore_errors=True)
    (brand.root / "build" / "site-cache.json").unlink()
    full = build(brand.root, out=tmp_path / "full", images=False)
    assert not full.site.incremental
    assert_same_tree(tmp_path / "full", tmp_path / "incremental")


def assert_same_tree(left: Path, right: Path) -> None:
    comparison = filecmp.dircmp(left, right, ignore=["sitemap.xml.gz"])
    stack = [comparison]
    while stack:
        current = stack.pop()
        assert not current.left_only and not current.right_only, (
            current.left,
            current.left_only,
            current.right_only,
        )
        _, mismatch, errors = filecmp.cmpfiles(
            current.left, current.right, current.common_files, shallow=False
        )
        assert not mismatch and not errors, (current.left, mismatch)
        stack.extend(current.subdirs.values())


@pytest.mark.parametrize("name", ["socialplan.css", "brand.css"])
def test_the_stylesheets_are_served_by_the_site(tmp_path: Path, name: str) -> None:
    root = copy_demo(tmp_path / "demo")
    assert mkdocs_build(root, tmp_path / "site").returncode == 0
    assert (tmp_path / "site/assets/socialplan" / name).is_file()
    assert f"assets/socialplan/{name}" in (tmp_path / "site/index.html").read_text("utf-8")


def test_post_pages_carry_their_mockups_and_search_finds_the_text(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "demo")
    assert mkdocs_build(root, tmp_path / "site").returncode == 0
    page = (tmp_path / "site/posts/2027-01-07-hearth-launch/index.html").read_text("utf-8")
    # The mock-ups go in after the search index is made: no slot may be left over.
    assert page.count('class="sp-preview') >= 4
    assert "data-sp-slot" not in page
    index = json.loads((tmp_path / "site/search/search_index.json").read_text("utf-8"))
    entries = [
        d for d in index["docs"] if d["location"].startswith("posts/2027-01-07-hearth-launch")
    ]
    text = " ".join(d["text"] for d in entries)
    assert "winter blend" in text.lower()  # the text as written is searchable
    assert "sp-card" not in text and "Like" not in text.split()  # the mock-ups are not
    # Nor the facts, times and record, which repeat the same words on every post page.
    assert "Objective" not in text and "UTC" not in text and "ledger" not in text
    assert {d["title"] for d in entries} == {"Hearth, the winter blend, is out", "Text as written"}
    # They are on the page all the same, in the order they were written.
    assert page.index("sp-facts") < page.index('id="when"') < page.index("sp-preview")
    # Section headings are HTML, yet have their permalinks and table of contents
    # as Markdown headings would (mkdocs.yml: `toc: permalink: true`).
    assert (
        '<h2 id="when">When<a class="headerlink" href="#when" title="Permanent link">'
        "&para;</a></h2>" in page
    )
    contents = page[page.index('class="md-nav md-nav--secondary"') :]
    links = re.findall(r'<a href="#([^"]+)" class="md-nav__link">', contents)
    assert links[:5] == [
        "text-as-written",
        "when",
        "what-each-channel-receives",
        "channel-instagram",
        "channel-x",
    ]
    assert "published" in links and "data-sp-toc" not in page
    # Month pages and views only list posts: they stay out of the index.
    listed = {d["location"].split("#")[0] for d in index["docs"]}
    assert {loc for loc in listed if loc.startswith("calendar/")} == {"calendar/"}


def test_theme_pages_are_kept_only_while_they_would_come_out_the_same(
    brand: BrandRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", QUIET["SOURCE_DATE_EPOCH"])
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    brand.write("mkdocs.yml", config + "\nsite_url: https://brand.example.com/\n")
    for day in range(4, 8):
        brand.post(f"post-{day}", POST.format(day=day), f"Text of post {day}.")
    out = tmp_path / "site"
    build(brand.root, out=out, images=False)
    sitemap, missing = out / "sitemap.xml", out / "404.html"
    before = (sitemap.stat().st_mtime_ns, missing.stat().st_mtime_ns)
    brand.post("post-5", POST.format(day=5), "A changed text, same pages.")
    build(brand.root, out=out, images=False)
    assert (sitemap.stat().st_mtime_ns, missing.stat().st_mtime_ns) == before
    # The next day the sitemap's dates change; a new post adds a URL.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(QUIET["SOURCE_DATE_EPOCH"]) + 86400))
    brand.post("post-9", POST.format(day=9), "A new post.")
    build(brand.root, out=out, images=False)
    text = sitemap.read_text("utf-8")
    assert "https://brand.example.com/posts/2027-01-09-post/" in text
    assert "<lastmod>2027-01-02</lastmod>" in text
    shutil.rmtree(brand.root / "build")
    build(brand.root, out=tmp_path / "full", images=False)
    assert text == (tmp_path / "full/sitemap.xml").read_text("utf-8")


def test_compiled_templates_are_kept_and_a_spoilt_one_is_compiled_again(
    brand: BrandRepo, tmp_path: Path
) -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", QUIET["SOURCE_DATE_EPOCH"])
    brand.post("post-4", POST.format(day=4), "Text.")
    build(brand.root, out=tmp_path / "first", images=False)
    kept = sorted((brand.root / "build/cache/templates").glob("*.signed"))
    assert kept  # the theme's compiled templates, signed (cache.compiled_templates)
    for path in kept:
        path.write_bytes(b"not a compiled template")
    # Another output folder: every page is rendered, with the spoilt templates.
    second = build(brand.root, out=tmp_path / "second", images=False)
    assert not second.site.incremental
    assert all(p.read_bytes() != b"not a compiled template" for p in kept)
    assert_same_tree(tmp_path / "first", tmp_path / "second")
    # --clean forgets them.
    build(brand.root, out=tmp_path / "second", images=False, incremental=False)
    assert sorted((brand.root / "build/cache/templates").glob("*.signed")) == kept
