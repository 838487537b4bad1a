"""What new users found: a year opening a sentence was read as a bare number ("2023 wurden 525 TWh verbraucht",
"2019 saw 120 Mt emitted"), so a claim's quote was said to give 2023 among its figures; "in 2023" was a year."""

from __future__ import annotations

import pytest

from claimgraph.numbers_in_text import read_numbers

from .made_registries import add_claim, findings, new_registry


def _read(text: str, language: str) -> list[str]:
    return [n.written for n in read_numbers(text, (language,)).numbers if not n.alternative]


@pytest.mark.parametrize(
    "text, language, read",
    [
        ("2023 wurden 525 TWh verbraucht", "de", ["525 TWh"]),
        ("2019 saw 120 Mt emitted", "en", ["120 Mt"]),
        ("2023 fue un año récord: 5 TWh", "es", ["un año", "5 TWh"]),
        ("« 2022 marque un record de 5 TWh", "fr", ["5 TWh"]),
        ("Emissions fell by 5 Mt. 2020 brought a further 3 Mt.", "en", ["5 Mt", "3 Mt"]),
        ("Der Verbrauch sank.\n2023 lag er bei 500 TWh", "de", ["500 TWh"]),
        ("1850 marked the start", "en", []),
        ("2100 will see 5 TWh", "en", ["5 TWh"]),
    ],
)
def test_a_year_opening_a_sentence_before_a_word_is_a_date(text, language, read):
    assert _read(text, language) == read


@pytest.mark.parametrize(
    "text, language, read",
    [
        ("2000 MWh were used", "en", ["2000 MWh"]),  # a unit
        ("2023 million tonnes", "en", ["2023 million tonnes"]),  # a scale word
        ("2023 Mio. t", "de", ["2023 Mio. t"]),
        ("2023 %", "en", ["2023 %"]),
        ("2000 to 3000 MWh were used", "en", ["2000", "3000 MWh"]),  # a range
        ("2000 bis 3000 MWh", "de", ["2000", "3000 MWh"]),
        ("2023 525 TWh", "en", ["2023", "525 TWh"]),  # another number: a table's row
        ("2023.5 saw", "en", ["2023.5"]),  # a decimal
        ("approx. 2000 households", "en", ["2000"]),  # an abbreviation's full stop ends no sentence
        ("It used 2000 households", "en", ["2000"]),  # not opening a sentence
        ("2000 Haushalte wurden befragt", "de", ["2000"]),  # a German noun after it: what it counts
        ("2048 GPUs were used", "en", ["2048"]),  # a count: no verb of a year after it
        ("2000 households were surveyed.", "en", ["2000"]),
        ("Data were collected. 1900 participants answered", "en", ["1900"]),
        ("2000 personnes ont répondu", "fr", ["2000"]),
        ("2000 hogares respondieron", "es", ["2000"]),
        ("1750 saw", "en", ["1750"]),  # out of 1800–2100
        ("2101 saw", "en", ["2101"]),
    ],
)
def test_a_number_opening_a_sentence_with_a_unit_a_scale_or_another_number_is_read(text, language, read):
    assert _read(text, language) == read


def test_a_claim_quoting_a_sentence_opened_by_a_year_gets_no_finding_about_the_year(tmp_path):
    root = new_registry(tmp_path, ("de",))
    add_claim(root, "v", "2023 wurden 525 TWh verbraucht.", "525", "TeraW-HR", quote="2023 wurden 525 TWh verbraucht")
    add_claim(root, "w", "2023 wurden 526 TWh verbraucht.", "526", "TeraW-HR", quote="2023 wurden 525 TWh verbraucht")
    about_numbers = findings(root, "CG320", "CG321", "CG322", "CG370")
    assert not [f for f in about_numbers if f["subject"].endswith("/v")]
    (wrong,) = [f for f in about_numbers if f["subject"].endswith("/w")]
    assert wrong["code"] == "CG320" and "525 TWh" in wrong["message"] and "2023," not in wrong["message"]
    assert wrong["facts"]["read"] == [[525.0, "TeraW-HR"]]
