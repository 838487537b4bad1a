"""What ``claimgraph publish`` sends is what ``claimgraph export --format trig`` writes, term for term.

Regression: publish serialised Oxigraph's store, which holds numbers by value, so a written
``"1.30"^^xsd:decimal`` went out as ``"1.3"``, ``"007"^^xsd:integer`` as ``"7"``, a normalised value
as ``"1300"^^xsd:double`` where the export writes ``"1.3E3"``, and blank nodes under new labels each
run. The bodies are captured by a real HTTP server on 127.0.0.1 and compared with the export with
pyoxigraph, term by term (rdflib's ``isomorphic`` takes ``007`` and ``7`` for the same literal).
"""

from __future__ import annotations

import http.server

import pyoxigraph as ox
import pytest

from .conftest import run_cli, serving
from .made_registries import new_claim, new_registry


class _CapturingStore(http.server.BaseHTTPRequestHandler):
    """Answers every PUT 201 and keeps its path, content type and body."""

    def do_PUT(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.received.append((self.path, self.headers.get("Content-Type"), body))
        self.send_response(201)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def capturing_store():
    with serving(_CapturingStore, received=[]) as server:
        yield server


@pytest.fixture
def written_numbers_registry(tmp_path):
    """Numbers the store would rewrite, written with ``new claim``: 007, 1.30 (tolerance 0.050), 1.5e3, a range."""
    root = new_registry(tmp_path)
    for claim_id, words, args in [
        ("a", "A took 007 GWh.", ["--value", "007", "--unit", "GigaW-HR"]),
        ("b", "B took 1.30 GWh.", ["--value", "1.30", "--unit", "GigaW-HR", "--tolerance", "0.050"]),
        ("c", "C took 1.5e3 MWh.", ["--value", "1.5e3", "--unit", "MegaW-HR"]),
        ("d", "D took 1.30 to 2.50 GWh.", ["--range", "1.30", "2.50", "--unit", "GigaW-HR"]),
    ]:
        made = new_claim(root, claim_id, "--statement", words, *args, measurand="energy")
        assert made.code == 0, made.err
    return root


def _published(store, root) -> list[ox.Quad]:
    """The quads of every body ``publish`` PUT into ``store``, each in the graph its URL names."""
    import urllib.parse

    port = store.server_address[1]
    result = run_cli("publish", "-r", str(root), "--endpoint", f"http://127.0.0.1:{port}/data")
    assert result.code == 0, result.err
    quads = []
    for path, content_type, body in store.received:
        assert content_type == "application/n-triples; charset=utf-8"
        graph = ox.NamedNode(urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)["graph"][0])
        quads += [
            ox.Quad(t.subject, t.predicate, t.object, graph) for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
        ]
    store.received.clear()
    return quads


def _exported(root, tmp_path) -> list[ox.Quad]:
    out = tmp_path / "registry.trig"
    result = run_cli("export", "-r", str(root), "--format", "trig", "--out", str(out))
    assert result.code == 0, result.err
    return list(ox.parse(path=str(out), format=ox.RdfFormat.TRIG))


def _literal(quads: list[ox.Quad], predicate: str) -> set[tuple[str, str]]:
    """(lexical form, datatype) of every object of ``predicate``."""
    return {
        (q.object.value, q.object.datatype.value)
        for q in quads
        if q.predicate.value == predicate and isinstance(q.object, ox.Literal)
    }


def test_publish_sends_the_exports_terms(written_numbers_registry, capturing_store, tmp_path):
    root = written_numbers_registry
    exported = _exported(root, tmp_path)
    published = _published(capturing_store, root)
    # term by term (pyoxigraph's terms are equal only with the same lexical form), blank node labels included
    assert len(published) == len(set(published))
    assert set(published) == set(exported)
    assert any(isinstance(q.subject, ox.BlankNode) for q in published)

    xsd = "http://www.w3.org/2001/XMLSchema#"
    qudt, cg = "http://qudt.org/schema/qudt/", "https://w3id.org/claimgraph/ns#"
    assert _literal(published, qudt + "numericValue") == {
        ("007", xsd + "integer"),
        ("1.30", xsd + "decimal"),
        ("1.5e3", xsd + "double"),
    }
    assert _literal(published, cg + "lowerBound") == {("1.30", xsd + "decimal")}
    assert _literal(published, cg + "upperBound") == {("2.50", xsd + "decimal")}
    assert _literal(published, cg + "relativeTolerance") == {("0.050", xsd + "decimal")}
    # computed values (in MWh) in XSD canonical form, as the export writes them (the store's: "7000", "1300")
    assert _literal(published, cg + "normalisedValue") == {
        ("7.0E3", xsd + "double"),
        ("1.3E3", xsd + "double"),
        ("1.5E3", xsd + "double"),
    }
    assert _literal(published, cg + "normalisedLowerBound") == {("1.3E3", xsd + "double")}
    assert _literal(published, cg + "normalisedUpperBound") == {("2.5E3", xsd + "double")}


def test_publish_sends_the_same_blank_node_labels_every_run(written_numbers_registry, capturing_store):
    first = _published(capturing_store, written_numbers_registry)
    again = _published(capturing_store, written_numbers_registry)
    assert first == again  # same statements, same labels, same order


def test_publish_dry_run_counts_the_statements_sent(written_numbers_registry, capturing_store):
    port = capturing_store.server_address[1]
    dry = run_cli(
        "publish", "-r", str(written_numbers_registry), "--endpoint", f"http://127.0.0.1:{port}/d", "--dry-run"
    )
    assert dry.code == 0, dry.err
    assert capturing_store.received == []
    counts = [int(line.rsplit("(", 1)[1].split()[0]) for line in dry.out.splitlines()]
    sent = _published(capturing_store, written_numbers_registry)
    graphs = sorted({q.graph_name.value for q in sent})
    assert len(counts) == len(graphs) == 2
    assert sum(counts) == len(sent)


def test_publish_with_the_vocabulary_sends_it_as_its_own_graph(written_numbers_registry, capturing_store, tmp_path):
    port = capturing_store.server_address[1]
    root = written_numbers_registry
    result = run_cli("publish", "-r", str(root), "--endpoint", f"http://127.0.0.1:{port}/d", "--with-vocabulary")
    assert result.code == 0, result.err
    graphs = [path.rsplit("graph=", 1)[1] for path, _, _ in capturing_store.received]
    assert graphs[-1] == "https%3A%2F%2Fw3id.org%2Fclaimgraph%2Fns"
    vocabulary = list(ox.parse(capturing_store.received[-1][2], format=ox.RdfFormat.N_TRIPLES))
    assert any(t.subject.value == "https://w3id.org/claimgraph/ns#Claim" for t in vocabulary)
