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
    rows = registry.select(
        "SELECT ?c (COUNT(?s) AS ?n) (COUNT(?note) AS ?m) WHERE { ?c a/rdfs:subClassOf* cg:Claim "
        "OPTIONAL { ?c cg:status ?s } OPTIONAL { ?c cg:statusNote ?note } } GROUP BY ?c"
    )
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
    file, start, end = _mutate(
        bundled_copy, "gpt3-training-energy", r"qudt:numericValue 1\.3 ", "qudt:numericValue 2.3 "
    )
    after = run_checks(load(bundled_copy))
    new = [f for f in after if (f.code, f.subject) not in before]
    hits = [
        f
        for f in new
        if f.code in ("CG320", "CG321", "CG322", "CG370") and f.subject == BASE + "claim/gpt3-training-energy"
    ]
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
    "Sundberg2023",
    "Viseur2025",
    "Luccioni2025",
    "Luccioni2023",
    "Gent2023",
    "Roth2016",
    "Trott2021",
    "Patterson2022",
    "Ho2024",
    "IEA2025a",
    "IEA2025b",
    "Hu2023",
    "Smith2024",
    "Eldan2023",
    "Jolie2025",
    "Tomlinson2024",
    "Viseur2024",
    # the linked space, the deck itself, the A-U model, the two cases, and the primary sources traced
    "LuccioniSpace",
    "Viseur2025deck",
    "Abernathy1978",
    "Utterback1975",
    "DeepSeekAI2025",
    "DeepSeekAI2025nature",
    "Gouvert2025",
    "Patterson2021",
    "Du2022",
    "Wu2022SustainableAI",
    "UBS2023",
    "IEA2025EnergyAI",
    "IEA2025Electricity",
    "Viseur2026arxiv",
    # the works behind the counter-evidence
    "deVries2023",
    "Hoelzle2009",
    "IEA2024Electricity",
    "Altman2025",
    "Elsworth2025",
    "Dastin2023",
    "Google2024Environmental",
    "Reuters2023Threads",
    "WebProNews2025",
}

CLAIMS = {
    "gpt3-training-energy",
    "bloom-training-energy",
    "chatgpt-query-carbon-vs-google-search",
    "glam-energy-reduction-factor",
    "lm-compute-halving-time",
    "lm-evaluation-count",
    "ai-energy-share-development",
    "ai-energy-share-training",
    "ai-energy-share-inference",
    "consumption-growth-rate",
    "moderate-decoupling-x3",
    "chatgpt-user-growth-rapid",
    "chatgpt-monthly-users-january-2023",
    "ai-environmental-transparency-low",
    "ai-emissions-overestimated",
    "ai-improvement-levers",
    "models-shrinking-trend",
    "model-size-reduction-history",
    "model-size-reduction-optimisation",
    "au-model-three-phases",
    "au-fluid-phase",
    "au-transitional-phase-cost-reduction",
    "au-specific-phase-commoditisation",
    "deepseek-r1-rivals-best-lrm",
    "deepseek-open-source-strategy",
    "deepseek-geopolitical-context",
    "lucie-7b-small-open-source",
    "lucie-7b-published-resources",
    "lucie-7b-jean-zay",
    "substitution-positive-externalities",
    "specialised-chips",
    "open-source-economic-model-understudied",
    # numbers from the literature the deck's numbers are checked against
    "gpt3-training-energy-patterson2021",
    "glam-training-energy-du2022",
}


def test_inventory_of_sources_and_claims_is_complete(bundled):
    registry, _ = bundled
    assert SOURCES <= set(registry.sources)
    claims = {
        row["c"].rsplit("/", 1)[-1] for row in registry.select("SELECT ?c WHERE { ?c a/rdfs:subClassOf* cg:Claim }")
    }
    assert CLAIMS <= claims, sorted(CLAIMS - claims)


def test_argument_runs_from_the_question_to_two_conclusions(bundled):
    registry, _ = bundled
    rows = registry.select(
        "SELECT ?s ?o ?slide (EXISTS { ?s a cg:Conclusion } AS ?end) "
        "(EXISTS { ?s a cg:ResearchQuestion } AS ?start) WHERE { "
        "?s a/rdfs:subClassOf* cg:ArgumentStep ; cg:order ?o ; cg:slide ?slide } ORDER BY ?o"
    )
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


# ------------------------------------------------------------------ counter-evidence

