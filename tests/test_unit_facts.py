"""Units come from QUDT's own data (the shipped table), not from a hand-made bridge to pint:
every unit of the table resolves or says why not, units composed by QUDT's naming rules resolve,
currencies and floating-point operations are dimensions of their own, and QUDT's multipliers agree
with pint's definitions where both define a unit."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from claimgraph.qudt import (
    ADDITIONS,
    DATA_FILE,
    QUANTITYKIND_NS,
    UNIT_NS,
    UnknownUnit,
    describe,
    every_unit,
    qudt_catalogue,
    table,
)
from claimgraph.quantities import convert, dimension_fits, normalise

from .conftest import PROJECT

QK = QUANTITYKIND_NS


def unit(name):
    return qudt_catalogue().unit(UNIT_NS + name)


def test_the_table_names_its_release_and_licence():
    about = table()["about"]
    assert about["release"] and len(about["commit"]) == 40 and "CC BY 4.0" in about["licence"]
    licence = (DATA_FILE.parent / "qudt-LICENSE.md").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0" in licence and "QUDT.org" in licence


def test_every_shipped_unit_resolves_or_says_why_not():
    resolved = unresolved = 0
    for name, result in every_unit():
        if isinstance(result, UnknownUnit):
            unresolved += 1
            row = table()["units"][name]
            # only QUDT's non-linear scales (multiplier 0) and its unit:UNKNOWN (dimension "NotApplicable")
            assert float(row["multiplier"]) == 0.0 or row["dimension"] == "NotApplicable", name
            assert "multiplier" in result.reason or "NotApplicable" in result.reason
        else:
            resolved += 1
            assert result.multiplier > 0, name
    assert resolved > 2500 and unresolved < 100
    assert len(table()["units"]) + len(ADDITIONS) == resolved + unresolved


@pytest.mark.parametrize(
    "name, multiplier, dimension",
    [
        ("GM-PER-KiloW-HR", 1e-3 / 3.6e6, "L⁻²·T²"),
        ("KiloGM-PER-KiloW-HR", 1 / 3.6e6, "L⁻²·T²"),
        ("TONNE-PER-MegaW-HR", 1e3 / 3.6e9, "L⁻²·T²"),
        ("FLOP", 1, "flop"),
        ("GigaFLOP", 1e9, "flop"),
        ("ExaFLOP", 1e18, "flop"),
        ("TeraFLOP-PER-SEC", 1e12, "T⁻¹·flop"),
        ("TeraFLOPS", 1e12, "T⁻¹·flop"),
        ("LB", 0.45359237, "M"),
        ("TON_SHORT", 907.18474, "M"),
        ("KiloW-HR-PER-1000", 3.6e6 / 1000, "L²·M·T⁻²"),
        ("CCY_USD", 1, "USD"),
        ("MegaCCY_USD", 1e6, "USD"),
        ("CCY_USD-PER-KiloW-HR", 1 / 3.6e6, "L⁻²·M⁻¹·T²·USD"),
        ("KiloW2", 1e6, "L⁴·M²·T⁻⁶"),
    ],
)
def test_qudt_units_and_units_composed_by_its_naming_rules(name, multiplier, dimension):
    found = unit(name)
    assert found.multiplier == pytest.approx(multiplier, rel=1e-12)
    assert describe(found.dimension).endswith(dimension) or describe(found.dimension).endswith(f"({dimension})")


def test_every_prefix_composes_with_flop():
    for prefix, factor in table()["prefixes"].items():
        assert unit(f"{prefix}FLOP").multiplier == pytest.approx(float(factor), rel=1e-12)
        assert unit(f"{prefix}FLOP-PER-SEC").dimension == unit("TeraFLOPS").dimension


def test_grams_per_kilowatt_hour_and_kilograms_per_kilowatt_hour_compare():
    assert convert(600, UNIT_NS + "GM-PER-KiloW-HR", UNIT_NS + "KiloGM-PER-KiloW-HR") == pytest.approx(0.6)
    assert normalise(600, UNIT_NS + "GM-PER-KiloW-HR")[1] == normalise(0.429, UNIT_NS + "KiloGM-PER-KiloW-HR")[1]


def test_currencies_are_never_converted_into_each_other():
    assert convert(2, UNIT_NS + "MegaCCY_USD", UNIT_NS + "CCY_USD") == 2e6
    with pytest.raises(ValueError):
        convert(5, UNIT_NS + "CCY_USD", UNIT_NS + "CCY_EUR")
    assert dimension_fits(UNIT_NS + "CCY_EUR", QK + "Currency") is True
    assert dimension_fits(UNIT_NS + "KiloW-HR", QK + "Currency") is False


def test_a_flop_rate_is_not_a_frequency():
    assert dimension_fits(UNIT_NS + "TeraFLOPS", QK + "Frequency") is False
    assert dimension_fits(UNIT_NS + "HZ", QK + "FloatingPointCalculationCapability") is False
    assert dimension_fits(UNIT_NS + "PetaFLOP-PER-SEC", QK + "FloatingPointCalculationCapability") is True
    assert dimension_fits(UNIT_NS + "GigaFLOP", QK + "Count") is True  # a count of operations is a count


def test_unknown_names_say_which_part_is_unknown():
    with pytest.raises(UnknownUnit) as caught:
        unit("FURLONG-PER-FORTNIGHT")
    assert "'FURLONG'" in caught.value.reason
    assert dimension_fits(UNIT_NS + "MegaW-HR", QK + "Flubber") is None


@pytest.mark.parametrize(
    "name, pint_expression",
    [
        ("KiloW-HR", "kilowatt * hour"),
        ("LB", "pound"),
        ("TON_SHORT", "short_ton"),
        ("MI", "mile"),
        ("DEG_F", "degree_Fahrenheit"),
        ("BTU_IT", "Btu"),
        ("GAL_US", "gallon"),
        ("KiloGM-PER-M3", "kg / m ** 3"),
        ("HR", "hour"),
        ("DAY", "day"),
        ("YR", "julian_year"),
    ],
)
def test_qudt_multipliers_agree_with_pint(name, pint_expression):
    """QUDT and pint define units independently: where both do, they agree (a check of the extraction)."""
    import pint

    ureg = pint.UnitRegistry()
    found = unit(name)
    base = ureg.Quantity(1, pint_expression).to_base_units()
    if found.offset:
        assert ureg.Quantity(0, pint_expression).to("kelvin").magnitude == pytest.approx(found.to_si(0))
    else:
        assert base.magnitude == pytest.approx(found.multiplier, rel=1e-6)  # pint rounds the Btu to 1055.056 J


def test_unit_facts_need_neither_pint_nor_a_cache(tmp_path):
    ask = (
        "import json, sys\n"
        "from claimgraph.quantities import normalise, dimension_fits\n"
        f"print(json.dumps([normalise(1.3, '{UNIT_NS}GigaW-HR', '{QK}Energy'), "
        f"dimension_fits('{UNIT_NS}TONNE', '{QK}Energy'), 'pint' in sys.modules]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", ask],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        check=True,
        env={**os.environ, "CLAIMGRAPH_CACHE_DIR": str(tmp_path)},
    ).stdout
    assert json.loads(out) == [[1300.0, UNIT_NS + "MegaW-HR"], False, False]
    assert not list(tmp_path.iterdir())


def test_every_qudt_unit_fits_the_quantity_kinds_qudt_lists_it_for():
    """The dimensions claimgraph adds (currencies, FLOP) are read so that QUDT's own pairs of unit and kind
    still agree: the few exceptions are QUDT's own inconsistencies, listed here."""
    catalogue = qudt_catalogue()
    misfits = set()
    for name, found in every_unit():
        if isinstance(found, UnknownUnit):
            continue
        for kind_name in found.kinds:
            kind = catalogue.kind(QUANTITYKIND_NS + kind_name)
            if kind is not None and not kind.fits(found.dimension):
                misfits.add((name, kind_name))
    # CHF-PER-KiloGM: a Swiss franc not spelled CCY_CHF (QUDT's quantitykind:Unknown, "NotApplicable"
    # as its dimension, is no kind a unit can be checked against)
    assert misfits == {("CHF-PER-KiloGM", "CostPerMass")}


