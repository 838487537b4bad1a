"""The CI assets a registry's repository uses parse, and name real commands and options."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shlex
from pathlib import Path

import pytest
import yaml

from .conftest import PROJECT, run_cli


def _check_options() -> set[str]:
    from claimgraph.cli import build_parser

    parser = build_parser()
    check = parser._subparsers._group_actions[0].choices["check"]
    return {opt for action in check._actions for opt in action.option_strings}


def test_pre_commit_hook_definition():
    hooks = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text())
    assert isinstance(hooks, list)
    hook = next(h for h in hooks if h["id"] == "claimgraph-check")
    assert hook["entry"] == "claimgraph check --find-registry"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    pattern = re.compile(hook["files"])
    # every file check reads (regression: saved queries and sources/ were skipped though check fails on them)
    for path in (
        "claims/energy.ttl",
        "bib/references.bib",
        "claimgraph.toml",
        "sub/claims/x.ttl",
        "shapes/own.ttl",
        "evidence/queries/top.rq",
        "sources/manifest.json",
        "evidence/sources/Doe2021.pdf",
        "sources/texts/Doe2021.txt",
    ):
        assert pattern.search(path), path
    for path in ("README.md", "docs/queries.md", "src/sources.py", "claimgraph.toml.bak"):
        assert not pattern.search(path), path
    argv = shlex.split(hook["entry"])[1:]
    assert run_cli(*argv, "--help").code == 0


def test_github_action_is_a_composite_running_real_commands():
    action = yaml.safe_load((PROJECT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    for step in steps:
        if "run" in step:
            assert step.get("shell") == "bash", step
    options = _check_options()
    runs = "\n".join(s["run"] for s in steps if "run" in s)
    commands = [line.strip() for line in runs.splitlines() if line.strip().startswith("claimgraph ")]
    assert any("--format github" in c for c in commands)
    assert any("--format sarif" in c for c in commands)
    for command in commands:
        argv = shlex.split(command.split("||")[0].split(">")[0])
        assert argv[1] == "check"
        for token in argv[2:]:
            if token.startswith("--"):
                assert token in options, token
    # inputs referenced in the steps are declared
    declared = set(action["inputs"])
    referenced = set(re.findall(r"inputs\.([\w-]+)", (PROJECT / "action.yml").read_text()))
    assert referenced <= declared
    # and docs/ci.md lists every one (it once left `plugins` out)
    listed = (PROJECT / "docs" / "ci.md").read_text(encoding="utf-8").split("\nInputs: ", 1)[1].split("\n\n")[0]
    assert {name for name in declared if f"`{name}`" not in listed} == set()
    # an empty SARIF file (claimgraph could not start) is never handed to upload-sarif, which would fail on
    # it and hide the cause
    sarif_step = next(s for s in steps if s.get("id") == "sarif")
    assert "[ -s claimgraph.sarif ]" in sarif_step["run"]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert "steps.sarif.outputs.path != ''" in upload["if"]


def test_ci_doc_snippets_parse_and_use_real_options():
    text = (PROJECT / "docs" / "ci.md").read_text()
    snippets = re.findall(r"^```yaml\n(.*?)^```", text, re.S | re.M)
    assert snippets
    for snippet in snippets:
        yaml.safe_load(snippet)
    gitlab = next(s for s in snippets if "reports:" in s)
    data = yaml.safe_load(gitlab)
    assert data["claimgraph"]["artifacts"]["reports"]["junit"] == "claimgraph-junit.xml"
    assert "claimgraph check --format junit" in gitlab
    for line in re.findall(r"claimgraph (?:check|diff)[^\n|>]*", "\n".join(snippets)):
        argv = shlex.split(line)
        result = run_cli(argv[1], "--help")
        assert result.code == 0
        for token in argv[2:]:
            if token.startswith("--"):
                assert token in result.out, (line, token)


def _cff_schema() -> dict:
    spec = importlib.util.find_spec("cffconvert")
    if spec is None or not spec.submodule_search_locations:
        message = "cffconvert (for its CFF 1.2.0 schema) is not installed: run `make citation`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    path = Path(list(spec.submodule_search_locations)[0]) / "schemas" / "1.2.0" / "schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_citation_cff_is_valid_cff_1_2_0():
    import jsonschema

    data = yaml.safe_load((PROJECT / "CITATION.cff").read_text(encoding="utf-8"))
    assert data["cff-version"] == "1.2.0"
    schema = _cff_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_citation_cff_version_matches_the_package():
    from claimgraph import __version__

    data = yaml.safe_load((PROJECT / "CITATION.cff").read_text(encoding="utf-8"))
    assert data["version"] == __version__


def test_citation_cff_converts_to_bibtex_with_a_year():
    """A regression: without date-released, cffconvert's BibTeX had no year."""
    _cff_schema()  # skips, or fails on CI, when `make citation` did not run
    from cffconvert.behavior_1_2_x.bibtex_object import BibtexObject

    data = yaml.safe_load((PROJECT / "CITATION.cff").read_text(encoding="utf-8"))
    bibtex = BibtexObject(data).as_string()
    year = str(data["date-released"])[:4]
    assert re.search(rf"^year = \{{{year}\}},?$", bibtex, re.M), bibtex


