"""Each invalid fixture produces the findings paired with it (code, file, line), the valid one none.

Cases are discovered by scanning tests/fixtures/invalid/: adding a folder with
an expected.json adds a test. Most cases hold only the files their fault changes over a valid
registry (tests/fixtures/README.md); they are materialised before being checked.
"""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from claimgraph.checks import run_checks
from claimgraph.registry import load

from .conftest import FIXTURES, PROJECT, run_cli
from .fixture_overlays import (
    INVALID as INVALID_FOLDER,
    case_names,
    invalid_case,
    is_overlay,
    materialise,
    overlay_files,
    read_overlay,
    registry_files,
)

#: Cases kept as complete registries, because the README runs them from the checkout.
COMPLETE = {"unknown-key"}
NAMES = [name for name in case_names() if (INVALID_FOLDER / name / "expected.json").is_file()]
INVALID = [invalid_case(name) for name in NAMES]
OVERLAYS = [name for name in case_names() if is_overlay(INVALID_FOLDER / name)]


def expectations(case):
    return json.loads((INVALID_FOLDER / case.name / "expected.json").read_text())


def test_valid_fixture_has_no_findings_at_all():
    result = run_cli("check", "--registry", str(FIXTURES / "valid"), "--fail-level", "info")
    assert result.code == 0, result.out
    assert result.out.strip() == "0 findings (0 errors, 0 warnings, 0 infos)"


@pytest.mark.parametrize("case", INVALID, ids=NAMES)
def test_invalid_fixture_produces_its_findings(case):
    expected = expectations(case)
    findings = run_checks(load(case))
    for want in expected["findings"]:
        matches = [
            f
            for f in findings
            if (f.code, f.file, f.line) == (want["code"], want["file"], want["line"])
            and want.get("message_contains", "") in f.message
            and want.get("hint_contains", "") in (f.hint or "")
        ]
        assert matches, f"missing {want} in:\n" + "\n".join(map(str, findings))
    result = run_cli("check", "--registry", str(case))
    assert result.code == expected["exit"], result.out + result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize("case", INVALID, ids=NAMES)
def test_each_invalid_fixture_differs_from_valid_only_by_its_fault(case):
    """The fault is the only error-level cause: codes outside the expected ones are consequences we list."""
    expected = {w["code"] for w in expectations(case)["findings"]}
    found = {f.code for f in run_checks(load(case))}
    assert expected <= found


def test_every_case_has_its_expected_findings():
    assert NAMES == case_names()


def test_only_the_documented_cases_are_complete_registries():
    """Every other case is an overlay: a full copy of a valid registry would hide which files make the fault."""
    assert set(case_names()) - set(OVERLAYS) == COMPLETE
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    for name in COMPLETE:
        assert f"tests/fixtures/invalid/{name}" in readme  # the reason it stays whole


@pytest.mark.parametrize("name", OVERLAYS)
def test_an_overlay_case_holds_only_what_it_changes(name):
    """Fewer files than its base, none of them a byte-for-byte copy of the base's file."""
    case = INVALID_FOLDER / name
    base, _ = read_overlay(case)
    own = overlay_files(case)
    assert len(own) < len(registry_files(base))
    copies = [
        path for path in own if (base / path).is_file() and (base / path).read_bytes() == (case / path).read_bytes()
    ]
    assert copies == [], f"{name} repeats files of {base.name} unchanged"


@pytest.mark.parametrize("name", OVERLAYS)
def test_an_overlay_case_changes_its_base(name, tmp_path):
    """The materialised registry differs from its base in file set or content, and the base is left as it was."""
    case = INVALID_FOLDER / name
    base, remove = read_overlay(case)
    before = {path: (base / path).read_bytes() for path in registry_files(base)}
    root = materialise(case, tmp_path / name)
    after = {path: (root / path).read_bytes() for path in registry_files(root)}
    assert after != before
    assert not set(remove) & set(after)
    assert {path: (base / path).read_bytes() for path in registry_files(base)} == before
    assert "overlay.toml" not in after and "expected.json" not in after


def test_an_overlay_naming_a_file_its_base_lacks_is_refused(tmp_path):
    case = tmp_path / "typo"
    case.mkdir()
    (case / "overlay.toml").write_text('base = "valid"\nremove = ["claims/energy.tll"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="energy.tll"):
        materialise(case, tmp_path / "out")


NORMALISED = "https://w3id.org/claimgraph/ns#normalisedValue"


@pytest.mark.parametrize("case", [FIXTURES / "valid", PROJECT] + INVALID, ids=["valid", "bundled"] + NAMES)
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
    (root / "shapes" / "ceiling.ttl").write_text(
        '''\
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
''',
        encoding="utf-8",
    )
    assert list(load(root, normalise=False).store.quads_for_pattern(None, ox.NamedNode(NORMALISED), None))
    result = run_cli("check", "--registry", str(root), "--no-cache", "--fail-level", "error")
    assert "is above the ceiling" in result.out, result.out + result.err
