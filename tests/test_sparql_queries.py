"""The saved queries (queries/*.rq) and the query library (claimgraph.sparql).

Every saved query runs on the bundled registry and on tests/fixtures/sparql, a small
registry built so that each query's answer is known (see EXPECTED below: a new saved
query needs an entry there). A synthetic registry a few hundred times larger checks
that no saved query degrades badly with size (OPTIONALs last).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from claimgraph.namespaces import sparql_prologue
from claimgraph.registry import load
from claimgraph.sparql.run import QueryRefused, QuerySyntaxError, ResultFormatError, check_query, run_query, run_select
from claimgraph.sparql.saved import DEFAULT_QUERIES_DIR, parse_header, saved_queries
from claimgraph.sparql.saved import find_saved_query as find_default_or_own

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "sparql"
BASE = "https://example.org/registry/sparql/"
#: The bundled registry's own saved queries (its queries/ folder): domain questions ("training-energy", on
#: language models), not defaults every registry gets; tested here on the same registries as the defaults.
BUNDLED_OWN = sorted(path.stem for path in (ROOT / "queries").glob("*.rq"))
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def fixture_registry():
    return load(FIXTURE)


@pytest.fixture(scope="module")
def bundled_registry():
    return load(ROOT)


def short(term) -> str | None:
    """A result cell as the expectations below write it: registry IRIs relative, literals as text."""
    if term is None:
        return None
    value = term.value
    if isinstance(term, ox.NamedNode) and value.startswith(BASE):
        return value[len(BASE) :]
    if isinstance(term, ox.Literal) and term.datatype.value.endswith(("#double", "#decimal", "#float")):
        return f"{float(value):g}"
    return value


def find_saved_query(name: str, registry=None):
    """The saved query ``name`` of ``registry`` (or a default), the bundled registry's own where it is one of
    those: run on the fixtures as the defaults are."""
    if name not in BUNDLED_OWN:
        return find_default_or_own(name, registry)
    if registry is None:
        return find_default_or_own(name, ROOT)
    folder = Path(registry) if isinstance(registry, (str, Path)) else Path(registry.root)
    return find_default_or_own(name, registry if (folder / "queries" / f"{name}.rq").is_file() else ROOT)


def rows_of(registry, name: str, *columns: str) -> list[tuple]:
    query = find_saved_query(name, registry)
    variables, rows = run_select(registry, query.text, timeout=20)
    index = [variables.index(c) for c in columns]
    return [tuple(short(row[i]) for i in index) for row in rows]


# --------------------------------------------------------------------------- known answers
#: For each saved query: the columns compared and the exact rows (in the query's order).
EXPECTED: dict[str, tuple[tuple[str, ...], list[tuple]]] = {
    "argument": (
        ("order", "step", "kind", "role", "claim"),
        [
            ("1", "step/question", "question", "context", "claim/x-energy"),
            ("2", "step/evidence", "step", "challenges", "claim/x-energy-blog"),
            ("2", "step/evidence", "step", "supports", "claim/x-energy"),
            ("2", "step/evidence", "step", "supports", "claim/y-energy"),
            ("3", "step/conclusion", "conclusion", "challenges", "claim/frugal-trend"),
            ("3", "step/conclusion", "conclusion", "supports", "claim/smaller-models"),
            ("3", "step/conclusion", "conclusion", "supports", "claim/training-share"),
            ("3", "step/conclusion", "conclusion", "supports", "claim/x-over-y"),
        ],
    ),
    "claims-by-measurand": (
        ("claim", "value", "lower", "upper", "normalisedValue", "normalisedLower", "normalisedUpper", "normalisedUnit"),
        [
            ("claim/training-share", None, "20", "40", None, "0.2", "0.4", "http://qudt.org/vocab/unit/UNITLESS"),
            ("claim/x-energy", "1.3", None, None, "1300", None, None, "http://qudt.org/vocab/unit/MegaW-HR"),
            ("claim/x-energy-blog", "1287", None, None, "1287", None, None, "http://qudt.org/vocab/unit/MegaW-HR"),
            ("claim/y-energy", "433", None, None, "433", None, None, "http://qudt.org/vocab/unit/MegaW-HR"),
            ("claim/x-over-y", "3", None, None, "3", None, None, "http://qudt.org/vocab/unit/UNITLESS"),
        ],
    ),
    "claims-per-source": (
        ("key", "cited", "primary"),
        [
            ("Doe2021", "2", "1"),
            ("Blog2023", "2", "0"),
            ("Roe2022", "2", "0"),
            ("Unknown2020", "1", "0"),
            ("Uncited2019", "0", "0"),
        ],
    ),
    "claims-without-quote": (
        ("claim", "derived", "status"),
        [
            ("claim/smaller-models", "false", "unverified"),
            ("claim/x-over-y", "true", "verifiedPrimary"),
        ],
    ),
    "conclusion-support": (
        ("conclusion", "claim", "direct", "cited", "primary"),
        [
            # (claim/frugal-trend challenges the conclusion: no support, not listed; docs/verdicts.md)
            ("step/conclusion", "claim/smaller-models", "true", "Unknown2020", None),
            ("step/conclusion", "claim/training-share", "true", "Roe2022", None),
            ("step/conclusion", "claim/x-over-y", "true", "Doe2021", None),
            ("step/conclusion", "claim/x-energy", "false", "Doe2021", None),
            ("step/conclusion", "claim/y-energy", "false", "Blog2023", None),
        ],
    ),
    "contested-claims": (
        (
            "slide",
            "claim",
            "relation",
            "counter",
            "claimValue",
            "claimLower",
            "claimUpper",
            "claimUnit",
            "counterValue",
            "counterUnit",
            "counterSources",
            "counterStatus",
        ),
        [
            (
                "3",
                "claim/x-energy",
                "supports",
                "claim/x-energy-blog",
                "1300",
                None,
                None,
                "http://qudt.org/vocab/unit/MegaW-HR",
                "1287",
                "http://qudt.org/vocab/unit/MegaW-HR",
                "Blog2023",
                "verifiedPrimary",
            ),
            (
                "6",
                "claim/training-share",
                "qualifies",
                "claim/frugal-trend",
                None,
                "0.2",
                "0.4",
                "http://qudt.org/vocab/unit/UNITLESS",
                None,
                None,
                "Roe2022",
                "notInSource",
            ),
            (
                "8",
                "claim/frugal-trend",
                "contests",
                "claim/smaller-models",
                None,
                None,
                None,
                None,
                None,
                None,
                "Unknown2020",
                "unverified",
            ),
        ],
    ),
    "derived-numbers": (
        ("claim", "formula", "position", "operand", "operandValue"),
        [
            ("claim/x-over-y", "ratio", "1", "claim/x-energy", "1.3"),
            ("claim/x-over-y", "ratio", "2", "claim/y-energy", "433"),
        ],
    ),
    "in-text-citations": (
        ("claim", "printed", "key", "firstAuthor", "year"),
        [
            ("claim/frugal-trend", "Roe, 2022", "Roe2022", "Roe", "2022"),
            ("claim/smaller-models", "Unknown, 2020", "Unknown2020", "Unknown", "2020"),
            ("claim/training-share", "Roe, 2022", "Roe2022", "Roe", "2022"),
            ("claim/x-energy", "Doe, 2021", "Doe2021", "Doe", "2021"),
            ("claim/x-energy-blog", "Poe, 2023", "Blog2023", "Poe", "2023"),
            ("claim/x-over-y", "Doe, 2021", "Doe2021", "Doe", "2021"),
            ("claim/y-energy", "Poe, 2023", "Blog2023", "Poe", "2023"),
        ],
    ),
    "measurand-spread": (
        ("measurand", "claims", "sources", "lowest", "highest"),
        [
            ("measurand/model-x-training-energy", "2", "2", "1287", "1300"),
        ],
    ),
    "no-persistent-identifier": (
        ("claim", "how", "key", "url", "identified"),
        [
            ("claim/x-energy-blog", "cited", "Blog2023", "https://blog.example.org/training-costs", "true"),
            ("claim/y-energy", "cited", "Blog2023", "https://blog.example.org/training-costs", "true"),
            ("claim/smaller-models", "cited", "Unknown2020", None, "false"),
        ],
    ),
    "quotes": (
        ("claim", "kind", "key", "locator"),
        [
            ("claim/frugal-trend", "cited", "Roe2022", "Section 3"),
            ("claim/training-share", "cited", "Roe2022", "Section 2"),
            ("claim/x-energy", "cited", "Doe2021", "p. 4, Table 2"),
            ("claim/x-energy-blog", "cited", "Blog2023", "paragraph 2"),
            ("claim/x-energy-blog", "primary", "Doe2021", "p. 4, Table 2"),
            ("claim/y-energy", "cited", "Blog2023", "paragraph 3"),
        ],
    ),
    "secondary-only": (
        ("claim", "citedKeys", "status"),
        [
            ("claim/y-energy", "Blog2023", "verifiedSecondary"),
        ],
    ),
    "status-overview": (
        ("status", "rank", "claims"),
        [
            ("verifiedPrimary", "0", "3"),
            ("verifiedSecondary", "1", "1"),
            ("unverified", "2", "1"),
            ("discrepancy", "3", "1"),
            ("notInSource", "3", "1"),
        ],
    ),
    "step-sources": (
        ("order", "step", "key", "how", "claims"),
        [
            ("1", "step/question", "Doe2021", "cited", "1"),
            ("2", "step/evidence", "Blog2023", "cited", "2"),
            ("2", "step/evidence", "Doe2021", "cited", "1"),
            ("2", "step/evidence", "Doe2021", "primary", "1"),
            ("3", "step/conclusion", "Doe2021", "cited", "1"),
            ("3", "step/conclusion", "Roe2022", "cited", "2"),
            ("3", "step/conclusion", "Unknown2020", "cited", "1"),
        ],
    ),
    "training-energy": (
        ("system", "claim", "mwh", "cited", "primary", "primaryMWh"),
        [
            ("Model X", "claim/x-energy", "1300", "Doe2021", None, None),
            ("Model X", "claim/x-energy-blog", "1287", "Blog2023", "Doe2021", "1287"),
            ("Model Y", "claim/y-energy", "433", "Blog2023", None, None),
        ],
    ),
    "weak-claims": (
        ("claim", "status", "conclusion"),
        [
            ("claim/frugal-trend", "notInSource", "step/conclusion"),
            ("claim/smaller-models", "unverified", "step/conclusion"),
            ("claim/training-share", "discrepancy", "step/conclusion"),
        ],
    ),
}

#: CONSTRUCT queries: the triples expected, as (subject, predicate local name, object), relative.
EXPECTED_GRAPHS = {
    "citation-network": {
        ("claim/x-energy", "citesAsEvidence", "source/Doe2021"),
        ("claim/x-energy-blog", "citesAsEvidence", "source/Blog2023"),
        ("claim/x-energy-blog", "hadPrimarySource", "source/Doe2021"),
        ("claim/y-energy", "citesAsEvidence", "source/Blog2023"),
        ("claim/x-over-y", "citesAsEvidence", "source/Doe2021"),
        ("claim/training-share", "citesAsEvidence", "source/Roe2022"),
        ("claim/smaller-models", "citesAsEvidence", "source/Unknown2020"),
        ("claim/frugal-trend", "citesAsEvidence", "source/Roe2022"),
        ("step/evidence", "citesAsEvidence", "claim/x-energy"),
        ("step/evidence", "citesAsEvidence", "claim/y-energy"),
        ("step/evidence", "disputes", "claim/x-energy-blog"),
        ("step/conclusion", "citesAsEvidence", "claim/x-over-y"),
        ("step/conclusion", "citesAsEvidence", "claim/training-share"),
        ("step/conclusion", "citesAsEvidence", "claim/smaller-models"),
        ("step/conclusion", "disputes", "claim/frugal-trend"),
        ("source/Doe2021", "title", "The Energy of Training Model X"),
        ("source/Blog2023", "title", "What Training Costs"),
        ("source/Roe2022", "title", "Smaller Models"),
        ("source/Unknown2020", "title", "A Report Nobody Found"),
    },
}

SAVED = [q.name for q in saved_queries()] + BUNDLED_OWN


# --------------------------------------------------------------------------- the saved files


def test_at_least_ten_saved_queries_each_with_title_and_description():
    queries = saved_queries()
    assert len(queries) >= 10
    for q in queries:
        assert q.title and q.title != q.name.replace("-", " "), f"{q.name}: no '# title:' line"
        assert len(q.description) > 40, f"{q.name}: no '# description:' worth reading"
        assert q.text.lstrip().startswith("# title:"), f"{q.name}: the header must open the file"


def test_the_defaults_are_general_and_the_domain_query_is_the_bundled_registrys(tmp_path):
    # a new user's registry (epidemiology) listed "Training energy of language models" among its queries: a
    # default shipped with the package is a question of every registry, a domain question its registry's own
    assert DEFAULT_QUERIES_DIR.resolve() != (ROOT / "queries").resolve()
    defaults = {q.name for q in saved_queries()}
    assert "training-energy" not in defaults and {"argument", "claims-by-measurand", "weak-claims"} <= defaults
    assert BUNDLED_OWN == ["training-energy"]
    assert {q.name for q in saved_queries(ROOT)} == defaults | {"training-energy"}
    example = ROOT / "examples" / "ml-training-energy"
    assert "training-energy" in {q.name for q in saved_queries(example)}
    (tmp_path / "claimgraph.toml").write_text('[registry]\ntitle = "T"\nbase = "https://example.org/r/"\n')
    assert {q.name for q in saved_queries(tmp_path)} == defaults


@pytest.mark.parametrize("name", SAVED)
def test_every_saved_query_has_known_answers(name):
    assert name in EXPECTED or name in EXPECTED_GRAPHS, (
        f"add the answer of {name}.rq on tests/fixtures/sparql to EXPECTED in this file"
    )


@pytest.mark.parametrize("name", SAVED)
def test_saved_query_is_standalone(name):
    """Each file declares its prefixes: it runs in any SPARQL tool, without claimgraph's prologue."""
    store = ox.Store()
    try:
        store.query(find_saved_query(name).text)
    except SyntaxError as exc:  # pragma: no cover - the assertion message is the point
        pytest.fail(f"{name}.rq does not parse on its own: {exc}")


