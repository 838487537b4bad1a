"""Scale words of Italian, Portuguese and Dutch, as a new user's transport trial wrote them in Italian, Portuguese
and Dutch registries (docs/numbers.md, Languages). Defects found:

* "850 miliardi di passeggeri-km", "32 mila", "32mila", "1,2 milioni di tonnellate", "2 milhões de toneladas",
  "R$ 3 bilhões", "1,2 mil milhões", "3 miljoen ton", "2 miljard euro" left the number's unit not read: a right
  claim of 1.2e6 t quoting "1,2 milioni di tonnellate" got a false CG320 (a statement, CG322);
* "tonnellate" was no unit: "3 tonnellate" stated a bare 3 in any claim's unit.

The tests of reading failed on the reader before the change; the guards (words read as before, scales left not
read) passed before and after it.
"""

from __future__ import annotations

import pytest

from claimgraph.numbers_in_text import UNIT_NOT_READ, describe, read_numbers, states
from claimgraph.quantities import UNIT_NS, Quantity

from .made_registries import add_claim, findings, new_registry, quoted_claim


def read(text: str, *languages: str) -> str:
    return describe(read_numbers(text, languages or ("en",)))


@pytest.mark.parametrize(
    "text, languages, described",
    [
        # Italian: thousands spaced or glued, millions, milliards, "di" before the unit
        ("850 miliardi di passeggeri-km", ("it",), "850000000000"),
        ("32 mila", ("it",), "32000"),
        ("32mila", ("it",), "32000"),
        ("3 migliaia di tonnellate", ("it",), "3000 t"),
        ("1,2 milioni", ("it",), "1200000"),
        ("1 milione di litri", ("it",), "1000000 L"),
        ("1,2 milioni di tonnellate", ("it",), "1200000 t"),
        ("1 miliardo di euro", ("it",), "1000000000 EUR"),
        ("€1,2 miliardi", ("it",), "1200000000 EUR"),
        ("3 mila euro", ("it",), "3000 EUR"),
        ("2,5 mln di tonnellate", ("it",), "2500000 t"),
        ("3 mld di euro", ("it",), "3000000000 EUR"),
        ("3 mrd di euro", ("it",), "3000000000 EUR"),
        ("3 tonnellate", ("it",), "3 t"),
        # Italian "bilione" is 10¹², and 10⁹ in older texts: both kept
        ("2 bilioni di euro", ("it",), "2 × 10¹² EUR (or 2000000000 EUR)"),
        # Portuguese: "mil" as Spanish, "mil milhões" (Portugal's 10⁹), Brazil's "bilhão", Portugal's "bilião"
        ("32 mil", ("pt",), "32000"),
        ("2 milhões de toneladas", ("pt",), "2000000 t"),
        ("1 milhão de litros", ("pt",), "1000000 L"),
        ("1,2 mil milhões de euros", ("pt",), "1200000000 EUR"),
        ("€ 1,2 mil milhões", ("pt",), "1200000000 EUR"),
        ("R$ 3 bilhões", ("pt",), "3000000000 BRL"),
        ("R$ 3,5 bilhões", ("pt",), "3500000000 BRL"),
        ("3,5 bilhões de reais", ("pt",), "3500000000 BRL"),
        ("1 bilhão de litros", ("pt",), "1000000000 L"),
        ("2 trilhões de reais", ("pt",), "2 × 10¹² BRL"),
        ("3 biliões de euros", ("pt",), "3 × 10¹² EUR (or 3000000000 EUR)"),
        ("1 bilião de euros", ("pt",), "1 × 10¹² EUR (or 1000000000 EUR)"),
        # Dutch: no preposition before the unit
        ("3 miljoen ton", ("nl",), "3000000 t"),
        ("2 miljard euro", ("nl",), "2000000000 EUR"),
        ("$4 miljoen", ("nl",), "4000000 USD"),
        ("1,5 biljoen euro", ("nl",), "1.5 × 10¹² EUR"),
        ("32 duizend", ("nl",), "32000"),
        ("2,5 mln liter", ("nl",), "2500000 L"),
        ("4 mld euro", ("nl",), "4000000000 EUR"),
        # Polish "mld" is the milliard too, and "zł" Poland's money
        ("5 mld zł", ("pl",), "5000000000 PLN"),
        ("5 mld złotych", ("pl",), "5000000000 PLN"),
    ],
)
def test_italian_portuguese_and_dutch_scales_are_read(text, languages, described):
    assert read(text, *languages) == described


@pytest.mark.parametrize(
    "text, languages, described",
    [
        # Spanish "mil" and "mil millones" are read as before; Portuguese "mil" is the same thousand
        ("3 mil", ("es",), "3000"),
        ("1,2 mil millones de litros", ("es",), "1200000000 L"),
        ("O prémio foi de 32 mil euros.", ("pt",), "32000 EUR"),
        ("El premio fue de 32 mil euros.", ("es",), "32000 EUR"),
        # the words of every language are read whatever the registry's: Italian in a French registry
        ("2 milioni de tonnes", ("fr",), "2000000 t"),
        ("1,2 milioni", ("fr", "en"), "1200000"),
        # "Mila" the name: capitalised, no number before it
        ("Mila Kunis ha parlato con 3 amici", ("it",), "3"),
        ("Ne ha parlato Mila.", ("it",), "none"),
        # English "ton" is read as the tonne, as before (Dutch "ton" the same)
        ("3 million tons", ("en",), "3000000 t"),
    ],
)
def test_neighbouring_words_are_read_as_before(text, languages, described):
    assert read(text, *languages) == described


