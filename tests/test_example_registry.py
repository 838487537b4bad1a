"""The second registry, examples/ml-training-energy: authored from four papers' tables with
`init` and `new` as a new user would, it gives exactly the findings its README explains, each a
true signal (a real disagreement between papers, a number nobody here traced to its origin, a
quote nobody here saw), and no misreading of a number; and its site builds."""

from __future__ import annotations

import json
import shutil

import pytest

from .conftest import PROJECT, run_cli

EXAMPLE = PROJECT / "examples" / "ml-training-energy"

#: Findings that do not depend on how derivations treat units: (code, claim or source id).
STABLE = {
    # Two or three papers print different numbers for one measurand (README, "Conflicts").
    *(("CG340", f"bloom-training-energy-{paper}") for paper in ("luccioni2023", "touvron2023", "luccioni2025")),
    *(("CG340", f"bloom-training-emissions-{paper}") for paper in ("luccioni2023", "touvron2023", "luccioni2025")),
    ("CG340", "llama-7b-training-energy-touvron2023"),
    ("CG340", "llama-7b-training-energy-luccioni2025"),
    ("CG340", "us-average-grid-intensity-patterson2021"),
    ("CG340", "us-average-grid-intensity-touvron2023"),
    ("CG340", "evolved-transformer-nas-training-emissions-patterson2021"),
    ("CG340", "evolved-transformer-nas-emissions-strubell-via-patterson2021"),
    ("CG340", "evolved-transformer-nas-emissions-strubell-via-luccioni2025"),
    # Numbers read only in a paper that reports them, their origin not read here.
    *(
        ("CG311", claim)
        for claim in (
            "bloom-training-energy-luccioni2025",
            "bloom-training-emissions-luccioni2025",
            "olmo-20m-training-energy-luccioni2025",
            "olmo-20m-training-emissions-luccioni2025",
            "llama-4-scout-training-energy-luccioni2025",
            "llama-3-1-405b-training-emissions-luccioni2025",
            "command-r-plus-inference-energy-luccioni2025",
            "bert-tiny-inference-energy-luccioni2025",
            "evolved-transformer-nas-emissions-strubell-via-patterson2021",
            "evolved-transformer-nas-emissions-strubell-via-luccioni2025",
            "google-search-energy-hoelzle-via-luccioni2025",
            "chatgpt-request-energy-devries-via-luccioni2025",
            "chatgpt-to-google-search-energy-ratio-luccioni2025",
        )
    ),
    # The BLOOM paper's body was not reached: no quote for its two table figures.
    ("CG210", "bloom-training-energy-luccioni2023"),
    ("CG210", "bloom-grid-intensity-luccioni2023"),
}

#: Every product of quantities with units (energy x carbon intensity) is recomputed with its dimensions;
#: one table row does not fit its cited source's formula (356 MWh x 0.385 kg/kWh = 137 t, printed 14 t).
DERIVED_WITH_UNITS = {("CG350", "llama-7b-training-emissions-luccioni2025")}

EXPECTED = STABLE | DERIVED_WITH_UNITS


@pytest.fixture(scope="module")
def report():
    result = run_cli("check", "--registry", str(EXAMPLE), "--format", "json", "--min-level", "info")
    return result, json.loads(result.out)["findings"]


def test_the_example_registry_gives_exactly_the_findings_its_readme_explains(report):
    _, findings = report
    found = {(f["code"], f["subject"].rsplit("/", 1)[-1]) for f in findings}
    assert found == EXPECTED
    assert len(findings) == len(EXPECTED), "one finding per claim and code"


def test_the_example_registry_has_no_misread_number(report):
    _, findings = report
    assert not [f for f in findings if f["code"] in ("CG320", "CG321", "CG322", "CG370")]


def test_the_example_registry_passes_check_with_every_product_recomputed(report):
    result, findings = report
    errors = {(f["code"], f["subject"].rsplit("/", 1)[-1]) for f in findings if f["severity"] == "error"}
    assert errors == set() and not [f for f in findings if f["code"] in ("CG351", "CG352")]
    assert result.code == 0


