"""What a building-energy registry in French and Dutch found (trial buildings-fr-nl, defects 4, 5, 6 and 8).

- CG302 warned "printed “Vermeulen en Maes, 2022”, but entry Vermeulen2022 has first author “Vermeulen”": Dutch
  "en" was not read as "and", and the message set the same name against itself.
- A Dutch-first site (``languages = ["nl", "fr"]``), whose interface is English, named statuses, their definitions,
  the map's legend and the formula of a derivation in French ("produit of …"): claimgraph's own vocabulary was
  picked in the registry's language order, not in the interface's language.
- kWh/m²/an (unit:KiloW-HR-PER-M2-YR) was printed "kWh/(m²·years)" where kWh/an is "kWh/yr".
- The verdict box showed a claim of 4.0 m²·K/W as "affirme 4 m²·K/W", losing a digit its claim is written with.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.quantities import unit_label

from .made_registries import add_claim, add_turtle, checked_site, findings, new_registry, site_words

ROOT = Path(__file__).resolve().parent.parent

# ------------------------------------------------------------------ 4. CG302: Dutch in-text citations

ACCEPTED = [
    "Vermeulen en Maes, 2021",
    "Vermeulen en Maes (2021)",
    "Vermeulen e.a., 2021",
    "Vermeulen et al., 2021",
    "volgens Vermeulen en Maes (2021)",
    "zie Vermeulen e.a. (2021)",
    "zie ook Vermeulen, 2021",
    "bijv. Vermeulen en Maes, 2021",
]

#: claim -> (citation printed, the message CG302 gives)
REPORTED = {
    "swedish": (
        "Vermeulen och Maes, 2021",
        "printed “Vermeulen och Maes, 2021”, citing entry Doe2021: Vermeulen and Maes are the entry's first two "
        "authors, but “och” between them is not read as a word joining two authors",
    ),
    "lead-in": (
        "hier Vermeulen, 2021",
        "printed “hier Vermeulen, 2021”, citing entry Doe2021: “hier” before Vermeulen, the entry's first author, "
        "is not read as a word that may stand before the names",
    ),
    "other-second": (
        "Vermeulen och Peeters, 2021",
        "printed “Vermeulen och Peeters, 2021”, citing entry Doe2021: Vermeulen is the entry's first author, but "
        "“och Peeters” after the name is not read as a second author joined by a word claimgraph knows, nor as "
        "“et al.” (its second author is Maes)",
    ),
    "year-too": (
        "Vermeulen och Maes, 2020",
        "printed “Vermeulen och Maes, 2020”, citing entry Doe2021: Vermeulen and Maes are the entry's first two "
        "authors, but “och” between them is not read as a word joining two authors; and the entry is dated 2021",
    ),
    "year": ("Vermeulen en Maes, 2020", "printed “Vermeulen en Maes, 2020”, but entry Doe2021 is dated 2021"),
    # another first author is still a mismatch of names, said as before
    "swapped": (
        "Maes en Vermeulen, 2021",
        "printed “Maes en Vermeulen, 2021”, but entry Doe2021 has first author “Vermeulen”",
    ),
}


def test_dutch_citations_name_their_entry_and_a_mismatch_says_what_differs(tmp_path):
    root = new_registry(tmp_path, ("nl", "fr"))
    bib = root / "bib" / "references.bib"
    bib.write_text(bib.read_text().replace("author = {Doe, Jane}", "author = {Vermeulen, Jan and Maes, Ilse}"))
    cited = {f"ok{n}": printed for n, printed in enumerate(ACCEPTED)}
    cited.update({claim: printed for claim, (printed, _) in REPORTED.items()})
    for claim, printed in cited.items():
        add_claim(root, claim, "Een woning.", "5", "KiloW-HR", more=("--in-text-citation", printed))
    said = {f["subject"].rsplit("/", 1)[-1]: f["message"] for f in findings(root, "CG302")}
    assert said == {claim: message for claim, (_, message) in REPORTED.items()}
    # never the same first author on both sides of a mismatch
    assert not [m for m in said.values() if m.startswith("printed “Vermeulen") and "first author “Vermeulen”" in m]


def test_the_languages_of_in_text_citations_are_documented():
    findings_doc = (ROOT / "docs" / "findings.md").read_text(encoding="utf-8")
    assert "Dutch `en`" in findings_doc and "Dutch `volgens`" in findings_doc
    assert "Italian, Portuguese and Dutch" in findings_doc  # CG302's line in the table of codes


# ------------------------------------------------------------------ 6. the year in a unit is "yr"


@pytest.mark.parametrize(
    "unit, label",
    [
        ("KiloW-HR-PER-M2-YR", "kWh/(m²·yr)"),
        ("KiloW-HR-PER-YR", "kWh/yr"),
        ("KiloGM-PER-HA-YR", "kg/(ha·yr)"),
        ("GM-PER-M2-DAY", "g/(m²·d)"),
        ("GigaW-YR", "GW·yr"),
        ("YR", "years"),  # a period alone is a duration, its word ("30 years")
        ("DAY", "days"),
    ],
)
def test_a_period_in_a_compound_unit_is_its_symbol(unit, label):
    assert unit_label(unit) == label


def test_check_prints_the_year_of_an_intensity_as_yr(tmp_path):
    root = new_registry(tmp_path, ("fr", "nl"))
    add_claim(root, "e", "Un logement consomme 500 kWh.", "392", "KiloW-HR-PER-M2-YR", kind="PowerPerArea")
    (own,) = findings(root, "CG322")
    assert "392 kWh/(m²·yr)" in own["message"] and "years" not in own["message"], own["message"]


def test_the_units_docs_say_how_a_period_is_printed():
    units_doc = (ROOT / "docs" / "units.md").read_text(encoding="utf-8")
    assert "`kWh/(m²·yr)`" in units_doc and "`30 years`" in units_doc


# ------------------------------------------------------------------ 5 and 8. a Dutch-first site; digits in verdicts

#: A conclusion resting on a derived claim recomputing to ten times its value (CG350: the verdict names the formula)
#: and on two resistances of 4.0 and 4.00 m²·K/W their quotes do not state (CG320); statements print no number.
BUILDINGS = """@prefix step: <step/> .
system:s a cg:System ; rdfs:label "woning"@nl , "logement"@fr .
measurand:intensity a cg:Measurand ; rdfs:label "intensiteit"@nl , "intensité"@fr ;
    cg:quantityKind quantitykind:PowerPerArea ; cg:about system:s .
