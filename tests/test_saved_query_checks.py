"""`check` reads and parses the registry's own saved queries: a broken one fails the check at its file and
line, instead of being left out of the site, or failing only when somebody runs it."""

from __future__ import annotations

import re
import pytest

from claimgraph.checks import saved_queries
from claimgraph.registry import load

from .conftest import PROJECT, run_cli


def _findings(root):
    return sorted((f.file, f.line, f.code) for f in saved_queries.check(load(root)))


@pytest.mark.parametrize(
    "text, line, code",
    [
        ("# title: Broken\nSELECT ?c\nWHERE { ?c a cg:Claim \n", 3, "CG401"),  # the brace never closes
        ("SELECT ?c WHERE {\n  ?c nope:p ?o }\n", 2, "CG401"),  # an undeclared prefix, named at its use
        ("PREFIX ex: <http://x/>\nINSERT DATA { ex:a ex:b ex:c }\n", 2, "CG402"),
        ("SELECT * WHERE {\n  SERVICE <http://example.org/sparql> { ?s ?p ?o } }\n", 2, "CG403"),
        ("SELECT *\nFROM <http://example.org/g> WHERE { ?s ?p ?o }\n", 2, "CG404"),
    ],
)
def test_a_saved_query_that_would_not_run_is_an_error_at_its_line(query_registry, text, line, code):
    (query_registry / "queries" / "bad.rq").write_text(text, encoding="utf-8")
    assert _findings(query_registry) == [("queries/bad.rq", line, code)]
    result = run_cli("check", "-r", str(query_registry), "--no-cache")
    assert result.code == 1 and f"queries/bad.rq:{line}: {code} error: saved query 'bad'" in result.out, result.out


def test_a_saved_query_not_in_utf8_is_reported_by_check(query_registry):
    (query_registry / "queries" / "latin1.rq").write_bytes('SELECT * WHERE { ?s ?p "été" }\n'.encode("latin-1"))
    result = run_cli("check", "-r", str(query_registry), "--no-cache")
    assert result.code == 1 and "queries/latin1.rq:1: CG102 error" in result.out, result.out
    assert "Traceback" not in result.err


def test_well_formed_saved_queries_give_no_finding(query_registry):
    assert _findings(query_registry) == []
    assert _findings(PROJECT) == []  # the bundled query_registry's queries/ is the defaults' folder


def test_a_changed_saved_query_is_checked_again(query_registry):
    """Saved queries are inputs of the check: the cached result of an unchanged query_registry is not reused."""
    assert run_cli("check", "-r", str(query_registry)).code == 0
    (query_registry / "queries" / "fine.rq").write_text("SELECT ?c WHERE { ?c a cg:Claim\n", encoding="utf-8")
    result = run_cli("check", "-r", str(query_registry))
    assert result.code == 1 and "queries/fine.rq:1: CG401" in result.out, result.out


def test_a_saved_query_that_does_not_parse_gives_its_column(query_registry):
    # the trial's query: the parser gives up at the end, the part that does not parse starts at "?s"
    (query_registry / "queries" / "bad.rq").write_text("SELECT * WHERE {\n  ?s ?p\n", encoding="utf-8")
    result = run_cli("check", "-r", str(query_registry), "--no-cache")
    (line,) = [line for line in result.out.splitlines() if line.startswith("queries/bad.rq:")]
    assert re.match(r"queries/bad\.rq:2: CG401 error: saved query 'bad' \(column 3\): SPARQL syntax error", line), line
