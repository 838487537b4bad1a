"""Every export round-trips: parsed again, it gives the same graph (or the same named graphs)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from claimgraph.export import NP, REGISTRY_PREFIXES, export, nanopub_dataset, write_rocrate
from claimgraph.registry import load

from .conftest import FIXTURES, PROJECT, description, run_cli

REGISTRIES = [FIXTURES / "valid", PROJECT]


@pytest.fixture(scope="module", params=REGISTRIES, ids=["valid-fixture", "bundled"])
def registry(request):
    return load(request.param)


@pytest.mark.parametrize("fmt,parser", [("turtle", "turtle"), ("jsonld", "json-ld"), ("nt", "nt")])
def test_graph_exports_round_trip(registry, fmt, parser):
    text = export(registry, fmt)
    parsed = Graph().parse(data=text, format=parser)
    assert isomorphic(parsed, registry.data_rdflib_graph())


def test_trig_round_trips_graph_by_graph(registry):
    parsed = Dataset()
    parsed.parse(data=export(registry, "trig"), format="trig")
    from claimgraph.rdf_convert import quads_to_rdflib

    names = {str(g.identifier) for g in parsed.graphs() if len(g)}
    assert names == {registry.data_graph_iri.value, registry.bib_graph_iri.value}
    for name in registry.data_graph_names():
        expected = quads_to_rdflib(registry.store.quads_for_pattern(None, None, None, name))
        assert len(expected) and isomorphic(parsed.graph(URIRef(name.value)), expected), name.value


def test_exports_are_deterministic(registry, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # the nanopubs' dcterms:created
    for fmt in ("turtle", "trig", "nt", "csv", "nanopub", "jsonld"):
        assert export(registry, fmt) == export(load(registry.root), fmt), fmt


def test_nanopub_round_trips_and_follows_the_schema(registry, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # dcterms:created is otherwise the clock's
    original = nanopub_dataset(registry)
    parsed = Dataset()
    parsed.parse(data=export(registry, "nanopub"), format="trig")
    original_graphs = {str(g.identifier): g for g in original.graphs() if len(g)}
    parsed_graphs = {str(g.identifier): g for g in parsed.graphs() if len(g)}
    assert set(original_graphs) == set(parsed_graphs)
    for name, graph in original_graphs.items():
        assert isomorphic(graph, parsed_graphs[name]), name

    claims = registry.select("SELECT DISTINCT ?c WHERE { ?c a/rdfs:subClassOf* cg:Claim . FILTER(isIRI(?c)) }")
    heads = [g for name, g in parsed_graphs.items() if name.endswith("/Head")]
    assert len(heads) == len(claims) > 0
    assert len(parsed_graphs) == 4 * len(claims)
    assertion_union = Graph()
    skolems = {}
    for head in heads:
        (np_iri,) = list(head.subjects(RDF.type, NP.Nanopublication))
        parts = [head.value(np_iri, p) for p in (NP.hasAssertion, NP.hasProvenance, NP.hasPublicationInfo)]
        assert all(str(p) in parsed_graphs for p in parts)
        assertion, provenance, pubinfo = (parsed_graphs[str(p)] for p in parts)
        assert len(assertion) and len(provenance) and len(pubinfo)
        assert (parts[0], None, None) in provenance  # provenance is about the assertion
        assert (np_iri, None, None) in pubinfo  # publication info is about the nanopub
        # blank nodes were skolemised into the nanopub's space (<np>_1, <np>_2…): undo it to compare
        for s, p, o in assertion:
            s, o = (skolems.setdefault(t, BNode()) if str(t).startswith(f"{np_iri}_") else t for t in (s, o))
            assertion_union.add((s, p, o))
    # every claim triple is in exactly the assertions
    data = registry.data_rdflib_graph(include_sources=False)
    claim_subjects = {URIRef(c["c"]) for c in claims}
    for s, p, o in data:
        if s in claim_subjects and not isinstance(o, BNode):
            assert (s, p, o) in assertion_union
    expected = Graph()
    for claim in claim_subjects:
        expected += description(data, claim)
    assert isomorphic(expected, assertion_union)


def test_jsonld_uses_the_generated_context(registry):
    from claimgraph.jsonld_context import context

    document = json.loads(export(registry, "jsonld"))
    for term, definition in context().items():
        assert document["@context"][term] == definition
    assert "measurand" not in REGISTRY_PREFIXES or document["@context"]["measurand"] == context()["measurand"]
    text = json.dumps(document)
    assert '"statement"' in text and '"cites"' in text


def test_csv_has_one_row_per_claim_with_its_values(registry):
    rows = list(csv.DictReader(io.StringIO(export(registry, "csv"))))
    claims = registry.select("""
        SELECT ?c ?status (SAMPLE(?v) AS ?value) WHERE {
          ?c a/rdfs:subClassOf* cg:Claim ; cg:status ?status .
          OPTIONAL { ?c cg:value/qudt:numericValue ?v } FILTER(isIRI(?c)) } GROUP BY ?c ?status""")
    base = registry.settings.base
    by_id = {r["claim"]: r for r in rows}
    assert len(rows) == len(by_id) == len(claims)
    for claim in claims:
        row = by_id[claim["c"][len(base):]]
        assert row["status"] == "status:" + claim["status"].rsplit("#", 1)[1]
        if claim["value"] is not None:
            assert float(row["value"]) == pytest.approx(claim["value"])


def test_rocrate_describes_a_release(tmp_path):
    registry = load(FIXTURES / "valid")
    out = tmp_path / "release"
    write_rocrate(registry, out, date="2025-01-01")
    metadata = json.loads((out / "ro-crate-metadata.json").read_text())
    assert metadata["@context"] == "https://w3id.org/ro/crate/1.1/context"
    entities = {e["@id"]: e for e in metadata["@graph"]}
    descriptor = entities["ro-crate-metadata.json"]
    assert descriptor["conformsTo"] == {"@id": "https://w3id.org/ro/crate/1.1"}
    assert descriptor["about"] == {"@id": "./"}
    root = entities["./"]
    assert root["@type"] == "Dataset"
    for key in ("name", "description", "datePublished", "license"):
        assert root[key], key
    parts = [p["@id"] for p in root["hasPart"]]
    for part in parts:
        assert (out / part).is_file(), part
        assert entities[part]["@type"] == "File"
    for expected in ("claims/energy.ttl", "bib/references.bib", "shapes/claimgraph-shapes.ttl", "check-report.json",
                     "registry.trig", "registry.jsonld", "context.jsonld", "nanopubs/model-training-energy.trig"):
        assert expected in parts, expected
    # one nanopublication per claim, each in a file of its own (the nanopub libraries read one per file)
    claims = registry.select("SELECT DISTINCT ?c WHERE { ?c a/rdfs:subClassOf* cg:Claim . FILTER(isIRI(?c)) }")
    assert len([p for p in parts if p.startswith("nanopubs/")]) == len(claims)
    report = json.loads((out / "check-report.json").read_text())
    assert report["tool"] == "claimgraph" and report["findings"] == []
    # the data in the crate round-trips to the registry
    parsed = Dataset()
    parsed.parse(out / "registry.trig", format="trig")
    union = Graph()
    for g in parsed.graphs():
        union += g
    assert isomorphic(union, registry.data_rdflib_graph())
    jsonld = Graph().parse(out / "registry.jsonld", format="json-ld")
    assert isomorphic(jsonld, registry.data_rdflib_graph())
    # an existing crate is not overwritten without --force
    result = run_cli("export", "-r", str(FIXTURES / "valid"), "--format", "rocrate", "--out", str(out))
    assert result.code == 2 and "--force" in result.err
    result = run_cli("export", "-r", str(FIXTURES / "valid"), "--format", "rocrate", "--out", str(out), "--force",
                     "--date", "2025-01-02")
    assert result.code == 0
    assert json.loads((out / "ro-crate-metadata.json").read_text())["@graph"][1]["datePublished"] == "2025-01-02"


def test_export_cli_writes_stdout_or_a_file(tmp_path):
    result = run_cli("export", "-r", str(FIXTURES / "valid"), "--format", "nt")
    assert result.code == 0 and result.out.count("\n") > 50 and result.err == ""
    target = tmp_path / "out" / "registry.ttl"
    result = run_cli("export", "-r", str(FIXTURES / "valid"), "--out", str(target))
    assert result.code == 0 and target.is_file() and result.out == ""
    assert run_cli("export", "-r", str(FIXTURES / "valid"), "--format", "rocrate").code == 2


def test_export_refuses_a_registry_that_did_not_load():
    result = run_cli("export", "-r", str(FIXTURES / "invalid" / "turtle-syntax"))
    assert result.code == 1 and "--allow-load-errors" in result.err
    assert run_cli("export", "-r", str(FIXTURES / "invalid" / "turtle-syntax"), "--allow-load-errors").code == 0


# ------------------------------------------------------------------ the JSON-LD context


def test_context_covers_every_term_of_the_vocabulary():
    from rdflib import OWL, RDFS

    from claimgraph.jsonld_context import VOCABULARY_FILE, context
    from claimgraph.namespaces import CG, PREFIXES

    ctx = context()
    vocabulary = Graph().parse(VOCABULARY_FILE, format="turtle")
    defined = {s for s in vocabulary.subjects() if isinstance(s, URIRef) and str(s).startswith(str(CG))
               and str(s) != str(CG)}
    assert defined
    for term in defined:
        local = str(term)[len(str(CG)):]
        assert local in ctx, f"{local} is not in the generated context"
        definition = ctx[local]
        iri = definition["@id"] if isinstance(definition, dict) else definition
        assert iri == f"cg:{local}"
        if (term, RDF.type, OWL.ObjectProperty) in vocabulary:
            assert definition["@type"] == "@id"
    for prefix, namespace in PREFIXES.items():
        if prefix in ctx and ctx[prefix] != str(namespace):
            assert ctx[prefix]["@id"] == f"cg:{prefix}"  # a term of the same name wins
        else:
            assert ctx[prefix] == str(namespace)
    assert RDFS  # imported for readers: ranges are read from rdfs:range


def test_context_expands_terms_to_the_vocabulary_iris():
    from claimgraph.jsonld_context import context

    doc = {"@context": context(), "@id": "https://example.org/c", "@type": "QuantitativeClaim",
           "cites": "https://example.org/source/X", "slide": 3}
    g = Graph().parse(data=json.dumps(doc), format="json-ld")
    cg = "https://w3id.org/claimgraph/ns#"
    assert (URIRef("https://example.org/c"), RDF.type, URIRef(cg + "QuantitativeClaim")) in g
    assert (URIRef("https://example.org/c"), URIRef(cg + "cites"), URIRef("https://example.org/source/X")) in g


# ------------------------------------------------------------------ hostile outputs (QA regressions)


def _tree(folder: Path) -> dict[str, bytes | None]:
    """Every file (with its bytes) and folder under ``folder``."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


