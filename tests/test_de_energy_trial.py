"""What a German user's trial on an energy registry (languages = ["de"]) found on the site, in the units and in
the saved queries: verdict boxes rounded a claim of 45.12 and its source's 45.14 to "45,1" twice and a recomputed
interval to "zwischen 9,52 und 9,52", the claim page wrote that interval with English decimals; a euro cent
per kWh was labelled "CentiCCY_EUR/kWh" and a billion euros "GEUR", `units ct/kWh` found nothing; a conclusion
with no evidence read "(keine belege erfasst)", a German source page "pp. 34–36" and a BibTeX "--" stayed in
titles; CG220 sent a range's bounds to the claim; `conclusion-support` listed a challenging claim as support,
`claims-by-measurand` said durations go to months, `no-persistent-identifier` and CG303 disagreed on URLs; a
step using another step got CG309 telling it to become a claim."""

from __future__ import annotations

import json

import pytest

from claimgraph.quantities import CANONICAL_UNITS, UNIT_NS, digits_to_tell_apart, unit_label, written_digits
from claimgraph.sparql.saved import find_saved_query

from .conftest import run_cli
from .made_registries import add_turtle, checked_site, findings, new_registry, page_words, site_page

PRICES = """@prefix step: <step/> .

system:de a cg:System ; rdfs:label "Deutschland"@de .
measurand:haushalt a cg:Measurand ; rdfs:label "Haushaltsstrompreis"@de ;
    cg:quantityKind quantitykind:CostPerEnergy ; cg:about system:de .
measurand:boerse a cg:Measurand ; rdfs:label "Börsenstrompreis"@de ;
    cg:quantityKind quantitykind:CostPerEnergy ; cg:about system:de .
claim:haushalt a cg:QuantitativeClaim ; cg:statement "Haushalte zahlen 45,12 ct/kWh."@de ;
    cg:measurand measurand:haushalt ;
    cg:value [ qudt:numericValue 45.12 ; qudt:unit unit:CentiCCY_EUR-PER-KiloW-HR ] ;
    cg:cites source:Doe2021 ; cg:citedSourceRole role:primary ;
    cg:citedQuote [ cg:inSource source:Doe2021 ; oa:exact "Der Preis beträgt 45,14 ct/kWh." ; cg:locator "S. 6" ;
        cg:value [ qudt:numericValue 45.14 ; qudt:unit unit:CentiCCY_EUR-PER-KiloW-HR ] ] ;
    cg:status status:verifiedPrimary ; cg:statusNote "S. 6."@de .
claim:boerse a cg:QuantitativeClaim ; cg:statement "An der Börse 95,18 €/MWh."@de ;
    cg:measurand measurand:boerse ;
    cg:value [ qudt:numericValue 95.18 ; qudt:unit unit:CCY_EUR-PER-MegaW-HR ] ;
    cg:cites source:Doe2021 ; cg:citedSourceRole role:primary ;
    cg:citedQuote [ cg:inSource source:Doe2021 ; oa:exact "Im Mittel 95,18 €/MWh." ; cg:locator "S. 7" ] ;
    cg:status status:verifiedPrimary ; cg:statusNote "S. 7."@de .
claim:boerse-ct a cg:QuantitativeClaim ; cg:statement "Umgerechnet sind das 95,18 ct/kWh."@de ;
    cg:measurand measurand:boerse ;
    cg:value [ qudt:numericValue 95.18 ; qudt:unit unit:CentiCCY_EUR-PER-KiloW-HR ] ;
    cg:cites source:Doe2021 ;
    cg:derivedBy [ a cg:Derivation ; cg:formula formula:conversion ; cg:operands ( claim:boerse ) ] ;
    cg:status status:unverified .
step:fazit a cg:Conclusion ; cg:order 1 ; rdfs:label "Fazit: Preise"@de ; cg:text "Strom ist teuer."@de ;
    cg:supportedBy claim:haushalt , claim:boerse-ct .
step:leer a cg:Conclusion ; cg:order 2 ; rdfs:label "Fazit: Akzeptanz"@de ; cg:text "Die Akzeptanz ist hoch."@de .
"""


