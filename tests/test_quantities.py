"""Units, normalisation, rounding and numbers written in quotes (the value-in-quote check's engine:
the reader itself is tested in test_numbers_in_text.py)."""

from __future__ import annotations

import pytest

from claimgraph.numbers_in_text import read_numbers
from claimgraph.numbers_in_text import states as quote_states
from claimgraph.quantities import (
    UNIT_NS,
    Quantity,
    UnknownUnit,
    dimension_fits,
    dimension_of,
    normalise,
    rounding_half_unit,
)

QK = "http://qudt.org/vocab/quantitykind/"


def q(value, unit, lexical=None, tol=None):
    return Quantity(unit=UNIT_NS + unit, value=value, lexical=lexical or str(value), relative_tolerance=tol)


@pytest.mark.parametrize(
    "quantity, text",
    [
        (q(1.3, "GigaW-HR"), "GPT-3 consumed 1,287 MWh"),  # unit-aware and rounding-aware
        (q(433, "MegaW-HR"), "a total of 433,196 kWh"),  # English thousands
        (q(433, "MegaW-HR"), "soit 433 196 kWh au total"),  # French thousands (space)
        (q(1.3, "GigaW-HR"), "l'entraînement aurait nécessité 1,3 GWh"),  # French decimal comma
        (q(8, "MO"), "halving roughly every 8 months"),
        (q(100, "UNITLESS"), "100 times more carbon than a Google search"),
        (q(2.8, "UNITLESS"), "a factor of 2.8"),
    ],
)
def test_quote_states_the_value(quantity, text):
    assert quote_states(quantity, text)


@pytest.mark.parametrize(
    "quantity, text",
    [
        (q(2.3, "GigaW-HR"), "GPT-3 consumed 1,287 MWh"),  # another number
        (q(433, "MegaW-HR"), "emitted 24.7 tonnes of CO2eq"),  # another dimension
        (q(1.3, "GigaW-HR"), "see Table 1.3 on p. 1300"),  # locators are not quantities
        (q(2023, "UNITLESS"), "as reported in 2023"),  # a bare year is not a value
        (q(12, "UNITLESS"), "as shown in earlier work [12]"),  # a reference marker is not a value
    ],
)
def test_quote_does_not_state_the_value(quantity, text):
    assert not quote_states(quantity, text)


def test_ranges_need_both_bounds():
    split = Quantity(unit=UNIT_NS + "PERCENT", lower=20, upper=40)
    assert quote_states(split, "training takes 20 to 40 % of the energy")
    assert quote_states(split, "l'entraînement représente 20 à 40 %")
    assert not quote_states(split, "training takes 20 % of the energy")


def test_rounding_is_read_from_the_lexical_form():
    assert rounding_half_unit("1.3") == pytest.approx(0.05)
    assert rounding_half_unit("433") == pytest.approx(0.5)
    assert rounding_half_unit("0.25") == pytest.approx(0.005)
    assert q(1.3, "GigaW-HR", "1.3").matches(1287, UNIT_NS + "MegaW-HR")
    assert not q(1.3, "GigaW-HR", "1.30").matches(1287, UNIT_NS + "MegaW-HR")  # 1.30 claims more precision
    assert q(1.3, "GigaW-HR", tol=0.1).matches(1.4, UNIT_NS + "GigaW-HR")


def test_units_and_dimensions_come_from_qudt():
    assert dimension_fits(UNIT_NS + "MegaW-HR", QK + "Energy") is True
    assert dimension_fits(UNIT_NS + "TONNE", QK + "Energy") is False
    assert dimension_fits(UNIT_NS + "PERCENT", QK + "DimensionlessRatio") is True
    assert dimension_fits(UNIT_NS + "MegaW-HR", QK + "SomethingElse") is None
    assert normalise(1.3, UNIT_NS + "GigaW-HR", QK + "Energy") == pytest.approx((1300.0, UNIT_NS + "MegaW-HR"))
    assert normalise(433196, UNIT_NS + "KiloW-HR")[0] == pytest.approx(433.196)
    assert dimension_of(UNIT_NS + "KiloGM-PER-M3") == (("L", -3), ("M", 1))
    with pytest.raises(UnknownUnit):
        dimension_of(UNIT_NS + "FURLONG-PER-FORTNIGHT")
    with pytest.raises(UnknownUnit):
        dimension_of("http://example.org/unit/MWh")


def test_numbers_in_text_keep_every_reading_of_ambiguous_digits():
    (number,) = read_numbers("1,287 MWh").numbers
    assert set(number.readings) == {1287.0, 1.287} and number.unit == UNIT_NS + "MegaW-HR"