#: (counter-figure, how it bears, the claim it bears on): every link the second pass recorded.
COUNTER_LINKS = {
    # question 1: "100 times the carbon of a Google search"
    ("google-search-energy-hoelzle2009", "qualifies", "chatgpt-query-carbon-vs-google-search"),
    ("llm-search-cost-ratio-hennessy2023", "qualifies", "chatgpt-query-carbon-vs-google-search"),
    ("llm-interaction-energy-devries2023", "qualifies", "chatgpt-query-carbon-vs-google-search"),
    ("chatgpt-query-energy-devries2023", "qualifies", "chatgpt-query-carbon-vs-google-search"),
    ("chatgpt-query-energy-iea2024", "qualifies", "chatgpt-query-carbon-vs-google-search"),
    ("chatgpt-to-google-search-energy-ratio-iea2024", "contests", "chatgpt-query-carbon-vs-google-search"),
    ("chatgpt-query-energy-altman2025", "qualifies", "chatgpt-query-carbon-vs-google-search"),
    ("gemini-prompt-energy-elsworth2025", "qualifies", "chatgpt-query-carbon-vs-google-search"),
    ("gemini-prompt-emissions-elsworth2025", "qualifies", "chatgpt-query-carbon-vs-google-search"),
    # question 2: what Patterson et al. (2022) found overestimated, and what came after
    ("ml-share-of-google-energy-patterson2022", "qualifies", "ai-emissions-overestimated"),
    ("nas-estimate-overestimate-patterson2021", "qualifies", "ai-emissions-overestimated"),
    ("google-ghg-emissions-2023", "qualifies", "ai-emissions-overestimated"),
    ("google-ghg-growth-2019-2023", "qualifies", "ai-emissions-overestimated"),
    # question 3: the user-base record
    ("chatgpt-monthly-users-january-2023", "supports", "chatgpt-user-growth-rapid"),
    ("threads-100-million-signups-2023", "qualifies", "chatgpt-user-growth-rapid"),
    ("chatgpt-weekly-users-october-2025", "contests", "chatgpt-user-growth-rapid"),
    # question 4: GPT-3 and BLOOM, figure by figure and boundary by boundary
    ("gpt3-training-energy-patterson2021", "supports", "gpt3-training-energy"),
    ("gpt3-training-energy-luccioni2025", "supports", "gpt3-training-energy"),
    ("gpt3-training-emissions-patterson2021", "qualifies", "gpt3-training-energy"),
    ("gpt3-datacentre-pue-patterson2021", "qualifies", "gpt3-training-energy"),
    ("bloom-training-energy-luccioni2025", "qualifies", "bloom-training-energy"),
    ("bloom-training-emissions-luccioni2025", "qualifies", "bloom-training-energy"),
    ("bloom-training-emissions-dynamic-luccioni2023", "qualifies", "bloom-training-energy"),
    ("bloom-training-lifecycle-emissions-luccioni2023", "qualifies", "bloom-training-energy"),
    ("gpt3-training-emissions-luccioni2023", "contests", "gpt3-training-emissions-patterson2021"),
    # question 5: the IEA's own figures for data centres
    ("datacentre-electricity-growth-iea", "contests", "consumption-growth-rate"),
    ("datacentre-electricity-growth-iea", "qualifies", "moderate-decoupling-x3"),
    ("datacentre-crypto-ai-electricity-2022-iea2024", "qualifies", "consumption-growth-rate"),
    ("datacentre-crypto-ai-electricity-2026-iea2024", "qualifies", "consumption-growth-rate"),
    ("datacentre-electricity-2024-iea2025", "qualifies", "consumption-growth-rate"),
    ("datacentre-electricity-2030-iea2025", "qualifies", "consumption-growth-rate"),
    # the split credited to the IEA, read in Wu et al.
    ("ai-power-capacity-share-experimentation-wu2022", "qualifies", "ai-energy-share-development"),
    ("ai-power-capacity-share-training-wu2022", "qualifies", "ai-energy-share-training"),
    ("ai-power-capacity-share-inference-wu2022", "qualifies", "ai-energy-share-inference"),
}

#: The deck's claims the counter-evidence bears on keep the status the first pass gave them.
DECK_STATUSES = {
    "gpt3-training-energy": "verifiedPrimary",
    "bloom-training-energy": "verifiedSecondary",
    "chatgpt-query-carbon-vs-google-search": "unverified",
    "ai-emissions-overestimated": "verifiedPrimary",
    "chatgpt-user-growth-rapid": "verifiedSecondary",
    "consumption-growth-rate": "unverified",
    "moderate-decoupling-x3": "discrepancy",
    "ai-energy-share-development": "unverified",
    "ai-energy-share-training": "unverified",
    "ai-energy-share-inference": "unverified",
}


