"""In-text citation parsing and matching, identifier syntax, and formula evaluation."""

from __future__ import annotations

import pytest

from claimgraph.checks.bibliography import ARXIV, DOI, isbn_valid
from claimgraph.checks.derived import DerivationError, DimensionError, compute
from claimgraph.checks.intext_citations import name_matches, parse_citation, year_matches
from claimgraph.loading.bibtex import BibEntry, strip_braces
from claimgraph.namespaces import FORMULA
from claimgraph.quantities import UNIT_NS

from .conftest import PROJECT


def entry(key, author, year, **fields):
    return BibEntry(key, "misc", {"author": author, "year": year, **fields}, 1)


@pytest.mark.parametrize(
    "printed, names",
    [
        ("Sundberg, 2023", [("Sundberg", "2023", "")]),
        ("Sundberg, 2023 ; Luccioni et al., 2023", [("Sundberg", "2023", ""), ("Luccioni", "2023", "")]),
        ("Eldan & Li, 2023", [("Eldan", "2023", "")]),
        ("p. ex. Gent, 2023", [("Gent", "2023", "")]),
        ("IEA, 2025a", [("IEA", "2025", "a")]),
        ("l'IEA (2025b)", [("IEA", "2025", "b")]),
        ("Patterson et ses coauteurs (2022)", [("Patterson", "2022", "")]),
        ("voir par exemple Tomlinson et al., 2024", [("Tomlinson", "2024", "")]),
    ],
)
def test_parse_citation(printed, names):
    assert [(i.name, i.year, i.suffix) for i in parse_citation(printed)] == names


def test_names_compare_without_case_or_accents_and_organisations_by_initials():
    sundberg = entry("Sundberg2023", "Sundberg, Niklas", "2023")
    assert name_matches("sundberg", sundberg) and not name_matches("Sunberg", sundberg)
    assert name_matches("Ligozat", entry("X", "Ligozât, Anne-Laure", "2023"))
    iea = entry("IEA2025a", "{International Energy Agency}", "2025")
    assert name_matches("IEA", iea)
    assert name_matches("AIE", entry("Y", "{Agence internationale de l'énergie}", "2025", shortauthor="AIE"))


def test_year_suffixes_map_to_distinct_entries():
    (a,) = parse_citation("IEA, 2025a")
    assert year_matches(a, entry("IEA2025a", "{International Energy Agency}", "2025"))
    assert not year_matches(a, entry("IEA2025b", "{International Energy Agency}", "2025"))


@pytest.mark.parametrize(
    "text, ok",
    [
        ("10.1109/MC.2022.3148714", True),
        ("10.1038/s41598-024-54271-x", True),
        ("https://doi.org/10.1109/x", False),
        ("10.12/x", False),
    ],
)
def test_doi_syntax(text, ok):
    assert bool(DOI.match(text)) is ok


def test_arxiv_and_isbn_syntax():
    assert ARXIV.match("2211.02001") and ARXIV.match("2104.10350v3") and ARXIV.match("hep-th/9901001")
    assert not ARXIV.match("arXiv:2211.02001")
    assert isbn_valid("978-0-306-40615-7") and isbn_valid("0-306-40615-2")
    assert not isbn_valid("978-0-306-40615-8")


def test_formulas_recompute_the_deck_examples():
    mwh, unitless = UNIT_NS + "MegaW-HR", UNIT_NS + "UNITLESS"
    ratio = str(FORMULA.ratio)
    # GLaM 456 MWh against GPT-3 1,287 MWh: a ratio of 2.8, "a factor 3"
    assert compute(ratio, [(1287, mwh), (456, mwh)], unitless) == pytest.approx(2.82, abs=0.01)
    # units are converted before dividing
    assert compute(ratio, [(1.287, UNIT_NS + "GigaW-HR"), (456, mwh)], unitless) == pytest.approx(2.82, abs=0.01)
    # 5 % a year for 10 years
    assert compute(str(FORMULA.compoundGrowth), [(5, UNIT_NS + "PERCENT"), (10, None)]) == pytest.approx(1.629, 1e-3)
    # halving every 8 months: 2^(12/8) a year
    assert compute(str(FORMULA.halvingTimeToAnnualFactor), [(8, UNIT_NS + "MO")]) == pytest.approx(2.828, 1e-3)
    # in QUDT's own years (365.25 days) and days, the same halving time gives the same factor
    assert compute(str(FORMULA.halvingTimeToAnnualFactor), [(243.5, UNIT_NS + "DAY")]) == pytest.approx(2.828, 1e-3)
    with pytest.raises(DerivationError):
        compute(ratio, [(1, mwh), (1, UNIT_NS + "TONNE")])
    with pytest.raises(DerivationError):
        compute(ratio, [(1, mwh)])
    with pytest.raises(DimensionError):  # a ratio is a plain number, not an energy
        compute(ratio, [(1287, mwh), (456, mwh)], mwh)


