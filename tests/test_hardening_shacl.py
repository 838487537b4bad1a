"""Hardening: a registry's own SHACL shapes (shapes/*.ttl) cannot fail silently, hang or reach out."""

from __future__ import annotations

import shutil
import time

import pytest

from claimgraph.checks.shacl import shacl_terms, validate
from claimgraph.registry import ONTOLOGY_DIR, load

from .conftest import FIXTURES, run_cli

HEAD = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix cg: <https://w3id.org/claimgraph/ns#> .
@prefix claim: <claim/> .
"""


@pytest.fixture
def registry(tmp_path):
    root = tmp_path / "reg"
    shutil.copytree(FIXTURES / "valid", root)
    (root / "shapes").mkdir()
    return root


def with_shapes(root, text):
    (root / "shapes" / "extra.ttl").write_text(HEAD + text)
    return root


def report(root, code, line, exit_code=1, *args):
    result = run_cli("check", "-r", str(root), "--no-cache", *args)
    assert result.code == exit_code, result.out + result.err
    assert "Traceback" not in result.out + result.err
    where = f"shapes/extra.ttl:{line}: {code} " if line else f": {code} "
    assert where in result.out, result.out
    return result


def test_unknown_sh_term_is_reported_and_the_file_is_not_used(registry):
    with_shapes(
        registry,
        "\n<#S> a sh:NodeShape ;\n  sh:targetClass cg:Claim ;\n  sh:property [ sh:path cg:note ; sh:minCont 1 ] .\n",
    )
    result = report(registry, "CG112", 7)
    assert "sh:minCont" in result.out


def test_project_shapes_use_only_known_terms():
    import pyoxigraph as ox

    for q in ox.parse(path=str(ONTOLOGY_DIR / "shapes.ttl"), format=ox.RdfFormat.TURTLE):
        for term in (q.predicate, q.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith("http://www.w3.org/ns/shacl#"):
                assert term.value in shacl_terms(), term.value


def test_target_matching_nothing_is_a_warning(registry):
    with_shapes(
        registry,
        "<#S> a sh:NodeShape ;\n  sh:targetClass cg:Cliam ;\n  sh:property [ sh:path cg:note ; sh:minCount 1 ] .\n",
    )
    result = report(registry, "CG117", 5, 0)
    assert "cg:Cliam" in result.out or "ns#Cliam" in result.out
    assert "warning" in result.out


def test_target_matching_something_is_silent(registry):
    with_shapes(
        registry,
        "<#S> a sh:NodeShape ;\n  sh:targetClass cg:Claim ;\n  sh:property [ sh:path cg:value ; sh:minCount 1 ] .\n",
    )
    result = run_cli("check", "-r", str(registry), "--no-cache", "--fail-level", "info")
    assert " CG117 " not in result.out and " CG112 " not in result.out


def test_invalid_regular_expression_is_reported(registry):
    with_shapes(
        registry,
        "<#S> a sh:NodeShape ;\n  sh:targetClass cg:Claim ;\n"
        '  sh:property [ sh:path cg:note ;\n    sh:pattern "([a-z" ] .\n',
    )
    result = report(registry, "CG112", 7)
    assert "not a valid regular expression" in result.out


@pytest.mark.parametrize("word", ["SERVICE <http://example.org/sparql> { ?s ?p ?o }", "FROM <http://example.org/g>"])
def test_shacl_sparql_reaching_the_network_is_refused(registry, word):
    where = word if word.startswith("SERVICE") else ""
    from_ = word if word.startswith("FROM") else ""
    with_shapes(
        registry,
        "<#S> a sh:NodeShape ;\n  sh:targetClass cg:Claim ;\n"
        f'  sh:sparql [ sh:select """\n SELECT $this {from_} WHERE {{ {where} }}""" ] .\n',
    )
    result = report(registry, "CG112", None)
    assert "never reaches the network" in result.out


def test_catastrophic_pattern_is_stopped_at_the_time_limit(registry, monkeypatch):
    (registry / "claims" / "slow.ttl").write_text(
        '@prefix cg: <https://w3id.org/claimgraph/ns#> .\n<claim/slow> cg:note "' + "a" * 40 + 'b" .\n'
    )
    # sh:node is outside the compiled engine (whose Rust regexes run in linear time): pyshacl runs this
    with_shapes(
        registry,
        "<#S> a sh:NodeShape ;\n  sh:targetNode claim:slow ;\n  sh:node <#T> ;\n"
        '  sh:property [ sh:path cg:note ; sh:pattern "^(a+)+$" ] .\n'
        "<#T> a sh:NodeShape .\n",
    )
    monkeypatch.setenv("CLAIMGRAPH_SHACL_TIMEOUT", "1")
    started = time.monotonic()
    result = run_cli("check", "-r", str(registry), "--no-cache")
    assert time.monotonic() - started < 30
    assert result.code == 1 and "(registry): CG118 error: SHACL validation stopped after 1 s" in result.out


def test_sparql_constraint_with_an_undeclared_prefix_is_reported_where_it_is(registry):
    with_shapes(
        registry,
        "\n<#S> a sh:NodeShape ;\n  sh:targetClass cg:Claim ;\n"
        '  sh:sparql [ sh:select """SELECT $this\nWHERE { $this cg:cites ?x }""" ] .\n',
    )
    result = report(registry, "CG112", 8)  # the query's second line, where cg: is used
    assert "undeclared prefix cg:" in result.out and "sh:prefixes" in result.out


def test_sparql_constraint_that_does_not_parse_is_reported_at_its_line(registry):
    with_shapes(
        registry,
        "\n<#S> a sh:NodeShape ;\n  sh:targetClass cg:Claim ;\n"
        '  sh:sparql [ sh:select """SELECT $this WHERE {\n'
        '  $this <https://w3id.org/claimgraph/ns#cites> ?x .\n  FILTER(?x = ?y\n}""" ] .\n',
    )
    result = report(registry, "CG112", 9)  # the query's third line
    assert "does not parse" in result.out and "Traceback" not in result.err


