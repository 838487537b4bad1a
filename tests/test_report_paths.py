"""A registry in a subfolder of its repository: every report names files from the repository root, the
SARIF log names no folder of the checking machine, and the Action and the pre-commit hook find the
registry by themselves. JUnit: one case per checked file, failing as ``check`` does (read by junitparser)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import PROJECT, run_cli
from .fixture_overlays import invalid_case

BROKEN = invalid_case("unknown-key")  # one error: claims/energy.ttl:48 CG301
WEAK = invalid_case("intext-mismatch")  # warnings only


@pytest.fixture
def repository(tmp_path) -> Path:
    """A git work tree whose registry is in ``evidence/`` (no git program needed: a ``.git`` folder marks it)."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    shutil.copytree(BROKEN, root / "evidence")
    return root


def _in(folder: Path, *args: str):
    before = Path.cwd()
    os.chdir(folder)
    try:
        return run_cli(*args)
    finally:
        os.chdir(before)


@pytest.mark.parametrize(
    "fmt, expected",
    [
        ("text", "evidence/claims/energy.ttl:48: CG301 error"),
        ("github", "::error file=evidence/claims/energy.ttl,line=48,title=CG301::"),
        ("junit", 'name="evidence/claims/energy.ttl">'),
        ("sarif", '"uri": "evidence/claims/energy.ttl"'),
    ],
)
def test_paths_are_relative_to_the_repository_root(repository, fmt, expected):
    result = _in(repository, "check", "--no-cache", "--registry", "evidence", "-f", fmt)
    assert result.code == 1 and expected in result.out, result.out


def test_an_annotation_of_a_registry_in_a_subfolder_lands_on_the_file(repository):
    """The bug: with --registry evidence, annotations said file=claims/energy.ttl, a file that is not there."""
    out = _in(repository, "check", "--no-cache", "--registry", "evidence", "-f", "github").out
    for line in out.splitlines():
        path = line.split("file=", 1)[1].split(",", 1)[0]
        assert (repository / path).is_file(), line


def test_path_prefix_overrides_the_git_top(repository):
    result = _in(
        repository, "check", "--no-cache", "--registry", "evidence", "-f", "github", "--path-prefix", "mono/evidence/"
    )
    assert "file=mono/evidence/claims/energy.ttl," in result.out
    outside = run_cli("check", "--no-cache", "-r", str(repository / "evidence"), "-f", "github", "--path-prefix", ".")
    assert "file=claims/energy.ttl," in outside.out


def test_a_registry_in_no_work_tree_keeps_registry_paths(tmp_path):
    shutil.copytree(BROKEN, tmp_path / "reg")
    out = run_cli("check", "--no-cache", "-r", str(tmp_path / "reg"), "-f", "github").out
    assert "file=claims/energy.ttl," in out


def test_sarif_names_no_folder_of_the_machine_and_sarif_tools_reads_it(repository):
    sarif = pytest.importorskip("sarif.loader")
    result = _in(repository, "check", "--no-cache", "--registry", "evidence", "-f", "sarif")
    log = json.loads(result.out)
    assert str(repository) not in result.out and "file:" not in result.out
    (base,) = log["runs"][0]["originalUriBaseIds"].values()
    assert "uri" not in base  # the consumer supplies where the checkout is
    path = repository / "claimgraph.sarif"
    path.write_text(result.out, encoding="utf-8")
    loaded = sarif.load_sarif_file(str(path))
    records = loaded.get_records()
    assert records and all(r["Location"] == "evidence/claims/energy.ttl" for r in records), records
    assert all((repository / r["Location"]).is_file() for r in records)


def test_find_registry_picks_the_one_below(repository, tmp_path):
    result = _in(repository, "check", "--no-cache", "--find-registry", "-f", "github")
    assert result.code == 1 and "file=evidence/claims/energy.ttl,line=48" in result.out
    # two registries: name one
    shutil.copytree(BROKEN, repository / "other")
    result = _in(repository, "check", "--no-cache", "--find-registry")
    assert result.code == 2 and "2 registries" in result.err and "--registry" in result.err
    empty = tmp_path / "empty"
    empty.mkdir()
    result = _in(empty, "check", "--no-cache", "--find-registry")
    assert result.code == 2 and "no claimgraph.toml" in result.err and "Traceback" not in result.err


def test_the_pre_commit_hook_entry_checks_a_registry_in_a_subfolder(repository):
    hook = next(
        h for h in yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text()) if h["id"] == "claimgraph-check"
    )
    argv = hook["entry"].split()[1:]
    result = _in(repository, *argv, "--no-cache")
    assert result.code == 1 and "evidence/claims/energy.ttl:48: CG301" in result.out, result.err


