"""What a new user's trial on an economics registry found the reader of numbers in text misread (docs/numbers.md):

* a compound number in words was read as its last word: "thirty-two million dollars" was 2 000 000 USD,
  "twenty-five percent" 5 %, "vingt-cinq millions d'euros" 5 000 000 EUR (a claim of 5 % passed silently);
* money before a number let a scale word the reader does not know through: "R$ 3,5 bilhões" was 3.5 BRL,
  "€1,2 miliardi" 1.2 EUR, "€ 1,2 mil milhões" 1200 EUR; Portuguese "bilhões" was not known for a scale at all;
* common English money was not read: "£40m", "40m euros", "a billion dollars", "40 million pounds";
* the year of the prices was read as money: "cost $300 million in 2015 USD" stated a claim of 2015 USD;
* "3.5 percentage points" and "3.5 pp" read as a bare 3.5, which stood for 3.5 % or 3.5 of any unit (now "pp" is a
  unit not read, and "percentage points" a difference in percent: test_reader_clinical.py);
* "10 cents per kWh" and "10¢/kWh" read as a bare 10;
* ``new claim --value 1,200`` said to write 1.200 (which is 1.2), ``--value "5 billion"`` to write 1.3 not 1,3.
"""

from __future__ import annotations

import pytest

from claimgraph.numbers_in_text import UNIT_NOT_READ, describe, read_numbers

from .made_registries import add_claim, findings, new_claim, new_registry


def read(text: str, *languages: str) -> str:
    return describe(read_numbers(text, languages or ("en",)))


@pytest.mark.parametrize(
    "text, languages, described",
    [
        ("thirty-two million dollars", ("en",), "32000000 USD"),
        ("forty-five billion euros", ("en",), "45000000000 EUR"),
        ("a hundred and fifty million dollars", ("en",), "150000000 USD"),
        ("two hundred million people", ("en",), "200000000"),
        ("twenty-five percent", ("en",), "25 %"),
        ("twenty five percent", ("en",), "25 %"),
        ("one hundred five percent", ("en",), "105 %"),
        ("sixty days", ("en",), "60 days"),
        ("the twenty-two times", ("en",), "22"),
        ("vingt-cinq millions d'euros", ("fr",), "25000000 EUR"),
        ("vingt et un millions", ("fr",), "21000000"),
        ("soixante-dix millions d'euros", ("fr",), "70000000 EUR"),
        ("soixante-dix-sept pour cent", ("fr",), "77 %"),
        ("quatre-vingts millions", ("fr",), "80000000"),
        ("quatre-vingt-dix millions", ("fr",), "90000000"),
        ("deux cents millions", ("fr",), "200000000"),
        ("cent vingt millions", ("fr",), "120000000"),
        ("fünfundzwanzig Millionen", ("de",), "25000000"),
        ("veinticinco millones", ("es",), "25000000"),
        ("treinta y dos millones", ("es",), "32000000"),
    ],
)
def test_a_number_in_words_is_read_whole(text, languages, described):
    assert read(text, *languages) == described


@pytest.mark.parametrize(
    "text",
    [
        "five twenty million",  # words that make no number: none read, not "twenty million"
        "twenty-five-fold",  # no "five-fold"
        "multiplied by twenty-five",  # no "multiplied by twenty"
        "hmm-five percent",  # a number word after a hyphen ends a compound the reader does not know
    ],
)
def test_no_number_in_words_is_read_as_its_last_word(text):
    values = read_numbers(text, ("en",)).values()
    assert 5.0 not in values and 20.0 not in values and 2e7 not in values, values


@pytest.mark.parametrize(
    "text, languages",
    [
        # Portuguese, Italian and Dutch scales are read (test_numbers_scales_it_pt_nl.py); these are not
        ("€1,2 Mia.", ("de",)),
        ("3 miliony złotych", ("pl",)),
        ("R$ 3 triliões", ("pt",)),
        ("€ 2 trilioni", ("it",)),
        ("3 Mila", ("it",)),
        # percentage points in words are read in percent (test_reader_clinical.py); abbreviated, not
        ("3.5 pp", ("en",)),
        ("50 basis points", ("en",)),
        ("40 pounds", ("en",)),  # a mass (lb) or money: no claim's unit
        ("40 million pounds of CO2", ("en",)),
    ],
)
def test_a_unit_the_reader_does_not_read_states_no_claim(text, languages):
    numbers = [n for n in read_numbers(text, languages).numbers if not n.alternative]
    assert [n.unit for n in numbers] == [UNIT_NOT_READ], describe(read_numbers(text, languages))


@pytest.mark.parametrize(
    "text, described",
    [
        ("£40m", "40000000 GBP"),
        ("$3m", "3000000 USD"),
        ("40m euros", "40000000 EUR"),
        ("a trillion dollars", "1 × 10¹² USD"),
        ("a billion dollars", "1000000000 USD"),
        ("40 million pounds", "40000000 GBP"),
        ("forty million pounds", "40000000 GBP"),
        ("cost $300 million in 2015 USD", "300000000 USD"),
        ("US$1.2 billion (2015 dollars)", "1200000000 USD"),
        ("in constant 2020 EUR", "none"),
        ("it cost 2015 USD", "2015 USD"),  # an amount: no word of prices' year before it
        ("10 cents per kWh", "0.1 USD/kWh"),
        ("10¢/kWh", "0.1 USD/kWh"),
        ("10 c€/kWh", "0.1 EUR/kWh"),
        ("10 euro cents", "0.1 EUR"),
        ("5–10 cents", "0.05 USD, 0.1 USD"),
        ("5 per cent", "5 %"),
        ("running 40m", "none"),  # metres, or a name: no money
    ],
)
def test_money_is_read(text, described):
    assert read(text) == described


