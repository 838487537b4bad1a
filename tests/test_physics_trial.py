"""What a physicist's trial found: values below about 1e-12 in their unit escaped CG320, CG350 and CG370 (an absolute
slack of 1e-12 made 1.6e-19 C and 1.6e-18 C equal), units were printed "W/m·K", band gaps were normalised to MWh and
specific energies to m²/s² (which the site then said were not normalised), the site cut a normalised value to three
digits, a verified claim with a swapped range or a unit of the wrong dimension kept its "agrees with the source", and
``diff`` called a respelt or less precise number "only its unit is rewritten". Each registry is made here as a user
makes one (tests/made_registries.py)."""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pytest

from claimgraph.quantities import KIND_UNITS, UNIT_NS, Quantity, unit_label

from .conftest import run_cli
from .made_registries import add_claim, add_turtle, checked_site, findings, new_claim, new_registry
from .made_registries import site_page, site_words

ROOT = Path(__file__).resolve().parent.parent
VERIFIED = ("--status", "verifiedPrimary", "--status-note", "n")


def _subjects(root: Path, code: str) -> list[str]:
    return sorted(f["subject"].rsplit("/", 1)[-1] for f in findings(root, code))


# ------------------------------------------------------------------ 3. comparisons relative to the numbers' size


def _charge_registry(tmp_path: Path, scale: str) -> Path:
    """repro2.sh of the trial, its numbers in C times ``scale`` ("e-19": the elementary charge as it is; "": the
    control, 10¹⁹ times larger): a quote ten times the claim, a conversion ten times off, a quote's own value ten
    times the claim's."""
    root = new_registry(tmp_path, ("en",))
    kind = "ElectricCharge"
    add_claim(root, "e", "s", f"1.602176634{scale}", "C", quote=f"e = 1.602176634{scale} C", kind=kind, more=VERIFIED)
    add_claim(root, "e-quote", "s", f"1.6{scale}", "C", quote=f"e = 16{scale} C", kind=kind, more=VERIFIED)
    derived = new_claim(
        root, "e-conv", "--statement", "s", "--value", f"16{scale}", "--unit", "C", "--derived-by", "conversion",
        "--operands", "e", *VERIFIED, kind=kind,
    )  # fmt: skip
    assert derived.code == 0, derived.err
    add_turtle(
        root,
        f"""
claim:e-qv a cg:QuantitativeClaim ; cg:statement "s"@en ; cg:measurand measurand:e ;
    cg:value [ qudt:numericValue 1.6{scale} ; qudt:unit unit:C ] ; cg:cites source:Doe2021 ;
    cg:citedSourceRole role:primary ;
    cg:citedQuote [ a cg:SourceQuote ; cg:inSource source:Doe2021 ; oa:exact "one electron: see table" ;
                    cg:locator "p. 2" ; cg:value [ qudt:numericValue 16{scale} ; qudt:unit unit:C ] ] ;
    cg:status status:verifiedPrimary ; cg:statusNote "n"@en .
""",
    )
    return root


@pytest.mark.parametrize("scale", ["e-19", ""], ids=["elementary charge", "control"])
def test_a_factor_of_ten_is_seen_at_every_scale(tmp_path, scale):
    root = _charge_registry(tmp_path, scale)
    assert _subjects(root, "CG320") == ["e-quote"]
    assert _subjects(root, "CG350") == ["e-conv"]
    assert _subjects(root, "CG370") == ["e-qv"]