@pytest.mark.parametrize(
    "latex, text",
    [
        (r"H{\"o}lzle, Urs", "Hölzle, Urs"),
        (r"Llu{\'i}s-Miquel", "Lluís-Miquel"),
        (r"Llu{\'\i}s", "Lluís"),
        (r"\"{U}ber", "Über"),
        (r"Fran\c{c}ois", "François"),
        (r"Fran\c cois", "François"),
        (r"Dvo\v{r}\'ak", "Dvořák"),
        (r"Erd\H{o}s", "Erdős"),
        (r"{\o}ster", "øster"),
        (r"Stra\ss e", "Straße"),
        (r"\AA{}ngstr\"om", "Ångström"),
        (r"AT\&T", "AT&T"),
        (r"50\%", "50%"),
        (r"Wa\l{}\k{e}sa", "Wałęsa"),
        (r"{International Energy Agency}", "International Energy Agency"),
        (r"\textbf{kept}", "kept"),  # a font command changes the look of its text only
        (r"\foo{kept}", r"\fookept"),  # a command that is neither an accent nor a font stays visible, not guessed
    ],
)
def test_bibtex_values_are_read_as_plain_text(latex, text):
    assert strip_braces(latex) == text


def test_the_bundled_bibliography_names_authors_with_their_accents():
    from claimgraph.registry import load

    registry = load(PROJECT)
    names = {
        row["name"].value
        for row in registry.store.query(
            "SELECT ?name WHERE { GRAPH ?g { ?s <http://purl.org/dc/terms/creator> ?name } }"
        )
    }
    assert {"Hölzle, Urs", "Munguia, Lluís-Miquel"} <= names
    assert not [n for n in names if "\\" in n or "{" in n]


def test_and_others_marks_more_authors_and_names_nobody(copy_fixture):
    """BibTeX's ``and others`` is "more authors, not listed": no creator called "others" in the
    graph, and "et al." where the site writes the authors. (The bundled Wu 2022 entry had it until
    its 25 authors were read in the paper; the entry is now written into a fixture's copy.)"""
    from claimgraph.loading.bibtex import is_more_authors
    from claimgraph.registry import load
    from claimgraph.site.environment import reference_parts
    from claimgraph.site.model import gather

    e = entry("Wu2022", "Wu, Carole-Jean and others", "2022")
    assert e.authors == ["Wu, Carole-Jean", "others"] and e.creators == ["Wu, Carole-Jean"]
    assert is_more_authors(" Others ") and not is_more_authors("Otherson, Ann")
    root = copy_fixture("valid")
    with (root / "bib" / "references.bib").open("a", encoding="utf-8") as bib:
        bib.write(
            "\n@article{Wu2022SustainableAI,\n  author = {Wu, Carole-Jean and others},\n"
            "  title = {Sustainable AI},\n  year = {2022},\n  url = {https://example.org/wu}\n}\n"
        )
    registry = load(root)
    iri = registry.source_iri("Wu2022SustainableAI")
    creators = [row["c"] for row in registry.select(f"SELECT ?c WHERE {{ <{iri}> dcterms:creator ?c }}")]
    listed = registry.select(f"SELECT ?l WHERE {{ <{iri}> cg:authorList ?l }}")[0]["l"]
    assert creators == ["Wu, Carole-Jean"] and listed == "Wu, Carole-Jean; others"  # the list as written
    source = next(s for s in gather(registry, []).sources if s.key == "Wu2022SustainableAI")
    assert source.short == "Wu et al. (2022)"
    assert reference_parts(source)[0][0] == "Wu, Carole-Jean et al."


def test_year_is_four_ascii_digits_or_none():
    """A year as written or none: never a prefix of the digits, never digits xsd:gYear refuses."""
    cases = [
        ({"year": "2021"}, "2021"),
        ({"year": "{2021}"}, "2021"),
        ({"date": "2023-05-01"}, "2023"),
        ({"date": "2023/2024"}, "2023"),
        ({"year": "12345"}, None),  # was 1234: a prefix of the digits
        ({"year": "9" * 30}, None),  # was 9999
        ({"year": "\uff12\uff10\uff12\uff13"}, None),  # full-width digits: \d took them, xsd:gYear does not
        ({"date": "12345-01-01"}, None),
    ]
    assert [BibEntry("K", "misc", fields, 1).year for fields, _ in cases] == [year for _, year in cases]
