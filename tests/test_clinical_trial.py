"""Regressions from the clinical researcher's trial (diabetes and cardiovascular trials, registry language en)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from .made_registries import (
    add_claim,
    add_paged_copy,
    add_turtle,
    checked_site,
    findings,
    new_claim,
    new_registry,
    site_words,
)

# ---------------------------------------------------------------- 11. a supplement's pages are its own


def _article_with_appendix(tmp_path: Path, locator: str) -> Path:
    """Doe2021 on pp. 1021–1023, its text five form-feed pages: the article's three, then two of its appendix
    (the quote on the appendix's second page), and a claim quoting it at ``locator``."""
    pages = ["Article page one.", "Article page two.", "Article page three.", "Appendix page one."]
    return _article_quoted(tmp_path, [*pages, "Supplementary Table S3. Mean HbA1c fell by 1.2% at week 26."], locator)


def _article_quoted(tmp_path: Path, pages: list[str], locator: str) -> Path:
    """Doe2021 on pp. 1021–1023 with a text of ``pages`` (form-feed pages), and a claim quoting "Mean HbA1c fell by
    1.2% at week 26." at ``locator``."""
    root = new_registry(tmp_path)
    add_paged_copy(root, "\f".join(pages))
    bib = root / "bib" / "references.bib"
    bib.write_text(
        bib.read_text().replace("doi    = {10.1234/abc},", "doi    = {10.1234/abc},\n  pages  = {1021--1023},")
    )
    add_claim(
        root, "hba1c-fall", "HbA1c fell by 1.2%.", "1.2", "PERCENT",
        quote="Mean HbA1c fell by 1.2% at week 26.", locator=locator, kind="DimensionlessRatio",
    )  # fmt: skip
    return root


def test_a_page_of_a_supplementary_appendix_is_not_compared_with_the_articles_pages(tmp_path):
    # Regression: "Supplementary Table S3, Appendix p. 2" gave CG383 "on p. 1025, not on p. 2", hint "p. 1025"
    locators = (
        "Supplementary Table S3, Appendix p. 2",
        "eAppendix p. 2",
        "Supplementary Appendix, p. 2",
        "Anhang S. 2",
    )
    # a supplement named elsewhere in the locator: its page is none of the article's, or the quote is past it
    locators += ("Supplementary Table S3 (p. 2)", "Supplementary Table S3 (p. 1022)")
    for locator in locators:
        root = _article_with_appendix(tmp_path / str(abs(hash(locator))), locator)
        assert findings(root, "CG383", "CG382") == [], locator


def test_a_quote_past_the_articles_last_page_gets_no_hint_to_a_page_the_article_lacks(tmp_path):
    root = _article_with_appendix(tmp_path, "p. 2")
    (found,) = findings(root, "CG383")
    assert "1025" not in found["message"] + found["hint"], found
    assert "page 5 of the text, after the article's last page (p. 1023)" in found["message"]
    assert "supplement" in found["hint"] and "correct the locator" not in found["hint"]


def _article_page_two(tmp_path: Path, locator: str) -> Path:
    return _article_quoted(
        tmp_path, ["Article page one.", "Mean HbA1c fell by 1.2% at week 26.", "Page three."], locator
    )


def test_a_page_of_the_article_still_gets_its_hint(tmp_path):
    # an appendix inside the article's own pages (an arXiv paper's): "Appendix, Table 1 (p. 1021)" is compared
    for locator in ("p. 1021", "Appendix, Table 1 (p. 1021)"):
        (found,) = findings(_article_page_two(tmp_path / locator.replace(" ", "_"), locator), "CG383")
        assert found["hint"] == "correct the locator to “p. 1022”", locator


# ---------------------------------------------------------------- 12. IU: linear, but each substance's own


def test_an_international_unit_is_said_to_depend_on_the_substance_not_to_be_logarithmic(tmp_path):
    # Regression: unit:IU got "no linear conversion exists (QUDT gives 0 to logarithmic or non-linear scales, such
    # as bels or degrees Baumé)", and nothing said how to record a vitamin D dose
    root = new_registry(tmp_path)
    add_turtle(root, DOSE_WITHOUT_A_UNIT.format(unit="IU"))
    (found,) = findings(root, "CG331")
    assert "an international unit's mass depends on the substance" in found["message"], found
    assert "bels" not in found["message"] and "logarithmic" not in found["message"]
    assert "unit:IU-VITD" in found["hint"] and "docs/units.md" in found["hint"]


def test_new_claim_in_iu_per_day_says_to_declare_the_substances_unit(tmp_path):
    root = new_registry(tmp_path)
    refused = new_claim(
        root, "vitd-dose", "--statement", "2000 IU/day.", "--value", "2000", "--unit", "IU-PER-DAY",
        kind="AmountOfBiologicallyActiveSubstance",
    )  # fmt: skip
    assert refused.code == 2
    assert (
        "QUDT gives unit:IU no conversion multiplier because an international unit's mass depends on the substance"
        in (refused.err)
    ), refused.err
    assert "unit:IU-VITD" in refused.err and "bels" not in refused.err


def _declared_dose(tmp_path: Path, micrograms: str) -> Path:
    """A registry declaring the unit CG331's hint for unit:IU declares, as written, a claim of 4000 IU of vitamin D
    in it and one of ``micrograms`` µg on the same measurand."""
    root = new_registry(tmp_path)
    add_turtle(root, DOSE_WITHOUT_A_UNIT.format(unit="IU"))
    declaration = findings(root, "CG331")[0]["hint"].split("`")[1]
    claims = root / "claims" / "claims.ttl"
    text = claims.read_text(encoding="utf-8").replace(DOSE_WITHOUT_A_UNIT.format(unit="IU"), "")
    claims.write_text("@prefix qkdv: <http://qudt.org/vocab/dimensionvector/> .\n" + text, encoding="utf-8")
    add_turtle(root, declaration)
    for claim_id, value, unit in (("vitd-iu", "4000", "IU-VITD"), ("vitd-mass", micrograms, "MicroGM")):
        added = new_claim(
            root, claim_id, "--statement", "A daily dose.", "--value", value, "--unit", unit,
            measurand="vitd-dose", kind="AmountOfBiologicallyActiveSubstance",
        )  # fmt: skip
        assert added.code == 0, added.err
    return root


def test_the_unit_the_hint_declares_converts_a_vitamin_d_dose(tmp_path):
    # the hint's declaration, as written, makes 4000 IU of vitamin D the same dose as 100 µg, and not 400 µg
    assert findings(_declared_dose(tmp_path / "same", "100"), "CG331", "CG330", "CG340") == []
    assert {f["code"] for f in findings(_declared_dose(tmp_path / "other", "400"), "CG331", "CG340")} == {"CG340"}


def test_a_decibel_is_still_a_logarithmic_scale(tmp_path):
    root = new_registry(tmp_path)
    add_turtle(root, DOSE_WITHOUT_A_UNIT.format(unit="DeciB"))
    (found,) = findings(root, "CG331")
    assert "unit:DeciB is a logarithmic scale" in found["message"]
    assert "substance" not in found["message"]


#: a claim in a unit no registry declares, as a user writes it by hand (``new claim`` refuses one)
DOSE_WITHOUT_A_UNIT = """claim:dose a cg:Claim ;
    cg:statement "A dose." ;
    cg:about system:s ;
    cg:measurand measurand:dose ;
    cg:cites source:Doe2021 ;
    cg:status status:draft ;
    cg:value [ a qudt:QuantityValue ; qudt:numericValue 2000.0 ; qudt:unit unit:{unit} ] .
system:s a cg:System ; rdfs:label "s" .
measurand:dose a cg:Measurand ; rdfs:label "dose" ;
    cg:quantityKind quantitykind:AmountOfBiologicallyActiveSubstance ."""


# ---------------------------------------------------------------- 13. a unitless number is no factor


def _derived_site(tmp_path: Path, operands: tuple[str, str], claimed: str, formula: str) -> str:
    """The home page's words for a unitless claim ``claimed`` derived by ``formula`` from a claim of
    ``operands[1]`` % (recomputation CG350: another number), with a conclusion resting on it."""
    root = new_registry(tmp_path)
    add_claim(root, "arr", "An absolute risk reduction of 1.7%.", operands[1], "PERCENT", kind="DimensionlessRatio")
    added = new_claim(
        root, "nnt", "--statement", f"The number is {claimed}.", "--value", claimed, "--unit", "UNITLESS",
        "--derived-by", formula, "--operands", operands[0], "arr", kind="Dimensionless",
    )  # fmt: skip
    assert added.code == 0, added.err
    add_turtle(
        root,
        '<step/c1> a cg:Conclusion ; cg:order 1 ; rdfs:label "Worth it"@en ; cg:text "Worth it."@en ; '
        "cg:supportedBy claim:nnt .",
    )
    assert {f["code"] for f in findings(root, "CG350")} == {"CG350"}
    return site_words(checked_site(root, tmp_path / "site"), "index.html")


def test_the_verdict_prints_a_number_needed_to_treat_plainly(tmp_path):
    # Regression: "claims ×6; quotient of 1 and 1.7% gives ×58.8 (between ×57.1 and ×60.6)" on the home page, "6"
    # and "59" on the claim's page: a count is no factor
    words = _derived_site(tmp_path, ("1", "1.7"), "6", "quotient")
    assert "claims 6; quotient of 1 and 1.7% gives 58.8" in words, words
    assert "×" not in words.replace("× 10", ""), words


def test_the_verdict_keeps_a_growth_factor_a_factor(tmp_path):
    words = _derived_site(tmp_path, ("1.7", "10"), "3", "compoundGrowth")
    assert "claims ×3;" in words and "gives ×" in words, words


# ---------------------------------------------------------------- minor: a negative bar's figure


def test_a_negative_bars_figure_stands_at_its_far_end(tmp_path):
    # Regression: "-4.3 mmHg" stood at the zero end of its bar (beside the "0" tick), not at the −4.3 end
    root = new_registry(tmp_path)
    for claim_id, value in (("sbp-a", "-4.3"), ("sbp-b", "2.1")):
        added = new_claim(
            root, claim_id, "--statement", "See the chart.", "--value", value, "--unit", "MilliM_HG",
            measurand="sbp-difference", kind="ForcePerArea",
        )  # fmt: skip
        assert added.code == 0, added.err
    site = checked_site(root, tmp_path / "site")
    (chart,) = sorted((site / "measurands").glob("sbp-difference-*.svg"))
    svg = chart.read_text(encoding="utf-8")
    bars = {}
    for group in re.findall(r'<g class="cg-bar">(.*?)</g>', svg, re.S):
        rect = re.search(r'<rect x="([0-9.]+)" y="[0-9.]+" width="([0-9.]+)"', group)
        row_label, *_, label = re.findall(r'<text x="([0-9.]+)"([^>]*)>([^<]*)</text>', group)
        bars[html.unescape(label[2])] = (float(rect.group(1)), float(rect.group(2)), float(label[0]), label[1])
    left, width, x, attributes = next(bar for text, bar in bars.items() if "4.3" in text)
    assert x <= left and 'text-anchor="end"' in attributes, bars  # left of the bar's negative end
    assert x - 12 * len("-4.3 mmHg") * 0.6 > float(row_label[0]), (x, row_label)  # clear of the row's label
    left, width, x, attributes = next(bar for text, bar in bars.items() if "2.1" in text)
    assert x >= left + width and "text-anchor" not in attributes  # a positive bar's stays at its right end