def test_the_actions_steps_find_the_registry_and_annotate_the_right_file(repository, tmp_path):
    """The Action's own shell steps, run by bash in a checkout whose registry is in a subfolder."""
    action = yaml.safe_load((PROJECT / "action.yml").read_text())
    steps = {s["name"]: s for s in action["runs"]["steps"] if "run" in s}
    bin_dir = Path(sys.executable).parent
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "REGISTRY": "",
        "FAIL_LEVEL": "error",
        "GITHUB_OUTPUT": str(tmp_path / "github-output"),
        "CLAIMGRAPH_CACHE_DIR": str(tmp_path / "cache"),
    }
    check = subprocess.run(
        ["bash", "-e", "-c", steps["claimgraph check"]["run"]],
        cwd=repository,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 1, check.stderr
    assert "::error file=evidence/claims/energy.ttl,line=48,title=CG301::" in check.stdout
    sarif = subprocess.run(
        ["bash", "-e", "-c", steps["Write SARIF"]["run"]],
        cwd=repository,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert sarif.returncode == 0, sarif.stderr
    log = json.loads((repository / "claimgraph.sarif").read_text())
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
        for loc in r.get("locations", [])
    }
    assert uris == {"evidence/claims/energy.ttl"}
    # an explicit input still wins
    env["REGISTRY"] = "evidence"
    check = subprocess.run(
        ["bash", "-e", "-c", steps["claimgraph check"]["run"]],
        cwd=repository,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "file=evidence/claims/energy.ttl" in check.stdout


# ------------------------------------------------------------------ JUnit


def _junit(registry: Path, *args: str):
    junitparser = pytest.importorskip("junitparser")
    import tempfile

    result = run_cli("check", "--no-cache", "-r", str(registry), "-f", "junit", "--path-prefix", ".", *args)
    with tempfile.TemporaryDirectory() as folder:  # read as a CI reporter reads it: the file written
        path = Path(folder) / "claimgraph-junit.xml"
        path.write_text(result.out, encoding="utf-8")
        document = junitparser.JUnitXml.fromfile(str(path))
    cases = [case for suite in document for case in suite]
    return result, cases


def _failed(case) -> bool:
    from junitparser import Failure

    return any(isinstance(r, Failure) for r in case.result)


def test_junit_has_one_case_per_checked_file(copy_fixture):
    from claimgraph.registry import load

    result, cases = _junit(WEAK, "--fail-level", "info")
    registry = load(WEAK)
    assert sorted(c.name for c in cases) == sorted(["claimgraph.toml", *registry.claim_files, *registry.bib_files])
    # Regression: a clean saved query, shape file or manifest (all read by check) got no case
    root = copy_fixture("valid")
    (root / "queries").mkdir(exist_ok=True)
    (root / "queries" / "fine.rq").write_text("# title: Fine\nSELECT ?c WHERE { ?c a cg:Claim }\n")
    (root / "shapes").mkdir()
    (root / "shapes" / "own.ttl").write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n")
    (root / "sources").mkdir()
    (root / "sources" / "manifest.json").write_text('{"format": 1, "sources": {}}\n')
    result, cases = _junit(root)
    assert result.code == 0, result.out
    names = sorted(c.name for c in cases)
    for name in ("claimgraph.toml", "queries/fine.rq", "shapes/own.ttl", "sources/manifest.json"):
        assert name in names, names
    assert not any(_failed(c) for c in cases)


def test_junit_fails_only_at_or_above_the_fail_level():
    """The bug: every warning was a failed test case while `check` exited 0."""
    result, cases = _junit(WEAK)
    assert result.code == 0 and not any(_failed(c) for c in cases)
    result, cases = _junit(WEAK, "--fail-level", "warning")
    assert result.code == 1 and any(_failed(c) for c in cases)
    result, cases = _junit(BROKEN)
    assert result.code == 1
    failing = [c for c in cases if _failed(c)]
    assert [c.name for c in failing] == ["claims/energy.ttl"]


def test_junit_lists_every_finding_of_a_file():
    result = run_cli("check", "--no-cache", "-r", str(WEAK), "-f", "json")
    findings = json.loads(result.out)["findings"]
    _result, cases = _junit(WEAK)
    by_name = {c.name: c for c in cases}
    for finding in findings:
        out = by_name[finding["file"]].system_out or ""
        assert f"{finding['file']}:{finding['line'] or ''}: {finding['code']} {finding['severity']}" in out


def test_the_sarif_multitool_validates_the_log_of_a_subfolder_registry(repository, tmp_path):
    """Microsoft's SARIF Multitool (npm, installed by `make npm`) runs its validation rules on the log."""
    multitool = PROJECT / "node_modules" / ".bin" / "sarif-multitool"
    if not multitool.exists():
        if os.environ.get("CI"):
            pytest.fail("the SARIF Multitool is installed by `make npm`")
        pytest.skip("the SARIF Multitool is installed by `make npm`")
    result = _in(repository, "check", "--no-cache", "--registry", "evidence", "-f", "sarif", "--fail-level", "info")
    log = tmp_path / "claimgraph.sarif"
    log.write_text(result.out, encoding="utf-8")
    verdict = tmp_path / "validation.sarif"
    run = subprocess.run(
        [str(multitool), "validate", str(log), "--output", str(verdict)], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stdout + run.stderr
    problems = [
        (r["ruleId"], r["level"], r["message"])
        for r in json.loads(verdict.read_text())["runs"][0]["results"]
        if r.get("level", "warning") in ("error", "warning")
    ]
    assert not problems, problems


def test_pre_commit_try_repo_runs_the_hook_on_a_registry_in_a_subfolder(tmp_path):
    """pre-commit itself installs the hook from this checkout (pip, into its own environment) and runs it
    in a repository whose registry is in `evidence/`, with no `args:` (it once exited 2 there)."""
    pre_commit = Path(sys.executable).with_name("pre-commit")  # the test extra installs it
    if not (PROJECT / ".git").exists():
        pytest.skip("try-repo needs this checkout to be a git repository")
    repo = tmp_path / "repo"
    shutil.copytree(BROKEN, repo / "evidence")
    git = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    env = {**os.environ, **git, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    for command in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "registry"]):
        subprocess.run(command, cwd=repo, env=env, check=True, capture_output=True)
    run = subprocess.run(
        [str(pre_commit), "try-repo", str(PROJECT), "claimgraph-check", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert run.returncode == 1, run.stdout + run.stderr  # the finding fails the hook, not a usage error
    assert "evidence/claims/energy.ttl:48: CG301 error" in run.stdout, run.stdout
