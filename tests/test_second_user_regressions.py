"""Defects a second new user found trying claimgraph on a registry of their own (figures from a
paper's abstract: days, hours, BLEU scores): each test is named after the defect and runs the real
code on a small registry built in tmp_path from tests/fixtures/valid."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path


from claimgraph.registry import load
from claimgraph.site import build_site

from .conftest import FIXTURES, run_cli

PREFIXES = """@prefix cg:           <https://w3id.org/claimgraph/ns#> .
@prefix status:       <https://w3id.org/claimgraph/status#> .
@prefix role:         <https://w3id.org/claimgraph/role#> .
@prefix qudt:         <http://qudt.org/schema/qudt/> .
@prefix unit:         <http://qudt.org/vocab/unit/> .
@prefix quantitykind: <http://qudt.org/vocab/quantitykind/> .
@prefix oa:           <http://www.w3.org/ns/oa#> .
@prefix rdfs:         <http://www.w3.org/2000/01/rdf-schema#> .
@prefix claim:        <claim/> .
@prefix source:       <source/> .
@prefix measurand:    <measurand/> .
@prefix system:       <system/> .
"""

DURATIONS = (
    PREFIXES
    + """
measurand:model-x-training-time
    a cg:Measurand ;
    rdfs:label "training time of Model X"@en , "durée d'entraînement du modèle X"@fr ;
    cg:quantityKind quantitykind:Time ;
    cg:about system:model-x .

claim:training-took-28-days
    a cg:QuantitativeClaim ;
    cg:statement "Training model X took 28 days."@en , "L'entraînement du modèle X a duré 28 jours."@fr ;
    cg:measurand measurand:model-x-training-time ;
    cg:value [ qudt:numericValue 28 ; qudt:unit unit:DAY ] ;
    cg:cites source:Doe2021 ;
    cg:citedQuote [ oa:exact "Training took 28 days." ; cg:locator "p. 2" ] ;
    cg:status status:verifiedPrimary .

claim:training-took-30-days
    a cg:QuantitativeClaim ;
    cg:statement "Training model X took 30 days."@en , "L'entraînement du modèle X a duré 30 jours."@fr ;
    cg:measurand measurand:model-x-training-time ;
    cg:value [ qudt:numericValue 30 ; qudt:unit unit:DAY ] ;
    cg:cites source:Roe2022 ;
    cg:citedQuote [ oa:exact "Training took 30 days." ; cg:locator "p. 3" ] ;
    cg:status status:verifiedPrimary .

claim:training-took-12-hours
    a cg:QuantitativeClaim ;
    cg:statement "Training model X took 12 hours."@en , "L'entraînement du modèle X a duré 12 heures."@fr ;
    cg:measurand measurand:model-x-training-time ;
    cg:value [ qudt:numericValue 12 ; qudt:unit unit:HR ] ;
    cg:cites source:Roe2022 ;
    cg:citedQuote [ oa:exact "Training took 12 hours." ; cg:locator "p. 5" ] ;
    cg:status status:verifiedPrimary .
"""
)


def registry_with(tmp_path: Path, files: dict[str, str], *, without: tuple[str, ...] = ()) -> Path:
    """tests/fixtures/valid copied to tmp_path, with ``files`` (path -> text) added and ``without`` removed."""
    root = tmp_path / "registry"
    shutil.copytree(FIXTURES / "valid", root)
    for name in without:
        (root / name).unlink()
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def page_text(page: Path) -> str:
    """A page's text without its markup, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))).split())


def test_durations_are_shown_in_days_not_in_synodic_months(tmp_path):
    """A measurand chart showed 28 days as "0.94816933898 months", and the home page's table of
    conflicts "0.931 months to 1.03 months" where check said "27.5 to 30.5 days"."""
    root = registry_with(tmp_path, {"claims/durations.ttl": DURATIONS}, without=("claims/argument.ttl",))
    checked = run_cli("check", "-r", str(root))
    # the values as stated, in days: 12 hours is 0.5 days (not 0.4792, the low end of its rounding)
    assert "values span 0.5 to 30 days" in checked.out, checked.out
    listed = run_cli("list", "claims", "-r", str(root))
    assert "claim/training-took-12-hours" in listed.out
    # (normalised, as the graph holds it: XSD's canonical form of a double, as every export writes it)
    assert re.search(r"training-took-12-hours,.*,5\.0E-1,,,unit:DAY,", listed.out), listed.out
    out = tmp_path / "site"
    build_site(load(root), out)
    home = html.unescape((out / "index.html").read_text(encoding="utf-8"))
    assert "<td>0.5 to 30 days</td>" in home  # the table of conflicts, in check's words
    assert "months" not in home
    chart_page = page_text(out / "measurands" / "model-x-training-time.html")
    # (the fixture's site is French first: its numbers are written as French writes them)
    assert "28 days" in chart_page and "0,5 days" in chart_page
    assert "0.948" not in chart_page and "0.94816933898" not in chart_page
    # a converted figure is rounded as people write it; a figure as printed keeps its digits
    halving = (out / "claims" / "halving-time.html").read_text(encoding="utf-8")
    assert "<td>236 days</td>" in halving and "<td>236.24472 days</td>" not in halving
    # a chart is drawn in the unit most of its claims are written in, as check's messages give it:
    # a halving time in months; 1287 MWh beside claims in GWh keeps the digits its source printed
    assert ">8 months<" in (out / "measurands" / "model-halving-time.html").read_text(encoding="utf-8")
    energy_chart = (out / "measurands" / "model-x-training-energy.html").read_text(encoding="utf-8")
    assert ">1,287 GWh<" in energy_chart and ">1,3 GWh<" in energy_chart


