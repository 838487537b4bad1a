"""A registry's claims/ and bib/ folders missing, or something else in their place, are findings.

The bug: ``_walk`` returned no file when ``claims`` was not a folder, so a registry whose claims/ was a
file (or gone) checked clean with no claim, and ``build`` wrote a site of no claims without a word.
Something else where a folder should be is a load error (build and export refuse the registry); a
claimgraph.toml with no claims/ or bib/ folder is a warning naming the folder.
"""

from __future__ import annotations

import os
import shutil

import pytest

from claimgraph.registry import load

from .conftest import run_cli


@pytest.fixture
def registry(copy_fixture):
    return copy_fixture("valid")


def _replace_with_file(folder):
    shutil.rmtree(folder)
    folder.write_text("x\n", encoding="utf-8")


@pytest.mark.parametrize("folder", ["claims", "bib", "shapes", "queries"])
def test_a_file_where_a_registry_folder_should_be_is_a_load_error(registry, folder, tmp_path):
    if (registry / folder).exists():
        _replace_with_file(registry / folder)
    else:
        (registry / folder).write_text("x\n", encoding="utf-8")
    result = run_cli("check", "-r", str(registry))
    assert result.code == 1 and "Traceback" not in result.err
    suffix = ".rq" if folder == "queries" else ".bib" if folder == "bib" else ".ttl"
    assert f"{folder}: CG100 error: {folder} is a file, not a folder: no {folder}/*{suffix} file was read" in result.out

    built = run_cli("build", "-r", str(registry), "--out", str(tmp_path / "site"))
    assert built.code == 1 and "--allow-load-errors" in built.err
    assert f"{folder}: CG100 error: {folder} is a file" in built.err
    assert not (tmp_path / "site").exists()
    exported = run_cli("export", "-r", str(registry))
    assert exported.code == 1 and exported.out == "" and f"{folder}: CG100 error: " in exported.err


def test_the_trial_case_a_file_named_claims_no_longer_checks_clean(registry):
    before = len(load(registry).claim_files)
    assert before > 0
    _replace_with_file(registry / "claims")
    loaded = load(registry)
    assert loaded.claim_files == []
    (finding,) = [f for f in loaded.load_findings if f.code == "CG100"]
    assert (finding.file, finding.line) == ("claims", None)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_or_a_broken_link_where_claims_should_be(registry):
    shutil.rmtree(registry / "claims")
    os.mkfifo(registry / "claims")
    result = run_cli("check", "-r", str(registry))
    assert result.code == 1 and "claims: CG100 error: claims is a FIFO, socket or device, not a folder" in result.out
    (registry / "claims").unlink()
    (registry / "claims").symlink_to("nowhere")
    result = run_cli("check", "-r", str(registry))
    assert result.code == 1 and "claims: CG113 error: broken symlink or symlink loop where the claims/" in result.out


@pytest.mark.parametrize(("folder", "what"), [("claims", "claims"), ("bib", "sources")])
def test_a_registry_without_a_claims_or_bib_folder_gets_a_warning(registry, folder, what):
    shutil.rmtree(registry / folder)
    result = run_cli("check", "-r", str(registry))
    assert f"{folder}: CG126 warning: the registry has no {folder}/ folder, so it holds no {what}" in result.out
    # a warning: the run passes unless warnings fail it, and the registry is whole (nothing was left out)
    assert run_cli("check", "-r", str(registry), "--fail-level", "warning").code == 1
    if folder == "claims":
        assert result.code == 0
        assert run_cli("list", "claims", "-r", str(registry)).code == 0


def test_an_empty_folder_and_init_s_fresh_registry_get_no_warning(registry, tmp_path):
    for path in (registry / "claims").iterdir():
        path.unlink()
    assert not [f for f in load(registry).load_findings if f.code in ("CG100", "CG126")]
    fresh = tmp_path / "fresh"
    assert run_cli("init", str(fresh)).code == 0
    result = run_cli("check", "-r", str(fresh))
    assert result.code == 0 and "CG126" not in result.out and "CG100" not in result.out


def test_the_check_cache_tells_a_folder_from_a_file_and_from_nothing(registry):
    """Each state has the same files (none) in claims/: the cached result of one must not answer another."""
    for path in (registry / "claims").iterdir():
        path.unlink()
    results = []
    for _ in range(2):  # the second pass reads the cache the first one filled
        (registry / "claims").mkdir(exist_ok=True)
        results.append(run_cli("check", "-r", str(registry)).out)
        (registry / "claims").rmdir()
        results.append(run_cli("check", "-r", str(registry)).out)
        (registry / "claims").write_text("x\n", encoding="utf-8")
        results.append(run_cli("check", "-r", str(registry)).out)
        (registry / "claims").unlink()
    empty, missing, file = results[:3]
    assert "CG126" not in empty and "CG100" not in empty
    assert "claims: CG126 " in missing and "claims: CG100 " in file
    assert results[3:] == results[:3]
