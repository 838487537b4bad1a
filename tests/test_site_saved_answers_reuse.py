"""A rebuild takes a saved query's answer from the previous build when no statement it can match changed
(:mod:`claimgraph.site.answer_reuse`): the site is, byte for byte, the one a build from nothing writes, after
edits that do and do not touch a query's predicates; and the answers are really taken where they should be."""

from __future__ import annotations

import logging
import re
import shutil

import pytest

from claimgraph.registry import load
from claimgraph.site import build_site
from claimgraph.site.answer_reuse import named_statements, query_predicates
from claimgraph.sparql.run import standard_prefixes

from .test_site_page_cache import _synthetic, files_of

CG = "https://w3id.org/claimgraph/ns#"
QUDT = "http://qudt.org/schema/qudt/"

#: A query of the registry's own reading every statement (a variable predicate): answered again on every change.
EVERY_STATEMENT = """# title: Every statement about the first claim
SELECT ?p ?o WHERE { <claim/c0> ?p ?o FILTER(!isBlank(?o)) } ORDER BY ?p ?o
"""


def _predicates(text: str):
    return query_predicates(text, "https://example.org/r/", standard_prefixes())


# ------------------------------------------------------------------ what a query can match


def test_the_predicates_of_patterns_and_paths():
    found = _predicates(
        "SELECT * WHERE { ?c cg:cites/cg:bibKey ?k ; ^cg:uses ?s . OPTIONAL { ?c cg:status|cg:statusNote ?x } "
        "FILTER NOT EXISTS { ?c a cg:Claim } }"
    )
    assert found == {
        CG + "cites",
        CG + "bibKey",
        CG + "uses",
        CG + "status",
        CG + "statusNote",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    }


def test_a_variable_predicate_bound_by_values_reads_those_predicates_only():
    found = _predicates(
        'SELECT * WHERE { VALUES (?p ?kind) { (cg:citedQuote "c") (cg:primaryQuote "p") } ?c ?p ?q . ?q oa:exact ?e }'
    )
    assert found == {CG + "citedQuote", CG + "primaryQuote", "http://www.w3.org/ns/oa#exact"}


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { ?s ?p ?o }",  # any predicate
        "SELECT * WHERE { VALUES ?p { cg:cites UNDEF } ?s ?p ?o }",  # a row leaves it free
        "SELECT * WHERE { ?s !cg:cites ?o }",  # any predicate but one
        "SELECT * WHERE { ?s cg:uses* ?o }",  # every node of the graph, with itself
        "SELECT * WHERE { GRAPH ?g { ?s cg:cites ?o } }",
        "DESCRIBE <claim/c0>",
        "SELECT (NOW() AS ?t) WHERE { ?s cg:cites ?o }",
        "SELECT (RAND() AS ?r) WHERE { ?s cg:cites ?o }",
        "SELECT (STRUUID() AS ?r) WHERE { ?s cg:cites ?o }",
        "SELECT (BNODE() AS ?r) WHERE { ?s cg:cites ?o }",
        "SELECT * WHERE { ?s cg:cites ?o",  # not read
    ],
)
def test_queries_that_may_read_anything(text):
    assert _predicates(text) is None


def test_a_path_of_length_zero_between_bound_ends_reads_its_predicates():
    text = "SELECT * WHERE { ?d cg:operands ?l . ?l rdf:rest* ?m . ?m rdf:rest* ?n . ?n rdf:first ?x }"
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    assert _predicates(text) == {CG + "operands", rdf + "rest", rdf + "first"}


# ------------------------------------------------------------------ what changed


def _rows(text: str):
    from claimgraph.rdf_writer import parsed_rows

    return named_statements(parsed_rows(text, "https://example.org/r/", ""))


PREFIXES = "@prefix cg: <https://w3id.org/claimgraph/ns#> . @prefix qudt: <http://qudt.org/schema/qudt/> .\n"


def test_a_value_edited_changes_the_statements_of_its_predicate_only():
    before = _rows(PREFIXES + "<c> cg:value [ qudt:numericValue 5 ; qudt:unit <u> ] ; cg:quote [ cg:x 1 ] .")
    after = _rows(PREFIXES + "<c> cg:value [ qudt:numericValue 6 ; qudt:unit <u> ] ; cg:quote [ cg:x 1 ] .")
    assert {p for _, p, _ in before ^ after} == {f"<{QUDT}numericValue>"}


def test_units_swapped_between_two_values_are_a_change():
    # the blank nodes' statements alone, with their names left out, would read the same before and after
    before = _rows(
        PREFIXES + "<c> cg:value [ qudt:numericValue 5 ; qudt:unit <a> ], [ qudt:numericValue 6 ; qudt:unit <b> ] ."
    )
    after = _rows(
        PREFIXES + "<c> cg:value [ qudt:numericValue 5 ; qudt:unit <b> ], [ qudt:numericValue 6 ; qudt:unit <a> ] ."
    )
    assert before != after


# ------------------------------------------------------------------ rebuilds


def _reused(caplog) -> set[str] | None:
    found = [
        r for r in caplog.records if r.name == "claimgraph.site.sparql_pages" and r.msg.startswith("saved queries:")
    ]
    assert found, "no record of the saved queries' answers"
    return set(found[-1].args[2].split())


@pytest.fixture
def built(tmp_path, monkeypatch, caplog):
    """A synthetic registry with a query of its own reading every statement, built once into ``site``."""
    caplog.set_level(logging.DEBUG, logger="claimgraph.site.sparql_pages")
    root = _synthetic(tmp_path / "registry", 60)
    (root / "queries").mkdir(exist_ok=True)
    (root / "queries" / "every-statement.rq").write_text(EVERY_STATEMENT, encoding="utf-8")
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    build_site(load(root), tmp_path / "site")
    assert _reused(caplog) == set()  # nothing to take yet
    return root


