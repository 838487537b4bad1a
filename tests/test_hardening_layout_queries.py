"""Hostile layouts of Turtle (subjects found wherever a statement starts) and hostile saved queries."""

from __future__ import annotations

import json
import os

import pytest

from claimgraph.checks import saved_queries
from claimgraph.loading.rdf_checks import needs_quad_scan
from claimgraph.registry import load

from .conftest import run_cli, run_process

_PREFIXES = "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n@prefix claim: <claim/> .\n"


def _check_json(root):
    result = run_cli("check", "-r", str(root), "-f", "json", "--no-cache")
    assert "Traceback" not in result.err, result.err
    return result.code, json.loads(result.out)["findings"]


def _where(root, text):
    """Where each claim/… subject of claims/zz.ttl is located, and every finding's (file, line) by subject."""
    (root / "claims" / "zz.ttl").write_text(text, encoding="utf-8")
    registry = load(root)
    base = registry.settings.base
    located = {
        iri[len(base) :]: (loc.file, loc.line) for iri, loc in registry.locations.items() if loc.file == "claims/zz.ttl"
    }
    code, findings = _check_json(root)
    about = {}
    for f in findings:
        if f["subject"] and f["subject"].startswith(base + "claim/"):
            about.setdefault(f["subject"][len(base) :], set()).add((f["file"], f["line"]))
    return located, about, code


@pytest.mark.parametrize(
    "text, lines",
    [
        # the first statement indented: no "." comes before it
        ("  <claim/a> a <https://w3id.org/claimgraph/ns#Claim> .\n", {"claim/a": 1}),
        # SPARQL-style PREFIX lines end with no ".": the indented statement after them
        (
            "PREFIX cg: <https://w3id.org/claimgraph/ns#>\nPREFIX claim: <claim/>\n  claim:a a cg:Claim .\n",
            {"claim/a": 3},
        ),
        (_PREFIXES + "claim:z a cg:Claim .\nPREFIX c2: <claim/>\n  c2:a a cg:Claim .\n", {"claim/z": 3, "claim/a": 5}),
    ],
    ids=["indented-first-statement", "after-sparql-prefix", "after-mid-file-sparql-prefix"],
)
def test_a_statement_indented_where_no_dot_precedes_it_is_located(copy_fixture, text, lines):
    root = copy_fixture("valid")
    assert not needs_quad_scan(text)  # the statement index reads tokens: no layout needs the full path
    located, about, code = _where(root, text)
    assert code == 1
    assert located == {name: ("claims/zz.ttl", line) for name, line in lines.items()}
    for name, line in lines.items():
        assert about[name] == {("claims/zz.ttl", line)}, about


def test_statements_glued_to_the_dot_before_them_are_located(copy_fixture):
    """`"x".claim:b`, `<o>.claim:b`, `cg:Claim.<claim/b>`, `"x"@en.claim:b`, `1.5.claim:b`: valid Turtle,
    one statement ending where the next begins, with no space between."""
    root = copy_fixture("valid")
    text = (
        _PREFIXES
        + 'claim:a a cg:Claim ; cg:statement "x".claim:b a cg:Claim.<claim/c> a cg:Claim ; cg:x <o>.claim:d a '
        'cg:Claim ; cg:statement "y"@en.claim:e a cg:Claim ; cg:x 1.5.claim:f a cg:Claim ; cg:x .5 ; cg:y 1.e3 .\n'
        "claim:g a cg:Claim .\n"
    )
    assert not needs_quad_scan(text)  # the statement index reads tokens: no layout needs the full path
    located, about, _ = _where(root, text)
    expected = {f"claim/{n}": ("claims/zz.ttl", 3) for n in "abcdef"} | {"claim/g": ("claims/zz.ttl", 4)}
    assert located == expected
    assert {name: lines for name, lines in about.items()} == {name: {where} for name, where in expected.items()}


def test_escaped_and_relative_subjects_are_located(copy_fixture):
    """`claim:a\\.` names claim/a. (the escaped dot ends no statement); `<claim/./b>` and `<x/../claim/c>`
    resolve as Oxigraph resolves them; `<claim/\\u0064>` is claim/d."""
    root = copy_fixture("valid")
    text = (
        _PREFIXES + "claim:a\\. a cg:Claim .\n  <claim/./b> a cg:Claim .\n<x/../claim/c> a cg:Claim .\n"
        "  <claim/\\u0064> a cg:Claim . claim:e\\,f a cg:Claim .\n"
    )
    located, about, _ = _where(root, text)
    expected = {"claim/a.": 3, "claim/b": 4, "claim/c": 5, "claim/d": 6, "claim/e,f": 6}
    assert located == {name: ("claims/zz.ttl", line) for name, line in expected.items()}
    assert about == {name: {("claims/zz.ttl", line)} for name, line in expected.items()}


def test_a_subject_at_column_0_and_indented_later_lends_no_lines(copy_fixture):
    """claim:a is written at column 0, then again indented inside what the line index took for claim:b's
    block: a finding about claim:b is not pointed at claim:a's statement."""
    root = copy_fixture("valid")
    text = _PREFIXES + 'claim:a a cg:Claim .\nclaim:b a cg:Claim .\n  claim:a cg:statement "x"@en .\n'
    located, about, _ = _where(root, text)
    assert located == {"claim/a": ("claims/zz.ttl", 3), "claim/b": ("claims/zz.ttl", 4)}
    assert about["claim/b"] == {("claims/zz.ttl", 4)}, about


