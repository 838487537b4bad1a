"""Defects a third user's trial found in reading numbers, each run through the real commands on a registry made
by ``claimgraph init``, ``new source`` and ``new claim`` as a user makes one, and in the reader itself:

1. a unit the reader did not know (MtCO2, GtCO2, EJ, PWh, Mtoe…) left a bare number, taken in the claim's
   unit: "918 MtCO2" stated a claim of 918 t; now they are read, and a unit-like symbol it still does not
   know ("14 XJ", "5 MtFOO") leaves the number's unit *not read*: it matches no claim;
2. "billion" was also read as 10¹² in an English-only registry;
3. "twofold", "a two-fold increase", "by a factor of three", "quintupled" were not read;
4. rates: "120 TWh/yr" (yr unknown), "120 TWh a year", "1.8 L of water per kWh", "0.077 kWh per hour of
   video", "90 gCO2 per room-night" (a denominator the reader does not read; "per passenger-km" was one, now
   read per km: tests/test_numbers_transport.py);
5. "2 500" was also read as 500, "415 TWh (1)" as 1 TWh, "in 2024.3" as 2024.3;
6. CG351 showed Python's "(34, 'Numerical result out of range')";
7. unit:TeraW-HR-PER-YR was shown "TWh/years".
"""

from __future__ import annotations

import json

import pytest

from claimgraph.numbers_in_text import UNIT_NOT_READ, describe, read_numbers, states, unit_written
from claimgraph.quantities import UNIT_NS, unit_label, unit_symbol

from .conftest import run_cli
from .made_registries import add_claim, findings, new_claim, new_registry, number_findings
from .made_registries import figure as q


def one(text: str, languages: tuple[str, ...] = ("en",)):
    (number,) = [n for n in read_numbers(text, languages).numbers if not n.alternative]
    return number


# ------------------------------------------------------------------ 1. units of emissions and energy statistics


@pytest.mark.parametrize(
    "text, unit",
    [
        ("aviation emitted 918 MtCO2", "MegaTONNE"),
        ("918 MtCO₂", "MegaTONNE"),
        ("918 MtCO₂e", "MegaTONNE"),
        ("918 MtCO2eq", "MegaTONNE"),
        ("918 MtCO₂-eq", "MegaTONNE"),
        ("3.5 GtCO2", "GigaTONNE"),
        ("12 ktCO2", "KiloTONNE"),
        ("5 tCO₂", "TONNE"),
        ("400 gCO₂e", "GM"),
        ("14 EJ", "ExaJ"),
        ("14 exajoules", "ExaJ"),
        ("3 PWh", "PetaW-HR"),
        ("12 Mtoe", "MegaTOE"),
        ("12 ktoe", "KiloTOE"),
        ("12 toe", "TOE"),
        ("20,4 kilotonnes", "KiloTONNE"),
        ("3 terawatt-hours", "TeraW-HR"),
        ("2.5 GHz", "GigaHZ"),
        ("1,600 MWe", "MegaW"),
    ],
)
def test_units_of_emissions_and_energy_statistics_are_read(text, unit):
    assert one(text, ("en", "fr")).unit == UNIT_NS + unit


@pytest.mark.parametrize(
    "text", ["14 XJ", "5 MtFOO", "5 PgC", "2 MtCH4", "3 EB", "5 GWth", "3 ZWh", "90 gCO2 per room-night"]
)
def test_a_unit_symbol_the_reader_does_not_know_leaves_the_unit_not_read(text):
    number = one(text)
    assert number.unit == UNIT_NOT_READ
    assert number.written == text  # the symbol (and a rate's denominator) is the number's
    # taken for no claim's unit: neither a bare number in the claim's unit, nor any other
    for unit in ("PetaJ", "TONNE", "UNITLESS", "MegaTONNE", "GM-PER-KiloM"):
        assert not states(q(float(text.split()[0]), unit), text, ("en",))
    assert "(unit not read)" in describe(read_numbers(text, ("en",)))


@pytest.mark.parametrize(
    "text, value",
    [
        ("the 5 people", 5),
        ("16 GPUs", 16),
        ("400 LLM évalués", 400),
        ("5 models were trained", 5),
        ("rose by 5 pt", 5),
        ("0.34 Wh per query", 0.34),  # a count under "per" leaves the numerator's unit
        ("12 At the same time", 12),
    ],
)
def test_words_after_a_number_are_no_unit_symbol(text, value):
    number = one(text)
    assert number.unit != UNIT_NOT_READ and number.value == value


