"""Regressions from the clinical researcher's trial (diabetes and cardiovascular trials, registry language en)."""

from __future__ import annotations

from pathlib import Path

from .made_registries import add_claim, add_paged_copy, findings, new_registry

# ---------------------------------------------------------------- 11. a supplement's pages are its own


def _article_with_appendix(tmp_path: Path, locator: str) -> Path:
    """Doe2021 on pp. 1021–1023, its text five form-feed pages: the article's three, then two of its appendix
    (the quote on the appendix's second page), and a claim quoting it at ``locator``."""
    root = new_registry(tmp_path)
    pages = ["Article page one.", "Article page two.", "Article page three.", "Appendix page one."]
    pages.append("Supplementary Table S3. Mean HbA1c fell by 1.2% at week 26.")
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
    root = new_registry(tmp_path)
    add_paged_copy(root, "\f".join(["Article page one.", "Mean HbA1c fell by 1.2% at week 26.", "Page three."]))
    bib = root / "bib" / "references.bib"
    bib.write_text(
        bib.read_text().replace("doi    = {10.1234/abc},", "doi    = {10.1234/abc},\n  pages  = {1021--1023},")
    )
    add_claim(
        root, "hba1c-fall", "HbA1c fell by 1.2%.", "1.2", "PERCENT",
        quote="Mean HbA1c fell by 1.2% at week 26.", locator=locator, kind="DimensionlessRatio",
    )  # fmt: skip
    return root


def test_a_page_of_the_article_still_gets_its_hint(tmp_path):
    # an appendix inside the article's own pages (an arXiv paper's): "Appendix, Table 1 (p. 1021)" is compared
    for locator in ("p. 1021", "Appendix, Table 1 (p. 1021)"):
        (found,) = findings(_article_page_two(tmp_path / locator.replace(" ", "_"), locator), "CG383")
        assert found["hint"] == "correct the locator to “p. 1022”", locator
