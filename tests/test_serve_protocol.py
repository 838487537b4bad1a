"""``claimgraph serve`` against the SPARQL 1.1 Protocol's details: content negotiation (406, q-values,
wildcards, ASK and CSV/TSV), the service description's formats, OPTIONS and CORS as a browser
sends them, and the limits answered with 503 naming the limit. Clients: SPARQLWrapper, rdflib's
SPARQLStore, and raw HTTP requests carrying the headers a browser sends."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TSV, SPARQLWrapper

from claimgraph.registry import load
from claimgraph.sparql.cors import CorsPolicy, normalise_origin
from claimgraph.sparql.negotiation import choose, negotiate
from claimgraph.sparql.run import ResultFormatError
from claimgraph.site.endpoint_page import endpoint_page

from .conftest import http
from claimgraph.sparql.server import SparqlServer
from claimgraph.sparql.worker import WorkerLimits

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "sparql"
BASE = "https://example.org/registry/sparql/"
SELECT = "SELECT ?s WHERE { ?s a cg:Conclusion }"
ASK = "ASK { <claim/x-energy> a cg:QuantitativeClaim }"
CONSTRUCT = "CONSTRUCT { ?c cg:cites ?s } WHERE { ?c cg:cites ?s }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
ALLOWED = "http://localhost:3000"


@pytest.fixture(scope="module")
def server():
    with SparqlServer(
        load(FIXTURE), page=endpoint_page, host="127.0.0.1", port=0, timeout=2.0, workers=2, quiet=True
    ) as srv:
        yield srv


@pytest.fixture(scope="module")
def open_server():
    """An endpoint letting one other origin's pages read its answers."""
    with SparqlServer(
        load(FIXTURE),
        page=endpoint_page,
        host="127.0.0.1",
        port=0,
        timeout=2.0,
        workers=1,
        quiet=True,
        allowed_origins=[ALLOWED + "/"],
    ) as srv:
        yield srv


def get(server, query: str | None, accept: str | None = None, **params):
    if query is not None:
        params["query"] = query
    headers = {"Accept": accept} if accept is not None else {}
    return http(server, "/sparql?" + urllib.parse.urlencode(params), headers=headers)


# --------------------------------------------------------------------------- negotiation


@pytest.mark.parametrize(
    "form, accept, expected",
    [
        ("SELECT", None, "json"),
        ("SELECT", "*/*", "json"),
        ("SELECT", "text/*", "csv"),
        ("SELECT", "text/tab-separated-values", "tsv"),
        ("SELECT", "application/sparql-results+xml;q=0.5, text/csv;q=0.9", "csv"),
        ("SELECT", "application/json;q=0, application/sparql-results+json;q=0, */*", "xml"),
        ("SELECT", "text/csv, */*", "csv"),
        ("SELECT", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "html"),  # a browser
        ("SELECT", "text/turtle;q=1, text/*;q=0.2", "csv"),
        ("ASK", "text/csv, application/sparql-results+json;q=0.1", "json"),
        ("ASK", "text/*", "table"),
        ("CONSTRUCT", "text/*", "turtle"),
        ("CONSTRUCT", "application/sparql-results+xml, application/rdf+xml", "rdfxml"),  # rdflib's SPARQLStore
        ("DESCRIBE", "application/n-triples", "ntriples"),
        ("DESCRIPTION", "text/turtle", "turtle"),
        ("DESCRIPTION", "application/ld+json", "jsonld"),
        ("DESCRIPTION", "text/html,*/*;q=0.8", "html"),
    ],
)
def test_accept_is_negotiated_with_weights_and_wildcards(form, accept, expected):
    assert choose(form, accept) == expected


@pytest.mark.parametrize(
    "form, accept",
    [
        ("SELECT", "image/png"),
        ("SELECT", "text/turtle"),
        ("ASK", "text/csv"),
        ("ASK", "text/tab-separated-values"),
        ("CONSTRUCT", "application/sparql-results+json"),
        ("SELECT", "application/sparql-results+json;q=0"),
        ("SELECT", "application/json;q=nan"),
    ],
)
def test_an_accept_nothing_can_serve_is_406(form, accept):
    with pytest.raises(ResultFormatError) as info:
        choose(form, accept)
    assert info.value.http_status == 406


def test_format_parameter_names_a_format_or_is_406_when_it_does_not_fit():
    assert negotiate("SELECT", "text/turtle", "csv") == "csv"  # the parameter wins over Accept
    assert negotiate("CONSTRUCT", None, "json") == "jsonld"  # SPARQLWrapper's name for JSON-LD
    assert negotiate("SELECT", "text/csv", "nonsense") == "csv"  # unknown: Accept decides
    assert negotiate("SELECT", None, "text/tab-separated-values") == "tsv"
    for form, fmt in (("ASK", "csv"), ("ASK", "tsv"), ("CONSTRUCT", "csv")):
        with pytest.raises(ResultFormatError):
            negotiate(form, None, fmt)


