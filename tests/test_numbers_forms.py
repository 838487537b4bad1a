"""Forms of numbers two new users' trials found misread (a physicist's registry, a Spanish agronomist's), each checked
by the real ``check`` on a registry made as a user makes one, a wrong claim (CG320) beside a right one (none):

* an uncertainty was read as a value: "210 ± 5 GPa" stated a claim of 5 GPa, "1.2345(67) eV" one of 67 eV;
* decimals grouped by threes (SI, CODATA) were read as several numbers, the power of ten on the last:
  "6.022 140 76 × 10²³" stated 7.6 × 10²⁴ and not 6.022 140 76 × 10²³;
* a temperature in another scale was also read as a difference whatever the claim's quantity kind: "933.5 K"
  stated a melting point of 933.5 °C;
* Spanish fractions naming a part were not read ("tres cuartas partes", "una cuarta parte", "la tercera parte"),
  nor Portuguese and Italian fractions, nor German, French and English ones with a numerator ("zwei Fünftel" was
  read as a fifth).
"""

from __future__ import annotations


import pytest

from claimgraph.numbers_in_text import describe, read_numbers, states
from claimgraph.quantities import QUANTITYKIND_NS, UNIT_NS, Quantity, temperature_reading

from .made_registries import add_turtle, findings, new_claim, new_registry, quotes_not_stating

