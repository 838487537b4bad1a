"""Registries other than the bundled one, in units QUDT defines, composes or the registry declares:
derivations with units hold where they should, the saved spread query compares normalised values,
the formula scheme and the code agree, and the check cache follows the shipped unit data."""

from __future__ import annotations

import json

import pyoxigraph as ox

from claimgraph import check_cache
from claimgraph.checks.derived import FORMULAS, recompute
from claimgraph.model import derivations
from claimgraph.namespaces import FORMULA
from claimgraph.registry import load

from .conftest import FIXTURES, PROJECT, run_cli
from .fixture_overlays import invalid_case


def test_a_registry_of_units_and_derivations_that_hold_checks_clean():
    result = run_cli("check", "--registry", str(FIXTURES / "valid-units"), "--fail-level", "info")
    assert result.code == 0, result.out
    assert result.out.strip() == "0 findings (0 errors, 0 warnings, 0 infos)"


def test_energy_times_carbon_intensity_is_recomputed_in_tonnes_with_an_interval():
    registry = load(invalid_case("derivation-units"))
    (emissions,) = [d for d in derivations(registry) if d.claim.endswith("/claim/x-emissions")]
    centre, low, high, operands = recompute(registry, emissions)
    assert round(centre, 2) == 74.84  # 324 MWh × 231 g/kWh
    assert (round(low, 2), round(high, 2)) == (round(323.5 * 230.5 / 1000, 2), round(324.5 * 231.5 / 1000, 2))
    assert [o.shown for o in operands] == ["claim:x-energy = 324 MWh", "claim:x-grid-intensity = 231 g/kWh"]


def test_a_declared_unit_and_composed_units_resolve_in_derivations():
    registry = load(FIXTURES / "valid-units")
    by_claim = {d.claim.rsplit("/", 1)[-1]: d for d in derivations(registry)}
    centre, *_ = recompute(registry, by_claim["x-duration"])  # FLOP / (TFLOP/s), in the registry's GPU-hours
    assert round(centre) == round(3.1e23 / 150e12 / 3600)
    centre, *_ = recompute(registry, by_claim["x-emissions-in-pounds"])
    assert round(centre) == round(75_000 / 0.45359237)


def test_the_spread_query_compares_normalised_values():
    """600 g/kWh against 0.429 kg/kWh is a spread of 1.4, not the 1,399 of values left in their own units;
    5 USD and 5 EUR are never put in one row."""
    result = run_cli(
        "query", "measurand-spread", "--format", "json", "--registry", str(invalid_case("units-and-conflicts"))
    )
    rows = json.loads(result.out)["results"]["bindings"]
    assert [r["measurand"]["value"].rsplit("/", 1)[-1] for r in rows] == ["x-grid-intensity"]
    # (to four significant digits, as every computed number is printed: 1.399, not 1.3986013986013988)
    assert float(rows[0]["ratio"]["value"]) == 1.399 == float(f"{0.6 / 0.429:.4g}")


def test_every_formula_of_the_scheme_has_a_function_and_back():
    store = ox.Store()
    store.load(path=str(PROJECT / "ontology" / "schemes.ttl"), format=ox.RdfFormat.TURTLE)
    scheme = {
        s["f"].value
        for s in store.query(
            "SELECT ?f WHERE { ?f <http://www.w3.org/2004/02/skos/core#inScheme> "
            "<https://w3id.org/claimgraph/ns#FormulaScheme> }"
        )
    }
    assert scheme == set(FORMULAS)
    assert FORMULA.product in scheme


def test_the_check_cache_key_covers_the_shipped_unit_data(tmp_path, monkeypatch):
    """Another QUDT table (a new release) must not reuse results checked with the old one."""
    import shutil

    from claimgraph import file_io

    package = tmp_path / "claimgraph"
    shutil.copytree(file_io.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(file_io, "PACKAGE", package)
    before = check_cache.digest(FIXTURES / "valid-units")
    data = package / "data" / "qudt-units.json"
    data.write_text(
        data.read_text(encoding="utf-8").replace(
            '"KiloW-HR": {"multiplier": "3600000.0"', '"KiloW-HR": {"multiplier": "3600001.0"'
        ),
        encoding="utf-8",
    )
    assert before and check_cache.digest(FIXTURES / "valid-units") != before


def _codes(root):
    from claimgraph.checks import run_checks

    return {(f.code, f.subject.rsplit("/", 1)[-1]) for f in run_checks(load(root))}


def test_an_operands_relative_tolerance_widens_the_recomputed_interval(copy_fixture):
    """A regression: "cg:relativeTolerance 0.05 on an operand does not widen the recomputed value's interval"."""
    root = copy_fixture("invalid/derivation-units")
    path = root / "claims" / "emissions.ttl"
    assert ("CG350", "x-emissions") in _codes(root)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "qudt:numericValue 324 ; qudt:unit unit:MegaW-HR ]",
            "qudt:numericValue 324 ; qudt:unit unit:MegaW-HR ; cg:relativeTolerance 0.1 ]",
        ),
        encoding="utf-8",
    )
    registry = load(root)
    (emissions,) = [d for d in derivations(registry) if d.claim.endswith("/claim/x-emissions")]
    _centre, low, high, _ = recompute(registry, emissions)
    assert round(low, 1) == round(324 * 0.9 * 230.5 / 1000, 1) and round(high, 1) == round(324 * 1.1 * 231.5 / 1000, 1)
    assert ("CG350", "x-emissions") not in _codes(root)  # 70 t now lies within 67.2–82.5 t


