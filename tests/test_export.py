"""Every export round-trips term for term: parsed again, it gives the same statements (or the same
named graphs), compared as canonical N-Quads (RDFC-1.0, computed by pyoxigraph) rather than with
rdflib's ``isomorphic()``, which takes ``"007"^^xsd:integer`` and ``"7"^^xsd:integer`` for one term."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from claimgraph.export import NP, REGISTRY_PREFIXES, export, nanopub_dataset, write_rocrate
from claimgraph.registry import load

from .conftest import FIXTURES, PROJECT, description, run_cli
from .fixture_overlays import invalid_case

#: Absolute IRIs whose scheme is a term of the JSON-LD context (``cg:foo`` is not
#: ``https://w3id.org/claimgraph/ns#foo``), in every place of a statement: the JSON-LD export used to
#: read back as the term's expansion; each format must give them back as themselves.
SCHEME_CLASHES = """
@prefix cg: <https://w3id.org/claimgraph/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<cg:subject> a <unit:Type> , cg:Thing ; <cg:predicate> "x"^^<unit:datatype> , "y"^^<http://qudt.org/vocab/unit/KiloGM> ;
    rdfs:seeAlso <cg:foo> , <unit:KiloGM> , <status:x> , <measurand:m> , cg:bar ; cg:statement "s"@en .
<https://example.org/plain> <role:p> <cg:foo> ; rdfs:label "plain"@en ; rdfs:seeAlso [ <cg:p> "z"^^<cg:dt> ] .
"""


def _scheme_clashes_registry(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("scheme-clashes") / "registry"
    shutil.copytree(FIXTURES / "valid", root)
    (root / "claims" / "schemes.ttl").write_text(SCHEME_CLASHES, encoding="utf-8")
    return root


REGISTRIES = [FIXTURES / "valid", PROJECT, _scheme_clashes_registry]

#: pyoxigraph's parser for each export format; Turtle, N-Triples and JSON-LD hold one graph.
PARSERS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "trig": ox.RdfFormat.TRIG,
    "nanopub": ox.RdfFormat.TRIG,
}
ONE_GRAPH = ("turtle", "nt", "jsonld")


@pytest.fixture(scope="module", params=REGISTRIES, ids=["valid-fixture", "bundled", "scheme-clashes"])
def registry(request, tmp_path_factory):
    return load(request.param(tmp_path_factory) if callable(request.param) else request.param)


def canonical_nquads(quads, *, one_graph: bool = False) -> list[str]:
    """RDFC-1.0 canonical N-Quads lines of ``quads`` (in the default graph with ``one_graph``)."""
    if one_graph:
        quads = [ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads]
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(str(q) for q in dataset)


def registry_nquads(registry, *, one_graph: bool) -> list[str]:
    """The registry's statements as its store holds them (typed literals in the store's own forms)."""
    return canonical_nquads(registry.data_quads(), one_graph=one_graph)


def parsed_nquads(text: str, fmt: str) -> list[str]:
    return canonical_nquads(ox.parse(text, format=PARSERS[fmt]), one_graph=fmt in ONE_GRAPH)


def in_store_forms(text: str, fmt: str) -> list[str]:
    """An export read into an Oxigraph store, which rewrites typed literals into its own forms."""
    store = ox.Store()
    store.extend(ox.parse(text, format=PARSERS[fmt]))
    return canonical_nquads(store, one_graph=fmt in ONE_GRAPH)


GENERATED = ("https://w3id.org/claimgraph/ns#normalised",)


def authored_nquads(registry) -> list[str]:
    """What the registry's claim files say, read by pyoxigraph's parser (which keeps lexical forms)."""
    quads = []
    for rel in registry.claim_files:
        quads += ox.parse(path=str(registry.root / rel), format=ox.RdfFormat.TURTLE, base_iri=registry.settings.base)
    return canonical_nquads(quads, one_graph=True)


@pytest.mark.parametrize("fmt", ["turtle", "jsonld", "nt", "trig"])
def test_graph_exports_round_trip_term_for_term(registry, fmt):
    text = export(registry, fmt)
    # the same statements as the registry's store (compared where both are in the store's forms) ...
    assert in_store_forms(text, fmt) == registry_nquads(registry, one_graph=fmt in ONE_GRAPH)
    # ... and, leaving out the sources and what claimgraph generates, exactly what the files say
    claims_only = [
        q
        for q in ox.parse(export(registry, fmt, include_sources=False), format=PARSERS[fmt])
        if not q.predicate.value.startswith(GENERATED)
    ]
    assert canonical_nquads(claims_only, one_graph=True) == authored_nquads(registry)


@pytest.mark.parametrize("fmt,parser", [("turtle", "turtle"), ("jsonld", "json-ld"), ("nt", "nt")])
def test_graph_exports_read_in_rdflib(registry, fmt, parser):
    """rdflib reads every statement (it rewrites some lexical forms as it reads, so terms are compared above)."""
    text = export(registry, fmt)
    parsed = Graph().parse(data=text, format=parser)
    assert len(parsed) == len(parsed_nquads(text, fmt)) > 0


def test_trig_keeps_the_named_graphs(registry):
    parsed = Dataset()
    parsed.parse(data=export(registry, "trig"), format="trig")
    names = {str(g.identifier) for g in parsed.graphs() if len(g)}
    assert names == {registry.data_graph_iri.value, registry.bib_graph_iri.value}


def test_exports_are_deterministic(registry, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # the nanopubs' dcterms:created
    for fmt in ("turtle", "trig", "nt", "csv", "nanopub", "jsonld"):
        assert export(registry, fmt) == export(load(registry.root), fmt), fmt


def test_nanopub_round_trips_and_follows_the_schema(registry, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # dcterms:created is otherwise the clock's
    original = nanopub_dataset(registry)
    text = export(registry, "nanopub")
    # term for term, as canonical N-Quads: rdflib's isomorphic() would take "1.30" and "1.3" for one literal
    assert parsed_nquads(text, "nanopub") == canonical_nquads(
        ox.parse(original.serialize(format="nquads"), format=ox.RdfFormat.N_QUADS)
    )
    parsed = Dataset()
    parsed.parse(data=text, format="trig")
    parsed_graphs = {str(g.identifier): g for g in parsed.graphs() if len(g)}

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
    # the claims as the other exports write them, read by rdflib as it reads the nanopubs
    data = Graph().parse(data=export(registry, "nt", include_sources=False), format="nt")
    claim_subjects = {URIRef(c["c"]) for c in claims}
    for s, p, o in data:
        if s in claim_subjects and not isinstance(o, BNode):
            assert (s, p, o) in assertion_union
    expected = Graph()
    for claim in claim_subjects:
        expected += description(data, claim)
    assert isomorphic(expected, assertion_union)


# ------------------------------------------------------------------ literals, as written and as generated

#: Literals as an author may write them: each must come back character for character.
AUTHORED_LITERALS = """@prefix cg: <https://w3id.org/claimgraph/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/terms#> .

