"""Defects a user trial found in reading numbers, each run through the real commands on a registry made
by ``claimgraph init``, ``new source`` and ``new claim`` as a user makes one:

* rates written with the rate word of another language ("0,4 kg CO2e par kWh", "400 g de CO2 par kWh")
  were read as a mass, so a right French statement or quote got CG322 or CG320;
* "0,429" was read as 0.429 and as 429 (a group starting with 0 was taken for a thousands group);
* ``new claim --value 1.3e3`` wrote 1300, which claims a rounding to the unit (CG340 against 1320);
* CG340 named the rounding ends of the values ("1250 to 1920 MWh" for 1.3 GWh … 1920 MWh), which no
  claim states, in check's message and in the site's table of figures in conflict.
"""

from __future__ import annotations

import html
import re
import shlex
from pathlib import Path

import pytest

from claimgraph.numbers_in_text import describe, read_numbers, states
from claimgraph.quantities import UNIT_NS, Quantity
from claimgraph.registry import load
from claimgraph.site import build_site

from .conftest import PROJECT, run_cli
from .made_registries import add_claim, findings, new_claim, new_registry, number_findings


# ------------------------------------------------------------------ 1. rates in other languages


@pytest.mark.parametrize(
    "text, language, value, unit",
    [
        ("0,4 kg CO2e par kWh", "fr", 0.4, "KiloGM-PER-KiloW-HR"),
        ("400 g de CO2 par kWh", "fr", 400, "GM-PER-KiloW-HR"),
        ("0,4 kg d'équivalent CO2 par kWh", "fr", 0.4, "KiloGM-PER-KiloW-HR"),
        ("0,4 kg d’éq. CO2 par kWh", "fr", 0.4, "KiloGM-PER-KiloW-HR"),
        ("0,4 kg éq. CO2 par kWh", "fr", 0.4, "KiloGM-PER-KiloW-HR"),
        ("0,4 kg CO₂e par kWh", "fr", 0.4, "KiloGM-PER-KiloW-HR"),
        ("0,4 kg de CO2 équivalent par kWh", "fr", 0.4, "KiloGM-PER-KiloW-HR"),
        ("0,4 kg CO2-Äquivalente pro kWh", "de", 0.4, "KiloGM-PER-KiloW-HR"),
        ("400 g CO2 pro kWh", "de", 400, "GM-PER-KiloW-HR"),
        ("0,4 kg CO2 je kWh", "de", 0.4, "KiloGM-PER-KiloW-HR"),
        ("0,4 kg de CO2 equivalente por kWh", "es", 0.4, "KiloGM-PER-KiloW-HR"),
        ("0,4 kg de CO2 por kWh", "pt", 0.4, "KiloGM-PER-KiloW-HR"),
        ("0,4 kg CO2 per kWh", "it", 0.4, "KiloGM-PER-KiloW-HR"),
        ("400 g of CO2 per kWh", "en", 400, "GM-PER-KiloW-HR"),
        ("0.4 kg CO2 equivalent per kWh", "en", 0.4, "KiloGM-PER-KiloW-HR"),
        ("2 t par MWh", "fr", 2, "TONNE-PER-MegaW-HR"),
    ],
)
def test_a_rate_is_read_with_the_rate_word_of_each_language(text, language, value, unit):
    (number,) = read_numbers(text, (language,)).numbers
    assert (number.value, number.unit) == (pytest.approx(value), UNIT_NS + unit)
    assert number.written == text  # the whole rate is the number's, qualifier and denominator included


@pytest.mark.parametrize(
    "text, language, unit",
    [
        ("400 g de farine par kWh", "fr", "GM"),  # "de" qualifies only CO2: flour is no rate's numerator
        ("400 g parmi kWh", "fr", "GM"),  # whole words: "parmi" is no "par"
        ("400 g CO2 parkWh", "fr", "GM"),
        ("400 g prorata kWh", "de", "GM"),
        ("5 % par an", "fr", "PERCENT"),  # a percentage per year stays a percentage, as "5 % per year"
        ("4 kg CO2 each per kWh", "en", "KiloGM"),
    ],
)
def test_a_rate_word_reads_a_rate_only_between_two_units(text, language, unit):
    (number,) = read_numbers(text, (language,)).numbers
    assert number.unit == UNIT_NS + unit


