"""``claimgraph check --endpoint``: the SPARQL-expressible checks run where the data lives.

The registry is published with ``claimgraph publish`` to a real Virtuoso (the session fixture the
publish tests use) and served by the repo's own ``claimgraph serve``; the remote check must give the
findings a local check gives for the same families: the compiled SHACL shapes and the citation checks
that are SPARQL (:data:`claimgraph.remote_check.REMOTE_FAMILIES`).
"""

from __future__ import annotations

import http.server
import json
import socket
import sys
import urllib.parse
from importlib import import_module
from pathlib import Path

import pytest

from claimgraph.registry import load

from .conftest import FIXTURES, PROJECT, run_cli, serving
from .fixture_overlays import case_names, invalid_case
from .made_registries import add_claim, new_registry

sys.path.insert(0, str(PROJECT / "benchmarks"))
from synthetic import generate  # noqa: E402


def local_findings(root: Path, *, own_shapes: bool = True) -> list:
    """What a local check finds in the families a remote check runs (``own_shapes``: with the registry's
    shapes/ and settings, which a remote check without --registry does not have)."""
    from claimgraph.checks import shacl
    from claimgraph.remote_check import REMOTE_FAMILIES

    registry = load(root, normalise=False)
    # with the files at hand, what they define twice is reported from them (the shapes' findings it implies are not)
    defined_twice = [f for f in registry.load_findings if f.code == "CG104"] if own_shapes else []
    if not own_shapes:
        # nor what only its files tell: what did not load, what is defined twice
        registry.shape_files = []
        registry.load_findings = []
        registry.defined_twice = {}
    # the remote check does not run the range-driven reference check (CG308/CG309), so the shapes'
    # own findings on a dangling reference stand in for it there
    found = list(shacl.validate(registry, supersede=False))
    if not own_shapes:
        # nor the registry's languages (its claimgraph.toml), which CG203 asks a statement in: left out remotely
        found = [f for f in found if f.code != shacl.READABLE_STATEMENT_CODE]
    for name in REMOTE_FAMILIES:
        found.extend(import_module(f"claimgraph.checks.{name}").check(registry))
    return found + defined_twice


def keyed(findings, *, located: bool) -> set[tuple]:
    """Findings as comparable tuples: (code, subject, severity[, file, line])."""
    out = set()
    for f in findings:
        if isinstance(f, dict):
            row = (f["code"], f["subject"], f["severity"]) + ((f["file"], f["line"]) if located else ())
        else:
            row = (f.code, f.subject, f.severity.label) + ((f.file, f.line) if located else ())
        out.add(row)
    return out


def json_report(result) -> dict:
    return json.loads(result.out)


def publish(virtuoso: str, root: Path, monkeypatch) -> list[str]:
    """Publish ``root`` to Virtuoso (errors allowed, load errors too: invalid registries are checked, what loaded
    of them as the local check sees it); its graph IRIs."""
    monkeypatch.setenv("CLAIMGRAPH_PASSWORD", "dba")
    result = run_cli(
        "publish",
        "--registry",
        str(root),
        "--endpoint",
        f"{virtuoso}/sparql-graph-crud-auth",
        "--user",
        "dba",
        "--allow-errors",
        "--allow-load-errors",
    )
    assert result.code == 0, result.err
    base = load(root, normalise=False).settings.base
    return [base + "graph/claims", base + "graph/sources"]


def remote_check(endpoint: str, graphs: list[str], *extra: str):
    args = ["check", "--endpoint", endpoint, "--format", "json", *extra]
    for graph in graphs:
        args += ["--graph", graph]
    return run_cli(*args)


def assert_same_as_local(root: Path, endpoint: str, graphs: list[str]) -> None:
    expected = local_findings(root)
    with_files = remote_check(endpoint, graphs, "--registry", str(root), "--path-prefix", "")
    assert with_files.code in (0, 1), with_files.err
    assert "Traceback" not in with_files.err
    assert keyed(json_report(with_files)["findings"], located=True) == keyed(expected, located=True)
    by_iri = remote_check(endpoint, graphs)
    assert by_iri.code in (0, 1), by_iri.err
    expected = local_findings(root, own_shapes=False)
    assert keyed(json_report(by_iri)["findings"], located=False) == keyed(expected, located=False)
    assert all(f["file"] is None for f in json_report(by_iri)["findings"])