@pytest.mark.parametrize(
    "text, languages",
    [
        ("3 Mila", ("it",)),  # capitalised after a number: a name as often, not read
        ("3 triliões", ("pt",)),  # 10¹⁸ in Portugal, 10¹² as an anglicism
        ("3 trilioni", ("it",)),
        ("3 triljoen", ("nl",)),
        ("3 Milioni", ("it",)),
    ],
)
def test_scales_the_reader_does_not_read_leave_the_unit_not_read(text, languages):
    numbers = [n for n in read_numbers(text, languages).numbers if not n.alternative]
    assert [n.unit for n in numbers] == [UNIT_NOT_READ], read(text, *languages)


def test_a_brazilian_billion_states_no_trillion():
    """Brazil's spelling "bilhão" is 10⁹ alone: a claim a thousand times off is not stated."""
    brl = UNIT_NS + "CCY_BRL"
    assert not states(Quantity(unit=brl, value=3e12, lexical="3e12"), "R$ 3 bilhões", ("pt",))
    assert states(Quantity(unit=brl, value=3e9, lexical="3e9"), "R$ 3 bilhões", ("pt",))


# ------------------------------------------------------------------ end to end: check on a registry a user makes


@pytest.mark.parametrize(
    "languages, quote, value, unit, kind",
    [
        (("it", "en"), "Sono state trasportate 1,2 milioni di tonnellate di merci.", "1.2e6", "TONNE", "Mass"),
        (("it", "en"), "Il traffico ha raggiunto 850 miliardi di passeggeri-km.", "850e9", "UNITLESS", "Dimensionless"),
        (("it", "en"), "I passeggeri erano 32 mila.", "32000", "UNITLESS", "Dimensionless"),
        (("it", "en"), "I passeggeri erano 32mila.", "32000", "UNITLESS", "Dimensionless"),
        (("it", "en"), "Il costo è di €1,2 miliardi.", "1.2", "GigaCCY_EUR", "Currency"),
        (("pt", "en"), "Foram transportados 2 milhões de toneladas.", "2", "MegaTONNE", "Mass"),
        (("pt", "en"), "O custo foi de R$ 3 bilhões.", "3e9", "CCY_BRL", "Currency"),
        (("pt", "en"), "O custo foi de € 1,2 mil milhões.", "1.2e9", "CCY_EUR", "Currency"),
        (("nl", "en"), "Er werd 3 miljoen ton vervoerd.", "3e6", "TONNE", "Mass"),
        (("nl", "en"), "De kosten waren 2 miljard euro.", "2e9", "CCY_EUR", "Currency"),
    ],
)
def test_a_right_claim_quoting_a_scale_gets_no_finding(tmp_path, languages, quote, value, unit, kind):
    root = new_registry(tmp_path, languages)
    quoted_claim(root, "c1", quote, value, unit, kind)
    assert findings(root, "CG320") == []


@pytest.mark.parametrize(
    "languages, quote, value, unit, kind",
    [
        # ten times off, and the number without its scale
        (("it", "en"), "Sono state trasportate 1,2 milioni di tonnellate di merci.", "1.2e7", "TONNE", "Mass"),
        (("it", "en"), "Sono state trasportate 1,2 milioni di tonnellate di merci.", "1.2", "TONNE", "Mass"),
        (("it", "en"), "I passeggeri erano 32 mila.", "32", "UNITLESS", "Dimensionless"),
        (("pt", "en"), "Foram transportados 2 milhões de toneladas.", "20", "MegaTONNE", "Mass"),
        (("pt", "en"), "O custo foi de R$ 3 bilhões.", "3e12", "CCY_BRL", "Currency"),
        (("nl", "en"), "Er werd 3 miljoen ton vervoerd.", "3e7", "TONNE", "Mass"),
        (("nl", "en"), "De kosten waren 2 miljard euro.", "2e9", "CCY_USD", "Currency"),
    ],
)
def test_a_wrong_claim_quoting_a_scale_gets_cg320(tmp_path, languages, quote, value, unit, kind):
    root = new_registry(tmp_path, languages)
    quoted_claim(root, "c1", quote, value, unit, kind)
    assert len(findings(root, "CG320")) == 1


@pytest.mark.parametrize(
    "statement, value, found",
    [
        ("Nel 2019 sono state trasportate 1,2 milioni di tonnellate di merci.", "1.2e6", 0),
        ("Nel 2019 sono state trasportate 1,2 milioni di tonnellate di merci.", "1.2e7", 1),
    ],
)
def test_a_statement_with_a_scale_is_read(tmp_path, statement, value, found):
    root = new_registry(tmp_path, ("it", "en"))
    add_claim(root, "c1", statement, value, "TONNE", kind="Mass")
    assert len(findings(root, "CG322")) == found
