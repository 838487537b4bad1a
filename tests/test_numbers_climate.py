"""Climate notation, as a new user's trial (a climate registry) found the reader misread it: negative powers as
denominators ("W m⁻²"), "W/m²", ppm and ppb, temperatures, lengths, rates per decade, "Gt of ice per year", and
the same notations in `claimgraph units`; each read by the reader and end to end through `check`."""

from __future__ import annotations

import json

import pytest

from claimgraph.numbers_in_text import UNIT_NOT_READ, read_numbers, states
from claimgraph.quantities import UNIT_NS, Quantity

from .conftest import run_cli
from .made_registries import add_claim, findings, new_registry


def _read(text: str) -> list[tuple[tuple[float, ...], str | None]]:
    return [(n.readings, n.unit and n.unit.removeprefix(UNIT_NS)) for n in read_numbers(text).numbers]


@pytest.mark.parametrize(
    ("text", "readings", "unit"),
    [
        ("aerosol effective radiative forcing of −1.1 W m⁻²", (-1.1, 1.1), "W-PER-M2"),
        ("a forcing of −1.1 W m−2", (-1.1, 1.1), "W-PER-M2"),
        ("2.72 W m-2", (2.72,), "W-PER-M2"),
        ("2.72 W·m⁻²", (2.72,), "W-PER-M2"),
        ("2.72 W m^-2", (2.72,), "W-PER-M2"),
        ("2.72 W/m²", (2.72,), "W-PER-M2"),
        ("-0.4 W/m2", (-0.4, 0.4), "W-PER-M2"),
        ("losing 270 Gt yr⁻¹", (270.0,), "GigaTONNE-PER-YR"),
        ("3.7 mm yr-1", (3.7,), "MilliM-PER-YR"),
        ("1.2 kg m-3", (1.2,), "KiloGM-PER-M3"),
        ("450 g CO2 kWh-1", (450.0,), "GM-PER-KiloW-HR"),
        ("3 kg m⁻² s⁻¹", (3.0,), "KiloGM-PER-M2-SEC"),
        ("methane reached 1866 ppb", (1866.0,), "PPB"),
        ("CO2 at 410 ppmv", (410.0,), "PPM"),
        ("CO2 at 410 ppm", (410.0,), "PPM"),
        ("warming of 1.1 °C", (1.1,), "DEG_C"),
        ("warming of 1.1°C", (1.1,), "DEG_C"),
        ("2 ℃ above", (2.0,), "DEG_C"),
        ("1.1 °F", (1.1,), "DEG_F"),
        ("a surface at 288 K", (288.0,), "K"),
        ("3.7 mm/yr", (3.7,), "MilliM-PER-YR"),
        ("a rise of 0.20 m", (0.2,), "M"),
        ("a rise of 20 cm", (20.0,), "CentiM"),
        ("0.2 °C per decade", (0.02,), "DEG_C-PER-YR"),
        ("0.2 °C/decade", (0.02,), "DEG_C-PER-YR"),
        ("0,2 °C par décennie", (0.02,), "DEG_C-PER-YR"),
        ("0,2 °C pro Jahrzehnt", (0.02,), "DEG_C-PER-YR"),
        ("0,2 °C por década", (0.02,), "DEG_C-PER-YR"),
        ("270 Gt of ice per year", (270.0,), "GigaTONNE-PER-YR"),
        ("5 kg per m²", (5.0,), "KiloGM-PER-M2"),
    ],
)
def test_climate_notation_is_read_with_its_unit(text, readings, unit):
    assert _read(text) == [(readings, unit)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10K GPUs", [((10000.0,), None)]),  # glued K: thousands, as before
        ("50 k users", [((50.0,), None)]),  # a small k spaced is no kelvin
        ("raised $5 m in 2020", [((5.0,), "CCY_USD")]),  # money's "m" is never metres
        ("$5MM", []),
        ("5 MM", [((5.0,), None)]),  # millimetres only in small letters
        ("W m-2 K-1 0.8 W m-2 K-1", [((0.8,), "W-PER-M2-K")]),
    ],
)
def test_what_stays_as_it_was(text, expected):
    assert _read(text) == expected


