"""Defects a transport-emissions registry's trial (Italian and English) found in the number reader, each tested on
the reader and through ``check`` on registries made by ``claimgraph init``, ``new source`` and ``new claim``:

1. "per mile", "per millilitre", "per centimetre" lost their denominator: the rate word's guard against "per cent"
   and "per mille" rejected every word beginning so ("122 g CO2 per mile" was 122 g);
2. knots, miles, mph and mpg were no units to the reader: "22 knots" was a bare 22, taken in the claim's unit, so
   a claim of 22 km/h passed;
3. "g CO2/pkm", "g/tkm", "g CO2 per pkm" were read as masses (a word of three letters after "/" was a count), and
   Italian "g di CO2 per …" ended the number at "g";
5. CG320's message listed "numbers read: 62 g" where its facts' ``read`` was empty: the numbers of another dimension
   are now marked so in the message and listed in the fact ``read_other``.
"""

from __future__ import annotations

import pytest

from claimgraph.numbers_in_text import describe, read_numbers, states
from claimgraph.quantities import UNIT_NS

from .made_registries import add_claim, findings, new_registry, quoted_claim
from .made_registries import figure as q
from .made_registries import units_read as read_as


def units_read(text: str, languages: tuple[str, ...] = ("en", "it")) -> list[tuple[float, str | None]]:
    return read_as(text, languages)


# ------------------------------------------------------------------ 1. "per mile" is a rate, "per cent" a percentage


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("Cars emit 122 g CO2 per mile.", 122, "GM-PER-MI"),
        ("120 g per miles", 120, "GM-PER-MI"),
        ("0.3 kWh per mile", 0.3, "KiloW-HR-PER-MI"),
        ("0.5 mg per millilitre", 0.5, "MilliGM-PER-MilliL"),
        ("3 g per centimetre", 3, "GM-PER-CentiM"),
        ("122 g/mile", 122, "GM-PER-MI"),
        ("122 g per mi", 122, "GM-PER-MI"),
    ],
)
def test_a_rate_per_a_unit_beginning_like_cent_or_mille_keeps_its_denominator(text, value, unit):
    assert units_read(text) == [(value, unit)]


@pytest.mark.parametrize(
    "text, unit",
    [
        ("5 per cent", "PERCENT"),
        ("5 per mille", "PPTH"),
        ("5 per mil", "PPTH"),
        ("5 por mil", "PPTH"),
        ("20 per cento", None),  # Italian's percent is not read (docs/numbers.md), and no rate either
        ("5 per centum", None),
    ],
)
def test_per_cent_and_per_mille_are_still_no_rate(text, unit):
    assert units_read(text) == [(float(text.split()[0]), unit)]


def test_a_mass_per_mile_states_no_mass():
    assert states(q(122, "GM-PER-MI"), "Cars emit 122 g CO2 per mile.", ("en",))
    assert not states(q(122, "GM"), "Cars emit 122 g CO2 per mile.", ("en",))
    assert not states(q(122, "GM-PER-KiloM"), "Cars emit 122 g CO2 per mile.", ("en",))