def test_project_pre_commit_config_is_valid_and_runs_installed_tools():
    import subprocess
    import sys

    config = PROJECT / ".pre-commit-config.yaml"
    bin_dir = Path(sys.executable).parent
    result = subprocess.run(
        [str(bin_dir / "pre-commit"), "validate-config", str(config)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = {h["id"]: h for repo in yaml.safe_load(config.read_text())["repos"] for h in repo["hooks"]}
    assert {"ruff", "ruff-format", "mypy", "claimgraph-check"} <= set(hooks)
    for hook in hooks.values():  # local hooks: every command is one the test extra installs
        assert hook["language"] == "system"
        assert (bin_dir / shlex.split(hook["entry"])[0]).exists(), hook["entry"]
    pattern = re.compile(hooks["claimgraph-check"]["files"])
    assert pattern.search("claims/energy.ttl") and pattern.search("ontology/shapes.ttl")
    assert not pattern.search("README.md")


def _run_action_step(step_id: str, tmp_path: Path, registry: str) -> tuple[int, str, str]:
    """Run a step of action.yml with bash, as the runner would, with claimgraph this checkout's."""
    import subprocess
    import sys

    action = yaml.safe_load((PROJECT / "action.yml").read_text())
    step = next(s for s in action["runs"]["steps"] if s.get("id") == step_id)
    shim = tmp_path / "bin"
    shim.mkdir(exist_ok=True)
    (shim / "claimgraph").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m claimgraph "$@"\n')
    (shim / "claimgraph").chmod(0o755)
    output = tmp_path / "github_output"
    output.write_text("")
    env = {
        **os.environ,
        "PATH": f"{shim}{os.pathsep}{os.environ['PATH']}",
        "REGISTRY": registry,
        "GITHUB_OUTPUT": str(output),
        "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
    }
    proc = subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    return proc.returncode, proc.stdout, output.read_text()


def test_the_sarif_step_writes_a_report_for_a_bad_settings_file_and_refuses_an_empty_one(copy_fixture, tmp_path):
    root = copy_fixture("valid")
    path = root / "claimgraph.toml"
    path.write_text(path.read_text() + "bogus = 1\n")
    work = tmp_path / "work"
    work.mkdir()
    code, _, outputs = _run_action_step("sarif", work, str(root))
    assert code == 0 and "path=claimgraph.sarif" in outputs
    sarif = json.loads((work / "claimgraph.sarif").read_text())
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["CG109"]
    # no registry at all: nothing written, the step fails saying so, and nothing is uploaded
    code, out, outputs = _run_action_step("sarif", work, str(tmp_path / "nowhere"))
    assert code == 1 and "path=" not in outputs and "no SARIF written" in out


def test_the_pre_commit_hook_runs_on_every_file_check_reads(copy_fixture):
    from claimgraph.commands.check import _checked_files
    from claimgraph.registry import load

    hook = next(
        h for h in yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text()) if h["id"] == "claimgraph-check"
    )
    pattern = re.compile(hook["files"])
    root = copy_fixture("valid")
    (root / "queries").mkdir(exist_ok=True)
    (root / "queries" / "fine.rq").write_text("SELECT ?c WHERE { ?c a cg:Claim }\n")
    (root / "shapes").mkdir()
    (root / "shapes" / "own.ttl").write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n")
    (root / "sources").mkdir()
    (root / "sources" / "manifest.json").write_text('{"format": 1, "sources": {}}\n')
    checked = _checked_files(load(root))
    assert {"queries/fine.rq", "shapes/own.ttl", "sources/manifest.json", "claimgraph.toml"} <= set(checked)
    for rel in checked:
        assert pattern.search(f"evidence/{rel}"), rel
