"""The command line, the endpoint and the site say the same about a query (a new user's trial): a POST without
a query is 400, every error body of the endpoint starts with its code, ASK has no CSV anywhere, the endpoint's
CSV is the command line's, XML that cannot carry an answer gives way to the next format the client accepts,
a CONSTRUCT gives each triple once, and a saved query's error names its file. Real CLI processes, a real
endpoint on 127.0.0.1, a real site build."""

from __future__ import annotations

import html
import shutil
import socket
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from claimgraph.registry import load
from claimgraph.site import build_site
from claimgraph.site.endpoint_page import endpoint_page
from claimgraph.sparql.negotiation import negotiate
from claimgraph.sparql.run import ResultFormatError
from claimgraph.sparql.server import MAX_BODY, SparqlServer

from .conftest import http

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "sparql"
ASK = "ASK { <claim/x-energy> a cg:QuantitativeClaim }"
#: Makes `?s a cg:Thing` once for every statement about ?s: Oxigraph gives such a triple once, unless it holds a
#: blank node (of the data: the fixture's quotes), which it writes again for every solution.
REPEATING = "CONSTRUCT { ?s a cg:Thing } WHERE { ?s ?p ?o }"
BELL = '\n<claim/x-energy> <http://www.w3.org/2000/01/rdf-schema#comment> "bell\\u0007 here" .\n'
SPREADSHEET = (
    'SELECT ("=1+2" AS ?f) (-5 AS ?n) ("-x, y" AS ?t) ("a\\u0007b" AS ?c) (<http://example.org/a,b> AS ?i) '
    '("plain" AS ?p) WHERE {}'
)


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "claimgraph.cli", *args], capture_output=True, timeout=120, check=False
    )


def get(server, query: str | None, accept: str | None = None, **params):
    if query is not None:
        params["query"] = query
    return http(server, "/sparql?" + urllib.parse.urlencode(params), headers={"Accept": accept} if accept else {})


