"""Units after a number that two users' trials (a physicist's, an agronomist's in Spanish) found not read, each run
through the real commands on registries made by ``claimgraph init``, ``new source`` and ``new claim``:

* units common in physics were not read ("210 GPa", "1.12 eV", "632.8 nm", "1.1 µm", "1.68 µΩ·cm", "2.70 g/cm³",
  "gigapascals"): the number was taken as bare, in the claim's unit, so a claim 10³–10⁸ off passed and a right one
  stated in another unit got CG320;
* compounds were read in part: "401 W/(m·K)" as 401 W, "3.2 t ha⁻¹" as 3.2 t, "150 kg N/ha" as 150 kg, "164 m² per
  100 g of protein" as 164 m² and a separate 100 g; "W/mK", "g/cm3", "t/ha", "m³ kg⁻¹ s⁻²" were not read at all;
* agronomy's units and words were not read ("lb/acre", "pounds per acre", "Mha", "millones de hectáreas", "metric
  tons", "por kilogramo", "litros de agua por kilogramo"), and one not converted ("bushels per acre") was bare;
* ``claimgraph units`` found nothing for "µm" (the micro sign), "µΩ", "g/cm3", "ohm cm", "lb/acre", "Mha", and
  "µs" did not list unit:MicroSEC.

Each case is a pair of claims citing the same quote and printing it as their statement: the right one gets no
finding about its numbers, the wrong one (the mistake the trial saw pass) gets CG320.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from claimgraph.numbers_in_text import UNIT_NOT_READ, describe, read_numbers, states, unit_written
from claimgraph.quantities import UNIT_NS, Quantity

from .conftest import run_cli
from .made_registries import add_claim, findings, new_registry

#: (case, quote, (right value, unit, kind), (wrong value, unit, kind)): the quote is also each claim's statement
PHYSICS = [
    ("gpa", "E = 210 GPa", ("210", "GigaPA", "ModulusOfElasticity"), ("210", "MegaPA", "ModulusOfElasticity")),
    ("kpa", "p = 101 kPa", ("101", "KiloPA", "Pressure"), ("101", "MegaPA", "Pressure")),
    ("tpa", "E = 1.0 TPa", ("1000", "GigaPA", "ModulusOfElasticity"), ("1.0", "GigaPA", "ModulusOfElasticity")),
    ("ev", "band gap 1.12 eV", ("1.12", "EV", "GapEnergy"), ("1.12", "MilliEV", "GapEnergy")),
    ("mev", "a line at 13.6 MeV", ("0.0136", "GigaEV", "Energy"), ("13.6", "KiloEV", "Energy")),
    ("nm", "He-Ne line at 632.8 nm", ("632.8", "NanoM", "Wavelength"), ("632.8", "MicroM", "Wavelength")),
    ("micro-sign", "edge near 1.1 \u00b5m", ("1100", "NanoM", "Wavelength"), ("1.1", "NanoM", "Wavelength")),
    ("greek-mu", "edge near 1.1 \u03bcm", ("1100", "NanoM", "Wavelength"), ("1.1", "NanoM", "Wavelength")),
    ("uohm-cm", "Cu 1.68 µΩ·cm", ("1.68e-8", "OHM-M", "Resistivity"), ("1.68", "OHM-M", "Resistivity")),
    ("ohm-m", "Cu 1.68 × 10⁻⁸ Ω·m", ("1.68", "MicroOHM-CentiM", "Resistivity"), ("1.68e-8", "OHM-CentiM", "Resistivity")),
    ("ohm-space-m", "Cu 1.68e-8 Ω m", ("1.68", "MicroOHM-CentiM", "Resistivity"), ("1.68e-8", "OHM-CentiM", "Resistivity")),
    ("g-cm3-super", "Aluminium 2.70 g/cm³", ("2700", "KiloGM-PER-M3", "Density"), ("2.70", "KiloGM-PER-M3", "Density")),
    ("g-cm3", "Aluminum 2.70 g/cm3", ("2700", "KiloGM-PER-M3", "Density"), ("2.70", "KiloGM-PER-M3", "Density")),
    ("gigapascals", "a modulus of 210 gigapascals", ("210", "GigaPA", "ModulusOfElasticity"), ("210", "MegaPA", "ModulusOfElasticity")),
    ("terapascals", "graphene: 1.2 terapascals", ("1200", "GigaPA", "ModulusOfElasticity"), ("1.2", "GigaPA", "ModulusOfElasticity")),
    ("nanometres", "a line at 632.8 nanometres", ("632.8", "NanoM", "Wavelength"), ("632.8", "MicroM", "Wavelength")),
    ("nanometers", "a line at 632.8 nanometers", ("632.8", "NanoM", "Wavelength"), ("632.8", "MicroM", "Wavelength")),
    ("electronvolts", "a gap of 1.12 electronvolts", ("1.12", "EV", "GapEnergy"), ("1.12", "KiloEV", "GapEnergy")),
    ("w-m-k", "Copper 401 W/(m·K)", ("401", "W-PER-M-K", "ThermalConductivity"), ("401", "W", "Power")),
    ("w-m-space-k", "Copper 401 W/(m K)", ("401", "W-PER-M-K", "ThermalConductivity"), ("401", "W", "Power")),
    ("w-mk", "Copper 401 W/mK", ("401", "W-PER-M-K", "ThermalConductivity"), ("401", "W", "Power")),
    ("w-powers", "Diamond 2200 W m⁻¹ K⁻¹", ("2200", "W-PER-M-K", "ThermalConductivity"), ("2200", "W-PER-CentiM-K", "ThermalConductivity")),
    ("g-powers", "G = 6.67430 × 10⁻¹¹ m³ kg⁻¹ s⁻²", ("6.67430e-11", "M3-PER-KiloGM-SEC2", "GravitationalConstant"), ("6.67430e-11", "CentiM3-PER-GM-SEC2", "GravitationalConstant")),
    ("g-ascii-powers", "G = 6.67430e-11 m3 kg-1 s-2", ("6.67430e-11", "M3-PER-KiloGM-SEC2", "GravitationalConstant"), ("6.67430e-11", "CentiM3-PER-GM-SEC2", "GravitationalConstant")),
]  # fmt: skip
AGRONOMY = [
    ("t-ha", "El rendimiento medio fue de 3,2 t/ha.", ("3.2", "TONNE-PER-HA", "MassPerArea"), ("3.2", "KiloGM-PER-HA", "MassPerArea")),
    ("kg-ha", "alcanzó 11 800 kg/ha", ("11.8", "TONNE-PER-HA", "MassPerArea"), ("11800", "TONNE-PER-HA", "MassPerArea")),
    ("t-ha-super", "yield was 3.2 t ha⁻¹", ("3.2", "TONNE-PER-HA", "MassPerArea"), ("3.2", "TONNE", "Mass")),
    ("t-ha-ascii", "yield was 3.2 t ha-1", ("3.2", "TONNE-PER-HA", "MassPerArea"), ("3.2", "TONNE", "Mass")),
    ("tonnes-per-hectare", "3.2 tonnes per hectare", ("3.2", "TONNE-PER-HA", "MassPerArea"), ("3.2", "TONNE", "Mass")),
    ("toneladas", "3,2 toneladas por hectárea", ("3.2", "TONNE-PER-HA", "MassPerArea"), ("3.2", "TONNE", "Mass")),
    ("kg-n-ha", "Se aplican 150 kg N/ha.", ("150", "KiloGM-PER-HA", "MassPerArea"), ("150", "KiloGM", "Mass")),
    ("kg-p2o5-ha", "60 kg P2O5 per ha", ("60", "KiloGM-PER-HA", "MassPerArea"), ("60", "KiloGM", "Mass")),
    ("kg-k2o-ha", "80 kg K2O ha-1", ("80", "KiloGM-PER-HA", "MassPerArea"), ("80", "KiloGM", "Mass")),
    ("kg-de-n", "168 kg de nitrógeno por hectárea", ("168", "KiloGM-PER-HA", "MassPerArea"), ("168", "KiloGM", "Mass")),
    ("lb-acre", "150 lb/acre", ("168", "KiloGM-PER-HA", "MassPerArea"), ("150", "KiloGM-PER-HA", "MassPerArea")),
    ("pounds-per-acre", "150 pounds per acre", ("168", "KiloGM-PER-HA", "MassPerArea"), ("150", "KiloGM-PER-HA", "MassPerArea")),
    ("mha", "La superficie fue de 6,1 Mha.", ("6.1", "MegaHA", "Area"), ("6.1", "HA", "Area")),
    ("million-hectares", "Cereals covered 6.1 million hectares.", ("6.1", "MegaHA", "Area"), ("6.1", "HA", "Area")),
    ("millones-de-hectareas", "6,1 millones de hectáreas", ("6.1", "MegaHA", "Area"), ("6.1", "HA", "Area")),
    ("metric-tons", "13.7 metric tons of CO2", ("13.7", "TONNE", "Mass"), ("13.7", "GigaTONNE", "Mass")),
    ("billion-metric-tons", "13.7 billion metric tons of CO2", ("13.7", "GigaTONNE", "Mass"), ("13.7", "TONNE", "Mass")),
    ("per-kilogram", "Cheese: 23.9 kg CO2e per kilogram", ("23.9", "KiloGM-PER-KiloGM", "MassRatio"), ("23.9", "KiloGM", "Mass")),
    ("por-kilogramo", "El queso emite 23,9 kg CO2e por kilogramo.", ("23.9", "KiloGM-PER-KiloGM", "MassRatio"), ("23.9", "KiloGM", "Mass")),
    ("per-kilo", "Cheese: 23.9 kg CO2e per kilo", ("23.9", "KiloGM-PER-KiloGM", "MassRatio"), ("23.9", "KiloGM", "Mass")),
    ("litros-por-kilogramo", "15.415 litros de agua por kilogramo", ("15415", "L-PER-KiloGM", "SpecificVolume"), ("15415", "L", "Volume")),
    ("m2-per-100-g", "164 m² per 100 g protein", ("164", "M2-PER-HectoGM", "SpecificSurfaceArea"), ("164", "M2", "Area")),
    ("m2-per-100-g-of", "peas 3.4 m² per 100 g of protein", ("3.4", "M2-PER-HectoGM", "SpecificSurfaceArea"), ("3.4", "M2", "Area")),
    ("m2-por-cada-100-g", "3,4 m² por cada 100 g de proteína", ("3.4", "M2-PER-HectoGM", "SpecificSurfaceArea"), ("3.4", "M2", "Area")),
]  # fmt: skip

#: a quantity kind QUDT lacks, declared as the physicist declared it
GRAVITATIONAL_CONSTANT = """@prefix qudt:         <http://qudt.org/schema/qudt/> .
@prefix quantitykind: <http://qudt.org/vocab/quantitykind/> .
@prefix qkdv:         <http://qudt.org/vocab/dimensionvector/> .
@prefix rdfs:         <http://www.w3.org/2000/01/rdf-schema#> .

