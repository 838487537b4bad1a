"""Defects a trial of the evidence engine found, each run through the real commands on a registry made by
``claimgraph init``, ``new source`` and ``new claim`` as a user makes one:

* units of floating-point operations (FLOP, TeraFLOP, PFLOP/s-days) normalised each to itself, so claims
  in them were "of different dimensions" (CG342 naming one dimension, with a hint about currencies) and
  never compared (no CG340);
* CG340's ``low_edge``/``high_edge`` came from every claim of the measurand, not from those in conflict.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from . import made_registries
from .conftest import run_cli
from .made_registries import add_turtle, findings


def new_registry(tmp_path: Path) -> Path:
    return made_registries.new_registry(tmp_path, languages=("en",))


def new_claim(root: Path, claim_id: str, value: str, unit: str, statement: str, *args: str, measurand: str = "m"):
    made = run_cli(
        "new", "claim", "--registry", str(root), "--id", claim_id, "--cites", "Doe2021", "--statement", statement,
        "--value", value, "--unit", unit, "--measurand", measurand, *args,
    )  # fmt: skip
    assert made.code == 0, made.err


def listed_claims(root: Path) -> dict[str, dict]:
    result = run_cli("list", "claims", "--registry", str(root), "--format", "json")
    assert result.code == 0, result.err
    return {row["id"].rsplit("/", 1)[-1]: row for row in json.loads(result.out)}


# ------------------------------------------------------------------ 1. FLOP-family units compare

FIRST = ("--quantity-kind", "Count", "--measurand-label", "training compute of GPT-3", "--about", "gpt3")


def test_equal_values_in_flop_units_normalise_to_flop_and_raise_nothing(tmp_path):
    root = new_registry(tmp_path)
    new_claim(root, "f1", "3.14e23", "FLOP", "Training used 3.14e23 FLOP.", *FIRST)
    new_claim(root, "f2", "3.14e11", "TeraFLOP", "Training used 314000000000 TFLOP.")
    new_claim(root, "f3", "3.14e8", "PetaFLOP", "Training used 314000000 PFLOP.")
    assert findings(root, "CG340", "CG342") == []
    rows = listed_claims(root)
    assert {rows[c]["normalised_unit"] for c in ("f1", "f2", "f3")} == {"unit:FLOP"}
    assert {float(rows[c]["normalised_value"]) for c in ("f1", "f2", "f3")} == {3.14e23}


def test_unequal_values_in_flop_units_are_a_conflict(tmp_path):
    """3.14e23 FLOP against 4640 PFLOP/s-days (4.0e23 FLOP): CG340, not CG342."""
    root = new_registry(tmp_path)
    new_claim(root, "f1", "3.14e23", "FLOP", "Training used 3.14e23 FLOP.", *FIRST)
    new_claim(root, "f3", "4640", "DAY-PetaFLOP-PER-SEC", "Training used 4640 PFLOP/s-days.")
    found = findings(root, "CG340", "CG342")
    assert [f["code"] for f in found] == ["CG340", "CG340"], found
    assert "(f1, f3)" in found[0]["message"]


def test_a_plain_number_beside_a_count_of_flop_names_both_dimensions(tmp_path):
    """A Count measurand takes a plain number and a count of FLOP, which do not compare: CG342 says which
    claims are in which dimension, and its hint is not about currencies."""
    root = new_registry(tmp_path)
    new_claim(root, "f1", "3.14e23", "FLOP", "Training used 3.14e23 FLOP.", *FIRST)
    new_claim(root, "n1", "5", "NUM", "It took 5 runs.")
    found = findings(root, "CG340", "CG342")
    assert [f["code"] for f in found] == ["CG342", "CG342"], found
    assert found[0]["message"].endswith("dimensionless (n1); floating-point operations (flop) (f1)")
    assert "currenc" not in found[0]["hint"] and "FLOP" in found[0]["hint"]


def test_two_currencies_keep_the_currency_hint(tmp_path):
    root = new_registry(tmp_path)
    new_claim(root, "c1", "5", "CCY_USD", "It cost 5 dollars.", "--quantity-kind", "Currency", "--about", "s")
    new_claim(root, "c2", "5", "CCY_EUR", "It cost 5 euros.")
    found = findings(root, "CG342")
    assert len(found) == 2 and "currencies are never converted" in found[0]["hint"]
    assert "USD (c1)" in found[0]["message"] and "EUR (c2)" in found[0]["message"]


def test_a_dimension_without_a_qudt_unit_of_multiplier_one_normalises_to_one_composed_unit():
    """Dollars per FLOP: QUDT has no unit of multiplier 1 for it; every unit of the dimension normalises to
    the unit composed of the base units, so their values compare."""
    from claimgraph.quantities import UNIT_NS, normalise

    assert normalise(2.0, UNIT_NS + "CCY_USD-PER-ExaFLOP") == (2e-18, UNIT_NS + "CCY_USD-PER-FLOP")
    assert normalise(2e-18, UNIT_NS + "CCY_USD-PER-FLOP") == (2e-18, UNIT_NS + "CCY_USD-PER-FLOP")
    value, unit = normalise(3.0, UNIT_NS + "KiloGM-PER-PetaFLOP")
    assert unit == UNIT_NS + "KiloGM-PER-FLOP" and abs(value - 3e-15) < 1e-27


@pytest.mark.parametrize(
    "statement, value, unit, kind",
    [
        ("Training used 3.14e23 FLOPs.", "3634", "DAY-PetaFLOP-PER-SEC", "Count"),
        ("Training used 3,640 PFLOP/s-days.", "3.14e23", "FLOP", "Count"),
        ("Training used 4.0e23 FLOP.", "4640", "DAY-PetaFLOP-PER-SEC", "Count"),
        ("Training used 314 ZFLOP.", "3.14e23", "FLOP", "Count"),
        ("Training took 2.91E+21 FLOPs.", "2.91e21", "UNITLESS", "Dimensionless"),  # a plain count
        ("An A100 peaks at 312 TFLOPS.", "312", "TeraFLOPS", "FloatingPointCalculationCapability"),
        ("An A100 peaks at 312 TFLOP/s.", "0.312", "PetaFLOPS", "FloatingPointCalculationCapability"),
    ],
)
def test_statements_in_flop_notations_state_the_value(tmp_path, statement, value, unit, kind):
    root = new_registry(tmp_path)
    new_claim(root, "f1", value, unit, statement, "--quantity-kind", kind, "--about", "s")
    assert findings(root, "CG322") == []


@pytest.mark.parametrize(
    "statement, value, unit",
    [
        ("Training used 3.14e23 FLOPs.", "4640", "DAY-PetaFLOP-PER-SEC"),
        ("An A100 peaks at 312 TFLOPS.", "312", "TeraFLOP"),  # a rate is no count
    ],
)
def test_a_flop_count_that_is_not_the_value_is_caught(tmp_path, statement, value, unit):
    root = new_registry(tmp_path)
    new_claim(root, "f1", value, unit, statement, "--quantity-kind", "Count", "--about", "s")
    assert [f["code"] for f in findings(root, "CG322")] == ["CG322"]


# ------------------------------------------------------------------ 2. CG340's edges are those of the conflict


def test_the_span_and_edges_of_a_conflict_come_from_the_claims_in_conflict(tmp_path):
    """8 months (221.5 to 243 days with its rounding) agrees with 236 days and 0.67 years, which disagree:
    the edges are 235.5 days (236's) and 0.675 years (0.67's), not 7.5 months."""
    root = new_registry(tmp_path)
    new_claim(root, "a", "8", "MO", "8 months", "--quantity-kind", "Time", "--about", "s")
    new_claim(root, "b", "236", "DAY", "236 days")
    new_claim(root, "c", "0.67", "YR", "0.67 years")
    found = findings(root, "CG340")
    assert [f["subject"].rsplit("/", 1)[-1] for f in found] == ["b", "c"]
    facts = found[0]["facts"]
    assert facts["unit"] in ("MO", "DAY", "YR")
    year = {"YR": 365.25, "DAY": 1.0, "MO": 29.530589}[facts["unit"]]
    assert abs(facts["low_edge"] * year - 235.5) < 0.01
    assert abs(facts["high_edge"] * year - 0.675 * 365.25) < 0.01
    assert abs(facts["low"] * year - 236) < 0.1 and abs(facts["high"] * year - 0.67 * 365.25) < 0.1


# ------------------------------------------------------------------ 3. an unknown unit is reported once


def test_a_value_in_an_unknown_unit_is_reported_by_cg331_alone(tmp_path):
    """unit:MegaW-HRS resolves by no rule: its statement and quote ("5 MWh") are not compared with a value
    whose unit is unknown (no CG320/CG322 with an invented symbol), as derivations leave it to CG331."""
    root = new_registry(tmp_path)
    add_turtle(
        root,
        """
