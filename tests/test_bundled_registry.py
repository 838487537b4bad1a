"""The bundled registry (the deck's evidence): it checks clean, surfaces the deck's real problems,
and a change to a number or a unit is caught at the claim's file and line."""

from __future__ import annotations

import re
import shutil

import pytest

from claimgraph.checks import run_checks
from claimgraph.findings import Severity
from claimgraph.registry import load

from .conftest import PROJECT, run_cli

BASE = "https://w3id.org/claimgraph/registry/viseur-2025/"


@pytest.fixture(scope="module")
def bundled():
    registry = load(PROJECT)
    return registry, run_checks(registry)


@pytest.fixture
def bundled_copy(tmp_path):
    target = tmp_path / "registry"
    target.mkdir()
    for name in ("claims", "bib"):
        shutil.copytree(PROJECT / name, target / name)
    shutil.copy(PROJECT / "claimgraph.toml", target)
    return target


def test_bundled_registry_has_no_errors(bundled):
    _registry, findings = bundled
    errors = [f for f in findings if f.severity >= Severity.ERROR]
    assert not errors, "\n".join(map(str, errors))
    assert run_cli("check").code == 0


def test_every_claim_has_a_status_and_a_note(bundled):
    registry, _ = bundled
    rows = registry.select("SELECT ?c (COUNT(?s) AS ?n) (COUNT(?note) AS ?m) WHERE { ?c a/rdfs:subClassOf* cg:Claim "
                           "OPTIONAL { ?c cg:status ?s } OPTIONAL { ?c cg:statusNote ?note } } GROUP BY ?c")
    assert len(rows) >= 30
    for row in rows:
        assert row["n"] == 1 and row["m"] >= 1, row["c"]


def test_the_deck_misspelling_of_sundberg_is_surfaced(bundled):
    _, findings = bundled
    assert any(f.code == "CG302" and "Sunberg" in f.message and "Sundberg" in f.message for f in findings)


