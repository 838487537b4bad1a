"""What a Spanish registry's trial found (agri-es): in-text citations and page locators written in the languages
claimgraph reads were not understood, and a copy looked for in the wrong folder was named as typed.

- CG302 warned about "Poore y Nemecek, 2018", "según Poore et al., 2018", "Poore und Nemecek": only English and
  French conjunctions and lead-ins were known; its message cut the citation's closing parenthesis; and "FAO" for
  an organisation's full name was warned with no word of ``shortauthor``.
- "pág. 1", "página 1", "págs. 1-1" were never compared with the source text's pages (no CG383), as "p. 1" is.
- CG380 and ``sources status`` named the ``file`` field as typed, not the path looked for (bib/sources/X.txt).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.checks.intext_citations import parse_citation

from .conftest import run_cli
from .made_registries import add_claim, add_paged_copy, findings, new_registry

# ------------------------------------------------------------------ CG302: citations in other languages


@pytest.mark.parametrize(
    "printed, name",
    [
        # Spanish
        ("Poore y Nemecek, 2018", "Poore"),
        ("Poore e Iglesias, 2018", "Poore"),
        ("Poore y col., 2018", "Poore"),
        ("Poore y otros, 2018", "Poore"),
        ("según Poore et al., 2018", "Poore"),
        ("véase Poore y Nemecek (2018)", "Poore"),
        ("véase también Poore, 2018", "Poore"),
        ("p. ej. Poore, 2018", "Poore"),
        ("cf. Poore, 2018", "Poore"),
        ("según la FAO (2018)", "FAO"),
        # German
        ("Poore und Nemecek, 2018", "Poore"),
        ("Poore u. a., 2018", "Poore"),
        ("Poore u.a. 2018", "Poore"),
        ("siehe Poore et al. (2018)", "Poore"),
        ("vgl. Poore, 2018", "Poore"),
        ("laut Poore und Nemecek, 2018", "Poore"),
        # Italian and Portuguese
        ("Poore e Nemecek, 2018", "Poore"),
        ("Poore ed Nemecek, 2018", "Poore"),
        ("secondo Poore et al., 2018", "Poore"),
        ("segundo Poore e Nemecek, 2018", "Poore"),
        # an article or a lead-in word that is a name stays a name
        ("Das et al., 2020", "Das"),
        ("Segundo y Pérez, 2018", "Segundo"),
    ],
)
def test_the_first_author_is_read_in_every_language_claimgraph_reads(printed, name):
    (item,) = parse_citation(printed)
    assert item.name == name
    assert item.printed == printed


def test_a_citation_is_printed_as_written():
    # Regression: "Mekonnen y Hoekstra (2012)" was printed "Mekonnen y Hoekstra (2012" (its ")" stripped)
    assert [i.printed for i in parse_citation("Mekonnen y Hoekstra (2012)")] == ["Mekonnen y Hoekstra (2012)"]
    assert [i.printed for i in parse_citation("FAO (2018)")] == ["FAO (2018)"]
    assert [i.printed for i in parse_citation("(Sundberg, 2023; Luccioni et al. (2023))")] == [
        "Sundberg, 2023",
        "Luccioni et al. (2023)",
    ]


def _cg302(root: Path, key: str = "Doe2021") -> dict[str, dict]:
    """The CG302 findings about entry ``key``, by claim."""
    return {f["subject"].rsplit("/", 1)[-1]: f for f in findings(root, "CG302") if f" {key} " in f["message"]}


ACCEPTED = [
    "Doe y Roe, 2021",
    "Doe e Iglesias, 2021",
    "Doe y col., 2021",
    "Doe y otros, 2021",
    "Doe e Roe, 2021",
    "Doe und Roe, 2021",
    "Doe u. a., 2021",
    "según Doe et al., 2021",
    "véase Doe y Roe (2021)",
    "p. ej. Doe, 2021",
    "siehe Doe (2021)",
    "vgl. Doe et al., 2021",
    "laut Doe, 2021",
    "secondo Doe e Roe, 2021",
    "segundo Doe et al., 2021",
]


def test_citations_in_spanish_german_italian_portuguese_name_their_entry(tmp_path):
    root = new_registry(tmp_path, ("es", "en"))
    for n, printed in enumerate(ACCEPTED):
        add_claim(
            root,
            f"ok{n}",
            "La dosis fue de 220 kg.",
            "220",
            "KiloGM",
            kind="Mass",
            more=("--in-text-citation", printed),
        )
    # a citation naming another first author is still reported, in the same words
    wrong = {"roe-first": "Roe y Doe (2021)", "smith": "según Smith y col., 2021", "german": "Roe und Doe, 2021"}
    for claim, printed in wrong.items():
        add_claim(
            root, claim, "La dosis fue de 220 kg.", "220", "KiloGM", kind="Mass", more=("--in-text-citation", printed)
        )
    reported = _cg302(root)
    assert sorted(reported) == sorted(wrong)
    # printed as written, its closing parenthesis kept
    assert reported["roe-first"]["message"] == "printed “Roe y Doe (2021)”, but entry Doe2021 has first author “Doe”"
    assert (
        reported["smith"]["message"] == "printed “según Smith y col., 2021”, but entry Doe2021 has first author “Doe”"
    )
    assert "shortauthor" not in reported["smith"]["hint"]  # said of an organisation only


def test_a_family_name_holding_a_conjunction_or_an_article_is_read_whole(tmp_path):
    root = new_registry(tmp_path, ("es", "en"))
    bib = root / "bib" / "references.bib"
    bib.write_text(bib.read_text().replace("author = {Doe, Jane}", "author = {Ortega y Gasset, José}"))
    add_claim(
        root,
        "whole",
        "Un dato de 5 kg.",
        "5",
        "KiloGM",
        kind="Mass",
        more=("--in-text-citation", "Ortega y Gasset, 2021"),
    )
    add_claim(root, "half", "Un dato de 5 kg.", "5", "KiloGM", kind="Mass", more=("--in-text-citation", "Gasset, 2021"))
    assert sorted(_cg302(root)) == ["half"]


def test_an_organisations_acronym_is_settled_by_shortauthor_and_the_hint_says_so(tmp_path):
    root = new_registry(tmp_path, ("es", "en"))
    made = run_cli(
        "new", "source", "--registry", str(root), "--key", "FAO2021", "--type", "techreport",
        "--author", "{Food and Agriculture Organization of the United Nations}", "--title", "T", "--year", "2021",
    )  # fmt: skip
    assert made.code == 0, made.err
    cites = ("--cites", "FAO2021", "--in-text-citation")
    add_claim(root, "fao", "Un dato de 5 kg.", "5", "KiloGM", kind="Mass", more=(*cites, "Doe, 2021; FAO, 2021"))
    add_claim(root, "oecd", "Un dato de 5 kg.", "5", "KiloGM", kind="Mass", more=(*cites, "Doe, 2021; OECD, 2021"))
    reported = _cg302(root, "FAO2021")
    assert sorted(reported) == ["fao", "oecd"]
    # the item about FAO2021 is the one naming no other entry the claim cites ("Doe, 2021" names Doe2021)
    assert reported["fao"]["message"].startswith("printed “FAO, 2021”, but entry FAO2021 has first author")
    assert "`shortauthor = {FAO}` to the BibTeX entry FAO2021" in reported["fao"]["hint"]
    assert "initials, FAOUN" in reported["fao"]["hint"]
    bib = root / "bib" / "references.bib"
    bib.write_text(bib.read_text().replace("@techreport{FAO2021,", "@techreport{FAO2021,\n  shortauthor = {FAO},"))
    # settled for FAO; OECD still names another organisation
    assert sorted(_cg302(root, "FAO2021")) == ["oecd"]


# ------------------------------------------------------------------ CG383: page words of every language

PAGES = "Primera página: el rendimiento.\fLa dosis media fue de 220 kg N/ha.\fTercera página: el anexo.\n"


def _with_paged_copy(root: Path, field: str = "../sources/Doe2021.txt") -> None:
    """Doe2021 with a plain-text copy split into three pages by form feeds (the quote on page 2), named by ``field``."""
    add_paged_copy(root, PAGES, field)


WRONG_PAGE = ["p. 1", "S. 1", "pág. 1", "página 1", "págs. 1-1", "páginas 1 y 3", "Seiten 1 und 3", "pag. 1", "pagg. 3-3", "pagina 3", "blz. 1", "bladzijde 3", "Tabla 2, pág. 3"]  # fmt: skip
RIGHT_PAGE = ["p. 2", "pág. 2", "página 2", "págs. 1-2", "páginas 1 y 2", "Seite 2", "pag. 2", "blz. 2"]


def test_page_locators_of_every_language_are_compared_with_the_texts_pages(tmp_path):
    root = new_registry(tmp_path, ("es", "en"))
    _with_paged_copy(root)
    quote = "La dosis media fue de 220 kg N/ha."
    for n, locator in enumerate(WRONG_PAGE + RIGHT_PAGE):
        add_claim(root, f"c{n}", "La dosis media fue de 220 kg N/ha.", "220", "KiloGM-PER-HA", kind="MassPerArea", quote=quote, locator=locator)  # fmt: skip
    said = {f["subject"].rsplit("/", 1)[-1]: f["message"] for f in findings(root, "CG383")}
    assert sorted(said, key=lambda c: int(c[1:])) == [f"c{n}" for n in range(len(WRONG_PAGE))]
    assert said["c2"].startswith("quote found in Doe2021 on p. 2, not on pág. 1 as its locator says")
    assert "split at form feeds" in said["c2"]
    assert not findings(root, "CG382", "CG380")  # every quote was found


# ------------------------------------------------------------------ CG380: the path looked for


def test_a_copy_named_from_the_wrong_folder_is_named_where_it_was_looked_for(tmp_path):
    # Regression: file = {sources/Doe2021.txt} (read from bib/) gave "('sources/Doe2021.txt' not on this
    # machine)", naming a file that exists at the registry's root
    root = new_registry(tmp_path, ("es", "en"))
    _with_paged_copy(root, field="sources/Doe2021.txt")
    add_claim(root, "c", "La dosis media fue de 220 kg N/ha.", "220", "KiloGM-PER-HA", kind="MassPerArea", quote="La dosis media fue de 220 kg N/ha.", locator="p. 2")  # fmt: skip
    (unavailable,) = findings(root, "CG380")
    assert unavailable["message"].startswith(
        "text not available for Doe2021 (file field 'sources/Doe2021.txt': bib/sources/Doe2021.txt is not on this "
        "machine): the quote"
    )
    assert "read from the folder of the .bib file" in unavailable["hint"]
    status = run_cli("sources", "status", "--registry", str(root))
    assert status.code == 0, status.err
    assert "file field 'sources/Doe2021.txt': bib/sources/Doe2021.txt is not on this machine" in status.out
    # named from the .bib file's folder, it is read
    bib = root / "bib" / "references.bib"
    bib.write_text(bib.read_text().replace("{sources/Doe2021.txt}", "{../sources/Doe2021.txt}"))
    assert not findings(root, "CG380", "CG382", "CG383")