measurand:e a cg:Measurand ; rdfs:label "training energy"@en ; cg:quantityKind quantitykind:Energy ;
    cg:about system:s .
system:s a cg:System ; rdfs:label "s" .
claim:e1 a cg:QuantitativeClaim ;
    cg:statement "Training took 5 MWh."@en ;
    cg:measurand measurand:e ;
    cg:value [ qudt:numericValue 5 ; qudt:unit unit:MegaW-HRS ] ;
    cg:cites source:Doe2021 ;
    cg:citedQuote [ oa:exact "5 MWh" ; cg:locator "p. 1" ] ;
    cg:status status:unverified .
""",
    )
    found = findings(root, "CG320", "CG321", "CG322", "CG331", "CG340")
    assert [f["code"] for f in found] == ["CG331"], found
    assert "MegaW-HRS" in found[0]["message"]


def test_a_value_in_a_unit_the_registry_declares_is_still_compared(tmp_path):
    """The control: a unit the registry declares resolves, so a statement that does not print its value
    is still CG322."""
    root = new_registry(tmp_path)
    add_turtle(
        root,
        """
unit:GPU-HR a qudt:Unit ; rdfs:label "GPU hour"@en ; qudt:conversionMultiplier 3600.0 ;
    qudt:hasDimensionVector <http://qudt.org/vocab/dimensionvector/A0E0L0I0M0H0T1D0> ;
    qudt:hasQuantityKind quantitykind:Time .
