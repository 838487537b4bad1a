"""What a new user's trial on a transport registry (Italian and English) found besides the number reader:
``new claim --unit kn`` (knot, mile, mph) suggested nothing where ``--unit g/km`` did, ``claimgraph units nodi``
answered "Synodic Month" alone, and Italian measurand labels on a site in English carried no ``lang="it"``.
Each registry is made here as a user makes one (tests/made_registries.py)."""

from __future__ import annotations

import json
import re

import pytest

from claimgraph.numbers_in_text import unit_written

from .conftest import run_cli
from .made_registries import checked_site, new_claim, new_registry, site_page

# ------------------------------------------------------------------ 6. a unit name no rule resolves gets a suggestion


@pytest.mark.parametrize("typed", ["kn", "knot", "knots"])
def test_new_claim_suggests_the_knot_for_its_symbol_and_its_name(tmp_path, typed):
    root = new_registry(tmp_path, ("it", "en"))
    added = new_claim(root, "v", "--statement", "s", "--lang", "en", "--value", "12", "--unit", typed, kind="Speed")
    assert added.code == 2, added.err
    assert f"unit:{typed} is not a unit claimgraph can convert" in added.err
    # kn is the knot's symbol as QUDT writes it: not the kilonewton's kN
    assert "did you mean --unit KN (kn)? (claimgraph units)" in added.err, added.err
    assert "KiloN" not in added.err and "Traceback" not in added.err
    assert "claim:v" not in (root / "claims" / "claims.ttl").read_text(encoding="utf-8")


def test_new_claim_lists_the_miles_a_mile_may_be(tmp_path):
    root = new_registry(tmp_path, ("en",))
    added = new_claim(root, "d", "--statement", "s", "--value", "120", "--unit", "mile", kind="Length")
    assert added.code == 2, added.err
    # the international mile, the one the reader of numbers reads "mile" as: the one suggestion
    assert "did you mean --unit MI (mi" in added.err, added.err
    assert unit_written("mile") is not None
    assert "PER-HR" not in added.err  # a mile per hour is no mile


def test_new_claim_suggests_the_mile_per_hour_for_mph(tmp_path):
    root = new_registry(tmp_path, ("en",))
    added = new_claim(root, "v", "--statement", "s", "--value", "45", "--unit", "mph", kind="Speed")
    assert added.code == 2 and "did you mean --unit MI-PER-HR (mi/h)?" in added.err, added.err


def test_new_claim_with_a_unit_nobody_names_says_where_to_look(tmp_path):
    root = new_registry(tmp_path, ("en",))
    added = new_claim(root, "x", "--statement", "s", "--value", "1", "--unit", "zzq", kind="Energy")
    assert added.code == 2 and "unit:zzq is not a unit claimgraph can convert" in added.err
    assert "did you mean" not in added.err and "claimgraph units TEXT" in added.err


def test_new_claim_takes_a_unit_the_registry_declares(tmp_path):
    root = new_registry(tmp_path, ("en",))
    with (root / "claims" / "claims.ttl").open("a", encoding="utf-8") as handle:
        handle.write(
            '\nunit:TRIP a qudt:Unit ; rdfs:label "trip"@en ; qudt:conversionMultiplier 1 ;'
            " qudt:hasDimensionVector <http://qudt.org/vocab/dimensionvector/A0E0L0I0M0H0T0D1> .\n"
        )
    added = new_claim(root, "t", "--statement", "s", "--value", "3", "--unit", "TRIP", kind="Count")
    assert added.code == 0, added.err


# ------------------------------------------------------------------ 7. a search found only inside another word


