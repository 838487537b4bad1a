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
    format_number,
    format_numeral,
    format_quantity,
    format_significant,
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


# ------------------------------------------------------------------ numbers as people read them


@pytest.mark.parametrize(
    "value, people, csv",
    [
        (433, "433", "433"),
        (1.3, "1.3", "1.3"),
        (1287000.0, "1287000", "1287000"),
        (0.05, "0.05", "0.05"),
        (0.0001, "0.0001", "0.0001"),
        (175000000000.0, "175000000000", "175000000000"),  # positional up to 10¹², as %g writes it
        (0.1 + 0.2, "0.3", "0.3"),  # no binary noise
        (0.0, "0", "0"),
        (-0.0, "0", "0"),
        # a power of ten where positional notation is digits to count, never a wrong number
        (3.14e23, "3.14 × 10²³", "3.14E23"),  # not 313999999999999995805696
        (3e-13, "3 × 10⁻¹³", "3E-13"),  # 0.3 Wh in TWh: not 0
        (1e-13, "1 × 10⁻¹³", "1E-13"),
        (9.99e-10, "9.99 × 10⁻¹⁰", "9.99E-10"),
        # a CSV writes a wider range positionally, exactly: as it always did
        (460000000000000.0, "4.6 × 10¹⁴", "460000000000000"),
        (1.05e15, "1.05 × 10¹⁵", "1.05E15"),
        (1234567890123.0, "1.234567890123 × 10¹²", "1234567890123"),  # every digit kept
        (3 * 1e23, "3 × 10²³", "3E23"),  # 3.0000000000000003e23 as printed
        (6e-08, "6 × 10⁻⁸", "0.00000006"),
        (-2.5e-7, "-2.5 × 10⁻⁷", "-0.00000025"),
        (1.23456789e-8, "1.23456789 × 10⁻⁸", "0.0000000123456789"),  # every digit kept (was 0.000000012346)
        (123456789012345.6, "1.23456789012 × 10¹⁴", "1.23456789012E14"),  # rounded digits: no zeros made up
        (10**24, "1 × 10²⁴", "1E24"),
        (10**13, "1 × 10¹³", "10000000000000"),
        (1234567890123456789, "1.234567890123456789 × 10¹⁸", "1.234567890123456789E18"),  # an int is exact
    ],
)
def test_format_number_never_writes_a_wrong_or_unreadable_number(value, people, csv):
    assert format_number(value) == people
    assert format_number(value, csv=True) == csv
    assert float(format_number(value, csv=True)) == pytest.approx(value, rel=1e-11)  # a CSV reader reads it back


def test_format_number_passes_other_values_through():
    assert [format_number(v) for v in (True, "n/a", float("inf"), float("nan"))] == ["True", "n/a", "inf", "nan"]


@pytest.mark.parametrize(
    "lexical, shown",
    [("3.14E23", "3.14 × 10²³"), ("3.14E+23", "3.14 × 10²³"), ("1.0e3", "1.0 × 10³"), ("-2e-7", "-2 × 10⁻⁷")]
    + [(plain, plain) for plain in ("1.30", "41.0", "460000000000000", "0.00000006")],
)
def test_a_stated_number_keeps_its_digits_and_prints_its_exponent_as_a_power_of_ten(lexical, shown):
    assert format_numeral(lexical) == shown
    quantity = Quantity(unit=UNIT_NS + "FLOP", value=float(lexical), lexical=lexical)
    assert format_quantity(quantity) == f"{shown} FLOP"


def test_format_significant_rounds_tiny_and_huge_numbers_too():
    assert format_significant(0.0766598220397) == "0.0767"
    assert format_significant(1.23456e-8) == "1.23 × 10⁻⁸"
    assert format_significant(3e-13) == "3 × 10⁻¹³"
    assert format_significant(1287000.0) == "1287000"  # whole numbers keep every digit
