"""What an epidemiology registry's trial found the reader of numbers misread: micrograms per cubic metre, The
Lancet's middle-dot decimals, rates per 100,000, confidence intervals in square brackets, "halved", "1.5-fold" and
the name "PM 2.5". Each is tested on the reader and end to end through ``check`` on a registry made as a user makes
one (docs/numbers.md)."""

from __future__ import annotations

import pytest

from claimgraph.numbers_in_text import UNIT_NOT_READ, describe, read_numbers, states
from claimgraph.quantities import UNIT_NS, Quantity
from claimgraph.sources.locate import locate, normalise, prepare, quote_pieces
from claimgraph.sources.texts import Page, SourceText

from .made_registries import add_claim, findings, new_claim, new_registry, number_findings


def read(text: str, languages: tuple[str, ...] = ("en",)) -> str:
    return describe(read_numbers(text, languages), limit=20)


def _text(*pages: str) -> SourceText:
    return SourceText(tuple(Page(i, None, p) for i, p in enumerate(pages)), "text/plain", "0" * 64)


def claim(value: float, unit: str) -> Quantity:
    return Quantity(unit=UNIT_NS + unit, value=value, lexical=repr(value))


# ------------------------------------------------------------------ 1. micrograms and other concentrations


@pytest.mark.parametrize(
    "text, shown",
    [
        ("PM2.5 was 14.3 \u03bcg/m³", "14.3 µg/m³"),  # Greek mu, as QUDT prints it
        ("PM2.5 was 14.3 \u00b5g/m³", "14.3 µg/m³"),  # the micro sign
        ("10 \u00b5g/m3", "10 µg/m³"),
        ("5 mg/m³", "5 mg/m³"),
        ("5 mg/m3", "5 mg/m³"),
        ("3 ng/m³", "3 ng/m³"),
        ("4 \u00b5g/L", "4 µg/L"),
        ("5 mg/L", "5 mg/L"),
        ("5.5 mmol/L", "5.5 mmol/L"),
        ("90 mg/dL", "90 mg/dL"),
    ],
)
def test_concentrations_are_read_with_their_unit(text, shown):
    assert read(text) == shown


@pytest.mark.parametrize("micro", ["\u00b5", "\u03bc"])
def test_a_concentration_states_a_claim_in_its_own_scale_only(micro):
    text = f"annual mean PM2.5 was 14.3 {micro}g/m³"
    assert states(claim(14.3, "MicroGM-PER-M3"), text)
    assert states(claim(0.0143, "MilliGM-PER-M3"), text)
    assert not states(claim(14.3, "MilliGM-PER-M3"), text)  # 1000 times too much: never a silent pass
    assert not states(claim(14.3, "NanoGM-PER-M3"), text)


def test_an_unknown_unit_with_either_micro_is_not_read():
    for micro in ("\u00b5", "\u03bc"):
        (number,) = read_numbers(f"it gave 5 {micro}Wh", ("en",)).numbers
        assert number.unit == UNIT_NOT_READ


def test_micrograms_end_to_end(tmp_path):
    root = new_registry(tmp_path, ("en",))
    quote = "the annual mean concentration of PM2.5 was 10 \u00b5g/m³"
    add_claim(root, "right", "PM2.5 was 10 \u03bcg/m³.", "10", "MicroGM-PER-M3", quote=quote, kind="MassDensity")
    add_claim(root, "wrong", "PM2.5 was 10 mg/m³.", "10", "MilliGM-PER-M3", quote=quote, kind="MassDensity")
    found = number_findings(root)
    assert [code for code, _ in found] == ["CG320"], found
    assert "10 mg/m³" in found[0][1] and "numbers read: 10 µg/m³" in found[0][1]


# ------------------------------------------------------------------ 2. The Lancet's decimals


@pytest.mark.parametrize(
    "text, shown",
    [
        ("HR 0·76 (95% CI 0·61–0·95)", "0.76, 95 %, 0.61, 0.95"),
        ("mortality fell by 12·5%", "12.5 %"),
        ("0·105 of the cohort", "0.105"),
        ("a risk of 2·10⁻³", "0.002"),  # a middle dot before a power of ten is a product
        ("3·10^5 t", "300000 t"),
        ("PM2·5 rose", "none"),  # a pollutant's name, as PM2.5
        ("a · b and 3 · 4", "3, 4"),  # spaced: no decimal point
    ],
)
def test_a_middle_dot_between_digits_is_a_decimal_point(text, shown):
    assert read(text) == shown


def test_a_middle_dot_keeps_the_printed_words():
    (number,) = read_numbers("HR 0·76 overall", ("en",)).numbers
    assert number.written == "0·76" and number.value == 0.76


def test_lancet_decimals_end_to_end(tmp_path):
    root = new_registry(tmp_path, ("en",))
    quote = "the hazard ratio was 0·76 (95% CI 0·61–0·95)"
    add_claim(root, "right", "The hazard ratio was 0.76.", "0.76", "UNITLESS", quote=quote, kind="Dimensionless")
    add_claim(root, "wrong", "The hazard ratio was 76.", "76", "UNITLESS", quote=quote, kind="Dimensionless")
    found = number_findings(root)
    assert [code for code, _ in found] == ["CG320"] and "says 76" in found[0][1], found