def test_numbers_equal_but_for_float_rounding_still_agree_at_every_scale(tmp_path):
    """0.1 + 0.2 is 0.30000000000000004: scaled down to 1e-20, and written to 17 digits (a rounding of 5e-38, far
    below the binary noise), the quote's value, the sum and a second claim still agree with the claim."""
    root = new_registry(tmp_path, ("en",))
    exact = "3.0000000000000000e-21"
    noisy = repr((0.1 + 0.2) * 1e-20)
    assert noisy == "3.0000000000000003e-21"
    kind = "ElectricCharge"
    add_claim(root, "a", "s", "1.0000000000000000e-21", "C", kind=kind)
    add_claim(root, "b", "s", "2.0000000000000000e-21", "C", kind=kind)
    add_claim(root, "sum", "s", exact, "C", kind=kind, more=("--derived-by", "sum", "--operands", "a", "b"))
    add_claim(root, "twin", "s", noisy, "C", kind=kind, more=("--measurand", "sum"))
    add_turtle(
        root,
        f"""
claim:quoted a cg:QuantitativeClaim ; cg:statement "s"@en ; cg:measurand measurand:quoted ;
    cg:value [ qudt:numericValue {exact} ; qudt:unit unit:C ] ; cg:cites source:Doe2021 ;
    cg:citedSourceRole role:primary ;
    cg:citedQuote [ a cg:SourceQuote ; cg:inSource source:Doe2021 ; oa:exact "see table" ;
                    cg:locator "p. 2" ; cg:value [ qudt:numericValue {noisy} ; qudt:unit unit:C ] ] ;
    cg:status status:verifiedPrimary ; cg:statusNote "n"@en .
measurand:quoted a cg:Measurand ; rdfs:label "quoted" ; cg:quantityKind quantitykind:ElectricCharge ;
    cg:about system:s .
""",
    )
    assert (1e-21 + 2e-21) != 3e-21  # the sum recomputed is not the claim's number to the last bit
    assert findings(root, "CG350", "CG370", "CG340", "CG321") == []


def test_quantities_compare_by_their_size_not_by_an_absolute_amount():
    claim = Quantity(unit=UNIT_NS + "C", value=1.6e-19, lexical="1.6e-19")
    assert claim.matches(1.6e-19, UNIT_NS + "C") and claim.matches(0.16, UNIT_NS + "AttoC")
    assert not claim.matches(1.6e-18, UNIT_NS + "C") and not claim.matches(1.6e-20, UNIT_NS + "C")
    exact = Quantity(unit=UNIT_NS + "C", value=3e-21, lexical="3.0000000000000000e-21")
    assert exact.matches((0.1 + 0.2) * 1e-20, UNIT_NS + "C") and not exact.matches(3.1e-21, UNIT_NS + "C")
    span = Quantity(unit=UNIT_NS + "C", lower=1e-19, upper=3e-19)
    assert span.matches((0.1 + 0.2) * 1e-18, UNIT_NS + "C") and not span.matches(3e-18, UNIT_NS + "C")
    assert not span.matches(1e-20, UNIT_NS + "C")


# ------------------------------------------------------------------ 7, 9, 10, 11: messages and the site


def _physics_registry(tmp_path: Path) -> Path:
    root = new_registry(tmp_path, ("en",))
    add_claim(root, "k-cu", "s", "401", "W-PER-M-K", kind="ThermalConductivity", more=("--measurand", "k", *VERIFIED))
    add_claim(root, "k-cu-low", "s", "390", "W-PER-M-K", kind="ThermalConductivity", more=("--measurand", "k"))
    add_claim(root, "Eg-si", "s", "1.12", "EV", kind="GapEnergy", more=VERIFIED)
    add_claim(root, "Eg-nb", "s", "1.5", "MilliEV", kind="SuperconductorEnergyGap")
    add_claim(root, "photon", "s", "2.5", "EV", kind="Energy")
    add_claim(root, "ed-liion", "s", "250", "W-HR-PER-KiloGM", kind="SpecificEnergy", more=VERIFIED)
    add_claim(root, "Tm-al-K", "s", "933.47", "K", kind="ThermodynamicTemperature", more=("--measurand", "tm"))
    add_claim(root, "Tm-al-C", "s", "660.32", "DEG_C", kind="ThermodynamicTemperature", more=("--measurand", "tm"))
    add_claim(root, "e-codata", "s", "1.602176634e-19", "C", kind="ElectricCharge")
    add_claim(root, "rho-al", "s", "2.70", "GM-PER-CentiM3", kind="Density")
    # what `new claim` refuses (CG332, CG330), written by hand, marked verified
    add_turtle(
        root,
        """
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
quantitykind:BandGapAt300K a qudt:QuantityKind ; rdfs:label "band gap at 300 K" ;
    qudt:hasDimensionVector <http://qudt.org/vocab/dimensionvector/A0E0L2I0M1H0T-2D0> ;
    skos:broader quantitykind:GapEnergy .
measurand:ge a cg:Measurand ; rdfs:label "band gap of germanium" ; cg:quantityKind quantitykind:BandGapAt300K ;
    cg:about system:s .
claim:Eg-ge a cg:QuantitativeClaim ; cg:statement "s"@en ; cg:measurand measurand:ge ;
    cg:value [ qudt:numericValue 0.66 ; qudt:unit unit:EV ] ; cg:cites source:Doe2021 .
measurand:span a cg:Measurand ; rdfs:label "span" ; cg:quantityKind quantitykind:Length ; cg:about system:s .
claim:lambda-swapped a cg:QuantitativeClaim ; cg:statement "s"@en ; cg:measurand measurand:span ;
    cg:value [ cg:lowerBound 1100 ; cg:upperBound 400 ; qudt:unit unit:NanoM ] ; cg:cites source:Doe2021 ;
    cg:citedSourceRole role:primary ; cg:status status:verifiedPrimary ; cg:statusNote "n"@en .
measurand:ti a cg:Measurand ; rdfs:label "density of titanium" ; cg:quantityKind quantitykind:Density ;
    cg:about system:s .
claim:rho-ti a cg:QuantitativeClaim ; cg:statement "s"@en ; cg:measurand measurand:ti ;
    cg:value [ qudt:numericValue 4.51 ; qudt:unit unit:GM-PER-CentiM2 ] ; cg:cites source:Doe2021 ;
    cg:citedSourceRole role:primary ; cg:status status:verifiedPrimary ; cg:statusNote "n"@en .
""",
    )
    return root