@pytest.fixture(scope="module")
def german_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("de")
    root = new_registry(tmp, ("de",))
    added = run_cli(
        "new", "source", "--registry", str(root), "--key", "Spiegel2023", "--type", "article",
        "--author", "Schröder, Jürgen", "--title", "Emissionen 1990 -- 2023 --- eine Bilanz", "--year", "2023",
        "--venue", "Der Spiegel", "--pages", "34--36", "--url", "https://example.org/spiegel",
    )  # fmt: skip
    assert added.code == 0, added.err
    add_turtle(root, PRICES)
    return root, checked_site(root, tmp / "site")


# ------------------------------------------------------------------ 1. digits that tell the numbers apart


def test_digits_keep_compared_numbers_apart_and_the_claims_own():
    assert written_digits("45.12") == 4 and written_digits("0.0510") == 3 and written_digits("1.0e3") == 2
    assert written_digits("not a number") == 0
    assert digits_to_tell_apart((45.12, 45.14), 4) == 4
    assert digits_to_tell_apart((45.12, 45.14)) == 4  # three would print 45.1 twice
    assert digits_to_tell_apart((95.18, 9.518, 9.5175, 9.5185), 4) == 5  # the interval's ends apart
    assert digits_to_tell_apart((2.0, 2.0)) == 3  # equal numbers need no more
    assert digits_to_tell_apart((0.3, 0.1 + 0.2)) == 3  # arithmetic's noise is no difference


def test_a_refuting_verdict_shows_two_different_numbers_in_german(german_site):
    _, site = german_site
    home = page_words(site_page(site, "index.html"))
    box = home[home.index("Fazit: Preise: Nicht gestützt") : home.index("Fazit: Akzeptanz")]
    # the claim as written (45,12) against the source's 45,14, not "45,1" twice
    assert "nennt 45,12 c€/kWh" in box and "45,14 c€/kWh" in box, box
    assert "45,1 " not in box
    # the recomputed interval with two distinct ends, decimal commas; the operand as its claim gives it
    assert "von 95,18 EUR/MWh ergibt 9,518 c€/kWh (zwischen 9,5175 c€/kWh und 9,5185 c€/kWh)" in box, box
    assert "nennt 95,18 c€/kWh" in box


def test_who_says_what_writes_the_recomputed_interval_as_the_page_writes_numbers(german_site):
    _, site = german_site
    page = page_words(site_page(site, "claims/boerse-ct.html"))
    table = page[page.index("Wer sagt was") : page.index("Quellenangabe Angabe")]
    assert "nachgerechnet 9,518 c€/kWh" in table, table
    assert "zwischen 9,5175 und 9,5185" in table
    assert "9.5175" not in table and "9.518 " not in table


# ------------------------------------------------------------------ 2. cents and billions


def test_prefixed_currencies_are_labelled_as_people_write_them():
    labels = {
        name: unit_label(UNIT_NS + name)
        for name in (
            "CentiCCY_EUR-PER-KiloW-HR", "CentiCCY_EUR", "GigaCCY_EUR", "MegaCCY_EUR", "CentiCCY_USD-PER-KiloW-HR",
            "MegaCCY_USD", "GigaCCY_USD", "CCY_EUR-PER-MegaW-HR", "KiloCCY_GBP",
        )
    }  # fmt: skip
    assert labels == {
        "CentiCCY_EUR-PER-KiloW-HR": "c€/kWh",  # a euro cent, as the number reader reads it
        "CentiCCY_EUR": "c€",
        "GigaCCY_EUR": "G€",  # the euro's own sign, as QUDT writes M$ for MegaCCY_USD
        "MegaCCY_EUR": "M€",
        "CentiCCY_USD-PER-KiloW-HR": "¢/kWh",
        "MegaCCY_USD": "MUSD",  # "$" is a dozen dollars: the ISO code
        "GigaCCY_USD": "GUSD",
        "CCY_EUR-PER-MegaW-HR": "EUR/MWh",
        "KiloCCY_GBP": "k£",
    }


def test_check_messages_and_pages_name_the_cent_unit(german_site):
    root, site = german_site
    messages = " ".join(f["message"] for f in findings(root))
    assert "CentiCCY" not in messages and "c€/kWh" in messages
    assert "CentiCCY" not in site_page(site, "index.html")


