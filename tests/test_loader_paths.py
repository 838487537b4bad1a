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