@pytest.mark.parametrize("name", SAVED)
def test_saved_query_on_fixture(fixture_registry, name):
    query = find_saved_query(name, fixture_registry)
    if name in EXPECTED_GRAPHS:
        triples = run_query(fixture_registry, query.text, timeout=20)
        got = {(short(t.subject), re.split(r"[#/]", t.predicate.value)[-1], short(t.object)) for t in triples}
        assert got == EXPECTED_GRAPHS[name]
        return
    columns, expected = EXPECTED[name]
    assert rows_of(fixture_registry, name, *columns) == expected


@pytest.mark.parametrize("name", SAVED)
def test_saved_query_on_bundled_registry(bundled_registry, name):
    query = find_saved_query(name, bundled_registry)
    result = run_query(bundled_registry, query.text, timeout=30)  # QueryTimeout past the limit
    assert result is not None


def test_secondary_only_gives_every_reason(fixture_registry):
    [(reasons, primary)] = rows_of(fixture_registry, "secondary-only", "reasons", "primaryKeys")
    assert set(reasons.split("; ")) == {"no primary source named", "verified against a secondary source only"}
    assert not primary


def test_bundled_registry_answers_the_research_questions(bundled_registry):
    """Sanity on real data, loose enough to survive the registry growing."""
    argument = rows_of(bundled_registry, "argument", "order", "step")
    by_measurand = rows_of(bundled_registry, "claims-by-measurand", "claim", "normalisedValue")
    assert by_measurand, "the bundled registry states numbers"
    per_source = rows_of(bundled_registry, "claims-per-source", "key", "cited")
    assert any(int(n) > 0 for _, n in per_source)
    assert [int(o) for o, _ in argument] == sorted(int(o) for o, _ in argument)


