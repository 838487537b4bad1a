"""What a new user's trial found (streaming "1 h = 3.2 kg CO2" beside the IEA's 36 g), on registries made as a user
makes them (``init``, ``new source``, ``new claim``, hand-written Turtle), with the real check and the real build:

1. a conclusion resting on a derivation that cannot be evaluated (CG351) or gives another dimension (CG352) was
   judged "Supported";
2. an overflowing product was CG350 "gives inf", and ``check --format json`` wrote ``Infinity`` (not JSON);
3. the verdict box dropped a claim's ``discrepancy`` status when a finding was listed for the claim;
4. CG360 (weakness carried upward) did not follow derivations, though the verdict did;
5. ``cg:operands claim:base`` (no list) said "expects 1 operand, got 0"; ``claim:x cg:contests claim:x`` was
   silent; "Other claims on the same measurand" said "(no citation)" for a claim citing a source;
6. one conflict was one identical message per claim on the measurand;
7. mass flows and speeds were normalised to N·s/m and Hz·m.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from claimgraph.qudt import qudt_catalogue
from claimgraph.reports import json_showable

from .conftest import run_cli
from .made_registries import add_claim, add_turtle, checked_site, findings, new_registry, page_words, site_page

VERIFIED = ("--status", "verifiedPrimary", "--status-note", "Checked on p. 1.")


def _streaming(tmp_path: Path) -> Path:
    """The trial's registry: an hour of streaming, its emissions per hour (3.2 kg/h), the IEA's 36 g/h and
    another 50 g/h on the same measurand, each verified against its primary source."""
    root = new_registry(tmp_path, languages=("en",))
    add_claim(root, "hours", "One hour of streaming.", "1", "HR", kind="Time", more=VERIFIED)
    add_claim(root, "per-hour", "Streaming emits 3.2 kg per hour.", "3.2", "KiloGM-PER-HR", kind="MassFlowRate",
              more=(*VERIFIED, "--measurand", "per-hour"))  # fmt: skip
    for claim_id, grams in (("iea", "36"), ("other", "50")):
        add_claim(root, claim_id, f"It emits {grams} g per hour.", grams, "GM-PER-HR", kind="MassFlowRate",
                  more=(*VERIFIED, "--measurand", "per-hour"))  # fmt: skip
    return root


def _conclusion(order: int, slug: str, label: str, claim: str) -> str:
    return (
        f'<step/{slug}> a cg:Conclusion ; cg:order {order} ; rdfs:label "{label}"@en ; '
        f'cg:text "{label}."@en ; cg:supportedBy claim:{claim} .'
    )


def _box(words: str, label: str) -> str:
    """The words of the verdict box of the conclusion ``label`` on the home page."""
    start = words.index(f"{label}:")
    end = words.find("What the checks found", start)
    following = [words.find(f"{other}:", start + 1) for other in ("Unusable", "Overflow", "Discrepancy", "Chain")]
    ends = [i for i in (end, *following) if i > start]
    return words[start : min(ends)]


@pytest.fixture(scope="module")
def trial(tmp_path_factory):
    """The trial's registry with the derivations and conclusions the trial wrote, checked and built once."""
    tmp_path = tmp_path_factory.mktemp("trial")
    root = _streaming(tmp_path)
    add_claim(root, "kwh", "It emits 3.2 kWh.", "3.2", "KiloW-HR", kind="Energy", more=VERIFIED)
    add_claim(root, "huge", "A factor of 1.", "1", "UNITLESS", kind="Dimensionless", more=VERIFIED)
    add_claim(root, "base", "Two hours.", "2", "HR", kind="Time", more=("--status", "unverified"))
    add_claim(root, "twice", "Four hours.", "4", "HR", kind="Time", more=VERIFIED)
    add_claim(root, "thrice", "Twelve hours.", "12", "HR", kind="Time", more=VERIFIED)
    add_claim(root, "disputed", "It lasts 9 h.", "7", "HR", kind="Time",
              more=("--status", "discrepancy", "--status-note", "The source says 8 h."))  # fmt: skip
    add_turtle(
        root,
        "\n".join(
            (
                # a product of a time and a mass flow is a mass, not an energy (CG352)
                "claim:kwh cg:derivedBy [ a cg:Derivation ; cg:formula formula:product ;"
                " cg:operands ( claim:hours claim:per-hour ) ] .",
                # 1e400 is no float: the product overflows (CG351, not CG350 "gives inf")
                "claim:huge cg:derivedBy [ a cg:Derivation ; cg:formula formula:product ; cg:operands ( 1e200 1e200 ) ] .",
                # thrice from twice from base (unverified): the weakness is carried through two derivations
                "claim:twice cg:derivedBy [ a cg:Derivation ; cg:formula formula:product ; cg:operands ( claim:base 2 ) ] .",
                "claim:thrice cg:derivedBy [ a cg:Derivation ; cg:formula formula:product ;"
                " cg:operands ( claim:twice 3 ) ] .",
                _conclusion(1, "unusable", "Unusable", "kwh"),
                _conclusion(2, "overflow", "Overflow", "huge"),
                _conclusion(3, "discrepancy", "Discrepancy", "disputed"),
                _conclusion(4, "chain", "Chain", "thrice"),
            )
        ),
    )
    site = checked_site(root, tmp_path / "site")
    return root, findings(root), page_words(site_page(site, "index.html")), site