def _block(path, subject_local):
    """(start, end) 0-based line range of ``claim:subject_local``'s block in ``path``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index(f"claim:{subject_local}")
    end = next((i for i in range(start + 1, len(lines)) if lines[i] == ""), len(lines))
    return lines, start, end


def _mutate(root, subject_local, pattern, replacement):
    for path in sorted((root / "claims").glob("*.ttl")):
        if f"\nclaim:{subject_local}\n" not in path.read_text(encoding="utf-8"):
            continue
        lines, start, end = _block(path, subject_local)
        for i in range(start, end):
            if re.search(pattern, lines[i]):
                lines[i] = re.sub(pattern, replacement, lines[i], count=1)
                path.write_text("\n".join(lines), encoding="utf-8")
                return path.relative_to(root).as_posix(), start + 1, end
    raise AssertionError(f"{pattern} not found in claim:{subject_local}")


def test_changing_a_value_but_not_its_quote_is_caught_at_the_claim(bundled_copy):
    before = {(f.code, f.subject) for f in run_checks(load(bundled_copy))}
    file, start, end = _mutate(bundled_copy, "gpt3-training-energy", r"qudt:numericValue 1\.3 ", "qudt:numericValue 2.3 ")
    after = run_checks(load(bundled_copy))
    new = [f for f in after if (f.code, f.subject) not in before]
    hits = [f for f in new if f.code in ("CG320", "CG321", "CG322", "CG370") and f.subject == BASE + "claim/gpt3-training-energy"]
    assert hits, "\n".join(map(str, new))
    assert all(f.file == file and start <= f.line <= end for f in hits)


def test_an_energy_claim_in_a_mass_unit_is_caught_at_the_claim(bundled_copy):
    file, start, end = _mutate(bundled_copy, "bloom-training-energy", r"unit:MegaW-HR", "unit:TONNE")
    findings = run_checks(load(bundled_copy))
    hits = [f for f in findings if f.code == "CG330" and f.subject == BASE + "claim/bloom-training-energy"]
    assert hits and hits[0].file == file and start <= hits[0].line <= end
    assert run_cli("check", "--registry", str(bundled_copy)).code == 1


# ------------------------------------------------------------------ inventory: nothing silently disappears

SOURCES = {
    # every work the deck cites
    "Sundberg2023", "Viseur2025", "Luccioni2025", "Luccioni2023", "Gent2023", "Roth2016", "Trott2021",
    "Patterson2022", "Ho2024", "IEA2025a", "IEA2025b", "Hu2023", "Smith2024", "Eldan2023", "Jolie2025",
    "Tomlinson2024", "Viseur2024",
    # the linked space, the deck itself, the A-U model, the two cases, and the primary sources traced
    "LuccioniSpace", "Viseur2025deck", "Abernathy1978", "Utterback1975", "DeepSeekAI2025", "DeepSeekAI2025nature",
    "Gouvert2025", "Patterson2021", "Du2022", "Wu2022SustainableAI", "UBS2023", "IEA2025EnergyAI",
    "IEA2025Electricity", "Viseur2026arxiv",
}

CLAIMS = {
    "gpt3-training-energy", "bloom-training-energy", "chatgpt-query-carbon-vs-google-search",
    "glam-energy-reduction-factor", "lm-compute-halving-time", "lm-evaluation-count",
    "ai-energy-share-development", "ai-energy-share-training", "ai-energy-share-inference",
    "consumption-growth-rate", "moderate-decoupling-x3", "chatgpt-user-growth-rapid",
    "chatgpt-monthly-users-january-2023", "ai-environmental-transparency-low", "ai-emissions-overestimated",
    "ai-improvement-levers", "models-shrinking-trend", "model-size-reduction-history",
    "model-size-reduction-optimisation", "au-model-three-phases", "au-fluid-phase",
    "au-transitional-phase-cost-reduction", "au-specific-phase-commoditisation", "deepseek-r1-rivals-best-lrm",
    "deepseek-open-source-strategy", "deepseek-geopolitical-context", "lucie-7b-small-open-source",
    "lucie-7b-published-resources", "lucie-7b-jean-zay", "substitution-positive-externalities",
    "specialised-chips", "open-source-economic-model-understudied",
    # numbers from the literature the deck's numbers are checked against
    "gpt3-training-energy-patterson2021", "glam-training-energy-du2022",
}


def test_inventory_of_sources_and_claims_is_complete(bundled):
    registry, _ = bundled
    assert SOURCES <= set(registry.sources)
    claims = {row["c"].rsplit("/", 1)[-1] for row in registry.select(
        "SELECT ?c WHERE { ?c a/rdfs:subClassOf* cg:Claim }")}
    assert CLAIMS <= claims, sorted(CLAIMS - claims)


def test_argument_runs_from_the_question_to_two_conclusions(bundled):
    registry, _ = bundled
    rows = registry.select("SELECT ?s ?o ?slide (EXISTS { ?s a cg:Conclusion } AS ?end) "
                           "(EXISTS { ?s a cg:ResearchQuestion } AS ?start) WHERE { "
                           "?s a/rdfs:subClassOf* cg:ArgumentStep ; cg:order ?o ; cg:slide ?slide } ORDER BY ?o")
    assert [r["o"] for r in rows] == list(range(1, len(rows) + 1))
    assert rows[0]["start"] and rows[0]["slide"] == 2
    assert [r["end"] for r in rows].count(True) == 2 and rows[-1]["end"]
    assert [r["slide"] for r in rows] == sorted(r["slide"] for r in rows)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_french_words_are_the_decks_own(bundled):
    registry, _ = bundled
    deck = _squash((PROJECT / "tests" / "data" / "viseur-2025-deck.txt").read_text(encoding="utf-8"))
    rows = registry.select("""SELECT ?s ?text WHERE {
        { ?s cg:statement ?text . ?s cg:slide ?n } UNION { ?s cg:text ?text } UNION { ?s cg:question ?text }
        FILTER(LANG(?text) = "fr") }""")
    assert len(rows) >= 40
    for row in rows:
        assert _squash(row["text"]) in deck, f"{row['s']}: not verbatim: {row['text'][:80]}"
