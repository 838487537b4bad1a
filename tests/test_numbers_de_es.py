"""Numbers in German and Spanish quotes, as a new user's trial wrote them in a German registry (``init --lang de
--lang en``) and a Spanish one, each checked by the real ``check``. Defects found:

* scale words were not read: "16 Mrd. kWh" was read as 16 kWh, so a claim of 16 kWh passed as verified and
  the right claim of 16 TWh got CG320; "7,6 Mio. t" was 7.6 t; "millones", "mil millones", "Billionen" alike;
* years, locators and dates were read as quantities ("Bis 2030", "Tabelle 5", "Am 3. März 2024", "31.12.2024");
* multipliers, fractions, percent words, falls, ranges and rates in words were not read ("verdoppelt",
  "la mitad", "4 Prozent", "sank um 12 %", "zwischen 800 und 1.000 TWh", "0,5 l Wasser pro kWh");
* g/km was not read, in English too ("120 g CO2/km" unit not read, "120 g per km" a mass);
* messages printed numbers nobody wrote ("numbers read: 1.23457e+06 MWh", "values span 24000000000 to 1.2e12");
* ``new claim --value 1.234,5`` said "write 1.3, not 1,3" where it can say "write 1234.5".
"""

from __future__ import annotations


import pytest

from claimgraph.numbers_in_text import describe, read_numbers
from claimgraph.quantities import UNIT_NS

from .conftest import run_cli
from .made_registries import findings, new_claim, new_registry, quoted_claim, quotes_not_stating