def _local(iri) -> str:
    return str(iri).rsplit("/", 1)[-1]


def test_counter_evidence_is_linked_to_the_claims_it_bears_on(bundled):
    registry, _ = bundled
    rows = registry.select(
        "SELECT ?counter ?link ?claim WHERE { VALUES ?link { cg:contests cg:qualifies cg:supports } "
        "?counter ?link ?claim }"
    )
    links = {(_local(r["counter"]), str(r["link"]).rsplit("#", 1)[-1], _local(r["claim"])) for r in rows}
    assert COUNTER_LINKS <= links, sorted(COUNTER_LINKS - links)
    counters = {c for c, _, _ in COUNTER_LINKS}
    claims = {_local(r["c"]) for r in registry.select("SELECT ?c WHERE { ?c a/rdfs:subClassOf* cg:Claim }")}
    assert counters <= claims and {d for _, _, d in COUNTER_LINKS} <= claims


def test_counter_figures_stand_beside_the_decks_claims_not_in_their_place(bundled):
    registry, _ = bundled
    rows = registry.select("SELECT ?c ?s WHERE { ?c cg:status ?s }")
    statuses = {_local(r["c"]): str(r["s"]).rsplit("#", 1)[-1] for r in rows}
    assert {k: statuses[k] for k in DECK_STATUSES} == DECK_STATUSES
    # a counter-figure is never printed on a slide: it is not the deck's
    slides = {_local(r["c"]) for r in registry.select("SELECT ?c WHERE { ?c cg:slide ?n }")}
    assert not slides & {c for c, _, _ in COUNTER_LINKS}


def test_two_papers_printing_different_numbers_for_one_quantity_are_surfaced(bundled):
    """BLOOM's training energy: 433 MWh (the deck, after Luccioni et al. 2023) against 520 MWh (Luccioni et al.
    2025, with the data centre's overhead): both are claims of one measurand, and the conflict check says so."""
    _, findings = bundled
    conflicts = {(f.code, _local(f.subject)) for f in findings if f.code == "CG340"}
    assert {
        ("CG340", "bloom-training-energy"),
        ("CG340", "bloom-training-energy-luccioni2025"),
        ("CG340", "gpt3-training-emissions-luccioni2023"),
        ("CG340", "chatgpt-query-energy-altman2025"),
    } <= conflicts


def test_contested_claims_query_puts_each_figure_beside_the_claim_in_one_unit(bundled):
    from claimgraph.sparql.run import run_select
    from claimgraph.sparql.saved import find_saved_query

    registry, _ = bundled
    variables, rows = run_select(registry, find_saved_query("contested-claims", registry).text, timeout=30)
    table = [dict(zip(variables, (None if t is None else t.value for t in row))) for row in rows]
    by_pair = {(_local(r["claim"]), r["relation"], _local(r["counter"])): r for r in table}
    assert {(d, rel, c) for c, rel, d in COUNTER_LINKS} <= set(by_pair)

    ratio = by_pair[
        ("chatgpt-query-carbon-vs-google-search", "contests", "chatgpt-to-google-search-energy-ratio-iea2024")
    ]
    assert float(ratio["claimValue"]) == 100 and float(ratio["counterValue"]) == pytest.approx(9.67)
    bloom = by_pair[("bloom-training-energy", "qualifies", "bloom-training-energy-luccioni2025")]
    assert (float(bloom["claimValue"]), float(bloom["counterValue"])) == (433, 520)
    assert bloom["claimUnit"] == bloom["counterUnit"] == "http://qudt.org/vocab/unit/MegaW-HR"
    growth = by_pair[("consumption-growth-rate", "contests", "datacentre-electricity-growth-iea")]
    assert (float(growth["claimValue"]), float(growth["counterValue"])) == (0.05, 0.15)
    # one unit per quantity kind: energy always in MWh, mass always in tonnes, durations in days
    kinds = {r["counterUnit"] for r in table if r["counterUnit"]} | {r["claimUnit"] for r in table if r["claimUnit"]}
    unit = "http://qudt.org/vocab/unit/"
    assert kinds <= {unit + "MegaW-HR", unit + "TONNE", unit + "UNITLESS", unit + "DAY"}
    # the deck's claims come first, in slide order
    slides = [int(r["slide"]) for r in table if r["slide"]]
    assert slides == sorted(slides) and table[0]["slide"] and not table[-1]["slide"]