# --------------------------------------------------------------------------- Virtuoso


def test_bundled_registry_checked_on_virtuoso_gives_the_local_findings(virtuoso, monkeypatch):
    graphs = publish(virtuoso, PROJECT, monkeypatch)
    assert_same_as_local(PROJECT, f"{virtuoso}/sparql", graphs)


def test_small_synthetic_registry_with_faults_on_virtuoso(virtuoso, monkeypatch, tmp_path):
    # 2 % of its claims carry a fault (a value without unit, an unknown key): findings on blank nodes
    # (the value) and on citations, which the remote check must place at the claim, as a local one does
    root = generate(100, tmp_path / "synthetic", seed=2)  # small: a digest-authenticated PUT of a large body
    # can meet a broken pipe (Virtuoso answers 401 and closes before reading it), a limit of publish, not of check
    expected = local_findings(root)
    assert {f.code for f in expected} >= {"CG301", "CG223"}
    assert any(f.subject and "/claim/" in f.subject and f.code.startswith("CG2") for f in expected)
    graphs = publish(virtuoso, root, monkeypatch)
    assert_same_as_local(root, f"{virtuoso}/sparql", graphs)


INVALID = case_names()


@pytest.mark.parametrize("case", INVALID)
def test_invalid_fixture_checked_on_virtuoso_gives_the_local_findings(virtuoso, monkeypatch, case):
    root = invalid_case(case)
    graphs = publish(virtuoso, root, monkeypatch)
    assert_same_as_local(root, f"{virtuoso}/sparql", graphs)


def test_remote_check_leaves_the_store_unchanged(virtuoso, monkeypatch):
    from SPARQLWrapper import JSON, SPARQLWrapper

    graphs = publish(virtuoso, FIXTURES / "valid", monkeypatch)

    def count() -> int:
        client = SPARQLWrapper(f"{virtuoso}/sparql")
        client.setQuery("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        client.setReturnFormat(JSON)
        return int(client.queryAndConvert()["results"]["bindings"][0]["n"]["value"])

    before = count()
    result = remote_check(f"{virtuoso}/sparql", graphs)
    assert result.code in (0, 1), result.err
    assert count() == before


def test_remote_check_lists_what_it_could_not_run(virtuoso, monkeypatch):
    graphs = publish(virtuoso, FIXTURES / "valid", monkeypatch)
    result = remote_check(f"{virtuoso}/sparql", graphs)
    not_run = json_report(result)["not_run"]
    assert any("unit arithmetic" in line for line in not_run)
    assert any("file-based" in line for line in not_run)
    assert any("source texts" in line for line in not_run)
    for line in not_run:
        assert f"not run on the endpoint: {line}" in result.err
    text = run_cli("check", "--endpoint", f"{virtuoso}/sparql", "--graph", graphs[0], "--graph", graphs[1])
    assert "not run on the endpoint: unit arithmetic" in text.err
    assert "not run on the endpoint" not in text.out


def test_library_function_first(virtuoso, monkeypatch):
    from claimgraph.remote_check import check_remote

    graphs = publish(virtuoso, FIXTURES / "valid", monkeypatch)
    registry = load(FIXTURES / "valid", normalise=False)
    result = check_remote(f"{virtuoso}/sparql", graphs, registry)
    assert keyed(result.findings, located=True) == keyed(local_findings(FIXTURES / "valid"), located=True)
    assert result.queries > 0 and result.not_run


# --------------------------------------------------------------------------- claimgraph serve


@pytest.mark.parametrize(
    "root", [PROJECT, FIXTURES / "valid", invalid_case("sparql-constraint")], ids=["bundled", "valid", "invalid"]
)
def test_check_on_claimgraph_serve_gives_the_local_findings(root):
    from claimgraph.sparql.server import SparqlServer

    with SparqlServer(load(root), host="127.0.0.1", port=0, timeout=30, workers=2, quiet=True) as server:
        assert_same_as_local(root, server.endpoint, [])


# --------------------------------------------------------------------------- endpoints that fail


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends: nothing listens there


def test_unreachable_endpoint_is_exit_2_with_a_message():
    result = run_cli("check", "--endpoint", f"http://127.0.0.1:{closed_port()}/sparql")
    assert result.code == 2
    assert "cannot reach http://127.0.0.1:" in result.err
    assert "Traceback" not in result.err and result.out == ""


class _Answers(http.server.BaseHTTPRequestHandler):
    """A loopback server answering every POST with ``self.server.answer`` and recording the forms sent."""

    def do_POST(self):  # noqa: N802 - the name http.server calls
        length = int(self.headers.get("Content-Length") or 0)
        form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"))
        self.server.forms.append(form)
        status, content_type, body, headers = self.server.answer
        # (a query holding one of these words is answered with its own body: a count the store holds)
        for words, answer in getattr(self.server, "answers_for", {}).items():
            if words in form.get("query", [""])[0]:
                body = answer
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def answering():
    with serving(_Answers, forms=[]) as server:

        def serve(status, content_type, body: bytes, headers=None):
            server.answer = (status, content_type, body, headers or {})
            return f"http://127.0.0.1:{server.server_address[1]}/sparql", server.forms

        serve.server = server  # type: ignore[attr-defined]
        yield serve


@pytest.mark.parametrize(
    "status,content_type,body,expected",
    [
        (200, "text/html", b"<html><body>It works!</body></html>", "did not answer with SPARQL JSON results"),
        (200, "application/sparql-results+json", b"{not json", "not a SPARQL JSON SELECT result"),
        (
            200,
            "application/sparql-results+json",
            b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": 3}]}}',
            "not a SPARQL JSON SELECT result",
        ),
        (200, "application/sparql-results+json", b'{"boolean": true}', "not a SPARQL JSON SELECT result"),
        (500, "text/plain", b"Virtuoso 37000 Error SP030: SPARQL compiler\x1b[31m", "answered 500"),
        (
            200,
            "application/sparql-results+json",
            b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "v"}}]}}',
            "answered with the variables ?x, not ?source ?key the query selects",
        ),
    ],
    ids=["html", "broken-json", "bad-cell", "ask-answer", "server-error", "other-variables"],
)
def test_endpoint_answering_garbage_is_exit_2_with_a_message(answering, status, content_type, body, expected):
    url, _forms = answering(status, content_type, body)
    result = run_cli("check", "--endpoint", url)
    assert result.code == 2, result.err
    assert expected in result.err
    assert "Traceback" not in result.err and "\x1b" not in result.err