# (claim id, quote, value, unit, quantity kind, is the value the quote's?)
GERMAN = [
    # 1. scale words: the wrong claim (the number without its scale) is CG320, the right one passes
    ("mrd_wrong", "Im Jahr 2010 benötigten die Rechenzentren 16 Mrd. kWh.", "16", "KiloW-HR", "Energy", False),
    ("mrd_right", "Im Jahr 2010 benötigten die Rechenzentren 16 Mrd. kWh.", "16", "TeraW-HR", "Energy", True),
    ("mio_right", "rund 7,6 Mio. t CO2", "7600000", "TONNE", "Mass", True),
    ("mio_wrong", "rund 7,6 Mio. t CO2", "7.6", "TONNE", "Mass", False),
    ("millionen", "Es wurden 3,5 Millionen Tonnen ausgestoßen.", "3.5", "MegaTONNE", "Mass", True),
    ("milliarden", "Der Verbrauch lag bei 2,4 Milliarden kWh.", "2.4", "TeraW-HR", "Energy", True),
    ("billionen_right", "Die Kosten betragen 1,2 Billionen Euro.", "1.2e12", "CCY_EUR", "Currency", True),
    ("billionen_wrong", "Die Kosten betragen 1,2 Billionen Euro.", "1.2", "CCY_EUR", "Currency", False),
    ("tsd", "Es waren 12 Tsd. MWh.", "12", "GigaW-HR", "Energy", True),
    ("unknown_scale", "Es waren 16 Milliónen kWh.", "16", "KiloW-HR", "Energy", False),
    # 2. years, locators and dates are no quantities
    ("bis", "Bis 2030 sollen die Emissionen sinken.", "2030", "UNITLESS", "Dimensionless", False),
    ("seit", "seit 2010 wächst der Bedarf", "2010", "UNITLESS", "Dimensionless", False),
    ("im_jahr", "im Jahr 2023 wurde gemessen", "2023", "UNITLESS", "Dimensionless", False),
    ("tabelle", "Tabelle 5 zeigt den Verbrauch.", "5", "TeraW-HR", "Energy", False),
    ("seite", "wie auf Seite 12 beschrieben", "12", "TeraW-HR", "Energy", False),
    ("s_dot", "siehe S. 12 im Bericht", "12", "TeraW-HR", "Energy", False),
    ("abb", "wie Abb. 3 zeigt", "3", "TeraW-HR", "Energy", False),
    ("kapitel", "in Kapitel 4 steht", "4", "TeraW-HR", "Energy", False),
    ("tab", "laut Tab. 2 im Anhang", "2", "TeraW-HR", "Energy", False),
    ("date_day", "Am 3. März 2024 wurde gemessen.", "3", "TeraW-HR", "Energy", False),
    ("date_digits", "Stand: 31.12.2024", "31.12", "TeraW-HR", "Energy", False),
    ("date_then_amount", "Stand: 31.12.2024, insgesamt 8 TWh", "8", "TeraW-HR", "Energy", True),
    # 3. multipliers, fractions, percent words, falls, ranges, rates
    ("verdoppelt", "Der Verbrauch hat sich verdoppelt.", "2", "UNITLESS", "Dimensionless", True),
    ("dreifache", "Er stieg um das Dreifache.", "3", "UNITLESS", "Dimensionless", True),
    ("halbiert", "Der Bedarf wurde halbiert.", "0.5", "UNITLESS", "Dimensionless", True),
    ("drittel", "ein Drittel des Stroms", "33.3", "PERCENT", "DimensionlessRatio", True),
    ("haelfte", "die Hälfte des Stroms", "50", "PERCENT", "DimensionlessRatio", True),
    ("zehnmal", "zehnmal so viel", "10", "UNITLESS", "Dimensionless", True),
    ("prozent", "ein Anteil von 4 Prozent", "4", "PERCENT", "DimensionlessRatio", True),
    ("sank", "Der Verbrauch sank um 12 %.", "-12", "PERCENT", "DimensionlessRatio", True),
    ("zurueck", "Der Verbrauch ging um 12 % zurück.", "-12", "PERCENT", "DimensionlessRatio", True),
    (
        "minderung",
        "Das entspricht einer Minderung um 46,1 Prozent gegenüber 1990.",
        "-46.1",
        "PERCENT",
        "DimensionlessRatio",
        True,
    ),
    ("gemindert", "Die Emissionen wurden um 46,1 % gemindert.", "-46.1", "PERCENT", "DimensionlessRatio", True),
    ("unter_dem_niveau", "Sie lagen 46,1 % unter dem Niveau von 1990.", "-46.1", "PERCENT", "DimensionlessRatio", True),
    # a fall word does not make any number state a fall: the figure must still be the claim's
    ("minderung_wrong", "Eine Minderung um 40 Prozent.", "-46.1", "PERCENT", "DimensionlessRatio", False),
    # without a word of a fall, a positive figure does not state a negative claim
    ("anstieg", "Die Emissionen stiegen um 46,1 %.", "-46.1", "PERCENT", "DimensionlessRatio", False),
    ("zwischen", "zwischen 800 und 1.000 TWh", "800 1000", "TeraW-HR", "Energy", True),
    ("bis_range", "31 bis 37 TWh", "31 37", "TeraW-HR", "Energy", True),
    ("wasser_wrong", "0,5 l Wasser pro kWh", "0.5", "L", "Volume", False),  # a rate, no volume
    # 4. ct is the euro cent of German price tables, and "Cent" in a German text the euro's first: "40 ct/kWh" is
    # 400 EUR/MWh, never 40 EUR/MWh (which passed, the number read bare)
    ("ct_right", "Der Preis wird auf 40 ct/kWh begrenzt.", "400", "CCY_EUR-PER-MegaW-HR", "CostPerEnergy", True),
    ("ct_wrong", "Der Preis wird auf 40 ct/kWh begrenzt.", "40", "CCY_EUR-PER-MegaW-HR", "CostPerEnergy", False),
    ("ct_capital_right", "Der Deckel: 40 Ct/kWh.", "0.4", "CCY_EUR-PER-KiloW-HR", "CostPerEnergy", True),
    ("ct_capital_wrong", "Der Deckel: 40 Ct/kWh.", "40", "CCY_EUR-PER-MegaW-HR", "CostPerEnergy", False),
    ("ct_je_right", "Der Deckel: 40 ct je kWh.", "400", "CCY_EUR-PER-MegaW-HR", "CostPerEnergy", True),
    ("ct_je_wrong", "Der Deckel: 40 ct je kWh.", "40", "CCY_EUR-PER-MegaW-HR", "CostPerEnergy", False),
    ("ct_pro_kwh_right", "Er zahlt 9,5 ct pro Kilowattstunde.", "95", "CCY_EUR-PER-MegaW-HR", "CostPerEnergy", True),
    ("ct_pro_kwh_wrong", "Er zahlt 9,5 ct pro Kilowattstunde.", "9.5", "CCY_EUR-PER-MegaW-HR", "CostPerEnergy", False),
    ("ct_alone_right", "Die Umlage beträgt 40 ct.", "0.4", "CCY_EUR", "Currency", True),
    ("ct_alone_wrong", "Die Umlage beträgt 40 ct.", "40", "CCY_EUR", "Currency", False),
    (
        "cent_right",
        "Der Preis wird auf 40 Cent pro Kilowattstunde begrenzt.",
        "400",
        "CCY_EUR-PER-MegaW-HR",
        "CostPerEnergy",
        True,
    ),
    (
        "cent_wrong",
        "Der Preis wird auf 40 Cent pro Kilowattstunde begrenzt.",
        "40",
        "CCY_EUR-PER-MegaW-HR",
        "CostPerEnergy",
        False,
    ),
    # 5. energy and power in words: the bare number passed in the claim's unit, 1000× off
    ("terawattstunden_right", "Erzeugt wurden 59,8 Terawattstunden.", "59.8", "TeraW-HR", "Energy", True),
    ("terawattstunden_wrong", "Erzeugt wurden 59,8 Terawattstunden.", "59.8", "GigaW-HR", "Energy", False),
    ("gigawattstunden_right", "Erzeugt wurden 59,8 Gigawattstunden.", "59.8", "GigaW-HR", "Energy", True),
    ("gigawattstunden_wrong", "Erzeugt wurden 59,8 Gigawattstunden.", "59.8", "TeraW-HR", "Energy", False),
    ("megawattstunde_right", "Verbraucht wurde 1 Megawattstunde.", "1", "MegaW-HR", "Energy", True),
    ("megawattstunde_wrong", "Verbraucht wurde 1 Megawattstunde.", "1", "KiloW-HR", "Energy", False),
    ("kilowattstunden_right", "Verbraucht wurden 3500 Kilowattstunden.", "3.5", "MegaW-HR", "Energy", True),
    ("kilowattstunden_wrong", "Verbraucht wurden 3500 Kilowattstunden.", "3500", "MegaW-HR", "Energy", False),
    ("wattstunden_right", "Der Akku speichert 50 Wattstunden.", "50", "W-HR", "Energy", True),
    ("wattstunden_wrong", "Der Akku speichert 50 Wattstunden.", "50", "KiloW-HR", "Energy", False),
    ("megawatt_right", "Installiert sind 820 Megawatt.", "0.82", "GigaW", "Power", True),
    ("megawatt_wrong", "Installiert sind 820 Megawatt.", "820", "GigaW", "Power", False),
    ("kilowatt_right", "Die Anlage leistet 10 Kilowatt.", "10", "KiloW", "Power", True),
    ("kilowatt_wrong", "Die Anlage leistet 10 Kilowatt.", "10", "MegaW", "Power", False),
    ("gramm_right", "Es waren 380 Gramm.", "0.38", "KiloGM", "Mass", True),
    ("gramm_wrong", "Es waren 380 Gramm.", "380", "KiloGM", "Mass", False),
    (
        "mrd_kilowattstunden_right",
        "Erzeugt wurden 59,8 Milliarden Kilowattstunden.",
        "59.8",
        "TeraW-HR",
        "Energy",
        True,
    ),
    (
        "mrd_kilowattstunden_wrong",
        "Erzeugt wurden 59,8 Milliarden Kilowattstunden.",
        "59.8",
        "GigaW-HR",
        "Energy",
        False,
    ),
    (
        "euro_pro_mwh_right",
        "Der Preis beträgt 95,18 Euro pro Megawattstunde.",
        "95.18",
        "CCY_EUR-PER-MegaW-HR",
        "CostPerEnergy",
        True,
    ),
    (
        "euro_pro_mwh_wrong",
        "Der Preis beträgt 95,18 Euro pro Megawattstunde.",
        "95.18",
        "CCY_EUR-PER-KiloW-HR",
        "CostPerEnergy",
        False,
    ),
    ("gramm_co2_right", "Er betrug 380 Gramm CO2 pro Kilowattstunde.", "380", "GM-PER-KiloW-HR", "MassPerEnergy", True),
    (
        "gramm_co2_wrong",
        "Er betrug 380 Gramm CO2 pro Kilowattstunde.",
        "380",
        "KiloGM-PER-KiloW-HR",
        "MassPerEnergy",
        False,
    ),
]

