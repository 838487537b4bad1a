"""The query page's answers and errors marked with their language (WCAG 3.1.2), in a real browser: the site
validators' trial found its result table dropped the literals' language tags and its English errors went
unmarked on a French page. The fixture registry of the SPARQL tests is French first."""

from __future__ import annotations

import pytest

from .test_site_browser import _open_query_page, _run, offline_page, page, sparql_site  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


def _cells_with_language(shown) -> list[tuple[str | None, str]]:
    cells = shown.locator(".cg-sparql-results tbody td")
    return [(cells.nth(i).get_attribute("lang"), cells.nth(i).inner_text()) for i in range(cells.count())]


def test_the_query_pages_cells_carry_their_literals_language(sparql_site, offline_page):  # noqa: F811
    browser_page = offline_page
    base, _ = sparql_site
    _open_query_page(browser_page, base)
    # claimgraph's own saved queries are titled in English: marked so on this French page
    assert browser_page.locator("#cg-sparql-saved option[value='argument']").get_attribute("lang") == "en"
    text = browser_page.locator("#cg-sparql-text")
    text.fill("SELECT ?s ?n WHERE { <claim/x-energy> cg:statement ?s . BIND(STRLEN(?s) AS ?n) } ORDER BY ?s")
    _run(browser_page)
    cells = _cells_with_language(browser_page)
    statements = [(lang, words) for lang, words in cells if not words.isdigit()]
    assert {lang for lang, _ in statements} >= {"fr"}, cells
    assert all(lang is None for lang, words in cells if words.isdigit()), cells  # a number has no language
    # a graph's literals keep theirs too (CONSTRUCT)
    text.fill("CONSTRUCT { <claim/x-energy> cg:statement ?s } WHERE { <claim/x-energy> cg:statement ?s }")
    _run(browser_page)
    objects = [(lang, words) for lang, words in _cells_with_language(browser_page) if "claim/" not in words]
    assert objects and all(lang for lang, words in objects if words != "cg:statement"), objects
    # the command line's words for a syntax error are English: marked so on this French page
    text.fill("SELECT ?x WHERE { ?x cg:statement }")
    browser_page.locator("#cg-sparql button[type=submit]").click()
    browser_page.locator("#cg-sparql[data-state='error']").wait_for(timeout=30000)
    error = browser_page.locator(".cg-sparql-results .cg-sparql-error")
    assert "syntax error" in error.inner_text() and error.get_attribute("lang") == "en"
    assert browser_page.errors == []
