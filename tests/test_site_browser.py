"""The built site in a real browser: Debian's Chromium, headless, driven by Playwright.

Each site (the bundled registry, the valid fixture, the hostile fixture) is built
for real and served from a local http.server thread on 127.0.0.1. Screenshots are
kept under build/test-artifacts/ (git-ignored). Chromium comes from
``apt-get install chromium`` (``make browser``); ``playwright install`` is never used.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest

from claimgraph.registry import load
from claimgraph.site import build_site

from .conftest import QuietHandler

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = ROOT / "build" / "test-artifacts" / "site"

REGISTRIES = {"bundled": ROOT, "valid": FIXTURES / "valid", "hostile": FIXTURES / "hostile"}


@pytest.fixture(scope="module", params=sorted(REGISTRIES))
def site(request, tmp_path_factory):
    """(name, base URL, site folder, model counts) for one registry, served on 127.0.0.1."""
    name = request.param
    out = tmp_path_factory.mktemp(f"site-{name}") / "site"
    result = build_site(load(REGISTRIES[name]), out)
    handler = functools.partial(QuietHandler, directory=str(out))
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


def test_home_argument_map_renders_and_its_boxes_link(site, page):
    name, base, _, result = site
    page.goto(base)
    the_map = page.locator(".cg-argument-map")
    the_map.wait_for(state="visible")
    box = the_map.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 40
    nodes = page.locator(".cg-argument-map a.cg-node")
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
    paths = [
        "index.html",
        "argument/index.html",
        "claims/index.html",
        "sources/index.html",
        "measurands/index.html",
        "report/index.html",
        "vocabulary/index.html",
        "downloads/index.html",
        "sparql/index.html",
    ]
    for kind in ("argument", "claims", "sources", "measurands"):
        first = sorted(p for p in (out / kind).glob("*.html") if p.name != "index.html")[:2]
        paths += [f"{kind}/{p.name}" for p in first]
    for path in paths:
        page.goto(urljoin(base, path))
        page.wait_for_load_state("load")
        assert page.errors == [], (path, page.errors)
        if (
            "/" in path
            and path.split("/")[1] != "index.html"
            and not (ARTIFACTS / f"{name}-{path.split('/')[0]}.png").exists()
        ):
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
    assert result.claims  # each of the three registries has claims
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
    # the only script in the article is the page's data (JSON-LD), which the browser parses, never runs
    assert page.locator("article script:not([type='application/ld+json'])").count() == 0
    data = page.evaluate(
        "JSON.parse(document.querySelector('article script[type=\"application/ld+json\"]').textContent)"
    )
    assert "@context" in data and "Hostile quokka statement" in json.dumps(data)
    assert page.locator("a[href^='javascript:' i]").count() == 0
    _shot(page, "hostile-claim")
    for path in (
        "index.html",
        "argument/question.html",
        "argument/conclusion.html",
        "sources/evil2020.html",
        "measurands/evil-energy.html",
        "claims/attr-syntax.html",
    ):
        page.goto(urljoin(base, path))
        page.wait_for_load_state("load")
        assert page.evaluate("window.__pwned") is None, path
        assert page.locator("[onclick], [onerror], [onload], [onmouseover]").count() == 0, path
        assert page.locator("a[href^='javascript:' i]").count() == 0, path
    title = page.title()
    assert "<" not in title
    assert page.dialogs == [] and page.errors == []


# ------------------------------------------------------------------ the in-browser SPARQL page


@pytest.fixture(scope="module")
def sparql_site(tmp_path_factory):
    """The fixture registry whose saved queries have known answers, built and served on 127.0.0.1."""
    from .test_site_sparql import require_engine

    require_engine()
    out = tmp_path_factory.mktemp("site-sparql") / "site"
    build_site(load(FIXTURES / "sparql"), out)
    handler = functools.partial(QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", out
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def offline_page(page):
    """A page whose every request must go to 127.0.0.1: any other is aborted and recorded."""
    page.outside = []

    def route(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            page.outside.append(route.request.url)
            route.abort()

    page.context.route("**/*", route)
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    return page


def _open_query_page(page, base):
    page.goto(urljoin(base, "sparql/query.html"))
    page.locator("#cg-sparql[data-state='ready']").wait_for(timeout=60000)
    assert page.locator("#cg-sparql-saved option").count() > 10


def _run(page):
    page.locator("#cg-sparql button[type=submit]").click()
    page.locator("#cg-sparql[data-state='done'], #cg-sparql[data-state='error']").wait_for(timeout=30000)
    assert page.locator("#cg-sparql").get_attribute("data-state") == "done", page.locator(
        ".cg-sparql-results"
    ).inner_text()


def _result_table(page) -> tuple[list[str], list[list[str]]]:
    header = page.locator(".cg-sparql-results thead th").all_inner_texts()
    rows = [row.locator("td").all_inner_texts() for row in page.locator(".cg-sparql-results tbody tr").all()]
    return header, rows


# status-overview and weak-claims read statuses' notations and ranks from the vocabulary: in the browser too
@pytest.mark.parametrize(
    "name", ["in-text-citations", "claims-per-source", "training-energy", "status-overview", "weak-claims"]
)
def test_query_page_runs_a_saved_query_in_the_browser(sparql_site, offline_page, name):
    from .test_site_sparql import EXPECTED, normalise, table_rows

    page = offline_page
    base, _ = sparql_site
    _open_query_page(page, base)
    page.locator("#cg-sparql-saved").select_option(name)
    assert "SELECT" in page.locator("#cg-sparql-text").input_value()
    _run(page)
    header, rows = _result_table(page)
    columns, expected = EXPECTED[name]
    assert table_rows(header, rows, columns) == [tuple(normalise(v) for v in row) for row in expected]
    if name == "in-text-citations":  # IRIs of claims link to their pages, which exist
        link = page.locator(".cg-sparql-results table a").first
        assert link.inner_text() == "claim/frugal-trend"
        page.goto(link.get_attribute("href"))
        assert page.locator("article").inner_text().count("Affirmation frugal-trend") == 1  # French first
    _shot(page, f"sparql-query-{name}")
    assert page.errors == [] and page.dialogs == []
    assert page.outside == [] and all(urlsplit(u).hostname == "127.0.0.1" for u in page.requests)
    assert any(u.endswith("/assets/oxigraph/web_bg.wasm") for u in page.requests)


def test_query_page_runs_a_query_the_reader_types(sparql_site, offline_page):
    page = offline_page
    base, _ = sparql_site
    _open_query_page(page, base)
    text = page.locator("#cg-sparql-text")
    # standard prefixes need no declaration; relative IRIs resolve against the registry base
    text.fill(
        "SELECT ?key WHERE {\n  ?s a cg:Source ; cg:bibKey ?key .\n  FILTER(?s != <source/Uncited2019>)\n}\n"
        "ORDER BY ?key"
    )
    _run(page)
    header, rows = _result_table(page)
    assert header == ["?key"] and rows == [["Blog2023"], ["Doe2021"], ["Roe2022"], ["Unknown2020"]]
    assert page.locator("#cg-sparql-saved").input_value() == ""
    # ASK and CONSTRUCT
    text.fill("ASK { <claim/x-energy> cg:cites <source/Doe2021> }")
    _run(page)
    assert "La réponse est oui" in page.locator(".cg-sparql-results").inner_text()  # the registry is French first
    text.fill('CONSTRUCT { ?c cg:cites ?s } WHERE { ?c cg:cites ?s ; cg:inTextCitation "Roe, 2022" }')
    _run(page)
    header, rows = _result_table(page)
    assert header == ["subject", "predicate", "object"]
    assert rows == [
        ["claim/frugal-trend", "cg:cites", "source/Roe2022"],
        ["claim/training-share", "cg:cites", "source/Roe2022"],
    ]
    # a mistake says where, on the reader's own line
    text.fill("SELECT ?s WHERE {\n  ?s a cg:Source .\n  FILTER(\n}")
    page.locator("#cg-sparql button[type=submit]").click()
    page.locator("#cg-sparql[data-state='error']").wait_for()
    # (as the command line says it: at the FILTER whose parenthesis never closes)
    assert page.locator(".cg-sparql-error").inner_text() == _command_line_error(text.input_value())
    assert page.locator(".cg-sparql-error").inner_text().startswith("CG401 error: line 3, column 3: ")
    text.fill("DELETE WHERE { ?s ?p ?o }")
    page.locator("#cg-sparql button[type=submit]").click()
    page.locator("#cg-sparql[data-state='error']").wait_for()
    assert "lecture seule" in page.locator(".cg-sparql-error").inner_text()
    _shot(page, "sparql-query-custom")
    assert page.errors == [] and page.dialogs == []
    assert page.outside == [] and all(urlsplit(u).hostname == "127.0.0.1" for u in page.requests)


def test_query_page_shares_a_link_to_any_query_and_downloads_every_row(sparql_site, offline_page):
    page = offline_page
    base, _ = sparql_site
    _open_query_page(page, base)
    query = "SELECT ?key WHERE { ?s a cg:Source ; cg:bibKey ?key } ORDER BY ?key"
    page.locator("#cg-sparql-text").fill(query)
    _run(page)
    shared = page.locator(".cg-sparql-share a").get_attribute("href")
    with page.expect_download() as download:
        page.locator(".cg-sparql-download").click()
    csv_text = Path(download.value.path()).read_text(encoding="utf-8")
    lines = csv_text.splitlines()
    assert lines[0] == "key" and lines[1:] == sorted(lines[1:]) and "Doe2021" in lines
    # text a spreadsheet would run as a formula gets an apostrophe, as in the build-time downloads; numbers do not
    page.locator("#cg-sparql-text").fill('SELECT ("=1+2" AS ?f) (-5 AS ?n) ("-x, y" AS ?t) ("@a" AS ?a) WHERE {}')
    _run(page)
    with page.expect_download() as formulas:
        page.locator(".cg-sparql-download").click()
    assert Path(formulas.value.path()).read_text(encoding="utf-8").splitlines() == [
        "f,n,t,a",
        "'=1+2,-5,\"'-x, y\",'@a",
    ]
    page.locator("#cg-sparql-text").fill(query)
    _run(page)
    # the shared link opens the page with the query, not a saved one, ready to run
    page.goto(shared)
    page.locator("#cg-sparql[data-state='ready']").wait_for(timeout=60000)
    assert page.locator("#cg-sparql-text").input_value() == query
    _run(page)
    assert ["Doe2021"] in _result_table(page)[1]
    assert page.errors == [] and page.outside == []


def test_query_page_shows_hostile_values_as_text(site, offline_page):
    name, base, out, _ = site
    if name != "hostile":
        pytest.skip("only the hostile fixture carries hostile values")
    from .test_site_sparql import require_engine

    require_engine()
    page = offline_page
    _open_query_page(page, base)
    for query in ("quotes", "in-text-citations", "argument"):
        page.locator("#cg-sparql-saved").select_option(query)
        _run(page)
        results = page.locator(".cg-sparql-results")
        assert results.locator("script, iframe, img, [onclick], [onerror], a[href^='javascript:' i]").count() == 0
        assert page.evaluate("window.__pwned") is None
    page.locator("#cg-sparql-saved").select_option("quotes")
    _run(page)
    assert "433 MWh </code></pre><script>window.__pwned='quote'</script>" in results.inner_text()
    _shot(page, "hostile-sparql-query")
    assert page.errors == [] and page.dialogs == [] and page.outside == []


_TABLE_LOOKS = """table => {
    const look = element => {
        const style = getComputedStyle(element);
        return ["display", "font-size", "font-weight", "background-color", "border-top-width", "border-top-style",
                "border-top-color", "border-radius", "padding-top", "padding-left", "vertical-align", "max-width",
                "overflow-x", "min-width"].map(name => name + ": " + style.getPropertyValue(name));
    };
    return {
        wrappers: [table.parentElement.className, table.parentElement.parentElement.className],
        table: look(table),
        th: look(table.querySelector("thead th")),
        td: look(table.querySelector("tbody td")),
    };
}"""


def test_saved_query_result_table_looks_like_a_markdown_table(sparql_site, offline_page):
    """A saved query's result table is put into its page after MkDocs rendered it (an HTML block): the theme
    wraps and styles it as it does a table Python-Markdown wrote (the downloads page's), and it shows the answer."""
    from .test_site_sparql import EXPECTED, normalise, table_rows

    page = offline_page
    base, _ = sparql_site
    looks = {}
    for path in ("downloads/index.html", "sparql/in-text-citations.html"):
        page.goto(urljoin(base, path))
        table = page.locator("article .md-typeset__table table").last
        table.wait_for()
        looks[path] = table.evaluate(_TABLE_LOOKS)
    assert looks["sparql/in-text-citations.html"] == looks["downloads/index.html"]
    assert looks["downloads/index.html"]["wrappers"] == ["md-typeset__table", "md-typeset__scrollwrap"]
    table = page.locator("article table")
    assert table.count() == 1
    header = table.locator("thead th").all_inner_texts()
    rows = [row.locator("td").all_inner_texts() for row in table.locator("tbody tr").all()]
    columns, expected = EXPECTED["in-text-citations"]
    assert table_rows(header, rows, columns) == [tuple(normalise(v) for v in row) for row in expected]
    _shot(page, "sparql-saved-query-table")
    link = table.locator("a").first
    assert link.inner_text() == "claim/frugal-trend"
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/claims/frugal-trend.html")
    assert page.errors == [] and page.dialogs == [] and page.outside == []


def test_saved_query_page_opens_the_query_page_with_it(sparql_site, offline_page):
    page = offline_page
    base, _ = sparql_site
    page.goto(urljoin(base, "sparql/claims-per-source.html"))
    page.get_by_role("link", name="dans votre navigateur").click()  # the registry is French first
    page.locator("#cg-sparql[data-state='ready']").wait_for(timeout=60000)
    assert page.locator("#cg-sparql-saved").input_value() == "claims-per-source"
    assert "SELECT ?key ?year ?cited ?primary ?title" in page.locator("#cg-sparql-text").input_value()
    _run(page)
    assert len(_result_table(page)[1]) == 5
    assert page.errors == [] and page.outside == []


# ------------------------------------------------------------------ the query page says what the command line says


def _command_line_error(text: str) -> str:
    """What the endpoint answers for ``text`` on the sparql fixture (a refusal or a syntax error), as its body
    reads: ``CODE error: line L, column C: message`` and the hint on a line of its own."""
    from claimgraph.sparql.run import QueryError, run_query
    from claimgraph.sparql.server import _error_answer

    try:
        run_query(load(FIXTURES / "sparql"), text)
    except QueryError as exc:
        return _error_answer(exc).body.decode("utf-8").rstrip("\n")
    raise AssertionError(f"the command line runs {text!r}")


def _run_failing(page, text: str) -> str:
    page.locator("#cg-sparql-text").fill(text)
    page.locator("#cg-sparql button[type=submit]").click()
    page.locator("#cg-sparql[data-state='error']").wait_for(timeout=60000)
    return page.locator(".cg-sparql-results .cg-sparql-error").inner_text()


#: A query whose evaluation overflows the engine's WebAssembly stack though it nests nothing: 3,000 `||`.
_TRAP = "SELECT * WHERE { BIND(1 AS ?a) FILTER(" + " || ".join(["?a = 1"] * 3000) + ") }"
_SOURCES = "SELECT ?key WHERE { ?s a cg:Source ; cg:bibKey ?key } ORDER BY ?key"


def test_query_page_refuses_deep_nesting_as_the_command_line_does_and_keeps_working(sparql_site, offline_page):
    page = offline_page
    base, _ = sparql_site
    _open_query_page(page, base)
    for text in (
        "SELECT * WHERE " + "{" * 1500 + "}" * 1500,
        "SELECT * WHERE { FILTER(" + "(" * 20000 + "1" + ")" * 20000 + ") }",
        "SELECT * WHERE { ?s ?p ?o FILTER(" + "!" * 200 + "true) }",
    ):
        shown = _run_failing(page, text)
        assert shown == _command_line_error(text) and shown.startswith("CG401 error: line 1, column ")
        assert "nested more than 128 levels deep" in shown and "memory access" not in shown
        page.locator("#cg-sparql-text").fill(_SOURCES)
        _run(page)
        assert ["Doe2021"] in _result_table(page)[1]
    assert page.errors == [] and page.outside == []


def test_query_page_starts_a_fresh_engine_after_a_trap(sparql_site, offline_page):
    page = offline_page
    base, _ = sparql_site
    _open_query_page(page, base)
    for _attempt in range(2):  # a second trap is caught as the first was
        page.locator("#cg-sparql-text").fill(_TRAP)
        page.locator("#cg-sparql button[type=submit]").click()
        page.locator("#cg-sparql[data-state='error']").wait_for(timeout=120000)
        shown = page.locator(".cg-sparql-error").inner_text()
        # (the site is French first: the page says it in French)
        assert "memory access out of bounds" in shown and "a été relancé" in shown, shown
        page.locator("#cg-sparql-text").fill(_SOURCES)
        _run(page)
        assert [row[0] for row in _result_table(page)[1]] == [
            "Blog2023",
            "Doe2021",
            "Roe2022",
            "Uncited2019",
            "Unknown2020",
        ]
        # the fresh engine holds the vocabulary too
        page.locator("#cg-sparql-saved").select_option("status-overview")
        _run(page)
        assert len(_result_table(page)[1]) > 0
    engines = [u for u in page.requests if "/assets/oxigraph/web.js" in u]
    assert len(engines) == 3 and engines[1].endswith("?instance=1") and engines[2].endswith("?instance=2")
    assert page.errors == [] and page.outside == []


@pytest.mark.parametrize(
    "text",
    [
        "SELECT (COUNT(*) AS ?n) FROM <http://example.org/nothing> WHERE { ?s ?p ?o }",
        "SELECT ?s FROM NAMED <http://example.org/nothing> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    ],
)
def test_query_page_refuses_from_and_service_as_the_command_line_does(sparql_site, offline_page, text):
    page = offline_page
    base, _ = sparql_site
    _open_query_page(page, base)
    shown = _run_failing(page, text)
    assert shown == _command_line_error(text)
    assert shown.startswith("CG404 error: line 1, column " if "FROM" in text else "CG403 error: line 1, column ")
    assert page.locator(".cg-sparql-results table").count() == 0
    assert page.errors == [] and page.outside == []


@pytest.mark.parametrize(
    "text",
    [
        # a saved query's six lines with a FILTER left open on line 5: Oxigraph gives up at the very end
        "# title: Broken\n# description: a FILTER left open\nSELECT ?c WHERE {\n  ?c a cg:Claim .\n  FILTER(?c = \n}\n",
        "SELECT ?s WHERE {\n  ?s a cg:Source .\n  FILTER(\n}",
        "SELECT * WHERE {\n  ?s ?p ?o .\n  ?s ?p\n}",
        "SELECT * WHERE { ?s ?p ?o } LIMT 5",
        "SELECT ?x WHERE {\n  OPTIONAL { ?x ?p ?o \n}",
        "SELECT ?x WHERE { ?x ?p ?o ] }",
        "SELECT * WHERE {\n  ?s undeclared:p ?o .\n  ?o other:q ?z\n}",
        "SELEC ?x WHERE { }",
        "",
    ],
)
def test_query_page_words_syntax_errors_as_the_command_line_does(sparql_site, offline_page, text):
    page = offline_page
    base, _ = sparql_site
    _open_query_page(page, base)
    shown = _run_failing(page, text)
    assert shown == _command_line_error(text)
    assert shown.startswith("CG401 error: line ") and "Prefix not found" not in shown
    if text.startswith("# title"):
        assert shown.startswith("CG401 error: line 5, column 3: SPARQL syntax error in the part that starts here")
    if "undeclared:" in text:
        assert shown.startswith("CG401 error: line 2, column 6: undeclared prefixes undeclared:, other:\nhint: ")
    assert page.errors == [] and page.outside == []


def test_query_page_gives_each_triple_of_a_construct_once(sparql_site, offline_page):
    """A CONSTRUCT makes its template's triples again for every solution: the page shows, counts and downloads
    each once, as the command line writes them."""
    from claimgraph.sparql.run import run_query

    page = offline_page
    base, _ = sparql_site
    _open_query_page(page, base)
    text = "CONSTRUCT { ?s a cg:Thing } WHERE { ?s ?p ?o }"
    expected = sorted({t.subject.value for t in run_query(load(FIXTURES / "sparql"), text)})
    page.locator("#cg-sparql-text").fill(text)
    _run(page)
    rows = _result_table(page)[1]
    assert len(rows) == len(expected) and len({tuple(r) for r in rows}) == len(rows)
    assert page.locator(".cg-sparql-summary").inner_text().startswith(f"{len(expected)} ")
    with page.expect_download() as download:
        page.locator(".cg-sparql-download").click()
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + len(expected) and len(set(lines)) == len(lines)
    assert page.errors == [] and page.outside == []