SPANISH = [
    ("millones", "3,5 millones de m3", "3500000", "M3", "Volume", True),
    ("millones_wrong", "3,5 millones de m3", "3.5", "M3", "Volume", False),
    ("mil_millones", "1,2 mil millones de litros", "1.2e9", "L", "Volume", True),
    ("mil_millones_wrong", "1,2 mil millones de litros", "1.2e6", "L", "Volume", False),
    ("billones", "un coste de 2 billones de euros", "2e12", "CCY_EUR", "Currency", True),
    ("mil", "unos 40 mil hogares", "40000", "UNITLESS", "Dimensionless", True),
    ("hasta", "hasta 2030 se espera", "2030", "UNITLESS", "Dimensionless", False),
    ("desde", "desde 2010 crece", "2010", "UNITLESS", "Dimensionless", False),
    ("en", "en 2024 se midió", "2024", "UNITLESS", "Dimensionless", False),
    ("tabla", "la tabla 5 muestra", "5", "TeraW-HR", "Energy", False),
    ("pag", "ver pág. 12", "12", "TeraW-HR", "Energy", False),
    ("figura", "la figura 3 muestra", "3", "TeraW-HR", "Energy", False),
    ("fecha", "el 3 de marzo de 2024 se midió", "3", "TeraW-HR", "Energy", False),
    ("doble", "el consumo fue el doble", "2", "UNITLESS", "Dimensionless", True),
    ("duplico", "el consumo se duplicó", "2", "UNITLESS", "Dimensionless", True),
    ("tres_veces", "tres veces más", "3", "UNITLESS", "Dimensionless", True),
    ("mitad", "la mitad de la energía", "50", "PERCENT", "DimensionlessRatio", True),
    ("por_ciento", "un 4 por ciento", "4", "PERCENT", "DimensionlessRatio", True),
    ("bajo", "el consumo bajó un 12 %", "-12", "PERCENT", "DimensionlessRatio", True),
    ("por_debajo", "las emisiones quedaron un 12 % por debajo de 1990", "-12", "PERCENT", "DimensionlessRatio", True),
    ("entre", "entre 3 y 4 TWh", "3 4", "TeraW-HR", "Energy", True),
    ("de_a", "de 3 a 4 TWh", "3 4", "TeraW-HR", "Energy", True),
    # energy and power in words, and the cents of a Spanish text (the euro's first)
    ("teravatios_right", "Se generaron 59,8 teravatios hora.", "59.8", "TeraW-HR", "Energy", True),
    ("teravatios_wrong", "Se generaron 59,8 teravatios hora.", "59.8", "GigaW-HR", "Energy", False),
    ("kilovatios_right", "Se consumieron 3500 kilovatios-hora.", "3.5", "MegaW-HR", "Energy", True),
    ("kilovatios_wrong", "Se consumieron 3500 kilovatios-hora.", "3500", "MegaW-HR", "Energy", False),
    ("megavatios_right", "Se instalaron 820 megavatios.", "0.82", "GigaW", "Power", True),
    ("megavatios_wrong", "Se instalaron 820 megavatios.", "820", "GigaW", "Power", False),
    ("euros_por_mwh_right", "Cuesta 95 euros por megavatio hora.", "95", "CCY_EUR-PER-MegaW-HR", "CostPerEnergy", True),
    (
        "euros_por_mwh_wrong",
        "Cuesta 95 euros por megavatio hora.",
        "95",
        "CCY_EUR-PER-KiloW-HR",
        "CostPerEnergy",
        False,
    ),
    ("cents_right", "Cuesta 40 cents/kWh.", "400", "CCY_EUR-PER-MegaW-HR", "CostPerEnergy", True),
    ("cents_wrong", "Cuesta 40 cents/kWh.", "40", "CCY_EUR-PER-MegaW-HR", "CostPerEnergy", False),
]