measurand:t a cg:Measurand ; rdfs:label "training time"@en ; cg:quantityKind quantitykind:Time ;
    cg:about system:s .
system:s a cg:System ; rdfs:label "s" .
claim:t1 a cg:QuantitativeClaim ;
    cg:statement "Training took 7 GPU-hours."@en ;
    cg:measurand measurand:t ;
    cg:value [ qudt:numericValue 5 ; qudt:unit unit:GPU-HR ] ;
    cg:cites source:Doe2021 ;
    cg:status status:unverified .
""",
    )
    found = findings(root, "CG320", "CG322", "CG331")
    assert [f["code"] for f in found] == ["CG322"], found


# ------------------------------------------------------------------ 4. money in text is read as a currency


@pytest.mark.parametrize(
    "statement, quote, value, unit",
    [
        ("Training GPT-3 cost $4.6 million.", "estimated at $4.6 million", "4.6", "MegaCCY_USD"),
        ("Training cost USD 4.6 million.", "USD 4.6 million", "4.6", "MegaCCY_USD"),
        ("Training cost 4.6 million USD.", "4.6 million USD", "4.6", "MegaCCY_USD"),
        ("Training cost $4.6M.", "US$ 4.6M", "4.6", "MegaCCY_USD"),
        ("Training cost 4.6 million dollars.", "4,6 millions de dollars", "4.6", "MegaCCY_USD"),
        ("Training cost 4.6 M€.", "4,6 M€", "4.6", "MegaCCY_EUR"),
        ("Training cost €4.6M.", "4,6 millions d'euros", "4.6", "MegaCCY_EUR"),
        ("Training cost 4.6 billion euros.", "4,6 Md€", "4.6", "GigaCCY_EUR"),
        ("It cost £3bn.", "£3 billion", "3", "GigaCCY_GBP"),
        ("It cost CHF 5 million.", "5 millions CHF", "5", "MegaCCY_CHF"),
        ("It cost ¥500,000.", "¥500,000", "500000", "CCY_JPY"),
        ("It cost ¥500,000.", "¥500,000", "500000", "CCY_CNY"),  # ¥ is the yen and the yuan
        ("It cost C$4.6 million.", "$4.6 million", "4.6", "MegaCCY_CAD"),  # $ alone may be any dollar
        ("Electricity cost $0.078/kWh.", "a standard rate of $0.078/kWh", "0.078", "CCY_USD-PER-KiloW-HR"),
    ],
)
def test_money_written_in_text_states_a_value_in_that_currency(tmp_path, statement, quote, value, unit):
    root = new_registry(tmp_path)
    kind = "CostPerEnergy" if "PER" in unit else "Currency"
    args = ("--quote", quote, "--locator", "p. 1", "--quantity-kind", kind, "--about", "s")
    new_claim(root, "c1", value, unit, statement, *args)
    assert findings(root, "CG320", "CG322") == []


@pytest.mark.parametrize(
    "statement, value, unit",
    [
        ("Training GPT-3 cost $4.6 million.", "4.6", "MegaCCY_EUR"),  # another currency
        ("Training GPT-3 cost US$4.6 million.", "4.6", "MegaCCY_CAD"),  # a dollar said to be the US one
        ("Training GPT-3 cost $4.6 million.", "5.6", "MegaCCY_USD"),  # another amount
        ("Training GPT-3 cost 4,6 M€.", "4.6", "GigaCCY_EUR"),  # M€ is millions, not billions
    ],
)
def test_money_that_is_not_the_claims_value_is_still_caught(tmp_path, statement, value, unit):
    root = new_registry(tmp_path)
    new_claim(root, "c1", value, unit, statement, "--quantity-kind", "Currency", "--about", "s")
    found = findings(root, "CG322")
    assert len(found) == 1, found


@pytest.mark.parametrize(
    "text, values, unit",
    [
        ("It costs $2000.", [2000.0], "CCY_USD"),  # money, not a year
        ("$4–5 million", [4e6, 5e6], "CCY_USD"),  # the sign is written once for both bounds
        ("À partir de 99,84€", [99.84], "CCY_EUR"),
        ("US$ 2,00,000 million", [2e11], "CCY_USD"),
        ("4,6 Md€", [4.6e9], "CCY_EUR"),
    ],
)
def test_the_reader_reads_money(text, values, unit):
    from claimgraph.numbers_in_text import read_numbers
    from claimgraph.quantities import UNIT_NS

    numbers = [n for n in read_numbers(text, ("en", "fr")).numbers if not n.alternative]
    assert [n.value for n in numbers] == values
    assert {n.unit for n in numbers} == {UNIT_NS + unit}


def test_a_dollar_sign_in_latex_is_no_money():
    from claimgraph.numbers_in_text import read_numbers

    # the closing dollar is no money: the power of ten is read whole, with the unit after the math (docs/numbers.md)
    (number,) = read_numbers("about $3.14 \\times 10^{23}$ FLOP", ("en",)).numbers
    assert (number.readings, number.unit) == ((3.14e23,), "http://qudt.org/vocab/unit/FLOP")
    assert [n.unit for n in read_numbers("ALL 5 models; TRY 3 runs", ("en",)).numbers] == [None, None]


# ------------------------------------------------------------------ 5. `units` shows a registry's units, and notations

GPU_HOUR = """
unit:GPU-HR a qudt:Unit ; rdfs:label "GPU-hour"@en ; qudt:conversionMultiplier 3600.0 ;
    qudt:hasDimensionVector <http://qudt.org/vocab/dimensionvector/A0E0L0I0M0H0T1D0> ;
    qudt:hasQuantityKind quantitykind:Time .
