"""The loader's fast path (Oxigraph parses a file straight into the store) and its full path
(Python-side parse plus triple-level checks) give the same graph and the same findings."""

from __future__ import annotations

import pytest
from rdflib.compare import isomorphic

import claimgraph.registry as registry_module
from claimgraph.checks import run_checks
from claimgraph.registry import load

from .conftest import FIXTURES, PROJECT

CASES = [FIXTURES / "valid", PROJECT, FIXTURES / "invalid" / "claim-in-two-files",
         FIXTURES / "invalid" / "turtle-syntax", FIXTURES / "invalid" / "unknown-key"]


def _load(root, monkeypatch, scan: bool):
    monkeypatch.setattr(registry_module, "needs_quad_scan", lambda text: scan)
    registry = load(root)
    monkeypatch.undo()
    return registry


@pytest.mark.parametrize("root", CASES, ids=[p.name for p in CASES])
def test_fast_and_full_paths_agree(root, monkeypatch):
    fast, full = _load(root, monkeypatch, False), _load(root, monkeypatch, True)
    assert isomorphic(fast.data_rdflib_graph(), full.data_rdflib_graph())
    assert fast.locations == full.locations
    key = lambda fs: sorted((f.code, f.file or "", f.line or 0, f.message) for f in fs)  # noqa: E731
    assert key(run_checks(fast)) == key(run_checks(full))


@pytest.mark.parametrize("text, scan", [
    ('<a> <b> "plain" .\n', False),
    ('<a> <b> "Le système consomme 100 MWh." .  # commentaire é\n', False),  # accents in strings and comments only
    ("@prefix claim: <http://x/> .\nclaim:gрt3 <b> <c> .\n", True),  # a Cyrillic р in a prefixed name
    ("<http://x/é> <b> <c> .\n", True),  # outside ASCII in an IRI
    ('<a> <b> "(not a list)" .\n', False),
    ("<a> <b> ( <c> <d> ) .\n", True),  # a collection
    ("<a> <b> " + "[ <p> " * 65 + "<o>" + " ]" * 65 + " .\n", True),  # nested deeper than the limit
    ('<a> <b> "x"^^<http://www.w3.org/2001/XMLSchema#date> .\n', True),  # a typed literal
    ("<http://x/a#b> <b> <c> .\n", False),  # a "#" inside an IRI is no comment
])
def test_which_files_need_the_python_side_scan(text, scan):
    from claimgraph.loading.rdf_checks import needs_quad_scan

    assert needs_quad_scan(text) is scan
