"""What a reviewer's third trial of the site found on registries other than the bundled one (made with
``claimgraph init`` and ``new``, as a new user makes them): deck leftovers on registries that are not decks,
English words on French pages, French search missing words after an elided article, and the check report's
filters leaving its headings' counts as they were. The browser tests drive headless Chromium."""

from __future__ import annotations

import functools
import html
import http.server
import json
import re
import threading
from pathlib import Path
from urllib.parse import urljoin

import pytest

from claimgraph.registry import load
from claimgraph.site import build_site, messages
from claimgraph.site.material import ELISION_SEPARATOR, SEARCH_SEPARATOR

from .conftest import QuietHandler
from .made_registries import add_claim, new_registry
from .test_site_browser import offline_page, page  # noqa: F401  (fixtures)

ARGUMENT = """@prefix cg: <https://w3id.org/claimgraph/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix claim: <claim/> .
@prefix step: <step/> .
step:q a cg:ResearchQuestion ; cg:order 1 ; rdfs:label "Question"@fr , "Question"@en ;
  cg:question "L'IA pèse-t-elle sur l'électricité mondiale ?"@fr , "Does AI weigh on world electricity?"@en .
step:s a cg:ArgumentStep ; cg:order 2 ; rdfs:label "Étape"@fr , "Step"@en ;
  cg:text "Les centres de données."@fr , "Data centres."@en ;
  cg:supportedBy claim:search .
step:c a cg:Conclusion ; cg:order 3 ; rdfs:label "Conclusion"@fr , "Conclusion"@en ;
  cg:text "La consommation double."@fr , "Consumption doubles."@en ;
  cg:supportedBy claim:dc-2022 , claim:dc-2026 .
"""