def test_languages_are_labelled_evenly_by_their_own_names(tmp_path):
    """A claim page labelled one passage "English — …" and the next "de — …": every language tag is
    named from one place (CLDR's names), and a tag no table knows is shown as itself."""
    energy = (FIXTURES / "valid" / "claims" / "energy.ttl").read_text(encoding="utf-8")
    tagged = energy.replace(
        '"Models are getting smaller."@en ;',
        '"Models are getting smaller."@en , "Die Modelle werden kleiner."@de , '
        '"Mallit pienenevät."@fi , "Modelos menores."@pt-BR , "Qagh."@tlh ;',
    )
    assert tagged != energy
    root = registry_with(tmp_path, {"claims/energy.ttl": tagged})
    out = tmp_path / "site"
    build_site(load(root), out)
    page = html.unescape((out / "claims" / "smaller-models.html").read_text(encoding="utf-8"))
    labels = re.findall(r"<strong>([^<]+)</strong> — ", page)
    for name in ("Français", "English", "Deutsch", "Suomi", "Português (Brasil)", "tlh"):
        assert name in labels, labels
    assert "de" not in labels and "fi" not in labels


def _section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    end = page.find("<h2", start)
    return page[start : end if end != -1 else len(page)]


def test_source_page_counts_a_source_cited_as_primary_as_the_primary_source(tmp_path):
    """A source page said "No claim names this source as its primary source" while its claim cites it
    with cg:citedSourceRole role:primary and `list claims` shows it in primary_source."""
    root = registry_with(tmp_path, {})
    listed = run_cli("list", "claims", "-r", str(root))
    row = next(line for line in listed.out.splitlines() if line.startswith("claim/model-training-energy,"))
    assert ",primary,Doe2021," in row, row
    out = tmp_path / "site"
    build_site(load(root), out)
    section = _section((out / "sources" / "doe2021.html").read_text(encoding="utf-8"), "primary-source-for")
    assert "model-training-energy" in section
    assert "Aucune affirmation ne nomme cette source comme source primaire" not in section
    # a source cited without a role is not made primary
    other = _section((out / "sources" / "roe2022.html").read_text(encoding="utf-8"), "primary-source-for")
    assert "Aucune affirmation ne nomme cette source comme source primaire" in other


def test_diff_says_which_source_field_changed_and_leaves_claims_alone_for_a_file_field(tmp_path):
    """`diff` marked every claim citing a BibTeX entry as changed [source] when only the entry's `file`
    field changed, without saying what changed."""
    old = registry_with(tmp_path / "old", {})
    new = registry_with(tmp_path / "new", {})
    bib = new / "bib" / "references.bib"
    text = bib.read_text(encoding="utf-8")
    filed = text.replace(
        "  doi     = {10.1234/example.2021.1},\n",
        "  doi     = {10.1234/example.2021.1},\n  file    = {papers/doe2021.pdf},\n",
    )
    assert filed != text
    bib.write_text(filed, encoding="utf-8")
    result = run_cli("diff", str(old), str(new))
    assert "claims: 0 added, 0 removed, 0 changed" in result.out, result.out
    assert "[source]" not in result.out
    # (both values in double quotes, as diff quotes every value now: tests/test_site_agri_es_trial.py)
    assert result.out.count('~ source Doe2021: file "—" -> "papers/doe2021.pdf"') == 1, result.out

    # a field that identifies the work does concern the claims citing it, and they say which
    bib.write_text(
        filed.replace("{The Energy of Training Model X}", "{The Energy of Training Model X, Revised}"), encoding="utf-8"
    )
    result = run_cli("diff", str(old), str(new))
    assert "~ claim/model-training-energy  [source]" in result.out, result.out
    assert "cited source entry: Doe2021 (title) changed in bib/" in result.out
    assert "file" not in result.out.split("~ source Doe2021")[0]


CONFERENCE_BIB = """@proceedings{NeurIPS2017,
  title     = {Advances in Neural Information Processing Systems 30},
  editor    = {Guyon, Isabelle and others},
  publisher = {Curran Associates},
  year      = {2017},
  url       = {https://papers.nips.cc/book/2017},
}

@inproceedings{Vaswani2017,
  author    = {Vaswani, Ashish and others},
  title     = {Attention Is All You Need},
  pages     = {5998--6008},
  crossref  = {NeurIPS2017},
  url       = {https://arxiv.org/abs/1706.03762},
}

@inproceedings{Orphan2017,
  author    = {Nobody, Anne},
  title     = {A Paper Whose Proceedings Are Missing},
  crossref  = {NoSuchProceedings},
  year      = {2017},
  url       = {https://example.org/orphan},
}
"""


def test_bibtex_crossref_is_inherited_and_a_missing_target_reported(tmp_path):
    """A BibTeX `crossref` field was ignored: a missing target went unreported and no fields were
    inherited (biblatex: the child takes the fields it lacks from its parent)."""
    root = registry_with(tmp_path, {"bib/conference.bib": CONFERENCE_BIB})
    registry = load(root)
    child = registry.sources["Vaswani2017"]
    # the proceedings' title is the paper's booktitle; the paper keeps its own title and url
    assert child.fields["booktitle"] == "Advances in Neural Information Processing Systems 30"
    assert child.fields["title"] == "Attention Is All You Need"
    assert child.fields["url"] == "https://arxiv.org/abs/1706.03762"
    assert child.fields["publisher"] == "Curran Associates" and child.year == "2017"
    assert "booktitle" not in registry.sources["NeurIPS2017"].fields

    checked = run_cli("check", "-r", str(root))
    assert (
        "bib/conference.bib:20: CG129 warning: entry 'Orphan2017' has crossref 'NoSuchProceedings', "
        "which names no entry of the bibliography"
    ) in checked.out, checked.out
    assert checked.out.count("CG129") == 1
