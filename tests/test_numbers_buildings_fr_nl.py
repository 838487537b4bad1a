"""Defects a building-energy registry's trial (French and Dutch, /work/trials/buildings-fr-nl) found in the number
reader, each tested on the reader and through ``check`` on registries made by ``claimgraph init`` and ``new claim``:

1. a word after a number that looks like a unit was read as no unit, so the number was taken in the claim's unit:
   "180 kWhef/m².an" passed a claim of 180 MJ/(m²·yr), "Rc ≥ 4,5 m²K/W" a U-value of 4.5 W/(m²·K);
2. French typography's dot products ("W/m².K", "m².K/W", "W/m.K", "kWh/m².an") were cut at the dot: "0,24 W/m².K"
   was 0.24 W/m², so every right U-value, R-value and intensity quoted so got CG320 or CG322;
3. the qualifiers of final and primary energy ("kWhef", "kWhEP", "kWhep", "kWh_ep") were no unit or "unit not
   read": they are the watt-hour's, as CO2e is the mass's;
10. Dutch locators ("blz. 105", "tabel 2", "figuur 3") were read as numbers, and "per jaar" as a count.
"""

from __future__ import annotations

import pytest

from claimgraph.numbers_in_text import read_numbers, states
from claimgraph.quantities import UNIT_NS

from .made_registries import add_claim, findings, new_registry, quoted_claim
from .made_registries import figure as q
from .made_registries import units_read as read_as


def units_read(text: str, languages: tuple[str, ...] = ("fr", "nl")) -> list[tuple[float, str | None]]:
    return read_as(text, languages)


# ------------------------------------------------------------------ 2. French dot products


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("U = 0,24 W/m².K", 0.24, "W-PER-M2-K"),
        ("R = 4,0 m².K/W", 4.0, "M2-K-PER-W"),
        ("λ = 0,035 W/m.K", 0.035, "W-PER-M-K"),
        ("Un logement consomme 392 kWh/m².an.", 392, "KiloW-HR-PER-M2-YR"),
        ("12 kgCO2/m².an", 12, "KiloGM-PER-M2-YR"),
        ("392 kWh/(m².an)", 392, "KiloW-HR-PER-M2-YR"),
        ("392 kWh/m².a", 392, "KiloW-HR-PER-M2-YR"),
        ("392 kWh/(m²·a)", 392, "KiloW-HR-PER-M2-YR"),
        ("R = 4,0 m2.K/W", 4.0, "M2-K-PER-W"),
        ("Rc ≥ 4,5 m²K/W", 4.5, "M2-K-PER-W"),
        ("U = 0,24 W/m²K", 0.24, "W-PER-M2-K"),
    ],
)
def test_a_french_dot_product_is_read_whole(text, value, unit):
    assert units_read(text) == [(value, unit)]


@pytest.mark.parametrize(
    "text, read",
    [
        ("the value is 5 m. Then it rose", [(5, "M")]),
        ("the value is 5 m.Then it rose", [(5, "M")]),
        ("It is 5.2 m.", [(5.2, "M")]),
        ("Le mur fait 0.24 m. La toiture 0.30 m.", [(0.24, "M"), (0.3, "M")]),
    ],
)
def test_a_full_stop_ending_a_sentence_or_a_decimal_point_is_no_product(text, read):
    assert units_read(text, ("en",)) == read


def test_a_u_value_quoted_with_a_dot_states_no_power_per_area():
    assert states(q(0.24, "W-PER-M2-K"), "U = 0,24 W/m².K", ("fr",))
    assert not states(q(0.24, "W-PER-M2"), "U = 0,24 W/m².K", ("fr",))
    assert states(q(4.0, "M2-K-PER-W"), "R = 4,0 m².K/W", ("fr",))
    assert not states(q(4.0, "M2"), "R = 4,0 m².K/W", ("fr",))
    assert states(q(392, "KiloW-HR-PER-M2-YR"), "392 kWh/m².an", ("fr",))


