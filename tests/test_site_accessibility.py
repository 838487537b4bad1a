"""The reviewer's site in a real browser at desktop and phone widths: an accessibility audit with
axe-core (from npm, `make npm`), pages light enough to load on a phone, figures readable there.

Screenshots of every audited page at both widths are kept under build/test-artifacts/site/ (git-ignored)
for a person to look at; the assertions below are what a machine can judge.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from pathlib import Path

import pytest

from claimgraph.registry import load
from claimgraph.site import build_site

from .conftest import QuietHandler

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "build" / "test-artifacts" / "site"
WIDTHS = {"desktop": 1366, "phone": 390}
#: The audited pages of the bundled registry: one of each kind a reviewer reads.
PAGES = {
    "home": "index.html",
    "step": "argument/s12-conclusion-1.html",
    "claim": "claims/moderate-decoupling-x3.html",
    "source": "sources/ho2024.html",
    "measurand": "measurands/gpt3-training-energy.html",
    "report": "report/index.html",
}
#: WCAG 2.2 AA and axe's best practices; a violation of impact serious or critical fails the test.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
#: A reading page's first load, gzipped as a web server sends it (the query page's engine excepted).
FIRST_LOAD_LIMIT = 300 * 1024


def _serve(folder: Path):
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    out = tmp_path_factory.mktemp("a11y") / "site"
    build_site(load(ROOT), out)
    server, base = _serve(out)
    yield base
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def figures_only(tmp_path_factory):
    """The valid fixture without its argument: a registry of figures, as most new registries start."""
    import shutil

    root = tmp_path_factory.mktemp("figures") / "registry"
    shutil.copytree(FIXTURES / "valid", root)
    (root / "claims" / "argument.ttl").unlink()
    out = root.parent / "site"
    build_site(load(root), out)
    server, base = _serve(out)
    yield base
    server.shutdown()
    server.server_close()


def _open(browser, url: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.sizes = []
    page.on("response", lambda response: page.sizes.append((response.url, _gzipped(response))))
    page.goto(url, wait_until="networkidle")
    return context, page


def _gzipped(response) -> int:
    try:
        return len(gzip.compress(response.body(), 6))
    except Exception:  # a redirect or an aborted request has no body
        return 0


def _violations(page) -> list:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: run `make npm`")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: tags})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))",
        AXE_TAGS,
    )
    return [v for v in found if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_audited_page_has_no_serious_accessibility_violation(browser, bundled, kind, width):
    context, page = _open(browser, bundled + PAGES[kind], WIDTHS[width])
    try:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"bundled-{kind}-{width}.png"), full_page=True)
        assert _violations(page) == []
        # a reading page loads light: no source maps, no stemmer of a language the registry lacks, no
        # WebAssembly engine (only the query page loads it)
        total = sum(size for _, size in page.sizes)
        assert total <= FIRST_LOAD_LIMIT, sorted(page.sizes, key=lambda item: -item[1])[:5]
        assert not any(url.endswith((".map", ".wasm")) for url, _ in page.sizes)
    finally:
        context.close()


def test_phone_pages_do_not_scroll_sideways_and_figures_stay_readable(browser, bundled):
    for kind in ("home", "step", "measurand", "report"):
        context, page = _open(browser, bundled + PAGES[kind], WIDTHS["phone"])
        try:
            # tables reflow: the page itself is never wider than the phone
            assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS["phone"], kind
            # the text of every figure is drawn at 12 px or more (figures scroll in their own frame)
            smallest = page.evaluate("""() => {
                let least = Infinity;
                for (const svg of document.querySelectorAll('.cg-figure svg')) {
                    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                    for (const t of svg.querySelectorAll('text'))
                        least = Math.min(least, parseFloat(t.getAttribute('font-size')) * scale);
                }
                return least; }""")
            assert smallest >= 12 or smallest == float("inf"), (kind, smallest)
        finally:
            context.close()


def test_home_of_a_registry_without_steps_in_the_browser(browser, figures_only):
    for width in sorted(WIDTHS):
        context, page = _open(browser, figures_only, WIDTHS[width])
        try:
            page.screenshot(path=str(ARTIFACTS / f"figures-only-home-{width}.png"), full_page=True)
            text = page.inner_text("article")
            # the registry is French first: so is its interface
            assert "Ce que disent les chiffres" in text and "Ce que les vérifications ont trouvé" in text
            assert "carte de l'argumentaire" not in text.lower() and "deck" not in text.lower()
            assert _violations(page) == []
        finally:
            context.close()


def test_report_filters_narrow_the_findings(browser, bundled):
    context, page = _open(browser, bundled + PAGES["report"], WIDTHS["desktop"])
    try:
        rows = page.locator("table.cg-report tbody tr")
        total = rows.count()
        assert total > 0 and page.locator("form.cg-report-filters").is_visible()
        page.select_option('select[data-filter="severity"]', "info")
        visible = page.locator("table.cg-report tbody tr:not([hidden])")
        assert 0 < visible.count() < total
        assert set(visible.evaluate_all("rows => rows.map(r => r.dataset.severity)")) == {"info"}
        page.select_option('select[data-filter="code"]', "CG350")
        assert visible.count() == 0  # CG350 is a warning: no info row has it
        page.select_option('select[data-filter="severity"]', "")
        assert visible.count() >= 1
        assert "constats montrés sur" in page.inner_text("form.cg-report-filters output")  # in the site's language
        assert _violations(page) == []
    finally:
        context.close()


def test_search_folds_accents_so_frugalite_finds_frugalite(browser, bundled):
    """The theme's search has no accent folding: "frugalite" found nothing where the deck writes
    "frugalité". Each search entry now carries its words without accents, hidden from the preview."""
    context, page = _open(browser, bundled, WIDTHS["desktop"])
    try:
        search = page.locator("input.md-search__input")
        search.click()
        search.press_sequentially("frugalite", delay=30)
        results = page.locator(".md-search-result__item")
        results.first.wait_for(timeout=15000)
        assert results.count() >= 1
        assert (
            "Problématique et question de recherche" in page.locator(".md-search-result").inner_text()
        )  # French first
        # the hidden words are indexed, never shown
        assert "frugalite" not in page.locator(".md-search-result").inner_text().lower()
    finally:
        context.close()