def test_sparql_constraint_with_declared_prefixes_is_used(registry):
    with_shapes(
        registry,
        '\n<#P> sh:declare [ sh:prefix "cg" ; sh:namespace '
        '"https://w3id.org/claimgraph/ns#"^^<http://www.w3.org/2001/XMLSchema#anyURI> ] .\n'
        "<#S> a sh:NodeShape ;\n  sh:targetClass cg:Claim ;\n"
        '  sh:sparql [ sh:prefixes <#P> ; sh:message "cites {?x}" ;\n'
        '              sh:select """SELECT $this ?x WHERE { $this cg:cites ?x }""" ] .\n',
    )
    result = run_cli("check", "-r", str(registry), "--no-cache")
    assert "CG112" not in result.out and "cites https://example.org/registry/valid/source/Doe2021" in result.out


# A registry's own SPARQL constraint runs compiled on Oxigraph, which cannot stop a query: a cross
# product of every triple with every triple, four times over, filtered on all of them, never ends.
_RUNAWAY = (
    "<#S> a sh:NodeShape ;\n  sh:targetClass cg:Claim ;\n"
    '  sh:sparql [ sh:select """SELECT $this WHERE { $this ?p ?o . ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . '
    '?j ?k ?l FILTER(STRLEN(CONCAT(STR(?c), STR(?f), STR(?i), STR(?l))) < 0) }""" ] .\n'
)


def test_a_runaway_compiled_sparql_constraint_is_stopped_at_the_time_limit(registry):
    """In a process of its own: the abandoned query keeps a core busy until its process ends."""
    from claimgraph.checks.shacl import shapes_graph
    from claimgraph.checks.shacl_compiled import compile_shapes

    from .conftest import run_process

    with_shapes(registry, _RUNAWAY)
    assert any(q.sparql_constraint for q in compile_shapes(shapes_graph(load(registry))))  # not pyshacl's
    started = time.monotonic()
    result = run_process("check", "-r", str(registry), "--no-cache", env={"CLAIMGRAPH_SHACL_TIMEOUT": "1"}, timeout=120)
    assert time.monotonic() - started < 60
    assert result.code == 1 and "(registry): CG118 error: SHACL validation stopped after 1 s" in result.out
    assert "Traceback" not in result.err