def test_an_unusable_derivation_is_no_support(trial):
    root, found, words, _ = trial
    assert [f["message"] for f in found if f["code"] == "CG352"] == [
        "derivation product: the recomputed value has dimension mass (M), but the claim's unit unit:KiloW-HR "
        "has dimension energy (L²·M·T⁻²)"
    ]
    unusable = _box(words, "Unusable")
    assert "Not supported as stated" in unusable, unusable
    assert "Supported" not in unusable.replace("Not supported as stated", ""), unusable
    assert "claims 3.2 kWh; its derivation (product) gives another dimension than its unit" in unusable, unusable
    overflow = _box(words, "Overflow")
    assert "Not supported as stated" in overflow, overflow
    assert "claims 1; its derivation (product) cannot be computed" in overflow, overflow  # a product is no factor


def test_an_overflow_is_a_derivation_that_cannot_be_computed(trial):
    root, found, words, site = trial
    huge = [(f["code"], f["message"], f["hint"]) for f in found if f["subject"].endswith("/claim/huge")]
    assert (
        "CG351",
        "derivation cannot be evaluated: its result is too large to compute (beyond 1.8e308)",
        "check the operands' values and units",
    ) in huge, huge
    assert not [f for f in found if f["code"] == "CG350"], found
    # the report is JSON (no Infinity, no NaN), whatever its format
    for fmt in ("json", "sarif"):
        out = run_cli("check", "--registry", str(root), "--format", fmt, "--no-cache", "--min-level", "info").out
        assert "Infinity" not in out and "NaN" not in out
        json.loads(out, parse_constant=lambda name: pytest.fail(f"{fmt} report holds {name}"))
    for page in ("index.html", "claims/huge.html"):
        assert not re.search(r"\b(inf|nan)\b", page_words(site_page(site, page)), re.IGNORECASE), page


def test_a_report_writes_a_number_that_is_not_finite_as_null():
    document = {"facts": {"recomputed": math.inf, "interval": (-math.inf, math.nan), "claimed": 1.5}, "n": 2}
    assert json.loads(json_showable(document)) == {
        "facts": {"recomputed": None, "interval": [None, None], "claimed": 1.5},
        "n": 2,
    }
    # a finite document is written as before
    assert json_showable({"a": [1.5, "x"]}) == json.dumps({"a": [1.5, "x"]}, ensure_ascii=False, indent=2)


def test_the_box_lists_the_discrepancy_status_beside_a_finding(trial):
    _, found, words, _ = trial
    assert [f["code"] for f in found if f["subject"].endswith("/claim/disputed") and f["severity"] != "info"] == [
        "CG322"
    ]
    box = _box(words, "Discrepancy")
    assert "claims 7 h; no number in its own statement matches" in box, box
    assert "marked discrepancy after verification" in box, box


def test_weakness_is_carried_up_through_derivations(trial):
    _, found, words, _ = trial
    chain = [f for f in found if f["code"] == "CG360" and f["subject"].endswith("/step/chain")]
    assert [f["message"] for f in chain] == [
        "this step rests on 1 weak claim: base (unverified; computed into twice, then into thrice)"
    ]
    assert [r.rsplit("/", 1)[-1] for r in chain[0]["related"]] == ["base"]
    # the verdict says the same: one finding, one defect listed
    box = _box(words, "Chain")
    assert "Partly supported" in box and "base : unverified" in box.replace("·", " "), box
    # a conclusion on a claim it names still gets its finding in the same words as before
    assert [f["message"] for f in found if f["code"] == "CG360" and f["subject"].endswith("/step/discrepancy")] == [
        "this step rests on 1 weak claim: disputed (discrepancy)"
    ]