# (claim id, quote, value (two numbers: a range), unit, quantity kind, does the quote state the value?)
PHYSICS = [
    # 1. an uncertainty is no value; the value and the interval it spans are
    ("pm_wrong", "E = 210 ± 5 GPa", "5", "GigaPA", "ModulusOfElasticity", False),
    ("pm_right", "E = 210 ± 5 GPa", "210", "GigaPA", "ModulusOfElasticity", True),
    ("pm_interval", "E = 210 ± 5 GPa", "205 215", "GigaPA", "ModulusOfElasticity", True),
    ("pm_wider_interval", "E = 210 ± 5 GPa", "200 220", "GigaPA", "ModulusOfElasticity", False),
    ("pm_bound", "E = 210 ± 5 GPa", "215", "GigaPA", "ModulusOfElasticity", False),
    ("ascii_wrong", "E = 210 +/- 5 GPa", "5", "GigaPA", "ModulusOfElasticity", False),
    ("ascii_right", "E = 210 +/- 5 GPa", "210", "GigaPA", "ModulusOfElasticity", True),
    ("bracket_wrong", "E = (210 ± 5) GPa", "5", "GigaPA", "ModulusOfElasticity", False),
    ("bracket_right", "E = (210 ± 5) GPa", "210", "GigaPA", "ModulusOfElasticity", True),
    ("bare_wrong", "Si (crystalline cell) 26.8 ± 0.4", "0.4", "PERCENT", "DimensionlessRatio", False),
    ("bare_right", "Si (crystalline cell) 26.8 ± 0.4", "26.8", "PERCENT", "DimensionlessRatio", True),
    ("after_unit_wrong", "an efficiency of 26.8 % ± 0.4 %", "0.4", "PERCENT", "DimensionlessRatio", False),
    ("after_unit_right", "an efficiency of 26.8 % ± 0.4 %", "26.8", "PERCENT", "DimensionlessRatio", True),
    ("power_wrong", "a strain of (6.9 ± 0.3) × 10⁻³", "0.0003", "UNITLESS", "Dimensionless", False),
    ("power_right", "a strain of (6.9 ± 0.3) × 10⁻³", "0.0069", "UNITLESS", "Dimensionless", True),
    ("concise_wrong", "Eg = 1.2345(67) eV", "67", "EV", "GapEnergy", False),
    ("concise_right", "Eg = 1.2345(67) eV", "1.2345", "EV", "GapEnergy", True),
    ("concise_interval", "Eg = 1.2345(67) eV", "1.2278 1.2412", "EV", "GapEnergy", True),
    ("proton_29", "m_p c² = 938.272 088 16(29) MeV", "29", "MegaEV", "Energy", False),
    ("proton_16", "m_p c² = 938.272 088 16(29) MeV", "16", "MegaEV", "Energy", False),
    ("proton_right", "m_p c² = 938.272 088 16(29) MeV", "938.27208816", "MegaEV", "Energy", True),
    # 2. decimals grouped by threes are one number; the power of ten multiplies the whole of it
    ("avogadro_wrong", "N_A = 6.022 140 76 × 10²³ mol⁻¹", "7.6e24", "PER-MOL", "InverseAmountOfSubstance", False),
    ("avogadro_140", "N_A = 6.022 140 76 × 10²³ mol⁻¹", "140", "PER-MOL", "InverseAmountOfSubstance", False),
    ("avogadro_right", "N_A = 6.022 140 76 × 10²³ mol⁻¹", "6.02214076e23", "PER-MOL", "InverseAmountOfSubstance", True),
    ("charge_wrong", "elementary charge e 1.602 176 634 × 10−19 C (exact)", "1602", "C", "ElectricCharge", False),
    (
        "charge_right",
        "elementary charge e 1.602 176 634 × 10−19 C (exact)",
        "1.602176634e-19",
        "C",
        "ElectricCharge",
        True,
    ),
    ("alpha_wrong", "α⁻¹ = 137.035 999 084", "999084", "UNITLESS", "Dimensionless", False),
    ("alpha_head", "α⁻¹ = 137.035 999 084", "137035", "UNITLESS", "Dimensionless", False),
    ("alpha_right", "α⁻¹ = 137.035 999 084", "137.035999084", "UNITLESS", "Dimensionless", True),
    ("gravitation_30", "G = 6.674 30(15) × 10−11 in SI units", "30", "UNITLESS", "Dimensionless", False),
    ("gravitation_right", "G = 6.674 30(15) × 10−11 in SI units", "6.67430e-11", "UNITLESS", "Dimensionless", True),
    ("thin_space", "N_A = 6.022\u2009140\u200976 × 10²³", "6.02214076e23", "PER-MOL", "InverseAmountOfSubstance", True),
    ("narrow_space", "N_A = 6.022\u202f140\u202f76 × 10²³", "7.6e24", "PER-MOL", "InverseAmountOfSubstance", False),
    # 3. a temperature in another scale is read as the claim's quantity kind says
    ("melting_wrong", "melting point 933.5 K", "933.5", "DEG_C", "MeltingPoint", False),
    ("melting_right", "melting point 933.5 K", "660.35", "DEG_C", "MeltingPoint", True),
    ("celsius_wrong", "aluminium melts at 660.3 °C", "660.3", "K", "ThermodynamicTemperature", False),
    ("celsius_right", "aluminium melts at 660.3 °C", "933.45", "K", "ThermodynamicTemperature", True),
    ("temperature_wrong", "a surface at 288 K", "288", "DEG_C", "Temperature", False),
    ("temperature_right", "a surface at 288 K", "14.85", "DEG_C", "Temperature", True),
    ("warming_right", "a warming of 1.1 °C", "1.1", "K", "TemperatureDifference", True),
    ("warming_wrong", "a warming of 1.1 °C", "274.25", "K", "TemperatureDifference", False),
]

