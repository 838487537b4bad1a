"""The CI maintainer's trial: a gate must not pass on what it did not check.

Each test runs the real command on real files (the fixture registries, copied), against real SPARQL stores
where the check is remote: ``claimgraph serve`` in a thread, and the session's Virtuoso for named graphs.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from claimgraph.registry import load

from .conftest import FIXTURES, PROJECT, run_cli
from .test_check_endpoint import publish

TWICE = "invalid/claim-in-two-files"
TWICE_CLAIM = "https://example.org/registry/valid/claim/smaller-models"


def served(root: Path):
    from claimgraph.sparql.server import SparqlServer

    return SparqlServer(load(root), host="127.0.0.1", port=0, timeout=30, workers=1, quiet=True)


def empty_registry(copy_fixture) -> Path:
    root = copy_fixture("valid")
    for path in [*(root / "claims").iterdir(), *(root / "bib").iterdir()]:
        path.unlink()
    return root


# --------------------------------------------------------------------------- 1. a store holding nothing of it


def test_a_store_holding_no_claims_and_no_sources_is_refused(copy_fixture):
    with served(empty_registry(copy_fixture)) as server:
        result = run_cli("check", "--endpoint", server.endpoint)
    assert result.code == 2, result.out
    assert result.out == ""
    (line,) = result.err.splitlines()
    assert f"{server.endpoint} (its default graph) holds no claims and no sources" in line
    assert "--graph" in line and "Traceback" not in result.err


def test_a_mistyped_graph_iri_is_refused_on_virtuoso(virtuoso, monkeypatch):
    graphs = publish(virtuoso, FIXTURES / "valid", monkeypatch)
    right = run_cli("check", "--endpoint", f"{virtuoso}/sparql", "--graph", graphs[0], "--graph", graphs[1])
    assert right.code in (0, 1), right.err
    wrong = graphs[0] + "s"  # graph/claimss: a store answers an unknown graph with no data, not an error
    for extra in ([], ["--registry", str(FIXTURES / "valid")]):
        result = run_cli("check", "--endpoint", f"{virtuoso}/sparql", "--graph", wrong, *extra)
        assert result.code == 2, result.out
        assert f"{virtuoso}/sparql (graph <{wrong}>) holds no claims and no sources" in result.err
        assert result.out == ""


def test_a_store_holding_another_registry_is_refused_with_the_files_at_hand(copy_fixture):
    # the store holds the bundled registry's 75 claims, none of the fixture's: without --registry it is a
    # registry like any other, with it, not the one whose files the findings would point at
    with served(PROJECT) as server:
        alone = run_cli("check", "--endpoint", server.endpoint, "--format", "json")
        assert alone.code in (0, 1), alone.err
        result = run_cli("check", "--endpoint", server.endpoint, "--registry", str(FIXTURES / "valid"))
    assert result.code == 2, result.out
    local = len(load(FIXTURES / "valid").select("SELECT ?c WHERE { ?c a/rdfs:subClassOf* cg:Claim }"))
    assert f"holds 0 of the {local} claims of the registry's files" in result.err
    assert "does not hold the registry given with --registry" in result.err


def test_a_store_holding_the_registry_with_a_claim_more_or_less_is_checked(copy_fixture):
    # a release a little behind the files (a claim added since, one removed) is still the registry: checked
    root = copy_fixture("valid")
    with served(root) as server:
        (root / "claims" / "derived.ttl").unlink()
        (root / "claims" / "extra.ttl").write_text(
            "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n@prefix claim: <claim/> .\n"
            'claim:added-since a cg:Claim ; cg:statement "Added since the release."@en .\n',
            encoding="utf-8",
        )
        result = run_cli("check", "--endpoint", server.endpoint, "--registry", str(root), "--format", "json")
    assert result.code in (0, 1), result.err
    assert "findings" in json.loads(result.out)


def test_the_library_raises_dataset_mismatch(copy_fixture):
    from claimgraph.remote_check import DatasetMismatch, EndpointError, check_remote

    with served(empty_registry(copy_fixture)) as server:
        with pytest.raises(DatasetMismatch) as raised:
            check_remote(server.endpoint)
    assert isinstance(raised.value, EndpointError)


# --------------------------------------------------------------------------- 2. a claim defined twice, remotely


def test_remote_check_with_the_files_reports_the_claim_defined_twice(copy_fixture):
    root = copy_fixture(TWICE)
    with served(root) as server:
        with_files = run_cli(
            "check", "--endpoint", server.endpoint, "--registry", str(root), "--format", "json", "--path-prefix", "."
        )
        by_iri = run_cli("check", "--endpoint", server.endpoint, "--format", "json")
    assert with_files.code == 1, with_files.err
    found = json.loads(with_files.out)
    (twice,) = [f for f in found["findings"] if f["code"] == "CG104"]
    assert (twice["file"], twice["line"], twice["subject"]) == ("claims/more.ttl", 6, TWICE_CLAIM)
    assert not any("duplicate definitions" in line and "CG104" not in line for line in found["not_run"])
    # the same one finding a local check gives for it, as the shapes' "two values" it implies are left out
    local = run_cli("check", "--registry", str(root), "--format", "json", "--no-cache")
    assert [f["code"] for f in json.loads(local.out)["findings"] if f["subject"] == TWICE_CLAIM] == ["CG104"]
    assert [f["code"] for f in found["findings"] if f["subject"] == TWICE_CLAIM] == ["CG104"]
    # without the files nothing tells the two definitions apart: the shapes say what the store holds
    assert by_iri.code == 1
    assert {"CG202", "CG206"} <= {f["code"] for f in json.loads(by_iri.out)["findings"]}


# --------------------------------------------------------------------------- 3, 4. diff and list


def test_diff_refuses_a_registry_defining_a_claim_twice(copy_fixture):
    old, new = copy_fixture("valid"), copy_fixture(TWICE)
    result = run_cli("diff", str(old), str(new))
    assert result.code == 2 and result.out == ""
    assert f"{new / 'claims' / 'more.ttl'}:6: CG104 error:" in result.err
    assert f"is already defined in {new / 'claims' / 'energy.ttl'}:43" in result.err
    assert "defines a claim, step or measurand twice" in result.err and "--allow-load-errors" in result.err
    # either side
    assert run_cli("diff", str(new), str(old)).code == 2
    allowed = run_cli("diff", str(old), str(new), "--allow-load-errors", "--format", "json")
    assert allowed.code == 0, allowed.err
    assert "a claim defined twice is compared as its two definitions merged" in allowed.err


def test_list_refuses_a_registry_defining_a_claim_twice(copy_fixture):
    root = copy_fixture(TWICE)
    result = run_cli("list", "claims", "--registry", str(root))
    assert result.code == 1 and result.out == ""
    assert "claims/more.ttl:6: CG104 error:" in result.err
    assert "the list would mix the two definitions" in result.err
    allowed = run_cli("list", "claims", "--registry", str(root), "--allow-load-errors")
    assert allowed.code == 0 and "smaller-models" in allowed.out
    assert run_cli("list", "claims", "--registry", str(copy_fixture("valid"))).code == 0


def test_diff_with_load_errors_says_how_the_broken_side_shows(copy_fixture, tmp_path):
    good = copy_fixture("valid")
    broken = Path(shutil.copytree(good, tmp_path / "broken"))
    with (broken / "claims" / "energy.ttl").open("a", encoding="utf-8") as f:
        f.write("\nthis is not turtle .\n")
    as_new = run_cli("diff", str(good), str(broken), "--allow-load-errors")
    as_old = run_cli("diff", str(broken), str(good), "--allow-load-errors")
    assert as_new.code == as_old.code == 0
    assert "claims in unreadable files show as removed" in as_new.err and "as added" not in as_new.err
    assert "claims in unreadable files show as added" in as_old.err and "as removed" not in as_old.err
    assert "+ claim/model-training-energy" in as_old.out


# --------------------------------------------------------------------------- 5. the other place CG104 names


def in_git_work_tree(tmp_path: Path, root: Path) -> Path:
    top = tmp_path / "repository"
    top.mkdir()
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    return root.rename(top / "evidence")


@pytest.mark.parametrize("fmt", ["text", "github", "sarif", "junit"])
def test_the_place_a_cg104_message_names_is_written_as_the_reports_file(copy_fixture, tmp_path, fmt):
    root = in_git_work_tree(tmp_path, copy_fixture(TWICE))
    result = run_cli("check", "--registry", str(root), "--format", fmt, "--no-cache")
    assert result.code == 1, result.err
    assert "evidence/claims/more.ttl" in result.out
    assert "already defined in evidence/claims/energy.ttl:43" in result.out
    assert "already defined in claims/energy.ttl" not in result.out
    prefixed = run_cli("check", "--registry", str(root), "--format", fmt, "--path-prefix", "deep/er")
    assert "already defined in deep/er/claims/energy.ttl:43" in prefixed.out


def test_the_json_report_keeps_both_places_relative_to_the_registry(copy_fixture, tmp_path):
    root = in_git_work_tree(tmp_path, copy_fixture(TWICE))
    found = json.loads(run_cli("check", "--registry", str(root), "--format", "json", "--no-cache").out)
    (twice,) = [f for f in found["findings"] if f["code"] == "CG104"]
    assert twice["file"] == "claims/more.ttl"
    assert twice["message"] == f"<{TWICE_CLAIM}> is already defined in claims/energy.ttl:43"


def test_remote_check_with_the_files_rebases_the_place_too(copy_fixture, tmp_path):
    root = in_git_work_tree(tmp_path, copy_fixture(TWICE))
    with served(root) as server:
        result = run_cli("check", "--endpoint", server.endpoint, "--registry", str(root), "--format", "github")
    assert "file=evidence/claims/more.ttl,line=6" in result.out
    assert "already defined in evidence/claims/energy.ttl:43" in result.out


# --------------------------------------------------------------------------- 6. what --min-level hid


def test_the_text_summary_counts_the_findings_min_level_left_out():
    everything = json.loads(run_cli("check", "--registry", str(PROJECT), "--format", "json").out)["findings"]
    below = [f for f in everything if f["severity"] != "error"]
    assert below and len(below) == len(everything)  # the bundled registry has warnings and infos only
    result = run_cli("check", "--registry", str(PROJECT), "--min-level", "error")
    assert result.code == 0
    assert result.out.splitlines()[-1] == (
        f"0 findings (0 errors, 0 warnings, 0 infos); {len(below)} below --min-level not shown"
    )
    warnings = sum(1 for f in everything if f["severity"] == "warning")
    shown = run_cli("check", "--registry", str(PROJECT), "--min-level", "warning").out.splitlines()[-1]
    assert shown.endswith(f"; {len(everything) - warnings} below --min-level not shown")
    assert "below --min-level" not in run_cli("check", "--registry", str(PROJECT)).out
    # the JSON report carries no count of its own: unchanged
    trimmed = json.loads(run_cli("check", "--registry", str(PROJECT), "--min-level", "error", "--format", "json").out)
    assert trimmed["findings"] == [] and set(trimmed) == set(
        json.loads(run_cli("check", "-r", str(PROJECT), "-f", "json").out)
    )


# --------------------------------------------------------------------------- 7. files not read, --list-checks


def with_files_not_read(root: Path) -> None:
    (root / "claims" / "more.TTL").write_bytes((root / "claims" / "energy.ttl").read_bytes())
    (root / "bib" / "more.bibtex").write_text("@misc{Extra2024, title = {Extra}, year = {2024}}\n", encoding="utf-8")


def test_claim_and_bibtex_files_with_another_ending_are_reported(copy_fixture):
    root = copy_fixture("valid")
    with_files_not_read(root)
    (root / "claims" / "README.md").write_text("notes, not claims\n", encoding="utf-8")
    (root / "claims" / ".draft.TTL").write_text("hidden\n", encoding="utf-8")
    result = json.loads(run_cli("check", "--registry", str(root), "--format", "json", "--no-cache").out)
    not_read = {(f["file"], f["severity"], f["message"]) for f in result["findings"] if f["code"] == "CG131"}
    assert not_read == {
        ("claims/more.TTL", "warning", "not read: claim files end in .ttl (this one ends in .TTL)"),
        ("bib/more.bibtex", "warning", "not read: BibTeX files end in .bib (this one ends in .bibtex)"),
    }
    # not read indeed
    loaded = load(root)
    assert "claims/more.TTL" not in loaded.claim_files and "bib/more.bibtex" not in loaded.bib_files
    assert "Extra2024" not in loaded.sources


def test_files_not_read_count_in_the_check_cache_key(copy_fixture):
    root = copy_fixture("valid")
    first = run_cli("check", "--registry", str(root), "--format", "json")
    assert "CG131" not in first.out
    with_files_not_read(root)
    cached = run_cli("check", "--registry", str(root), "--format", "json")
    fresh = run_cli("check", "--registry", str(root), "--format", "json", "--no-cache")
    assert "CG131" in cached.out and cached.out == fresh.out
    (root / "claims" / "more.TTL").rename(root / "claims" / "other.Turtle")
    renamed = run_cli("check", "--registry", str(root), "--format", "json")
    assert "claims/other.Turtle" in renamed.out and "claims/more.TTL" not in renamed.out
    assert renamed.out == run_cli("check", "--registry", str(root), "--format", "json", "--no-cache").out
    (root / "claims" / "other.Turtle").unlink()
    (root / "bib" / "more.bibtex").unlink()
    assert run_cli("check", "--registry", str(root), "--format", "json").out == first.out


def test_list_checks_as_json():
    result = run_cli("check", "--list-checks", "--format", "json")
    assert result.code == 0, result.err
    families = json.loads(result.out)
    text = run_cli("check", "--list-checks").out
    assert [f["name"] for f in families] == [line.split(" ")[0] for line in text.splitlines() if not line[0].isspace()]
    assert {"name", "module", "package", "version", "built_in", "problem", "codes"} <= set(families[0])
    refused = run_cli("check", "--list-checks", "--format", "sarif")
    assert refused.code == 2 and "--list-checks writes text or json" in refused.err