def _rebuild(root, tmp_path, monkeypatch, caplog) -> set[str]:
    """Rebuild, build from nothing (a cache folder of its own), compare; the queries whose answers were taken."""
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    caplog.clear()
    build_site(load(root), tmp_path / "site")
    reused = _reused(caplog)
    fresh = tmp_path / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "fresh-cache"))
    shutil.rmtree(tmp_path / "fresh-cache", ignore_errors=True)
    build_site(load(root), fresh)
    rebuilt, from_nothing = files_of(tmp_path / "site"), files_of(fresh)
    assert sorted(rebuilt) == sorted(from_nothing)
    assert [name for name in rebuilt if rebuilt[name] != from_nothing[name]] == []
    return reused


def _edit(path, pattern: str, make) -> None:
    text = path.read_text(encoding="utf-8")
    m = re.search(pattern, text)
    assert m, pattern
    path.write_text(text[: m.start(1)] + make(m.group(1)) + text[m.end(1) :], encoding="utf-8")


def _names(root) -> set[str]:
    from claimgraph import sparql

    return {q.name for q in sparql.saved_queries(load(root))}


def test_nothing_changed_takes_every_answer(built, tmp_path, monkeypatch, caplog):
    assert _rebuild(built, tmp_path, monkeypatch, caplog) == _names(built)


def test_a_value_edited_answers_again_the_queries_reading_values(built, tmp_path, monkeypatch, caplog):
    _edit(built / "claims/claims-0000.ttl", r"qudt:numericValue (\d+) ;", lambda v: str(int(v) + 1))
    reused = _rebuild(built, tmp_path, monkeypatch, caplog)
    # the numbers and their normalised values: answered again; the quotes, sources and statuses: taken
    assert not reused & {"claims-by-measurand", "measurand-spread", "derived-numbers", "training-energy"}
    assert {"quotes", "claims-per-source", "in-text-citations", "status-overview", "argument"} <= reused
    assert "every-statement" not in reused


def test_a_source_title_edited_answers_again_the_queries_reading_titles(built, tmp_path, monkeypatch, caplog):
    bib = sorted((built / "bib").glob("*.bib"))[0]
    _edit(bib, r"title\s*=\s*\{([^}]*)\}", lambda t: t + " revised")
    reused = _rebuild(built, tmp_path, monkeypatch, caplog)
    assert not reused & {"claims-per-source", "citation-network", "step-sources", "no-persistent-identifier"}
    assert {"quotes", "claims-by-measurand", "status-overview", "in-text-citations"} <= reused


def test_a_claim_added_answers_again_what_it_touches(built, tmp_path, monkeypatch, caplog):
    path = built / "claims/claims-0000.ttl"
    text = path.read_text(encoding="utf-8")
    block = re.search(r"\nclaim:c0\n.*?\.\n", text, re.S).group(0)
    path.write_text(text + block.replace("claim:c0\n", "claim:added\n"), encoding="utf-8")
    reused = _rebuild(built, tmp_path, monkeypatch, caplog)
    assert not reused & {"claims-by-measurand", "quotes", "in-text-citations", "every-statement"}


def test_a_saved_query_edited_is_answered_again(built, tmp_path, monkeypatch, caplog):
    (built / "queries" / "every-statement.rq").write_text(
        EVERY_STATEMENT.replace("ORDER BY ?p ?o", "ORDER BY DESC(?p) ?o")
    )
    reused = _rebuild(built, tmp_path, monkeypatch, caplog)
    assert reused == _names(built) - {"every-statement"}


def test_a_download_changed_in_the_previous_site_is_answered_again(built, tmp_path, monkeypatch, caplog):
    download = tmp_path / "site" / "sparql" / "quotes.csv"
    data = download.read_bytes()
    download.unlink()  # (a hard link may share it with the cache of pages: written anew)
    download.write_bytes(data.replace(b"\r\n", b"\r\nx,y,z,w,v\r\n", 1))
    reused = _rebuild(built, tmp_path, monkeypatch, caplog)
    assert reused == _names(built) - {"quotes"}


def test_an_answer_naming_a_blank_node_is_never_taken(built, tmp_path, monkeypatch, caplog):
    (built / "queries" / "values.rq").write_text(
        "# title: Value nodes\nSELECT ?c ?v WHERE { ?c cg:value ?v } ORDER BY ?c\n", encoding="utf-8"
    )
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    for _ in range(2):
        caplog.clear()
        build_site(load(built), tmp_path / "site")
    # (Oxigraph names blank nodes anew on every load: a fresh answer reads otherwise each time)
    assert _reused(caplog) == _names(built) - {"values"}


def test_a_failed_build_leaves_the_record_of_the_site_in_place(built, tmp_path, monkeypatch, caplog):
    from claimgraph.site import build as site_build
    from claimgraph.site.errors import SiteBuildError

    _edit(built / "claims/claims-0000.ttl", r"qudt:numericValue (\d+) ;", lambda v: str(int(v) + 1))

    def failing(*args, **kwargs):
        raise SiteBuildError("stopped on purpose")

    with monkeypatch.context() as patched:
        patched.setattr(site_build, "_copy_assets", failing)
        with pytest.raises(SiteBuildError):
            build_site(load(built), tmp_path / "site")
    # the answers of the failed build were never the site's: the next build compares with the site's own
    assert not list((tmp_path / "cache" / "answers").glob("*.pending-*"))
    reused = _rebuild(built, tmp_path, monkeypatch, caplog)
    assert "quotes" in reused and "claims-by-measurand" not in reused