FRACTIONS = [
    # Spanish, as the agronomist's trial wrote them
    ("es_tres_cuartas", "las tres cuartas partes del agua", "75", False),
    ("es_tres_cuartas_wrong", "las tres cuartas partes del agua", "25", True),
    ("es_una_cuarta", "una cuarta parte de las emisiones", "25", False),
    ("es_una_cuarta_wrong", "una cuarta parte de las emisiones", "75", True),
    ("es_tercera", "la tercera parte del riego", "33.3", False),
    ("es_tercera_wrong", "la tercera parte del riego", "30", True),
    ("es_dos_terceras", "dos terceras partes de la superficie", "66.7", False),
    ("es_quinta", "la quinta parte de la cosecha", "20", False),
    ("es_quinta_wrong", "la quinta parte de la cosecha", "50", True),
    ("es_decima", "una décima parte del suelo", "10", False),
    ("es_decima_wrong", "una décima parte del suelo", "1", True),
    ("es_dos_quintos", "dos quintos del total", "40", False),
    # Portuguese
    ("pt_tres_quartos", "três quartos da energia", "75", False),
    ("pt_tres_quartos_wrong", "três quartos da energia", "3", True),
    ("pt_um_terco", "um terço das emissões", "33.3", False),
    ("pt_duas_tercas", "duas terças partes da área", "66.7", False),
    ("pt_metade", "a metade da água", "50", False),
    # Italian
    ("it_tre_quarti", "tre quarti dell'energia", "75", False),
    ("it_tre_quarti_wrong", "tre quarti dell'energia", "25", True),
    ("it_un_terzo", "un terzo delle emissioni", "33.3", False),
    ("it_due_terzi", "due terzi della superficie", "66.7", False),
    ("it_meta", "la metà dell'acqua", "50", False),
    # German: "zwei Fünftel" is two fifths, no longer a fifth
    ("de_drei_viertel", "drei Viertel des Stroms", "75", False),
    ("de_ein_drittel", "ein Drittel des Stroms", "33.3", False),
    ("de_zwei_fuenftel", "zwei Fünftel des Stroms", "40", False),
    ("de_zwei_fuenftel_wrong", "zwei Fünftel des Stroms", "20", True),
    # French and English
    ("fr_trois_quarts", "les trois quarts des émissions", "75", False),
    ("fr_le_quart", "le quart des émissions", "25", False),
    ("fr_trois_cinquiemes", "trois cinquièmes des émissions", "60", False),
    ("en_two_fifths", "two fifths of the energy", "40", False),
    ("en_two_fifths_wrong", "two fifths of the energy", "20", True),
]


@pytest.fixture(scope="module")
def physics_cg320(tmp_path_factory) -> set[str]:
    return quotes_not_stating(new_registry(tmp_path_factory.mktemp("physics"), ("en",)), PHYSICS)


@pytest.fixture(scope="module")
def fractions_cg320(tmp_path_factory) -> set[str]:
    shares = [(claim_id, quote, value, "PERCENT", "DimensionlessRatio") for claim_id, quote, value, _ in FRACTIONS]
    return quotes_not_stating(new_registry(tmp_path_factory.mktemp("fractions"), ("es", "en")), shares)


@pytest.mark.parametrize("claim_id, quote, value, unit, kind, stated", PHYSICS, ids=[c[0] for c in PHYSICS])
def test_a_physics_quote_states_what_it_says(physics_cg320, claim_id, quote, value, unit, kind, stated):
    assert (claim_id in physics_cg320) is not stated, (quote, value, unit, kind)


@pytest.mark.parametrize("claim_id, quote, value, wrong", FRACTIONS, ids=[c[0] for c in FRACTIONS])
def test_a_fraction_in_words_states_its_share(fractions_cg320, claim_id, quote, value, wrong):
    assert (claim_id in fractions_cg320) is wrong, (quote, value)


def test_a_statement_is_read_as_a_quote_is(tmp_path):
    """CG322 reads the claim's own words with the same reader: the uncertainty, the grouped decimals and the
    temperature of a melting point."""
    root = new_registry(tmp_path, ("en",))
    for claim_id, words, value, unit, kind in [
        ("uncertainty", "E = 210 ± 5 GPa", "5", "GigaPA", "ModulusOfElasticity"),
        ("grouping", "N_A = 6.022 140 76 × 10²³ mol⁻¹", "7.6e24", "PER-MOL", "InverseAmountOfSubstance"),
        ("melting", "Aluminium melts at 933.5 K.", "933.5", "DEG_C", "MeltingPoint"),
        ("right", "Aluminium melts at 933.5 K, E = 70 ± 1 GPa.", "660.35", "DEG_C", "MeltingPoint"),
    ]:
        added = new_claim(root, claim_id, "--statement", words, "--value", value, "--unit", unit, kind=kind)
        assert added.code == 0, added.err
    found = {f["subject"].rsplit("/", 1)[-1]: f["message"] for f in findings(root, "CG322")}
    assert set(found) == {"uncertainty", "grouping", "melting"}, found
    assert "(numbers read: 210 ± 5 GPa)" in found["uncertainty"]  # the unit after the uncertainty is the value's
    assert "(numbers read: 6.02214076 × 10²³ /mol)" in found["grouping"]