def test_the_time_limit_holds_outside_the_main_thread(registry, tmp_path):
    """SIGALRM reaches the main thread only; an application validating in a worker thread still
    gets its answer at the deadline (in a process of its own, for the abandoned query)."""
    import subprocess
    import sys

    with_shapes(registry, _RUNAWAY)
    script = (
        "import os, sys, threading\n"
        "os.environ['CLAIMGRAPH_SHACL_TIMEOUT'] = '1'\n"
        "from claimgraph.checks.shacl import validate\nfrom claimgraph.registry import load\n"
        "out = []\nt = threading.Thread(target=lambda: out.extend(validate(load(sys.argv[1]))))\n"
        "t.start(); t.join(60)\nprint(sorted({f.code for f in out}) if not t.is_alive() else 'still running')\n"
        "sys.stdout.flush(); os._exit(0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(registry)], capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip() == "['CG118']", proc.stdout + proc.stderr


def test_time_limit_does_not_disturb_a_normal_run(registry, monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_SHACL_TIMEOUT", "60")
    assert validate(load(registry)) == []
    assert validate(load(registry), engine="pyshacl") == []


@pytest.mark.parametrize("kind, line", [("select", 8), ("ask", 10)])
def test_sparql_constraint_nested_too_deep_is_refused_not_a_segfault(registry, kind, line):
    """Oxigraph's recursive parser overflows the stack on 5,000 nested groups and kills the process with no
    message; the query is refused before any parser sees it (in a process of its own, should it crash)."""
    from .conftest import run_process

    deep = "{" * 5000 + "$this ?p ?o" + "}" * 5000
    if kind == "select":
        shape = f'  sh:sparql [ sh:select """SELECT $this WHERE\n{deep}""" ] .\n'
    else:
        shape = (
            f'  sh:sparql [ sh:select "SELECT $this WHERE {{}}" ] .\n<#V> a sh:SPARQLAskValidator ;\n'
            f'  sh:ask """ASK\n{deep}""" .\n'
        )
    with_shapes(registry, "\n<#S> a sh:NodeShape ;\n  sh:targetClass cg:Claim ;\n" + shape)
    result = run_process("check", "-r", str(registry), "--no-cache", timeout=120)
    assert result.code == 1 and "Traceback" not in result.err, (result.code, result.err)
    # the query's second line, where the nesting goes past the limit
    assert f"shapes/extra.ttl:{line}: CG112 error: SHACL-SPARQL query nested more than 128 levels deep" in result.out


def test_a_long_flat_sparql_constraint_does_not_crash_the_check(registry):
    """No nesting, 12,000 triple patterns in one group: Oxigraph's parser recursed past the main thread's
    8 MiB stack and `check` died with a segmentation fault; on a larger stack it parses for minutes. It is
    parsed on the query stack and abandoned at the SHACL time limit (in a process of its own)."""
    from .conftest import run_process

    flat = " ".join(f"?x{i} <urn:p> ?y{i} ." for i in range(12000))
    with_shapes(
        registry,
        "\n<#S> a sh:NodeShape ;\n  sh:targetClass cg:Claim ;\n"
        f'  sh:sparql [ sh:select """SELECT $this WHERE {{ $this ?p ?o . {flat} }}""" ] .\n',
    )
    result = run_process("check", "-r", str(registry), "--no-cache", timeout=120, env={"CLAIMGRAPH_SHACL_TIMEOUT": "5"})
    assert result.code == 1 and "Traceback" not in result.err, (result.code, result.err[-2000:])
    # it parses for minutes: the shape is left out at SHACL's time limit, said at its file and line
    assert (
        "shapes/extra.ttl:" in result.out and "CG112 error: SHACL-SPARQL query still not parsed after 5 s" in result.out
    ), result.out[-2000:]