# ------------------------------------------------------------------ 2. knots, miles, mph, mpg


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("The ferry cruises at 22 knots.", 22, "KN"),
        ("22 kn", 22, "KN"),
        ("250 kts", 250, "KN"),
        ("Il traghetto naviga a 22 nodi.", 22, "KN"),
        ("The route is 120 miles long.", 120, "MI"),
        ("The route is 120 mi long.", 120, "MI"),
        ("a 5-mile route", 5, "MI"),
        ("120 mi.", 120, "MI"),
        ("120 nautical miles", 120, "MI_N"),
        ("120 nmi", 120, "MI_N"),
        ("120 NM", 120, "MI_N"),
        ("120 miglia nautiche", 120, "MI_N"),
        ("The speed limit is 45 mph.", 45, "MI-PER-HR"),
        ("45 miles per hour", 45, "MI-PER-HR"),
        # a gallon is read as the American one, and states a claim in either (test_a_gallon_states_either_gallon)
        ("Fuel economy reached 25.4 mpg.", 25.4, "MI-PER-GAL_US"),
        ("25.4 miles per gallon", 25.4, "MI-PER-GAL_US"),
        ("25.4 miles per US gallon", 25.4, "MI-PER-GAL_US"),
        ("25.4 mi/gal", 25.4, "MI-PER-GAL_US"),
        ("30 mpg (imperial)", 30, "MI-PER-GAL_UK"),
        ("30 UK mpg", 30, "MI-PER-GAL_UK"),
        ("25.4 miles per imperial gallon", 25.4, "MI-PER-GAL_UK"),
        ("$3.50 per gallon", 3.5, "CCY_USD-PER-GAL_US"),
        ("5 gallons of fuel", 5, "GAL_US"),
        ("5 gal/day", 5, "GAL_US-PER-DAY"),
        # Italian "miglia" are statute, nautical or Roman miles
        ("120 miglia", 120, "not read"),
        ("150 miles de euros", 150, "not read"),  # Spanish thousands, a scale the reader does not read
    ],
)
def test_transport_units_are_read(text, value, unit):
    assert units_read(text) == [(value, unit)]


@pytest.mark.parametrize(
    "text, read",
    [
        ("3 mi piace", [(3, None)]),  # Italian's pronoun, no mile
        ("Ho 3 anni e mi piace viaggiare", [(3, "YR")]),  # three years; "mi" the pronoun
        ("Nel 2020 mi sono trasferito", [(2020, None)]),
        ("512 nodi di calcolo", [(512, None)]),  # nodes of a cluster, a count
        ("64 nodi GPU", [(64, None)]),
        ("22 kN", [(22, "KiloN")]),  # QUDT's kilonewton, by its symbol
        ("632.8 nm", [(632.8, "NanoM")]),
        ("12 kt CO2", [(12, "KiloTONNE")]),  # "kt" stays the kilotonne of emissions
        ("5 KN", [(5, None)]),
    ],
)
def test_words_like_transport_units_that_are_none_stay_as_they_were(text, read):
    assert units_read(text) == read


def test_a_speed_in_knots_states_its_km_per_hour_and_not_the_bare_number():
    quote = "The ferry cruises at 22 knots."
    assert not states(q(22, "KiloM-PER-HR"), quote, ("en",))
    assert states(q(40.7, "KiloM-PER-HR"), quote, ("en",))
    assert states(q(22, "KN"), quote, ("en",))
    assert not states(q(120, "KiloM"), "The route is 120 miles long.", ("en",))
    assert states(q(193.1, "KiloM"), "The route is 120 miles long.", ("en",))
    assert not states(q(25.4, "L-PER-100-KiloM"), "Fuel economy reached 25.4 mpg.", ("en",))
    assert not states(q(45, "KiloM-PER-HR"), "The speed limit is 45 mph.", ("en",))
    assert states(q(72.4, "KiloM-PER-HR"), "The speed limit is 45 mph.", ("en",))


