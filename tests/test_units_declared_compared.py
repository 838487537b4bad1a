"""A unit the registry declares in its own Turtle (docs/units.md: ``unit:GPU-HR a qudt:Unit ;
qudt:conversionMultiplier 3600 …``) is compared with the numbers quotes and statements print, and printed by its
declared symbol: the clinical trial's claims in a declared eGFR unit got CG320 and CG322 against quotes that state
them, facts that read nothing, and "mL/(min·PER·1p73M²)" on their pages."""

from __future__ import annotations

from .made_registries import add_claim, add_turtle, checked_site, findings, new_registry, page_words, site_page

_TIME = "<http://qudt.org/vocab/dimensionvector/A0E0L0I0M0H0T1D0>"
_FLOW = "<http://qudt.org/vocab/dimensionvector/A0E0L3I0M0H0T-1D0>"
GPU_HOUR = (
    f"unit:GPU-HR a qudt:Unit ; qudt:conversionMultiplier 3600.0 ; qudt:hasDimensionVector {_TIME} ; "
    'qudt:hasQuantityKind quantitykind:Time ; qudt:symbol "GPUh" .'
)
EGFR = (
    'unit:MilliL-PER-MIN-PER-1p73M2 a qudt:Unit ; qudt:symbol "mL/min/1.73 m²" ; '
    f"qudt:conversionMultiplier 1.6666666666666667e-8 ; qudt:hasDimensionVector {_FLOW} ; "
    "qudt:hasQuantityKind quantitykind:VolumeFlowRate ."
)


def test_a_claim_in_gpu_hours_is_stated_by_a_quote_in_hours(tmp_path):
    root = new_registry(tmp_path)
    add_turtle(root, GPU_HOUR)
    add_claim(root, "right", "It took 3 hours.", "3", "GPU-HR", quote="training took 3 hours", kind="Time")
    add_claim(root, "wrong", "It took 3 GPU-hours.", "3", "GPU-HR", quote="training took 4 hours", kind="Time")
    found = {(f["code"], f["subject"].rsplit("/", 1)[-1]): f["message"] for f in findings(root, "CG320", "CG322")}
    assert ("CG320", "right") not in found and ("CG322", "right") not in found
    assert found[("CG320", "wrong")].startswith("the claim says 3 GPUh, but no number in its quote matches")
    assert "(numbers read: 4 h)" in found[("CG320", "wrong")]


def test_a_declared_unit_is_printed_by_its_symbol_and_its_facts_agree_with_the_message(tmp_path):
    root = new_registry(tmp_path)
    add_turtle(root, EGFR)
    add_claim(
        root, "egfr-inclusion", "eGFR of at least 30 mL/min.", "30", "MilliL-PER-MIN-PER-1p73M2",
        quote="eGFR at least 45 mL/min per 1.73 m²", kind="VolumeFlowRate",
    )  # fmt: skip
    (cg320,) = findings(root, "CG320")
    assert "the claim says 30 mL/min/1.73 m²," in cg320["message"], cg320["message"]
    assert "PER" not in cg320["message"]
    # the figure read in the quote is the facts' too, as the message lists it
    assert "45 mL/min" in cg320["message"]
    facts = cg320["facts"]
    assert [list(figure) for figure in facts["read"]] == [[45.0, "MilliL-PER-MIN"]], facts
    # "per 1.73 m²" is the body-surface normalisation eGFR names (docs/numbers.md): no second figure of its own
    assert "1.73 m² (another dimension)" not in cg320["message"]
    assert [list(figure) for figure in facts["read_other"]] == [], facts
    words = page_words(site_page(checked_site(root, tmp_path / "site"), "claims/egfr-inclusion.html"))
    assert "Value as stated 30 mL/min/1.73 m²" in words
    assert "Unit mL/min/1.73 m² (unit:MilliL-PER-MIN-PER-1p73M2)" in words
    assert "·PER·" not in words and "1p73M²" not in words
    # "who says what" shows the figure the check read, from its facts
    assert "in the cited source 45 mL/min Doe (2021) p. 1, read in the quote" in words


def test_a_quote_in_the_unit_a_declared_one_is_defined_by_states_it(tmp_path):
    """The trial's case: 30 of a declared eGFR unit (mL/min per 1.73 m² of body surface, 1 mL/min each) is stated
    by "30 mL/min", in its quote and in its statement."""
    root = new_registry(tmp_path)
    add_turtle(root, EGFR)
    add_claim(
        root, "egfr", "eGFR of at least 30 mL/min", "30", "MilliL-PER-MIN-PER-1p73M2",
        quote="eGFR at least 30 mL/min.", kind="VolumeFlowRate",
    )  # fmt: skip
    assert findings(root, "CG320", "CG322") == []


def test_a_conflict_in_a_declared_unit_is_printed_by_its_symbol(tmp_path):
    root = new_registry(tmp_path)
    add_turtle(root, EGFR)
    for claim_id, value in (("low", "30"), ("high", "60")):
        add_claim(
            root, claim_id, f"eGFR of {value} mL/min.", value, "MilliL-PER-MIN-PER-1p73M2",
            kind="VolumeFlowRate", more=("--measurand", "egfr"),
        )  # fmt: skip
    messages = [f["message"] for f in findings(root, "CG340")]
    assert messages and all("values span 30 to 60 mL/min/1.73 m²" in m for m in messages), messages
    site = checked_site(root, tmp_path / "site")
    shown = " ".join(page_words(site_page(site, path.relative_to(site).as_posix())) for path in site.glob("*.html"))
    assert "30 to 60 mL/min/1.73 m²" in shown
    assert "·PER·" not in shown