@pytest.fixture
def bundled(tmp_path, monkeypatch):
    """A copy of the bundled registry beside a sibling folder, as the current folder."""
    work = tmp_path / "work"
    root = work / "registry"
    root.mkdir(parents=True)
    shutil.copy2(PROJECT / "claimgraph.toml", root)
    for name in ("claims", "bib", "queries"):
        shutil.copytree(PROJECT / name, root / name)
    (work / "sibling").mkdir()
    (work / "sibling" / "notes.txt").write_text("mine")
    (root / "link").symlink_to("claims", target_is_directory=True)
    monkeypatch.chdir(root)
    return work


@pytest.mark.parametrize("argv", [
    ("-f", "rocrate", "--out", ".", "--force"),
    ("-f", "rocrate", "--out", "claims", "--force"),
    ("-f", "rocrate", "--out", "..", "--force"),
    ("-f", "rocrate", "--out", "queries/crate"),
    ("-f", "rocrate", "--out", "link", "--force"),
    ("-f", "turtle", "--out", "claims/energy.ttl"),
    ("-f", "turtle", "--out", "link/energy.ttl"),
    ("-f", "csv", "--out", "claimgraph.toml"),
    ("-f", "nt", "--out", "bib/new.bib"),
    ("-f", "jsonld", "--out", "site/x.jsonld"),
    ("-f", "nt", "--out", "."),
], ids=lambda a: " ".join(a))
def test_export_refuses_to_write_onto_into_or_around_the_registry(bundled, argv):
    before = _tree(bundled)
    result = run_cli("export", *argv)
    assert result.code == 2 and "Traceback" not in result.err
    assert argv[3] in result.err and "choose another --out" in result.err, result.err
    assert _tree(bundled) == before