def test_an_unservable_accept_is_406_naming_what_is_served_not_json_with_200(server):
    for query, accept in ((SELECT, "image/png"), (SELECT, "text/turtle"), (CONSTRUCT, "text/csv")):
        status, headers, body = get(server, query, accept)
        assert status == 406, (query, accept, body)
        assert headers["Content-Type"].startswith("text/plain") and b"CG406" in body and b"ask for one of" in body


def test_text_wildcard_on_a_select_gives_csv_not_json(server):
    status, headers, body = get(server, SELECT, "text/*")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert body.decode().splitlines() == ["s", f"{BASE}step/conclusion"]


def test_ask_is_never_a_bare_true_in_csv_or_tsv(server):
    """The CSV/TSV results format is defined for SELECT only: an ASK asking for it alone gets 406,
    one that also accepts JSON gets JSON."""
    for accept in ("text/csv", "text/tab-separated-values"):
        status, _headers, body = get(server, ASK, accept)
        assert status == 406 and b"SELECT results only" in body
    assert get(server, ASK, None, format="csv")[0] == 406
    status, headers, body = get(server, ASK, "text/csv, application/sparql-results+json;q=0.5")
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}
    sparql = SPARQLWrapper(server.endpoint)
    sparql.setQuery(ASK)
    sparql.setReturnFormat(CSV)
    with pytest.raises(urllib.error.HTTPError) as info:
        sparql.query()
    assert info.value.code == 406


def test_sparqlwrapper_by_content_negotiation_only(server):
    sparql = SPARQLWrapper(server.endpoint)
    sparql.setOnlyConneg(True)  # no format= parameter: the Accept header alone decides
    sparql.setQuery(SELECT)
    sparql.setReturnFormat(TSV)
    assert sparql.query().convert().decode().splitlines() == ["?s", f"<{BASE}step/conclusion>"]
    sparql.setReturnFormat(JSON)
    sparql.setQuery(ASK)
    assert sparql.query().convert()["boolean"] is True


def test_rdflib_sparqlstore_reads_every_query_form(server):
    for return_format in ("xml", "json", "csv"):
        graph = rdflib.Graph(store=SPARQLStore(server.endpoint, returnFormat=return_format))
        rows = list(graph.query(SELECT))
        assert [str(r[0]) for r in rows] == [f"{BASE}step/conclusion"], return_format
    graph = rdflib.Graph(store=SPARQLStore(server.endpoint, returnFormat="xml"))
    assert graph.query(ASK).askAnswer is True
    constructed = graph.query(CONSTRUCT).graph
    assert len(constructed) == 7
    described = graph.query(f"DESCRIBE <{BASE}step/conclusion>").graph
    assert (rdflib.URIRef(f"{BASE}step/conclusion"), None, None) in described


# --------------------------------------------------------------------------- service description


def test_service_description_in_every_rdf_format_it_negotiates(server):
    graphs = {}
    for accept, rdflib_format in (
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ):
        status, headers, body = http(server, "/sparql", headers={"Accept": accept})
        assert status == 200 and headers["Content-Type"].startswith(accept), (accept, headers["Content-Type"])
        graphs[accept] = rdflib.Graph().parse(data=body, format=rdflib_format)
    first = next(iter(graphs.values()))
    assert all(isomorphic(first, g) for g in graphs.values())
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    endpoint = rdflib.URIRef(server.endpoint)
    assert (endpoint, rdflib.RDF.type, sd.Service) in first
    assert (endpoint, sd.supportedLanguage, sd.SPARQL11Query) in first
    assert (endpoint, sd.resultFormat, rdflib.URIRef("http://www.w3.org/ns/formats/SPARQL_Results_CSV")) in first
    assert http(server, "/sparql", headers={"Accept": "image/png"})[0] == 406
    status, headers, _ = http(server, "/sparql", headers={"Accept": "text/html,*/*;q=0.8"})  # a browser: the page
    assert status == 200 and headers["Content-Type"].startswith("text/html")


# --------------------------------------------------------------------------- OPTIONS and CORS


def test_options_answers_what_is_allowed_not_501(server):
    status, headers, body = http(server, "/sparql", method="OPTIONS")
    assert status == 204 and body == b""
    assert headers["Allow"] == "GET, HEAD, POST, OPTIONS"
    assert http(server, "/", method="OPTIONS")[1]["Allow"] == "GET, HEAD, OPTIONS"


