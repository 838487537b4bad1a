"""What a CI maintainer's trial found other tools refusing, or reading wrong, in claimgraph's outputs: SARIF results
GitHub code scanning cannot place, JUnit reports Jenkins' xunit schema refuses, SARIF rules titled by their code
alone, an absolute ``--path-prefix`` silently made relative, a command's unknown option answered with the top-level
usage, and an RO-Crate without the registry's saved queries and sources manifest. (The remote check's languages,
the trial's first finding, are tested with the other remote checks in test_check_endpoint.py.)"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from claimgraph.findings import Finding, Severity
from claimgraph.registry import load

from .conftest import FIXTURES, PROJECT, run_cli
from .fixture_overlays import invalid_case

BROKEN = invalid_case("unknown-key")  # one error: claims/energy.ttl:48 CG301
WEAK = invalid_case("intext-mismatch")  # warnings only
NO_SOURCE = invalid_case("claim-without-source")  # a SHACL finding: CG204
SARIF_SCHEMA = PROJECT / "node_modules" / "@microsoft" / "jest-sarif" / "lib" / "schemas" / "sarif-2.1.0-rtm.5.json"


@pytest.fixture
def repository(tmp_path) -> Path:
    """A git work tree whose registry is in ``evidence/`` (a ``.git`` folder marks it)."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    shutil.copytree(BROKEN, root / "evidence")
    return root


def valid_sarif(text: str) -> dict:
    """The SARIF log in ``text``, valid against the SARIF 2.1.0 schema, every result placed at a file as GitHub
    code scanning needs (it refuses the whole upload for one result without: "expected at least one location",
    "expected artifact location")."""
    log = json.loads(text)
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    for result in log["runs"][0]["results"]:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri and ":" not in uri.split("/")[0], result  # relative to SRCROOT, the checkout
    return log


# --------------------------------------------------------------------------- SARIF: every result at a file