def test_a_source_printing_middle_dots_matches_a_quote_typed_with_points():
    assert normalise("HR 0·76 (95% CI 0·61–0·95) · end") == "HR 0.76 (95% CI 0.61-0.95) · end"
    text = _text("Deaths fell: HR 0·76 (95% CI 0·61–0·95) overall.")
    match = locate(prepare(text), "HR 0.76 (95% CI 0.61–0.95)")
    assert match is not None and match.exact and match.score == 100


# ------------------------------------------------------------------ 3. rates per 100,000


@pytest.mark.parametrize(
    "text, shown",
    [
        ("12.5 per 100,000 person-years", "12.5 /(100000·INDIV·yr)"),
        ("12.5 per 100\u00a0000 person-years", "12.5 /(100000·INDIV·yr)"),
        ("12.5/100,000 PY", "12.5 /(100000·INDIV·yr)"),
        ("2 per million population per year", "2 /(1000000·INDIV·yr)"),
        ("12.5 per 100 000", "12.5 /100000"),
        ("3 deaths per 1,000 live births", "3 /1000"),
        ("12,5 pour 100 000 habitants", "12.5 /100000"),
        ("7 je 100.000 Einwohner", "7 /100000"),
        ("4 por cada 100.000 habitantes", "4 /100000"),
        ("12.5 per 100,000 in 2020", "12.5 /100000"),
        # a count and a unit after "per": a rate's denominator, no population (docs/numbers.md); it was read as 5 L
        # and a separate 100 km, so that a claim of 5 L passed for a consumption per 100 km
        ("5 L per 100 km", "5 L/100 km"),  # a count of one unit under the slash, as people write it
        ("5 per 100 km", "5, 100 km"),
        ("3 Wh per 1,000 queries", "3 Wh, 1000"),
    ],
)
def test_a_rate_per_so_many_people_is_read_with_its_scale(text, shown):
    assert read(text, ("fr",) if "pour" in text else ("en",)) == shown


@pytest.mark.parametrize(
    "text",
    ["12.5 per 100,000 person-years", "12.5 per 100 000 per year", "12.5 per 100,000 population annually"],
)
def test_a_rate_per_100000_states_the_claims_rate_in_any_scale(text):
    assert states(claim(125.0, "DEATHS-PER-MegaINDIV-YR"), text)
    assert states(claim(12.5, "DEATHS-PER-HUNDRED-THOUSAND-INDIV-YR"), text)
    assert not states(claim(12.5, "DEATHS-PER-MegaINDIV-YR"), text)  # ten times wrong
    assert not states(claim(100000.0, "UNITLESS"), text)  # the scale is no number of its own


def test_a_rate_per_100000_without_a_period_is_a_ratio_or_a_yearly_rate():
    text = "the incidence was 12.5 per 100,000"
    assert states(claim(12.5, "PER-100000"), text)
    assert states(claim(125.0, "DEATHS-PER-MegaINDIV-YR"), text)
    assert not states(claim(12.5, "PER-1000000"), text)
    assert not states(claim(12.5, "DEATHS-PER-MegaINDIV-YR"), text)


def test_rates_end_to_end(tmp_path):
    root = new_registry(tmp_path, ("en",))
    quote = "the mortality rate was 12.5 per 100,000 person-years"
    for claim_id, value, unit in (
        ("per-million", "125", "DEATHS-PER-MegaINDIV-YR"),
        ("per-hundred-thousand", "12.5", "DEATHS-PER-HUNDRED-THOUSAND-INDIV-YR"),
        ("ten-times-wrong", "12.5", "DEATHS-PER-MegaINDIV-YR"),
    ):
        add_claim(root, claim_id, f"The mortality was {value}.", value, unit, quote=quote, kind="Frequency")
    found = findings(root, "CG320", "CG322")
    assert [(f["code"], _subject(f)) for f in found] == [("CG320", "ten-times-wrong")], found


# ------------------------------------------------------------------ 4. confidence intervals in square brackets


@pytest.mark.parametrize(
    "text, shown",
    [
        ("OR = 2.3 [1.1, 4.8]", "2.3, 1.1, 4.8"),
        ("RR 1.08 [1.04, 1.12]", "1.08, 1.04, 1.12"),
        ("OR 2.3 [95% CI 1.1–4.8]", "2.3, 95 %, 1.1, 4.8"),
        ("HR 0·76 [0·61–0·95]", "0.76, 0.61, 0.95"),
        ("OR 2,3 [1,1; 4,8]", "2.3, 1.1, 4.8"),
        # references stay references: whole numbers, after a word or closing a sentence
        ("as shown [12].", "none"),
        ("models [3, 4] use it", "none"),
        ("as shown [3,4].", "none"),
        ("see [3-5]", "none"),
        ("OR 3 [2, 5]", "3"),  # whole numbers in brackets: read as references, never a false pass
    ],
)
def test_an_interval_in_brackets_is_read_and_a_reference_is_not(text, shown):
    assert read(text) == shown