quantitykind:GravitationalConstant a qudt:QuantityKind ;
    rdfs:label "Gravitational constant"@en ;
    qudt:hasDimensionVector qkdv:A0E0L3I0M-1H0T-2D0 .
"""


def _checked(tmp_path_factory, name: str, languages: tuple[str, ...], cases: list) -> dict[str, list[dict]]:
    """A registry holding the right and the wrong claim of every case; its findings about numbers, by claim."""
    root = new_registry(tmp_path_factory.mktemp(name), languages)
    (root / "claims" / "kinds.ttl").write_text(GRAVITATIONAL_CONSTANT, encoding="utf-8")
    for case, quote, right, wrong in cases:
        for side, (value, unit, kind) in (("right", right), ("wrong", wrong)):
            add_claim(root, f"{case}-{side}", quote, value, unit, quote=quote, kind=kind)
    by_claim: dict[str, list[dict]] = defaultdict(list)
    for finding in findings(root, "CG320", "CG322"):
        by_claim[finding["subject"].rsplit("/", 1)[-1]].append(finding)
    return by_claim


@pytest.fixture(scope="module")
def physics(tmp_path_factory):
    return _checked(tmp_path_factory, "physics", ("en",), PHYSICS)


@pytest.fixture(scope="module")
def agronomy(tmp_path_factory):
    return _checked(tmp_path_factory, "agronomy", ("es", "en"), AGRONOMY)


@pytest.mark.parametrize("case", [case for case, *_ in PHYSICS])
def test_a_physics_unit_after_a_number_is_read_both_ways(physics, case):
    assert physics[f"{case}-right"] == [], physics[f"{case}-right"]
    codes = {finding["code"] for finding in physics[f"{case}-wrong"]}
    assert "CG320" in codes, physics[f"{case}-wrong"]


@pytest.mark.parametrize("case", [case for case, *_ in AGRONOMY])
def test_an_agronomy_unit_after_a_number_is_read_both_ways(agronomy, case):
    assert agronomy[f"{case}-right"] == [], agronomy[f"{case}-right"]
    codes = {finding["code"] for finding in agronomy[f"{case}-wrong"]}
    assert "CG320" in codes, agronomy[f"{case}-wrong"]


def test_the_wrong_claims_message_names_the_unit_read(physics, agronomy):
    # the label parenthesises a denominator of several factors, as QUDT writes W/(m·K)
    # (a claim of 401 W: the number read is of another dimension, and the message says so)
    assert "(numbers read: 401 W/(m·K) (another dimension))" in physics["w-mk-wrong"][0]["message"]
    assert "(numbers read: 210 GPa)" in physics["gpa-wrong"][0]["message"]
    assert "(numbers read: 3.2 t/ha (another dimension))" in agronomy["t-ha-super-wrong"][0]["message"]


# ------------------------------------------------------------------ what the reader reads, and how far


@pytest.mark.parametrize(
    "text, unit",
    [
        ("401 W/(m·K)", "W-PER-M-K"),
        ("3.2 t ha⁻¹", "TONNE-PER-HA"),
        ("150 kg N/ha", "KiloGM-PER-HA"),
        ("164 m² per 100 g of protein", "M2-PER-100-GM"),
        ("5 L per 100 km", "L-PER-100-KiloM"),
        ("1.68 µohm-cm", "MicroOHM-CentiM"),
        ("3 t/ha/yr", "TONNE-PER-HA-YR"),
        ("5 Pg C yr⁻¹", "PetaGM-PER-YR"),
        ("9.81 m/s²", "M-PER-SEC2"),
        ("8.314 J mol⁻¹ K⁻¹", "J-PER-MOL-K"),
        ("6.022 × 10²³ mol⁻¹", "PER-MOL"),
        ("5 t yr⁻²", "TONNE-PER-YR2"),  # any power QUDT's naming rules compose
        ("5 mW", "MilliW"),  # QUDT's symbol as written: a milliwatt, not the megawatt of the table's "mw"
        ("5 Mg ha⁻¹", "MegaGM-PER-HA"),
        ("82.5 short tons", "TON_SHORT"),
    ],
)
def test_a_compound_is_read_whole(text, unit):
    (number,) = [n for n in read_numbers(text, ("en",)).numbers if not n.alternative]
    assert number.unit == UNIT_NS + unit
    assert number.end == len(text.split(" of ")[0])  # the whole compound is the number's, never a part of it


@pytest.mark.parametrize(
    "text, written",
    [
        ("150 bushels per acre", "150 bushels per acre"),  # a bushel weighs what its grain weighs: not converted
        ("12 pints of water", "12 pints"),  # American or imperial (a gallon is read: either gallon)
        ("14 XPa", "14 XPa"),  # a known symbol with a prefix the reader does not know
        ("3 QeV", "3 QeV"),
        ("2 umol", "2 umol"),
        ("3.2 t XJ⁻¹", "3.2 t XJ⁻¹"),  # a power of a symbol not known: not 3.2 t
        ("401 W/(m·XJ)", "401 W/(m·XJ)"),  # not 401 W
        ("401 W·XJ", "401 W·XJ"),
        ("5 kg grain/ha", "5 kg grain/ha"),  # not 5 kg
        ("5 g per 100 XJ", "5 g per 100 XJ"),  # not 5 g and 100
        ("5 m^2", "5 m^2"),
        ("40 pounds per hour", "40 pounds"),  # a mass flow or a wage: not read, as "40 pounds" alone
    ],
)
def test_a_unit_the_reader_cannot_convert_leaves_the_number_stating_no_claim(text, written):
    (number,) = [n for n in read_numbers(text, ("en",)).numbers if not n.alternative]
    assert number.unit == UNIT_NOT_READ
    assert number.written == written
    assert f"{written} (unit not read)" in describe(read_numbers(text, ("en",)))
    # the number is taken for no claim's unit: neither a bare number in it, nor the part of the compound read
    for unit in ("UNITLESS", "TONNE", "W", "KiloGM-PER-HA", "GM", "M2", "LB", "PA"):
        assert not states(Quantity(unit=UNIT_NS + unit, value=number.value, lexical=None), text, ("en",))


@pytest.mark.parametrize(
    "text, value",
    [
        ("the 5 EV chargers", 5),  # acronyms in capitals are no exavolt, petavolt, megaampere
        ("5 PV panels", 5),
        ("95 ML models", 95),  # machine learning's, not megalitres (nor the millilitres "ml" was read as)
        ("45 N latitude", 45),  # a capital alone is read only in a compound ("5 V/m")
        ("5 V battery", 5),
        ("5 A/B tests", 5),
        ("at 5 am", 5),
        ("until 5 pm", 5),
        ("pH 5 as expected", 5),
        ("16 GPUs", 16),
        ("552 t · BLOOM: 25 t", 552),  # a dot with a space after it separates items: no product
    ],
)
def test_words_after_a_number_stay_words(text, value):
    number = read_numbers(text, ("en",)).numbers[0]
    assert number.unit != UNIT_NOT_READ and number.value == value
    assert number.unit in (None, UNIT_NS + "TONNE")


@pytest.mark.parametrize(
    "unit, stated", [("KiloGM-PER-HA", True), ("KiloGM-PER-HA-YR", True), ("KiloGM", False), ("KiloGM-PER-YR", False)]
)
def test_a_rate_per_hectare_and_year_states_the_rate_per_hectare(unit, stated):
    # as "12,000 kWh per year" states 12,000 kWh: the measurand is the yearly rate, its unit per hectare
    assert states(Quantity(unit=UNIT_NS + unit, value=150.0, lexical="150"), "150 kg N ha⁻¹ yr⁻¹", ("en",)) is stated


def test_spanish_ha_before_a_past_participle_is_a_verb_and_leaves_the_year_a_year():
    assert read_numbers("Desde 2015 ha crecido un 3 %.", ("es",)).values() == [3.0]
    (number,) = read_numbers("5 ha cultivadas", ("es",)).numbers
    assert number.unit == UNIT_NS + "HA"


# ------------------------------------------------------------------ claimgraph units


@pytest.mark.parametrize(
    "typed, name",
    [
        ("\u00b5m", "MicroM"),
        ("\u00b5\u03a9", "MicroOHM"),
        ("\u00b5s", "MicroSEC"),
        ("g/cm3", "GM-PER-CentiM3"),
        ("ohm cm", "OHM-CentiM"),
        ("lb/acre", "LB-PER-AC"),
        ("Mha", "MegaHA"),
        ("W/(m·K)", "W-PER-M-K"),
        ("t ha-1", "TONNE-PER-HA"),
    ],
)
def test_units_finds_the_unit_as_a_user_types_it(typed, name):
    result = run_cli("units", typed, "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)[0]["name"] == name


def test_units_with_the_micro_sign_lists_what_the_greek_mu_lists():
    for typed in ("m", "s"):
        sign = [row["name"] for row in json.loads(run_cli("units", "\u00b5" + typed, "--format", "json").out)]
        mu = [row["name"] for row in json.loads(run_cli("units", "\u03bc" + typed, "--format", "json").out)]
        assert sign == mu and len(sign) > 1
    assert unit_written("\u00b5s") == UNIT_NS + "MicroSEC"