@pytest.mark.parametrize(
    "quote, value, unit, kind, wrong",
    [
        ("In 2019 aviation emitted 918 MtCO2.", "918", "TONNE", "Mass", True),
        ("In 2019 aviation emitted 918 MtCO2.", "918", "MegaTONNE", "Mass", False),
        ("Data centres used 14 EJ of energy.", "14", "PetaJ", "Energy", True),
        ("Data centres used 14 EJ of energy.", "14", "ExaJ", "Energy", False),
        ("Emissions reached 3.5 GtCO2.", "3.5", "KiloTONNE", "Mass", True),
        ("Emissions reached 3.5 GtCO2.", "3.5", "GigaTONNE", "Mass", False),
        ("Demand was 3 PWh.", "3", "TeraW-HR", "Energy", True),
        ("Demand was 12 Mtoe.", "12", "KiloTOE", "Energy", True),
        ("Demand was 12 Mtoe.", "12", "MegaTOE", "Energy", False),
        ("The plant made 14 XJ.", "14", "PetaJ", "Energy", True),
        ("The plant made 5 MtFOO.", "5", "MegaTONNE", "Mass", True),
    ],
)
def test_a_claim_in_the_wrong_scale_of_its_quoted_unit_is_caught(tmp_path, quote, value, unit, kind, wrong):
    root = new_registry(tmp_path, ("en",))
    add_claim(root, "c1", quote, value, unit, quote=quote, kind=kind)
    found = number_findings(root)
    assert ({code for code, _ in found} == {"CG320", "CG322"}) is wrong, found
    if wrong and ("XJ" in quote or "FOO" in quote):
        assert any("(unit not read)" in message for _, message in found), found


def test_units_finds_the_units_of_emissions_and_of_a_yearly_amount():
    for written, local in (
        ("MtCO2", "MegaTONNE"),
        ("GtCO₂e", "GigaTONNE"),
        ("EJ", "ExaJ"),
        ("TWh/yr", "TeraW-HR-PER-YR"),
    ):
        result = run_cli("units", written, "--format", "json")
        assert result.code == 0, result.err
        assert local in [row["name"] for row in json.loads(result.out)], result.out
    assert unit_written("MtCO2") == UNIT_NS + "MegaTONNE"
    assert unit_written("kWh/room-night") is None and unit_written("XJ") is None  # not read: no unit


# ------------------------------------------------------------------ 2. billion in an English registry


def test_billion_is_the_short_scale_alone_in_an_english_registry():
    assert one("1.3 billion", ("en",)).readings == (1.3e9,)
    assert one("1.3 billion", ("en", "fr")).readings == (1.3e9, 1.3e12)  # the quote may be French
    assert one("1,3 billion", ("fr",)).readings == (1.3e12, 1.3e9)
    assert one("1.3 trillion", ("en",)).readings == (1.3e12,)
    assert one("1,3 milliard", ("en",)).readings == (1.3e9,)


@pytest.mark.parametrize(
    "languages, value, wrong",
    [(("en",), "1.3e12", True), (("en",), "1.3e9", False), (("en", "fr"), "1.3e12", False)],
)
def test_a_long_scale_billion_claim_is_caught_in_an_english_registry(tmp_path, languages, value, wrong):
    root = new_registry(tmp_path, languages)
    text = "Models answered 1.3 billion queries."
    add_claim(root, "c1", text, value, "NUM", quote=text, kind="Count")
    codes = {code for code, _ in number_findings(root)}
    assert (codes == {"CG320", "CG322"}) is wrong, codes


# ------------------------------------------------------------------ 3. multipliers in words


@pytest.mark.parametrize(
    "text, factor",
    [
        ("emissions rose twofold", 2),
        ("a two-fold increase", 2),
        ("a threefold rise", 3),
        ("fourfold", 4),
        ("fivefold", 5),
        ("sixfold", 6),
        ("sevenfold", 7),
        ("eightfold", 8),
        ("ninefold", 9),
        ("a three fold rise", 3),
        ("by a factor of three", 3),
        ("by a factor of ten", 10),
        ("quintupled", 5),
        ("sextupled", 6),
        ("tripled", 3),
        ("doubled", 2),
        ("tenfold", 10),
        ("30-fold", 30),
    ],
)
def test_fold_words_and_factors_are_read_as_multipliers(text, factor):
    number = one(text)
    assert number.value == factor and number.unit == UNIT_NS + "UNITLESS"


@pytest.mark.parametrize(
    "text, factor",
    [("la demande a triplé", 3), ("multiplié par trois", 3), ("a quintuplé", 5), ("d'un facteur trois", 3)],
)
def test_french_multipliers_are_read(text, factor):
    assert one(text, ("fr",)).value == factor