_NO_KIND = """
measurand:nokind a cg:Measurand ; rdfs:label "no kind" ; cg:about system:s .
claim:{id} a cg:QuantitativeClaim ; cg:statement "See the quote."@en ; cg:measurand measurand:nokind ;
  cg:value [ qudt:numericValue {value} ; qudt:unit unit:K ] ; cg:cites source:Doe2021 ;
  cg:citedQuote [ a cg:SourceQuote ; cg:inSource source:Doe2021 ; oa:exact "a warming of 1.1 °C" ; cg:locator "p. 1" ] ;
  cg:status status:unverified ; cg:statusNote "n"@en .
"""


def test_a_temperature_against_a_claim_of_no_kind_is_read_both_ways(tmp_path):
    """A measurand that names no quantity kind does not say whether 1.1 °C is a temperature or a difference: either
    reading states the claim (1.1 K and 274.25 K), no other (5 K)."""
    root = new_registry(tmp_path, ("en",))
    add_claim_kind = new_claim(root, "s-anchor", "--statement", "s", "--value", "1", "--unit", "K", kind="Temperature")
    assert add_claim_kind.code == 0, add_claim_kind.err  # (the system "s" the measurand is about)
    for claim_id, value in (("difference", "1.1"), ("temperature", "274.25"), ("neither", "5")):
        add_turtle(root, _NO_KIND.format(id=claim_id, value=value))
    assert {f["subject"].rsplit("/", 1)[-1] for f in findings(root, "CG320")} == {"neither"}


# ------------------------------------------------------------------ the reader itself


@pytest.mark.parametrize(
    ("text", "value", "uncertainty"),
    [
        ("E = 210 ± 5 GPa", 210.0, 5.0),
        ("E = 210±5 GPa", 210.0, 5.0),
        ("E = 210 +/- 5 GPa", 210.0, 5.0),
        ("E = 210 +- 5 GPa", 210.0, 5.0),
        ("E = (210 ± 5) GPa", 210.0, 5.0),
        ("E = 210 GPa ± 5 GPa", 210.0, 5.0),
        ("E = 210 GPa ± 2 %", 210.0, 4.2),  # a percentage of a value in another unit is relative
        ("26.8 ± 0.4", 26.8, 0.4),
        ("(6.9 ± 0.3) × 10⁻³", 0.0069, 0.0003),
        ("4.6 ± 0.3 million", 4.6e6, 3e5),
        ("1.2345(67) eV", 1.2345, 0.0067),
        ("938.272 088 16(29) MeV", 938.27208816, 2.9e-7),
        ("6.674 30(15) × 10−11", 6.6743e-11, 1.5e-15),
        ("1.234 567 ± 0.000 002", 1.234567, 2e-6),
    ],
)
def test_an_uncertainty_belongs_to_its_value(text, value, uncertainty):
    (number,) = [n for n in read_numbers(text).numbers if not n.alternative]
    assert number.value == pytest.approx(value)
    assert number.uncertainty == pytest.approx(uncertainty)


def test_an_uncertainty_is_shown_with_its_value():
    assert describe(read_numbers("E = 210 ± 5 °C")) == "210 ± 5 °C"
    assert describe(read_numbers("Eg = 1.2345(67)")) == "1.2345 ± 0.0067"


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("N_A = 6.022 140 76 × 10²³ mol⁻¹", [6.02214076e23]),
        ("1.602 176 634 × 10−19 C", [1.602176634e-19]),
        ("α⁻¹ = 137.035 999 084", [137.035999084]),
        ("h = 6.626\u00a0070\u00a015 × 10⁻³⁴", [6.62607015e-34]),
        ("9.109 383 7015(28) × 10−31 kg", [9.1093837015e-31]),  # NIST's last group of four
        ("1.380 649 × 10−23", [1.380649e-23]),
        ("12 345.678 901 2", [12345.6789012]),
        ("6,022 140 76 × 10²³", [6.02214076e23]),  # a decimal comma
        ("π = 3.141\u2009592", [3.141592]),  # thin spaces group, never part cells
        ("6\u2009022 atoms", [6022.0]),  # a thin space groups an integer too
        ("433 196 kWh", [433196.0]),  # as before
        # two groups alone may be two cells of a table copied without its separators: read as before
        ("GPT-3 | x 1.287 552", [1.287, 552.0]),
        ("0.845 12 months", [0.845, 12.0]),
        ("0,250 0,500", [0.25, 0.5]),
    ],
)
def test_decimals_grouped_by_threes_are_one_number(text, values):
    assert read_numbers(text, ("en",)).values() == pytest.approx(values)


