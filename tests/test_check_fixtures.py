"""Each invalid fixture produces the findings paired with it (code, file, line), the valid one none.

Cases are discovered by scanning tests/fixtures/invalid/: adding a folder with
an expected.json adds a test.
"""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from claimgraph.checks import run_checks
from claimgraph.registry import load

from .conftest import FIXTURES, PROJECT, run_cli

INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if (p / "expected.json").is_file())


def test_valid_fixture_has_no_findings_at_all():
    result = run_cli("check", "--registry", str(FIXTURES / "valid"), "--fail-level", "info")
    assert result.code == 0, result.out
    assert result.out.strip() == "0 findings (0 errors, 0 warnings, 0 infos)"


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_fixture_produces_its_findings(case):
    expected = json.loads((case / "expected.json").read_text())
    findings = run_checks(load(case))
    for want in expected["findings"]:
        matches = [f for f in findings if (f.code, f.file, f.line) == (want["code"], want["file"], want["line"])
                   and want.get("message_contains", "") in f.message
                   and want.get("hint_contains", "") in (f.hint or "")]
        assert matches, f"missing {want} in:\n" + "\n".join(map(str, findings))
    result = run_cli("check", "--registry", str(case))
    assert result.code == expected["exit"], result.out + result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_each_invalid_fixture_differs_from_valid_only_by_its_fault(case):
    """The fault is the only error-level cause: codes outside the expected ones are consequences we list."""
    expected = {w["code"] for w in json.loads((case / "expected.json").read_text())["findings"]}
    found = {f.code for f in run_checks(load(case))}
    assert expected <= found


NORMALISED = "https://w3id.org/claimgraph/ns#normalisedValue"


@pytest.mark.parametrize("case", [FIXTURES / "valid", PROJECT] + INVALID,
                         ids=["valid", "bundled"] + [p.name for p in INVALID])
def test_check_finds_the_same_without_normalised_values(case):
    """`check` loads without cg:normalisedValue (no family reads it): same findings as a full load."""
    full, lean = load(case), load(case, normalise=False)
    if not (case / "shapes").is_dir():  # shapes of its own may read them: then they are written
        assert list(lean.store.quads_for_pattern(None, ox.NamedNode(NORMALISED), None)) == []
    if case == PROJECT:  # the test would hold trivially if nothing were ever normalised
        assert list(full.store.quads_for_pattern(None, ox.NamedNode(NORMALISED), None))
    assert run_checks(lean) == run_checks(full)


def test_a_registry_shape_still_reads_normalised_values(copy_fixture):
    """A team's SHACL-SPARQL rule over cg:normalisedValue works in `check`: with shapes of its own,
    the registry is loaded with its normalised values."""
    root = copy_fixture("valid")
    (root / "shapes").mkdir()
    (root / "shapes" / "ceiling.ttl").write_text('''\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix cg: <https://w3id.org/claimgraph/ns#> .
@prefix ex: <https://example.org/rules#> .
ex:Ceiling a sh:NodeShape ;
    sh:targetClass cg:QuantitativeClaim ;
    sh:severity sh:Warning ;
    sh:sparql [
        a sh:SPARQLConstraint ;
        sh:message "normalised value {?value} is above the ceiling" ;
        sh:select """SELECT $this ?value WHERE {
            $this <https://w3id.org/claimgraph/ns#value>/<https://w3id.org/claimgraph/ns#normalisedValue> ?value .
            FILTER(?value > 0) }"""
    ] .
''', encoding="utf-8")
    assert list(load(root, normalise=False).store.quads_for_pattern(None, ox.NamedNode(NORMALISED), None))
    result = run_cli("check", "--registry", str(root), "--no-cache", "--fail-level", "error")
    assert "is above the ceiling" in result.out, result.out + result.err