@pytest.fixture(scope="module")
def german_cg320(tmp_path_factory) -> set[str]:
    root = tmp_path_factory.mktemp("de") / "r"
    made = run_cli("init", str(root), "--lang", "de", "--lang", "en")
    assert made.code == 0, made.err
    assert 'languages = ["de", "en"]' in (root / "claimgraph.toml").read_text(encoding="utf-8")
    source = run_cli(
        "new", "source", "--registry", str(root), "--key", "Doe2021", "--author", "Doe, Jane", "--title", "T",
        "--year", "2021", "--doi", "10.1234/abc",
    )  # fmt: skip
    assert source.code == 0, source.err
    return quotes_not_stating(root, GERMAN)


@pytest.fixture(scope="module")
def spanish_cg320(tmp_path_factory) -> set[str]:
    return quotes_not_stating(new_registry(tmp_path_factory.mktemp("es"), ("es", "en")), SPANISH)


@pytest.mark.parametrize("claim_id, quote, value, unit, kind, stated", GERMAN, ids=[c[0] for c in GERMAN])
def test_a_german_quote_states_what_it_says(german_cg320, claim_id, quote, value, unit, kind, stated):
    assert (claim_id in german_cg320) is not stated, (quote, value, unit)


@pytest.mark.parametrize("claim_id, quote, value, unit, kind, stated", SPANISH, ids=[c[0] for c in SPANISH])
def test_a_spanish_quote_states_what_it_says(spanish_cg320, claim_id, quote, value, unit, kind, stated):
    assert (claim_id in spanish_cg320) is not stated, (quote, value, unit)