def test_half_exponents_are_read():
    assert dict(unit("J-PER-M2-SEC0dot5-K").dimension)["T"] == -2.5


def test_money_per_energy_counts_in_its_currency():
    assert describe(unit("CCY_EUR-PER-KiloW-HR").dimension).endswith("EUR")
    assert dimension_fits(UNIT_NS + "CCY_EUR-PER-KiloW-HR", QK + "CostPerEnergy") is True
    assert dimension_fits(UNIT_NS + "CCY_USD-PER-MegaW-HR", QK + "CostPerEnergy") is True
    assert dimension_fits(UNIT_NS + "PER-KiloW-HR", QK + "CostPerEnergy") is False
    with pytest.raises(ValueError):
        convert(1, UNIT_NS + "CCY_EUR-PER-KiloW-HR", UNIT_NS + "CCY_USD-PER-KiloW-HR")


@pytest.mark.parametrize(
    "text, unit_name",
    [
        ("the grid emitted 231 gCO2e/kWh", "GM-PER-KiloW-HR"),
        ("0.429 kg CO2e/kWh on average", "KiloGM-PER-KiloW-HR"),
        ("0.23 t per MWh", "TONNE-PER-MegaW-HR"),
        ("5 per cent a year", "PERCENT"),  # "per cent" is no rate
        ("12 % per year", "PERCENT"),  # a percentage stays one, whatever follows
    ],
)
def test_rates_written_in_text_are_read_as_composed_units(text, unit_name):
    from claimgraph.numbers_in_text import read_numbers

    (number,) = read_numbers(text).numbers
    assert number.unit == UNIT_NS + unit_name


def test_a_quote_in_grams_per_kilowatt_hour_states_a_value_in_kilograms_per_kilowatt_hour():
    from claimgraph.numbers_in_text import states
    from claimgraph.quantities import Quantity

    assert states(Quantity(unit=UNIT_NS + "KiloGM-PER-KiloW-HR", value=0.231, lexical="0.231"), "231 gCO2e/kWh")
    assert not states(Quantity(unit=UNIT_NS + "KiloGM-PER-KiloW-HR", value=0.231, lexical="0.231"), "231 g")