def test_no_origin_is_allowed_by_default(server):
    """A page on another origin, as a browser sends it: the pre-flight is refused and so is the request
    itself (before any query runs), with no Access-Control-Allow-Origin anywhere."""
    origin = "https://yasgui.example"
    status, headers, _ = http(
        server,
        "/sparql",
        method="OPTIONS",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert status == 403 and "Access-Control-Allow-Origin" not in headers
    status, headers, body = http(
        server, "/sparql?" + urllib.parse.urlencode({"query": SELECT}), headers={"Origin": origin}
    )
    assert status == 403 and "Access-Control-Allow-Origin" not in headers and b"--allow-origin" in body


def test_the_endpoint_s_own_page_may_post_with_its_origin(server):
    """Browsers send Origin on a same-origin POST (the query page's fetch): that is not a foreign page."""
    own = server.url.rstrip("/")
    status, _headers, body = http(
        server,
        "/sparql",
        data=urllib.parse.urlencode({"query": ASK}).encode(),
        headers={
            "Origin": own,
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json",
        },
    )
    assert status == 200 and json.loads(body)["boolean"] is True


def test_a_preflight_from_the_endpoint_s_own_origin_is_granted(server):
    own = server.url.rstrip("/")
    status, headers, _ = http(
        server,
        "/sparql",
        method="OPTIONS",
        headers={
            "Origin": own,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Private-Network": "true",
        },
    )
    assert status == 204 and headers["Access-Control-Allow-Origin"] == own
    assert headers["Access-Control-Allow-Private-Network"] == "true"


def test_an_allowed_origin_gets_preflights_and_answers(open_server):
    status, headers, body = http(
        open_server,
        "/sparql",
        method="OPTIONS",
        headers={
            "Origin": ALLOWED,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type, Accept",
        },
    )
    assert status == 204 and body == b""
    assert headers["Access-Control-Allow-Origin"] == ALLOWED
    methods = {m.strip() for m in headers["Access-Control-Allow-Methods"].split(",")}
    assert methods == {"GET", "HEAD", "POST", "OPTIONS"}  # read-only: no PUT, DELETE, PATCH
    assert {h.strip() for h in headers["Access-Control-Allow-Headers"].split(",")} == {"content-type", "accept"}
    assert "Access-Control-Allow-Credentials" not in headers
    assert "Access-Control-Allow-Private-Network" not in headers  # not asked
    # the query itself, as fetch() sends it from the page
    status, headers, body = http(
        open_server,
        "/sparql",
        data=ASK.encode(),
        headers={
            "Origin": ALLOWED,
            "Content-Type": "application/sparql-query",
            "Accept": "application/sparql-results+json",
        },
    )
    assert status == 200 and headers["Access-Control-Allow-Origin"] == ALLOWED and "Origin" in headers["Vary"]
    assert json.loads(body)["boolean"] is True
    # an error is readable too
    status, headers, body = http(
        open_server, "/sparql?" + urllib.parse.urlencode({"query": "SELECT ?s {"}), headers={"Origin": ALLOWED}
    )
    assert status == 400 and headers["Access-Control-Allow-Origin"] == ALLOWED and b"CG401" in body


def test_private_network_access_preflight_is_answered_for_an_allowed_origin(open_server):
    ask = {"Access-Control-Request-Method": "GET", "Access-Control-Request-Private-Network": "true"}
    status, headers, _ = http(open_server, "/sparql", method="OPTIONS", headers={"Origin": ALLOWED, **ask})
    assert status == 204 and headers["Access-Control-Allow-Private-Network"] == "true"
    status, headers, _ = http(
        open_server, "/sparql", method="OPTIONS", headers={"Origin": "https://elsewhere.example", **ask}
    )
    assert status == 403 and "Access-Control-Allow-Private-Network" not in headers


def test_writing_methods_and_odd_headers_are_refused_in_preflight(open_server):
    for method in ("PUT", "DELETE", "PATCH"):
        status, headers, _ = http(
            open_server,
            "/sparql",
            method="OPTIONS",
            headers={"Origin": ALLOWED, "Access-Control-Request-Method": method},
        )
        assert status == 405 and "Access-Control-Allow-Methods" not in headers
    status, headers, body = http(
        open_server,
        "/sparql",
        method="OPTIONS",
        headers={
            "Origin": ALLOWED,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "x-update",
        },
    )
    assert status == 403 and b"x-update" in body


def test_origins_are_read_as_browsers_write_them():
    assert normalise_origin("HTTP://LocalHost:80/") == "http://localhost"
    assert normalise_origin("https://example.org:8443") == "https://example.org:8443"
    assert normalise_origin("http://[::1]:3000") == "http://[::1]:3000"
    for bad in (
        "example.org",
        "https://example.org/path",
        "https://user@example.org",
        "https://x.org?q=1",
        "http://x:99999",
    ):
        with pytest.raises(ValueError):
            normalise_origin(bad)
    policy = CorsPolicy(["*"])
    assert policy.allows("https://anything.example")
    assert policy.response_headers("https://anything.example")["Access-Control-Allow-Origin"] == "*"
    assert CorsPolicy([]).response_headers("https://anything.example") == {}


def test_serve_refuses_an_origin_that_is_not_one():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "claimgraph.cli",
            "serve",
            "--registry",
            str(FIXTURE),
            "--allow-origin",
            "https://example.org/app",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "--allow-origin" in result.stderr and "Traceback" not in result.stderr


# --------------------------------------------------------------------------- limits


def _when(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_a_result_past_its_size_limit_is_503_naming_the_limit():
    limits = WorkerLimits(memory_mb=1024, result_mb=0.05)
    big = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
    with SparqlServer(
        load(FIXTURE), page=endpoint_page, host="127.0.0.1", port=0, timeout=30, workers=1, quiet=True, limits=limits
    ) as srv:
        status, _headers, body = get(srv, big, "text/csv")
        assert status == 503 and b"CG408" in body and b"result size limit" in body, body[:300]
        status, _headers, body = get(srv, big + " LIMIT 5", "text/csv")  # the same worker goes on
        assert status == 200 and len(body.decode().splitlines()) == 6


def test_time_limit_replaces_the_worker_and_the_pool_is_whole_again(server):
    pool = server.pool
    status, _headers, body = get(server, RUNAWAY)
    assert status == 503 and b"CG405" in body and b"time limit" in body
    assert _when(lambda: len(pool._all) == pool.size and pool.idle.qsize() == pool.size)
    assert all(w.process.poll() is None for w in pool._all)


def test_every_worker_busy_is_503_naming_the_concurrency_limit_with_retry_after():
    with SparqlServer(
        load(FIXTURE), page=endpoint_page, host="127.0.0.1", port=0, timeout=3, workers=1, quiet=True, queue_wait=0.5
    ) as srv:
        runaway = threading.Thread(target=get, args=(srv, RUNAWAY))
        runaway.start()
        assert _when(lambda: srv.pool.idle.qsize() == 0, 10)
        status, headers, body = get(srv, ASK)
        runaway.join(30)
        assert status == 503 and b"CG409" in body and b"concurrency limit" in body
        assert int(headers["Retry-After"]) > 0
        assert _when(lambda: get(srv, ASK)[0] == 200)


def test_limits_from_the_environment_are_checked():
    assert WorkerLimits.from_environment({}).memory_mb == 1024
    assert WorkerLimits.from_environment({"CLAIMGRAPH_QUERY_RESULT_MB": "2.5"}).result_bytes == int(2.5 * 2**20)
    for bad in ("0", "-1", "nan", "lots"):
        with pytest.raises(ValueError, match="CLAIMGRAPH_QUERY_MEMORY_MB"):
            WorkerLimits.from_environment({"CLAIMGRAPH_QUERY_MEMORY_MB": bad})


@pytest.mark.parametrize(
    "query, accept, words",
    [
        ("SELECT ?o WHERE { ?s rdfs:comment ?o }", "application/sparql-results+xml", b"the value of ?o holds U+0007"),
        ("CONSTRUCT { ?s rdfs:comment ?o } WHERE { ?s rdfs:comment ?o }", "application/rdf+xml", b"holds U+0007"),
    ],
)
def test_xml_that_cannot_carry_a_character_is_406_never_200_ill_formed(tmp_path, query, accept, words):
    """The query is fine; the representation asked for cannot carry the answer (XML 1.0 has no way to
    write U+0007): 406 with a CG410 body saying which formats carry it, and the same query in one of
    those is answered."""
    import shutil

    from lxml import etree

    root = tmp_path / "registry"
    shutil.copytree(FIXTURE, root)
    claims = sorted((root / "claims").glob("*.ttl"))[0]
    comment = '\n<claim/x-energy> <http://www.w3.org/2000/01/rdf-schema#comment> "bell\\u0007 here" .\n'
    claims.write_text(claims.read_text(encoding="utf-8") + comment, encoding="utf-8")
    with SparqlServer(
        load(root), page=endpoint_page, host="127.0.0.1", port=0, timeout=30, workers=1, quiet=True
    ) as srv:
        status, _headers, body = get(srv, query, accept)
        assert status == 406 and body.startswith(b"CG410 error: ") and words in body, (status, body[:300])
        assert b"XML 1.0 cannot carry" in body and b"carry it" in body
        status, _headers, body = get(srv, query.replace("rdfs:comment", "rdfs:label"), accept)
        assert status == 200
        etree.fromstring(body)  # without the character, well-formed XML as before
        status, _headers, body = get(srv, query, "application/sparql-results+json, text/turtle")
        assert status == 200 and b"bell\\u0007 here" in body