def test_a_fall_by_a_factor_is_also_its_inverse():
    assert 1 / 3 in one("emissions were reduced by a factor of three").readings
    assert 1 / 3 not in one("emissions grew by a factor of three").readings


@pytest.mark.parametrize(
    "text", ["Emissions rose sixfold.", "Emissions rose by a factor of six.", "Emissions sextupled."]
)
def test_a_multiplier_in_words_states_its_claim(tmp_path, text):
    root = new_registry(tmp_path, ("en",))
    add_claim(root, "c1", text, "6", "UNITLESS", quote=text, kind="DimensionlessRatio")
    add_claim(root, "c2", text, "7", "UNITLESS", quote=text, kind="DimensionlessRatio")
    found = findings(root, "CG320", "CG322")
    # c2 only: c1's six is read
    assert sorted((f["code"], f["subject"].rsplit("/", 1)[-1]) for f in found) == [("CG320", "c2"), ("CG322", "c2")]


# ------------------------------------------------------------------ 4. rates


@pytest.mark.parametrize(
    "text, unit",
    [
        ("120 TWh/yr", "TeraW-HR-PER-YR"),
        ("120 TWh/a", "TeraW-HR-PER-YR"),
        ("120 TWh a year", "TeraW-HR-PER-YR"),
        ("120 TWh per yr", "TeraW-HR-PER-YR"),
        ("1.8 L of water per kWh", "L-PER-KiloW-HR"),
        ("2 L d'eau par kWh", "L-PER-KiloW-HR"),
        ("0.077 kWh per hour of video", "KiloW-HR-PER-HR"),
    ],
)
def test_rates_are_read(text, unit):
    assert one(text, ("en", "fr")).unit == UNIT_NS + unit


# ("2 g per 100km" was here: a count glued to a unit the reader reads is now a rate's denominator, g per 100 km)
@pytest.mark.parametrize("text", ["90 gCO2 per room-night", "120 TWh/y", "5 kg per ft²", "3 kWh/XJ", "2 g per 100 XJ"])
def test_a_rate_whose_denominator_is_not_read_has_no_unit_read(text):
    assert one(text).unit == UNIT_NOT_READ


@pytest.mark.parametrize(
    "text, unit",
    # ("5 L per 100 km" was here, read as 5 L: 100 km is no count but a count and a unit, a rate's denominator)
    [
        ("3 Wh per 1,000 queries", "W-HR"),
        ("5 L per 100 cars", "L"),
        ("5 Wh/req", "W-HR"),
        ("2 kg per capita", "KiloGM"),
    ],
)
def test_a_count_under_per_leaves_the_numerators_unit(text, unit):
    assert read_numbers(text, ("en",)).numbers[0].unit == UNIT_NS + unit


@pytest.mark.parametrize(
    "claim_unit, value, text, stated",
    [
        ("TeraW-HR-PER-YR", 120, "120 TWh/yr", True),
        ("TeraW-HR-PER-YR", 120, "120 TWh a year", True),
        ("TeraW-HR", 120, "120 TWh/yr", True),  # a yearly amount states its amount, as "12,000 kWh per year"
        ("TeraW-HR", 120, "120 TWh/y", False),  # "y" is not read: the unit is unknown, no silent match
        ("L-PER-KiloW-HR", 1.8, "1.8 L of water per kWh", True),
        ("L", 1.8, "1.8 L of water per kWh", False),
        ("KiloW-HR", 0.077, "0.077 kWh per hour of video", True),  # an amount per hour of an activity
        ("KiloW-HR-PER-HR", 0.077, "0.077 kWh per hour of video", True),
        ("KiloW-HR", 12, "12 kWh per hour", False),  # an hour alone is no activity: a power
        # a passenger-km is a count times a kilometre: read per km, its count dropped as "per query" drops its own
        # (the transport trial); a denominator not read at all states nothing
        ("GM-PER-KiloM", 90, "90 gCO2 per passenger-km", True),
        ("GM", 90, "90 gCO2 per passenger-km", False),
        ("GM-PER-KiloM", 90, "90 gCO2 per room-night", False),
        ("GM", 90, "90 gCO2 per room-night", False),
    ],
)
def test_a_rate_states_what_it_says_and_nothing_of_another_dimension(claim_unit, value, text, stated):
    assert states(q(value, claim_unit), text, ("en",)) is stated


def test_a_yearly_rate_quoted_with_yr_states_its_claim(tmp_path):
    root = new_registry(tmp_path, ("en",))
    text = "Data centres consume 120 TWh/yr."
    add_claim(root, "c1", text, "120", "TeraW-HR-PER-YR", quote=text, kind="Power")
    add_claim(root, "c2", text, "120", "PetaW-HR-PER-YR", quote=text, kind="Power")
    found = number_findings(root)
    assert {c for c, _ in found} == {"CG320", "CG322"} and all("120 PWh/yr" in m for _, m in found), found
    assert any("120 TWh/yr" in m for _, m in found), found  # what was read, with its unit as people write it