@pytest.fixture(scope="module")
def bell_root(tmp_path_factory) -> Path:
    """The sparql fixture with a literal holding U+0007, which XML 1.0 cannot carry."""
    root = tmp_path_factory.mktemp("bell") / "registry"
    shutil.copytree(FIXTURE, root)
    claims = sorted((root / "claims").glob("*.ttl"))[0]
    claims.write_text(claims.read_text(encoding="utf-8") + BELL, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def server(bell_root):
    with SparqlServer(
        load(bell_root), page=endpoint_page, host="127.0.0.1", port=0, timeout=30, workers=1, quiet=True
    ) as srv:
        yield srv


# ------------------------------------------------------------------ the protocol's errors


@pytest.mark.parametrize(
    "body, words",
    [
        (b"foo=bar", b"form parameters: foo"),
        (b"", b"form parameters: none"),
        (b"SELECT * WHERE { ?s ?p ?o }", b"Content-Type: application/sparql-query"),
        (b"PREFIX ex: <http://example.org/>\nASK { ?s ex:p ?o }", b"Content-Type: application/sparql-query"),
    ],
)
def test_a_post_without_a_query_is_400_saying_what_was_missing(server, body, words):
    status, headers, answer = http(
        server, "/sparql", data=body, headers={"Content-Type": "application/x-www-form-urlencoded"}, method="POST"
    )
    assert status == 400 and headers["Content-Type"].startswith("text/plain"), (status, answer)
    assert answer.startswith(b"CG411 error: POST without a query parameter") and words in answer, answer
    assert b"hint: " in answer and b"sd:Service" not in answer
    if not body.startswith((b"SELECT", b"PREFIX")):
        assert b"application/sparql-query" in answer and b"reads as a SPARQL query" not in answer
    # a GET without a query is still the service description; a POST with one is answered
    status, _headers, description = get(server, None, "text/turtle")
    assert status == 200 and b"sd:Service" in description
    status, _headers, _body = http(
        server,
        "/sparql",
        data=b"query=" + urllib.parse.quote(ASK).encode(),
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 200


def test_every_error_body_of_the_protocol_starts_with_a_code(server):
    two = "/sparql?" + urllib.parse.urlencode([("query", ASK), ("query", ASK)])
    status, _h, body = http(server, two)
    assert status == 400 and body == b"CG411 error: give exactly one query parameter\n"
    status, headers, body = http(server, "/sparql", data=b"x", method="PUT")
    assert status == 405 and body.startswith(b"CG411 error: read-only endpoint") and headers["Allow"]
    status, _h, body = http(server, "/sparql", data=ASK.encode(), headers={"Content-Type": "text/plain"})
    assert status == 415 and body.startswith(b"CG411 error: send application/x-www-form-urlencoded")
    # (headers alone: the endpoint answers before reading a body that large, and closes the connection)
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as connection:
        connection.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: %d\r\n\r\n" % (MAX_BODY + 1)
        )
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    assert answer.split(b"\r\n\r\n", 1)[1].startswith(b"CG411 error: request body over 1000000 bytes")
    status, _h, body = http(server, "/sparql", data=b"\xff", headers={"Content-Type": "application/sparql-query"})
    assert status == 400 and body.startswith(b"CG411 error: query is not UTF-8")
    status, _h, body = get(server, "ASK {" + " " * MAX_BODY + "}")
    assert status in (413, 414, 431) or body.startswith(b"CG411 error: query over")


def test_cg411_is_documented():
    findings = (Path(__file__).resolve().parent.parent / "docs" / "findings.md").read_text(encoding="utf-8")
    assert "`CG411` | sparql-protocol | error |" in findings


# ------------------------------------------------------------------ 406: ASK and CSV, the reason given only when it applies


def test_the_ask_406_gives_the_csv_reason_only_when_csv_or_tsv_was_asked(server):
    for accept in ("text/turtle", "image/png"):
        status, _h, body = get(server, ASK, accept)
        assert status == 406 and body.startswith(b"CG406 error: ") and b"CSV and TSV" not in body, body
    for accept in ("text/csv", "text/tab-separated-values"):
        status, _h, body = get(server, ASK, accept)
        assert status == 406 and b"(CSV and TSV are defined for SELECT results only)" in body, body
    status, _h, body = get(server, ASK, None, format="tsv")
    assert status == 406 and b"(CSV and TSV are defined for SELECT results only)" in body


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_the_command_line_refuses_csv_for_an_ask_as_the_endpoint_does(fmt):
    result = cli("query", ASK, "--format", fmt, "--registry", str(FIXTURE))
    assert result.returncode == 2 and result.stdout == b"" and b"Traceback" not in result.stderr
    assert b"CG406 error: an ASK result cannot be written as " + fmt.encode() in result.stderr
    assert b"(CSV and TSV are defined for SELECT results only)" in result.stderr
    with pytest.raises(ResultFormatError, match=r"CSV and TSV are defined for SELECT results only"):
        negotiate("ASK", None, fmt)
    assert cli("query", ASK, "--format", "json", "--registry", str(FIXTURE)).returncode == 0


# ------------------------------------------------------------------ CSV: one file from the command line and the endpoint


def test_the_endpoints_csv_is_the_command_lines(server, bell_root):
    command_line = cli("query", SPREADSHEET, "--format", "csv", "--registry", str(bell_root))
    assert command_line.returncode == 0, command_line.stderr
    status, headers, body = get(server, SPREADSHEET, "text/csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert body == command_line.stdout
    assert body.split(b"\r\n")[1] == b'\'=1+2,-5,"\'-x, y",a\\x07b,"http://example.org/a,b",plain'
    assert b"\x07" not in body
    # TSV and JSON carry the character as it is, from both
    for fmt, media in (("tsv", "text/tab-separated-values"), ("json", "application/sparql-results+json")):
        status, _h, body = get(server, SPREADSHEET, media)
        assert status == 200
        assert body == cli("query", SPREADSHEET, "--format", fmt, "--registry", str(bell_root)).stdout.rstrip(b"\n") + (
            b"\n" if body.endswith(b"\n") else b""
        )


def test_the_cg410_hint_says_what_carries_the_character(server, bell_root):
    query = "SELECT ?o WHERE { <claim/x-energy> rdfs:comment ?o }"
    status, _h, body = get(server, query, None, format="xml")
    assert status == 406 and body.startswith(b"CG410 error: ")
    assert b"hint: JSON and TSV carry it" in body and b"CSV writes it escaped, as \\x07" in body
    result = cli("query", query, "--format", "xml", "--registry", str(bell_root))
    assert result.returncode == 2 and b"JSON and TSV carry it" in result.stderr
    assert b"CSV writes it escaped, as \\x07" in result.stderr


# ------------------------------------------------------------------ XML that cannot carry the answer gives way


@pytest.mark.parametrize(
    "query, accept, media, carried",
    [
        (
            "CONSTRUCT { ?s rdfs:comment ?o } WHERE { ?s rdfs:comment ?o }",
            "application/rdf+xml, text/turtle;q=0.5",
            "text/turtle",
            b"bell\\u0007 here",
        ),
        (
            "SELECT ?o WHERE { <claim/x-energy> rdfs:comment ?o }",
            "application/sparql-results+xml, application/sparql-results+json;q=0.5",
            "application/sparql-results+json",
            b"bell\\u0007 here",
        ),
        (
            "SELECT ?o WHERE { <claim/x-energy> rdfs:comment ?o }",
            "application/sparql-results+xml, text/csv;q=0.2",
            "text/csv",
            b"bell\\x07 here",
        ),
    ],
)
def test_xml_that_cannot_carry_the_answer_gives_way_to_the_next_format_accepted(server, query, accept, media, carried):
    status, headers, body = get(server, query, accept)
    assert status == 200 and headers["Content-Type"].startswith(media), (status, body[:300])
    assert carried in body
    # XML alone, or asked by name: 406 as before
    assert get(server, query, accept.split(",")[0])[0] == 406
    assert get(server, query, accept, format="xml")[0] == 406
    # an answer XML can carry is XML still
    status, headers, _body = get(server, query.replace("rdfs:comment", "rdfs:label"), accept)
    assert status == 200 and "xml" in headers["Content-Type"]


# ------------------------------------------------------------------ CONSTRUCT: a set of triples, everywhere


def test_a_construct_gives_each_triple_once_from_the_command_line_and_the_endpoint(server, bell_root):
    distinct = {
        row["s"].value
        for row in load(bell_root).store.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
    }
    for fmt in ("ntriples", "turtle"):
        result = cli("query", REPEATING, "--format", fmt, "--registry", str(bell_root))
        assert result.returncode == 0, result.stderr
        if fmt == "ntriples":
            lines = result.stdout.decode().splitlines()
            assert len(lines) == len(set(lines)) == len(distinct)
    status, _h, body = get(server, REPEATING, "application/n-triples")
    lines = body.decode().splitlines()
    assert status == 200 and len(lines) == len(set(lines)) == len(distinct)
    # the same order every time
    assert get(server, REPEATING, "application/n-triples")[2] == body


def test_the_sites_construct_answer_and_download_give_each_triple_once(tmp_path):
    root = tmp_path / "registry"
    shutil.copytree(FIXTURE, root)
    (root / "queries").mkdir(exist_ok=True)
    (root / "queries" / "things.rq").write_text(f"# title: Things\n# description: x\n{REPEATING}\n", encoding="utf-8")
    (root / "queries" / "broken.rq").write_text(
        "# title: A broken query\n# description: a FILTER left open\nSELECT ?c WHERE {\n  ?c a cg:Claim .\n"
        "  FILTER(?c = \n}\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    build_site(load(root), out)
    lines = (out / "sparql" / "things.nt").read_text(encoding="utf-8").splitlines()
    expected = cli("query", REPEATING, "--format", "ntriples", "--registry", str(root)).stdout.decode().splitlines()
    assert lines == sorted(set(lines)) and len(lines) == len(expected)
    assert any(line.startswith("_:") for line in lines)  # (the triples Oxigraph repeats: blank nodes are labelled anew
    iris = [line for line in lines if line.startswith("<")]  # on every load, so the files differ in those labels)
    assert iris == sorted(line for line in expected if line.startswith("<"))
    page = html.unescape((out / "sparql" / "things.html").read_text(encoding="utf-8"))
    assert f"{len(lines)} triplets" in page or f"{len(lines)} triples" in page, page[:2000]
    # a saved query that fails names its file, at the line and column `claimgraph query` gives
    broken = html.unescape((out / "sparql" / "broken.html").read_text(encoding="utf-8"))
    assert "queries/broken.rq:5:3: CG401 error: SPARQL syntax error in the part that starts here" in broken
    assert "query:5:3" not in broken
    command_line = cli("query", "broken", "--registry", str(root))
    assert command_line.returncode == 2
    assert command_line.stderr.decode().startswith("queries/broken.rq:5:3: CG401 error: ")