def test_an_indented_subject_defined_in_another_file_is_cg104(copy_fixture):
    root = copy_fixture("valid")
    (root / "claims" / "zz.ttl").write_text(
        _PREFIXES + 'claim:a a cg:Claim ; cg:statement "x"@en.claim:model-training-energy cg:statement "again"@en .\n',
        encoding="utf-8",
    )
    code, findings = _check_json(root)
    assert code == 1
    assert [(f["file"], f["line"]) for f in findings if f["code"] == "CG104"] == [("claims/zz.ttl", 3)]


def test_thousands_of_statements_on_one_line_are_located(copy_fixture):
    """Every statement on one line: each finding points at that line. (Each finding used to search the
    whole line for its predicate, so such a file took a check quadratic time: 5,000 claims, 72 s. The
    benchmark, not this test, measures speed.)"""
    root = copy_fixture("valid")
    line = " ".join(f'claim:c{i} a cg:Claim ; cg:statement "s{i}"@en .' for i in range(4000))
    (root / "claims" / "zz.ttl").write_text(_PREFIXES + line + "\n", encoding="utf-8")
    code, findings = _check_json(root)
    mine = [f for f in findings if f["subject"] and "/claim/c" in f["subject"]]
    assert code == 1 and len(mine) >= 4000
    assert {(f["file"], f["line"]) for f in mine} == {("claims/zz.ttl", 3)}


# ------------------------------------------------------------------ saved queries


def test_a_saved_query_linked_from_elsewhere_in_the_registry_is_checked(query_registry):
    """queries/shared.rq -> ../extra/shared.rq is the registry's query (`claimgraph query shared` runs it),
    so a syntax error in it fails the check, at the link's name."""
    (query_registry / "extra").mkdir()
    (query_registry / "extra" / "shared.rq").write_text("SELECT ?c WHERE {\n  ?c a cg:Claim\n", encoding="utf-8")
    os.symlink("../extra/shared.rq", query_registry / "queries" / "shared.rq")
    result = run_cli("check", "-r", str(query_registry), "--no-cache")
    assert result.code == 1 and "queries/shared.rq:2: CG401 error: saved query 'shared'" in result.out, result.out


def test_saved_queries_share_one_time_limit(query_registry):
    """Three queries whose planning takes minutes: the first is abandoned at the limit, and the limit is
    then spent, so the others are not started (one limit for all, not one each: the check ends near
    it, not at three times it). CG405 for each, no traceback. (A process of its own: the abandoned
    parse dies with it.)"""
    body = "\n".join(f"  ?s{i} <http://x/p{i}> ?s{i + 1} ." for i in range(3000))
    for k in range(3):
        (query_registry / "queries" / f"long{k}.rq").write_text(f"SELECT * WHERE {{\n{body}\n}}\n", encoding="utf-8")
    result = run_process(
        "check", "-r", str(query_registry), "--no-cache", env={"CLAIMGRAPH_SHACL_TIMEOUT": "3"}, timeout=120
    )
    assert "Traceback" not in result.err, result.err
    assert result.code == 1
    assert all(f"queries/long{k}.rq: CG405 error" in result.out for k in range(3)), result.out
    assert result.out.count("still running when the check's time limit (3 s) ran out") == 1, result.out
    assert result.out.count("not parsed: the check's time limit (3 s) was spent") == 2, result.out


def test_a_time_limit_that_ran_out_is_not_remembered(query_registry):
    """A CG405 says how long the machine took, not what the registry holds: a check result holding one
    is not cached, so the next check runs again instead of replaying it (CG118, SHACL's, likewise)."""
    from claimgraph import check_cache
    from claimgraph.findings import Finding, Severity

    # (a key of its own: identical registries in other tests share a key, and may have left a result)
    (query_registry / "queries" / "own.rq").write_text(f"# {query_registry}\nASK {{ ?s ?p ?o }}\n", encoding="utf-8")
    key = check_cache.digest(query_registry)
    assert check_cache.load_cached(key) is None
    clean = [Finding("queries/fine.rq", 1, "CG360", Severity.WARNING, "a finding that content decides")]
    for code in ("CG405", "CG118"):
        timed_out = Finding("queries/long.rq", None, code, Severity.ERROR, "still running: abandoned")
        check_cache.store(key, clean + [timed_out], ["claims/energy.ttl"])
        assert check_cache.load_cached(key) is None, code
    check_cache.store(key, clean, ["claims/energy.ttl"])  # the same result without it is remembered
    assert check_cache.load_cached(key) == (clean, ["claims/energy.ttl"])


@pytest.mark.parametrize("limit", ["inf", "1e300"])
def test_a_time_limit_beyond_any_deadline_is_no_limit(query_registry, monkeypatch, limit):
    monkeypatch.setenv("CLAIMGRAPH_SHACL_TIMEOUT", limit)
    (query_registry / "queries" / "broken.rq").write_text("SELECT ?c WHERE {\n", encoding="utf-8")
    findings = saved_queries.check(load(query_registry))  # a ValueError from with_deadline before
    assert [(f.file, f.code) for f in findings] == [("queries/broken.rq", "CG401")]