@pytest.mark.parametrize("typed", ["ct/kWh", "c€/kWh", "Cent/kWh", "Cent pro kWh", "€c/kWh"])
def test_the_unit_search_finds_a_euro_cent_per_kwh(typed):
    result = run_cli("units", typed, "--format", "json")
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    assert rows[0]["name"] == "CentiCCY_EUR-PER-KiloW-HR", rows[:3]
    assert "a hundredth of EUR" in rows[0]["note"]


def test_the_unit_search_reads_the_cent_sign_as_the_us_cent_and_ct_as_a_cent_beside_the_carat():
    rows = json.loads(run_cli("units", "¢/kWh", "--format", "json").out)
    assert rows[0]["name"] == "CentiCCY_USD-PER-KiloW-HR"
    names = [r["name"] for r in json.loads(run_cli("units", "ct", "--format", "json").out)]
    assert names[0] == "CentiCCY_EUR" and "CARAT" in names
    # a word that only begins like a cent is no cent
    centre = run_cli("units", "centimetre", "--format", "json")
    assert not any(r["name"].startswith("CentiCCY") for r in json.loads(centre.out or "[]"))


# ------------------------------------------------------------------ 3. German words where they belong


def test_a_verdict_inside_a_sentence_keeps_the_languages_capitals(german_site, tmp_path):
    _, site = german_site
    home = page_words(site_page(site, "index.html"))
    assert "Fazit: Akzeptanz (keine Belege erfasst)" in home
    assert "Fazit: Preise (nicht gestützt wie formuliert)" in home
    english = new_registry(tmp_path, ("en",))
    add_turtle(english, '@prefix step: <step/> .\nstep:empty a cg:Conclusion ; cg:order 1 ; rdfs:label "Empty"@en ; '
               'cg:text "Nothing."@en .')  # fmt: skip
    words = page_words(site_page(checked_site(english, tmp_path / "site"), "index.html"))
    assert "Empty (no evidence recorded)" in words


def test_a_german_source_page_says_s_for_pages_and_typesets_bibtex_dashes(german_site):
    _, site = german_site
    page = page_words(site_page(site, "sources/spiegel2023.html"))
    assert "Der Spiegel, S. 34–36." in page
    assert "pp." not in page
    assert "Emissionen 1990 – 2023 — eine Bilanz" in page


def test_an_english_reference_says_p_for_one_page_and_pp_for_several(tmp_path):
    root = new_registry(tmp_path, ("en",))
    for key, pages in (("One2020", "7"), ("Many2020", "12--14")):
        added = run_cli(
            "new", "source", "--registry", str(root), "--key", key, "--type", "article", "--author", "Roe, Ann",
            "--title", "T", "--year", "2020", "--venue", "J", "--pages", pages, "--doi", f"10.1234/{key.lower()}",
        )  # fmt: skip
        assert added.code == 0, added.err
    site = checked_site(root, tmp_path / "site")
    assert "J, p. 7." in page_words(site_page(site, "sources/one2020.html"))
    assert "J, pp. 12–14." in page_words(site_page(site, "sources/many2020.html"))


# ------------------------------------------------------------------ 4. a range's bounds in the value


def test_cg220_shows_where_a_ranges_bounds_go(tmp_path):
    root = new_registry(tmp_path, ("en",))
    add_turtle(
        root,
        'system:s a cg:System ; rdfs:label "S"@en .\n'
        'measurand:p a cg:Measurand ; rdfs:label "p"@en ; cg:quantityKind quantitykind:Power ; cg:about system:s .\n'
        'claim:range a cg:QuantitativeClaim ; cg:statement "20 to 30 GW."@en ; cg:measurand measurand:p ;\n'
        "    cg:lowerBound [ qudt:numericValue 20 ; qudt:unit unit:GigaW ] ;\n"
        "    cg:upperBound [ qudt:numericValue 30 ; qudt:unit unit:GigaW ] ;\n"
        "    cg:cites source:Doe2021 ; cg:status status:unverified .",
    )
    (cg220,) = findings(root, "CG220")
    assert "cg:value [ cg:lowerBound 20 ; cg:upperBound 30 ; qudt:unit unit:GigaW ]" in cg220["message"]
    assert "not on the claim" in cg220["message"]