"""


def registry_with_gpu_hours(tmp_path: Path) -> Path:
    root = new_registry(tmp_path)
    claims = root / "claims" / "claims.ttl"
    claims.write_text(claims.read_text(encoding="utf-8") + GPU_HOUR, encoding="utf-8")
    return root


def units(*args: str) -> tuple[int, list[dict]]:
    result = run_cli("units", *args, "--format", "json")
    return result.code, json.loads(result.out) if result.out else []


def test_units_shows_a_unit_the_registry_declares(tmp_path):
    root = registry_with_gpu_hours(tmp_path)
    code, rows = units("GPU-HR", "--registry", str(root))
    assert code == 0 and rows[0]["name"] == "GPU-HR" and rows[0]["note"] == "declared in the registry"
    assert rows[0]["dimension"] == "time (T)" and rows[0]["label"] == "GPU-hour"
    code, rows = units("GPU-hours", "-r", str(root))  # as people write it: the label, in the plural
    assert code == 0 and rows[0]["name"] == "GPU-HR"


def test_units_reads_the_current_folder_when_it_is_a_registry(tmp_path, monkeypatch):
    root = registry_with_gpu_hours(tmp_path)
    monkeypatch.chdir(root)
    code, rows = units("GPU-HR")
    assert code == 0 and rows[0]["name"] == "GPU-HR"
    monkeypatch.chdir(tmp_path)  # no registry here: QUDT's units and claimgraph's only
    assert units("GPU-HR")[0] == 1
    assert units("kWh")[1][0]["name"] == "KiloW-HR"


def test_units_with_a_folder_that_is_no_registry_says_so(tmp_path):
    result = run_cli("units", "kWh", "--registry", str(tmp_path / "nowhere"))
    assert result.code == 2 and "nowhere" in result.err and "Traceback" not in result.err


@pytest.mark.parametrize(
    "written, name",
    [
        ("kg/kWh", "KiloGM-PER-KiloW-HR"),
        ("g/kWh", "GM-PER-KiloW-HR"),
        ("tCO2e", "TONNE"),
        ("MtCO2e", "MegaTONNE"),
        ("gCO2/kWh", "GM-PER-KiloW-HR"),
        ("kgCO2e/MWh", "KiloGM-PER-MegaW-HR"),
        ("PFLOP/s-day", "DAY-PetaFLOP-PER-SEC"),
        ("FLOPs", "FLOP"),
        ("liter", "L"),
        ("M€", "MegaCCY_EUR"),
    ],
)
def test_units_finds_a_unit_by_the_notation_the_number_reader_reads(tmp_path, monkeypatch, written, name):
    monkeypatch.chdir(tmp_path)
    code, rows = units(written)
    assert code == 0 and rows[0]["name"] == name, rows[:2]
    assert f"read in text as “{written}”" in rows[0]["note"]


# ------------------------------------------------------------------ 6. French factors and "millier"


@pytest.mark.parametrize(
    "french, value, unit, kind",
    [
        ("La consommation a été multipliée par dix.", "10", "UNITLESS", "DimensionlessRatio"),
        ("Une multiplication par quatre de la consommation.", "4", "UNITLESS", "DimensionlessRatio"),
        ("Le coût a été divisé par deux.", "0.5", "UNITLESS", "DimensionlessRatio"),
        ("Un vingtième de la consommation.", "5", "PERCENT", "DimensionlessRatio"),
        ("Elle a centuplé.", "100", "UNITLESS", "DimensionlessRatio"),
        ("L'entraînement a demandé environ 1,3 millier de MWh.", "1.3", "GigaW-HR", "Energy"),
        ("L'entraînement a demandé un millier de MWh.", "1", "GigaW-HR", "Energy"),
        ("Elle a coûté 4,6 millions de dollars.", "4.6", "MegaCCY_USD", "Currency"),
    ],
)
def test_french_factors_and_scale_words_state_the_value(tmp_path, french, value, unit, kind):
    root = new_registry(tmp_path)
    args = ("--translation", "fr", french, "--quote", french, "--locator", "p. 1", "--quantity-kind", kind)
    new_claim(root, "c1", value, unit, "See the French.", *args, "--about", "s")
    assert findings(root, "CG320", "CG322") == []


def test_a_french_factor_that_is_not_the_value_is_caught(tmp_path):
    root = new_registry(tmp_path)
    french = "La consommation a été multipliée par dix."
    args = ("--translation", "fr", french, "--quantity-kind", "DimensionlessRatio", "--about", "s")
    new_claim(root, "c1", "5", "UNITLESS", "It grew fivefold.", *args)
    found = findings(root, "CG322")
    assert len(found) == 1 and "10 (or 9)" in found[0]["message"], found
