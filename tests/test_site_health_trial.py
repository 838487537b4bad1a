"""What a new user's trial on an epidemiology registry found: the site showed the wrong figure of a quote (a CI's
95 %, the claim's unit stamped on a bare number), supplement pages ("p. S2") went unchecked, claims were named by
their slug, rate units were unreadable and a chart cut its figures, an RO-Crate hid a failing quote, an ML query
was listed in every registry, and ``new claim --unit "µg/m³"`` suggested nothing. Each registry is made here as
a user makes one (tests/made_registries.py)."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pytest

from claimgraph.sources.locate import PageNumbering, locator_pages, page_numbering, pages_named
from claimgraph.sources.texts import Page, SourceText

from .conftest import run_cli
from .made_registries import add_claim, add_turtle, checked_site, findings, new_claim, new_registry, page_words
from .made_registries import site_page
from .sources_pdf import make_pdf

ROOT = Path(__file__).resolve().parent.parent

# ------------------------------------------------------------------ 1, 3, 4: the site of an epidemiology registry


def _epidemiology_registry(tmp_path: Path) -> Path:
    root = new_registry(tmp_path, ("en",))
    ratio = {"kind": "DimensionlessRatio"}
    add_claim(
        root, "RR-Cohort", "The risk ratio was 1.8.", "1.8", "UNITLESS", quote="RR 1.08 (95% CI 1.04–1.12)", **ratio
    )
    add_claim(root, "hr", "The hazard ratio was 0.67.", "0.67", "UNITLESS", quote="HR 0.76, 95% CI 0.70-0.83", **ratio)
    add_claim(
        root, "pm", "Mean exposure was 0.0143 mg/m3.", "0.0143", "MilliGM-PER-M3", quote="mean 14.3 (3.2) μg/m³",
        kind="MassDensity",
    )  # fmt: skip
    rate = {"kind": "MortalityRate", "more": ("--measurand-label", "mortality")}
    add_claim(
        root, "F09-rate-per-million", "The rate was 125 per 100,000 person-years.", "125",
        "DEATHS-PER-HUNDRED-THOUSAND-INDIV-YR", quote="12.5 per 100,000 person-years", **rate,
    )  # fmt: skip
    added = new_claim(
        root, "F04-Cohort-Typo", "--statement", "The rate was 1250 per 100,000 person-years.", "--value", "1250",
        "--unit", "DEATHS-PER-HUNDRED-THOUSAND-INDIV-YR", "--quote", "1250 per 100,000 person-years", "--locator",
        "p. 2", measurand="F09-rate-per-million", kind="MortalityRate",
    )  # fmt: skip
    assert added.code == 0, added.err
    add_turtle(
        root,
        """
<step/c1> a cg:Conclusion ;
    cg:order 1 ;
    rdfs:label "Risk"@en ;
    cg:text "The risk is raised."@en ;
    cg:supportedBy claim:RR-Cohort , claim:hr .