def test_ppt_is_not_read():
    (number,) = read_numbers("5 ppt").numbers
    assert number.unit == UNIT_NOT_READ


def test_a_range_per_decade_reads_both_bounds_per_year():
    reading = read_numbers("0.1–0.3 K/decade")
    (bounds,) = reading.ranges
    assert (bounds.low.readings, bounds.high.readings) == ((0.01,), (0.03,))
    assert bounds.low.unit == bounds.high.unit == UNIT_NS + "K-PER-YR"


def _q(value: str, unit: str) -> Quantity:
    return Quantity(unit=UNIT_NS + unit, value=float(value), lexical=value)


@pytest.mark.parametrize(
    ("value", "unit", "text", "stated"),
    [
        ("15", "DEG_C", "a mean of 288 K", True),  # absolute: 288 K is 14.85 °C
        ("1.1", "K", "a warming of 1.1 °C", True),  # a difference: 1.1 °C is 1.1 K
        ("1.98", "DEG_F", "a warming of 1.1 °C", True),
        ("2.0", "DEG_C", "a warming of 1.1 °C", False),
        ("1.866", "PPM", "methane reached 1866 ppb", True),
        ("1866", "PPM", "methane reached 1866 ppb", False),
        ("0.02", "DEG_C-PER-YR", "0.2 °C per decade", True),
        ("0.2", "DEG_C-PER-YR", "0.2 °C per decade", False),
        ("0.37", "CentiM-PER-YR", "3.7 mm/yr", True),
        ("20", "CentiM", "0.20 m", True),
        ("0.20", "M", "20 cm", True),
        ("0.20", "CentiM", "0.20 m", False),
    ],
)
def test_states_through_the_unit(value, unit, text, stated):
    assert states(_q(value, unit), text) is stated


@pytest.mark.parametrize(
    ("claim_id", "value", "unit", "kind", "text", "wrong"),
    [
        ("aer", "-1.1", "W-PER-M2", "PowerPerArea", "aerosol effective radiative forcing of −1.1 W m⁻²", False),
        ("co2rf", "2.16", "W-PER-M2", "PowerPerArea", "CO2 forcing was 2.16 W m-2 in 2019", False),
        ("total", "2.72", "W-PER-M2", "PowerPerArea", "a total forcing of 2.72 W/m²", False),
        ("wrongrf", "2.5", "W-PER-M2", "PowerPerArea", "a total forcing of 2.72 W/m²", True),
        ("ch4", "1.866", "PPM", "DimensionlessRatio", "methane reached 1866 ppb", False),
        ("ch4wrong", "1866", "PPM", "DimensionlessRatio", "methane reached 1866 ppb", True),
        ("gmst", "0.02", "DEG_C-PER-YR", "TemperaturePerTime", "warming of 0.2 °C per decade", False),
        ("slr", "0.37", "CentiM-PER-YR", "Velocity", "sea level rose 3.7 mm/yr", False),
        ("slr2", "20", "CentiM", "Length", "sea level rose 0.20 m since 1901", False),
        ("ice", "270", "GigaTONNE-PER-YR", "MassPerTime", "glaciers lost 270 Gt of ice per year", False),
        ("surface", "15", "DEG_C", "Temperature", "a surface at 288 K", False),
    ],
)
def test_check_reads_climate_quotes_and_statements(tmp_path, claim_id, value, unit, kind, text, wrong):
    root = new_registry(tmp_path, ("en",))
    add_claim(root, claim_id, text, value, unit, quote=text, kind=kind)
    found = findings(root, "CG320", "CG322")
    if wrong:
        assert {f["code"] for f in found} == {"CG320", "CG322"}, found
    else:
        assert found == [], found


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("W m-2", "W-PER-M2"),
        ("W m⁻²", "W-PER-M2"),
        ("W·m⁻²", "W-PER-M2"),
        ("W m^-2", "W-PER-M2"),
        ("mm/yr", "MilliM-PER-YR"),
        ("Gt CO₂-eq", "GigaTONNE"),
        ("ppmv", "PPM"),
        ("K/decade", "K-PER-YR"),
        ("Gt yr-1", "GigaTONNE-PER-YR"),
        ("K decade-1", "K-PER-YR"),
    ],
)
def test_units_reads_climate_notation_and_never_answers_a_product_for_a_quotient(typed, name):
    result = run_cli("units", typed, "--format", "json")
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    assert rows[0]["name"] == name
    assert not any(row["name"] == "W-M2" for row in rows)
    if "decade" in typed:
        assert "ten times the value per year" in rows[0]["note"]