# --------------------------------------------------------------------------- header and folders


def test_parse_header_continues_description_lines():
    text = "# title: A title\n# description: first line\n#   second line\n#\n# other: x\nSELECT * {}"
    assert parse_header(text) == {"title": "A title", "description": "first line second line"}


def test_registry_queries_override_and_extend_defaults(tmp_path):
    root = tmp_path / "reg"
    shutil.copytree(FIXTURE, root)
    (root / "queries").mkdir(exist_ok=True)
    (root / "queries" / "secondary-only.rq").write_text(
        "# title: Local version\n# description: replaces the default one.\nSELECT * WHERE { ?s ?p ?o } LIMIT 1\n"
    )
    (root / "queries" / "mine.rq").write_text("# title: Mine\n# description: only here.\nASK { ?s ?p ?o }\n")
    registry = load(root)
    names = {q.name: q for q in saved_queries(registry)}
    assert names["secondary-only"].title == "Local version"
    assert names["mine"].path == root / "queries" / "mine.rq"
    assert "argument" in names
    assert find_saved_query("mine.rq", registry).title == "Mine"


# --------------------------------------------------------------------------- library: checks and errors


@pytest.mark.parametrize(
    "text, code",
    [
        ("INSERT DATA { <a> <b> <c> }", "CG402"),
        ("PREFIX ex: <http://e/>\ndelete where { ?s ?p ?o }", "CG402"),
        ("LOAD <http://example.org/data.ttl>", "CG402"),
        ("CLEAR ALL", "CG402"),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "CG403"),
        ("SELECT * WHERE { service silent <http://example.org/sparql> { ?s ?p ?o } }", "CG403"),
        ("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", "CG404"),
        ("SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }", "CG404"),
    ],
)
def test_refused(text, code):
    with pytest.raises(QueryRefused) as info:
        check_query(text)
    assert info.value.code == code
    assert info.value.line and info.value.column


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?service ?from WHERE { ?service <http://e/from> ?from }",
        "PREFIX ex: <http://example.org/>\nSELECT * WHERE { ?s ex:service ex:FROM }",
        'SELECT * WHERE { ?s ?p "SERVICE <http://x/> FROM" } # SERVICE and FROM in a comment',
        "SELECT * WHERE { ?s ?p <http://example.org/SERVICE> }",
        "SELECT * WHERE { ?s ?p '''multi\nline SERVICE''' }",
        "ASK { ?s ?p ?o FILTER(?o < 3 && ?o > 1) }",
    ],
)
def test_not_fooled_by_keywords_in_names_strings_and_iris(text):
    assert check_query(text) in ("SELECT", "ASK")


