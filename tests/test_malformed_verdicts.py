"""What new users found: a claim whose value is malformed as recorded (a unit of another dimension than its
measurand's kind, CG330; a range whose ends are swapped, CG332), marked verified, was "not borne out" on its own
page while the home page's verdict called the conclusion resting on it "Supported", listing no defect."""

from __future__ import annotations

from pathlib import Path

import pytest

from .made_registries import add_turtle, checked_site, findings, new_registry, site_words

MALFORMED = """@prefix step: <step/> .
system:s a cg:System ; rdfs:label "s" .
measurand:use a cg:Measurand ; rdfs:label "energy used" ; cg:quantityKind quantitykind:Energy ; cg:about system:s .
claim:used a cg:QuantitativeClaim ; cg:statement "It used 525 m."@en , "Elle a utilisé 525 m."@fr ;
    cg:measurand measurand:use ; cg:value [ qudt:numericValue 525 ; qudt:unit unit:M ] ; cg:cites source:Doe2021 ;
    cg:citedSourceRole role:primary ; cg:status status:verifiedPrimary ; cg:statusNote "p. 1"@en .
measurand:span a cg:Measurand ; rdfs:label "span" ; cg:quantityKind quantitykind:Length ; cg:about system:s .
claim:swapped a cg:QuantitativeClaim ; cg:statement "From 400 to 1100 nm."@en , "De 400 à 1100 nm."@fr ;
    cg:measurand measurand:span ; cg:value [ cg:lowerBound 1100 ; cg:upperBound 400 ; qudt:unit unit:NanoM ] ;
    cg:cites source:Doe2021 ; cg:citedSourceRole role:primary ; cg:status status:verifiedPrimary ;
    cg:statusNote "p. 1"@en .
step:energy a cg:Conclusion ; cg:order 1 ; rdfs:label "Energy"@en , "Énergie"@fr ;
    cg:text "Much was used."@en , "Beaucoup."@fr ; cg:supportedBy claim:used .
step:span a cg:Conclusion ; cg:order 2 ; rdfs:label "Span"@en , "Étendue"@fr ;
    cg:text "It is wide."@en , "Large."@fr ; cg:supportedBy claim:swapped .
"""


def _registry(tmp: Path, languages: tuple[str, ...]) -> Path:
    root = new_registry(tmp, languages)
    add_turtle(root, MALFORMED)
    return root


@pytest.fixture(scope="module")
def malformed(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("malformed")
    root = _registry(tmp, ("en", "fr"))
    return root, checked_site(root, tmp / "site")


def test_the_checks_find_the_malformed_values(malformed):
    root, _ = malformed
    assert {(f["code"], f["subject"].rsplit("/", 1)[-1]) for f in findings(root, "CG330", "CG332")} == {
        ("CG330", "used"),
        ("CG332", "swapped"),
    }


@pytest.mark.parametrize(
    "slug, code, title, link, defect",
    [
        ("used", "CG330", "Energy", "525 m · energy used", "claims 525 m, a unit that does not measure Energy"),
        ("swapped", "CG332", "Span", "1100–400 nm · span", "claims 1100 to 400 nm: its lower bound is above its upper"),
    ],
)
def test_the_home_page_counts_a_malformed_verified_claim_as_a_defect_as_its_own_page_does(
    malformed, slug, code, title, link, defect
):
    _, site = malformed
    assert f"The checks do not bear this status out: {code}" in site_words(site, f"claims/{slug}.html")
    home = site_words(site, "index.html")
    assert f"{title}: Not supported as stated" in home and f"{title}: Supported" not in home
    assert f"Contradicted by the checks: {link} : {defect}" in home
    # the conclusion's own page and the home page's list of conclusions say the same
    conclusion = site_words(site, f"argument/{title.lower()}.html")
    assert f"{title}: Not supported as stated" in conclusion and defect in conclusion
    assert f"{title} (not supported as stated)" in home
    # the report's rule names both codes among the defects
    assert "a unit that does not measure its measurand's kind (CG330), a range whose ends are swapped (CG332)" in (
        site_words(site, "report/index.html")
    )


def test_the_defect_is_said_in_the_sites_language(tmp_path):
    root = _registry(tmp_path, ("fr", "en"))
    site = checked_site(root, tmp_path / "site")
    home = site_words(site, "index.html")
    assert "Énergie : Non étayée telle qu'énoncée" in home and "Étendue : Non étayée telle qu'énoncée" in home
    assert "affirme 525 m, une unité qui ne mesure pas Energy" in home
    assert "affirme 1 100 à 400 nm : sa borne inférieure dépasse sa borne supérieure" in home