def test_an_interval_in_brackets_is_no_editorial_insertion(tmp_path):
    root = new_registry(tmp_path, ("en",))
    quote = "the odds ratio was 2.3 [1.1, 4.8]"
    add_claim(root, "lower", "Its lower bound was 1.1.", "1.1", "UNITLESS", quote=quote, kind="Dimensionless")
    add_claim(root, "wrong", "Its lower bound was 1.4.", "1.4", "UNITLESS", quote=quote, kind="Dimensionless")
    add_claim(root, "cited", "It counted 12 cohorts.", "12", "UNITLESS", quote="as shown [12]", kind="Dimensionless")
    found = {_subject(f): f["message"] for f in findings(root, "CG320", "CG321", "CG322")}
    # the interval is the source's: its bound states the claim, another number is no match (not "an insertion");
    # a reference marker states no number
    assert sorted(found) == ["cited", "wrong"], found
    assert "no number in its quote matches" in found["wrong"] and "numbers read: 2.3, 1.1, 4.8" in found["wrong"]


def test_a_numeric_bracket_in_a_quote_must_be_in_the_source():
    assert [p.key for p in quote_pieces("OR = 2.3 [1.1, 4.8] in [the cohort] of")] == ["or = 2.3 [1.1, 4.8] in", "of"]
    text = _text("Adjusted: OR = 2.3 [1.1, 4.8] in all.")
    prepared = prepare(text)
    assert locate(prepared, "OR = 2.3 [1.1, 4.8]").exact
    wrong = locate(prepared, "OR = 2.3 [0.4, 9.9]")
    assert wrong is not None and not wrong.exact and not wrong.found


def test_a_wrong_interval_in_a_quote_is_not_found_in_the_source(tmp_path):
    root = new_registry(tmp_path, ("en",))
    (root / "sources").mkdir()
    (root / "sources" / "Doe2021.txt").write_text("Results. Adjusted: OR = 2.3 [1.1, 4.8] in all.\n", encoding="utf-8")
    bib = root / "bib" / "references.bib"
    text = bib.read_text(encoding="utf-8")
    start = text.index("{Doe2021,") + len("{Doe2021,")
    bib.write_text(text[:start] + "\n  file = {:../sources/Doe2021.txt:Text}," + text[start:], encoding="utf-8")
    add_claim(
        root, "right", "The odds ratio was 2.3.", "2.3", "UNITLESS", quote="OR = 2.3 [1.1, 4.8]", kind="Dimensionless"
    )
    assert findings(root, "CG382", "CG384", "CG385") == []
    # `new claim` checks the quote against the source's text: the wrong interval is not found there
    wrong = new_claim(
        root, "wrong", "--statement", "The odds ratio was 2.3.", "--quote", "OR = 2.3 [0.4, 9.9]", "--locator", "p. 1",
        "--value", "2.3", "--unit", "UNITLESS", kind="Dimensionless",
    )  # fmt: skip
    assert wrong.code != 0 and "CG382: quote not found in the text of Doe2021" in wrong.err, wrong.err


# ------------------------------------------------------------------ 5. words and names


@pytest.mark.parametrize(
    "text, shown",
    [
        ("deaths halved", "0.5"),
        ("halving the exposure", "0.5"),
        ("cut in half", "0.5"),
        ("a 1.5-fold increase", "1.5 (or 0.5)"),
        ("a twofold increase", "2 (or 1)"),
        ("PM 2.5 levels", "none"),
        ("PM 10 and PM2.5", "none"),
        ("PM\u2082.\u2085", "none"),
        ("PM2.5-bound metals", "none"),
        ("PM 2.5 was 14 µg/m³", "14 µg/m³"),
    ],
)
def test_words_and_pollutant_names(text, shown):
    assert read(text) == shown


def test_halved_and_fold_end_to_end(tmp_path):
    root = new_registry(tmp_path, ("en",))
    add_claim(root, "halved", "Deaths halved.", "0.5", "UNITLESS", quote="deaths were halved", kind="Dimensionless")
    rise = "a 1.5-fold increase in risk"
    add_claim(root, "ratio", "The risk rose 1.5-fold.", "1.5", "UNITLESS", quote=rise, kind="Dimensionless")
    add_claim(root, "rise", "The risk rose by 50 %.", "50", "PERCENT", quote=rise, kind="Dimensionless")
    add_claim(root, "pm", "It was 2.5.", "2.5", "UNITLESS", quote="PM 2.5 levels rose", kind="Dimensionless")
    found = number_findings(root)
    assert [code for code, _ in found] == ["CG320"] and "says 2.5" in found[0][1], found


def _subject(finding: dict) -> str:
    return finding["subject"].rsplit("/", 1)[-1]
