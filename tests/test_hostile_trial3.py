"""The third hostile-input trial's defects, each on real files through the real command line: a Turtle token
over Oxigraph's 16 MiB buffer, control characters reaching the terminal (query tables, the saved queries'
listing, CSV, the endpoint's log), a file name that is not UTF-8 under `check`, bidi characters in SARIF and
JSON, `init` arguments TOML cannot hold, Ctrl-C at start-up, and where two BibTeX and settings messages point."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import run_cli
from .made_registries import add_turtle

SRC = Path(__import__("claimgraph").__file__).resolve().parents[1]
#: what the trial wrote into a statement: colour, a window title (OSC … BEL), a screen clear, a NUL, a bidi override
HOSTILE = "red \\u001b[31mRED\\u001b]0;pwned\\u0007 \\u001b[2J nul\\u0000 \\u202eevil"
RAW_CONTROLS = ("\x1b", "\x07", "\x00")


def _registry(tmp_path: Path, name: str = "r") -> Path:
    root = tmp_path / name
    result = run_cli("init", str(root))
    assert result.code == 0, result.err
    return root


# ------------------------------------------------------------------ 1. a token over 16 MiB


@pytest.mark.parametrize(
    "body, line",
    [
        ("\n# " + "x" * (17 * 1024 * 1024) + "\n", 2),  # a comment: Oxigraph's fast path into the store
        ('\n\n<claim/a> <https://w3id.org/claimgraph/ns#statement> "' + "x" * (17 * 1024 * 1024) + '"@en .\n', 3),
        # a control escape sends the file through the Python-side parse first (the literal checks)
        ('\n\n\n<claim/a> <https://w3id.org/claimgraph/ns#statement> "\\u0007' + "x" * (17 * 1024 * 1024) + '" .\n', 4),
    ],
    ids=["comment", "string", "string-checked"],
)
def test_a_token_over_16_mib_is_cg111_at_its_line_and_the_file_is_left_out(tmp_path, body, line):
    root = _registry(tmp_path)
    long_file = root / "claims" / "long.ttl"
    long_file.write_text(body, encoding="utf-8")
    result = run_cli("check", "--registry", str(root), "--no-cache")
    assert result.code == 1, result.err
    assert "Traceback" not in result.err + result.out
    assert f"claims/long.ttl:{line}: CG111 error: a token (a string, an IRI or a comment) over 16,777,216 bytes" in (
        result.out
    ), result.out
    for command in (["list", "claims"], ["export", "-f", "csv"], ["build", "--out", str(tmp_path / "site")]):
        result = run_cli(*command, "--registry", str(root))
        assert result.code == 1, (command, result.err)
        assert f"claims/long.ttl:{line}: CG111" in result.err and "Traceback" not in result.err, result.err
    assert not (tmp_path / "site").exists()
    assert long_file.read_text(encoding="utf-8") == body  # nothing lost


# ------------------------------------------------------------------ 2. control characters and the terminal


@pytest.fixture
def hostile_registry(tmp_path) -> Path:
    root = _registry(tmp_path)
    add_turtle(root, f'claim:x a cg:Claim ; cg:statement "{HOSTILE}"@en .')
    (root / "queries").mkdir(exist_ok=True)
    (root / "queries" / "e.rq").write_text(
        "# title: evil \x1b]0;pwned\x07\x1b[2J\n# description: also \u202ehidden\nSELECT * WHERE { ?s ?p ?o }\n",
        encoding="utf-8",
    )
    return root


def _no_raw_controls(text: str) -> None:
    for char in RAW_CONTROLS:
        assert char not in text, repr(text)


def test_query_table_escapes_controls_and_bidi_as_the_text_report(hostile_registry):
    result = run_cli("query", "--registry", str(hostile_registry), "SELECT ?s WHERE { ?c cg:statement ?s }")
    assert result.code == 0, result.err
    _no_raw_controls(result.out)
    assert "\u202e" not in result.out
    assert "red \\x1b[31mRED\\x1b]0;pwned\\x07 \\x1b[2J nul\\x00 \\u202eevil" in result.out, result.out


def test_machine_formats_of_query_stay_faithful(hostile_registry):
    result = run_cli(
        "query", "--registry", str(hostile_registry), "-f", "json", "SELECT ?s WHERE { ?c cg:statement ?s }"
    )
    assert result.code == 0, result.err
    values = [b["s"]["value"] for b in json.loads(result.out)["results"]["bindings"]]
    assert values == ["red \x1b[31mRED\x1b]0;pwned\x07 \x1b[2J nul\x00 \u202eevil"]


def test_query_csv_escapes_controls_but_keeps_bidi(hostile_registry):
    result = run_cli(
        "query", "--registry", str(hostile_registry), "-f", "csv", "SELECT ?s WHERE { ?c cg:statement ?s }"
    )
    assert result.code == 0, result.err
    _no_raw_controls(result.out)
    assert "red \\x1b[31mRED\\x1b]0;pwned\\x07 \\x1b[2J nul\\x00 \u202eevil" in result.out, result.out


def test_saved_query_listing_escapes_its_title_and_check_reports_it(hostile_registry):
    result = run_cli("queries", "--registry", str(hostile_registry), "--long")
    _no_raw_controls(result.out)
    assert "\u202e" not in result.out
    assert "evil \\x1b]0;pwned\\x07\\x1b[2J" in result.out and "also \\u202ehidden" in result.out, result.out
    as_json = run_cli("queries", "--registry", str(hostile_registry), "-f", "json")
    titles = {q["name"]: q["title"] for q in json.loads(as_json.out)}
    assert titles["e"] == "evil \x1b]0;pwned\x07\x1b[2J"  # JSON: the data as it is
    check = run_cli("check", "--registry", str(hostile_registry), "--no-cache")
    assert "queries/e.rq:1: CG121 error: saved query 'e': its header holds U+001B ESCAPE, U+0007 BELL" in check.out
    assert "queries/e.rq:2: CG121 error: saved query 'e': its header holds U+202E RIGHT-TO-LEFT OVERRIDE" in check.out


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_claim_tables_escape_controls_in_list_and_export(hostile_registry, fmt):
    listed = run_cli("list", "claims", "--registry", str(hostile_registry), "-f", fmt)
    assert listed.code == 0, listed.err
    _no_raw_controls(listed.out)
    assert "red \\x1b[31mRED\\x1b]0;pwned\\x07 \\x1b[2J nul\\x00 \u202eevil" in listed.out, listed.out
    if fmt == "csv":
        exported = run_cli("export", "--registry", str(hostile_registry), "-f", "csv")
        assert exported.code == 0, exported.err
        assert exported.out == listed.out  # one rule for every CSV of the claims
    as_json = run_cli("list", "claims", "--registry", str(hostile_registry), "-f", "json")
    statements = [row["statement_en"] for row in json.loads(as_json.out)]
    assert "red \x1b[31mRED\x1b]0;pwned\x07 \x1b[2J nul\x00 \u202eevil" in statements


def test_site_and_rocrate_claims_csv_hold_no_raw_nul(hostile_registry, tmp_path):
    site = tmp_path / "site"
    built = run_cli("build", "--registry", str(hostile_registry), "--out", str(site))
    assert built.code == 0, built.err
    listed = run_cli("list", "claims", "--registry", str(hostile_registry))
    downloads = (site / "downloads" / "claims.csv").read_text(encoding="utf-8")
    _no_raw_controls(downloads)
    assert downloads == listed.out
    saved_answer = (site / "sparql" / "e.csv").read_text(encoding="utf-8")  # the saved query's download
    _no_raw_controls(saved_answer)
    assert "red \\x1b[31mRED\\x1b]0;pwned\\x07 \\x1b[2J nul\\x00 \u202eevil" in saved_answer, saved_answer
    crate = tmp_path / "crate"
    exported = run_cli("export", "--registry", str(hostile_registry), "-f", "rocrate", "--out", str(crate))
    assert exported.code == 0, exported.err
    assert (crate / "claims.csv").read_text(encoding="utf-8") == listed.out


def test_endpoint_text_plain_table_escapes_controls(hostile_registry):
    from claimgraph.registry import load
    from claimgraph.site.endpoint_page import endpoint_page
    from claimgraph.sparql.server import SparqlServer

    with SparqlServer(load(hostile_registry), page=endpoint_page, host="127.0.0.1", port=0, quiet=True) as server:
        query = "PREFIX cg: <https://w3id.org/claimgraph/ns#> SELECT ?s WHERE { ?c cg:statement ?s }"
        status, headers, body = _get(server.endpoint, query, "text/plain")
    assert status == 200 and headers["Content-Type"].startswith("text/plain"), (status, headers)
    text = body.decode("utf-8")
    _no_raw_controls(text)
    assert "\\x1b]0;pwned\\x07" in text and "\\u202eevil" in text, text


def _get(endpoint: str, query: str, accept: str):
    import urllib.parse
    import urllib.request

    request = urllib.request.Request(
        endpoint + "?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers, response.read()


# ------------------------------------------------------------------ 3. the endpoint's log


def test_endpoint_log_escapes_controls_of_the_request_line(tmp_path, capsys):
    from claimgraph.registry import load
    from claimgraph.site.endpoint_page import endpoint_page
    from claimgraph.sparql.server import SparqlServer

    root = _registry(tmp_path)
    with SparqlServer(load(root), page=endpoint_page, host="127.0.0.1", port=0, quiet=False) as server:
        host, port = server.httpd.server_address[:2]
        with socket.create_connection((host, port), timeout=30) as conn:
            conn.sendall(
                b"GET /sparql?\x1b]0;pwned\x07\x1b[2J\xe2\x80\xae HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            )
            while conn.recv(65536):  # the request is logged before the answer is sent
                pass
    err = capsys.readouterr().err
    assert "GET /sparql?" in err, err
    _no_raw_controls(err)
    assert "\\x1b]0;pwned\\x07\\x1b[2J" in err, err


# ------------------------------------------------------------------ 4. a file name that is not UTF-8


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_check_names_a_file_whose_name_is_not_utf8_and_checks_the_rest(tmp_path, fmt):
    root = _registry(tmp_path)
    try:
        with open(os.fsencode(root / "claims") + b"/lat\xe9.ttl", "wb") as handle:
            handle.write(b"broken\n")
    except OSError:
        pytest.skip("the file system refuses names that are not UTF-8")
    add_turtle(root, "claim:y a cg:Claim .")  # the other files are checked: the claim's findings are there
    for _ in range(2):  # from nothing, then from the check cache
        result = run_cli("check", "--registry", str(root), "--format", fmt)
        assert result.code == 1, result.err
        assert "not UTF-8" not in result.err, result.err
        if fmt == "sarif":
            uris = [
                loc["physicalLocation"]["artifactLocation"]["uri"]
                for r in json.loads(result.out)["runs"][0]["results"]
                for loc in r.get("locations", [])
                if "physicalLocation" in loc
            ]
            assert "claims/lat%E9.ttl" in uris, uris
        elif fmt == "json":
            files = [f["file"] for f in json.loads(result.out)["findings"]]
            assert "claims/lat\udce9.ttl" in files, files  # the JSON escape \udce9: the name Python reads
            assert "\\udce9" in result.out
        else:
            assert "claims/lat\\udce9.ttl" in result.out, result.out
        assert "CG204" in result.out or "cites no source" in result.out, result.out


# ------------------------------------------------------------------ 5. bidi characters in SARIF and JSON


def test_sarif_and_json_write_a_bidi_override_of_an_iri_escaped(tmp_path):
    root = _registry(tmp_path)
    add_turtle(root, '<claim/h\\u202eevil> a cg:Claim ; cg:statement "A claim."@en .')
    sarif = run_cli("check", "--registry", str(root), "--format", "sarif")
    assert "\u202e" not in sarif.out
    names = [
        logical["fullyQualifiedName"]
        for r in json.loads(sarif.out)["runs"][0]["results"]
        for loc in r.get("locations", [])
        for logical in loc.get("logicalLocations", [])
    ]
    assert names and all("\u202e" not in n for n in names) and any(n.endswith("claim/h\\u202eevil") for n in names)
    report = run_cli("check", "--registry", str(root), "--format", "json")
    assert "\u202e" not in report.out and "\\u202e" in report.out
    subjects = {f["subject"] for f in json.loads(report.out)["findings"]}
    assert any(s and s.endswith("claim/h\u202eevil") for s in subjects), subjects  # JSON: the same string


# ------------------------------------------------------------------ 6. init arguments


@pytest.mark.parametrize(
    "args, named",
    [
        (["e\x1b[31mx"], "the folder name 'e\\x1b[31mx' (the default --title) holds U+001B ESCAPE"),
        (["ok", "--title", "T\x1b[2J"], "--title holds U+001B ESCAPE"),
        (["ok", "--title", "T\u202e"], "--title holds U+202E RIGHT-TO-LEFT OVERRIDE"),
    ],
)
def test_init_refuses_control_characters_by_argument_before_writing(tmp_path, args, named):
    target = tmp_path / args[0]
    result = run_cli("init", str(target), *args[1:])
    assert result.code == 2, result.err
    assert named in result.err and "claimgraph.toml" not in result.err, result.err
    _no_raw_controls(result.err)
    assert not target.exists()


# ------------------------------------------------------------------ 7. Ctrl-C at start-up


def test_interrupt_while_the_parser_is_built_is_exit_130(monkeypatch):
    import claimgraph.cli as cli

    def interrupted():
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "build_parser", interrupted)
    try:
        result = run_cli("check")
    except KeyboardInterrupt:  # (it would end the whole test session)
        pytest.fail("the interrupt escaped main()")
    assert result.code == 130 and result.err == "claimgraph: interrupted\n", result


@pytest.mark.parametrize("delay", [0.15, 0.3, 0.5, 0.8])
def test_ctrl_c_soon_after_start_is_interrupted_never_a_traceback(tmp_path, delay):
    root = _registry(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "claimgraph", "check", "--registry", str(root), "--no-cache"],
        env={**os.environ, "PYTHONPATH": str(SRC)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    if process.returncode == 0 and not err:
        return  # the check ended before the signal came
    assert "Traceback" not in err, err
    assert process.returncode == 130 and err.endswith("claimgraph: interrupted\n"), (process.returncode, err)


# ------------------------------------------------------------------ 8. where two messages point


def test_control_in_a_bibtex_field_is_reported_at_the_fields_line(tmp_path):
    root = _registry(tmp_path)
    (root / "bib" / "references.bib").write_text(
        "@misc{Key2020,\n  title = {Fine},\n  note = {bad \x07 bell},\n  year = {2020},\n}\n", encoding="utf-8"
    )
    result = run_cli("check", "--registry", str(root), "--no-cache")
    assert "bib/references.bib:3: CG110 error: field 'note' of 'Key2020' holds control character U+0007" in (
        result.out
    ), result.out


def test_settings_not_utf8_names_the_byte_and_its_offset(tmp_path):
    root = _registry(tmp_path)
    settings = root / "claimgraph.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_bytes(text.replace('title = "', 'title = "Caf\xe9 ', 1).encode("latin-1"))
    offset = text.encode("utf-8").index(b'title = "') + len(b'title = "Caf')
    result = run_cli("list", "claims", "--registry", str(root))
    assert result.code == 2
    assert f"not UTF-8: byte 0xe9 at offset {offset}" in result.err, result.err
