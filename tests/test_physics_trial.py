"""What a physicist's trial found: values below about 1e-12 in their unit escaped CG320, CG350 and CG370 (an absolute
slack of 1e-12 made 1.6e-19 C and 1.6e-18 C equal), units were printed "W/m·K", band gaps were normalised to MWh and
specific energies to m²/s² (which the site then said were not normalised), the site cut a normalised value to three
digits, a verified claim with a swapped range or a unit of the wrong dimension kept its "agrees with the source", and
``diff`` called a respelt or less precise number "only its unit is rewritten". Each registry is made here as a user
makes one (tests/made_registries.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.quantities import UNIT_NS, Quantity

from .made_registries import add_claim, add_turtle, findings, new_claim, new_registry

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