""",
    )
    return root


@pytest.fixture(scope="module")
def epidemiology(tmp_path_factory) -> tuple[Path, Path]:
    tmp_path = tmp_path_factory.mktemp("epidemiology")
    root = _epidemiology_registry(tmp_path)
    return root, checked_site(root, tmp_path / "site")


def _read(root: Path) -> dict[str, list]:
    return {f["subject"].rsplit("/", 1)[-1]: f["facts"]["read"] for f in findings(root, "CG320")}


def _who_says_what(site: Path, slug: str) -> str:
    page = site_page(site, f"claims/{slug}.html")
    start = page.index('id="who-says-what"')
    return page_words(page[start : page.index('id="citation"', start)])


def test_the_figures_a_quote_gives_are_its_own_not_a_ci_level_nor_the_claims_unit(epidemiology):
    root, site = epidemiology
    read = _read(root)
    # the estimate, never the CI's level (95 %) nor its bounds; a bare number stays bare
    assert read["RR-Cohort"] == [[1.08, None]]
    assert read["hr"] == [[0.76, None]]
    # the claim's mg/m³ is not put on the quote's 14.3; 3.2 in brackets is its spread (the SD)
    assert read["pm"] == [[14.3, None]]
    # "per 100,000" is the rate's denominator, not a figure: the reader reads it into the figure's unit
    assert read["F09-rate-per-million"] == [[12.5, "NUM-PER-100000-INDIV-YR"]]
    who = _who_says_what(site, "rr-cohort")
    assert "in the cited source 1.08 Doe (2021)" in who and "95" not in who
    who = _who_says_what(site, "pm")
    assert "in the cited source 14.3 Doe (2021)" in who and "mg/m³ Doe" not in who.split("as printed")[1][20:]
    assert "3.2" not in who
    who = _who_says_what(site, "f09-rate-per-million")
    # (the figure keeps the unit the reader gave it, the rate's scale in it: never a figure 100000 of its own)
    assert "in the cited source 12.5 " in who and "100,000 D" not in who
    # the home page's verdict: the quote's figure as the quote gives it
    home = page_words(html.unescape(site_page(site, "index.html")))
    assert "its quote gives 1.08" in home and "its quote gives 0.76" in home
    assert "gives 95" not in home


def test_a_percent_is_the_figure_when_the_quote_gives_no_bare_number(tmp_path):
    root = new_registry(tmp_path, ("en",))
    add_claim(
        root, "share", "The share was 0.5.", "0.5", "UNITLESS", quote="a share of 25 % (95% CI 20-30 %)",
        kind="DimensionlessRatio",
    )  # fmt: skip
    add_claim(root, "mass", "It weighs 3 kg.", "3", "KiloGM", quote="it weighs 2 kg (SD 0.5 kg) in 2020", kind="Mass")
    read = _read(root)
    assert read["share"] == [[25, "PERCENT"]]
    assert read["mass"] == [[2, "KiloGM"]]  # the quote's own unit; its spread in brackets left out


def test_pages_name_a_claim_by_its_id_as_written(epidemiology):
    _, site = epidemiology
    claim = page_words(site_page(site, "claims/f09-rate-per-million.html"))
    assert "Claim F09-rate-per-million" in claim and "f09-rate-per-million" not in claim
    home = page_words(html.unescape(site_page(site, "index.html")))
    assert "F04-Cohort-Typo" in home and "f04-cohort-typo" not in home  # figures in conflict
    claims = page_words(site_page(site, "claims/index.html"))
    assert "F09-rate-per-million" in claims and "RR-Cohort" in claims
    # the pages keep their file names: the slug is for addresses
    assert (site / "claims" / "f04-cohort-typo.html").is_file()


def test_a_rate_unit_is_written_as_qudt_writes_it_and_not_normalised_to_hertz(epidemiology):
    _, site = epidemiology
    claim = page_words(site_page(site, "claims/f09-rate-per-million.html"))
    assert "125 deaths/100,000 individuals/a" in claim
    assert "100·1000" not in claim and "DEATHS" not in claim.replace("DEATHS-PER", "")
    assert " Hz" not in claim and "10⁻¹²" not in claim  # a mortality rate is not a frequency to a reader
    # normalised to the unit epidemiology states rates in (quantities.KIND_UNITS), and shown: the page's own data
    # holds it, so the page never says "not normalised"
    assert "Normalised value 125 deaths/100,000 individuals/a" in claim and "not normalised" not in claim
    # a unit its QUDT name already reads well keeps its symbol, and its normalised value
    pm = page_words(site_page(site, "claims/pm.html"))
    assert "0.0143 mg/m³" in pm and "kg/m³" in pm


def test_a_chart_leaves_room_for_its_longest_figure(epidemiology):
    _, site = epidemiology
    chart = (site / "measurands" / "f09-rate-per-million-1.svg").read_text(encoding="utf-8")
    width = float(re.search(r'viewBox="0 0 ([0-9.]+) ', chart).group(1))
    assert width > 970  # the default width would cut "1250 deaths/100,000 individuals/a"
    for x, text in re.findall(r'<text x="([0-9.]+)" y="[0-9.]+" font-size="12" fill="#37474f">([^<]*)</text>', chart):
        assert float(x) + len(html.unescape(text)) * 7.0 <= width, text
    assert "1250 deaths/100,000 individuals/a" in html.unescape(chart)


def test_a_chart_of_short_figures_keeps_its_width(tmp_path):
    root = new_registry(tmp_path, ("en",))
    for n, value in enumerate(("1287", "1300")):
        added = new_claim(
            root, f"e{n}", "--statement", f"It took {value} MWh.", "--value", value, "--unit", "MegaW-HR",
            measurand="energy",
        )  # fmt: skip
        assert added.code == 0, added.err
    site = checked_site(root, tmp_path / "site")
    chart = (site / "measurands" / "energy-1.svg").read_text(encoding="utf-8")
    assert 'viewBox="0 0 970 ' in chart


# ------------------------------------------------------------------ 2. pages with a letter before their number


@pytest.mark.parametrize(
    "locator, ranges",
    [
        ("p. S2", (("S2", "S2"),)),
        ("p. e23", (("e23", "e23"),)),
        ("pp. S101–S103", (("S101", "S103"),)),
        ("pp. S1, S3", (("S1", "S1"), ("S3", "S3"))),
        ("p. 4, Table 2", (("4", "4"),)),
        ("Supp. Table 2", None),
        ("Step 4", None),
    ],
)
def test_a_locator_names_supplement_and_online_pages(locator, ranges):
    ref = locator_pages(locator)
    assert (ref.ranges if ref else None) == ranges


def test_supplement_pages_are_found_by_their_labels():
    numbering = PageNumbering(("S1", "S2", "S3", "4"), "the PDF's page labels")
    assert pages_named(numbering, locator_pages("p. S2")) == {1}
    assert pages_named(numbering, locator_pages("pp. S1–3")) == {0, 1, 2}  # the second bound's S is the first's
    assert pages_named(numbering, locator_pages("p. 2")) == set()
    assert pages_named(numbering, locator_pages("p. 4")) == {3}


def _text(pages: int, media_type: str = "application/pdf") -> SourceText:
    return SourceText(tuple(Page(i, None, "words") for i in range(pages)), media_type, "0" * 64)


def test_a_bibtex_pages_field_with_letters_numbers_the_pages_or_says_what_it_is():
    supplement = page_numbering(_text(3), "S101--S103")
    assert supplement.labels == ("S101", "S102", "S103") and "BibTeX pages start (S101)" in supplement.basis
    article = page_numbering(_text(2), "e0123456")
    assert article.labels == ("1", "2")
    assert "no pages field" not in article.basis and "pages field (e0123456) is an article number" in article.basis
    assert "no pages field" in page_numbering(_text(2), None).basis
    assert page_numbering(_text(2), "101--120").labels == ("101", "102")


def _supplement_pdf(pages: list[str]) -> bytes:
    """A PDF whose pages are labelled S1, S2…, as a journal's supplement is."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(pages))))
    writer.set_page_label(0, len(pages) - 1, style="/D", prefix="S", start=1)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _with_file(root: Path, field: str) -> None:
    bib = root / "bib" / "references.bib"
    text = bib.read_text(encoding="utf-8")
    bib.write_text(text.replace("doi    = {10.1234/abc},", f"doi    = {{10.1234/abc}},\n  file = {{{field}}},"))