def test_a_result_cut_at_the_stores_row_limit_is_refused(answering):
    # Virtuoso cuts an answer at ResultSetMaxRows and says so only in a header: reading the first rows
    # as the whole answer would pass claims nobody checked
    url, _forms = answering(
        200,
        "application/sparql-results+json",
        b'{"head": {"vars": ["source", "key"]}, "results": {"bindings": []}}',
        {"X-SPARQL-MaxRows": "10000"},
    )
    result = run_cli("check", "--endpoint", url)
    assert result.code == 2
    assert "cut a result at 10000 rows" in result.err


ONE_CLAIM = json.dumps(
    {
        "head": {"vars": ["claims"]},
        "results": {
            "bindings": [
                {"claims": {"type": "literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "1"}}
            ]
        },
    }
).encode()


def test_only_queries_are_sent_with_the_graphs_named(answering):
    url, forms = answering(
        200, "application/sparql-results+json", b'{"head": {"vars": []}, "results": {"bindings": []}}'
    )
    # the store holds one claim (else the check stops at once: nothing of a registry to check), nothing else
    answering.server.answers_for = {"AS ?claims": ONE_CLAIM}
    result = run_cli(
        "check",
        "--endpoint",
        url,
        "--graph",
        "https://example.org/g/claims",
        "--graph",
        "https://example.org/g/sources",
    )
    assert result.code == 0, result.err
    assert forms and all(set(form) == {"query", "default-graph-uri"} for form in forms)
    assert all(
        form["default-graph-uri"] == ["https://example.org/g/claims", "https://example.org/g/sources"] for form in forms
    )
    assert not any(word in form["query"][0].upper() for form in forms for word in ("INSERT", "DELETE", "LOAD", "DROP"))


@pytest.mark.parametrize(
    "args,expected",
    [
        (["--graph", "https://example.org/g"], "--graph names the registry's graphs in a remote store"),
        (["--endpoint", "ftp://example.org/sparql"], "must be an http(s) URL of a SPARQL 1.1 query endpoint"),
        (["--endpoint", "http://127.0.0.1:1/sparql", "--timeout", "0"], "--timeout must be a number"),
        (["--endpoint", "http://127.0.0.1:1/sparql", "--require-texts"], "--require-texts needs the source texts"),
    ],
)
def test_usage_errors_are_exit_2_before_any_query(args, expected):
    result = run_cli("check", *args)
    assert result.code == 2
    assert expected in result.err
    assert "Traceback" not in result.err


def test_text_report_without_the_files_names_the_subject():
    from claimgraph.sparql.server import SparqlServer

    root = invalid_case("claim-without-source")
    with SparqlServer(load(root), host="127.0.0.1", port=0, timeout=30, workers=1, quiet=True) as server:
        result = run_cli("check", "--endpoint", server.endpoint)
    assert result.code == 1, result.err
    assert "<https://example.org/registry/valid/claim/smaller-models>: CG204 error:" in result.out


def test_without_the_files_the_registrys_languages_are_not_guessed(tmp_path):
    """Trial (ci-maintainer), 1: without --registry, CG203 ran with English for the registry's languages, so every
    claim of a German registry, clean locally, was reported ("no statement in any language of the registry
    (English…)"). The languages are in claimgraph.toml only: without it CG203 is left out, and said to be."""
    from claimgraph.sparql.server import SparqlServer

    root = new_registry(tmp_path, languages=("de",))
    add_claim(root, "c1", "Das Training brauchte 433 MWh.", "433", "MegaW-HR", quote="433 MWh", locator="S. 4")
    add_claim(root, "c2", "Training took 433 MWh.", "433", "MegaW-HR", quote="433 MWh", more=("--lang", "en"))
    local = {(f.code, f.subject.rsplit("/", 1)[-1]) for f in local_findings(root) if f.code == "CG203"}
    assert local == {("CG203", "c2")}  # the claim in English alone, in a German registry
    with SparqlServer(load(root), host="127.0.0.1", port=0, timeout=30, workers=1, quiet=True) as server:
        with_files = run_cli("check", "--endpoint", server.endpoint, "-r", str(root), "--format", "json")
        without = run_cli("check", "--endpoint", server.endpoint, "--format", "json", "--fail-level", "warning")
    assert [f["subject"].rsplit("/", 1)[-1] for f in json_report(with_files)["findings"] if f["code"] == "CG203"] == [
        "c2"
    ]
    report = json_report(without)
    assert not [f for f in report["findings"] if f["code"] == "CG203"], report["findings"]
    (left_out,) = [line for line in report["not_run"] if "CG203" in line]
    assert "claimgraph.toml" in left_out and "--registry" in left_out
    assert f"not run on the endpoint: {left_out}" in without.err
    assert not any("CG203" in line for line in json_report(with_files)["not_run"])
    assert keyed(report["findings"], located=False) == keyed(local_findings(root, own_shapes=False), located=False)


def unknown_key_inside_a_quote(copy_fixture) -> Path:
    root = copy_fixture("valid")
    with (root / "claims" / "energy.ttl").open("a", encoding="utf-8") as f:
        f.write(
            "\nclaim:quoted-elsewhere\n    a cg:Claim ;\n"
            '    cg:statement "Models are getting smaller."@en ;\n    cg:cites source:Doe2021 ;\n'
            "    cg:citedQuote [ a cg:SourceQuote ; cg:inSource source:Nobody2020 ;\n"
            '        oa:exact "Smaller models now match larger ones." ; cg:locator "p. 2" ] ;\n'
            '    cg:status status:unverified ;\n    cg:statusNote "Not yet read."@en .\n'
        )
    return root


def test_finding_on_a_blank_node_is_placed_at_its_claim_on_serve(copy_fixture):
    # cg:inSource inside a quote (a blank node) names an unknown key: the local check reports it at the
    # claim; the remote one must too, though a store's blank node labels mean nothing outside one answer
    from claimgraph.sparql.server import SparqlServer

    root = unknown_key_inside_a_quote(copy_fixture)
    assert any(f.code == "CG301" and f.subject.endswith("/claim/quoted-elsewhere") for f in local_findings(root))
    with SparqlServer(load(root), host="127.0.0.1", port=0, timeout=30, workers=1, quiet=True) as server:
        assert_same_as_local(root, server.endpoint, [])


def test_finding_on_a_blank_node_is_placed_at_its_claim_on_virtuoso(virtuoso, monkeypatch, copy_fixture):
    root = unknown_key_inside_a_quote(copy_fixture)
    assert_same_as_local(root, f"{virtuoso}/sparql", publish(virtuoso, root, monkeypatch))


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "junit"])
def test_every_format_renders_a_remote_check(fmt):
    from claimgraph.sparql.server import SparqlServer

    root = invalid_case("claim-without-source")
    with SparqlServer(load(root), host="127.0.0.1", port=0, timeout=30, workers=1, quiet=True) as server:
        for extra in ([], ["--registry", str(root)]):
            result = run_cli("check", "--endpoint", server.endpoint, "--format", fmt, *extra)
            assert result.code == 1, result.err
            assert "CG204" in result.out and "Traceback" not in result.err
            if extra:
                assert "claims/energy.ttl" in result.out
            else:  # without the files, every format names the claim the finding is about
                iri = "https://example.org/registry/valid/claim/smaller-models"
                assert (
                    f"&lt;{iri}&gt;: CG204" if fmt == "junit" else iri if fmt == "json" else f"<{iri}>"
                ) in result.out
    if fmt == "sarif":  # and SARIF places it there as a logical location, at the claimgraph.toml of the current
        # folder (from the repository root) as its file: GitHub code scanning refuses a result without one
        for extra, settings in (((), "claimgraph.toml"), (("--path-prefix", "evidence"), "evidence/claimgraph.toml")):
            (found,) = [
                r
                for r in json.loads(result_without_files(root, fmt, *extra))["runs"][0]["results"]
                if r["ruleId"] == "CG204"
            ]
            assert found["locations"] == [
                {
                    "physicalLocation": {"artifactLocation": {"uri": settings, "uriBaseId": "SRCROOT"}},
                    "logicalLocations": [
                        {
                            "fullyQualifiedName": "https://example.org/registry/valid/claim/smaller-models",
                            "kind": "resource",
                        }
                    ],
                }
            ]