# ------------------------------------------------------------------ 3. per passenger-km, per tonne-km, "di CO2"


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("Road freight emits 62 g CO2/tkm.", 62, "GM-PER-TONNE-KiloM"),
        ("62 g/tkm", 62, "GM-PER-TONNE-KiloM"),
        ("62 g CO2 per tkm", 62, "GM-PER-TONNE-KiloM"),
        ("62 g per tonne-km", 62, "GM-PER-TONNE-KiloM"),
        ("62 g CO2 per tonne-kilometre", 62, "GM-PER-TONNE-KiloM"),
        ("5 kg per t-km", 5, "KiloGM-PER-TONNE-KiloM"),  # was 5 kg/t: the km dropped
        ("62 g di CO2 per tonnellata-km", 62, "GM-PER-TONNE-KiloM"),
        ("62 g CO2 pro Tonnenkilometer", 62, "GM-PER-TONNE-KiloM"),
        ("90 g CO2/pkm", 90, "GM-PER-KiloM"),
        ("90 gCO2/pkm", 90, "GM-PER-KiloM"),
        ("90 g/pkm", 90, "GM-PER-KiloM"),
        ("90 g CO\u2082e/pkm", 90, "GM-PER-KiloM"),
        ("285 g CO2 per pkm", 285, "GM-PER-KiloM"),
        ("285 g CO2e per passenger-km", 285, "GM-PER-KiloM"),
        ("90 g CO2/p-km", 90, "GM-PER-KiloM"),
        ("90 g CO2 per pax-km", 90, "GM-PER-KiloM"),
        ("41 g CO2 per passenger-kilometre", 41, "GM-PER-KiloM"),
        ("90 g di CO2 per passeggero-km", 90, "GM-PER-KiloM"),
        ("90 g di CO2 per passeggeri-km", 90, "GM-PER-KiloM"),
        ("40 g CO2 par voyageur-km", 40, "GM-PER-KiloM"),
        ("40 g CO2 par passager-km", 40, "GM-PER-KiloM"),
        ("38 g CO2 pro Personenkilometer", 38, "GM-PER-KiloM"),
        ("0.2 kWh/vkm", 0.2, "KiloW-HR-PER-KiloM"),
        ("160 g CO2 per vehicle-km", 160, "GM-PER-KiloM"),
        ("160 g di CO2 per veicolo-km", 160, "GM-PER-KiloM"),
        ("120 g di CO2/km", 120, "GM-PER-KiloM"),
        ("0,5 kg di CO2 per kWh", 0.5, "KiloGM-PER-KiloW-HR"),
        # any other compound after "per" stays a unit not read, as documented
        ("90 gCO2 per room-night", 90, "not read"),
    ],
)
def test_per_passenger_km_and_per_tonne_km_are_read(text, value, unit):
    assert units_read(text) == [(value, unit)]


def test_a_figure_per_passenger_km_or_tonne_km_states_no_mass():
    assert states(q(41, "GM-PER-KiloM"), "41 g CO2 per passeggero-km", ("it", "en"))
    assert not states(q(41, "GM"), "41 g CO2 per passeggero-km", ("it", "en"))
    assert not states(q(90, "GM"), "Buses emit 90 g CO2/pkm.", ("en",))
    assert states(q(62, "GM-PER-TONNE-KiloM"), "Road freight emits 62 g CO2/tkm.", ("en",))
    assert not states(q(62, "GM"), "Road freight emits 62 g CO2/tkm.", ("en",))
    assert not states(q(62, "GM-PER-KiloM"), "Road freight emits 62 g CO2/tkm.", ("en",))  # a tonne is no count


# ------------------------------------------------------------------ 5. the message and the facts say the same


def test_describe_marks_a_number_of_another_dimension_than_the_claims():
    reading = read_numbers("Road freight emits 62 g CO2/tkm and 3 % more.", ("en",))
    assert describe(reading) == "62 g/(t·km), 3 %"
    assert describe(reading, claimed_unit=UNIT_NS + "GM") == "62 g/(t·km) (another dimension), 3 % (another dimension)"
    assert describe(reading, claimed_unit=UNIT_NS + "KiloGM-PER-TONNE-KiloM").startswith("62 g/(t·km), ")


# ------------------------------------------------------------------ end to end, through check