def test_syntax_error_has_line_and_column(fixture_registry):
    with pytest.raises(QuerySyntaxError) as info:
        run_select(fixture_registry, "SELECT ?s\nWHERE {\n  ?s ?p \n}", timeout=5)
    # pyoxigraph gives up at the end of the query; the start of the broken triple is reported
    assert (info.value.line, info.value.column) == (3, 3)
    assert info.value.render("q.rq").startswith("q.rq:3:3: CG401 error: SPARQL syntax error")


def test_syntax_error_inside_the_query_keeps_pyoxigraphs_position(fixture_registry):
    with pytest.raises(QuerySyntaxError) as info:
        run_select(fixture_registry, "SELECT * WHERE {\n  ?s ?p ?o . BIND(STRLEN(?o) AS ?x }\n", timeout=5)
    assert info.value.line == 2 and 30 < info.value.column < 40
    assert "expected" in info.value.message


def test_positions_are_not_shifted_by_the_standard_prefixes(fixture_registry):
    with pytest.raises(QuerySyntaxError) as info:
        run_select(fixture_registry, "SELECT * WHERE { ?c a cg:Claim ; cg:statement ?s . FILTER( }", timeout=5)
    assert info.value.line == 1


def test_run_select_gives_terms_and_resolves_relative_iris(fixture_registry):
    variables, rows = run_select(
        fixture_registry, "SELECT ?key WHERE { <claim/x-energy> cg:cites/cg:bibKey ?key }", timeout=5
    )
    assert variables == ["key"]
    assert [r[0].value for r in rows] == ["Doe2021"]
    with pytest.raises(ResultFormatError):
        run_select(fixture_registry, "ASK { ?s ?p ?o }")