@pytest.fixture(scope="module")
def physics(tmp_path_factory) -> tuple[Path, Path]:
    tmp_path = tmp_path_factory.mktemp("physics")
    root = _physics_registry(tmp_path)
    return root, checked_site(root, tmp_path / "site")


@pytest.mark.parametrize(
    "local, label",
    [
        ("W-PER-M-K", "W/(m·K)"),
        ("M3-PER-KiloGM-SEC2", "m³/(kg·s²)"),
        ("J-PER-KiloGM-K", "J/(kg·K)"),
        ("KiloGM-PER-M3", "kg/m³"),  # one factor: no parentheses
        ("GM-PER-KiloW-HR", "g/kWh"),  # one symbol, glued as people write it
        ("TeraW-HR-PER-YR", "TWh/yr"),
    ],
)
def test_unit_labels_parenthesise_a_denominator_of_several_factors(local, label):
    assert unit_label(UNIT_NS + local) == label


def test_a_denominator_of_several_factors_is_parenthesised(physics):
    root, site = physics
    (conflict,) = [f["message"] for f in findings(root, "CG340") if f["subject"].endswith("/k-cu")]
    assert "values span 390 to 401 W/(m·K)" in conflict and "W/m·K" not in conflict
    page = site_words(site, "measurands/k.html")
    assert "401 W/(m·K)" in page and "W/m·K" not in page
    chart = html.unescape((site / "measurands" / "k-1.svg").read_text(encoding="utf-8"))
    assert "W/(m·K)" in chart and "W/m·K" not in chart


def _normalised(root: Path) -> dict[str, tuple[str, str]]:
    listed = run_cli("list", "claims", "--registry", str(root), "--format", "json")
    assert listed.code == 0, listed.err
    return {
        row["id"].rsplit("/", 1)[-1]: (row["normalised_value"], row["normalised_unit"])
        for row in json.loads(listed.out)
    }


def test_band_gaps_and_specific_energies_are_normalised_in_their_own_units(physics):
    root, site = physics
    normalised = _normalised(root)
    assert normalised["Eg-si"] == (1.12, "unit:EV")
    assert normalised["Eg-nb"] == (0.0015, "unit:EV")  # QUDT's SuperconductorEnergyGap is narrower than GapEnergy
    assert normalised["Eg-ge"] == (0.66, "unit:EV")  # and so is the registry's own kind
    assert normalised["photon"][1] == "unit:MegaW-HR"  # an energy of the broad kind keeps the unit of energies
    assert normalised["ed-liion"] == (900000, "unit:J-PER-KiloGM")
    # the saved queries read the same normalised values
    rows = run_cli("query", "claims-by-measurand", "--registry", str(root))
    assert rows.code == 0, rows.err
    by_claim = {word: line.split() for line in rows.out.splitlines() for word in line.split() if "<claim/" in word}
    assert by_claim["<claim/Eg-si>"][-3:-1] == ["1.12", "unit:EV"]
    assert by_claim["<claim/ed-liion>"][-3:-1] == ["900000", "unit:J-PER-KiloGM"]
    # the page shows the normalised value its own data holds, never "not normalised" beside it
    claim = site_words(site, "claims/ed-liion.html")
    assert "Normalised value 900000 J/kg" in claim and "not normalised" not in claim
    assert "cg:normalisedValue" in site_page(site, "claims/ed-liion.html")
    assert "Normalised value 1.12 eV" in site_words(site, "claims/eg-si.html")
    assert "900000 J/kg" in site_words(site, "measurands/ed-liion.html")


