"""``claimgraph serve`` queried by a page of another origin in a real browser (Debian's Chromium, headless,
driven by Playwright, as in tests/test_site_browser.py): the browser's own CORS machinery decides, pre-flight
included, whether the page may read the answers."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from claimgraph.registry import load
from claimgraph.site.endpoint_page import endpoint_page
from claimgraph.sparql.server import SparqlServer

from .conftest import QuietHandler

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "sparql"

#: What a SPARQL client page (YASGUI, a notebook) does: a POST of the query as application/sparql-query,
#: which is not a "simple" request, so the browser sends a pre-flight first.
FETCH = """async (endpoint) => {
  try {
    const response = await fetch(endpoint, {method: 'POST',
      headers: {'Content-Type': 'application/sparql-query', 'Accept': 'application/sparql-results+json'},
      body: 'ASK { <claim/x-energy> a cg:QuantitativeClaim }'});
    return {status: response.status, body: await response.text()};
  } catch (error) {
    return {error: String(error)};
  }
}"""


@pytest.fixture(scope="module")
def other_origin(tmp_path_factory):
    """A page on http://localhost:PORT, another origin than the endpoint's http://127.0.0.1:PORT2."""
    folder = tmp_path_factory.mktemp("client-page")
    (folder / "index.html").write_text("<!doctype html><title>a SPARQL client</title>", encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://localhost:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _fetch_from(browser, origin: str, endpoint: str) -> dict:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(origin + "/")
        return page.evaluate(FETCH, endpoint)
    finally:
        context.close()


def test_a_page_of_an_allowed_origin_reads_the_answer(browser, other_origin):
    with SparqlServer(
        load(FIXTURE),
        page=endpoint_page,
        host="127.0.0.1",
        port=0,
        timeout=10,
        workers=1,
        quiet=True,
        allowed_origins=[other_origin],
    ) as server:
        result = _fetch_from(browser, other_origin, server.endpoint)
    assert result.get("status") == 200, result
    assert '"boolean":true' in result["body"].replace(" ", "")


def test_a_page_of_another_origin_is_refused_by_default(browser, other_origin):
    with SparqlServer(
        load(FIXTURE), page=endpoint_page, host="127.0.0.1", port=0, timeout=10, workers=1, quiet=True
    ) as server:
        result = _fetch_from(browser, other_origin, server.endpoint)
    assert "error" in result and "Failed to fetch" in result["error"], result
