"""The site's SPARQL section : saved queries answered at build time, the query page.

The saved queries' tables are checked against the known answers on tests/fixtures/sparql
(``EXPECTED`` in test_sparql_queries.py, the same answers `claimgraph query` gives);
hostile values must reach the tables as text; a site built without ``node_modules/oxigraph``
still builds and says how to get the in-browser engine. The in-browser query page itself
is driven in headless Chromium by test_site_browser.py.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from claimgraph.registry import load
import claimgraph.site.sparql_pages as sparql_pages
from claimgraph.site import build_site
from claimgraph.sparql import saved_queries
from claimgraph.sparql.run import standard_prefixes

from .test_sparql_queries import EXPECTED, EXPECTED_GRAPHS

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE = "https://example.org/registry/sparql/"


class ResultTable(HTMLParser):
    """The cells (text, href) of the last table of a page, and its header."""

    def __init__(self):
        super().__init__()
        self.header: list[str] = []
        self.rows: list[list[tuple[str, str | None]]] = []
        self._cell: list[str] | None = None
        self._href: str | None = None
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.header, self.rows = [], []
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr" and not self._in_head:
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell, self._href = [], None
        elif tag == "a" and self._cell is not None:
            self._href = dict(attrs).get("href")

    def handle_endtag(self, tag):
        if tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._cell is not None:
            text = "".join(self._cell).strip()
            if tag == "th":
                self.header.append(text)
            else:
                self.rows[-1].append((text, self._href))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def read_table(page: Path) -> ResultTable:
    table = ResultTable()
    table.feed(page.read_text(encoding="utf-8"))
    return table


def page_text(page: str) -> str:
    """What a reader sees: tags set aside, character references decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def normalise(text: str | None) -> str:
    """A cell as test_sparql_queries writes its expectations: prefixed names expanded, numbers as %g."""
    if text is None:
        return ""
    prefix, _, local = text.partition(":")
    namespaces = standard_prefixes()
    if local and prefix in namespaces and not local.startswith("//"):
        return namespaces[prefix] + local
    try:
        return f"{float(text):g}"
    except ValueError:
        return text


def table_rows(header: list[str], cells: list[list[str]], columns: tuple[str, ...]) -> list[tuple]:
    index = [header.index(f"?{c}") for c in columns]
    return [tuple(normalise(row[i]) for i in index) for row in cells]


@pytest.fixture(scope="module")
def sparql_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("sparql") / "site"
    build_site(load(FIXTURES / "sparql"), out)
    return out


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile-sparql") / "site"
    build_site(load(FIXTURES / "hostile"), out)
    return out


# ------------------------------------------------------------------ build-time tables


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_saved_query_page_shows_the_known_answer(sparql_site, name):
    table = read_table(sparql_site / "sparql" / f"{name}.html")
    columns, expected = EXPECTED[name]
    got = table_rows(table.header, [[text for text, _ in row] for row in table.rows], columns)
    assert got == [tuple(normalise(v) for v in row) for row in expected]


@pytest.mark.parametrize("name", sorted(EXPECTED_GRAPHS))
def test_construct_query_page_shows_its_triples(sparql_site, name):
    table = read_table(sparql_site / "sparql" / f"{name}.html")
    assert table.header == ["subject", "predicate", "object"]
    got = {(s, re.split(r"[:#/]", p)[-1], o) for (s, _), (p, _), (o, _) in table.rows}
    assert got == EXPECTED_GRAPHS[name]
    triples = (sparql_site / "sparql" / f"{name}.nt").read_text(encoding="utf-8").strip().splitlines()
    assert len(triples) == len(EXPECTED_GRAPHS[name])


def test_iris_with_a_page_link_to_it(sparql_site):
    table = read_table(sparql_site / "sparql" / "step-sources.html")
    step = table.header.index("?step")
    assert {row[step] for row in table.rows} == {
        ("step/question", "../argument/question.html"),
        ("step/evidence", "../argument/evidence.html"),
        ("step/conclusion", "../argument/conclusion.html"),
    }
    table = read_table(sparql_site / "sparql" / "claims-by-measurand.html")
    cells = {cell for row in table.rows for cell in row}
    assert ("claim/x-energy", "../claims/x-energy.html") in cells
    assert ("measurand/model-x-training-energy", "../measurands/model-x-training-energy.html") in cells
    assert ("unit:UNITLESS", None) in cells  # an IRI without a page stays text
    table = read_table(sparql_site / "sparql" / "citation-network.html")
    assert ("source/Doe2021", "../sources/doe2021.html") in {cell for row in table.rows for cell in row}
    for row in table.rows:
        for _, href in row:
            assert href is None or (sparql_site / "sparql" / href).resolve().is_file(), href


