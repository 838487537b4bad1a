"""Numbers a clinical researcher's trial found misread (diabetes and cardiovascular trials; docs/numbers.md), each
checked in the reader and through the real commands on a registry made as a user makes one:

1. blood pressure "120/80 mmHg" was read as the fraction 1.5: now 120 and 80 mmHg (systolic, diastolic);
2. "4.3 mm Hg" (NEJM's and JAMA's style) was read as 4.3 mm, and "mmHg" was not read at all;
5. "1.7 percentage points" was a unit not read, so a correct absolute risk reduction in percent got CG320/CG322: now
   in percent ("pp" stays not read: pages as often);
6. a dose "10 mg once daily", "10 mg daily", "10 mg/d" did not state 10 mg/day ("twice daily" is no 10 mg/day);
7. eGFR "30 mL/min/1.73 m²" was a unit not read: now mL/min, the body surface the measurand's, as "per passenger";
10. Lancet-style "8.1% (1.0) [65 mmol/mol]" was called an editorial insertion [ ]: a bracket holding one quantity with
    its unit right after a number is the source's own words; "[in 2020]" stays an insertion.
"""

from __future__ import annotations

import pytest

from claimgraph.checks.value_in_quote import _without_brackets
from claimgraph.numbers_in_text import UNIT_NOT_READ, describe, is_conversion_in_brackets, read_numbers, states
from claimgraph.quantities import UNIT_NS

from .made_registries import add_claim, findings, new_registry, quotes_not_stating
from .made_registries import figure as q


def read(text: str, languages: tuple[str, ...] = ("en",)) -> list[tuple[float, str | None]]:
    """(value, QUDT local name or the IRI of a unit not read) of each number ``text`` states."""
    numbers = [n for n in read_numbers(text, languages).numbers if not n.alternative]
    return [(n.value, n.unit.removeprefix(UNIT_NS) if n.unit else None) for n in numbers]


# ------------------------------------------------------------------ 1, 2. blood pressure


@pytest.mark.parametrize(
    "text, expected",
    [
        ("BP 120/80 mmHg", [(120.0, "MilliM_HG"), (80.0, "MilliM_HG")]),
        ("BP ≥140/90 mm Hg", [(140.0, "MilliM_HG"), (90.0, "MilliM_HG")]),
        ("blood pressure of 120/80 mmHg", [(120.0, "MilliM_HG"), (80.0, "MilliM_HG")]),
        ("SBP fell by 4.3 mm Hg", [(4.3, "MilliM_HG")]),
        ("a target below 130 mmHg", [(130.0, "MilliM_HG")]),
        ("120 mm of mercury", [(120.0, "MilliM_HG")]),
        # fractions stay ratios, and millimetres stay lengths
        ("1/6 of the energy", [(1 / 6, "UNITLESS")]),
        ("3/4", [(0.75, "UNITLESS")]),
        ("a cut 12 mm long", [(12.0, "MilliM")]),
    ],
)
def test_blood_pressure_is_read_in_mmhg(text, expected):
    assert read(text) == expected, describe(read_numbers(text, ("en",)))


@pytest.mark.parametrize("value", [120, 80])
def test_systolic_and_diastolic_are_both_stated(value):
    assert states(q(value, "MilliM_HG"), "BP 120/80 mmHg", ("en",))
    assert not states(q(1.5, "UNITLESS"), "BP 120/80 mmHg", ("en",))


# ------------------------------------------------------------------ 5. percentage points


@pytest.mark.parametrize(
    "text, languages",
    [
        ("an absolute difference of 1.7 percentage points", ("en",)),
        ("1.7 percentage point", ("en",)),
        ("1.7 % points", ("en",)),
        ("1.7%-points", ("en",)),
        ("1,7 points de pourcentage", ("fr",)),
        ("1,7 Prozentpunkte", ("de",)),
        ("1,7 Prozentpunkten", ("de",)),
        ("1,7 puntos porcentuales", ("es",)),
        ("1,7 punti percentuali", ("it",)),
        ("1,7 procentpunt", ("nl",)),
        ("1,7 procentpunten", ("nl",)),
    ],
)
def test_percentage_points_are_read_in_percent(text, languages):
    assert read(text, languages) == [(1.7, "PERCENT")], describe(read_numbers(text, languages))


@pytest.mark.parametrize("text", ["1.7 pp", "see 1.7 pp.", "50 basis points", "50 bps"])
def test_abbreviated_points_stay_not_read(text):
    assert [unit for _, unit in read(text)] == [UNIT_NOT_READ]


# ------------------------------------------------------------------ 6. doses per day


@pytest.mark.parametrize(
    "text",
    ["empagliflozin 10 mg once daily", "empagliflozin 10 mg daily", "10 mg/d", "10 mg a day", "10 mg once a day"],
)
def test_a_daily_dose_is_a_rate_per_day(text):
    assert read(text)[0] == (10.0, "MilliGM-PER-DAY"), describe(read_numbers(text, ("en",)))
    assert states(q(10, "MilliGM-PER-DAY"), text, ("en",))


def test_twice_daily_states_no_10_mg_per_day():
    assert not states(q(10, "MilliGM-PER-DAY"), "metformin 10 mg twice daily", ("en",))
    assert read("5 mg/dL") == [(5.0, "MilliGM-PER-DeciL")]  # "/d" is the day only standing alone


# ------------------------------------------------------------------ 7. eGFR