def test_runaway_query_is_abandoned_at_the_deadline():
    """In a process of its own: the abandoned query thread runs on until its process ends (in the
    test process it would take a core from every later test, and make forking it unsafe)."""
    script = (
        "import sys, time\n"
        "from claimgraph.registry import load\n"
        "from claimgraph.sparql.run import QueryTimeout, run_select\n"
        "registry = load(sys.argv[1])\n"
        "started = time.monotonic()\n"
        "try:\n"
        "    run_select(registry, sys.argv[2], timeout=0.5)\n"
        "except QueryTimeout:\n"
        "    print('timed out after', time.monotonic() - started)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(FIXTURE), RUNAWAY], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    words = proc.stdout.split()
    assert words[:3] == ["timed", "out", "after"] and float(words[3]) < 3


# --------------------------------------------------------------------------- speed


def _synthetic_registry(root: Path, claims: int = 2000) -> Path:
    """A registry of ``claims`` claims over 60 sources and 30 steps, for timing the saved queries."""
    shutil.copytree(FIXTURE, root)
    lines = [
        "@prefix cg: <https://w3id.org/claimgraph/ns#> .",
        "@prefix status: <https://w3id.org/claimgraph/status#> .",
        "@prefix role: <https://w3id.org/claimgraph/role#> .",
        "@prefix formula: <https://w3id.org/claimgraph/formula#> .",
        "@prefix qudt: <http://qudt.org/schema/qudt/> .",
        "@prefix unit: <http://qudt.org/vocab/unit/> .",
        "@prefix oa: <http://www.w3.org/ns/oa#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix quantitykind: <http://qudt.org/vocab/quantitykind/> .",
    ]
    statuses = ["verifiedPrimary", "verifiedSecondary", "discrepancy", "unverified", "notInSource"]
    for m in range(40):
        lines.append(
            f'<measurand/m{m}> a cg:Measurand ; rdfs:label "training energy {m}"@en ; '
            f"cg:quantityKind quantitykind:Energy ; cg:about <system/model-x> ."
        )
    for i in range(claims):
        src = f"<source/S{i % 60}>"
        derived = (
            f"cg:derivedBy [ cg:formula formula:ratio ; cg:operands ( <claim/c{i - 1}> <claim/c{i - 2}> ) ] ;"
            if i % 10 == 9
            else ""
        )
        lines.append(
            f'<claim/c{i}> a cg:QuantitativeClaim ; cg:statement "claim {i}"@en , "affirmation {i}"@fr ; '
            f"cg:measurand <measurand/m{i % 40}> ; cg:value [ qudt:numericValue {i + 1} ; qudt:unit unit:MegaW-HR ] ; "
            f'cg:inTextCitation "S, 2020" ; cg:cites {src} ; '
            f"cg:citedSourceRole role:{'secondary' if i % 3 else 'primary'} ; "
            + (f"cg:primarySource <source/S{(i + 7) % 60}> ; " if i % 6 == 1 else "")
            + f'cg:citedQuote [ cg:inSource {src} ; oa:exact "{i + 1} MWh" ; cg:locator "p. {i}" ] ; {derived} '
            f'cg:status status:{statuses[i % 5]} ; cg:statusNote "n"@en .'
        )
    for s in range(30):
        kind = "cg:Conclusion" if s % 5 == 4 else "cg:ArgumentStep"
        used = " , ".join(f"<claim/c{(s * 20 + k) % claims}>" for k in range(20))
        lines.append(
            f'<step/s{s}> a {kind} ; cg:order {s + 10} ; rdfs:label "step {s}"@en ; '
            f'cg:text "t"@en ; cg:supportedBy {used} .'
        )
    (root / "claims" / "synthetic.ttl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    bib = "\n".join(
        f"@misc{{S{k},\n  author = {{Surname, A.}},\n  title = {{Source {k}}},\n  year = {{2020}},\n"
        + (f"  doi = {{10.1/{k}}},\n" if k % 2 else "")
        + "}\n"
        for k in range(60)
    )
    (root / "bib" / "synthetic.bib").write_text(bib, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def large_registry(tmp_path_factory):
    registry = load(_synthetic_registry(tmp_path_factory.mktemp("large") / "reg"))
    assert not [f for f in registry.load_findings if f.severity.label == "error"]
    return registry


@pytest.mark.parametrize("name", SAVED)
def test_saved_query_answers_on_a_larger_registry(large_registry, name):
    """Every saved query runs to its end within the query time limit (QueryTimeout otherwise).
    How fast is the benchmark's business (benchmarks/run.py times each one at 10,000 and 50,000 claims)."""
    result = run_query(large_registry, find_saved_query(name).text, timeout=30)
    assert result is not None


def optional_before_required(sparql: str) -> list:
    """Required triple patterns that follow an OPTIONAL in the same group, read from the algebra:
    ``{ A OPTIONAL { B } C }`` is ``Join(LeftJoin(A, B), C)``. On Oxigraph that order once made
    a query quadratic (323 s against 0.25 s with the OPTIONAL last)."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    found = []

    def walk(node):
        if isinstance(node, CompValue):
            if (
                node.name == "Join"
                and isinstance(node.p1, CompValue)
                and node.p1.name == "LeftJoin"
                and isinstance(node.p2, CompValue)
                and node.p2.name == "BGP"
                and node.p2.triples
            ):
                found.append(node.p2.triples)
            for value in node.values():
                walk(value)
        elif isinstance(node, (list, tuple)):
            for value in node:
                walk(value)

    walk(translateQuery(parseQuery(sparql)).algebra)
    return found


@pytest.mark.parametrize("name", SAVED)
def test_saved_query_puts_its_optionals_last(name):
    text = find_saved_query(name).text
    assert optional_before_required(text if "PREFIX" in text.upper() else sparql_prologue() + text) == []


def test_the_optional_order_guard_catches_the_slow_shape():
    slow = sparql_prologue() + (
        "SELECT * WHERE { ?c a cg:Claim OPTIONAL { ?c cg:slide ?s FILTER(?s > 1) } ?c cg:cites ?x }"
    )
    fixed = sparql_prologue() + (
        "SELECT * WHERE { ?c a cg:Claim . ?c cg:cites ?x OPTIONAL { ?c cg:slide ?s FILTER(?s > 1) } }"
    )
    assert len(optional_before_required(slow)) == 1 and optional_before_required(fixed) == []