def test_check_finds_the_wrong_units_of_a_transport_registry_and_passes_the_right_ones(tmp_path):
    root = new_registry(tmp_path, ("it", "en"))
    ferry = "A typical ro-pax ferry cruises at 22 knots."
    quoted_claim(root, "ferry-kmh-wrong", ferry, "22", "KiloM-PER-HR", "Velocity")
    quoted_claim(root, "ferry-kmh", ferry, "40.7", "KiloM-PER-HR", "Velocity")
    quoted_claim(root, "ferry-kn", ferry, "22", "KN", "Velocity")
    quoted_claim(root, "route-km-wrong", "The route is 120 miles long.", "120", "KiloM", "Length")
    quoted_claim(root, "route-nmi", "The crossing is 120 nautical miles.", "120", "MI_N", "Length")
    quoted_claim(root, "cars-gmi", "Cars emit 122 g CO2 per mile.", "122", "GM-PER-MI", "MassPerLength")
    quoted_claim(root, "cars-mass-wrong", "Cars emit 122 g CO2 per mile.", "122", "GM", "Mass")
    quoted_claim(root, "freight-tkm", "Road freight emits 62 g CO2/tkm.", "62", "GM-PER-TONNE-KiloM", "InverseLength")
    quoted_claim(root, "freight-mass-wrong", "Road freight emits 62 g CO2/tkm.", "62", "GM", "Mass")
    quoted_claim(root, "bus-pkm", "Buses emit 90 g CO2/pkm.", "90", "GM-PER-KiloM", "MassPerLength")
    quoted_claim(root, "bus-mass-wrong", "Buses emit 90 g CO2/pkm.", "90", "GM", "Mass")
    add_claim(
        root, "train-pkm", "Il treno emette 41 g di CO2 per passeggero-km.", "41", "GM-PER-KiloM",
        quote="Treno regionale: 41 g CO2 per passeggero-km", kind="MassPerLength",
        translation=("en", "The train emits 41 g CO2 per passenger-km."),
    )  # fmt: skip
    found = findings(root, "CG320", "CG322")
    flagged = {(f["code"], f["subject"].rsplit("/", 1)[-1]) for f in found}
    assert flagged == {
        ("CG320", "ferry-kmh-wrong"),
        ("CG320", "route-km-wrong"),
        ("CG320", "cars-mass-wrong"),
        ("CG320", "freight-mass-wrong"),
        ("CG320", "bus-mass-wrong"),
    }, found
    by_claim = {f["subject"].rsplit("/", 1)[-1]: f for f in found}
    ferry_wrong = by_claim["ferry-kmh-wrong"]
    assert "(numbers read: 22 kn)" in ferry_wrong["message"], ferry_wrong["message"]
    assert ferry_wrong["facts"]["read"] == [[22, "KN"]] and ferry_wrong["facts"]["read_other"] == []


def test_the_numbers_cg320_lists_are_those_of_its_facts(tmp_path):
    """The message said "numbers read: 62 g" where ``read`` was empty: a number of another dimension is no figure of
    the claim's quantity; the message says so, and ``read_other`` lists it."""
    root = new_registry(tmp_path, ("en",))
    quoted_claim(root, "freight-mass", "Road freight emits 62 g CO2/tkm.", "62", "GM", "Mass")
    quoted_claim(root, "hotel", "Hotels emit 90 g CO2 per room-night, 5 kg per stay.", "90", "GM", "Mass")
    found = {f["subject"].rsplit("/", 1)[-1]: f for f in findings(root, "CG320")}
    freight = found["freight-mass"]
    assert "(numbers read: 62 g/(t·km) (another dimension))" in freight["message"], freight["message"]
    assert freight["facts"]["read"] == [] and freight["facts"]["read_other"] == [[62, "GM-PER-TONNE-KiloM"]]
    hotel = found["hotel"]
    assert "90 g CO2 per room-night (unit not read)" in hotel["message"], hotel["message"]
    assert hotel["facts"]["read"] == [[5, "KiloGM"]], hotel["facts"]  # "per stay" is a count, as "per query"
    assert hotel["facts"]["read_other"] == [[90, "not read"]], hotel["facts"]
    # every number the message lists is in one fact or the other
    listed = hotel["facts"]["read"] + hotel["facts"]["read_other"]
    assert len(listed) == 2


def test_a_statements_numbers_of_another_dimension_are_marked(tmp_path):
    root = new_registry(tmp_path, ("en",))
    add_claim(root, "freight", "Road freight emits 62 g CO2/tkm.", "62", "GM", kind="Mass")
    [statement] = findings(root, "CG322")
    assert "(numbers read: 62 g/(t·km) (another dimension))" in statement["message"], statement["message"]


