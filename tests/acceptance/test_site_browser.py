"""The site in a real browser: headless Chromium (Debian's `chromium`, which
`.ci/run` installs) opens the pages a reader opens first, over a local HTTP
server. No console error, no failed request, no request to another server;
every internal link and anchor resolves; a hostile post runs nothing.

Screenshots go to build/screenshots/ for a reviewer to look at.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from socialplan.site.builder import build_site
from socialplan.site.prepare import prepare

from ..conftest import ROOT, BrandRepo
from ..unit.site.test_site_pages import add_hostile_post
from .test_site_build import copy_demo

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = ROOT / "build" / "screenshots"
FLAGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if CHROMIUM is None:
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed: .ci/run installs Debian's chromium", pytrace=False)
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Served:
    root: Path
    base: str


def serve(folder: Path) -> Iterator[Served]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(folder, f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def build_demo(target: Path) -> Path:
    """The demo brand with its images, built into `target`/site."""
    from socialplan.images import render_images

    root = copy_demo(target / "demo")
    render_images(root=root)
    build_site(prepare(root, check=False), target / "site", incremental=False)
    return target / "site"


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from serve(build_demo(tmp_path_factory.mktemp("browser")))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@dataclass
class Visit:
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def open_page(browser: Browser, url: str, screenshot: str | None = None) -> tuple[Page, Visit]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    visit = Visit()
    host = urlsplit(url).netloc
    page.on("console", lambda m: visit.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: visit.page_errors.append(str(e)))
    page.on("requestfailed", lambda r: visit.failed.append(f"{r.url} {r.failure}"))
    page.on(
        "response",
        lambda r: visit.failed.append(f"{r.url} {r.status}") if r.status >= 400 else None,
    )
    page.on(
        "request",
        lambda r: visit.elsewhere.append(r.url) if urlsplit(r.url).netloc != host else None,
    )
    page.on("dialog", lambda d: (visit.dialogs.append(d.message), d.dismiss()))
    page.goto(url, wait_until="networkidle")
    # Lazy images load when scrolled into view: scroll so they are requested too.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    if screenshot:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(SCREENSHOTS / f"{screenshot}.png"), full_page=True)
    return page, visit


def first_post_with_images(site: Path) -> str:
    for page in sorted(site.glob("posts/*/index.html")):
        if "assets/images/" in page.read_text("utf-8"):
            return f"posts/{page.parent.name}/"
    raise AssertionError("no post page shows a generated image")


@pytest.mark.parametrize(
    "name", ["home", "strategy", "calendar", "calendar-month", "pipeline", "post"]
)
def test_pages_open_cleanly(demo_site: Served, browser: Browser, name: str) -> None:
    paths = {
        "home": "",
        "strategy": "strategy/",
        "calendar": "calendar/",
        "calendar-month": sorted(p.stem for p in (demo_site.root / "calendar").glob("2*"))[0] + "/",
        "pipeline": "pipeline/",
        "post": first_post_with_images(demo_site.root),
    }
    path = paths[name]
    if name == "calendar-month":
        path = f"calendar/{path}"
    page, visit = open_page(browser, demo_site.base + path, screenshot=name)
    try:
        assert visit.console_errors == []
        assert visit.page_errors == []
        assert visit.failed == []
        assert visit.elsewhere == []
        assert page.locator("h1").first.is_visible()
        if name == "post":
            images = page.locator(".sp-media img")
            assert images.count() > 0
            assert all(
                images.nth(i).evaluate("i => i.complete && i.naturalWidth > 0")
                for i in range(images.count())
            )
            assert page.locator(".sp-measure").count() > 0
    finally:
        page.close()


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        for name in ("href", "src"):
            if values.get(name) and tag in ("a", "link", "img", "script"):
                self.urls.append(values[name] or "")


def test_every_internal_link_resolves(demo_site: Served) -> None:
    start = demo_site.base
    pages: dict[str, Links] = {}
    queue, seen, broken, fragments = [start], {start}, [], []
    while queue:
        url = queue.pop()
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = response.read()
                kind = response.headers.get_content_type()
        except urllib.error.URLError as exc:
            broken.append(f"{url}: {exc}")
            continue
        if kind != "text/html":
            continue
        parser = Links()
        parser.feed(body.decode("utf-8"))
        pages[url] = parser
        for raw in parser.urls:
            target = urljoin(url, raw)
            if not target.startswith(start):
                continue  # the brand's own links in posts, mailto: …
            bare, fragment = urldefrag(target)
            if fragment:
                fragments.append((url, bare, fragment))
            if bare not in seen:
                seen.add(bare)
                queue.append(bare)
    assert broken == []
    assert len(pages) > 20
    missing = [
        f"{source} → {target}#{fragment}"
        for source, target, fragment in fragments
        if target in pages and fragment not in pages[target].ids and not fragment.startswith("__")
    ]
    assert missing == []


def test_a_hostile_post_runs_nothing(brand: BrandRepo, browser: Browser, tmp_path: Path) -> None:
    add_hostile_post(brand)
    site = build_site(prepare(brand.root), tmp_path / "site", incremental=False).out
    for served in serve(site):
        page, visit = open_page(browser, served.base + "posts/2027-01-20-tricky/", "hostile-post")
        try:
            assert visit.dialogs == []
            assert visit.page_errors == []
            assert page.evaluate("typeof window.__xss") == "undefined"
            text = page.locator("article").inner_text()
            assert "<script>window.__xss = 1</script> Tricky <b>title</b>" in text
            assert '<img src=x onerror="window.__xss=4">' in text
            assert page.title().startswith("<script>window.__xss = 1</script>")
            assert page.locator("article script, article iframe").count() == 0
        finally:
            page.close()
