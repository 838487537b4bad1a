"""``claimgraph query``, ``claimgraph queries`` and ``claimgraph list claims``, run as a user would."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import rdflib

from claimgraph.sparql.saved import DEFAULT_QUERIES_DIR

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "sparql"
BASE = "https://example.org/registry/sparql/"


def cli(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "claimgraph.cli", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=cwd,
        timeout=120,
    )


def query(*args: str, **kw) -> subprocess.CompletedProcess:
    return cli("query", *args, "--registry", str(FIXTURE), **kw)


def assert_clean_error(result, code: str):
    assert result.returncode == 2, result.stderr
    assert code in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


# --------------------------------------------------------------------------- query: sources of the text


def test_saved_query_by_name_as_csv():
    result = query("secondary-only", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["claim"] for r in rows] == [BASE + "claim/y-energy"]


def test_csv_neutralises_formulas_but_not_numbers():
    """A file for a spreadsheet, as the claims' CSV and the site's downloads: text a spreadsheet would run as a
    formula gets a leading apostrophe; numbers (-5) are read as numbers and left alone."""
    result = query(
        'SELECT ("=1+2" AS ?f) (-5 AS ?n) ("-x, y" AS ?t) ("+1 @SUM(A1)" AS ?a) ("ok" AS ?o) WHERE {}',
        "--format",
        "csv",
    )
    assert result.returncode == 0, result.stderr
    assert list(csv.reader(io.StringIO(result.stdout))) == [
        ["f", "n", "t", "a", "o"],
        ["'=1+2", "-5", "'-x, y", "'+1 @SUM(A1)", "ok"],
    ]


def test_csv_is_the_sparql_csv_oxigraph_writes_where_nothing_needs_neutralising():
    from claimgraph.registry import load
    from claimgraph.sparql.results import serialize, spreadsheet_csv
    from claimgraph.sparql.run import execute

    registry = load(FIXTURE)
    for rq in sorted([*DEFAULT_QUERIES_DIR.glob("*.rq"), *(ROOT / "queries").glob("*.rq")]):
        text = rq.read_text(encoding="utf-8")
        first = execute(registry.store, text, base_iri=BASE)
        if not hasattr(first, "variables"):
            continue
        ours = spreadsheet_csv(first)
        theirs, _ = serialize(execute(registry.store, text, base_iri=BASE), "csv")
        assert ours == theirs, rq.name


def test_saved_query_by_file(tmp_path):
    result = query(str(DEFAULT_QUERIES_DIR / "claims-per-source.rq"), "--format", "tsv")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split("\t")[:3] == ["?key", "?year", "?cited"]
    assert lines[1].startswith('"Doe2021"')


def test_inline_query_with_standard_prefixes_and_relative_iris():
    result = query("SELECT ?key WHERE { <claim/x-energy-blog> cg:primarySource/cg:bibKey ?key }")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["key", "-------", "Doe2021", "(1 row)"]


def test_query_from_stdin_as_json():
    result = query("-", "--format", "json", stdin="SELECT (COUNT(*) AS ?n) WHERE { ?c a cg:QuantitativeClaim }")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["head"]["vars"] == ["n"]
    assert data["results"]["bindings"][0]["n"]["value"] == "5"


def test_xml_results():
    result = query("status-overview", "--format", "xml")
    assert result.returncode == 0, result.stderr
    root = ET.fromstring(result.stdout)
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["status", "label", "rank", "claims"]
    assert len(root.findall("r:results/r:result", ns)) == 5


def test_ask_in_every_solution_format():
    assert query("ASK { <claim/x-energy> a cg:QuantitativeClaim }").stdout == "true\n"
    assert json.loads(query("ASK { ?s a cg:Nothing }", "--format", "json").stdout)["boolean"] is False


def test_construct_gives_turtle_and_other_rdf_formats():
    result = query("citation-network")
    assert result.returncode == 0, result.stderr
    graph = rdflib.Graph().parse(data=result.stdout, format="turtle")
    cito = rdflib.Namespace("http://purl.org/spar/cito/")
    assert (
        rdflib.URIRef(BASE + "claim/x-energy"),
        cito.citesAsEvidence,
        rdflib.URIRef(BASE + "source/Doe2021"),
    ) in graph
    as_jsonld = rdflib.Graph().parse(data=query("citation-network", "--format", "json").stdout, format="json-ld")
    as_nt = rdflib.Graph().parse(data=query("citation-network", "--format", "ntriples").stdout, format="nt")
    as_xml = rdflib.Graph().parse(data=query("citation-network", "--format", "xml").stdout, format="xml")
    assert len(as_jsonld) == len(as_nt) == len(as_xml) == len(graph) == 19


def test_describe_gives_rdf():
    result = query("DESCRIBE <claim/y-energy>", "--format", "ntriples")
    assert result.returncode == 0, result.stderr
    assert f"<{BASE}claim/y-energy> <https://w3id.org/claimgraph/ns#status>" in result.stdout


# --------------------------------------------------------------------------- query: errors


def test_malformed_inline_query_gives_position_and_exit_2():
    result = query("SELECT ?s WHERE {\n  ?s ?p\n}")
    assert_clean_error(result, "CG401")
    assert result.stderr.startswith("<query>:2:3: CG401 error: SPARQL syntax error")


def test_malformed_query_file_is_named_with_its_position(tmp_path):
    path = tmp_path / "broken.rq"
    path.write_text("# title: Broken\nSELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?o = )\n}\n")
    result = query(str(path))
    assert_clean_error(result, "CG401")
    assert result.stderr.startswith(f"{path}:4:")


def test_malformed_saved_query_is_named_by_its_registry_path(tmp_path):
    root = tmp_path / "reg"
    shutil.copytree(FIXTURE, root)
    (root / "queries").mkdir(exist_ok=True)
    (root / "queries" / "bad.rq").write_text("# title: Bad\n# description: a typo.\nSELECT * WHERE { ?s ?p }\n")
    result = cli("query", "bad", "--registry", str(root))
    assert_clean_error(result, "CG401")
    assert result.stderr.startswith("queries/bad.rq:3:")


@pytest.mark.parametrize(
    "text, code",
    [
        ("INSERT DATA { <claim/x> a cg:Claim }", "CG402"),
        ("LOAD <http://example.org/evil.ttl>", "CG402"),
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "CG403"),
        ("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", "CG404"),
    ],
)
def test_updates_service_and_from_are_refused(text, code):
    assert_clean_error(query(text), code)


def test_unknown_name_suggests_a_saved_query():
    result = query("secondry-only")
    assert result.returncode == 2
    assert "did you mean `secondary-only`" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [("argument", "--format", "turtle"), ("citation-network", "--format", "csv")])
def test_format_that_does_not_fit_the_query_form(args):
    assert_clean_error(query(*args), "CG406")


def test_runaway_query_times_out_and_the_process_exits():
    started = time.monotonic()
    result = query(
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }", "--timeout", "0.5"
    )
    assert_clean_error(result, "CG405")
    assert time.monotonic() - started < 10


def test_unreadable_registry_is_exit_2(tmp_path):
    result = cli("query", "argument", "--registry", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


# --------------------------------------------------------------------------- queries


def test_queries_lists_names_and_titles():
    result = cli("queries", "--registry", str(FIXTURE))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) >= 10
    assert any(line.split()[0] == "secondary-only" and "secondary sources" in line for line in lines)


def test_queries_as_json_include_registry_queries(tmp_path):
    root = tmp_path / "reg"
    shutil.copytree(FIXTURE, root)
    (root / "queries").mkdir(exist_ok=True)
    (root / "queries" / "local.rq").write_text("# title: A local question\n# description: d.\nASK {}\n")
    data = json.loads(cli("queries", "--format", "json", "--registry", str(root)).stdout)
    local = next(q for q in data if q["name"] == "local")
    assert local["title"] == "A local question" and local["text"].endswith("ASK {}\n")
    assert cli("query", "local", "--registry", str(root)).stdout == "true\n"


# --------------------------------------------------------------------------- list claims


def test_list_claims_csv_for_spreadsheets():
    result = cli("list", "claims", "--registry", str(FIXTURE))
    assert result.returncode == 0, result.stderr
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert list(rows) == [
        "claim/frugal-trend",
        "claim/smaller-models",
        "claim/training-share",
        "claim/x-energy",
        "claim/x-energy-blog",
        "claim/x-over-y",
        "claim/y-energy",
    ]
    blog = rows["claim/x-energy-blog"]
    assert blog["statement_fr"] == "Le blog reprend 1 287 MWh pour le modèle X."
    assert blog["statement_en"] == "The blog repeats 1,287 MWh for model X."
    assert (blog["value"], blog["unit"], blog["measurand"]) == (
        "1287",
        "unit:MegaW-HR",
        "measurand/model-x-training-energy",
    )
    assert (blog["cites"], blog["cited_role"], blog["primary_source"], blog["status"]) == (
        "Blog2023",
        "secondary",
        "Doe2021",
        "verifiedPrimary",
    )
    share = rows["claim/training-share"]
    assert (share["value"], share["lower_bound"], share["upper_bound"]) == ("", "20", "40")
    assert rows["claim/x-energy"]["primary_source"] == "Doe2021"  # cited as primary
    assert rows["claim/smaller-models"]["value"] == ""


def test_list_claims_json_with_normalised_values():
    result = cli("list", "claims", "--format", "json", "--registry", str(FIXTURE))
    assert result.returncode == 0, result.stderr
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    energy = rows["claim/x-energy"]
    assert energy["value"] == 1.3 and energy["unit"] == "unit:GigaW-HR"
    from claimgraph.quantities import normalise

    number, unit = normalise(1.3, "http://qudt.org/vocab/unit/GigaW-HR")
    assert energy["normalised_value"] == pytest.approx(number)
    assert energy["normalised_unit"].split(":")[-1] == unit.rsplit("/", 1)[-1]


def test_list_claims_on_bundled_registry():
    result = cli("list", "claims", "--format", "json", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert isinstance(json.loads(result.stdout), list)


# --------------------------------------------------------------------------- help


@pytest.mark.parametrize("command", [("query",), ("queries",), ("list",), ("serve",)])
def test_help(command):
    result = cli(*command, "--help")
    assert result.returncode == 0
    assert "usage: claimgraph" in result.stdout


def test_every_format_the_command_line_offers_is_one_the_serialiser_writes():
    from claimgraph.sparql.defaults import FORMAT_NAMES
    from claimgraph.sparql.results import GRAPH_FORMATS, SOLUTION_FORMATS

    assert set(FORMAT_NAMES) == set(SOLUTION_FORMATS) | set(GRAPH_FORMATS)


def test_help_imports_neither_oxigraph_nor_rdflib():
    """`claimgraph --help` stays instant: building the parser must not import the engines."""
    probe = (
        "import sys\nfrom claimgraph.cli import build_parser\nbuild_parser()\n"
        "print(sorted(m for m in ('pyoxigraph', 'rdflib', 'importlib.metadata') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_version_is_the_installed_one():
    from importlib.metadata import version

    proc = subprocess.run([sys.executable, "-m", "claimgraph.cli", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout == f"claimgraph {version('claimgraph')}\n"


# --------------------------------------------------------------------------- XML cannot carry every character

BELL_COMMENT = '\n<claim/x-energy> <http://www.w3.org/2000/01/rdf-schema#comment> "bell\\u0007 here" .\n'


@pytest.fixture
def bell_registry(tmp_path):
    """The fixture with a literal holding U+0007, which XML 1.0 cannot carry (check reports it as CG121)."""
    root = tmp_path / "registry"
    shutil.copytree(FIXTURE, root)
    claims = next(path for path in sorted((root / "claims").glob("*.ttl")) if "\nclaim:x-energy\n" in path.read_text())
    claims.write_text(claims.read_text(encoding="utf-8") + BELL_COMMENT, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "fmt, text, words",
    [
        ("xml", "SELECT ?o WHERE { <claim/x-energy> rdfs:comment ?o }", "the value of ?o holds U+0007 BELL"),
        (
            "rdfxml",
            "CONSTRUCT { <claim/x-energy> rdfs:comment ?o } WHERE { <claim/x-energy> rdfs:comment ?o }",
            "a value of <http://www.w3.org/2000/01/rdf-schema#comment> holds U+0007 BELL",
        ),
        ("xml", "CONSTRUCT { ?s rdfs:comment ?o } WHERE { ?s rdfs:comment ?o }", "holds U+0007 BELL"),
    ],
)
def test_xml_that_cannot_carry_a_character_is_refused_not_written_ill_formed(bell_registry, fmt, text, words):
    result = cli("query", text, "--format", fmt, "--registry", str(bell_registry))
    assert_clean_error(result, "CG410")
    assert words in result.stderr and "XML 1.0 cannot carry" in result.stderr, result.stderr
    assert "carry it: ask for one of those" in result.stderr


def test_the_formats_that_carry_the_character_still_answer(bell_registry):
    text = "SELECT ?o WHERE { <claim/x-energy> rdfs:comment ?o }"
    result = cli("query", text, "--format", "json", "--registry", str(bell_registry))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["results"]["bindings"][0]["o"]["value"] == "bell\x07 here"
    result = cli("query", text.replace("rdfs:comment ?o", "rdfs:label ?o"), "--format", "xml", "-r", str(bell_registry))
    assert result.returncode == 0, result.stderr
    ET.fromstring(result.stdout)  # an answer without the character is XML as before, well-formed


# --------------------------------------------------------------------------- the note on what was not loaded


def test_a_finding_about_loaded_content_is_no_loading_note(bell_registry):
    """CG121 (a control character in a literal) is an error about what was loaded: every file is in the
    store, so the answer is whole and no "not loaded" note goes with it."""
    from claimgraph.registry import load

    registry = load(bell_registry)
    assert [f.code for f in registry.load_findings if f.severity.label == "error"] == ["CG121"]
    assert registry.data_left_out() == [] and registry.left_out_note() is None
    result = cli("query", "ASK { ?s ?p ?o }", "--registry", str(bell_registry))
    assert result.returncode == 0 and result.stdout == "true\n"
    assert "note" not in result.stderr and "not loaded" not in result.stderr, result.stderr


def test_files_left_out_are_named_in_the_note(bell_registry):
    (bell_registry / "claims" / "broken.ttl").write_text("<claim/broken> a cg:Claim\n", encoding="utf-8")
    (bell_registry / "claims" / "unreadable.ttl").write_bytes(b'<claim/x> <p> "\xff" .\n')
    result = cli("query", "ASK { ?s ?p ?o }", "--registry", str(bell_registry))
    assert result.returncode == 0 and result.stdout == "true\n"
    note = [line for line in result.stderr.splitlines() if line.startswith("claimgraph: note: ")]
    assert len(note) == 1, result.stderr
    assert "2 loading error(s): some files were not loaded" in note[0]
    assert "(claims/broken.ttl, claims/unreadable.ttl)" in note[0] and "run `claimgraph check`" in note[0]