def test_a_supplement_locator_is_checked_against_the_pdfs_page_labels(tmp_path):
    root = new_registry(tmp_path, ("en",))
    (root / "sources").mkdir()
    (root / "sources" / "Doe2021.pdf").write_bytes(
        _supplement_pdf(["Supplement, first page.", "The mortality was 12.5 per 100,000 person-years."])
    )
    _with_file(root, ":../sources/Doe2021.pdf:PDF")
    for claim_id, locator in (("right", "p. S2"), ("wrong", "p. S1"), ("missing", "p. S99"), ("plain", "p. 99")):
        add_claim(
            root, claim_id, "The mortality was 12.5.", "12.5", "UNITLESS", quote="The mortality was 12.5",
            locator=locator, kind="DimensionlessRatio",
        )  # fmt: skip
    found = {f["subject"].rsplit("/", 1)[-1]: f["message"] for f in findings(root, "CG383")}
    assert "right" not in found
    assert "on p. S2, not on p. S1 as its locator says" in found["wrong"]
    assert "on p. S2, not on p. S99 as its locator says (the text has no such page)" in found["missing"]
    assert "on p. S2, not on p. 99" in found["plain"]


# ------------------------------------------------------------------ 5. the RO-Crate and the sources' texts


def _registry_with_a_failing_quote(tmp_path: Path) -> Path:
    root = new_registry(tmp_path, ("en",))
    add_claim(
        root, "rate", "The mortality was 12.5.", "12.5", "UNITLESS", quote="The mortality was 12.5",
        kind="DimensionlessRatio",
    )  # fmt: skip
    # the text named after the claim is added (`new claim` refuses a quote its text does not hold)
    (root / "sources").mkdir()
    (root / "sources" / "Doe2021.txt").write_text("The cohort's mortality was 14.1 per 100,000.", encoding="utf-8")
    _with_file(root, ":../sources/Doe2021.txt:Text")
    assert [f["code"] for f in findings(root, "CG382")] == ["CG382"]
    return root


