"""The compiled SHACL engine (SPARQL on Oxigraph) gives exactly pyshacl's findings."""

from __future__ import annotations

import sys

import pytest
from rdflib import Graph

from claimgraph.checks import shacl, shacl_compiled
from claimgraph.registry import load

from .conftest import FIXTURES, PROJECT

REGISTRIES = [FIXTURES / "valid", PROJECT] + sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())


def _key(findings):
    return sorted((f.code, f.severity, f.file or "", f.line or 0, f.subject or "", f.message) for f in findings)


@pytest.mark.parametrize("root", REGISTRIES, ids=[p.name for p in REGISTRIES])
def test_compiled_and_pyshacl_agree(root):
    registry = load(root)
    assert shacl_compiled.compile_shapes(shacl.shapes_graph(registry)) is not None, "project shapes must compile"
    assert _key(shacl.validate(registry, engine="compiled")) == _key(shacl.validate(registry, engine="pyshacl"))


def test_agree_on_a_synthetic_registry_with_faults(tmp_path):
    sys.path.insert(0, str(PROJECT / "benchmarks"))
    from synthetic import generate

    registry = load(generate(300, tmp_path / "synthetic"))
    compiled = _key(shacl.validate(registry, engine="compiled"))
    assert compiled and compiled == _key(shacl.validate(registry, engine="pyshacl"))


def test_uncovered_shapes_fall_back_to_pyshacl():
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true ; sh:property [ sh:path ex:p ] .
    """, format="turtle")
    assert shacl_compiled.compile_shapes(shapes) is None
    nested = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:node ex:T ] .
    """, format="turtle")
    assert shacl_compiled.compile_shapes(nested) is None