def _text(path: Path) -> str:
    """The words of a page's own content (the theme's header, navigation and footer left out), one space apart."""
    raw = path.read_text(encoding="utf-8")
    if '<article class="md-content__inner md-typeset">' in raw:
        raw = raw.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    raw = re.sub(r"<script.*?</script>", " ", raw, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


def _claims(root: Path, french: bool) -> None:
    """Three claims citing Doe2021: two on data centres, one on a search (values a thousand million times apart:
    the chart comparing them has a logarithmic axis). Two findings: dc-2026's quote gives another figure (CG320),
    the search's status says it was verified against a secondary source only (CG311)."""
    statements = {
        "dc-2022": ("Les centres de données ont consommé environ 460 TWh d'électricité en 2022.", "460"),
        "dc-2026": ("L'entraînement et l'usage pourraient dépasser 1 000 TWh en 2026.", "1000"),
    }
    english = {
        "dc-2022": "Data centres consumed about 460 TWh of electricity in 2022.",
        "dc-2026": "Training and use could exceed 1,000 TWh in 2026.",
    }
    for claim_id, (statement, value) in statements.items():
        add_claim(
            root, claim_id, statement if french else english[claim_id], value, "TeraW-HR",
            quote=f"about {value} TWh" if claim_id == "dc-2022" else "more than 1,100 TWh", locator="p. 8",
            translation=("en", english[claim_id]) if french else None,
            more=("--status", "verifiedPrimary", "--status-note", "p. 8."),
        )  # fmt: skip
    add_claim(
        root, "search", "Une recherche consomme 0,3 Wh." if french else "A search uses 0.3 Wh.", "0.3", "W-HR",
        quote="0.3 Wh of electricity", locator="p. 2", more=("--status", "verifiedSecondary", "--status-note", "p. 2."),
    )  # fmt: skip


def _build(root: Path) -> Path:
    out = root.parent / "site"
    build_site(load(root), out)
    return out


@pytest.fixture(scope="module")
def french_only_site(tmp_path_factory) -> Path:
    """A registry in French only, without an argument, as ``init`` and ``new`` make it."""
    root = new_registry(tmp_path_factory.mktemp("french-only"), ("fr",))
    _claims(root, french=True)
    return _build(root)


@pytest.fixture(scope="module")
def french_first_site(tmp_path_factory) -> Path:
    """A registry in French then English, with an argument: a question, a step and a conclusion."""
    root = new_registry(tmp_path_factory.mktemp("french-first"), ("fr", "en"))
    _claims(root, french=True)
    (root / "claims" / "argument.ttl").write_text(ARGUMENT, encoding="utf-8")
    return _build(root)


@pytest.fixture(scope="module")
def english_site(tmp_path_factory) -> Path:
    """A registry in English, without an argument, titled with a question."""
    root = new_registry(tmp_path_factory.mktemp("english"), ("en",))
    settings = root / "claimgraph.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(re.sub(r'(?m)^title = ".*"$', 'title = "How much energy does AI use?"', text), encoding="utf-8")
    _claims(root, french=False)
    return _build(root)


def _serve(site: Path):
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


# ------------------------------------------------------------------ deck leftovers on registries that are not decks


def test_the_claims_index_says_the_order_it_uses(french_only_site, english_site):
    assert "All 3 claims, by identifier." in _text(english_site / "claims" / "index.html")
    assert "Les 3 affirmations, par identifiant." in _text(french_only_site / "claims" / "index.html")
    for site in (french_only_site, english_site):
        text = _text(site / "claims" / "index.html")
        assert "order of the argument" not in text and "ordre de l'argumentaire" not in text


def test_a_registry_without_an_argument_says_so_and_shows_no_empty_section(french_only_site, english_site):
    argument = _text(english_site / "argument" / "index.html")
    assert "This registry has no argument yet" in argument
    assert "<table" not in (english_site / "argument" / "index.html").read_text(encoding="utf-8").split("<article")[1]
    assert "Ce registre n'a pas encore d'argumentaire" in _text(french_only_site / "argument" / "index.html")
    report = _text(english_site / "report" / "index.html")
    assert "This registry has no argument yet" in report
    assert "Touching the conclusions" not in report and "In the rest of the argument" not in report
    assert "(0)" not in report and "None." not in report
    assert "Elsewhere in the registry (" in report  # the findings of a registry without an argument are there
    french = _text(french_only_site / "report" / "index.html")
    assert "Ce registre n'a pas encore d'argumentaire" in french and "Touchant les conclusions" not in french


def test_a_registry_with_an_argument_keeps_its_groups_and_no_no_argument_sentence(french_first_site):
    report = _text(french_first_site / "report" / "index.html")
    assert "pas encore d'argumentaire" not in report
    assert "pas encore d'argumentaire" not in _text(french_first_site / "argument" / "index.html")
    assert "<table" in (french_first_site / "argument" / "index.html").read_text(encoding="utf-8")


def test_the_in_text_citations_query_gives_no_decks_misspelling(french_only_site):
    for path in ("sparql/index.html", "sparql/in-text-citations.html"):
        assert "Sunberg" not in (french_only_site / path).read_text(encoding="utf-8")


# ------------------------------------------------------------------ French words on French pages


def test_the_report_explains_verdicts_in_french(french_only_site):
    text = _text(french_only_site / "report" / "index.html")
    after = text.split("Comment les verdicts sont rendus", 1)[1].strip()
    assert after.startswith("Une conclusion repose sur les affirmations qu'elle utilise ( cg:supportedBy , cg:uses )")
    assert "Non étayée telle qu'énoncée quand une affirmation" in after
    assert "Aucune preuve enregistrée quand elle ne repose sur aucune affirmation." in after
    for english in ("A conclusion rests", "when a claim", "The numbers shown"):
        assert english not in after


def test_a_source_page_says_in_french_that_its_text_is_not_here(french_only_site):
    text = _text(french_only_site / "sources" / "doe2021.html")
    assert "Texte aucun : ses extraits n'y ont pas été recherchés" in text
    assert "none" not in text and "not looked for" not in text


def test_the_registrys_citation_speaks_the_sites_language_and_ends_once(french_only_site, english_site):
    french = _text(french_only_site / "index.html")
    assert re.search(r"Citer ce registre Anonyme \(s\. d\.\)\. [^.]+\. https://", french), french
    assert "Anonymous" not in french and "n.d." not in french
    english = _text(english_site / "index.html")
    assert "Cite this registry Anonymous (n.d.). How much energy does AI use? https://" in english
    assert "use?." not in english


def test_the_404_page_and_the_chart_scale_speak_french(french_only_site, english_site):
    assert "<h1>404 - Page introuvable</h1>" in (french_only_site / "404.html").read_text(encoding="utf-8")
    assert "<h1>404 - Not found</h1>" in (english_site / "404.html").read_text(encoding="utf-8")
    charts = " ".join(p.read_text(encoding="utf-8") for p in (french_only_site / "measurands").glob("*.html"))
    assert "(échelle logarithmique)" in charts and "logarithmic scale" not in charts
    charts = " ".join(p.read_text(encoding="utf-8") for p in (english_site / "measurands").glob("*.html"))
    assert "(logarithmic scale)" in charts


# ------------------------------------------------------------------ French grammar and typography


def test_french_verified_count_agrees_with_its_number():
    fr = messages.catalogue("fr")
    one, other = "{count} of them verified", "{count} of them verified"
    assert messages.counted(fr, "fr", one, other, 1) == "dont 1 vérifiée"
    assert messages.counted(fr, "fr", one, other, 0) == "dont 0 vérifiée"
    assert messages.counted(fr, "fr", one, other, 2) == "dont 2 vérifiées"
    assert messages.counted({}, "en", one, other, 1) == "1 of them verified"
    assert messages.counted({}, "en", one, other, 2) == "2 of them verified"


def test_the_verdict_box_counts_in_french_with_french_colons(french_first_site):
    home = _text(french_first_site / "index.html")
    assert "repose sur 2 affirmations, dont 2 vérifiées." in home
    # (numbers written as French does: 1 000 with a narrow no-break space, a space once the text is read)
    assert "Contredite par les vérifications : 1 000 TWh · dc 2026 : affirme 1 000 TWh" in home
    assert "vérifiée(s)" not in home
    step = _text(french_first_site / "argument" / "s.html")
    assert "Précédente : " in step and "Suivante : " in step
    assert "Licence des données : " in _text(french_first_site / "downloads" / "index.html")
    claim = _text(french_first_site / "claims" / "dc-2022.html")
    assert "Emplacement : p. 8" in claim
    report = _text(french_first_site / "report" / "index.html")
    assert "Ce que cela signifie : " in report and "Ce que cela signifie:" not in report


def test_english_pages_keep_their_colons(english_site):
    claim = _text(english_site / "claims" / "dc-2022.html")
    assert "Locator: p. 8" in claim
    assert "Licence of the data: " in _text(english_site / "downloads" / "index.html")


def test_a_saved_querys_rows_are_all_feminine_in_french(french_first_site):
    said = [_text(p) for p in (french_first_site / "sparql").glob("*.html")]
    rows = [s for s in said if re.search(r"\d+ lignes ; toutes dans \S+\.csv", s)]
    assert rows, "no saved query answered with rows and a download"
    assert not any(re.search(r"lignes ?; tous dans", s) for s in said)


# ------------------------------------------------------------------ the query page's default query


def test_the_query_page_is_given_the_registrys_first_language(french_only_site, english_site):
    config = json.loads((french_only_site / "sparql" / "queries.json").read_text(encoding="utf-8"))
    assert config["language"] == "fr"
    config = json.loads((english_site / "sparql" / "queries.json").read_text(encoding="utf-8"))
    assert config["language"] == "en"


@pytest.mark.browser
def test_the_query_pages_default_query_finds_the_french_statements(french_only_site, offline_page):  # noqa: F811
    from .test_site_sparql import require_engine

    require_engine()
    server, base = _serve(french_only_site)
    try:
        offline_page.goto(urljoin(base, "sparql/query.html"))
        offline_page.locator("#cg-sparql[data-state='ready']").wait_for(timeout=60000)
        query = offline_page.locator("#cg-sparql textarea").input_value()
        assert 'langMatches(lang(?statement), "fr")' in query
        offline_page.locator("#cg-sparql button[type=submit]").click()
        offline_page.locator("#cg-sparql[data-state='done'], #cg-sparql[data-state='error']").wait_for(timeout=30000)
        rows = offline_page.locator(".cg-sparql-results tbody tr").all_inner_texts()
        assert len(rows) == 3, rows
        assert any("d'électricité" in row for row in rows)
        assert offline_page.errors == [] and offline_page.outside == []
    finally:
        server.shutdown()
        server.server_close()


# ------------------------------------------------------------------ French search and elided articles


def test_the_search_separates_elided_articles_on_a_french_site_only(french_only_site, english_site):
    french = json.loads((french_only_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert french["config"]["separator"] == ELISION_SEPARATOR
    english = json.loads((english_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert english["config"]["separator"] == SEARCH_SEPARATOR  # the theme's own: an English index as before


def _search(browser_page, base: str, words: str) -> list[str]:
    browser_page.goto(base)
    box = browser_page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(words, delay=20)
    browser_page.locator(".md-search-result__meta").wait_for(timeout=15000)
    browser_page.wait_for_timeout(1200)  # the worker answers each key: wait for the last
    return browser_page.eval_on_selector_all(
        ".md-search-result__item a", "links => links.map(a => a.getAttribute('href'))"
    )


@pytest.mark.browser
def test_french_search_finds_a_word_after_an_elided_article(french_only_site, page):  # noqa: F811
    server, base = _serve(french_only_site)
    try:
        # "d'électricité" (dc-2022) and "L'entraînement" (dc-2026) in the statements
        found = _search(page, base, "électricité")
        assert any("claims/dc-2022.html" in href for href in found), found
        found = _search(page, base, "entraînement")
        assert any("claims/dc-2026.html" in href for href in found), found
        found = _search(page, base, "electricite")  # without accents, as before
        assert any("claims/dc-2022.html" in href for href in found), found
        assert page.errors == []
    finally:
        server.shutdown()
        server.server_close()


# ------------------------------------------------------------------ the check report's filters


def _headings(browser_page) -> dict[str, tuple[str, int]]:
    """Each group's heading text and the number of its findings in view."""
    return browser_page.evaluate(
        """() => Object.fromEntries(Array.from(document.querySelectorAll("h2[data-title]")).map((h) => {
            let next = h.nextElementSibling;
            while (next && !next.matches("table.cg-report")) next = next.nextElementSibling;
            const shown = next ? Array.from(next.querySelectorAll("tbody tr")).filter((r) => !r.hidden).length : 0;
            return [h.id, [h.textContent, shown]];
        }))"""
    )


@pytest.mark.browser
def test_the_report_filters_recount_the_groups_and_say_when_nothing_matches(french_first_site, page):  # noqa: F811
    server, base = _serve(french_first_site)
    try:
        page.goto(urljoin(base, "report/index.html"))
        form = page.locator(".cg-report-filters")
        form.wait_for(state="visible", timeout=15000)
        rows = page.evaluate(
            "() => Array.from(document.querySelectorAll('table.cg-report tbody tr')).map(r => ({severity:"
            " r.dataset.severity, code: r.dataset.code, file: r.dataset.file}))"
        )
        assert len(_headings(page)) >= 2, "the registry should fill two groups"
        codes = sorted({row["code"] for row in rows})
        # two filters' values no finding has together: nothing shown
        empty = next(
            (
                {first: a, second: b}
                for first, second in (("severity", "code"), ("code", "file"), ("severity", "file"))
                for a in sorted({row[first] for row in rows})
                for b in sorted({row[second] for row in rows})
                if not any(row[first] == a and row[second] == b for row in rows)
            ),
            None,
        )
        assert empty is not None, rows
        for name, value in empty.items():
            page.select_option(f"select[data-filter='{name}']", value)
        for heading, shown in _headings(page).values():
            assert shown == 0 and heading.endswith("(0)"), heading
        assert form.locator("output").inner_text() == "Aucun constat ne correspond à ces filtres."
        assert page.locator("table.cg-report:visible").count() == 0
        # one code: each heading counts the findings its group shows
        for name in empty:
            page.select_option(f"select[data-filter='{name}']", "")
        page.select_option("select[data-filter='code']", codes[0])
        expected = sum(1 for row in rows if row["code"] == codes[0])
        counted = 0
        for heading, shown in _headings(page).values():
            assert heading.endswith(f"({shown})"), heading
            counted += shown
        assert counted == expected
        assert form.locator("output").inner_text() == f"{expected} constats montrés sur {len(rows)}"
        # every filter off: the counts the page was built with
        page.select_option("select[data-filter='code']", "")
        assert sum(shown for _, shown in _headings(page).values()) == len(rows)
        assert page.errors == []
    finally:
        server.shutdown()
        server.server_close()


def test_the_query_page_says_in_french_that_its_engine_was_started_again(french_first_site):
    """The query page's words come from the site's catalogue, the one said after a WebAssembly trap included
    (it had been English on every site)."""
    query_page = (french_first_site / "sparql" / "query.html").read_text(encoding="utf-8")
    words = json.loads(html.unescape(re.search(r"data-words='([^']*)'", query_page).group(1)))
    assert words["restarted"].startswith("{error} (le moteur de requêtes a échoué et a été relancé")
    assert all("{" not in key for key in words)