def test_export_reports_unwritable_outputs_without_a_traceback(bundled):
    before = _tree(bundled)
    result = run_cli("export", "-f", "turtle", "--out", "../sibling")
    assert result.code == 2 and "../sibling is a folder" in result.err
    if Path("/dev/full").exists():
        result = run_cli("export", "-f", "turtle", "--out", "/dev/full")
        assert result.code == 1 and "cannot write /dev/full" in result.err and "Traceback" not in result.err
    result = run_cli("export", "-f", "rocrate", "--out", "../sibling/notes.txt", "--force")
    assert result.code == 2 and "is not a folder" in result.err and "pass --force" not in result.err
    # --force replaces an earlier crate, never a folder someone else filled
    result = run_cli("export", "-f", "rocrate", "--out", "../sibling", "--force", "--date", "2025-01-01")
    assert result.code == 2 and "not a crate" in result.err
    assert _tree(bundled) == before


@pytest.mark.parametrize("date", ["notadate", "2025-13-45", '"><script>', "20250101", "2025-02-29"])
def test_rocrate_date_must_be_a_calendar_date(tmp_path, date):
    out = tmp_path / "crate"
    result = run_cli("export", "-r", str(FIXTURES / "valid"), "-f", "rocrate", "--out", str(out), "--date", date)
    assert result.code == 2 and "YYYY-MM-DD" in result.err and "Traceback" not in result.err
    assert not out.exists()