def result_without_files(root: Path, fmt: str, *extra: str) -> str:
    from claimgraph.sparql.server import SparqlServer

    with SparqlServer(load(root), host="127.0.0.1", port=0, timeout=30, workers=1, quiet=True) as server:
        return run_cli("check", "--endpoint", server.endpoint, "--format", fmt, *extra).out


OWNED = """
@prefix ex: <https://example.org/> .
ex:claim ex:value [ ex:unit ex:joule ] , [ ex:note "deeper" ; ex:part [ ex:unit ex:watt ] ] ;
    ex:cites ex:source .
ex:lonely ex:unit ex:volt .
[] ex:unit ex:ampere .
"""


def owner_query_on(store, sparql: str, variables: list[str]):
    from claimgraph.sparql.sites import LocalStore, read_owners, with_owners

    owners: dict = {}
    names, rows = read_owners(*LocalStore(store).solutions(with_owners(sparql, variables)), variables, owners, "x_")
    return names, rows, owners


def test_owner_query_keeps_every_solution_once_and_reads_each_blank_nodes_owner():
    # the owners come in their own branches beside the plain solutions (Virtuoso's placement is tested
    # above): the rows read back must be the query's own (IRIs, blank nodes with and without an owner),
    # each once
    import pyoxigraph as ox

    store = ox.Store()
    store.load(OWNED.encode(), ox.RdfFormat.TURTLE)
    sparql = "SELECT ?thing ?unit WHERE { ?thing <https://example.org/unit> ?unit }"
    names, rows, owners = owner_query_on(store, sparql, ["thing"])
    assert names == ["thing", "unit"]
    units = sorted(row[1]["value"] for row in rows)
    assert units == sorted(f"https://example.org/{u}" for u in ("joule", "watt", "volt", "ampere"))
    by_unit = {row[1]["value"].rsplit("/", 1)[1]: row[0] for row in rows}
    assert by_unit["volt"] == {"type": "uri", "value": "https://example.org/lonely"}
    assert owners["_:" + by_unit["joule"]["value"]] == ("https://example.org/claim", "https://example.org/value")
    # two levels down: the IRI above the blank node above it, linked by the lower node's predicate
    assert owners["_:" + by_unit["watt"]["value"]] == ("https://example.org/claim", "https://example.org/part")
    assert "_:" + by_unit["ampere"]["value"] not in owners  # a blank node nothing points to has no owner