@pytest.mark.parametrize(
    "text, languages",
    [("0,5 l Wasser pro kWh", ("de", "en")), ("0,5 l Wasser je kWh", ("de",)), ("0,5 l de agua por kWh", ("es",))],
)
def test_water_per_kilowatt_hour_is_a_rate(text, languages):
    (number,) = read_numbers(text, languages).numbers
    assert (number.readings, number.unit) == ((0.5,), UNIT_NS + "L-PER-KiloW-HR")


def test_the_long_scale_follows_the_quotes_language():
    """German "Billionen" and Spanish "billones" are 10¹² alone; "Billion" in a German registry is 10¹² first
    (and 10⁹, as a French "billion"); in an English-only one 10⁹ alone, as before."""
    assert read_numbers("1,2 Billionen Euro", ("de", "en")).numbers[0].readings == (1.2e12,)
    assert read_numbers("2 billones de euros", ("es",)).numbers[0].readings == (2e12,)
    assert read_numbers("1,2 Billion Euro", ("de", "en")).numbers[0].readings[0] == 1.2e12
    assert read_numbers("1.2 Billion euros", ("en",)).numbers[0].readings == (1.2e9,)


@pytest.mark.parametrize(
    "text", ["120 g CO2/km", "120 gCO2/km", "120 g/km", "120 g per km", "120 g of CO2 per km", "120 gCO2e per km"]
)
def test_grams_per_kilometre_are_read_as_a_rate(tmp_path, text):
    root = new_registry(tmp_path, ("en",))
    quoted_claim(root, "rate", text, "120", "GM-PER-KiloM", "MassPerLength")
    quoted_claim(root, "mass", text, "120", "GM", "Mass")  # "120 g per km" is no mass of 120 g
    assert {f["subject"].rsplit("/", 1)[-1] for f in findings(root, "CG320")} == {"mass"}