@pytest.mark.parametrize(
    "value, unit, french",
    [
        ("0.4", "KiloGM-PER-KiloW-HR", "0,4 kg CO2e par kWh"),
        ("400", "GM-PER-KiloW-HR", "400 g de CO2 par kWh"),
        ("0.4", "KiloGM-PER-KiloW-HR", "400 g de CO2 par kWh"),  # compared through the units
        ("0.4", "KiloGM-PER-KiloW-HR", "0,4 kg d'équivalent CO2 par kWh"),
    ],
)
def test_a_french_rate_in_a_statement_and_a_quote_gives_no_finding(tmp_path, value, unit, french):
    root = new_registry(tmp_path)
    add_claim(
        root, "r1", "0.4 kg CO2e per kWh", value, unit, quote=french, translation=("fr", french), kind="MassPerEnergy"
    )
    assert number_findings(root) == []


def test_a_wrong_french_rate_is_still_caught(tmp_path):
    """The control: the checks read the French rate, so a value it does not state is still reported."""
    root = new_registry(tmp_path)
    add_claim(
        root,
        "r1",
        "0.5 kg CO2e per kWh",
        "0.5",
        "KiloGM-PER-KiloW-HR",
        quote="0,4 kg CO2e par kWh",
        translation=("fr", "0,4 kg CO2e par kWh"),
        kind="MassPerEnergy",
    )
    found = number_findings(root)
    assert [code for code, _ in found] == ["CG322", "CG320"], found
    assert all("numbers read: 0.4 kg/kWh)" in message for _, message in found), found


def test_the_tutorials_french_grid_factor_gives_no_finding(tmp_path):
    """docs/tutorial.md's own command for the grid factor, its English and French words as printed there."""
    tutorial = (PROJECT / "docs" / "tutorial.md").read_text(encoding="utf-8")
    line = next(line for line in tutorial.splitlines() if "new claim --id gpt3-grid-intensity" in line)
    words = shlex.split(line)
    statement = words[words.index("--statement") + 1]
    translation = words[words.index("--translation") + 2]
    assert "par kWh" in translation
    root = new_registry(tmp_path)
    added = new_claim(
        root,
        "gpt3-grid-intensity",
        "--statement",
        statement,
        "--translation",
        "fr",
        translation,
        "--value",
        words[words.index("--value") + 1],
        "--unit",
        words[words.index("--unit") + 1],
        kind="MassPerEnergy",
    )
    assert added.code == 0, added.err
    assert number_findings(root) == []


# ------------------------------------------------------------------ 2. a leading zero group


@pytest.mark.parametrize("language", ["en", "fr", "de"])
@pytest.mark.parametrize("written", ["0,429", "0.429", "0,429 kg", "0.250", "0,000"])
def test_a_group_starting_with_zero_is_never_a_thousands_group(written, language):
    (number,) = read_numbers(written, (language,)).numbers
    assert number.readings == (pytest.approx(float(written.split()[0].replace(",", "."))),)
    assert number.half_unit == pytest.approx(0.0005)  # rounded to its third decimal, not to the unit


def test_a_grouping_that_does_not_start_with_zero_stays_ambiguous():
    """The control: "1,429" is still 1429 in English and 1.429 in French, both readings kept."""
    assert read_numbers("1,429", ("en",)).numbers[0].readings == (1429, 1.429)
    assert read_numbers("1,429", ("fr",)).numbers[0].readings == (1.429, 1429)
    assert read_numbers("10 429 kWh", ("fr",)).numbers[0].readings == (10429,)


def test_zero_comma_429_is_described_and_matched_as_one_number():
    assert describe(read_numbers("0,429 kg CO2e par kWh", ("en", "fr"))) == "0.429 kg/kWh"
    kg = Quantity(unit=UNIT_NS + "KiloGM", value=0.8, lexical="0.8")
    # read as 429 with a rounding of half a unit, "0,429 kg" used to state anything from 0 to 0.929 kg
    assert not states(kg, "0,429 kg", ("en", "fr"), text_rounding=True)
    rate = Quantity(unit=UNIT_NS + "KiloGM-PER-KiloW-HR", value=429.0, lexical="429")
    assert not states(rate, "0,429 kg CO2e per kWh", ("en", "fr"))


def test_a_claim_of_429_quoting_0_comma_429_is_reported(tmp_path):
    root = new_registry(tmp_path)
    added = new_claim(
        root,
        "r1",
        "--statement",
        "429 kg CO2e per kWh",
        "--quote",
        "0,429 kg CO2e per kWh",
        "--locator",
        "p. 1",
        "--value",
        "429",
        "--unit",
        "KiloGM-PER-KiloW-HR",
        kind="MassPerEnergy",
    )
    assert added.code == 0, added.err
    found = number_findings(root)
    assert [code for code, _ in found] == ["CG320"], found
    assert "(numbers read: 0.429 kg/kWh)" in found[0][1], found