def test_an_operand_stated_as_a_range_is_an_interval(copy_fixture):
    root = copy_fixture("invalid/derivation-units")
    path = root / "claims" / "emissions.ttl"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "qudt:numericValue 231 ; qudt:unit unit:GM-PER-KiloW-HR",
            "cg:lowerBound 200 ; cg:upperBound 250 ; qudt:unit unit:GM-PER-KiloW-HR",
        ),
        encoding="utf-8",
    )
    registry = load(root)
    (emissions,) = [d for d in derivations(registry) if d.claim.endswith("/claim/x-emissions")]
    _centre, low, high, operands = recompute(registry, emissions)
    assert (round(low, 1), round(high, 1)) == (round(323.5 * 200 / 1000, 1), round(324.5 * 250 / 1000, 1))
    assert operands[1].shown == "claim:x-grid-intensity = 200–250 g/kWh"
    assert ("CG350", "x-emissions") not in _codes(root)


def test_derivations_survive_junk_in_or_no_pint_cache(tmp_path):
    """pint's parsed definitions are cached in claimgraph's cache folder: junk there is not read as
    definitions, and a cache path that cannot be a folder only costs time."""
    import os
    import subprocess
    import sys

    damaged = tmp_path / "damaged"
    (damaged / "pint").mkdir(parents=True)
    for name in ("a.pickle", "b.json"):
        (damaged / "pint" / name).write_bytes(b"\x80not a pickle")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be")
    for cache in (damaged, blocked):
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from claimgraph.cli import main; sys.exit(main())",
                "check",
                "--registry",
                str(invalid_case("derivation-units")),
                "--no-cache",
            ],
            capture_output=True,
            text=True,
            cwd=PROJECT,
            env={**os.environ, "CLAIMGRAPH_CACHE_DIR": str(cache)},
        )
        assert "gives 74.8 t (interval 74.6–75.1 t)" in result.stdout, result.stderr
        assert "Traceback" not in result.stderr


def test_list_claims_normalises_a_unit_the_registry_declares():
    import csv
    import io

    result = run_cli("list", "claims", "-r", str(FIXTURES / "valid-units"))
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(result.out))}
    duration = rows["claim/x-duration"]
    assert duration["unit"] == "unit:GPU-HR" and duration["normalised_unit"] == "unit:DAY"
    assert abs(float(duration["normalised_value"]) - 574000 / 24) < 1e-6


def test_a_unit_of_another_dimension_than_the_kind_is_one_finding_not_three(tmp_path):
    """A mass recorded in metres (its quote and statement print "5 kg") is CG330, once: comparing "5 m" with the
    texts' "5 kg" would report the same mistake again as CG320 and CG322. The same claim in kilograms is compared
    (and its quote, stating another number, still caught)."""
    from .made_registries import add_claim, findings, new_registry

    root = new_registry(tmp_path)
    # (`new claim` refuses a unit of another dimension: the mistake is made in the file, as an editor would)
    add_claim(root, "wrong-unit", "The payload is 5 kg.", "5", "KiloGM", quote="a payload of 5 kg", kind="Mass")
    claims = root / "claims" / "claims.ttl"
    text = claims.read_text(encoding="utf-8")
    assert text.count("qudt:unit unit:KiloGM") == 1
    claims.write_text(text.replace("qudt:unit unit:KiloGM", "qudt:unit unit:M"), encoding="utf-8")
    add_claim(root, "right-unit", "The payload is 5 kg.", "5", "KiloGM", quote="a payload of 5 kg", kind="Mass")
    add_claim(root, "wrong-quote", "The payload is 5 kg.", "5", "KiloGM", quote="a payload of 7 kg", kind="Mass")
    by_claim = {}
    for f in findings(root, "CG320", "CG322", "CG330", "CG370"):
        by_claim.setdefault(f["subject"].rsplit("/", 1)[-1], []).append(f["code"])
    assert by_claim.get("wrong-unit") == ["CG330"], by_claim
    assert "right-unit" not in by_claim, by_claim
    assert by_claim.get("wrong-quote") == ["CG320"], by_claim