def test_operands_that_are_no_list_are_said_to_be_no_list(tmp_path):
    root = _streaming(tmp_path)
    add_claim(root, "same", "One hour.", "1", "HR", kind="Time", more=("--measurand", "hours"))
    add_turtle(
        root,
        "claim:same cg:derivedBy [ a cg:Derivation ; cg:formula formula:conversion ; cg:operands claim:hours ] .\n"
        "claim:hours cg:derivedBy [ a cg:Derivation ; cg:formula formula:conversion ; cg:operands 2.5 ] .",
    )
    found = {f["subject"].rsplit("/", 1)[-1]: f for f in findings(root, "CG351")}
    assert found["same"]["message"] == (
        "derivation cannot be evaluated: its cg:operands must be an RDF list ( … ), not claim:hours"
    )
    assert (
        found["hours"]["message"]
        == "derivation cannot be evaluated: its cg:operands must be an RDF list ( … ), not 2.5"
    )
    assert "( claim:a claim:b )" in found["same"]["hint"]
    assert len(found) == 2


def test_a_claim_contesting_itself_is_reported(tmp_path):
    root = _streaming(tmp_path)
    assert findings(root, "CG300") == []
    add_turtle(root, "claim:other cg:contests claim:other .\nclaim:iea cg:qualifies claim:other .")
    found = findings(root, "CG300")
    assert [(f["subject"].rsplit("/", 1)[-1], f["message"], f["severity"]) for f in found] == [
        ("other", "claim:other cg:contests itself: a claim bears on other claims", "warning")
    ]
    assert found[0]["file"] == "claims/claims.ttl" and found[0]["line"]


def test_other_claims_on_the_measurand_name_the_source_they_cite(tmp_path):
    root = _streaming(tmp_path)
    add_claim(root, "printed", "It emits 40 g per hour.", "40", "GM-PER-HR", kind="MassFlowRate",
              more=("--measurand", "per-hour", "--in-text-citation", "Doe, 2021"))  # fmt: skip
    site = checked_site(root, tmp_path / "site")
    words = page_words(site_page(site, "claims/iea.html"))
    end = words.rindex("Identifiers and data")
    others = words[words.rindex("Other claims on the same measurand", 0, end) : end]
    assert "no citation" not in others, others
    assert "50 g/h verified against the primary source ( Doe (2021) )" in others, others
    assert "40 g/h unverified (Doe, 2021)" in others, others  # the citation as printed, when there is one


def test_each_claim_in_a_conflict_names_its_own_figure(tmp_path):
    root = _streaming(tmp_path)
    found = findings(root, "CG340")
    assert sorted((f["subject"].rsplit("/", 1)[-1], f["message"]) for f in found) == [
        (claim, "claims on measurand per-hour disagree beyond their rounding (iea, other, per-hour); "
         f"values span 36 to 3200 g/h; {claim} states {figure}")
        for claim, figure in (("iea", "36 g/h"), ("other", "50 g/h"), ("per-hour", "3.2 kg/h"))
    ]  # fmt: skip
    # one conflict, said once on each page: the claim's own finding, the measurand's first
    site = checked_site(root, tmp_path / "site")
    for page in ("claims/iea.html", "claims/other.html", "measurands/per-hour.html"):
        assert page_words(site_page(site, page)).count("claims on measurand per-hour disagree") == 1, page
    assert "iea states 36 g/h" in page_words(site_page(site, "claims/iea.html"))


def test_mass_flows_and_speeds_are_normalised_to_the_units_a_reader_writes(tmp_path):
    catalogue = qudt_catalogue()
    unit = "http://qudt.org/vocab/unit/"
    for written, expected in (
        ("GM-PER-HR", "KiloGM-PER-SEC"),
        ("KiloM-PER-HR", "M-PER-SEC"),
        ("GM-PER-L", "KiloGM-PER-M3"),
        ("KiloW-HR", "J"),  # the units that were right stay so
        ("MegaW", "W"),
        ("KiloGM-PER-KiloW-HR", "KiloGM-PER-J"),
        ("TONNE", "KiloGM"),
    ):
        assert catalogue.coherent_unit(catalogue.unit(unit + written).dimension) == unit + expected, written
    root = _streaming(tmp_path)
    listed = run_cli("list", "claims", "--registry", str(root))
    assert listed.code == 0, listed.err
    rows = [line for line in listed.out.splitlines() if "/claim/iea" in line]
    assert len(rows) == 1 and "unit:KiloGM-PER-SEC" in rows[0] and "N-SEC-PER-M" not in rows[0], rows