def test_the_recomputed_interval_shows_its_width(report):
    # rounded to three digits it read "137 t (interval 137–137 t)": an interval with no width
    _, findings = report
    (mismatch,) = [f["message"] for f in findings if f["code"] == "CG350"]
    assert "gives 137.1 t (interval 136.7–137.4 t), the claim says 14 t" in mismatch, mismatch


def test_every_finding_of_the_example_is_explained_in_its_readme(report):
    _, findings = report
    readme = (EXAMPLE / "README.md").read_text(encoding="utf-8")
    for code, _subject in EXPECTED:
        assert code in readme, code
    for subject in {f["subject"].rsplit("/", 1)[-1] for f in findings if f["code"] in ("CG340", "CG210")}:
        assert subject in readme, subject


def test_the_conflicts_compare_numbers_the_papers_print(report):
    _, findings = report
    spans = {
        f["facts"]["measurand"].rsplit("/", 1)[-1]: (
            pytest.approx(f["facts"]["low"]),
            pytest.approx(f["facts"]["high"]),
            f["facts"]["unit"],
        )
        for f in findings
        if f["code"] == "CG340"
    }
    # the lowest and the highest number the claims state, as check's message and the site say them
    assert spans == {
        "bloom-training-energy": (433, 520, "MegaW-HR"),
        "bloom-training-emissions": (24.7, 30, "TONNE"),
        "llama-7b-training-energy": (36, 356, "MegaW-HR"),
        # in the unit most of the claims are written in
        "us-average-grid-intensity": (0.385, 0.429, "KiloGM-PER-KiloW-HR"),
        "evolved-transformer-nas-training-emissions": (3.2, 284, "TONNE"),
    }
    # and the ends of their rounding, which set them apart, as facts of their own
    edges = {
        f["facts"]["measurand"].rsplit("/", 1)[-1]: (f["facts"]["low_edge"], f["facts"]["high_edge"])
        for f in findings
        if f["code"] == "CG340"
    }
    assert edges["bloom-training-energy"] == (pytest.approx(432.5), pytest.approx(520.5))
    assert edges["us-average-grid-intensity"] == (pytest.approx(0.3845), pytest.approx(0.4295))


def test_the_example_registry_builds(tmp_path):
    registry = tmp_path / "ml-training-energy"
    shutil.copytree(EXAMPLE, registry)
    out = tmp_path / "site"
    result = run_cli("build", "--registry", str(registry), "--out", str(out))
    assert result.code == 0, result.err
    assert (out / "index.html").is_file()
    pages = "\n".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    assert "llama-7b-training-energy-luccioni2025" in pages


def test_the_example_saved_query_sets_the_papers_figures_side_by_side():
    result = run_cli("query", "figures-by-measurand", "--registry", str(EXAMPLE), "--format", "json")
    assert result.code == 0, result.err
    rows = json.loads(result.out)["results"]["bindings"]
    by_measurand: dict[str, set[str]] = {}
    for row in rows:
        by_measurand.setdefault(row["measurand"]["value"].rsplit("/", 1)[-1], set()).add(row["cited"]["value"])
    assert by_measurand["bloom-training-energy"] == {"Luccioni2023", "Touvron2023", "Luccioni2025"}
    assert by_measurand["us-average-grid-intensity"] == {"Patterson2021", "Touvron2023"}
    assert by_measurand["llama-7b-training-energy"] == {"Touvron2023", "Luccioni2025"}
    assert len(by_measurand) == 11 and len(rows) == 25


def test_every_example_claim_says_how_it_was_checked():
    from claimgraph.registry import load

    registry = load(EXAMPLE)
    rows = registry.select(
        "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) (COUNT(DISTINCT ?note) AS ?m) WHERE { "
        "?c a/rdfs:subClassOf* cg:Claim OPTIONAL { ?c cg:status ?s } "
        "OPTIONAL { ?c cg:statusNote ?note } } GROUP BY ?c"
    )
    assert len(rows) == 71
    for row in rows:
        assert int(row["n"]) == 1 and int(row["m"]) == 1, row["c"]