# ------------------------------------------------------------------ 3. --value as typed


def written_value(root: Path, claim_id: str) -> str:
    text = (root / "claims" / "claims.ttl").read_text(encoding="utf-8")
    block = text.split(f"claim:{claim_id}\n", 1)[1]
    return re.search(r"qudt:numericValue (\S+) ;", block).group(1)


@pytest.mark.parametrize(
    "typed, written",
    [
        ("1.3e3", "1.3e3"),
        ("1e23", "1e23"),
        ("1.3E+3", "1.3E+3"),
        ("1.30", "1.30"),
        ("007", "007"),
        ("+3", "+3"),
        (".5", ".5"),
        ("-0", "-0"),
        ("1.e3", "1.e3"),
        ("0.00000001", "0.00000001"),
        # xsd:decimal's "13.", which Turtle cannot write: written with the digits typed
        ("13.", "13"),
    ],
)
def test_new_claim_writes_the_value_as_typed(tmp_path, typed, written):
    root = new_registry(tmp_path, ("en",))
    added = new_claim(root, "c1", "--statement", "It took some MWh.", "--value", typed, "--unit", "MegaW-HR")
    assert added.code == 0, added.err
    assert written_value(root, "c1") == written
    # the file loads as written: no syntax error, no ill-typed or out-of-range number
    codes = {f["code"] for f in findings(root)}
    assert not codes & {"CG100", "CG101", "CG115", "CG225", "CG333"}, codes


@pytest.mark.parametrize(
    "typed, message",
    [
        ("1,3", "is not a number (write 1.3: a point before the decimals, no thousands separator)"),
        ("abc", "is not a number"),
        ("inf", "is not a finite number"),
        ("NaN", "is not a finite number"),
        ("1e400", "is out of range"),
        ("1e-400", "is out of range"),
        # numbers Python reads that Turtle does not write: refused, not written as other text than typed
        (" 1.3 ", "has white space around the number: write 1.3"),
        ("1_300", "is not a number: it holds _, a digit separator Turtle does not know (write 1300)"),
        ("1_3e3", "is not a number: it holds _"),
    ],
)
def test_new_claim_still_refuses_what_is_not_a_number(tmp_path, typed, message):
    root = new_registry(tmp_path, ("en",))
    before = (root / "claims" / "claims.ttl").read_text(encoding="utf-8")
    added = new_claim(root, "c1", "--statement", "It took some MWh.", "--value", typed, "--unit", "MegaW-HR")
    assert added.code == 2
    assert f"value {typed!r} {message}" in added.err, added.err
    assert "Traceback" not in added.err
    assert (root / "claims" / "claims.ttl").read_text(encoding="utf-8") == before


@pytest.mark.parametrize("typed, written", [("0.05", "0.05"), ("5e-2", "0.05"), ("1", "1.0"), ("0", "0.0")])
def test_a_tolerance_is_written_as_the_decimal_the_shapes_take(tmp_path, typed, written):
    """A tolerance is a bound, not a reading: it is written as an xsd:decimal (CG228 takes no other type)."""
    root = new_registry(tmp_path, ("en",))
    added = new_claim(
        root, "c1", "--statement", "It took 1.3 GWh.", "--value", "1.3", "--unit", "GigaW-HR", "--tolerance", typed
    )
    assert added.code == 0, added.err
    assert f"cg:relativeTolerance {written} ]" in (root / "claims" / "claims.ttl").read_text(encoding="utf-8")
    assert "CG228" not in {f["code"] for f in findings(root)}


def test_a_value_typed_with_an_exponent_keeps_its_rounding(tmp_path):
    """1.3e3 MWh has two significant digits (1250 to 1350): it agrees with 1320 MWh, where 1300 would not."""
    root = new_registry(tmp_path, ("en",))
    for claim_id, value in (("a", "1.3e3"), ("b", "1320")):
        added = new_claim(
            root,
            claim_id,
            "--statement",
            f"It took {value} MWh.",
            "--value",
            value,
            "--unit",
            "MegaW-HR",
            measurand="energy",
        )
        assert added.code == 0, added.err
    assert written_value(root, "a") == "1.3e3"
    assert not [f for f in findings(root) if f["code"] == "CG340"]
    # the control: typed as 1300, the number claims a rounding to the MWh, and the two disagree
    text = (root / "claims" / "claims.ttl").read_text(encoding="utf-8")
    (root / "claims" / "claims.ttl").write_text(
        text.replace("qudt:numericValue 1.3e3 ;", "qudt:numericValue 1300 ;"), encoding="utf-8"
    )
    assert [f for f in findings(root) if f["code"] == "CG340"]


