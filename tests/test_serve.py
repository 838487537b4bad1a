"""``claimgraph serve``: the read-only SPARQL 1.1 Protocol endpoint, tested over HTTP with SPARQLWrapper."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from claimgraph.registry import load
from claimgraph.site.endpoint_page import endpoint_page

from .conftest import PROJECT, http
from claimgraph.sparql.server import SparqlServer

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "sparql"
BASE = "https://example.org/registry/sparql/"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
TIMEOUT = 2.0


@pytest.fixture(scope="module")
def server():
    with SparqlServer(
        load(FIXTURE), page=endpoint_page, host="127.0.0.1", port=0, timeout=TIMEOUT, workers=2, quiet=True
    ) as srv:
        yield srv


def client(server, query: str, fmt=JSON, method=None) -> SPARQLWrapper:
    sparql = SPARQLWrapper(server.endpoint)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setTimeout(30)
    if method:
        sparql.setMethod(POST)
        sparql.setRequestMethod(method)
    return sparql


# --------------------------------------------------------------------------- answers


def test_select_json_over_get(server):
    result = client(server, "SELECT ?key WHERE { <claim/x-energy-blog> cg:primarySource/cg:bibKey ?key }").query()
    data = result.convert()
    assert [b["key"]["value"] for b in data["results"]["bindings"]] == ["Doe2021"]


def test_select_over_post_form_and_post_directly(server):
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?c a cg:QuantitativeClaim }"
    for method in ("urlencoded", POSTDIRECTLY):
        data = client(server, text, method=method).query().convert()
        assert data["results"]["bindings"][0]["n"]["value"] == "5"


def test_select_xml_and_csv(server):
    doc = client(server, "SELECT ?s WHERE { ?s a cg:Conclusion }", XML).query().convert()
    assert doc.getElementsByTagName("uri")[0].firstChild.data == BASE + "step/conclusion"
    text = client(server, "SELECT ?s WHERE { ?s a cg:Conclusion }", CSV).query().convert().decode()
    assert text.splitlines() == ["s", BASE + "step/conclusion"]


def test_ask(server):
    assert client(server, "ASK { <claim/y-energy> cg:status status:verifiedSecondary }").query().convert()["boolean"]


def test_construct_turtle_is_rdf(server):
    graph = client(server, "CONSTRUCT { ?c cg:cites ?s } WHERE { ?c cg:cites ?s }", TURTLE).query().convert()
    import rdflib

    parsed = rdflib.Graph().parse(data=graph, format="turtle")
    assert len(parsed) == 7


def test_saved_query_runs_through_the_endpoint(server):
    saved = json.loads(http(server, "/queries.json")[2])
    text = next(q["text"] for q in saved if q["name"] == "secondary-only")
    data = client(server, text).query().convert()
    assert [b["claim"]["value"] for b in data["results"]["bindings"]] == [BASE + "claim/y-energy"]


def test_accept_negotiation_without_a_client_library(server):
    query = urllib.parse.urlencode({"query": "SELECT ?s WHERE { ?s a cg:Conclusion }"})
    status, headers, body = http(server, f"/sparql?{query}", headers={"Accept": "text/tab-separated-values"})
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    assert body.decode().splitlines() == ["?s", f"<{BASE}step/conclusion>"]
    status, headers, body = http(server, f"/sparql?{query}", headers={"Accept": "text/html"})
    assert headers["Content-Type"].startswith("text/html") and b"step/conclusion" in body


# --------------------------------------------------------------------------- refusals


def test_update_is_refused_and_changes_nothing(server):
    update = f"INSERT DATA {{ <{BASE}claim/new> a <https://w3id.org/claimgraph/ns#Claim> }}"
    sparql = client(server, update)
    sparql.setMethod(POST)
    with pytest.raises(QueryBadFormed) as info:  # SPARQLWrapper's name for a 400
        sparql.query()
    assert "CG402" in str(info.value)
    status, _, body = http(
        server, "/sparql", data=update.encode(), headers={"Content-Type": "application/sparql-update"}
    )
    assert status == 400 and b"read-only" in body
    status, _, body = http(
        server,
        "/sparql",
        data=urllib.parse.urlencode({"query": update}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 400 and b"CG402" in body
    assert not client(server, f"ASK {{ <{BASE}claim/new> ?p ?o }}").query().convert()["boolean"]


def test_service_is_refused(server):
    with pytest.raises(QueryBadFormed) as info:
        client(server, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }").query()
    assert "SERVICE refused" in str(info.value)


def test_load_from_and_remote_dataset_are_refused(server):
    for text in ("LOAD <http://example.org/x.ttl>", "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }"):
        status, _, _ = http(server, "/sparql?" + urllib.parse.urlencode({"query": text}))
        assert status == 400
    query = urllib.parse.urlencode({"query": "ASK {}", "default-graph-uri": "http://example.org/g"})
    assert http(server, f"/sparql?{query}")[0] == 400


def test_malformed_query_is_400_with_position(server):
    with pytest.raises(QueryBadFormed) as info:
        client(server, "SELECT ?s WHERE {\n  ?s ?p\n}").query()
    assert "line 2, column 3" in str(info.value)


def test_other_methods_and_foreign_hosts_are_refused(server):
    assert http(server, "/sparql", data=b"x", method="PUT")[0] == 405
    assert http(server, "/sparql", method="DELETE")[0] == 405
    status, _, body = http(server, "/", headers={"Host": "attacker.example:80"})
    assert status == 403 and b"localhost" in body


# --------------------------------------------------------------------------- time bounds


def test_runaway_query_times_out_without_blocking_others(server):
    outcome: dict = {}

    def runaway():
        started = time.monotonic()
        try:
            client(server, RUNAWAY).query()
            outcome["status"] = 200
        except urllib.error.HTTPError as exc:
            outcome["status"] = exc.code
            outcome["body"] = exc.read()
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    data = client(server, "ASK { <claim/x-energy> a cg:QuantitativeClaim }").query().convert()
    assert data["boolean"] is True
    assert time.monotonic() - started < 1.0, "a quick query waited for the runaway one"
    thread.join(30)
    assert outcome["status"] == 503 and b"CG405" in outcome["body"] and b"time limit" in outcome["body"]
    assert outcome["seconds"] < TIMEOUT + 3
    # the endpoint keeps answering, on the surviving worker and on the replacement
    for _ in range(4):
        assert client(server, "ASK { ?s ?p ?o }").query().convert()["boolean"] is True


# --------------------------------------------------------------------------- the page


def test_query_page_offers_the_saved_queries(server):
    status, headers, body = http(server, "/")
    page = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "Claims that rest only on secondary sources" in page
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert http(server, "/query.js")[0] == 200
    status, _, text = http(server, "/queries/secondary-only.rq")
    assert status == 200 and text.startswith(b"# title:")
    assert http(server, "/queries/nope.rq")[0] == 404


def test_query_page_is_rendered_from_its_packaged_template_with_the_data_escaped(tmp_path):
    from claimgraph.sparql.server import PAGE_FOLDER

    registry = tmp_path / "registry"
    shutil.copytree(FIXTURE, registry)
    hostile = "<script>alert(1)</script> & co"
    (registry / "queries").mkdir(exist_ok=True)
    (registry / "queries" / "hostile.rq").write_text(f"# title: {hostile}\nASK {{ ?s ?p ?o }}\n", encoding="utf-8")
    with SparqlServer(
        load(registry), page=endpoint_page, host="127.0.0.1", port=0, timeout=TIMEOUT, workers=1, quiet=True
    ) as srv:
        _, _, body = http(srv, "/")
        _, headers, script = http(srv, "/query.js")
    page = body.decode()
    template = (PAGE_FOLDER / "page.html.j2").read_text(encoding="utf-8")
    # the page's fixed parts are the template's (its style sheet, its form), its values filled in
    for line in (
        "textarea{width:100%;font-family:monospace;font-size:.9em}",
        '<form id="form" method="get" action="/sparql">',
        '<script src="/query.js"></script>',
    ):
        assert line in template and line in page
    assert "{{" not in page and "{%" not in page
    assert f"Endpoint: <code>{srv.endpoint}</code>" in page
    # a title from the data is text in the option and inert JSON in the script element
    assert hostile not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    assert "\\u003cscript\\u003e" in page
    assert script.decode() == (PAGE_FOLDER / "query.js").read_text(encoding="utf-8")
    assert headers["Content-Type"].startswith("text/javascript")


def test_service_description(server):
    status, headers, body = http(server, "/sparql", headers={"Accept": "text/turtle"})
    assert status == 200 and b"sd:SPARQL11Query" in body


# --------------------------------------------------------------------------- the command


def _default_ctrl_c() -> None:
    # A shell starting the test run in the background (`cmd &`) has it ignore SIGINT, and a child
    # inherits that: Python then installs no KeyboardInterrupt handler, so Ctrl-C could not be tested.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_serve_command_binds_localhost_and_stops_on_ctrl_c():
    process = subprocess.Popen(
        [sys.executable, "-m", "claimgraph.cli", "serve", "--registry", str(FIXTURE), "--port", "0", "--quiet"],
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_ctrl_c,
    )
    try:
        line = process.stderr.readline()
        match = re.search(r"SPARQL endpoint (http://127\.0\.0\.1:\d+/sparql)", line)
        assert match, line
        sparql = SPARQLWrapper(match.group(1))
        sparql.setQuery("ASK { <claim/x-energy> a cg:QuantitativeClaim }")
        sparql.setReturnFormat(JSON)
        assert sparql.query().convert()["boolean"] is True
    finally:
        process.send_signal(signal.SIGINT)
        try:
            rest = process.communicate(timeout=20)[1]
        except subprocess.TimeoutExpired:
            process.kill()
            raise
    # exit 0, not 130: Ctrl-C is how a server ends, as README's table of exit codes says
    assert process.returncode == 0 and "claimgraph: stopped" in rest
    assert "Traceback" not in rest
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert "| 0 | `serve` stopped with Ctrl-C (`claimgraph: stopped`)" in readme


def test_a_query_past_its_memory_budget_gets_503_naming_the_limit_not_500(monkeypatch):
    """Each worker's address space is capped (CLAIMGRAPH_QUERY_MEMORY_MB) once the data is loaded."""
    monkeypatch.setenv("CLAIMGRAPH_QUERY_MEMORY_MB", "48")
    hungry = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g ?c ?f ?i"
    with SparqlServer(
        load(FIXTURE), page=endpoint_page, host="127.0.0.1", port=0, timeout=60, workers=1, quiet=True
    ) as srv:
        started = time.monotonic()
        status, _headers, body = http(srv, "/sparql?" + urllib.parse.urlencode({"query": hungry}))
        assert status == 503 and b"CG407" in body and b"memory limit" in body, body[:300]
        assert time.monotonic() - started < 60, "stopped by the deadline, not by the memory cap"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # the replacement worker starts in the background
            status, _headers, body = http(
                srv,
                "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}),
                headers={"Accept": "application/sparql-results+json"},
            )
            if status == 200:
                break
            time.sleep(0.5)
        assert status == 200 and json.loads(body)["boolean"] is True


def _children(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_workers_end_with_a_killed_server_even_mid_query():
    """A server killed outright (SIGKILL, as `timeout -s KILL` or an OOM killer would) while a worker runs a
    runaway query leaves no worker computing on: each notices its parent is gone and exits."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "claimgraph.cli",
            "serve",
            "--registry",
            str(FIXTURE),
            "--port",
            "0",
            "--quiet",
            "--timeout",
            "600",
            "--workers",
            "2",
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        match = re.search(r"SPARQL endpoint (http://127\.0\.0\.1:\d+/sparql)", process.stderr.readline())
        assert match
        workers = _children(process.pid)
        assert len(workers) == 2
        url = match.group(1) + "?" + urllib.parse.urlencode({"query": RUNAWAY})
        threading.Thread(target=lambda: urllib.request.urlopen(url, timeout=60), daemon=True).start()
        time.sleep(1.0)  # the runaway query is running in one of them
    finally:
        process.kill()
        process.wait(10)
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:  # do not leave them to burn the CPU of the rest of the suite
        subprocess.run(["kill", "-9", str(pid)], check=False)
    assert not left, "a worker outlived its server"
