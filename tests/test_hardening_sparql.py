"""Hardening of SPARQL input: deep nesting, saved queries read like registry files, long inline
queries, --timeout values, undeclared prefixes. Each test runs the real command on a copy of a
fixture registry; those that could crash the interpreter (a segfault in Oxigraph) run it as a process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from claimgraph.registry import load
from claimgraph.sparql.saved import saved_queries

from .conftest import run_cli, run_process

DEEP = 5000  # far past what Oxigraph's recursive parser survives on an 8 MiB stack (about 830 levels)

NESTED = {
    "braces": "SELECT * WHERE " + "{" * DEEP + "?s ?p ?o" + "}" * DEEP,
    "parentheses": "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * DEEP + "1" + ")" * DEEP + ") }",
    # `<(((…)))>` looks like an IRI to a lexer, but Oxigraph parses `?o < ((( … )))` all the same
    "behind-less-than": "SELECT * WHERE { BIND(1 AS ?o) FILTER(?o<" + "(" * DEEP + "2" + ")" * DEEP + ">0) }",
    # `!` nests like `!( … )`; 20,000 of them overflow the stack as well
    "negations": "SELECT * WHERE { ?s ?p ?o FILTER(" + "! " * 20000 + "true) }",
}


@pytest.fixture
def registry(copy_fixture):
    root = copy_fixture("sparql")
    (root / "queries").mkdir(exist_ok=True)
    return root


def clean_error(result, exit_code: int = 2):
    assert result.code == exit_code, (result.code, result.out, result.err)
    assert "Traceback" not in result.err and "Traceback" not in result.out


# --------------------------------------------------------------------------- nesting


@pytest.mark.parametrize("kind", sorted(NESTED))
def test_deeply_nested_query_is_refused_with_its_position_not_a_segfault(registry, kind):
    (registry / "deep.rq").write_text(NESTED[kind])
    result = run_process("query", str(registry / "deep.rq"), "-r", str(registry), timeout=120)
    clean_error(result)
    assert result.out == ""
    assert "deep.rq:1:" in result.err and "CG401 error: query nested more than 128 levels deep" in result.err


def test_nesting_up_to_the_limit_is_accepted_and_one_more_level_is_not():
    from claimgraph.sparql.run import MAX_QUERY_NESTING, nesting_error

    at_limit = "ASK " + "{" * MAX_QUERY_NESTING + "}" * MAX_QUERY_NESTING
    assert nesting_error(at_limit) is None
    error = nesting_error("ASK\n  " + "{" * (MAX_QUERY_NESTING + 1) + "}" * (MAX_QUERY_NESTING + 1))
    assert (error.line, error.column) == (2, 3 + MAX_QUERY_NESTING)  # the level past the limit
    # brackets inside strings and comments are not nesting
    assert nesting_error('ASK { FILTER("' + "(" * DEEP + '") } # ' + "{" * DEEP) is None


def test_deeply_nested_saved_query_is_refused_by_name(registry):
    (registry / "queries" / "deep.rq").write_text("# title: Deep\n" + NESTED["braces"])
    result = run_process("query", "deep", "-r", str(registry), timeout=120)
    clean_error(result)
    assert "queries/deep.rq:2:" in result.err and "nested more than 128 levels" in result.err


def test_endpoint_answers_400_to_a_deeply_nested_query(registry):
    from claimgraph.sparql.server import SparqlServer

    with SparqlServer(load(registry), host="127.0.0.1", port=0, timeout=30, workers=1, quiet=True) as server:
        for text in (NESTED["braces"], NESTED["parentheses"]):
            request = urllib.request.Request(
                server.endpoint, data=text.encode(), headers={"Content-Type": "application/sparql-query"}
            )
            with pytest.raises(urllib.error.HTTPError) as caught:  # no worker crashed: refused up front
                urllib.request.urlopen(request, timeout=60)
            assert caught.value.code == 400
            assert "CG401 error: line 1, column " in caught.value.read().decode()
        with urllib.request.urlopen(server.endpoint + "?query=ASK%7B%7D", timeout=60) as response:
            assert json.load(response)["boolean"] is True


# --------------------------------------------------------------------------- saved queries as registry files


@pytest.fixture
def outside(tmp_path):
    secret = tmp_path / "secret.rq"  # outside the registry, and a valid query: only the link is wrong
    secret.write_text("# title: SECRET-TITLE\nASK { ?s ?p 'SECRET-TEXT' }\n")
    return secret


def test_saved_query_linking_outside_the_registry_is_skipped(registry, outside):
    (registry / "queries" / "secret.rq").symlink_to(outside)
    result = run_cli("queries", "-r", str(registry), "--format", "json", "--long")
    clean_error(result)
    assert "SECRET" not in result.out and {q["name"] for q in json.loads(result.out)} >= {"secondary-only"}
    assert "queries/secret.rq: CG113 error: symlink leads outside the registry" in result.err
    assert "secret" not in {q.name for q in saved_queries(load(registry))}  # what build and serve offer
    result = run_cli("query", "secret", "-r", str(registry))
    clean_error(result)
    assert "queries/secret.rq: CG113 symlink leads outside the registry" in result.err and "SECRET" not in result.out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_fifo_in_queries_neither_hangs_nor_blocks_other_queries(registry):
    os.mkfifo(registry / "queries" / "x.rq")
    result = run_process("queries", "-r", str(registry), timeout=60)  # opening the FIFO would block for ever
    clean_error(result)
    assert "queries/x.rq: CG100 error: not a regular file" in result.err and "secondary-only" in result.out
    result = run_process("query", "ASK {}", "-r", str(registry), timeout=60)
    assert result.code == 0 and result.out.strip() == "true", result.err


def test_saved_query_not_in_utf8_is_named_and_hides_the_default_of_its_name(registry):
    (registry / "queries" / "latin.rq").write_bytes(b"# title: Latin\nASK { ?s ?p 'caf\xe9' }\n")
    (registry / "queries" / "argument.rq").write_bytes(b"ASK { ?s ?p '\xff' }\n")  # a default's name
    result = run_cli("queries", "-r", str(registry))
    clean_error(result)
    assert "queries/latin.rq:2: CG102 error: saved query not read: not valid UTF-8" in result.err
    listed = {line.split()[0] for line in result.out.splitlines()}
    assert "secondary-only" in listed and "argument" not in listed
    for name, line in (("latin", 2), ("argument", 1)):
        result = run_cli("query", name, "-r", str(registry))
        clean_error(result)
        assert f"queries/{name}.rq:{line}: CG102 saved query not read: not valid UTF-8" in result.err
    from claimgraph.sparql.saved import load_saved_queries

    queries, problems = load_saved_queries(load(registry))
    assert {p.file for p in problems} == {"queries/argument.rq", "queries/latin.rq"}


def test_query_from_stdin_not_in_utf8_is_a_clear_error(registry):
    proc = subprocess.run(
        [sys.executable, "-m", "claimgraph.cli", "query", "-", "-r", str(registry)],
        input=b"ASK { ?s ?p '\xff' }",
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    assert b"<stdin>: not valid UTF-8" in proc.stderr


# --------------------------------------------------------------------------- inline text, --timeout, prefixes


def test_inline_query_longer_than_a_file_name_runs(registry):
    text = (
        "SELECT ?claim ?statement WHERE { ?claim a cg:QuantitativeClaim ; cg:statement ?statement . "
        'FILTER(LANG(?statement) = "en" || LANG(?statement) = "") } ORDER BY ?claim LIMIT 3 '
        + "# "
        + "a comment long enough to pass the 255 bytes a file name may have " * 3
    )
    assert len(text.encode()) > 255 and "/" not in text
    result = run_cli("query", text, "-r", str(registry))
    assert result.code == 0, result.err
    assert "(3 rows)" in result.out


@pytest.mark.parametrize("value", ["-1", "nan", "inf", "1e400"])
def test_query_timeout_must_be_finite_and_not_negative(registry, value):
    result = run_cli("query", "ASK {}", "-r", str(registry), f"--timeout={value}")
    clean_error(result)
    assert "argument --timeout" in result.err and result.out == ""


@pytest.mark.parametrize("value", ["nan", "inf"])
def test_serve_timeout_must_be_finite_and_positive(registry, value):
    # a server that starts would run until the subprocess timeout: that is the failure
    result = run_process("serve", "-r", str(registry), "--port", "0", f"--timeout={value}", timeout=60)
    clean_error(result)
    assert "argument --timeout" in result.err


def test_undeclared_prefix_is_named_at_its_first_use(registry):
    result = run_cli("query", "SELECT * WHERE {\n  ?s cg:statement ?o ; foo:bar ?x }", "-r", str(registry))
    clean_error(result)
    assert "<query>:2:24: CG401 error: undeclared prefix foo:" in result.err  # cg: is a standard prefix
    assert "Prefix not found" not in result.err and "PREFIX foo: <" in result.err


def test_a_long_flat_query_times_out_instead_of_crashing(registry, tmp_path):
    """No nesting, 12,000 triple patterns in one group: Oxigraph's parser recursed past a thread's usual
    8 MiB stack and the process died (exit -11). With the query thread's larger stack it is just slow,
    and the time limit ends it like any slow query."""
    query = tmp_path / "flat.rq"
    query.write_text("SELECT * WHERE { " + " ".join(f"?s{i} <http://e/p> ?o{i} ." for i in range(12000)) + " }")
    result = run_process("query", "-r", str(registry), "--timeout", "3", str(query), timeout=120)
    assert result.code == 2 and "CG405" in result.err and "Traceback" not in result.err, (result.code, result.err)