def test_a_gallon_states_either_gallon_unless_its_words_say_which():
    """A gallon is American or imperial: as "$" states any dollar, a gallon the words do not name states a claim in
    either ("25.4 mpg" states 25.4 mi/gal{US} and 25.4 mi/gal{UK}; "5 gallons" 18.9 L and 22.7 L), one they name only
    in its own; never a bare number in the claim's unit (25.4 L/100 km)."""
    mpg = "Fuel economy reached 25.4 mpg."
    assert states(q(25.4, "MI-PER-GAL_US"), mpg, ("en",))
    assert states(q(25.4, "MI-PER-GAL_UK"), mpg, ("en",))
    assert not states(q(25.4, "L-PER-100-KiloM"), mpg, ("en",))
    assert not states(q(25.4, "MI-PER-GAL_UK"), "25.4 miles per US gallon", ("en",))
    assert not states(q(30, "MI-PER-GAL_US"), "30 mpg (imperial)", ("en",))
    assert states(q(18.9, "L"), "5 gallons of fuel", ("en",))
    assert states(q(22.7, "L"), "5 gallons of fuel", ("en",))
    assert not states(q(22.7, "L"), "5 US gallons of fuel", ("en",))
    assert not states(q(5, "L"), "5 gallons of fuel", ("en",))
    assert states(q(3.5, "CCY_USD-PER-GAL_UK"), "$3.50 per gallon", ("en",))


def test_a_claim_in_miles_per_gallon_quoting_mpg_gets_no_finding(tmp_path):
    root = new_registry(tmp_path, ("en",))
    add_claim(root, "mpg", "Fuel economy reached 25.4 mpg.", "25.4", "MI-PER-GAL_US", quote="reached 25.4 mpg",
              kind="InverseArea")  # fmt: skip
    add_claim(root, "wrong", "Fuel economy reached 25.4 mpg.", "25.4", "L-PER-100-KiloM", quote="reached 25.4 mpg",
              kind="Area")  # fmt: skip
    by_claim = {f["subject"].rsplit("/", 1)[-1]: f["code"] for f in findings(root, "CG320", "CG322")}
    assert "mpg" not in by_claim, by_claim
    assert by_claim.get("wrong") in ("CG320", "CG322"), by_claim


@pytest.mark.parametrize(
    "text, value, unit",
    [
        # the trial's Italian statements: "all'anno" was no rate word, so a Mt/yr claim's "Mt … all'anno" was a mass
        ("Il trasporto stradale emette circa 101,5 Mt CO2eq all'anno.", 101.5, "MegaTONNE-PER-YR"),
        ("5 Mt l'anno", 5, "MegaTONNE-PER-YR"),
        ("5 kWh per anno", 5, "KiloW-HR-PER-YR"),
        ("12 kWh al mese", 12, "KiloW-HR-PER-MO"),
        ("5 kWh al giorno", 5, "KiloW-HR-PER-DAY"),
        ("300 km orari", 300, "KiloM-PER-HR"),
        ("300 km all'ora", 300, "KiloM-PER-HR"),
    ],
)
def test_italian_periods_and_speeds_are_read(text, value, unit):
    assert units_read(text) == [(value, unit)]


def test_an_italian_yearly_amount_states_its_claim_and_ore_is_no_hour():
    assert states(q(101.5, "MegaTONNE-PER-YR"), "circa 101,5 Mt CO2eq all'anno", ("it",))
    assert states(q(101.5, "MegaTONNE"), "circa 101,5 Mt CO2eq all'anno", ("it",))  # the yearly amount, as "per year"
    assert not states(q(101.5, "MegaTONNE-PER-DAY"), "circa 101,5 Mt CO2eq all'anno", ("it",))
    assert units_read("5 Mt ore") == [(5, "MegaTONNE")]  # English "ore", a rock: no hour
