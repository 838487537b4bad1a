"""``claimgraph publish`` against a real store: Debian's Virtuoso, started on loopback for the session.

The server is the ``virtuoso`` fixture of tests/virtuoso_store.py (shared through conftest with
the remote check's tests): skipped on a developer machine without the package, failed in CI.
"""

from __future__ import annotations

import http.server
import re
import shutil

import pytest

from .conftest import FIXTURES, run_cli, serving
from .fixture_overlays import invalid_case


def _select(root: str, query: str) -> list[dict]:
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(f"{root}/sparql")
    client.setQuery(query)
    client.setReturnFormat(JSON)
    return client.queryAndConvert()["results"]["bindings"]


def _count(root: str, graph: str) -> int:
    rows = _select(root, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(rows[0]["n"]["value"])


def test_publish_to_virtuoso_and_query_back(virtuoso, monkeypatch):
    from claimgraph.publish import graph_payloads
    from claimgraph.registry import load

    registry = load(FIXTURES / "valid")
    expected = {graph: count for graph, _, count in graph_payloads(registry)}
    endpoint = f"{virtuoso}/sparql-graph-crud-auth"
    monkeypatch.setenv("CLAIMGRAPH_PASSWORD", "dba")
    result = run_cli("publish", "--registry", str(FIXTURES / "valid"), "--endpoint", endpoint, "--user", "dba")
    assert result.code == 0, result.err
    assert result.out == ""  # progress goes to stderr
    for graph, count in expected.items():
        assert count > 0
        assert _count(virtuoso, graph) == count, graph

    base = registry.settings.base
    rows = _select(
        virtuoso,
        f"""
        PREFIX cg: <https://w3id.org/claimgraph/ns#>
        PREFIX qudt: <http://qudt.org/schema/qudt/>
        SELECT ?value ?statement WHERE {{
          GRAPH <{base}graph/claims> {{
            <{base}claim/model-training-energy> cg:value/qudt:numericValue ?value ;
                cg:statement ?statement . FILTER(lang(?statement) = "fr") }} }}""",
    )
    assert len(rows) == 1
    assert float(rows[0]["value"]["value"]) == 1.3
    assert rows[0]["statement"]["value"] == "L'entraînement du modèle X aurait nécessité 1,3 GWh."
    keys = _select(
        virtuoso,
        f"""
        PREFIX cg: <https://w3id.org/claimgraph/ns#>
        SELECT ?key WHERE {{ GRAPH <{base}graph/sources> {{ ?s cg:bibKey ?key }} }} ORDER BY ?key""",
    )
    assert [k["key"]["value"] for k in keys] == ["Doe2021", "Roe2022"]

    # PUT replaces: publishing again leaves exactly one copy.
    again = run_cli("publish", "--registry", str(FIXTURES / "valid"), "--endpoint", endpoint, "--user", "dba")
    assert again.code == 0, again.err
    for graph, count in expected.items():
        assert _count(virtuoso, graph) == count


def test_publish_replaces_a_changed_registry(virtuoso, monkeypatch, copy_fixture):
    from claimgraph.registry import load

    folder = copy_fixture("valid")
    path = folder / "claims" / "energy.ttl"
    path.write_text(path.read_text().replace("numericValue 1.3 ;", "numericValue 1.4 ;"))
    monkeypatch.setenv("CLAIMGRAPH_PASSWORD", "dba")
    endpoint = f"{virtuoso}/sparql-graph-crud-auth"
    assert run_cli("publish", "-r", str(folder), "--endpoint", endpoint, "--user", "dba").code == 0
    base = load(folder).settings.base
    rows = _select(
        virtuoso,
        f"""
        PREFIX cg: <https://w3id.org/claimgraph/ns#>
        PREFIX qudt: <http://qudt.org/schema/qudt/>
        SELECT ?value WHERE {{ GRAPH <{base}graph/claims> {{
            <{base}claim/model-training-energy> cg:value/qudt:numericValue ?value }} }}""",
    )
    assert [float(r["value"]["value"]) for r in rows] == [1.4]


def test_publish_with_a_wrong_password_fails_with_the_store_answer(virtuoso, monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_PASSWORD", "not-the-password")
    result = run_cli(
        "publish", "-r", str(FIXTURES / "valid"), "--endpoint", f"{virtuoso}/sparql-graph-crud-auth", "--user", "dba"
    )
    assert result.code == 1
    assert "401" in result.err and "--user" in result.err


def test_publish_without_rights_fails(virtuoso):
    # The unauthenticated endpoint runs as the SPARQL user, who may not write.
    result = run_cli("publish", "-r", str(FIXTURES / "valid"), "--endpoint", f"{virtuoso}/sparql-graph-crud")
    assert result.code == 1
    assert "403" in result.err or "401" in result.err


def test_publish_usage_errors_never_touch_the_network():
    assert run_cli("publish", "-r", str(FIXTURES / "valid"), "--endpoint", "ftp://example.org/x").code == 2
    result = run_cli(
        "publish",
        "-r",
        str(FIXTURES / "valid"),
        "--endpoint",
        "http://127.0.0.1:9/x",
        "--user",
        "u",
        "--password-env",
        "CLAIMGRAPH_TEST_UNSET_VARIABLE",
    )
    assert result.code == 2 and "CLAIMGRAPH_TEST_UNSET_VARIABLE" in result.err


def test_publish_dry_run_lists_the_requests():
    result = run_cli("publish", "-r", str(FIXTURES / "valid"), "--endpoint", "http://127.0.0.1:9/store", "--dry-run")
    assert result.code == 0
    lines = result.out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(
        "PUT http://127.0.0.1:9/store?graph=https%3A%2F%2Fexample.org%2Fregistry%2Fvalid%2Fgraph%2Fclaims"
    )


def test_publish_refuses_a_registry_with_errors():
    result = run_cli("publish", "-r", str(invalid_case("unknown-key")), "--endpoint", "http://127.0.0.1:9/x")
    assert result.code == 1 and "--allow-errors" in result.err


# ------------------------------------------------------------------ what messages may show


class _FakeStoreHandler(http.server.BaseHTTPRequestHandler):
    """A real HTTP server on loopback that answers every PUT as ``server.answer`` says."""

    def do_PUT(self):
        self.server.seen.append(self.path)
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.server.answer == "redirect":
            self.send_response(307)
            self.send_header("Location", "http://alice:hunter2@127.0.0.1:9/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.server.answer == "first-only" and len(self.server.seen) == 1:
            self.send_response(201)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = ("\x1b[2J\x1b]0;owned\x07\x1b[31mstore exploded " + "A" * 5000).encode()
        self.send_response(500)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_store():
    with serving(_FakeStoreHandler, seen=[], answer="error") as server:
        yield server


def test_publish_never_prints_credentials(fake_store):
    # Regression: a user:password@ endpoint went to the name resolver as a host name, and the
    # error message repeated the password into the (often public) CI log.
    port = fake_store.server_address[1]
    result = run_cli("publish", "-r", str(FIXTURES / "valid"), "--endpoint", f"http://bob:secret@127.0.0.1:{port}/data")
    assert result.code == 2
    assert "secret" not in result.err + result.out and "--user" in result.err
    assert fake_store.seen == []  # refused before anything is sent
    # a password with a "/" ends urllib's host part early: still never shown
    odd = run_cli("publish", "-r", str(FIXTURES / "valid"), "--endpoint", f"http://bob:se/cr3t@127.0.0.1:{port}/data")
    assert odd.code == 2 and "se/cr3t" not in odd.err and "'se'" not in odd.err
    # nor a password in the address a store redirects to
    fake_store.answer = "redirect"
    moved = run_cli("publish", "-r", str(FIXTURES / "valid"), "--endpoint", f"http://127.0.0.1:{port}/data")
    assert moved.code == 1 and "redirects (307)" in moved.err
    assert "hunter2" not in moved.err and "alice" not in moved.err


def test_a_store_error_answer_is_shown_without_control_characters_and_cut_short(fake_store):
    # Regression: the store's error body was printed with its escape sequences (clear screen, set title).
    port = fake_store.server_address[1]
    result = run_cli("publish", "-r", str(FIXTURES / "valid"), "--endpoint", f"http://127.0.0.1:{port}/data")
    assert result.code == 1
    assert "500" in result.err and "store exploded" in result.err
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f]", result.err)
    assert len(result.err) < 700


def test_a_store_failing_after_the_first_graph_is_said_to_mix_two_versions(fake_store):
    port = fake_store.server_address[1]
    fake_store.answer = "first-only"
    result = run_cli("publish", "-r", str(FIXTURES / "valid"), "--endpoint", f"http://127.0.0.1:{port}/data")
    assert result.code == 1 and len(fake_store.seen) == 2
    assert re.search(r"published \d+ triples to <\S+/graph/claims> \(201\)", result.err)
    assert re.search(
        r"note: the store now mixes two versions of the registry: replaced <\S+/graph/claims>, not <\S+/graph/sources>",
        result.err,
    ), result.err


def test_a_registry_that_did_not_load_whole_is_not_published(fake_store, tmp_path):
    """Each PUT replaces a whole graph: publishing what loaded would delete from the store what the unread file
    holds, even with --allow-errors (which is about the checks' findings)."""
    registry = shutil.copytree(FIXTURES / "valid", tmp_path / "registry")
    with (registry / "claims" / "broken.ttl").open("w", encoding="utf-8") as stream:
        stream.write('@prefix cg: <https://w3id.org/claimgraph/ns#> .\n<x> cg:statement "unclosed ;\n')
    port = fake_store.server_address[1]
    endpoint = f"http://127.0.0.1:{port}/data"
    refused = run_cli("publish", "-r", str(registry), "--endpoint", endpoint, "--allow-errors")
    assert refused.code == 1 and fake_store.seen == []
    assert "claims/broken.ttl:2: CG101" in refused.err and "--allow-load-errors" in refused.err
    fake_store.answer = "first-only"
    allowed = run_cli("publish", "-r", str(registry), "--endpoint", endpoint, "--allow-errors", "--allow-load-errors")
    assert len(fake_store.seen) == 2 and "published" in allowed.err


@pytest.mark.parametrize(
    "args",
    [
        ["--timeout", "-1"],
        ["--timeout", "nan"],
        ["--timeout", "inf"],
        ["--timeout", "0"],
        ["--timeout", "1e12"],
        ["--endpoint", "http://[::1"],
        ["--endpoint", "http://127.0.0.1:abc/x"],
        ["--endpoint", "http://127.0.0.1/\x1b[2J"],
    ],
)
def test_publish_refuses_bad_timeouts_and_urls_with_a_message(args):
    # Regression: each of these ended in a Python traceback.
    argv = ["publish", "-r", str(FIXTURES / "valid"), "--endpoint", "http://127.0.0.1:9/x", *args]
    result = run_cli(*argv)
    assert result.code == 2
    assert result.err.startswith("claimgraph: error: --") and result.err.count("\n") == 1
    assert "Traceback" not in result.err and "\x1b" not in result.err