measurand:area a cg:Measurand ; rdfs:label "oppervlakte"@nl , "surface"@fr ; cg:quantityKind quantitykind:Area ;
    cg:about system:s .
measurand:per-home a cg:Measurand ; rdfs:label "verbruik"@nl , "consommation"@fr ; cg:quantityKind quantitykind:Power ;
    cg:about system:s .
measurand:wall a cg:Measurand ; rdfs:label "muur"@nl , "mur"@fr ; cg:quantityKind quantitykind:ThermalInsulance ;
    cg:about system:s .
measurand:roof a cg:Measurand ; rdfs:label "dak"@nl , "toiture"@fr ; cg:quantityKind quantitykind:ThermalInsulance ;
    cg:about system:s .
claim:intensity a cg:QuantitativeClaim ; cg:statement "Zie de bron."@nl , "Voir la source."@fr ;
    cg:measurand measurand:intensity ; cg:value [ qudt:numericValue 280.0 ; qudt:unit unit:KiloW-HR-PER-M2-YR ] ;
    cg:cites source:Doe2021 ; cg:citedSourceRole role:primary ; cg:status status:verifiedPrimary ;
    cg:statusNote "p. 1"@fr .
claim:area a cg:QuantitativeClaim ; cg:statement "Zie de bron."@nl , "Voir la source."@fr ; cg:measurand measurand:area ;
    cg:value [ qudt:numericValue 120 ; qudt:unit unit:M2 ] ; cg:cites source:Doe2021 ; cg:citedSourceRole role:primary ;
    cg:status status:verifiedPrimary ; cg:statusNote "p. 1"@fr .
claim:per-home a cg:QuantitativeClaim ; cg:statement "Zie de bron."@nl , "Voir la source."@fr ;
    cg:measurand measurand:per-home ; cg:value [ qudt:numericValue 3360 ; qudt:unit unit:KiloW-HR-PER-YR ] ;
    cg:cites source:Doe2021 ;
    cg:derivedBy [ a cg:Derivation ; cg:formula formula:product ; cg:operands ( claim:intensity claim:area ) ] ;
    cg:status status:unverified ; cg:statusNote "berekend"@nl .