<thing/literals> ex:integer "007"^^xsd:integer ; ex:boolean "1"^^xsd:boolean ; ex:decimal 1.30 ;
    ex:double 1.287e+03 , "1287.0"^^xsd:double ; ex:signed +5 ;
    cg:slide "007"^^xsd:integer , "3"^^xsd:decimal , "no slide" , <https://example.org/slide> ;
    cg:lowerBound "1.30"^^xsd:decimal ; cg:identified "1"^^xsd:boolean ;
    cg:cites "a string where a link is expected" ;
    ex:text "a \\"quoted\\" <b> _:b1 text\\nover two lines\\t\\u0001" , "colour"@en-GB , ""@fr , "" ;
    ex:nested [ ex:inner [ ex:deep "007"^^xsd:integer ] ] .
"""

AUTHORED_LEXICAL_FORMS = ("007", "1", "1.30", "1.287e+03", "1287.0", "+5", "3", "no slide")


@pytest.fixture(scope="module")
def authored(tmp_path_factory):
    root = tmp_path_factory.mktemp("authored") / "valid"
    shutil.copytree(FIXTURES / "valid", root)
    (root / "claims" / "literals.ttl").write_text(AUTHORED_LITERALS, encoding="utf-8")
    return load(root)


@pytest.mark.parametrize("fmt", ["turtle", "jsonld", "nt", "trig"])
def test_exports_keep_authored_literals_exactly(authored, fmt):
    """A regression: `"007"^^xsd:integer` came back as `7` and `"1"^^xsd:boolean` as `true`."""
    text = export(authored, fmt)
    assert in_store_forms(text, fmt) == registry_nquads(authored, one_graph=fmt in ONE_GRAPH)
    claims_only = [
        q
        for q in ox.parse(export(authored, fmt, include_sources=False), format=PARSERS[fmt])
        if not q.predicate.value.startswith(GENERATED)
    ]
    assert canonical_nquads(claims_only, one_graph=True) == authored_nquads(authored)
    lexical = {str(q.object.value) for q in ox.parse(text, format=PARSERS[fmt]) if isinstance(q.object, ox.Literal)}
    for form in AUTHORED_LEXICAL_FORMS:
        assert form in lexical, (fmt, form)
    assert "7" not in lexical and "true" not in lexical


def test_nanopub_keeps_authored_literals_exactly(copy_fixture):
    root = copy_fixture("valid")
    path = root / "claims" / "energy.ttl"
    text = path.read_text(encoding="utf-8")
    assert "cg:slide 3 ;" in text
    path.write_text(
        text.replace("cg:slide 3 ;", 'cg:slide "003"^^<http://www.w3.org/2001/XMLSchema#integer> ;', 1),
        encoding="utf-8",
    )
    exported = export(load(root), "nanopub")
    slides = [
        q.object.value for q in ox.parse(exported, format=ox.RdfFormat.TRIG) if q.predicate.value.endswith("#slide")
    ]
    assert sorted(slides) == ["003", "5"]


#: XSD 1.1 canonical xsd:double: one non-zero digit before the point, digits after, "E", an exponent.
CANONICAL_DOUBLE = re.compile(r"-?(0\.0E0|[1-9]\.[0-9]+E(0|-?[1-9][0-9]*))|INF|-INF|NaN")


def _normalised_values(quads) -> dict[tuple[str, str], str]:
    """(subject's claim or quote, predicate) -> lexical form of every cg:normalised* literal."""
    out = {}
    for q in quads:
        if q.predicate.value.startswith("https://w3id.org/claimgraph/ns#normalised") and isinstance(
            q.object, ox.Literal
        ):
            out.setdefault(q.predicate.value, set()).add(q.object.value)
    return out


def test_generated_doubles_are_canonical_and_the_same_in_every_format(tmp_path):
    """It was `1.287e+03` in Turtle/TriG and `"1287.0"` in JSON-LD; now XSD's `1.287E3` everywhere."""
    registry = load(FIXTURES / "valid")
    written = [
        q
        for q in ox.parse(export(registry, "nt"), format=ox.RdfFormat.N_TRIPLES)
        if q.predicate.value.endswith("#normalisedValue")
    ]
    assert written and all(q.object.datatype.value.endswith("#double") for q in written)
    assert all(CANONICAL_DOUBLE.fullmatch(q.object.value) for q in written), [q.object.value for q in written]
    assert "1.287E3" in {q.object.value for q in written}  # 1287 MWh in MWh
    expected = _normalised_values(written)
    for fmt in ("turtle", "jsonld", "nt", "trig", "nanopub"):
        assert _normalised_values(ox.parse(export(registry, fmt), format=PARSERS[fmt])) == expected, fmt
    write_rocrate(registry, tmp_path / "crate", date="2025-01-01")
    for name, parser in (("registry.trig", ox.RdfFormat.TRIG), ("registry.jsonld", ox.RdfFormat.JSON_LD)):
        quads = ox.parse(path=str(tmp_path / "crate" / name), format=parser)
        assert _normalised_values(quads) == expected, name
    nanopubs = [
        q
        for path in sorted((tmp_path / "crate" / "nanopubs").glob("*.trig"))
        for q in ox.parse(path=str(path), format=ox.RdfFormat.TRIG)
    ]
    assert _normalised_values(nanopubs) == expected


@pytest.mark.parametrize(
    "value,lexical",
    [
        (1287.0, "1.287E3"),
        (0.5, "5.0E-1"),
        (1.0, "1.0E0"),
        (-2.5e-7, "-2.5E-7"),
        (1e22, "1.0E22"),
        (0.0, "0.0E0"),
        (-0.0, "-0.0E0"),
        (123456789.123, "1.23456789123E8"),
        (5e-324, "5.0E-324"),
        (float("inf"), "INF"),
        (float("-inf"), "-INF"),
        (float("nan"), "NaN"),
    ],
)
def test_canonical_double_follows_xsd(value, lexical):
    from claimgraph.xsd_lexical import canonical_double

    assert canonical_double(value) == lexical
    assert value != value or float(lexical.replace("INF", "inf")) == value


def test_blank_node_labels_of_other_claims_survive_an_added_claim(copy_fixture):
    """Labels come from a node's content and place, so a new claim does not relabel the others (diffs stay small)."""
    root = copy_fixture("valid")
    before = export(load(root), "nt")
    with open(root / "claims" / "energy.ttl", "a", encoding="utf-8") as handle:
        handle.write(
            "\nclaim:added a cg:QuantitativeClaim ; cg:value [ qudt:numericValue 2 ; qudt:unit unit:MegaW-HR ] .\n"
        )
    after = export(load(root), "nt")
    assert set(before.splitlines()) < set(after.splitlines())


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
    by_id = {r["id"]: r for r in rows}
    assert len(rows) == len(by_id) == len(claims)
    for claim in claims:
        row = by_id[claim["c"][len(base) :]]
        assert row["status"] == claim["status"].rsplit("#", 1)[1]  # the status's one spelling: verifiedPrimary
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
    for expected in (
        "claims/energy.ttl",
        "bib/references.bib",
        "vocabulary/claimgraph-shapes.ttl",
        "check-report.json",
        "registry.trig",
        "registry.jsonld",
        "context.jsonld",
        "nanopubs/model-training-energy.trig",
    ):
        assert expected in parts, expected
    # one nanopublication per claim, each in a file of its own (the nanopub libraries read one per file)
    claims = registry.select("SELECT DISTINCT ?c WHERE { ?c a/rdfs:subClassOf* cg:Claim . FILTER(isIRI(?c)) }")
    assert len([p for p in parts if p.startswith("nanopubs/")]) == len(claims)
    report = json.loads((out / "check-report.json").read_text())
    assert report["tool"] == "claimgraph" and report["findings"] == []
    # the data in the crate round-trips to the registry, term for term
    assert in_store_forms((out / "registry.trig").read_text(), "trig") == registry_nquads(registry, one_graph=False)
    assert in_store_forms((out / "registry.jsonld").read_text(), "jsonld") == registry_nquads(registry, one_graph=True)
    # an existing crate is not overwritten without --force
    result = run_cli("export", "-r", str(FIXTURES / "valid"), "--format", "rocrate", "--out", str(out))
    assert result.code == 2 and "--force" in result.err
    result = run_cli(
        "export",
        "-r",
        str(FIXTURES / "valid"),
        "--format",
        "rocrate",
        "--out",
        str(out),
        "--force",
        "--date",
        "2025-01-02",
    )
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
    result = run_cli("export", "-r", str(invalid_case("turtle-syntax")))
    assert result.code == 1 and "--allow-load-errors" in result.err
    assert run_cli("export", "-r", str(invalid_case("turtle-syntax")), "--allow-load-errors").code == 0


# ------------------------------------------------------------------ the JSON-LD context


def test_context_covers_every_term_of_the_vocabulary():
    from rdflib import OWL, RDFS

    from claimgraph.jsonld_context import VOCABULARY_FILE, context
    from claimgraph.namespaces import CG, PREFIXES

    ctx = context()
    vocabulary = Graph().parse(VOCABULARY_FILE, format="turtle")
    defined = {
        s for s in vocabulary.subjects() if isinstance(s, URIRef) and str(s).startswith(str(CG)) and str(s) != str(CG)
    }
    assert defined
    for term in defined:
        local = str(term)[len(str(CG)) :]
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

    doc = {
        "@context": context(),
        "@id": "https://example.org/c",
        "@type": "QuantitativeClaim",
        "cites": "https://example.org/source/X",
        "slide": 3,
    }
    g = Graph().parse(data=json.dumps(doc), format="json-ld")
    cg = "https://w3id.org/claimgraph/ns#"
    assert (URIRef("https://example.org/c"), RDF.type, URIRef(cg + "QuantitativeClaim")) in g
    assert (URIRef("https://example.org/c"), URIRef(cg + "cites"), URIRef("https://example.org/source/X")) in g


# ------------------------------------------------------------------ hostile outputs (QA regressions)


def _tree(folder: Path) -> dict[str, bytes | None]:
    """Every file (with its bytes) and folder under ``folder``."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None) for p in sorted(folder.rglob("*"))
    }


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


@pytest.mark.parametrize(
    "argv",
    [
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
    ],
    ids=lambda a: " ".join(a),
)
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
    derived.write_text(
        text.replace(old, '"=HYPERLINK(\\"http://evil.example\\",\\"x\\")"@en , "@SUM(1)"@de'), encoding="utf-8"
    )
    energy = root / "claims" / "energy.ttl"
    text = energy.read_text(encoding="utf-8")
    assert "cg:status status:verifiedPrimary" in text
    energy.write_text(
        text.replace(
            "cg:status status:verifiedPrimary", "cg:status <https://w3id.org/claimgraph/status#=1+1>", 1
        ).replace('cg:inTextCitation "', 'cg:inTextCitation "+', 1),
        encoding="utf-8",
    )
    return load(root)


def _formulas(text: str) -> list[str]:
    return [
        cell
        for row in csv.reader(io.StringIO(text))
        for cell in row
        if cell[:1] in ("=", "+", "@", "\t", "\r") or (cell[:1] == "-" and not _is_number(cell))
    ]


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
    assert '\'=HYPERLINK("http://evil.example","x")' in cells and "'@SUM(1)" in cells
    rows = list(csv.DictReader(io.StringIO(text)))
    assert any(r["value"] == "1287" for r in rows)  # numbers stay numbers


def test_site_claims_csv_cannot_run_as_formulas(hostile_cells):
    from claimgraph.checks import run_checks
    from claimgraph.site.model import gather
    from claimgraph.site.rdf_views import claims_csv

    text = claims_csv(gather(hostile_cells, run_checks(hostile_cells)))
    assert _formulas(text) == []
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'=1+1" in cells and '\'=HYPERLINK("http://evil.example","x")' in cells


def test_statements_the_store_holds_beyond_the_files_are_exported(authored):
    """A step after loading may add statements of its own (the normalised values are one): they are kept."""
    registry = load(authored.root)
    extra = ox.Quad(
        ox.NamedNode(registry.settings.base + "thing/literals"),
        ox.NamedNode("https://example.org/terms#added"),
        ox.Literal("2.50", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
        registry.data_graph_iri,
    )
    registry.store.add(extra)
    written = {
        (q.predicate.value, q.object.value) for q in ox.parse(export(registry, "nt"), format=ox.RdfFormat.N_TRIPLES)
    }
    assert ("https://example.org/terms#added", "2.5") in written  # in the store's form: the store is all that holds it
    assert ("https://example.org/terms#integer", "007") in written  # and the files' literals as written


def test_a_double_written_by_an_author_stays_as_written(copy_fixture):
    root = copy_fixture("valid")
    with open(root / "claims" / "energy.ttl", "a", encoding="utf-8") as handle:
        handle.write('\nclaim:model-training-energy rdfs:comment "1287"^^<http://www.w3.org/2001/XMLSchema#double> .\n')
    written = [
        q.object.value
        for q in ox.parse(export(load(root), "nt"), format=ox.RdfFormat.N_TRIPLES)
        if q.predicate.value.endswith("#comment")
    ]
    assert written == ["1287"]


def test_exports_never_canonicalise_the_whole_graph(tmp_path):
    """rdflib.compare's canonicalisation (via `longturtle`) made exports superlinear; none is used now
    (the nanopubs number their blank nodes in the order of the export's stable labels)."""
    import subprocess
    import sys

    script = (
        "import sys\nfrom claimgraph.cli import main\n"
        f"for fmt in ('turtle', 'trig', 'jsonld', 'nt', 'csv', 'nanopub'):\n"
        f"    assert main(['export', '-r', {str(FIXTURES / 'valid')!r}, '-f', fmt, '-o', {str(tmp_path)!r} + '/' + fmt]) == 0\n"
        f"assert main(['export', '-r', {str(FIXTURES / 'valid')!r}, '-f', 'rocrate', '-o', {str(tmp_path / 'c')!r},"
        " '--date', '2025-01-01']) == 0\n"
        "print(sorted(m for m in sys.modules if m.startswith('rdflib.compare') or 'longturtle' in m))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"


def test_a_statement_added_on_a_blank_node_keeps_the_authored_literals(authored):
    """A later step hanging a statement of its own on a value node must not cost the files' lexical forms."""
    registry = load(authored.root)
    deep = next(q.subject for q in registry.data_quads() if q.predicate.value == "https://example.org/terms#deep")
    registry.store.add(
        ox.Quad(deep, ox.NamedNode("https://example.org/terms#computed"), ox.Literal("x"), registry.data_graph_iri)
    )
    written = ox.parse(export(registry, "nt"), format=ox.RdfFormat.N_TRIPLES)
    pairs = {(q.predicate.value, q.object.value) for q in written}
    assert ("https://example.org/terms#computed", "x") in pairs and ("https://example.org/terms#deep", "007") in pairs
    # and it hangs on the same node as the authored statement
    subjects = {q.predicate.value: q.subject for q in ox.parse(export(registry, "nt"), format=ox.RdfFormat.N_TRIPLES)}
    assert subjects["https://example.org/terms#computed"] == subjects["https://example.org/terms#deep"]


def test_rocrate_names_author_and_publisher_from_the_settings(tmp_path):
    """roc-validator's recommended level asks for the root dataset's author and publisher."""
    out = tmp_path / "release"
    write_rocrate(load(PROJECT), out, date="2025-01-01")
    entities = {e["@id"]: e for e in json.loads((out / "ro-crate-metadata.json").read_text())["@graph"]}
    root = entities["./"]
    developers = "https://w3id.org/claimgraph"
    assert root["author"] == {"@id": developers} and root["publisher"] == {"@id": developers}
    assert entities[developers] == {
        "@id": developers,
        "@type": "Organization",
        "name": "The claimgraph developers",
        "url": developers,
    }


# ------------------------------------------------------------------ the store's statements taken as the files'


def _synthetic(tmp_path) -> Path:
    import sys

    sys.path.insert(0, str(PROJECT / "benchmarks"))
    try:
        from synthetic import generate
    finally:
        sys.path.pop(0)
    return generate(60, tmp_path / "synthetic")


def _every_file_read_again(registry) -> list:
    """The claims graph as the exports once made it, the reference the rows must equal: every claim file
    parsed again (literals as written), its blank nodes matched to the store's by what they say and
    where they hang, plus what the store holds beyond the files (the generated statements). Twin blank
    nodes (saying the same at the same place) are taken for one: no registry here holds any."""
    from claimgraph import rdf_writer
    from claimgraph.export_data import canonical_doubles
    from claimgraph.registry import GENERATED_PREDICATES

    stored = rdf_writer.store_rows(registry.store, [registry.data_graph_iri])
    graph = f"<{registry.data_graph_iri.value}>"
    authored = []
    for parsed in registry.turtle.values():
        authored += rdf_writer.parsed_rows(parsed.text, registry.settings.base, graph)
    authored = list(dict.fromkeys(authored))
    forms = rdf_writer.store_forms(o for _, _, o, _ in authored if o[0] == '"' and o[-1] == ">")
    generated = {f"<{p}>" for p in GENERATED_PREDICATES}
    spoken = {p for _, p, _, _ in authored} - generated
    authored_view = list(dict.fromkeys((s, p, forms.get(o, o), g) for s, p, o, g in authored if p not in generated))
    by_signature = {signature: node for node, signature in rdf_writer.blank_signatures(authored_view).items()}
    theirs = rdf_writer.blank_signatures(list(dict.fromkeys(row for row in stored if row[1] in spoken)))
    said = set(authored_view)

    def mapped(term: str) -> str:
        return by_signature[theirs[term]] if term[0] == "_" else term

    beyond = [row for s, p, o, g in stored if (row := (mapped(s), p, mapped(o), g))[1] in generated or row not in said]
    return authored + canonical_doubles(beyond)


@pytest.mark.parametrize("name", ["valid", "hostile", "sparql", "synthetic"])
def test_files_without_rewritten_literals_export_as_read_again(name, tmp_path):
    """Where the loader met no number the store rewrites and no ``^^``, the export takes the store's
    statements without parsing the files again: they must be what parsing them again gives."""
    from claimgraph import rdf_writer
    from claimgraph.export_data import _claim_file_rows

    registry = load(_synthetic(tmp_path) if name == "synthetic" else FIXTURES / name)
    assert not any(p.rewritten_numeral or "^^" in p.text for p in registry.turtle.values())
    assert rdf_writer.prepared(_claim_file_rows(registry)) == rdf_writer.prepared(_every_file_read_again(registry))


XSD_IRI = "http://www.w3.org/2001/XMLSchema#"

#: Literals the store rewrites, written into one file of a registry: each a case the rows must get right
#: without reading the other files again (``<claim>``: a claim of that file; ``<shared>``: a subject
#: another file speaks of too).
REWRITTEN = [
    # a number on a blank node, on which the loader hangs the normalised value
    "<claim> cg:value [ qudt:numericValue 103.0 ; qudt:unit <http://qudt.org/vocab/unit/KiloW-HR> ] .",
    f'<claim> cg:weight "007"^^<{XSD_IRI}integer> ; cg:reviewed "1"^^<{XSD_IRI}boolean> .',
    f'<claim> cg:retrieved "2020-01-01T00:00:00.000Z"^^<{XSD_IRI}dateTime> ; cg:scale 8.11e2 , "1287"^^<{XSD_IRI}double> .',
    "<claim> cg:nested [ cg:inner [ cg:deep 1.50 ] ] , [ cg:inner [ cg:deep 2.50 ] ] .",
    "<shared> cg:share 1.30 , 1.3 .",  # one value written two ways: both statements are the file's
    f'<shared> cg:weight "007"^^<{XSD_IRI}integer> .',
]
#: A file of its own whose only literals the store rewrites are typed ones of no number type, on a blank node.
TYPED_ONLY = (
    f'<shared> cg:flags [ cg:reviewed "0"^^<{XSD_IRI}boolean> ; '
    f'cg:retrieved "2021-06-01T12:00:00.500Z"^^<{XSD_IRI}dateTime> ; cg:lasted "P1Y12M"^^<{XSD_IRI}duration> ] .'
)
#: Said in another file, one with nothing to rewrite, in the store's form: that file's statements stay.
SAID_ELSEWHERE = "<shared> cg:share 1.3 ; cg:weight 7 ."


def _with_rewritten_literals(root: Path) -> tuple[Path, str]:
    """``root`` with :data:`REWRITTEN` added to the first claim file defining a claim and
    :data:`SAID_ELSEWHERE` to the last other one (a new file when there is none), :data:`TYPED_ONLY` to a
    file of its own; the name of :data:`SAID_ELSEWHERE`'s file."""
    registry = load(root)
    files = sorted(registry.claim_files)
    rel, claim = next((rel, s) for rel in files for s in registry.turtle[rel].blocks if "/claim/" in s)
    shared = registry.settings.base + "thing/shared"
    prefixes = "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n@prefix qudt: <http://qudt.org/schema/qudt/> .\n"

    def placed(text: str) -> str:
        return text.replace("<claim>", f"<{claim}>").replace("<shared>", f"<{shared}>")

    with open(root / rel, "a", encoding="utf-8") as handle:
        handle.write("\n" + prefixes + "\n".join(map(placed, REWRITTEN)) + "\n")
    elsewhere = ([other for other in files if other != rel] or ["claims/elsewhere.ttl"])[-1]
    with open(root / elsewhere, "a", encoding="utf-8") as handle:
        handle.write("\n" + prefixes + placed(SAID_ELSEWHERE) + "\n")
    (root / "claims" / "typed-only.ttl").write_text(prefixes + placed(TYPED_ONLY) + "\n", encoding="utf-8")
    return root, elsewhere


@pytest.mark.parametrize("name", ["valid", "numbers-valid", "synthetic", "ml-training-energy", "bundled"])
def test_rewritten_literals_read_from_their_files_only_equal_every_file_read_again(name, tmp_path, monkeypatch):
    """The files holding a literal the store rewrites give their statements as the loader parsed them; no
    other file is read again but the one saying a statement of theirs in the store's form. The rows are
    what reading every file again gives, term for term (blank nodes by their stable labels)."""
    from claimgraph import rdf_writer
    from claimgraph.export_data import _claim_file_rows

    if name == "synthetic":
        root = _synthetic(tmp_path)
    else:
        source = {"ml-training-energy": PROJECT / "examples" / name, "bundled": PROJECT}.get(name, FIXTURES / name)
        root = tmp_path / "registry"
        shutil.copytree(
            source,
            root,
            ignore=shutil.ignore_patterns("site*", ".venv", "node_modules", ".git", "src", "tests", "docs"),
        )
    root, elsewhere = _with_rewritten_literals(root)
    registry = load(root)
    assert [f for f in registry.load_findings if f.severity.name == "ERROR"] == []
    read_again: list[str] = []
    parse = rdf_writer.parsed_rows
    monkeypatch.setattr(rdf_writer, "parsed_rows", lambda text, *args: read_again.append(text) or parse(text, *args))
    rows = _claim_file_rows(registry)
    monkeypatch.undo()
    assert read_again == [registry.turtle[elsewhere].text]
    assert rdf_writer.prepared(rows) == rdf_writer.prepared(_every_file_read_again(registry))
    lexical = {o for _, _, o, _ in rows}
    for form in (
        '"103.0"',
        '"007"',
        '"1"^^',
        '"1.30"',
        '"1.3"^^',
        '"8.11e2"',
        '"1287"^^',
        '"1.50"',
        ".000Z",
        '"0"^^',
        '.500Z"',
        '"P1Y12M"',
    ):
        assert any(literal.startswith(form) or form in literal for literal in lexical), form
    # the same rows from a registry whose files' readings were remembered (the cache's own parse)
    load(root, remember_readings=True)
    again = load(root, remember_readings=True)
    assert rdf_writer.prepared(_claim_file_rows(again)) == rdf_writer.prepared(rows)


def test_twin_value_nodes_with_rewritten_numbers_each_keep_their_normalised_value(copy_fixture):
    """Two value nodes saying the same (``1.30`` kWh twice) are two nodes: each keeps the normalised value
    the loader hung on it. (Matching blank nodes by what they say, as the exports once did, took the
    twins for one node and dropped one of the two normalised values.)"""
    root = copy_fixture("valid")
    value = "[ qudt:numericValue 1.30 ; qudt:unit unit:KiloW-HR ]"
    (root / "claims" / "twins.ttl").write_text(
        "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n@prefix qudt: <http://qudt.org/schema/qudt/> .\n"
        f"@prefix unit: <http://qudt.org/vocab/unit/> .\n<thing/twins> cg:value {value} , {value} .\n",
        encoding="utf-8",
    )
    quads = list(ox.parse(export(load(root), "nt"), format=ox.RdfFormat.N_TRIPLES))
    twins = {q.object for q in quads if q.subject.value.endswith("thing/twins")}
    normalised = [q.object.value for q in quads if q.subject in twins and q.predicate.value.endswith("normalisedValue")]
    written = [q.object.value for q in quads if q.subject in twins and q.predicate.value.endswith("numericValue")]
    assert len(twins) == 2 and written == ["1.30", "1.30"] and normalised == ["1.3E-3", "1.3E-3"]


#: Numerals the loader finds the store keeps as written (no rewritten_numeral): the store must agree.
CANONICAL_NUMERALS = ["0", "42", "-42", "1.5", "-0.5", "0.25", "9223372036854775808", "0.1234567890123456789012"]


@pytest.mark.parametrize("numeral", CANONICAL_NUMERALS + ["true", "false"])
def test_numerals_the_loader_leaves_alone_are_kept_by_the_store(numeral):
    from claimgraph import rdf_writer
    from claimgraph.loading.turtle import index_turtle

    text = f"<https://example.org/a> <https://example.org/p> {numeral} .\n"
    assert not index_turtle(text, "https://example.org/").rewritten_numeral
    (written,) = [o for _, _, o, _ in rdf_writer.parsed_rows(text, "https://example.org/", "")]
    assert rdf_writer.store_forms([written]) == {written: written}


def test_every_format_at_once_writes_what_each_writer_writes(registry):
    """The site's downloads write the four formats in one go (each statement formatted once for Turtle and
    TriG): byte for byte what each writer writes of the same labelled, sorted rows."""
    from claimgraph import rdf_writer
    from claimgraph.export_data import data_rows, prefixes
    from claimgraph.export import jsonld_context

    rows, table, context = rdf_writer.prepared(data_rows(registry)), prefixes(registry), jsonld_context(registry)
    flat = rdf_writer.merged(rows)
    texts = rdf_writer.every_format(rows, table, context)
    assert texts["trig"] == rdf_writer.trig(rows, table, ready=True) == export(registry, "trig")
    assert texts["turtle"] == rdf_writer.turtle(flat, table, ready=True)
    assert texts["nt"] == rdf_writer.ntriples(flat, ready=True)
    assert texts["jsonld"] == rdf_writer.jsonld(flat, context, ready=True)


def test_every_format_with_a_subject_in_two_graphs():
    """A subject in two graphs (a statement in both, too): the Turtle is no longer the TriG without braces."""
    from claimgraph import rdf_writer

    a, b = "<https://example.org/graph/a>", "<https://example.org/graph/b>"
    rows = [
        ("<https://example.org/x>", "<https://example.org/p>", '"1"', a),
        ("<https://example.org/x>", "<https://example.org/p>", '"1"', b),
        ("<https://example.org/x>", "<https://example.org/q>", "_:n", b),
        ("_:n", "<https://example.org/p>", '"two\\nlines"@en', b),
        ("<https://example.org/y>", "<https://example.org/p>", "<https://example.org/x>", a),
    ]
    table = {"ex": "https://example.org/", "g": "https://example.org/graph/"}
    ready = rdf_writer.prepared(rows)
    flat = rdf_writer.merged(ready)
    texts = rdf_writer.every_format(ready, table, {"ex": "https://example.org/"})
    assert texts["turtle"] == rdf_writer.turtle(flat, table, ready=True)
    assert texts["trig"] == rdf_writer.trig(rows, table)
    assert texts["nt"] == rdf_writer.ntriples(flat, ready=True)
    assert texts["jsonld"] == rdf_writer.jsonld(flat, {"ex": "https://example.org/"}, ready=True)
    assert texts["turtle"].count('"1"') == 1 and texts["trig"].count('"1"') == 2
    assert '"two\\nlines"@en' in texts["turtle"]


def test_jsonld_gathers_a_subjects_statements_from_every_graph():
    """A subject's node object holds its statements of every graph, a key's values together, in the order
    they come (the writer writes rows as they come where they come together, and gathers them otherwise)."""
    from claimgraph import rdf_writer

    x, y, p, q = (
        "<https://example.org/x>",
        "<https://example.org/y>",
        "<https://example.org/p>",
        "<https://example.org/q>",
    )
    a, b = "<https://example.org/graph/a>", "<https://example.org/graph/b>"
    context = {"ex": "https://example.org/"}
    rows = [
        (x, p, '"1"', a),
        (x, q, '"2"', a),
        (y, p, x, a),
        (x, p, '"3"', b),
        (x, q, '"007"^^<https://example.org/t>', b),
    ]
    expected = [
        {"@id": "ex:x", "ex:p": ["1", "3"], "ex:q": ["2", {"@value": "007", "@type": "ex:t"}]},
        {"@id": "ex:y", "ex:p": [{"@id": "ex:x"}]},
    ]
    for ordered in (rows, rows[:2] + rows[3:] + rows[2:3]):  # x's statements apart, then together
        text = rdf_writer.jsonld(ordered, context, ready=True)
        assert json.loads(text)["@graph"] == expected
        assert text.endswith('"ex:p":[{"@id":"ex:x"}]}\n]}\n') or text.endswith('"@type":"ex:t"}]}\n]}\n')


def test_the_sites_graph_downloads_are_the_exports_byte_for_byte(registry, tmp_path):
    """What the site offers for download is what ``claimgraph export`` writes: one labelling of the blank
    nodes and one order for every format (labels worked out before the graphs are merged; they once were
    worked out after merging for the export's Turtle, N-Triples and JSON-LD, so the same node had two labels)."""
    from claimgraph.site.rdf_views import write_graph_downloads

    write_graph_downloads(registry, tmp_path)
    for fmt, name in (
        ("turtle", "registry.ttl"),
        ("trig", "registry.trig"),
        ("nt", "registry.nt"),
        ("jsonld", "registry.jsonld"),
    ):
        assert (tmp_path / name).read_text(encoding="utf-8") == export(registry, fmt), name
    # the registries here hold blank nodes (claims' values and quotes): the comparison sees their labels
    assert "_:b" in (tmp_path / "registry.nt").read_text(encoding="utf-8")


def test_typed_literals_the_store_keeps_go_in_as_text_and_export_as_written(tmp_path):
    """A file whose typed literals the store keeps as written (``"100"^^xsd:decimal``, a date) goes into the
    store as its text, not as the loader's parse (filling the store from Python objects cost a registry typed
    throughout a tenth of a check); one holding a typed literal the store rewrites (``"1"^^xsd:boolean``), or
    a double (whose store form the exports make canonical), goes in as parsed. Either way the export gives
    what reading every file again gives."""
    from claimgraph import rdf_writer
    from claimgraph.export_data import _claim_file_rows
    from claimgraph.loading.turtle import loads_as_parsed

    root = _synthetic(tmp_path)
    claims = root / "claims"
    kept, rewritten, double = claims / "claims-0000.ttl", claims / "argument.ttl", claims / "measurands.ttl"
    header = "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    text = re.sub(r"qudt:numericValue (\d+) ;", r'qudt:numericValue "\1"^^xsd:decimal ;', kept.read_text())
    kept.write_text(header + text + '\nclaim:c0 rdfs:comment "2024-01-01"^^xsd:date .\n', encoding="utf-8")
    for path, literal in ((rewritten, '"1"^^xsd:boolean'), (double, '"1287"^^xsd:double')):
        text = path.read_text(encoding="utf-8")
        subject = re.search(r"^(\w+:\S+)\n\s+a ", text, re.M).group(1)  # one the file defines
        path.write_text(f"{header}{text}\n{subject} rdfs:comment {literal} .\n", encoding="utf-8")
    registry = load(root)
    as_parsed = {rel for rel, parsed in registry.turtle.items() if loads_as_parsed(parsed)}
    rel = {path: path.relative_to(root).as_posix() for path in (kept, rewritten, double)}
    assert rel[kept] not in as_parsed
    assert {rel[rewritten], rel[double]} <= as_parsed
    assert "^^" in registry.turtle[rel[kept]].text  # the file is typed: kept as text for what its literals are
    rows = _claim_file_rows(registry)
    assert rdf_writer.prepared(rows) == rdf_writer.prepared(_every_file_read_again(registry))
    nt = export(registry, "nt")
    assert '"1"^^<http://www.w3.org/2001/XMLSchema#boolean>' in nt and '"2024-01-01"^^' in nt
    assert (
        '"1287"^^<http://www.w3.org/2001/XMLSchema#double>' in nt
        and '"100"^^<http://www.w3.org/2001/XMLSchema#decimal>' in nt
    )


def _iris(quads) -> set[str]:
    """Every IRI of the statements, datatypes included: what a reader that rewrites lexical forms keeps."""
    found = set()
    for quad in quads:
        for term in (quad.subject, quad.predicate, quad.object):
            if isinstance(term, ox.NamedNode):
                found.add(term.value)
            elif isinstance(term, ox.Literal):
                found.add(term.datatype.value)
    return found


def test_absolute_iris_whose_scheme_is_a_context_term_read_back_as_themselves(tmp_path_factory):
    """``<cg:foo>`` and ``<unit:KiloGM>`` are absolute IRIs of schemes ``cg`` and ``unit``: as an object,
    a subject, a type, a key or a datatype, the JSON-LD export gives them back as themselves in
    pyoxigraph, rdflib and pyld (not as ``https://w3id.org/claimgraph/ns#foo``)."""
    registry = load(_scheme_clashes_registry(tmp_path_factory))
    text = export(registry, "jsonld")
    expected = _iris(ox.parse(export(registry, "nt"), format=ox.RdfFormat.N_TRIPLES))
    clashing = {"cg:subject", "unit:Type", "cg:predicate", "unit:datatype", "cg:foo", "unit:KiloGM", "status:x"}
    clashing |= {"measurand:m", "role:p", "cg:p", "cg:dt"}
    assert clashing <= expected
    assert parsed_nquads(text, "jsonld") == parsed_nquads(export(registry, "nt"), "nt")
    rdflib_graph = Graph().parse(data=text, format="json-ld")
    in_rdflib = ox.parse(rdflib_graph.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES)
    assert _iris(in_rdflib) == expected
    pyld = pytest.importorskip("pyld.jsonld")  # (not a dependency: tried where it is installed)
    in_pyld = pyld.to_rdf(json.loads(text), {"format": "application/n-quads"})
    assert canonical_nquads(ox.parse(in_pyld, format=ox.RdfFormat.N_QUADS)) == parsed_nquads(text, "jsonld")