def _units(text: str) -> tuple[list[dict], str]:
    result = run_cli("units", text, "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out), result.err


@pytest.mark.parametrize("typed, inside", [("ore", "CCY_KRW"), ("ora", "MicroRAD")])  # hours, an hour: in Italian
def test_units_says_no_unit_is_named_a_word_found_only_inside_others(typed, inside):
    rows, err = _units(typed)
    assert inside in [row["name"] for row in rows]
    assert f"no unit is named '{typed}'; names containing it:" in err
    assert all(f"“{typed}” only inside a word of its names" in row["note"] for row in rows)
    table = run_cli("units", typed)
    assert table.code == 0 and table.out.splitlines()[0].split()[0] == rows[0]["name"]  # rows alone on stdout


def test_units_anno_answers_the_year_the_reader_reads_it_as():
    """Italian "anno" is read in text as the year (docs/numbers.md): `units anno` names it first, as a unit named so."""
    rows, err = _units("anno")
    assert rows[0]["name"] == "YR", rows[0]
    assert "no unit is named" not in err


def test_units_nodi_does_not_answer_the_synodic_month_as_if_it_were_named_so():
    rows, err = _units("nodi")
    names = [row["name"] for row in rows]
    # either the number reader reads "nodi" as knots (listed first), or the month is shown as found inside a word
    assert names[0] == "KN" or ("no unit is named 'nodi'" in err and names == ["MO_Synodic"]), (names, err)
    assert "only inside a word" in rows[names.index("MO_Synodic")]["note"]


def test_units_lists_whole_words_before_words_that_merely_contain_the_text():
    names = [row["name"] for row in _units("gram")[0]]
    # "Ampere per Gram" holds the word; "Ampere Hour per Kilogram" only holds it inside "Kilogram"
    assert names[0] == "GM" and names.index("A-PER-GM") < names.index("A-HR-PER-KiloGM")
    names = [row["name"] for row in _units("litre")[0]]
    assert names.index("BQ-PER-L") < names.index("CentiL")  # "Becquerel per Litre" before "Centilitre"
    rows, err = _units("kWh")
    assert rows[0]["name"] == "KiloW-HR" and "no unit is named" not in err


# ------------------------------------------------------------------ 8. Italian names on an English page


def _site_of(tmp_path, languages: tuple[str, ...], label: str, lang: str, statement: str):
    root = new_registry(tmp_path, languages)
    added = new_claim(
        root, "aereo-pkm", "--statement", statement, "--lang", lang, "--value", "285", "--unit", "GM-PER-KiloM",
        "--measurand-label", label, "--system-label", "aereo", kind="MassPerLength",
    )  # fmt: skip
    assert added.code == 0, added.err
    return checked_site(root, tmp_path / "site")


def test_italian_names_on_the_english_page_of_an_italian_registry_are_marked_italian(tmp_path):
    site = _site_of(
        tmp_path, ("it", "en"), "emissioni di CO2e per passeggero-km", "it", "Un volo nazionale emette circa 285 g."
    )
    measurand, claim = site_page(site, "measurands/aereo-pkm.html"), site_page(site, "claims/aereo-pkm.html")
    assert '<html lang="en"' in claim and '<html lang="en"' in measurand  # the interface: English
    named = '<span lang="it">emissioni di CO2e per passeggero-km</span>'
    assert f'<h1 id="measurand">{named}</h1>' in measurand
    heading = re.search(r'<h1 id="claim">(.*?)</h1>', claim).group(1)
    assert heading.startswith('<span lang="it">285') and heading.endswith("emissioni di CO2e per passeggero-km</span>")
    assert f'<a href="../measurands/aereo-pkm.html">{named}</a>' in claim  # the link to the measurand
    # the chart's title: the name marked, the interface's words not
    assert '<tspan xml:lang="it">emissioni di CO2e per passeggero-km</tspan>: values across sources' in measurand
    # a statement in a list of claims, as a statement on its page
    assert '<span lang="it">Un volo nazionale emette circa 285 g.</span>' in site_page(site, "claims/index.html")
    # <title> cannot mark a part: it keeps the words, without markup
    assert "<title>285" in claim and "<title><span" not in claim
    assert "<title>emissioni di CO2e per passeggero-km" in measurand


def test_names_in_the_pages_language_are_not_marked_again(tmp_path):
    site = _site_of(tmp_path, ("fr", "en"), "émissions par passager-km", "fr", "Un vol émet environ 285 g.")
    measurand, claim = site_page(site, "measurands/aereo-pkm.html"), site_page(site, "claims/aereo-pkm.html")
    assert '<html lang="fr"' in measurand
    assert '<h1 id="measurand">émissions par passager-km</h1>' in measurand
    assert re.search(r'<h1 id="claim">285[^<]*émissions par passager-km</h1>', claim), claim
    assert '<span lang="fr">' not in measurand + claim and 'xml:lang="fr"' not in measurand
    assert "<tspan" not in measurand