claim:wall a cg:QuantitativeClaim ; cg:statement "Zie de bron."@nl , "Voir la source."@fr ; cg:measurand measurand:wall ;
    cg:value [ qudt:numericValue 4.0 ; qudt:unit unit:M2-K-PER-W ] ; cg:cites source:Doe2021 ;
    cg:citedQuote [ cg:inSource source:Doe2021 ; oa:exact "R = 5,5 m²·K/W" ; cg:locator "p. 1" ] ;
    cg:citedSourceRole role:primary ; cg:status status:verifiedPrimary ; cg:statusNote "p. 1"@fr .
claim:roof a cg:QuantitativeClaim ; cg:statement "Zie de bron."@nl , "Voir la source."@fr ; cg:measurand measurand:roof ;
    cg:value [ qudt:numericValue 4.00 ; qudt:unit unit:M2-K-PER-W ] ; cg:cites source:Doe2021 ;
    cg:citedQuote [ cg:inSource source:Doe2021 ; oa:exact "R = 6,5 m²·K/W" ; cg:locator "p. 1" ] ;
    cg:citedSourceRole role:primary ; cg:status status:verifiedPrimary ; cg:statusNote "p. 1"@fr .
step:renovate a cg:Conclusion ; cg:order 1 ; rdfs:label "Renoveren"@nl , "Rénover"@fr ;
    cg:text "Eerst renoveren."@nl , "Rénover d'abord."@fr ;
    cg:supportedBy claim:per-home , claim:wall , claim:roof .
"""

#: claimgraph's French words for its own vocabulary (statuses, their definitions, the formula)
FRENCH_TERMS = ["vérifiée", "non vérifiée", "produit", "divergence", "L'affirmation concorde"]


def _site(tmp: Path, languages: tuple[str, ...]) -> Path:
    root = new_registry(tmp, languages)
    add_turtle(root, BUILDINGS)
    return checked_site(root, tmp / "site")


@pytest.fixture(scope="module")
def dutch_first(tmp_path_factory) -> Path:
    return _site(tmp_path_factory.mktemp("nl-fr"), ("nl", "fr"))


@pytest.fixture(scope="module")
def french_first(tmp_path_factory) -> Path:
    return _site(tmp_path_factory.mktemp("fr-nl"), ("fr", "nl"))


@pytest.mark.parametrize(
    "page, english",
    [
        # the verdict's formula, the map's legend, the table of statuses with their definitions
        (
            "index.html",
            [
                "product of 280.0 kWh/(m²·yr) and 120 m² gives 33600 kWh/yr",
                "verified against the primary source unverified no status Conclusion 1",
                "The claim agrees, within its rounding, with the source that produced the number.",
            ],
        ),
        ("claims/per-home.html", ["Claim per-home unverified", "Derived by product of"]),
        ("claims/wall.html", ["verified against the primary source"]),
    ],
)
def test_a_dutch_first_site_names_claimgraphs_vocabulary_in_its_english_interface(dutch_first, page, english):
    words = site_words(dutch_first, page)
    assert not [term for term in FRENCH_TERMS if term in words], page
    for said in english:
        assert said in words
    if page != "index.html":  # the registry's own data keep their languages
        assert "Nederlands — Zie de bron. Français — Voir la source." in words


def test_a_french_first_site_still_names_them_in_french(french_first):
    home = site_words(french_first, "index.html")
    assert "vérifiée dans la source primaire" in home and "non vérifiée" in home
    assert "L'affirmation concorde, à l'arrondi près" in home
    assert "produit de 280,0 kWh/(m²·yr) et 120 m² donne 33 600 kWh/yr" in home
    assert "non vérifiée" in site_words(french_first, "claims/per-home.html")


@pytest.mark.parametrize(
    "site, said",
    [
        ("french_first", ["affirme 4,0 m²·K/W ; sa citation donne 5,5 m²·K/W", "affirme 4,00 m²·K/W"]),
        ("dutch_first", ["claims 4.0 m²·K/W; its quote gives 5.5 m²·K/W", "claims 4.00 m²·K/W"]),
    ],
)
def test_the_verdict_shows_a_claim_with_the_digits_it_is_written_with(site, said, request):
    home = site_words(request.getfixturevalue(site), "index.html")
    for words in said:
        assert words in home
    assert "affirme 4 m²·K/W" not in home and "claims 4 m²·K/W" not in home
    assert "years" not in home  # kWh/(m²·yr), as kWh/yr