@pytest.mark.parametrize("epoch", ["abc", "99999999999999", "-1", "1e9"])
def test_rocrate_refuses_a_malformed_source_date_epoch(tmp_path, monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    out = tmp_path / "crate"
    result = run_cli("export", "-r", str(FIXTURES / "valid"), "-f", "rocrate", "--out", str(out))
    assert result.code == 2 and "SOURCE_DATE_EPOCH" in result.err and "Traceback" not in result.err
    assert not out.exists()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert run_cli("export", "-r", str(FIXTURES / "valid"), "-f", "rocrate", "--out", str(out)).code == 0
    assert json.loads((out / "ro-crate-metadata.json").read_text())["@graph"][1]["datePublished"] == "2023-11-14"


@pytest.fixture
def hostile_cells(copy_fixture):
    """The valid fixture with text a spreadsheet would run: a statement, a citation and a status."""
    root = copy_fixture("valid")
    derived = root / "claims" / "derived.ttl"
    text = derived.read_text(encoding="utf-8")
    old = '"Training model X consumed 1,287 MWh."@en'
    assert old in text
    derived.write_text(text.replace(old, '"=HYPERLINK(\\"http://evil.example\\",\\"x\\")"@en , "@SUM(1)"@de'),
                       encoding="utf-8")
    energy = root / "claims" / "energy.ttl"
    text = energy.read_text(encoding="utf-8")
    assert "cg:status status:verifiedPrimary" in text
    energy.write_text(text.replace("cg:status status:verifiedPrimary",
                                   "cg:status <https://w3id.org/claimgraph/status#=1+1>", 1)
                      .replace('cg:inTextCitation "', 'cg:inTextCitation "+', 1), encoding="utf-8")
    return load(root)


def _formulas(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row if cell[:1] in ("=", "+", "@", "\t", "\r")
            or (cell[:1] == "-" and not _is_number(cell))]


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_csv_export_cannot_run_as_formulas(hostile_cells):
    text = export(hostile_cells, "csv")
    assert _formulas(text) == []
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'=HYPERLINK(\"http://evil.example\",\"x\")" in cells and "'@SUM(1)" in cells
    rows = list(csv.DictReader(io.StringIO(text)))
    assert any(r["value"] == "1287" for r in rows)  # numbers stay numbers


def test_site_claims_csv_cannot_run_as_formulas(hostile_cells):
    from claimgraph.checks import run_checks
    from claimgraph.site.model import gather
    from claimgraph.site.rdf_views import claims_csv

    text = claims_csv(gather(hostile_cells, run_checks(hostile_cells)))
    assert _formulas(text) == []
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'=1+1" in cells and "'=HYPERLINK(\"http://evil.example\",\"x\")" in cells


def test_rocrate_names_author_and_publisher_from_the_settings(tmp_path):
    """roc-validator's recommended level asks for the root dataset's author and publisher."""
    out = tmp_path / "release"
    write_rocrate(load(PROJECT), out, date="2025-01-01")
    entities = {e["@id"]: e for e in json.loads((out / "ro-crate-metadata.json").read_text())["@graph"]}
    root = entities["./"]
    developers = "https://w3id.org/claimgraph"
    assert root["author"] == {"@id": developers} and root["publisher"] == {"@id": developers}
    assert entities[developers] == {"@id": developers, "@type": "Organization", "name": "The claimgraph developers",
                                    "url": developers}