def _export(root: Path, out: Path, *more: str) -> dict:
    result = run_cli("export", "-r", str(root), "--format", "rocrate", "--out", str(out), "--date", "2025-01-01", *more)
    assert result.code == 0, result.err
    return json.loads((out / "ro-crate-metadata.json").read_text(encoding="utf-8"))


def test_a_crate_without_the_source_texts_says_so_and_its_check_warns(tmp_path):
    root = _registry_with_a_failing_quote(tmp_path)
    crate = tmp_path / "crate"
    metadata = _export(root, crate)
    assert not (crate / "sources").exists()
    described = next(e for e in metadata["@graph"] if e["@id"] == "./")["description"]
    assert "sources' texts that the bibliography names (1) are not in this crate" in described
    assert "--with-source-texts" in described
    checked = findings(crate)
    warnings = [f for f in checked if f["code"] == "CG380" and f["severity"] == "warning"]
    assert len(warnings) == 1 and "holds none of the 1 source texts" in warnings[0]["message"]
    # named where it is missing, from the crate's folder (as CG380 names a copy since the agri-es trial), not as
    # the file field types it ('../sources/Doe2021.txt', from bib/)
    assert "'sources/Doe2021.txt'" in warnings[0]["message"]
    # the crate's copy of claimgraph's shapes is not read as the registry's own
    assert not [f for f in checked if f["code"] == "CG117"]
    assert (crate / "vocabulary" / "claimgraph-shapes.ttl").is_file() and not (crate / "shapes").exists()


def test_a_crate_with_the_source_texts_rechecks_its_quotes(tmp_path):
    root = _registry_with_a_failing_quote(tmp_path)
    crate = tmp_path / "crate"
    metadata = _export(root, crate, "--with-source-texts")
    assert (crate / "sources" / "Doe2021.txt").read_bytes() == (root / "sources" / "Doe2021.txt").read_bytes()
    entities = {e["@id"]: e for e in metadata["@graph"]}
    assert "copyright" in entities["sources/Doe2021.txt"]["description"]
    assert "not in this crate" not in entities["./"]["description"]
    checked = findings(crate)
    assert [f["code"] for f in checked if f["code"] in ("CG380", "CG382", "CG117")] == ["CG382"]
    # and the crate, written again with --force, is still one claimgraph wrote (every file listed)
    _export(root, crate, "--with-source-texts", "--force")
    other = run_cli("export", "-r", str(root), "--format", "turtle", "--with-source-texts")
    assert other.code == 2 and "--with-source-texts goes with --format rocrate" in other.err


# ------------------------------------------------------------------ 6. saved queries of every registry


def test_a_new_registry_lists_no_query_of_another_field(tmp_path):
    root = new_registry(tmp_path, ("en",))
    listed = run_cli("queries", "--registry", str(root))
    assert listed.code == 0, listed.err
    assert "training-energy" not in listed.out and "Training energy" not in listed.out
    assert "claims-by-measurand" in listed.out
    site = checked_site(root, tmp_path / "site")
    assert not list(site.rglob("*training-energy*"))
    bundled = run_cli("queries", "--registry", str(ROOT))
    assert "training-energy" in bundled.out  # the bundled registry's own question, still there


def test_the_benchmarks_synthetic_registry_carries_the_query_it_times(tmp_path):
    import subprocess
    import sys

    made = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "synthetic.py"), "20", str(tmp_path / "r")],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src")},
    )
    assert made.returncode == 0, made.stderr
    listed = run_cli("queries", "--registry", str(tmp_path / "r"))
    assert "training-energy" in listed.out


# ------------------------------------------------------------------ 7. a unit typed as people write it


@pytest.mark.parametrize("typed", ["µg/m³", "μg/m³"])  # the micro sign, then the Greek mu
def test_new_claim_suggests_the_qudt_name_of_a_unit_typed_as_a_symbol(tmp_path, typed):
    root = new_registry(tmp_path, ("en",))
    added = new_claim(root, "pm", "--statement", "s", "--value", "14.3", "--unit", typed, kind="MassDensity")
    assert added.code == 2
    assert "a number needs a QUDT unit name" in added.err
    assert "did you mean --unit MicroGM-PER-M3 (μg/m³)?" in added.err


def test_new_claim_suggests_nothing_for_a_unit_nobody_writes(tmp_path):
    root = new_registry(tmp_path, ("en",))
    added = new_claim(root, "x", "--statement", "s", "--value", "1", "--unit", "zz/q", kind="Energy")
    assert added.code == 2 and "a number needs a QUDT unit name" in added.err and "did you mean" not in added.err