def test_a_plus_minus_without_a_value_before_it_is_no_uncertainty():
    (number,) = read_numbers("accurate to ±5 %").numbers
    assert (number.value, number.uncertainty) == (5.0, 0.0)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("las tres cuartas partes", 0.75),
        ("una cuarta parte", 0.25),
        ("la tercera parte", 1 / 3),
        ("dos terceras partes", 2 / 3),
        ("la quinta parte", 0.2),
        ("una décima parte", 0.1),
        ("les trois quarts", 0.75),
        ("três quartos", 0.75),
        ("um terço", 1 / 3),
        ("a terça parte", 1 / 3),
        ("tre quarti", 0.75),
        ("un terzo", 1 / 3),
        ("la terza parte", 1 / 3),
        ("drei Viertel", 0.75),
        ("ein Drittel", 1 / 3),
        ("zwei Fünftel", 0.4),
        ("three tenths", 0.3),
    ],
)
def test_fractions_in_words(text, value):
    assert read_numbers(text).values() == pytest.approx([value])


K, DEG_C = UNIT_NS + "K", UNIT_NS + "DEG_C"


@pytest.mark.parametrize(
    ("value", "unit", "text", "difference", "stated"),
    [
        ("933.5", DEG_C, "933.5 K", False, False),  # a temperature: 933.5 K is 660.35 °C
        ("660.35", DEG_C, "933.5 K", False, True),
        ("933.5", DEG_C, "933.5 K", None, True),  # the kind does not say: either reading
        ("1.1", K, "a warming of 1.1 °C", True, True),
        ("274.25", K, "a warming of 1.1 °C", True, False),  # a difference has no offset
        ("274.25", K, "a warming of 1.1 °C", False, True),
        ("274.25", K, "a warming of 1.1 °C", None, True),
    ],
)
def test_a_temperature_is_read_as_the_claims_kind_says(value, unit, text, difference, stated):
    quantity = Quantity(unit=unit, value=float(value), lexical=value)
    assert states(quantity, text, difference=difference) is stated
    assert states(quantity, text, text_rounding=True, difference=difference) is stated


@pytest.mark.parametrize(
    ("kind", "reading"),
    [
        ("TemperatureDifference", True),
        ("MeltingPoint", False),
        ("ThermodynamicTemperature", False),
        ("Temperature", False),
        ("CelsiusTemperature", False),
        ("Energy", None),
        (None, None),
    ],
)
def test_which_kinds_say_a_temperature_is_a_difference(kind, reading):
    assert temperature_reading(QUANTITYKIND_NS + kind if kind else None) is reading


def test_a_range_is_stated_by_a_value_and_its_uncertainty_only_whole():
    def gpa(low: float, high: float) -> Quantity:
        return Quantity(unit=UNIT_NS + "GigaPA", lower=low, upper=high)

    assert states(gpa(205, 215), "E = 210 ± 5 GPa")
    assert not states(gpa(205, 220), "E = 210 ± 5 GPa")
    assert not states(Quantity(unit=UNIT_NS + "GigaPA", value=205.0, lexical="205"), "E = 210 ± 5 GPa")


@pytest.mark.parametrize("separator", ["\u2009", "\u00a0", "\u202f"])
def test_the_words_looked_back_at_stay_few_in_a_text_without_plain_spaces(separator):
    # digits grouped by thin or no-break spaces, 16,000 characters with no plain space: every number looked back
    # to the start of the text for a word boundary (reading such a quote took seconds, growing with its square)
    from claimgraph.numbers_in_text import _before

    text = ("6" + separator) * 8000
    assert len(_before(text, len(text) - 1)) <= 48 + 64
    assert _before("in 2019 the grid used 5 TWh", 22) == "in 2019 the grid used "  # a short text: all of it
    spaced = "word " * 40 + "5 TWh"
    assert _before(spaced, len(spaced) - 5).startswith("word ")  # a cut word is taken whole where a space is near
    # and the numbers are still all read
    assert len(read_numbers(("6" + separator) * 300 + "7", ("de", "en")).numbers) >= 1