# ------------------------------------------------------------------ 5. saved queries say what they do


def test_claims_by_measurand_says_durations_go_to_days():
    description = find_saved_query("claims-by-measurand").description
    assert CANONICAL_UNITS["Time"] == "DAY"
    assert "time in days" in " ".join(description.split()) and "month" not in description


def test_conclusion_support_leaves_out_what_challenges_the_conclusion(german_site, tmp_path):
    root, _ = german_site
    result = run_cli("query", "--registry", str(root), "conclusion-support", "--format", "json")
    assert result.code == 0, result.err
    claims = {b["claim"]["value"].rsplit("/", 1)[-1] for b in json.loads(result.out)["results"]["bindings"]}
    assert claims == {"haushalt", "boerse-ct", "boerse"}  # boerse through the conversion
    challenged = new_registry(tmp_path, ("de",))
    add_turtle(challenged, PRICES.replace("cg:supportedBy claim:haushalt , claim:boerse-ct .",
                                          "cg:supportedBy claim:haushalt ; cg:challengedBy claim:boerse-ct ."))  # fmt: skip
    result = run_cli("query", "--registry", str(challenged), "conclusion-support", "--format", "json")
    claims = {b["claim"]["value"].rsplit("/", 1)[-1] for b in json.loads(result.out)["results"]["bindings"]}
    assert claims == {"haushalt"}


def test_cg303_and_the_persistent_identifier_query_agree_on_a_url(tmp_path):
    root = new_registry(tmp_path, ("en",))
    added = run_cli(
        "new", "source", "--registry", str(root), "--key", "Web2020", "--author", "Roe, Ann", "--title", "T",
        "--year", "2020", "--url", "https://example.org/web",
    )  # fmt: skip
    assert added.code == 0, added.err
    add_turtle(
        root,
        'system:s a cg:System ; rdfs:label "S"@en .\n'
        'measurand:z a cg:Measurand ; rdfs:label "z"@en ; cg:quantityKind quantitykind:Count ; cg:about system:s .\n'
        'claim:web a cg:QuantitativeClaim ; cg:statement "50 plants."@en ; cg:measurand measurand:z ;\n'
        "    cg:value [ qudt:numericValue 50 ; qudt:unit unit:NUM ] ; cg:cites source:Web2020 ;\n"
        "    cg:status status:unverified .",
    )
    # a URL leads a reader to the work: CG303 (no DOI, arXiv id, ISBN nor URL) is silent, as its doc says ...
    assert not findings(root, "CG303")
    # ... and the query lists the source as having no persistent identifier, saying why both are right
    result = run_cli("query", "--registry", str(root), "no-persistent-identifier", "--format", "json")
    keys = {b["key"]["value"] for b in json.loads(result.out)["results"]["bindings"]}
    assert keys == {"Web2020"}
    description = " ".join(find_saved_query("no-persistent-identifier").description.split())
    assert "CG303" in description and "a web page moves or vanishes" in description


def test_cg303_does_not_call_a_url_a_persistent_identifier(tmp_path):
    root = new_registry(tmp_path, ("en",))
    added = run_cli(
        "new", "source", "--registry", str(root), "--key", "Bare2020", "--author", "Roe, Ann", "--title", "T",
        "--year", "2020",
    )  # fmt: skip
    assert added.code == 0, added.err
    (cg303,) = findings(root, "CG303")
    assert cg303["message"].startswith("Bare2020 has no DOI, arXiv id, ISBN or URL")
    assert "persistent" not in cg303["message"]


# ------------------------------------------------------------------ 6. a step uses claims, not steps


def test_a_step_using_another_step_is_told_to_name_its_claims(tmp_path):
    root = new_registry(tmp_path, ("de",))
    add_turtle(root, PRICES.replace("cg:supportedBy claim:haushalt , claim:boerse-ct .",
                                    "cg:supportedBy claim:haushalt ; cg:uses step:leer ."))  # fmt: skip
    (cg309,) = findings(root, "CG309")
    assert "a step uses claims, not other steps" in cg309["message"]
    assert "give" not in cg309["hint"] and "cg:order" in cg309["hint"]