# ------------------------------------------------------------------ 1 and 3. qualified energies, units not read


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("180 kWhef/m².an", 180, "KiloW-HR-PER-M2-YR"),
        ("280 kWhep/m².an", 280, "KiloW-HR-PER-M2-YR"),
        ("392 kWhEP/m².an", 392, "KiloW-HR-PER-M2-YR"),
        ("392 kWhPE/m².an", 392, "KiloW-HR-PER-M2-YR"),
        ("392 kWh_ep/m².an", 392, "KiloW-HR-PER-M2-YR"),
        ("280 kWhef", 280, "KiloW-HR"),
        ("3 MWhe", 3, "MegaW-HR"),
        ("1,2 GWhEP", 1.2, "GigaW-HR"),
    ],
)
def test_final_and_primary_energy_are_read_as_the_watt_hour(text, value, unit):
    assert units_read(text) == [(value, unit)]


@pytest.mark.parametrize("text", ["5 m²K", "5 m²X", "5 kWhxy", "5 kWhfoo/m²", "5 kWh_xy", "5 kWhs"])
def test_a_word_that_looks_like_a_unit_is_a_unit_not_read(text):
    assert units_read(text) == [(5, "not read")]


@pytest.mark.parametrize("text", ["5 people", "5 Whales", "5 m². Puis", "5 mice"])
def test_words_stay_words(text):
    assert [unit for _, unit in units_read(text)] in ([None], ["M2"])


def test_a_qualified_energy_states_no_claim_in_another_unit():
    assert not states(q(180, "MegaJ-PER-M2-YR"), "180 kWhef/m².an", ("fr",))
    assert states(q(648, "MegaJ-PER-M2-YR"), "180 kWhef/m².an", ("fr",))
    assert not states(q(4.5, "W-PER-M2-K"), "Rc ≥ 4,5 m²K/W", ("fr",))
    assert states(q(4.5, "M2-K-PER-W"), "Rc ≥ 4,5 m²K/W", ("fr",))


# ------------------------------------------------------------------ 10. Dutch locators and periods


@pytest.mark.parametrize(
    "text",
    ["zie blz. 105", "zie blz 105", "bladzijde 12", "pagina 12", "tabel 2", "figuur 3", "Afb. 4", "hoofdstuk 5",
     "bijlage 2", "paragraaf 3", "grafiek 1", "hfst. 4"],
)  # fmt: skip
def test_a_dutch_locator_is_no_quantity(text):
    assert units_read(text) == []


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("3.500 kWh per jaar", 3500, "KiloW-HR-PER-YR"),
        ("3.500 kWh/jaar", 3500, "KiloW-HR-PER-YR"),
        ("3.500 kWh per jaar per woning", 3500, "KiloW-HR-PER-YR"),
        ("120 kWh per maand", 120, "KiloW-HR-PER-MO"),
        ("12 kWh per dag", 12, "KiloW-HR-PER-DAY"),
        ("50 kWh per week", 50, "KiloW-HR-PER-WK"),
        ("3.500 kWh per woning per jaar", 3500, "KiloW-HR-PER-YR"),
        ("3 360 kWh par logement et par an", 3360, "KiloW-HR-PER-YR"),
        ("3360 kWh per dwelling per year", 3360, "KiloW-HR-PER-YR"),
        ("3.500 kWh per woning", 3500, "KiloW-HR"),
        ("3.500 kWh per huishouden", 3500, "KiloW-HR"),
        ("3 jaar", 3, "YR"),
        ("5 dagen", 5, "DAY"),
    ],
)
def test_a_dutch_period_is_a_rates_denominator_and_a_dwelling_a_count(text, value, unit):
    assert [(v, u) for v, u in units_read(text, ("nl",)) if v == value] == [(value, unit)]


def test_an_amount_per_jaar_states_the_rate_and_the_amount():
    assert states(q(3500, "KiloW-HR-PER-YR"), "3.500 kWh per jaar", ("nl",))
    assert states(q(3500, "KiloW-HR"), "3.500 kWh per jaar per woning", ("nl",))
    assert states(q(12, "KiloW-HR-PER-DAY"), "12 kWh per dag", ("nl",))
    assert states(q(3500, "KiloW-HR-PER-YR"), "3.500 kWh per woning per jaar", ("nl",))
    assert states(q(3500, "KiloW-HR"), "3.500 kWh per woning per jaar", ("nl",))
    assert not states(q(105, "UNITLESS"), "zie blz. 105", ("nl",))


# ------------------------------------------------------------------ end to end, through check