def test_result_table_goes_around_markdown_and_out_of_the_search_index(sparql_site):
    """The rows are an HTML block (claimgraph.site.html_blocks): put into the page MkDocs rendered, as the
    one plain table Python-Markdown would have written, and left out of the search index, which keeps the
    page's own text (every row's claim, source, measurand or step has its own page; all rows are in the CSV)."""
    page = (sparql_site / "sparql" / "step-sources.html").read_text(encoding="utf-8")
    assert "cg-html-block" not in page
    article = page.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    assert article.count("<table") == 1 and "<table>" in article  # no class: the theme styles it as its own
    assert len(read_table(sparql_site / "sparql" / "step-sources.html").rows) == 7
    docs = json.loads((sparql_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    entries = {doc["location"]: doc["text"] for doc in docs}
    titles = {doc["location"]: doc["title"] for doc in docs}
    assert titles["sparql/step-sources.html"] == "The sources each argument step cites"
    assert "SELECT ?order ?step" in entries["sparql/step-sources.html"]
    result = entries["sparql/step-sources.html#result"]
    assert "step-sources.csv" in result
    assert "Energy of Training Model X" not in result and "?stepLabel" not in result
    assert any("The Energy of Training Model X" in title for title in titles.values())  # the source, on its page


def test_index_lists_every_saved_query_and_the_query_page(sparql_site):
    index = (sparql_site / "sparql" / "index.html").read_text(encoding="utf-8")
    for query in saved_queries(load(FIXTURES / "sparql")):
        assert f'href="{query.name}.html"' in index, query.name
        assert query.title in html.unescape(index)
    assert 'href="query.html"' in index
    page = (sparql_site / "sparql" / "in-text-citations.html").read_text(encoding="utf-8")
    assert "SELECT ?claim ?printed ?key ?firstAuthor ?year" in page_text(page)  # in a (highlighted) code block
    assert 'href="in-text-citations.csv"' in page
    csv_text = (sparql_site / "sparql" / "in-text-citations.csv").read_text(encoding="utf-8")
    assert csv_text.splitlines()[0] == "claim,printed,key,firstAuthor,year"
    assert f'{BASE}claim/x-energy,"Doe, 2021",Doe2021,Doe,2021' in csv_text.splitlines()


def test_query_page_ships_engine_data_and_saved_queries(sparql_site):
    page = (sparql_site / "sparql" / "query.html").read_text(encoding="utf-8")
    assert 'id="cg-sparql"' in page and '<script type="module" src="../assets/sparql.js"></script>' in page
    require_engine()
    assert (sparql_site / "assets" / "oxigraph" / "web_bg.wasm").read_bytes()[:4] == b"\0asm"
    config = json.loads((sparql_site / "sparql" / "queries.json").read_text(encoding="utf-8"))
    assert config["base"] == BASE
    assert [q["name"] for q in config["queries"]] == [q.name for q in saved_queries(load(FIXTURES / "sparql"))]
    for path in [config["engine"], config["wasm"], *config["data"]]:
        target = (sparql_site / "sparql" / path).resolve()
        assert target.is_file() and target.is_relative_to(sparql_site.resolve()), path
    # the registry's graphs and the vocabulary, where the statuses' notations are
    assert config["data"] == ["../downloads/registry.trig", "vocabulary.trig"]
    assert (
        "skos:notation" in (sparql_site / "sparql" / "vocabulary.trig").read_text(encoding="utf-8")
        or "http://www.w3.org/2004/02/skos/core#notation" in (sparql_site / "sparql" / "vocabulary.trig").read_text()
    )
    assert config["pages"][f"{BASE}claim/x-energy"] == "claims/x-energy.html"
    # the script is on the query page only
    assert "sparql.js" not in (sparql_site / "index.html").read_text(encoding="utf-8")


def require_engine() -> None:
    """Skip without node_modules/oxigraph, unless CI is set: there `make test` installs it, so fail."""
    if sparql_pages.find_engine(None) is not None:
        return
    if os.environ.get("CI"):
        pytest.fail("node_modules/oxigraph is missing although CI is set: `make test` runs `make npm` first")
    pytest.skip("node_modules/oxigraph is not installed: run `make npm`")


def test_site_builds_without_the_engine_and_says_how_to_get_it(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(sparql_pages, "engine_candidates", lambda registry_root: [])
    out = tmp_path / "site"
    build_site(load(FIXTURES / "sparql"), out)
    page = html.unescape((out / "sparql" / "query.html").read_text(encoding="utf-8"))
    assert "moteur de requêtes du navigateur n'a pas été livré" in page and "make engine" in page
    assert "sparql.js" not in page and not (out / "assets" / "oxigraph").exists()
    # the warning the command line prints (read from the log itself: whether a handler writes it to stderr
    # depends on what configured logging earlier in the process)
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING" and r.name.startswith("claimgraph")]
    assert any("make engine" in message for message in warnings)
    # the build-time answers are there all the same
    table = read_table(out / "sparql" / "in-text-citations.html")
    assert len(table.rows) == len(EXPECTED["in-text-citations"][1])


def test_a_saved_query_that_fails_is_shown_not_fatal(tmp_path):
    registry = tmp_path / "registry"
    shutil.copytree(FIXTURES / "sparql", registry)
    (registry / "queries").mkdir(exist_ok=True)
    (registry / "queries" / "broken.rq").write_text("# title: A broken query\n# description: x\nSELECT ?x WHERE {\n")
    (registry / "queries" / "query.rq").write_text("# title: Named like the query page\nASK { ?s ?p ?o }\n")
    out = tmp_path / "site"
    build_site(load(registry), out)
    broken = html.unescape((out / "sparql" / "broken.html").read_text(encoding="utf-8"))
    assert "n'a pas pu être exécutée" in broken and "CG401" in broken
    assert "La réponse est oui" in page_text((out / "sparql" / "query-saved.html").read_text(encoding="utf-8"))
    assert 'id="cg-sparql"' in (out / "sparql" / "query.html").read_text(encoding="utf-8")


# ------------------------------------------------------------------ hostile values


def test_hostile_values_in_result_tables_are_text(hostile_site):
    citations = (hostile_site / "sparql" / "in-text-citations.html").read_text(encoding="utf-8")
    shown = '<a href="javascript:alert(1)">Evil</a>, 2020'
    assert shown not in citations and 'href="javascript' not in citations.lower()
    assert shown in [
        text for row in read_table(hostile_site / "sparql" / "in-text-citations.html").rows for text, _ in row
    ]
    quotes = (hostile_site / "sparql" / "quotes.html").read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in quotes
    texts = [text for row in read_table(hostile_site / "sparql" / "quotes.html").rows for text, _ in row]
    assert "433 MWh </code></pre><script>window.__pwned='quote'</script>" in texts
    argument = read_table(hostile_site / "sparql" / "argument.html")
    # the statement in the registry's first language (French), as the saved query picks it
    assert any("<script>alert('fr')</script> Affirmation hostile" == text for row in argument.rows for text, _ in row)
    for page in (hostile_site / "sparql").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>window.__pwned" not in text and "<iframe" not in text, page.name
        assert "<script>alert(" not in text, page.name
    config = json.loads((hostile_site / "sparql" / "queries.json").read_text(encoding="utf-8"))
    assert config["queries"]  # the data the page's script renders with textContent only


def test_hostile_values_in_the_csv_cannot_run_as_formulas(tmp_path):
    registry = tmp_path / "registry"
    shutil.copytree(FIXTURES / "sparql", registry)
    (registry / "queries").mkdir(exist_ok=True)
    (registry / "queries" / "formula.rq").write_text('# title: t\nSELECT ?x WHERE { BIND("=HYPERLINK(1)" AS ?x) }\n')
    out = tmp_path / "site"
    build_site(load(registry), out)
    assert (out / "sparql" / "formula.csv").read_text(encoding="utf-8").splitlines() == ["x", "'=HYPERLINK(1)"]


#: Values for both CSV writers to agree on: without a cell to quote (formulas, negative numbers, unbound), and
#: with (commas, quotes, line breaks, a carriage return, an IRI holding a comma, a formula that needs quotes).
UNQUOTED_VALUES = '("=1+2" 3) ("-5" UNDEF) ("plain" "+3") ("@home" -2) ("\\ttab" "") ("café" "a b") (UNDEF "@") '
QUOTED_VALUES = UNQUOTED_VALUES + '("x,y" "say \\"hi\\"") ("two\\nlines" "cr\\r") (<https://example.org/i> "=1,2") '
#: An IRI holding a comma, which Oxigraph's CSV writer does not quote.
IRI_WITH_A_COMMA = '(<https://example.org/i,r> "x") '
#: Quoted cells, a line's last among them (its closing quote then "\r\n"), none a formula; then a formula or a
#: carriage return opening a quoted cell, at the start of the rows past the page's and at a line's start.
QUOTED_PLAIN = '("a" "b") ("c" "d") ("x,y" "say \\"hi\\"") ("a" "b,c") ("two\\nlines" "z") ("end," "a,") '
QUOTED_STARTS = [
    '("a" "b") ("c" "d") ("=x,y" "e") ("p" "q,r") ',
    '("a" "b") ("c" "d") ("p" "q,r") ("@x,y" "e") ',
    '("a" "b") ("c" "d") ("p" "q,r") ("\\rx" "e") ',
    '("a" "b") ("c" "d") ("p" "q,r") ("e" "-x,y") ',
]


@pytest.mark.parametrize(
    "text",
    [
        f"SELECT ?a ?b WHERE {{ VALUES (?a ?b) {{ {UNQUOTED_VALUES * 3} }} }}",
        f"SELECT ?a ?b WHERE {{ VALUES (?a ?b) {{ {QUOTED_VALUES * 3} }} }}",
        "SELECT ?claim ?value WHERE { ?claim <https://w3id.org/claimgraph/ns#value> ?value } ORDER BY ?claim",
        f"SELECT ?a WHERE {{ VALUES (?a ?b) {{ {QUOTED_VALUES} }} }}",
        f"SELECT ?a ?b WHERE {{ VALUES (?a ?b) {{ {UNQUOTED_VALUES * 3} {IRI_WITH_A_COMMA} }} }}",
        f"SELECT ?a ?b WHERE {{ VALUES (?a ?b) {{ {QUOTED_VALUES * 3} {IRI_WITH_A_COMMA} }} }}",
        f"SELECT ?a ?b WHERE {{ VALUES (?a ?b) {{ {QUOTED_PLAIN} }} }}",
        *(f"SELECT ?a ?b WHERE {{ VALUES (?a ?b) {{ {values} }} }}" for values in QUOTED_STARTS),
    ],
    ids=[
        "unquoted",
        "quoted",
        "blank-nodes",
        "one-column",
        "iri-comma",
        "iri-comma-quoted",
        "quoted-plain",
        *(f"quoted-start-{n}" for n in range(len(QUOTED_STARTS))),
    ],
)
def test_a_download_reads_the_same_past_the_rows_the_page_shows(tmp_path, monkeypatch, text):
    """The rows a saved query's page shows are written to its CSV by Python, the others by Oxigraph's
    CSV writer (made safe for spreadsheets here): the file is the one Python alone writes."""
    from types import SimpleNamespace

    registry = load(FIXTURES / "sparql")
    query = SimpleNamespace(name="q", text=text)
    written = {}
    for shown in (2, 10_000):
        monkeypatch.setattr(sparql_pages, "MAX_ROWS", shown)
        (answer,) = sparql_pages._answers(registry, [query], tmp_path / str(shown))
        written[shown] = (tmp_path / str(shown) / "sparql" / "q.csv").read_bytes(), answer.total, answer.rows[:2]
    assert written[2] == written[10_000]
    assert written[2][1] > 2
    monkeypatch.setattr(sparql_pages, "MAX_ROWS", 2)
    result = sparql_pages.result_of(registry, text)
    # the rows past the page's by Oxigraph, but where one column or an IRI with a comma leaves them to Python
    selected = text.split("WHERE")[0]
    by_oxigraph = ("?a ?b" in selected or "?value" in selected) and IRI_WITH_A_COMMA not in text
    assert isinstance(result, sparql_pages.SelectResult) == by_oxigraph
    if by_oxigraph:
        assert result.rest_count > 0


@pytest.mark.parametrize(
    "text",
    [
        'CONSTRUCT { ?s <https://example.org/p> ?o } WHERE { VALUES (?s ?o) { (<https://example.org/a> "a") '
        '(<https://example.org/a> "a b") (<https://example.org/a> "a"@en) (<https://example.org/a> "a\\u0001") '
        '(<https://example.org/ab> "x") (<https://example.org/a> 5) (<https://example.org/a> "é") '
        '(<https://example.org/a> "\\U0001F600") (<https://example.org/a> "a\\nb") } }',
        "CONSTRUCT { ?claim <https://example.org/value> ?value } WHERE { ?claim <https://w3id.org/claimgraph/ns#value> ?value }",
    ],
    ids=["literals", "blank-nodes"],
)
def test_a_construct_download_and_page_keep_the_order_of_their_terms(tmp_path, monkeypatch, text):
    """A CONSTRUCT's triples are sorted as N-Triples lines: the order of their terms' texts, term by term."""
    import pyoxigraph as ox
    from types import SimpleNamespace

    from claimgraph.sparql.run import run_query

    registry = load(FIXTURES / "sparql")
    monkeypatch.setattr(sparql_pages, "MAX_ROWS", 2)
    (answer,) = sparql_pages._answers(registry, [SimpleNamespace(name="q", text=text)], tmp_path)
    triples = sorted(run_query(registry, text), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    assert len(triples) > 2 and answer.total == len(triples)
    assert answer.rows == [(t.subject, t.predicate, t.object) for t in triples[:2]]
    assert (tmp_path / "sparql" / "q.nt").read_bytes() == ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


@pytest.mark.parametrize(
    "pages",
    [{}, {'a"b': "cé\\", "https://x/é\u2028": "p.html", "\x00flat\x00": "y"}, {str(i): chr(i + 1) for i in range(400)}],
)
def test_queries_json_is_written_as_json_dumps_writes_it(pages):
    from claimgraph.site.sparql_pages import _indented_json

    for config in (
        {"base": "b", "pages": pages, "queries": [{"name": "q", "text": "\x00flat\x00"}]},
        {"base": "b", "pages": pages, "prefixes": {"cg": "https://w3id.org/claimgraph/ns#"}},
    ):
        assert _indented_json(config, "pages") == json.dumps(config, ensure_ascii=False, indent=1)


def test_the_cells_of_an_answer_sent_as_text_are_those_of_its_terms(tmp_path):
    """The forked process sends each term as the text its cell shows and its IRI (:func:`shown_answers`): the
    cells made of them are those the terms make (an IRI with a page links to it, a relative IRI loses its
    brackets, a literal's white space is folded, a blank node is ``_:`` and its label, unbound is empty)."""
    import pyoxigraph as ox
    from types import SimpleNamespace

    from claimgraph.sparql.results import compact

    registry = load(FIXTURES / "sparql")
    text = (
        "SELECT ?a ?b WHERE { { VALUES (?a ?b) { "
        f'(<{BASE}claim/x> "two  words\\nand a line") (<{BASE}claim/y> UNDEF) '
        '(<https://w3id.org/claimgraph/ns#Claim> "x"@en) (<https://elsewhere.example/p> 3) } } '
        "UNION { BIND(BNODE() AS ?a) BIND(<https://elsewhere.example/p> AS ?b) } }"
    )
    (answer,) = sparql_pages._answers(registry, [SimpleNamespace(name="q", text=text)], tmp_path)
    terms = answer.rows
    assert len(terms) == 5 and any(type(t) is ox.BlankNode for row in terms for t in row)
    pages = {f"{BASE}claim/x": "claims/x.md", "https://elsewhere.example/p": "elsewhere.md"}
    (shown,) = sparql_pages.shown_answers([answer], registry.settings.base)
    made = sparql_pages.cells(shown, pages)

    def expected(term) -> sparql_pages.Cell:
        if term is None:
            return sparql_pages.Cell("")
        written = compact(term, registry.settings.base)
        if type(term) is ox.NamedNode:
            return sparql_pages.Cell(written.strip("<>") if written.startswith("<") else written, pages.get(term.value))
        return sparql_pages.Cell(written)

    assert made.rows == [[expected(t) for t in row] for row in terms]
    every = [c for row in made.rows for c in row]
    assert sparql_pages.Cell("claim/x", "claims/x.md") in every and sparql_pages.Cell("claim/y") in every
    assert sparql_pages.Cell("two words and a line") in every and sparql_pages.Cell("") in every
    assert (
        sparql_pages.Cell("cg:Claim") in every
        and sparql_pages.Cell("https://elsewhere.example/p", "elsewhere.md") in every
    )
    assert any(c.text.startswith("_:") and c.path is None for c in every)
    assert made.total == answer.total == 5 and made.columns == ["a", "b"]


def test_quoted_cells_with_no_formula_are_left_as_oxigraph_writes_them(monkeypatch):
    """Oxigraph's CSV is kept as it is (not read back and written again) where no cell, quoted or not, starts
    with a formula character: a closing quote before a line break is no cell's start; and otherwise the cells
    that do get their apostrophe."""
    import csv
    from types import SimpleNamespace

    plain = 'a,b\r\n"x,y","say ""hi"""\r\n"end,","a b"\r\n"two\nlines",z\r\n'
    with monkeypatch.context() as patched:  # written again, the rows would go through a writer
        patched.setattr(sparql_pages, "csv", SimpleNamespace(reader=csv.reader, writer=None))
        assert sparql_pages.download_lines(plain, 2) == (plain[5:], 3)
    started = 'a,b\r\n"x,y","\rz"\r\n"=1,2",z\r\n'
    assert sparql_pages.download_lines(started, 2) == ('"x,y","\'\rz"\r\n"\'=1,2",z\r\n', 2)