def test_every_kind_with_a_unit_of_its_own_is_documented():
    page = (ROOT / "docs" / "units.md").read_text(encoding="utf-8")
    for kind, unit in KIND_UNITS.items():
        if "-Particle" in kind:
            continue  # QUDT's second spelling of MaximumBetaParticleEnergy
        assert f"`{kind}`" in page and f"`unit:{unit}`" in page, kind


def test_the_normalised_value_keeps_the_digits_the_claim_states(physics):
    _, site = physics
    table = site_words(site, "measurands/tm.html")
    assert "Tm-al-K 933.47 K 933.47 K" in table and "Tm-al-C 660.32 °C 933.47 K" in table
    assert " 933 K" not in table
    assert "Normalised value 933.47 K" in site_words(site, "claims/tm-al-k.html")
    charge = site_words(site, "measurands/e-codata.html")
    assert "1.602176634 × 10⁻¹⁹ C 1.602176634 × 10⁻¹⁹ C" in charge and "1.6 × 10⁻¹⁹ C" not in charge
    # converted: as many significant digits as the claim writes (2.70: three), the whole number kept
    assert "Normalised value 2700 kg/m³" in site_words(site, "claims/rho-al.html")


@pytest.mark.parametrize("slug, code", [("lambda-swapped", "CG332"), ("rho-ti", "CG330")])
def test_a_verified_claim_with_a_malformed_value_is_not_borne_out(physics, slug, code):
    _, site = physics
    page = site_words(site, f"claims/{slug}.html")
    assert f"The checks do not bear this status out: {code}" in page


def test_a_conflict_between_claims_does_not_deny_a_claim_its_own_verification(physics):
    """CG340: sources that differ may each be quoted rightly, which is what a verified status says."""
    root, site = physics
    assert _subjects(root, "CG340") == ["k-cu", "k-cu-low"]
    page = site_words(site, "claims/k-cu.html")
    assert "verified against the primary source" in page and "do not bear this status out" not in page


# ------------------------------------------------------------------ 12. diff says what a value change rewrote


def test_diff_tells_a_respelling_from_a_change_of_precision(tmp_path):
    root = new_registry(tmp_path, ("en",))
    add_claim(root, "e", "s", "1.602176634e-19", "C", kind="ElectricCharge")
    add_claim(root, "rho", "s", "2.70", "GM-PER-CentiM3", kind="Density")
    add_claim(root, "tm", "s", "660.32", "DEG_C", kind="ThermodynamicTemperature")
    add_claim(root, "off", "s", "1.6e-19", "C", kind="ElectricCharge")
    new = tmp_path / "new"
    shutil.copytree(root, new)
    path = new / "claims" / "claims.ttl"
    text = path.read_text(encoding="utf-8")
    for old_value, new_value in (
        ("1.602176634e-19 ;", "1.602176634E-19 ;"),
        ("2.70 ;", "2.7 ;"),
        ("660.32 ; qudt:unit unit:DEG_C", "933.47 ; qudt:unit unit:K"),
        ("1.6e-19 ;", "1.6e-18 ;"),
    ):
        assert old_value in text
        text = text.replace(old_value, new_value)
    path.write_text(text, encoding="utf-8")
    result = run_cli("diff", str(root), str(new), "--format", "json")
    assert result.code in (0, 1), result.err
    changes = {c["claim"].rsplit("/", 1)[-1]: c["changes"][0] for c in json.loads(result.out)["changed"]}
    assert {claim: (c["same_quantity"], c["rewritten"]) for claim, c in changes.items()} == {
        "e": (True, "written form"),
        "rho": (False, "precision"),  # 2.695 to 2.705 became 2.65 to 2.75
        "tm": (True, "unit"),
        "off": (False, ""),
    }
    shown = run_cli("diff", str(root), str(new)).out
    assert shown.count("same quantity: only its written form changes") == 1
    assert shown.count("same quantity: only its unit is rewritten") == 1
    assert shown.count("same number, stated to another precision") == 1
    markdown = run_cli("diff", str(root), str(new), "--format", "markdown").out
    assert "(same number, stated to another precision" in markdown