def test_a_message_prints_every_digit_read(tmp_path):
    root = new_registry(tmp_path, ("de", "en"))
    quoted_claim(root, "c1", "insgesamt 1.234.567 MWh", "1234", "MegaW-HR", "Energy")
    (found,) = findings(root, "CG320")
    assert "(numbers read: 1234567 MWh)" in found["message"], found["message"]
    assert describe(read_numbers("16 Mrd. kWh", ("de",))) == "16000000000 kWh"


def test_a_span_of_conflicting_values_is_written_one_way(tmp_path):
    root = new_registry(tmp_path, ("en",))
    for claim_id, value in (("low", "24000000000"), ("high", "1.2e12")):
        added = new_claim(
            root, claim_id, "--statement", "See the value.", "--value", value, "--unit", "CCY_EUR",
            measurand="cost", kind="Currency",
        )  # fmt: skip
        assert added.code == 0, added.err
    found = findings(root, "CG340")
    assert len(found) == 2
    assert all("values span 2.4 × 10¹⁰ to 1.2 × 10¹² EUR" in f["message"] for f in found), found


@pytest.mark.parametrize(
    "typed, meant",
    [("1.234,5", "1234.5"), ("1.234.567", "1234567"), ("12,5", "12.5"), ("0,429", "0.429"), ("1,234.5", "1234.5")],
)
def test_new_claim_says_which_number_to_type(tmp_path, typed, meant):
    root = new_registry(tmp_path, ("de", "en"))
    before = (root / "claims" / "claims.ttl").read_text(encoding="utf-8")
    added = new_claim(root, "c1", "--statement", "It took some MWh.", "--value", typed, "--unit", "MegaW-HR")
    assert added.code == 2
    assert f"value {typed!r} is not a number (write {meant}:" in added.err, added.err
    assert (root / "claims" / "claims.ttl").read_text(encoding="utf-8") == before


def test_an_ambiguous_comma_gives_both_numbers(tmp_path):
    root = new_registry(tmp_path, ("de", "en"))
    added = new_claim(root, "c1", "--statement", "It took some MWh.", "--value", "1,300", "--unit", "MegaW-HR")
    assert added.code == 2
    assert "(write 1300 (a thousands comma) or 1.3 (a decimal comma):" in added.err, added.err


@pytest.mark.parametrize(
    "text, languages, read",
    [
        ("40 Cent pro Kilowattstunde", ("de", "en"), "0.4 EUR/kWh"),
        ("40 cents par kWh", ("fr", "en"), "0.4 EUR/kWh"),
        ("40 cent al kWh", ("it", "en"), "0.4 EUR"),
        ("40 ct/kWh", ("de", "en"), "0.4 EUR/kWh"),
        ("40 cents per kWh", ("en", "de"), "0.4 USD/kWh"),  # English: the dollar's cent first
        ("40 US cents per kWh", ("de", "en"), "0.4 USD/kWh"),
        ("40¢/kWh", ("de", "en"), "0.4 USD/kWh"),
    ],
)
def test_cents_are_the_euros_first_in_a_text_in_a_euro_language(text, languages, read):
    # a German registry's check said "numbers read: 0.4 USD" for "40 Cent pro Kilowattstunde"
    assert describe(read_numbers(text, languages)) == read