# ------------------------------------------------------------------ 5. groups and footnote calls


def test_a_short_first_group_is_one_number_never_two_cells():
    numbers = read_numbers("2 500 people", ("en",)).numbers
    assert [(n.value, n.alternative) for n in numbers] == [(2500.0, False)]
    assert not states(q(500, "NUM"), "2 500 people", ("en",))
    # three-digit groups are still also read as cells
    assert {n.value for n in read_numbers("280 450 450", ("en",)).numbers} >= {280.0, 450.0}


@pytest.mark.parametrize(
    "text, values",
    [
        ("consumption reached 415 TWh (1)", [415.0]),
        ("415 TWh (1) in the world", [415.0]),
        ("habitants (2).", []),
        ("habitants (2) et", [2.0]),  # inside a clause after a word: may be a count, left a number
        ("trained on GPUs (8) for", [8.0]),
        ("the number rose in 2024.3", []),
        ("it rose in 2024.3, as", []),
        ("growth of 2024.3 MWh", [2024.3]),
        ("costs (5 %)", [5.0]),
        ("(3 kWh)", [3.0]),
    ],
)
def test_footnote_calls_after_a_unit_or_a_year_are_no_quantity(text, values):
    assert read_numbers(text, ("en",)).values() == values


@pytest.mark.parametrize(
    "quote, value, unit, wrong",
    [
        ("About 2 500 people work there.", "500", "NUM", True),
        ("About 2 500 people work there.", "2500", "NUM", False),
        ("Consumption reached 415 TWh (1).", "1", "TeraW-HR", True),
        ("It was first released in 2024.3", "2024.3", "NUM", True),
    ],
)
def test_groups_and_footnote_calls_in_a_registry(tmp_path, quote, value, unit, wrong):
    root = new_registry(tmp_path, ("en",))
    add_claim(root, "c1", quote, value, unit, quote=quote, kind="Energy" if unit == "TeraW-HR" else "Count")
    codes = {code for code, _ in number_findings(root)}
    assert ("CG320" in codes) is wrong, codes  # a statement printing no number at all is no CG322


# ------------------------------------------------------------------ 6. CG351 in words


def test_an_overflowing_derivation_is_said_in_words(tmp_path):
    root = new_registry(tmp_path, ("en",))
    added = new_claim(
        root, "g1", "--statement", "It grows a lot.", "--value", "2", "--unit", "UNITLESS",
        "--derived-by", "compoundGrowth", "--operands", "1e6", "1e6", kind="DimensionlessRatio",
    )  # fmt: skip
    # new claim refuses what would bring a new error, and says why in check's words
    assert added.code == 1 and "CG351: derivation cannot be evaluated: its result is too large to compute" in added.err
    assert "Numerical result" not in added.err and "(34" not in added.err, added.err
    assert findings(root, "CG351") == []  # nothing was written
    # the same derivation written in the file: check says it in the same words
    added = new_claim(
        root, "g1", "--statement", "It grows a lot.", "--value", "1.21", "--unit", "UNITLESS",
        "--derived-by", "compoundGrowth", "--operands", "0.1", "2", kind="DimensionlessRatio",
    )  # fmt: skip
    assert added.code == 0, added.err
    claims = root / "claims" / "claims.ttl"
    text = claims.read_text(encoding="utf-8")
    assert "( 0.1 2 )" in text
    claims.write_text(text.replace("( 0.1 2 )", "( 1e6 1e6 )"), encoding="utf-8")
    messages = [f["message"] for f in findings(root, "CG351")]
    assert messages == ["derivation cannot be evaluated: its result is too large to compute (beyond 1.8e308)"]


# ------------------------------------------------------------------ 7. a yearly rate's label


@pytest.mark.parametrize(
    "local, label",
    [
        ("TeraW-HR-PER-YR", "TWh/yr"),
        # (a day, a month under a slash by QUDT's symbols, d and mo, as every other unit is written: "kWh/day" put
        # an English word on a Spanish site, tests/test_site_agri_es_trial.py)
        ("KiloW-HR-PER-DAY", "kWh/d"),
        ("TONNE-PER-YR", "t/yr"),
        ("CCY_USD-PER-MO", "USD/mo"),
        ("YR", "years"),
        ("DAY", "days"),
    ],
)
def test_a_period_under_a_slash_is_written_as_one(local, label):
    assert unit_label(UNIT_NS + local) == label == unit_symbol(UNIT_NS + local)
