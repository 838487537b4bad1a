"""`new claim --derived-by FORMULA --operands …` declares a derivation that `check` recomputes with units;
`new claim` takes a claim without a quote (an info finding only)."""

from __future__ import annotations

import json

import pytest

from .conftest import run_cli

SOURCE = [
    "--key",
    "Doe2021",
    "--author",
    "Doe, Jane",
    "--title",
    "The Energy of Training Model X",
    "--year",
    "2021",
    "--venue",
    "Journal of Examples",
    "--doi",
    "10.1234/example.2021.1",
]


def _claim(root, *args):
    return run_cli(
        "new",
        "claim",
        "-r",
        str(root),
        "--cites",
        "Doe2021",
        "--status",
        "verifiedPrimary",
        "--status-note",
        "Table 3.",
        *args,
    )


@pytest.fixture
def registry(tmp_path):
    root = tmp_path / "reg"
    assert run_cli("init", str(root), "--lang", "en").code == 0
    assert run_cli("new", "source", "-r", str(root), *SOURCE).code == 0
    assert (
        _claim(
            root,
            "--id",
            "x-energy",
            "--statement",
            "Training took 324 MWh.",
            "--quote",
            "324 MWh",
            "--locator",
            "Table 3",
            "--value",
            "324",
            "--unit",
            "MegaW-HR",
            "--measurand",
            "x-energy",
            "--quantity-kind",
            "Energy",
            "--about",
            "model-x",
        ).code
        == 0
    )
    assert (
        _claim(
            root,
            "--id",
            "x-intensity",
            "--statement",
            "The grid emitted 231 gCO2e/kWh.",
            "--quote",
            "231 g",
            "--locator",
            "Table 3",
            "--value",
            "231",
            "--unit",
            "GM-PER-KiloW-HR",
            "--measurand",
            "x-intensity",
            "--quantity-kind",
            "MassPerEnergy",
            "--about",
            "model-x",
        ).code
        == 0
    )
    return root


def _findings(root):
    result = run_cli("check", "-r", str(root), "--format", "json", "--min-level", "info")
    return json.loads(result.out)["findings"]


def test_a_derived_claim_is_declared_and_recomputed_in_its_unit(registry):
    result = _claim(
        registry,
        "--id",
        "x-emissions",
        "--statement",
        "Training emitted 70 t CO2e.",
        "--value",
        "70",
        "--unit",
        "TONNE",
        "--measurand",
        "x-emissions",
        "--quantity-kind",
        "Mass",
        "--about",
        "model-x",
        "--derived-by",
        "product",
        "--operands",
        "x-energy",
        "x-intensity",
    )
    assert result.code == 0, result.err
    text = (registry / "claims" / "claims.ttl").read_text(encoding="utf-8")
    assert "cg:formula formula:product ; cg:operands ( claim:x-energy claim:x-intensity )" in text
    codes = {(f["code"], f["message"]) for f in _findings(registry)}
    mismatch = [m for c, m in codes if c == "CG350"]
    assert mismatch and "gives 74.8 t (interval 74.6–75.1 t), the claim says 70 t" in mismatch[0]
    # quote-less, derived: no CG210 either (a derived number is backed by its operands)
    assert not any(c == "CG210" for c, _ in codes)


def test_a_claim_without_a_quote_is_added_with_an_info_finding_only(registry):
    result = _claim(registry, "--id", "x-note", "--statement", "Model X was trained in 2021.")
    assert result.code == 0, result.err
    findings = [f for f in _findings(registry) if f["subject"].endswith("/claim/x-note")]
    assert findings and {f["severity"] for f in findings} == {"info"}


@pytest.mark.parametrize(
    "args, message",
    [
        (["--derived-by", "flubber", "--operands", "x-energy"], "formula 'flubber': use one of"),
        (["--derived-by", "product"], "needs its operands"),
        (["--operands", "x-energy"], "--operands need a formula"),
        (["--derived-by", "product", "--operands", "x energy"], "neither a number nor a claim id"),
    ],
)
def test_bad_derivations_are_refused_before_anything_is_written(registry, args, message):
    before = (registry / "claims" / "claims.ttl").read_bytes()
    result = _claim(
        registry,
        "--id",
        "x-bad",
        "--statement",
        "Bad.",
        "--value",
        "1",
        "--unit",
        "TONNE",
        "--measurand",
        "x-bad",
        "--quantity-kind",
        "Mass",
        "--about",
        "model-x",
        *args,
    )
    assert result.code == 2 and message in result.err and "Traceback" not in result.err
    assert (registry / "claims" / "claims.ttl").read_bytes() == before


def test_a_derivation_whose_dimension_does_not_fit_is_refused(registry):
    """An energy claim derived as energy × intensity (a mass) would bring an error (CG352): refused."""
    before = (registry / "claims" / "claims.ttl").read_bytes()
    result = _claim(
        registry,
        "--id",
        "x-wrong",
        "--statement",
        "Wrong.",
        "--value",
        "75",
        "--unit",
        "MegaW-HR",
        "--measurand",
        "x-energy",
        "--derived-by",
        "product",
        "--operands",
        "x-energy",
        "x-intensity",
    )
    assert result.code == 1 and "CG352" in result.err
    assert (registry / "claims" / "claims.ttl").read_bytes() == before