# ------------------------------------------------------------------ end to end: check on a registry a user makes


@pytest.mark.parametrize(
    "quote, value, unit, kind",
    [
        ("It cost thirty-two million dollars.", "32", "MegaCCY_USD", "Currency"),
        ("Le coût : vingt-cinq millions d'euros.", "25", "MegaCCY_EUR", "Currency"),
        ("It cost a hundred and fifty million dollars.", "150", "MegaCCY_USD", "Currency"),
        ("Prices rose twenty-five percent.", "25", "PERCENT", "DimensionlessRatio"),
        ("It cost £40m.", "40", "MegaCCY_GBP", "Currency"),
        ("It cost a trillion dollars.", "1", "TeraCCY_USD", "Currency"),
        ("It cost 40 million pounds.", "40", "MegaCCY_GBP", "Currency"),
        ("It cost $300 million in 2015 USD.", "300", "MegaCCY_USD", "Currency"),
        ("Power cost 10 cents per kWh.", "0.1", "CCY_USD-PER-KiloW-HR", "CostPerEnergy"),
    ],
)
def test_money_read_right_gives_no_finding(tmp_path, quote, value, unit, kind):
    root = new_registry(tmp_path)
    add_claim(root, "c1", f"The figure is {value}.", value, unit, quote=quote, kind=kind)
    assert findings(root, "CG320") == []


@pytest.mark.parametrize(
    "quote, value, unit, kind",
    [
        # the last word of a compound: no false pass
        ("It cost thirty-two million dollars.", "2", "MegaCCY_USD", "Currency"),
        ("Le coût : vingt-cinq millions d'euros.", "5", "MegaCCY_EUR", "Currency"),
        ("Prices rose twenty-five percent.", "5", "PERCENT", "DimensionlessRatio"),
        # the scale the reader does not know, with money before the number or none
        ("O custo foi de R$ 3,5 bilhões.", "3.5", "CCY_BRL", "Currency"),
        ("O custo foi de 3,5 bilhões de reais.", "3.5", "GigaCCY_EUR", "Currency"),
        ("Il costo è di €1,2 miliardi.", "1.2", "CCY_EUR", "Currency"),
        ("O custo foi de € 1,2 mil milhões.", "1200", "CCY_EUR", "Currency"),
        # the year of the prices is no amount
        ("It cost $300 million in 2015 USD.", "2015", "CCY_USD", "Currency"),
        ("It cost US$1.2 billion (2015 dollars).", "2015", "CCY_USD", "Currency"),
        # percentage points are no money, and "pp" is not read
        ("Unemployment fell 3.5 percentage points.", "3.5", "CCY_USD", "Currency"),
        ("Unemployment fell 3.5 pp.", "3.5", "GigaCCY_USD", "Currency"),
        # cents are a hundredth of the currency, and "5–10 cents" states no 5 dollars
        ("Power cost 10 cents per kWh.", "10", "CCY_USD-PER-KiloW-HR", "CostPerEnergy"),
        ("Power cost 5–10 cents.", "5", "CCY_USD", "Currency"),
    ],
)
def test_money_read_wrong_before_is_caught(tmp_path, quote, value, unit, kind):
    root = new_registry(tmp_path, ("en", "fr", "pt", "it"))
    add_claim(root, "c1", f"The figure is {value}.", value, unit, quote=quote, kind=kind)
    found = findings(root, "CG320")
    assert len(found) == 1, found


@pytest.mark.parametrize(
    "typed, said",
    [
        ("1,200", "(write 1200 (a thousands comma) or 1.2 (a decimal comma):"),
        ("1,250", "(write 1250 (a thousands comma) or 1.25 (a decimal comma):"),
        ("5 billion", "(write the number alone, in the claim's unit: 5e9 for 5 billion, or a scaled unit"),
    ],
)
def test_new_claim_says_what_to_write_instead(tmp_path, typed, said):
    root = new_registry(tmp_path)
    added = new_claim(root, "c1", "--statement", "It cost 5 billion.", "--value", typed, "--unit", "CCY_USD")
    assert added.code == 2
    assert said in added.err, added.err
    assert "1.200" not in added.err


@pytest.mark.parametrize(
    "text, languages, described",
    [
        ("two thousand five hundred dollars", ("en",), "none"),  # neither 2000 nor five hundred alone
        ("deux millions cinq cent mille euros", ("fr",), "none"),
        ("nine hundred and ninety-nine million", ("en",), "999000000"),
        ("neuf cent quatre-vingt-dix-neuf millions", ("fr",), "999000000"),
        ("dos mil millones", ("es",), "2000000000"),
    ],
)
def test_words_going_on_past_a_scale_word_are_read_whole_or_not_at_all(text, languages, described):
    assert read(text, *languages) == described
