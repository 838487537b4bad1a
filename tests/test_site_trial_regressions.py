"""Defects a reviewer's trial of the site found, each run through the real commands on a registry made by
``claimgraph init``, ``new source`` and ``new claim`` as a user makes one, and on the site ``build`` makes:

* a yearly amount ("uses 12,000 kWh per year", "400 kg de CO2 par an") was read as a rate only, so a claim
  of 12,000 kWh got CG322 and CG320 and its conclusion was called not supported.
"""

from __future__ import annotations

import pytest

from claimgraph.numbers_in_text import read_numbers, states
from claimgraph.quantities import UNIT_NS, Quantity

from .test_numbers_trial_regressions import new_claim, new_registry, number_findings

# ------------------------------------------------------------------ 1. a yearly amount states the amount


@pytest.mark.parametrize(
    "text, languages, value, unit",
    [
        ("A house uses 12,000 kWh per year.", ("en",), 12000, "KiloW-HR"),
        ("une maison consomme 12 000 kWh par an", ("fr",), 12000, "KiloW-HR"),
        ("400 kg de CO2 par an", ("fr",), 400, "KiloGM"),
        ("400 kg of CO2 per month", ("en",), 400, "KiloGM"),
        ("3 t CO2e per year", ("en",), 3, "TONNE"),
    ],
)
def test_an_amount_per_period_states_the_amount(text, languages, value, unit):
    assert states(Quantity(unit=UNIT_NS + unit, value=float(value), lexical=str(value)), text, languages)
    # read as the rate it is written as: a claim that is a rate is matched on the rate
    (number,) = [number for number in read_numbers(text, languages).numbers if not number.alternative]
    assert "-PER-" in (number.unit or "")


@pytest.mark.parametrize(
    "claim_unit, value, text, stated",
    [
        ("KiloW-HR-PER-YR", 12000, "12,000 kWh per year", True),
        ("KiloW-HR-PER-YR", 12000, "12,000 kWh", False),  # a rate is not stated by an amount
        ("MegaW-HR-PER-YR", 12, "12,000 kWh per year", True),
        ("KiloW-HR", 1000, "12,000 kWh per year", False),  # the amount is still compared
        ("GM", 400, "400 g de CO2 par kWh", False),  # only a period: g per kWh is no mass
        ("KiloW-HR", 12, "12 kWh per hour", False),  # an hour is not a period an amount is counted over
    ],
)
def test_a_rate_claim_is_matched_on_the_rate(claim_unit, value, text, stated):
    quantity = Quantity(unit=UNIT_NS + claim_unit, value=float(value), lexical=str(value))
    assert states(quantity, text, ("en", "fr")) is stated


@pytest.mark.parametrize(
    "statement, french, quote",
    [
        (
            "A house uses 12,000 kWh per year.",
            "Une maison consomme 12 000 kWh par an.",
            "a typical house uses 12,000 kWh per year",
        ),
        ("A house emits 400 kg of CO2 a year.", "Une maison émet 400 kg de CO2 par an.", "400 kg de CO2 par an"),
    ],
)
def test_a_yearly_amount_gives_no_finding(tmp_path, statement, french, quote):
    root = new_registry(tmp_path, ("fr", "en"))
    unit = "KiloGM" if "kg" in quote else "KiloW-HR"
    value = "400" if "kg" in quote else "12000"
    added = new_claim(
        root,
        "c1",
        "--statement",
        french,
        "--translation",
        "en",
        statement,
        "--quote",
        quote,
        "--locator",
        "p. 1",
        "--value",
        value,
        "--unit",
        unit,
        kind="Mass" if unit == "KiloGM" else "Energy",
    )
    assert added.code == 0, added.err
    assert number_findings(root) == []


def test_a_wrong_yearly_amount_is_still_caught(tmp_path):
    root = new_registry(tmp_path)
    added = new_claim(
        root,
        "c1",
        "--statement",
        "A house uses 12,000 kWh per year.",
        "--quote",
        "a house uses 10,000 kWh per year",
        "--locator",
        "p. 1",
        "--value",
        "12000",
        "--unit",
        "KiloW-HR",
    )
    assert added.code == 0, added.err
    assert [code for code, _ in number_findings(root)] == ["CG320"]