def test_a_finding_on_the_registry_as_a_whole_is_placed_at_its_settings_file(repository):
    """CG118 (SHACL stopped at its time limit) is about the registry, on no file: its SARIF result had no
    `locations` at all, and GitHub refused the log the Action uploads."""
    from claimgraph.reports import ReportContext, render

    stopped = Finding(None, None, "CG118", Severity.ERROR, "SHACL validation stopped after 0.01 s")
    on_a_file = Finding("claims/energy.ttl", 48, "CG301", Severity.ERROR, "unknown key", "https://e.org/claim/x")
    log = valid_sarif(render("sarif", [stopped, on_a_file], ReportContext(repository / "evidence")))
    whole, located = log["runs"][0]["results"]
    assert whole["locations"] == [
        {"physicalLocation": {"artifactLocation": {"uri": "evidence/claimgraph.toml", "uriBaseId": "SRCROOT"}}}
    ]  # the file, no line: the finding is about no line of it
    assert located["locations"][0]["physicalLocation"]["region"] == {"startLine": 48}
    assert (repository / whole["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]).is_file()


def test_the_file_a_registry_wide_finding_is_placed_at_is_the_registrys_settings():
    from claimgraph.reports import REGISTRY_FILE
    from claimgraph.settings import SETTINGS_FILE

    assert REGISTRY_FILE == SETTINGS_FILE


@pytest.mark.parametrize("registry", [BROKEN, WEAK, NO_SOURCE], ids=["error", "warnings", "shacl"])
def test_every_sarif_result_of_a_check_names_a_file(registry):
    result = run_cli("check", "--no-cache", "-r", str(registry), "-f", "sarif", "--fail-level", "info")
    assert valid_sarif(result.out)["runs"][0]["results"]


# --------------------------------------------------------------------------- SARIF: rules described


def test_sarif_rules_of_shacl_codes_say_what_the_code_means():
    """Code scanning titles an alert with its rule's shortDescription: a SHACL code's was "SHACL constraint
    CG204". It is now the sentence docs/findings.md and the site's codes page give the code."""
    from claimgraph.finding_docs import markdown_text, meanings

    log = valid_sarif(run_cli("check", "--no-cache", "-r", str(NO_SOURCE), "-f", "sarif").out)
    rules = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["CG204"]["shortDescription"]["text"] == meanings()["CG204"]
    assert rules["CG204"]["shortDescription"]["text"].startswith("The claim cites no source")
    findings_page = (PROJECT / "docs" / "findings.md").read_text(encoding="utf-8")
    assert markdown_text(rules["CG204"]["shortDescription"]["text"]) in findings_page
    for rule in rules.values():
        assert "SHACL constraint" not in rule["shortDescription"]["text"], rule


def test_a_code_of_the_registrys_own_shapes_is_described_by_its_message():
    from claimgraph.reports import ReportContext, render

    own = Finding("claims/energy.ttl", 3, "ACME1", Severity.WARNING, "The claim has no reviewer.", "https://e.org/c")
    log = valid_sarif(render("sarif", [own], ReportContext(FIXTURES / "valid", path_prefix=".")))
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["shortDescription"] == {"text": "The claim has no reviewer."}


# --------------------------------------------------------------------------- JUnit: Jenkins' xunit schema

#: What Jenkins xunit-plugin's junit-10.xsd allows (src/main/resources/org/jenkinsci/plugins/xunit/types/model/
#: xsd/junit-10.xsd): each element's attributes, those it requires, and the elements it may hold.
JUNIT_10 = {
    "testsuites": ({"name", "time", "tests", "failures", "errors"}, set(), {"testsuite"}),
    "testsuite": (
        {"name", "tests", "failures", "errors", "group", "time", "skipped", "timestamp", "hostname", "id", "package"}
        | {"file", "log", "url"},
        {"name", "tests", "failures", "errors"},
        {"testsuite", "properties", "testcase", "system-out", "system-err"},
    ),
    "testcase": (
        {"name", "time", "classname", "group"},
        {"name"},
        {"skipped", "error", "failure", "system-out", "system-err"}
        | {"rerunFailure", "rerunError", "flakyFailure", "flakyError"},
    ),
    "failure": ({"type", "message"}, set(), set()),
    "system-out": (set(), set(), set()),
}
#: the schema's own copy and an environment with xmlschema, where this machine has them (the trial's)
TRIAL = Path("/work/trials/ci-maintainer")


def junit_reports() -> list[str]:
    """Reports with passing and failing cases, findings below the fail level, and a case on no file."""
    reports = [
        run_cli("check", "--no-cache", "-r", str(BROKEN), "-f", "junit").out,
        run_cli("check", "--no-cache", "-r", str(WEAK), "-f", "junit", "--fail-level", "warning").out,
        run_cli("check", "--no-cache", "-r", str(WEAK), "-f", "junit").out,
    ]
    from claimgraph.reports import ReportContext, render

    stopped = Finding(None, None, "CG118", Severity.ERROR, "SHACL validation stopped after 0.01 s")
    reports.append(render("junit", [stopped], ReportContext(FIXTURES / "valid", checked_files=["claimgraph.toml"])))
    return reports


def test_junit_reports_keep_to_the_jenkins_xunit_schema():
    """Every <testcase> had a `file` attribute, which junit-10.xsd refuses (and with it the report); pytest's
    xunit2 leaves it out for the same reason. The path is the case's name."""
    for report in junit_reports():
        root = ET.fromstring(report)
        assert root.tag == "testsuites"
        cases = 0
        for element in root.iter():
            allowed, required, children = JUNIT_10[element.tag]
            assert set(element.attrib) <= allowed, (element.tag, set(element.attrib) - allowed)
            assert required <= set(element.attrib), (element.tag, required - set(element.attrib))
            assert {child.tag for child in element} <= children, element.tag
            cases += element.tag == "testcase"
        assert cases and root.find("testsuite").get("tests") == str(cases)
    names = {case.get("name") for case in ET.fromstring(junit_reports()[0]).iter("testcase")}
    assert "tests/fixtures/invalid/unknown-key/claims/energy.ttl" in names


def test_junit_reports_pass_xmlschema_with_the_xunit_plugins_schema(tmp_path):
    """The trial's own validation (xmlschema 4 and the plug-in's junit-10.xsd), where this machine has them."""
    python, schema = TRIAL / "venv" / "bin" / "python", TRIAL / "schemas" / "junit-10.xsd"
    if not (python.exists() and schema.exists()):
        pytest.skip("xmlschema and junit-10.xsd are not on this machine")
    script = (
        "import sys, xmlschema\nschema = xmlschema.XMLSchema(sys.argv[1])\n"
        "for path in sys.argv[2:]:\n    schema.validate(path)\nprint('valid', len(sys.argv) - 2)\n"
    )
    paths = []
    for i, report in enumerate(junit_reports()):
        paths.append(tmp_path / f"report-{i}.xml")
        paths[-1].write_text(report, encoding="utf-8")
    done = subprocess.run([str(python), "-c", script, str(schema), *map(str, paths)], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == f"valid {len(paths)}", done.stderr[-2000:]


# --------------------------------------------------------------------------- --path-prefix


@pytest.mark.parametrize("prefix", ["/home/runner/work/repo/repo/evidence", "C:\\work\\evidence", "file:///work/ev"])
@pytest.mark.parametrize("fmt", ["github", "sarif"])
def test_an_absolute_path_prefix_is_refused(repository, prefix, fmt):
    """`--path-prefix /home/…` became `home/…` without a word: annotations on a path that is nowhere."""
    result = run_cli("check", "--no-cache", "-r", str(repository / "evidence"), "-f", fmt, "--path-prefix", prefix)
    assert result.code == 2 and result.out == ""
    assert "is absolute" in result.err and "relative to the repository root" in result.err
    assert "Traceback" not in result.err


def test_a_relative_path_prefix_is_written_as_given(repository):
    for prefix, expected in (("mono/evidence", "mono/evidence/"), ("../up", "../up/"), (".", "")):
        result = run_cli(
            "check", "--no-cache", "-r", str(repository / "evidence"), "-f", "github", "--path-prefix", prefix
        )
        assert result.code == 1 and f"file={expected}claims/energy.ttl,line=48" in result.out, result.out


def test_the_library_refuses_an_absolute_prefix_too():
    from claimgraph.reports import ReportContext

    with pytest.raises(ValueError, match="is absolute"):
        ReportContext(FIXTURES / "valid", path_prefix="/abs")


# --------------------------------------------------------------------------- usage errors


def _commands() -> list[list[str]]:
    from claimgraph.cli import build_parser

    def walk(parser, prefix):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    yield prefix + [name]
                    yield from walk(sub, prefix + [name])

    return list(walk(build_parser(), []))


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_an_unknown_option_is_answered_with_the_commands_own_usage(command):
    """`claimgraph check --bogus` printed `usage: claimgraph [-h] [--version] COMMAND ...`: argparse leaves a
    command's unknown arguments to the top-level parser."""
    result = run_cli(*command, "--bogus")
    assert result.code == 2 and result.out == ""
    assert result.err.startswith(f"usage: claimgraph {' '.join(command)} "), result.err
    assert f"claimgraph {' '.join(command)}: error: " in result.err


def test_an_unknown_option_after_valid_ones_is_named(tmp_path):
    result = run_cli("check", "-r", str(FIXTURES / "valid"), "--format", "json", "--bogus", "x")
    assert result.code == 2 and "usage: claimgraph check" in result.err
    assert "claimgraph check: error: unrecognized arguments: --bogus x" in result.err


# --------------------------------------------------------------------------- the RO-Crate


def registry_with_queries_and_sources(copy_fixture) -> Path:
    """The valid fixture with a saved query, a shape file of its own, and a sources manifest recording one text
    kept in the registry (its licence allows it) and one only fetched."""
    root = copy_fixture("valid")
    (root / "queries").mkdir(exist_ok=True)
    (root / "queries" / "energy-claims.rq").write_text(
        "# title: Energy claims\n# description: Every claim with its statement.\n"
        "SELECT ?claim ?statement WHERE { ?claim a cg:Claim ; cg:statement ?statement }\n",
        encoding="utf-8",
    )
    (root / "shapes").mkdir()
    (root / "shapes" / "own.ttl").write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n", encoding="utf-8")
    kept = root / "sources" / "texts" / "Doe2021.txt"
    kept.parent.mkdir(parents=True)
    kept.write_text("Training the model used 433 MWh of electricity.\n", encoding="utf-8")
    text = {
        "what": "text",
        "url": "https://example.org/doe2021.txt",
        "via": "url",
        "status": "fetched",
        "retrieved": "2025-01-01T00:00:00Z",
        "sha256": hashlib.sha256(kept.read_bytes()).hexdigest(),
        "media_type": "text/plain",
        "licence": "CC-BY-4.0",
        "kept": "sources/texts/Doe2021.txt",
    }
    manifest = {"format": 1, "sources": {"Doe2021": {"identifier": "url:https://example.org/doe2021.txt"}}}
    manifest["sources"]["Doe2021"]["retrievals"] = [text]
    (root / "sources" / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return root


def test_the_crate_holds_the_registrys_saved_queries_and_sources_manifest(copy_fixture, tmp_path):
    """A crate deposited as the release lost the registry's own queries (`claimgraph queries` on it listed only
    claimgraph's) and its sources manifest (`sources status` on it knew nothing of where the texts came from)."""
    from claimgraph.export import write_rocrate

    root = registry_with_queries_and_sources(copy_fixture)
    crate = tmp_path / "crate"
    write_rocrate(load(root), crate, date="2025-01-01")
    entities = {e["@id"]: e for e in json.loads((crate / "ro-crate-metadata.json").read_text())["@graph"]}
    parts = {part["@id"] for part in entities["./"]["hasPart"]}
    expected = {
        "queries/energy-claims.rq": "application/sparql-query",
        "sources/manifest.json": "application/json",
        "sources/texts/Doe2021.txt": "text/plain",
        "shapes/own.ttl": "text/turtle",
    }
    for rel, media_type in expected.items():
        assert (crate / rel).read_bytes() == (root / rel).read_bytes(), rel
        assert rel in parts and entities[rel]["@type"] == "File" and entities[rel]["encodingFormat"] == media_type
    checked = {part["@id"] for part in entities["#check"]["object"]}
    assert {"queries/energy-claims.rq", "sources/manifest.json", "shapes/own.ttl"} <= checked
    listed = run_cli("queries", "-r", str(crate), "--format", "json")
    assert listed.code == 0 and "energy-claims" in listed.out

    def own(queries: str, folder: Path) -> list:  # the registry's own queries, as listed (but for where they are)
        found = [q for q in json.loads(queries) if Path(q["path"]).is_relative_to(folder.resolve())]
        return [{**q, "path": Path(q["path"]).relative_to(folder.resolve()).as_posix()} for q in found]

    assert own(listed.out, crate) == own(run_cli("queries", "-r", str(root), "--format", "json").out, root) != []
    in_crate = run_cli("sources", "status", "-r", str(crate), "--format", "json")
    assert in_crate.code == 0 and "sources/texts/Doe2021.txt" in in_crate.out
    assert in_crate.out == run_cli("sources", "status", "-r", str(root), "--format", "json").out
    # and it is still a crate claimgraph wrote, which --force may replace
    again = run_cli("export", "-r", str(root), "-f", "rocrate", "--out", str(crate), "--force", "--date", "2025-01-02")
    assert again.code == 0, again.err


def test_the_crates_registry_shapes_keep_their_place(copy_fixture, tmp_path):
    """A shape file was written as shapes/NAME: two of one name in two folders would have been one file, the other
    lost. (The loader reads shapes/ alone today; a registry object listing files in subfolders stands for one
    that reads them.)"""
    from claimgraph.export import write_rocrate

    root = copy_fixture("valid")
    registry = load(root)
    registry.shape_files = []
    for folder, label in (("a", "first"), ("b", "second")):
        path = root / "shapes" / folder / "own.ttl"
        path.parent.mkdir(parents=True)
        path.write_text(f"@prefix sh: <http://www.w3.org/ns/shacl#> .\n# the {label}\n", encoding="utf-8")
        registry.shape_files.append(path)
    crate = tmp_path / "crate"
    names = write_rocrate(registry, crate, date="2025-01-01").names
    for folder in ("a", "b"):
        rel = f"shapes/{folder}/own.ttl"
        assert rel in names and (crate / rel).read_bytes() == (root / rel).read_bytes()
    assert len(names) == len(set(names))