@pytest.mark.parametrize(
    ("text", "readings", "unit"),
    [
        ("20 metres", (20.0,), "M"),
        ("3 km", (3.0,), "KiloM"),
        ("12 km²", (12.0,), "KiloM2"),
        ("1.5 kelvin", (1.5,), "K"),
        ("2 degrees Celsius", (2.0,), "DEG_C"),
        ("1.1 ºC", (1.1,), "DEG_C"),
        ("0.8 W m⁻² K⁻¹", (0.8,), "W-PER-M2-K"),
        ("2 W m^{-2}", (2.0,), "W-PER-M2"),
        ("0.5 W·m−2", (0.5,), "W-PER-M2"),
        ("5 Gt of ice yr⁻¹", (5.0,), "GigaTONNE-PER-YR"),
        ("12 t CO2 yr-1", (12.0,), "TONNE-PER-YR"),
        ("5 Mt de glace par an", (5.0,), "MegaTONNE-PER-YR"),
        ("1866 ppbv", (1866.0,), "PPB"),
        ("2.4 ppm/yr", (2.4,), "PPM-PER-YR"),
        ("0,2 °C pro Dekade", (0.02,), "DEG_C-PER-YR"),
        ("0.2 K decade⁻¹", (0.02,), "K-PER-YR"),
        ("0.2 °C a decade", (0.02,), "DEG_C-PER-YR"),
        ("50 K users", (50.0,), "K"),  # documented: a spaced capital K is a kelvin
    ],
)
def test_what_docs_numbers_promises_for_climate_notation(text, readings, unit):
    assert _read(text) == [(readings, unit)]


# (a time to a power other than one, "5 t yr⁻²", was not read; any power QUDT's naming rules compose now is:
# unit:TONNE-PER-YR2. A unit of two symbols to a power, "kWh⁻²", is no name of QUDT's: (kW·h)² is not KiloW-HR2)
@pytest.mark.parametrize("text", ["5 t kWh⁻²", "5 kg per ft²", "5 pptv"])
def test_a_power_or_a_symbol_the_reader_does_not_read_leaves_the_unit_not_read(text):
    (number,) = read_numbers(text).numbers
    assert number.unit == UNIT_NOT_READ


@pytest.mark.parametrize(
    ("value", "unit", "stated"),
    [("0.2", "DEG_C", True), ("0.02", "DEG_C", False), ("0.02", "DEG_C-PER-YR", True), ("0.2", "K-PER-YR", False)],
)
def test_an_amount_per_decade_states_the_amount_of_a_decade(value, unit, stated):
    # as "12,000 kWh per year" states 12,000 kWh, "0.2 °C per decade" states a warming of 0.2 °C (not 0.02)
    assert states(_q(value, unit), "a warming of 0.2 °C per decade") is stated


def test_micrograms_per_cubic_metre():
    assert _read("PM2.5 at 25 μg m⁻³ (5 µg/m3 advised)") == [((25.0,), "MicroGM-PER-M3"), ((5.0,), "MicroGM-PER-M3")]
