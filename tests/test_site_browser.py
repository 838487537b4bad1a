"""The built site in a real browser: Debian's Chromium, headless, driven by Playwright.

Each site (the bundled registry, the valid fixture, the hostile fixture) is built
for real and served from a local http.server thread on 127.0.0.1. Screenshots are
kept under build/test-artifacts/ (git-ignored). Chromium comes from
``apt-get install chromium`` (``make browser``); ``playwright install`` is never used.
"""

from __future__ import annotations

import functools
import http.server
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest

from claimgraph.registry import load
from claimgraph.site import build_site

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "build" / "test-artifacts" / "site"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

REGISTRIES = {"bundled": ROOT, "valid": FIXTURES / "valid", "hostile": FIXTURES / "hostile"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed: run `make browser` (apt-get install chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module", params=sorted(REGISTRIES))
def site(request, tmp_path_factory):
    """(name, base URL, site folder, model counts) for one registry, served on 127.0.0.1."""
    name = request.param
    out = tmp_path_factory.mktemp(f"site-{name}") / "site"
    result = build_site(load(REGISTRIES[name]), out)
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield name, f"http://127.0.0.1:{server.server_address[1]}/", out, result
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.errors = []
    page.dialogs = []
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key in ("href", "src", "xlink:href") and value:
                self.links.append(value)


def test_home_diagram_renders_as_svg(site, page):
    name, base, _, result = site
    page.goto(base)
    svg = page.locator("svg.cg-argument-map")
    svg.wait_for(state="visible")
    box = svg.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 40
    nodes = page.locator("svg.cg-argument-map a")
    if result.claims:
        assert nodes.count() > 0
        href = nodes.first.get_attribute("href")
        page.goto(urljoin(base, href))
        assert page.locator("h1").count() == 1
    _shot(page if nodes.count() == 0 else page, f"{name}-after-diagram-click")
    page.goto(base)
    _shot(page, f"{name}-home")
    assert page.errors == [] and page.dialogs == []


def test_pages_load_without_console_errors(site, page):
    name, base, out, _ = site
    paths = ["index.html", "argument/index.html", "claims/index.html", "sources/index.html",
             "measurands/index.html", "report/index.html", "vocabulary/index.html", "downloads/index.html",
             "sparql/index.html"]
    for kind in ("argument", "claims", "sources", "measurands"):
        first = sorted(p for p in (out / kind).glob("*.html") if p.name != "index.html")[:2]
        paths += [f"{kind}/{p.name}" for p in first]
    for path in paths:
        page.goto(urljoin(base, path))
        page.wait_for_load_state("load")
        assert page.errors == [], (path, page.errors)
        if "/" in path and path.split("/")[1] != "index.html" and not (ARTIFACTS / f"{name}-{path.split('/')[0]}.png").exists():
            _shot(page, f"{name}-{path.split('/')[0]}")
    assert page.dialogs == []


def test_every_internal_link_resolves(site):
    _, base, out, _ = site
    origin = urlsplit(base).netloc
    seen: set[str] = set()
    todo = [base + "index.html"]
    broken: list[tuple[str, str]] = []
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        with urlopen(url) as response:  # raises on 404
            body = response.read()
            kind = response.headers.get_content_type()
        if kind != "text/html":
            continue
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        for link in parser.links:
            target = urljoin(url, link)
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https") or parts.netloc != origin:
                continue
            clean = target.split("#", 1)[0]
            path = out / parts.path.lstrip("/")
            if parts.path.endswith("/"):
                path = path / "index.html"
            if not path.exists():
                broken.append((url, link))
            elif clean.endswith(".html") and clean not in seen:
                todo.append(clean)
    assert broken == []
    assert len(seen) > 5


def test_search_finds_a_claim_by_a_word_of_its_statement(site, page):
    name, base, _, result = site
    if not result.claims:
        pytest.skip("this registry has no claims yet")
    word = {"valid": "reportedly", "hostile": "quokka"}.get(name)
    if word is None:  # the bundled registry: take a long word from the first claim's English statement
        import csv

        rows = list(csv.DictReader((site[2] / "downloads" / "claims.csv").open(encoding="utf-8")))
        words = sorted((w.strip(".,;:()«»\"'") for w in rows[0]["statement_en"].split()), key=len, reverse=True)
        word = words[0]
    page.goto(base)
    search = page.locator("input.md-search__input")
    search.click()  # on a wide screen the search box sits in the header
    search.press_sequentially(word, delay=30)  # key by key, as a reader types
    results = page.locator(".md-search-result__item a[href*='claims/']:not([href*='claims/index'])")
    results.first.wait_for(state="visible", timeout=15000)
    assert results.count() >= 1
    _shot(page, f"{name}-search")
    assert page.errors == []


def test_hostile_label_renders_as_plain_text(site, page):
    name, base, _, _ = site
    if name != "hostile":
        pytest.skip("only the hostile fixture carries hostile labels")
    page.goto(urljoin(base, "claims/script-label.html"))
    page.wait_for_load_state("load")
    body = page.locator("article").inner_text()
    assert "<script>window.__pwned = 'claim'</script> Hostile quokka statement" in body
    assert page.evaluate("window.__pwned") is None
    assert page.locator("article script").count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0
    _shot(page, "hostile-claim")
    for path in ("index.html", "argument/question.html", "argument/conclusion.html", "sources/evil2020.html",
                 "measurands/evil-energy.html", "claims/attr-syntax.html"):
        page.goto(urljoin(base, path))
        page.wait_for_load_state("load")
        assert page.evaluate("window.__pwned") is None, path
        assert page.locator("[onclick], [onerror], [onload], [onmouseover]").count() == 0, path
        assert page.locator("a[href^='javascript:' i]").count() == 0, path
    title = page.title()
    assert "<" not in title
    assert page.dialogs == [] and page.errors == []
