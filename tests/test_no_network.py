"""Hardening: no command reaches the network.

A child Python process installs an audit hook that records and refuses every
connection attempt (``socket.connect``, name lookups, ``urllib``), then runs
each command in-process on a registry full of remote references: owl:imports,
a JSON-LD file with a remote @context, a shape with owl:imports and a
SHACL-SPARQL SERVICE, source URLs, and queries with SERVICE, FROM and LOAD.
Audit hooks cannot be removed, hence the child process: the SPARQL endpoint
tests of this suite use localhost sockets.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap

from .conftest import FIXTURES, PROJECT

CHILD = textwrap.dedent(r"""
    import io, json, sys
    from contextlib import redirect_stderr, redirect_stdout

    attempts = []

    def hook(event, args):
        if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
                     "socket.sendto", "urllib.Request", "http.client.connect", "ftplib.connect",
                     "smtplib.connect", "webbrowser.open"):
            attempts.append(f"{event} {args!r}"[:200])
            raise ConnectionRefusedError(f"network access during a test: {event}")

    sys.addaudithook(hook)
    from claimgraph.cli import main

    results = []
    for argv in json.loads(sys.argv[1]):
        raw = io.BytesIO()
        out, err = io.TextIOWrapper(raw, encoding="utf-8", write_through=True), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 2
            except BaseException as exc:
                import traceback
                traceback.print_exc(file=err)
                code = "crash"
        results.append({"argv": argv, "code": code, "err": err.getvalue()[-2000:], "out": raw.getvalue().decode("utf-8", "replace")[-500:]})
    print(json.dumps({"attempts": attempts, "results": results}))
""")


def hostile_registry(root):
    shutil.copytree(FIXTURES / "valid", root)
    (root / "claims" / "imports.ttl").write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<claim/imports> owl:imports <http://example.org/ontology.ttl> , <https://example.org/x.jsonld> .\n"
        "<claim/imports> <http://www.w3.org/2000/01/rdf-schema#seeAlso> <http://example.org/more> .\n"
    )
    (root / "claims" / "context.jsonld").write_text(
        '{"@context": "https://example.org/context.jsonld", "@id": "claim/remote", "name": "x"}\n'
    )
    (root / "claims" / "entities.rdf").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY e SYSTEM "http://example.org/e">]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">&e;</rdf:RDF>\n'
    )
    (root / "shapes").mkdir()
    (root / "shapes" / "remote.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<#shapes> owl:imports <http://example.org/shapes.ttl> .\n"
        "<#S> a sh:NodeShape ; sh:targetClass <https://w3id.org/claimgraph/ns#Claim> ;\n"
        '  sh:sparql [ sh:select "SELECT $this WHERE { SERVICE <http://example.org/sparql> { $this ?p ?o } }" ] .\n'
    )
    (root / "queries").mkdir(exist_ok=True)
    (root / "queries" / "remote.rq").write_text(
        "# title: remote\nSELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }\n"
    )
    return root


def test_no_command_opens_a_connection(tmp_path):
    root = str(hostile_registry(tmp_path / "reg"))
    out = tmp_path / "out"
    commands = [
        ["check", "-r", root, "--no-cache"],
        ["check", "-r", root, "--no-cache", "-f", "sarif"],
        ["query", "-r", root, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"],
        ["query", "-r", root, "SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }"],
        ["query", "-r", root, "LOAD <http://example.org/data.ttl>"],
        ["query", "-r", root, "remote"],
        ["query", "-r", root, "SELECT ?o WHERE { ?s <http://www.w3.org/2002/07/owl#imports> ?o }", "-f", "json"],
        ["query", "-r", root, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 50", "-f", "rdfxml"],
        ["list", "claims", "-r", root],
        ["queries", "-r", root],
        ["export", "-r", root, "--allow-load-errors", "-f", "jsonld", "-o", str(out / "x.jsonld")],
        ["export", "-r", root, "--allow-load-errors", "-f", "turtle", "-o", str(out / "x.ttl")],
        [
            "export",
            "-r",
            root,
            "--allow-load-errors",
            "-f",
            "rocrate",
            "-o",
            str(out / "crate"),
            "--date",
            "2024-01-01",
        ],
        ["diff", str(FIXTURES / "valid"), root],
        ["build", "-r", root, "--out", str(out / "site")],
        ["new", "claim", "-r", root, "--id", "netcheck", "--statement", "x", "--cites", "Doe2021", "--dry-run"],
    ]
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(commands)], capture_output=True, text=True, timeout=600, cwd=PROJECT
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["attempts"] == [], report["attempts"]
    for result in report["results"]:
        assert result["code"] in (0, 1, 2), result
        assert "Traceback" not in result["err"], result
        assert "network access during a test" not in result["err"] + result["out"], result
    by_text = {" ".join(r["argv"][:4]): r for r in report["results"]}
    refused = [r for r in report["results"] if r["argv"][0] == "query" and r["code"] == 2]
    assert len(refused) >= 4  # SERVICE, FROM, LOAD, and the saved query using SERVICE
    assert by_text[f"check -r {root} --no-cache"]["code"] == 1  # the shape with SERVICE is refused (CG112)


def test_the_audit_hook_does_catch_a_connection():
    """The guard itself works: a deliberate connection attempt is recorded and refused."""
    probe = CHILD.replace(
        "from claimgraph.cli import main",
        "import socket\n"
        "try:\n    socket.create_connection(('192.0.2.1', 9), timeout=0.1)\n"
        "except OSError:\n    pass\nmain = None",
    )
    proc = subprocess.run([sys.executable, "-c", probe, "[]"], capture_output=True, text=True, timeout=60)
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["attempts"] and report["attempts"][0].startswith("socket.")