@pytest.mark.parametrize(
    "text",
    ["eGFR ≥30 mL/min/1.73 m2", "eGFR 30 mL/min/1.73 m²", "eGFR 30 mL/min per 1.73 m²", "eGFR 30 ml/min/1·73 m²"],
)
def test_egfr_is_read_in_ml_per_min(text):
    assert read(text) == [(30.0, "MilliL-PER-MIN")], describe(read_numbers(text, ("en",)))


def test_another_denominator_after_min_stays_not_read():
    assert [unit for _, unit in read("30 mL/min/kg")] == [UNIT_NOT_READ]


# ------------------------------------------------------------------ 10. a conversion in brackets


@pytest.mark.parametrize(
    "before, inside, conversion",
    [
        ("was 8.1% (1.0) ", "65 mmol/mol", True),
        ("HbA1c 7.0% ", "53 mmol/mol", True),
        ("LDL 100 mg/dL ", "≈ 2.6 mmol/L", True),
        ("it used 5 GWh ", "in 2020", False),
        ("it rose ", "5 GWh", False),  # after no number: an insertion
        ("as shown ", "12", False),
        ("it used 5 GWh ", "5 GWh in 2020", False),
    ],
)
def test_a_conversion_in_brackets_is_the_sources_words(before, inside, conversion):
    assert is_conversion_in_brackets(before, inside) is conversion
    bracketed = f"{before}[{inside}]"
    assert (f"[{inside}]" in _without_brackets(bracketed)) is conversion


def test_the_lancets_nested_brackets_are_read():
    quote = "Mean (SD) glycated haemoglobin at baseline was 8·1% (1·0) [65 mmol/mol]"
    assert states(q(65, "MilliMOL-PER-MOL"), quote, ("en",))
    assert not read("as in [12]")


# ------------------------------------------------------------------ end to end


def test_the_trials_right_claims_give_no_finding(tmp_path):
    root = new_registry(tmp_path, ("en",))
    right = [
        ("bp-sys", "BP 120/80 mmHg", "120", "MilliM_HG", "ForcePerArea"),
        ("bp-dia", "blood pressure of 120/80 mmHg", "80", "MilliM_HG", "ForcePerArea"),
        ("sbp-drop", "SBP fell by 4.3 mm Hg (95% CI, 3.1 to 5.5)", "4.3", "MilliM_HG", "ForcePerArea"),
        ("arr", "an absolute difference of 1.7 percentage points", "1.7", "PERCENT", "DimensionlessRatio"),
        ("dose", "empagliflozin 10 mg once daily", "10", "MilliGM-PER-DAY", "MassFlowRate"),
        ("dose-d", "10 mg/d", "10", "MilliGM-PER-DAY", "MassFlowRate"),
        ("egfr", "eGFR ≥30 mL/min/1.73 m2", "30", "MilliL-PER-MIN", "VolumeFlowRate"),
        ("ifcc", "Mean (SD) glycated haemoglobin at baseline was 8.1% (1.0) [65 mmol/mol]", "65",
         "MilliMOL-PER-MOL", "DimensionlessRatio"),
    ]  # fmt: skip
    wrong = [
        ("bp-ratio", "BP 120/80 mmHg", "1.5", "UNITLESS", "DimensionlessRatio"),
        ("sbp-mm", "SBP fell by 4.3 mm Hg", "4.3", "MilliM", "Length"),
        ("twice", "metformin 10 mg twice daily", "10", "MilliGM-PER-DAY", "MassFlowRate"),
        ("inserted", "the training used [1287 MWh] in total", "1287", "MegaW-HR", "Energy"),
    ]
    assert quotes_not_stating(root, right + wrong) == {claim_id for claim_id, *_ in wrong}
    inserted = [f["message"] for f in findings(root, "CG320") if "inserted" in f["subject"]]
    assert "editorial insertion" in inserted[0]
    assert not any("editorial insertion" in f["message"] for f in findings(root, "CG320") if "ifcc" in f["subject"])


def test_a_statement_in_percentage_points_states_a_claim_in_percent(tmp_path):
    root = new_registry(tmp_path, ("en",))
    add_claim(
        root, "arr", "The absolute risk reduction was 1.7 percentage points over 3 years.", "1.7", "PERCENT",
        quote="an absolute difference of 1.7 percentage points", kind="DimensionlessRatio",
    )  # fmt: skip
    assert findings(root, "CG320", "CG322") == []


def test_brackets_read_only_a_short_stretch_of_the_text_before_them(monkeypatch):
    """A bracket after a number reads the end of the text before it, never the whole text: a hostile quote of 800
    such brackets ("[65 mmol/mol] 8.1% " again and again) took 23 s for 500, its time growing with its square."""
    import claimgraph.numbers_in_text as reader

    read, original = [], reader.read_numbers
    monkeypatch.setattr(
        reader, "read_numbers", lambda text, *args, **kwargs: read.append(len(text)) or original(text, *args, **kwargs)
    )
    text = "[65 mmol/mol] 8.1% " * 800
    numbers = original(text, ("en",)).numbers
    assert len(numbers) == 1599  # every figure read, the first bracket's alone without a number before it
    assert max(read) <= reader._CONVERSION_LOOK_BACK
    assert reader.is_conversion_in_brackets("x" * 300 + " it was 8.1% (1.0) ", "65 mmol/mol")
    assert not reader.is_conversion_in_brackets("x" * 300 + " used ", "1287 MWh")