def test_the_help_of_value_says_it_is_written_as_typed():
    shown = run_cli("new", "claim", "--help")
    assert "as typed" in " ".join(shown.out.split()), shown.out


# ------------------------------------------------------------------ 4. the span of a conflict


def add_figures(root: Path, figures: list[tuple[str, str, str]]) -> None:
    for number, (value, unit, symbol) in enumerate(figures, 1):
        added = new_claim(
            root,
            f"c{number}",
            "--statement",
            f"It took {value} {symbol}.",
            "--value",
            value,
            "--unit",
            unit,
            measurand="energy",
        )
        assert added.code == 0, added.err


def conflict_findings(root: Path) -> list[dict]:
    return [f for f in findings(root) if f["code"] == "CG340"]


def test_a_conflict_names_the_values_the_claims_state(tmp_path):
    """1300 MWh, 1.3 GWh, 1500 MWh and 1920 MWh: the span is 1300 to 1920 MWh, not 1250 (the low end
    of 1.3 GWh's rounding) to 1920.5."""
    root = new_registry(tmp_path, ("en",))
    add_figures(
        root,
        [
            ("1300", "MegaW-HR", "MWh"),
            ("1.3", "GigaW-HR", "GWh"),
            ("1500", "MegaW-HR", "MWh"),
            ("1920", "MegaW-HR", "MWh"),
        ],
    )
    conflicts = conflict_findings(root)
    assert len(conflicts) == 4
    for f in conflicts:
        assert "; values span 1300 to 1920 MWh; " in f["message"], f["message"]
        assert f["facts"]["low"] == 1300 and f["facts"]["high"] == 1920 and f["facts"]["unit"] == "MegaW-HR"
        # the rounding that sets them apart stays in the facts
        assert (f["facts"]["low_edge"], f["facts"]["high_edge"]) == (pytest.approx(1250), pytest.approx(1920.5))

    # the site's table of figures in conflict says what check says
    out = tmp_path / "site"
    build_site(load(root), out)
    home = html.unescape((out / "index.html").read_text(encoding="utf-8"))
    assert "Figures in conflict" in home
    assert "<td>1300 to 1920 MWh</td>" in home
    assert "1250" not in home and "1920.5" not in home


def test_a_conflict_names_a_value_in_another_unit_with_its_own_digits(tmp_path):
    """The lowest value is written in GWh, the span in MWh (most claims' unit): 1.2875 GWh is
    1287.5 MWh, with the five digits it was written with; a value in the span's unit is printed as
    written (1.30e3), and a range gives its bound."""
    root = new_registry(tmp_path, ("en",))
    add_figures(root, [("1.2875", "GigaW-HR", "GWh"), ("1.30e3", "MegaW-HR", "MWh"), ("1500", "MegaW-HR", "MWh")])
    conflicts = conflict_findings(root)
    assert conflicts and all("; values span 1287.5 to 1500 MWh; " in f["message"] for f in conflicts), conflicts

    added = new_claim(
        root,
        "c4",
        "--statement",
        "It took 1.4e3 to 2.0e3 MWh.",
        "--range",
        "1.4e3",
        "2.0e3",
        "--unit",
        "MegaW-HR",
        measurand="energy",
    )
    assert added.code == 0, added.err
    conflicts = conflict_findings(root)
    assert conflicts and all("; values span 1287.5 to 2000 MWh; " in f["message"] for f in conflicts), conflicts


def test_a_conflict_between_values_written_with_trailing_zeros_shows_them(tmp_path):
    """1.30 GWh and 1.32 GWh disagree only by the rounding their zeros claim: the span keeps the zero."""
    root = new_registry(tmp_path, ("en",))
    add_figures(root, [("1.30", "GigaW-HR", "GWh"), ("1.32", "GigaW-HR", "GWh")])
    conflicts = conflict_findings(root)
    assert conflicts and all("; values span 1.30 to 1.32 GWh; " in f["message"] for f in conflicts), conflicts
    assert all((f["facts"]["low_written"], f["facts"]["high_written"]) == ("1.30", "1.32") for f in conflicts)