def test_check_finds_the_wrong_building_claims_and_passes_the_right_ones(tmp_path):
    root = new_registry(tmp_path, ("fr", "nl"))
    # wrong: MJ typed where the source prints kWh (final energy); an R-value recorded as a U-value
    quoted_claim(root, "ef-mj-wrong", "Chauffage : 180 kWhef/m².an", "180", "MegaJ-PER-M2-YR", "PowerPerArea")
    quoted_claim(root, "u-from-r-wrong", "Rc ≥ 4,5 m²K/W", "4.5", "W-PER-M2-K", "CoefficientOfHeatTransfer")
    quoted_claim(root, "u-as-power-wrong", "U = 0,24 W/m².K", "0.24", "W-PER-M2", "PowerPerArea")
    # right, in the standard French and Dutch notations
    quoted_claim(root, "ef", "Chauffage : 180 kWhef/m².an", "180", "KiloW-HR-PER-M2-YR", "PowerPerArea")
    quoted_claim(root, "rc", "Rc ≥ 4,5 m²K/W", "4.5", "M2-K-PER-W", "ThermalInsulance")
    quoted_claim(root, "u", "U = 0,24 W/m².K", "0.24", "W-PER-M2-K", "CoefficientOfHeatTransfer")
    quoted_claim(root, "r", "R = 4,0 m².K/W", "4.0", "M2-K-PER-W", "ThermalInsulance")
    quoted_claim(root, "lambda", "λ = 0,035 W/m.K", "0.035", "W-PER-M-K", "ThermalConductivity")
    quoted_claim(root, "ec", "12 kgCO2/m².an", "12", "KiloGM-PER-M2-YR", "MassPerAreaTime")
    add_claim(
        root, "ep", "Un logement consomme 392 kWhEP/m².an.", "392", "KiloW-HR-PER-M2-YR",
        quote="392 kWh/m².an", kind="PowerPerArea",
    )  # fmt: skip
    add_claim(
        root, "woning", "Een woning verbruikt 3.500 kWh per jaar.", "3500", "KiloW-HR-PER-YR",
        quote="Gemiddeld verbruik: 3.500 kWh per jaar per woning (zie tabel 2, blz. 105).", kind="Power",
    )  # fmt: skip
    add_claim(
        root, "woning-jaar", "3.500 kWh per jaar", "3500", "KiloW-HR",
        quote="3.500 kWh per jaar per woning (tabel 2)", kind="Energy",
    )  # fmt: skip
    found = findings(root, "CG320", "CG322")
    flagged = {(f["code"], f["subject"].rsplit("/", 1)[-1]) for f in found}
    assert flagged == {("CG320", "ef-mj-wrong"), ("CG320", "u-from-r-wrong"), ("CG320", "u-as-power-wrong")}, found


def test_a_dutch_locator_states_no_claim(tmp_path):
    root = new_registry(tmp_path, ("nl",))
    quoted_claim(root, "page", "Zie tabel 2 op blz. 105.", "105", "UNITLESS", "Dimensionless")
    quoted_claim(root, "table", "Zie tabel 2 op blz. 105.", "2", "UNITLESS", "Dimensionless")
    assert {f["subject"].rsplit("/", 1)[-1] for f in findings(root, "CG320")} == {"page", "table"}


@pytest.mark.parametrize(
    "text, language, unit",
    [
        # Dutch writes the resource after the unit, without a preposition: a word the number used to end at
        ("3.500 kWh elektriciteit per jaar", "nl", "KiloW-HR-PER-YR"),
        ("180 kWh primaire energie per m² per jaar", "nl", "KiloW-HR-PER-M2-YR"),
        ("5 kWh stroom per dag", "nl", "KiloW-HR-PER-DAY"),
        ("5 kWh Strom pro Jahr", "de", "KiloW-HR-PER-YR"),
        # German's day as a denominator, Spanish "al año": were no periods
        ("5 kWh pro Tag", "de", "KiloW-HR-PER-DAY"),
        ("5 kWh/Tag", "de", "KiloW-HR-PER-DAY"),
        ("5 kWh al año", "es", "KiloW-HR-PER-YR"),
        ("12 kWh al mes", "es", "KiloW-HR-PER-MO"),
    ],
)
def test_resources_and_periods_between_and_after_units_are_read(text, language, unit):
    (number,) = [n for n in read_numbers(text, (language,)).numbers if not n.alternative]
    assert number.unit == UNIT_NS + unit, number


def test_a_tag_alone_is_no_day():
    (number,) = read_numbers("5 tag lines", ("en",)).numbers
    assert number.unit is None
