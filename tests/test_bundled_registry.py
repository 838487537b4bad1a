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
    hits = [f for f in new if f.code in ("CG320", "CG321") and f.subject == BASE + "claim/gpt3-training-energy"]
    assert hits, "\n".join(map(str, new))
    assert all(f.file == file and start <= f.line <= end for f in hits)


def test_an_energy_claim_in_a_mass_unit_is_caught_at_the_claim(bundled_copy):
    file, start, end = _mutate(bundled_copy, "bloom-training-energy", r"unit:MegaW-HR", "unit:TONNE")
    findings = run_checks(load(bundled_copy))
    hits = [f for f in findings if f.code == "CG330" and f.subject == BASE + "claim/bloom-training-energy"]
    assert hits and hits[0].file == file and start <= hits[0].line <= end
    assert run_cli("check", "--registry", str(bundled_copy)).code == 1
