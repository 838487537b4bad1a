"""``claimgraph check``: every output format, exit codes, fail levels, streams."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from .conftest import FIXTURES, PROJECT, run_cli, run_process
from .fixture_overlays import invalid_case

BROKEN = invalid_case("unknown-key")
#: report paths are relative to the repository root, and the fixtures are in this repository
IN_REPO = "tests/fixtures/invalid/unknown-key/"
WEAK = invalid_case("intext-mismatch")


def test_exit_codes_follow_fail_level():
    assert run_cli("check", "-r", str(WEAK)).code == 0  # warnings only, default level error
    assert run_cli("check", "-r", str(WEAK), "--fail-level", "warning").code == 1
    assert run_cli("check", "-r", str(BROKEN)).code == 1


def test_usage_errors_exit_2_without_traceback(tmp_path):
    result = run_cli("check", "-r", str(tmp_path / "nowhere"))
    assert result.code == 2 and "no such registry" in result.err and "Traceback" not in result.err
    result = run_cli("check", "-r", str(tmp_path))
    assert result.code == 2 and "claimgraph.toml" in result.err
    assert run_cli("check", "--format", "yaml").code == 2


def test_text_format_names_file_line_code_and_hint():
    out = run_cli("check", "-r", str(BROKEN)).out
    assert "claims/energy.ttl:48: CG301 error: cg:cites names source key 'Roe2202'" in out
    assert "did you mean `Roe2022`" in out


def test_json_format_is_the_documented_list():
    result = run_cli("check", "-r", str(BROKEN), "-f", "json")
    document = json.loads(result.out)
    assert document["tool"] == "claimgraph" and document["schema_version"] == 1
    finding = next(f for f in document["findings"] if f["code"] == "CG301")
    assert set(finding) == {
        "file",
        "line",
        "code",
        "name",
        "severity",
        "message",
        "subject",
        "hint",
        "related",
        "facts",
        "doc",
    }
    assert (finding["file"], finding["line"], finding["severity"]) == ("claims/energy.ttl", 48, "error")
    assert finding["subject"].endswith("/claim/smaller-models")
    documented = (PROJECT / "docs" / "findings.md").read_text()
    for key in finding:
        assert f"`{key}`" in documented, f"JSON field {key} is not documented"


def test_github_format_annotates_file_and_line():
    out = run_cli("check", "-r", str(BROKEN), "-f", "github").out
    assert f"::error file={IN_REPO}claims/energy.ttl,line=48,title=CG301::" in out


def test_sarif_validates_against_the_2_1_0_schema():
    schema = json.loads(
        (
            PROJECT / "node_modules" / "@microsoft" / "jest-sarif" / "lib" / "schemas" / "sarif-2.1.0-rtm.5.json"
        ).read_text()
    )  # installed by `make npm`
    log = json.loads(run_cli("check", "-r", str(BROKEN), "-f", "sarif").out)
    jsonschema.validate(log, schema)
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "CG301")
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == f"{IN_REPO}claims/energy.ttl"
    assert location["region"]["startLine"] == 48


def test_junit_is_readable_xml_with_one_case_per_checked_file():
    result = run_cli("check", "-r", str(BROKEN), "-f", "junit")
    root = ET.fromstring(result.out)
    cases = list(root.iter("testcase"))
    assert all(len(case.findall("failure")) <= 1 for case in cases)
    failing = [case for case in cases if case.find("failure") is not None]
    assert root.get("failures") == str(len(failing)) and root.get("tests") == str(len(cases))
    energy = next(case for case in failing if case.find("failure").get("type") == "CG301")
    # the path is the case's name; no `file` attribute, which Jenkins' xunit schema refuses
    assert energy.get("name") == f"{IN_REPO}claims/energy.ttl" and energy.get("file") is None
    assert {case.get("name") for case in cases} >= {f"{IN_REPO}claims/energy.ttl", f"{IN_REPO}bib/references.bib"}


def _registry_with_a_hostile_citation(copy_fixture):
    registry = copy_fixture("valid")
    claims = registry / "claims" / "energy.ttl"
    text = claims.read_text(encoding="utf-8")
    # an in-text citation that holds terminal escapes and a newline forging a report line of its own
    hostile = "Lucc\\u001B[2J\\u001B]0;PWNED\\u0007ioni\\r\\nclaims/fake.ttl:1: CG000 error: forged"
    text, count = re.subn(r'cg:inTextCitation "[^"]*"', lambda _m: f'cg:inTextCitation "{hostile}"', text, count=1)
    assert count == 1
    claims.write_text(text, encoding="utf-8")
    return registry


@pytest.mark.parametrize("fmt", ["text", "github", "junit"])
def test_data_in_findings_cannot_drive_the_terminal_or_forge_lines(copy_fixture, fmt):
    registry = _registry_with_a_hostile_citation(copy_fixture)
    out = run_cli("check", "-r", str(registry), "-f", fmt, "--fail-level", "info").out
    assert "PWNED" in out, "the finding quoting the citation is reported"
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out
    assert not any(line.startswith("claims/fake.ttl") for line in out.splitlines())
    if fmt == "junit":
        ET.fromstring(out)  # well-formed XML
    else:
        assert "\\x1b[2J" in out  # shown, escaped


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "junit"])
def test_every_format_renders_a_clean_registry(fmt):
    result = run_cli("check", "-r", str(FIXTURES / "valid"), "-f", fmt)
    assert result.code == 0 and result.err == ""


def test_console_script_runs_as_a_process_and_respects_no_color():
    result = run_process("check", "-r", str(BROKEN), env={"NO_COLOR": "1"})
    assert result.code == 1 and "\033[" not in result.out
    assert run_process("--help").code == 0


def test_check_help_documents_options():
    result = run_cli("check", "--help")
    assert result.code == 0 and "--fail-level" in result.out and "--format" in result.out


def test_a_check_with_claimgraphs_shapes_does_not_import_rdflib(tmp_path):
    """rdflib is for pyshacl, exports and diffs: importing it was 0.1 s of every check. A registry that
    adds no shapes of its own is checked, all ten families, without it; its findings are the usual ones."""
    script = (
        "import sys\nfrom claimgraph.cli import main\ncode = main(['check', '--no-cache', '-r', sys.argv[1]])\n"
        "print('rdflib' in sys.modules, 'pyshacl' in sys.modules, code)"
    )
    env = {**os.environ, "CLAIMGRAPH_CACHE_DIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", script, str(BROKEN)], capture_output=True, text=True, env=env, cwd=PROJECT
    ).stdout
    assert "CG301" in out and out.splitlines()[-1] == "False False 1", out[-500:]


def test_min_level_hides_findings_but_never_what_fails_the_check():
    warnings_only = invalid_case("weak-step")  # warnings, no error
    assert run_cli("check", "-r", str(warnings_only), "--fail-level", "warning").code == 1
    # below --min-level and below --fail-level: hidden
    hidden = run_cli("check", "-r", str(warnings_only), "--min-level", "error")
    assert hidden.code == 0 and " warning: " not in hidden.out
    # Regression: with --min-level above --fail-level the findings failing the check were hidden, so a
    # JUnit/SARIF report showed no failure while the exit code was 1
    shown = run_cli("check", "-r", str(warnings_only), "--fail-level", "warning", "--min-level", "error")
    assert shown.code == 1 and " warning: " in shown.out
    assert "reported all the same: at or above --fail-level warning" in shown.err


@pytest.mark.parametrize("fmt", ["junit", "sarif", "github", "json"])
def test_every_report_shows_what_fails_the_check_whatever_min_level(fmt):
    example = PROJECT / "examples" / "ml-training-energy"
    base = ("check", "-r", str(example), "--no-cache", "--format", fmt, "--fail-level", "warning")
    full = run_cli(*base)
    trimmed = run_cli(*base, "--min-level", "error")
    assert full.code == trimmed.code == 1
    if fmt == "junit":
        failures = [c.find("failure") for c in ET.fromstring(trimmed.out).iter("testcase")]
        assert any(f is not None for f in failures)
        assert ET.fromstring(trimmed.out).get("failures") == ET.fromstring(full.out).get("failures") != "0"
    elif fmt == "sarif":
        levels = [r["level"] for r in json.loads(trimmed.out)["runs"][0]["results"]]
        assert "warning" in levels and "note" not in levels
    elif fmt == "github":
        assert trimmed.out.count("::warning ") == full.out.count("::warning ") > 0
        assert "::notice " not in trimmed.out
    else:
        severities = {f["severity"] for f in json.loads(trimmed.out)["findings"]}
        assert "warning" in severities and "info" not in severities


def test_python_dash_m_claimgraph_is_the_same_command_line():
    done = subprocess.run(
        [sys.executable, "-m", "claimgraph", "check", "--registry", str(FIXTURES / "valid")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "0 findings (0 errors, 0 warnings, 0 infos)" in done.stdout + done.stderr


def test_the_program_ends_with_the_commands_code_and_its_whole_output(tmp_path):
    # `claimgraph` leaves without the interpreter's teardown (cli.run): the exit code is still the command's,
    # everything printed reaches the pipe, and a usage error still ends as argparse ends it
    registry = BROKEN
    program = [sys.executable, "-m", "claimgraph"]
    done = subprocess.run([*program, "check", "--no-cache", "-r", str(registry)], capture_output=True, text=True)
    expected = run_cli("check", "--no-cache", "-r", str(registry))
    assert done.returncode == expected.code == 1
    assert done.stdout == expected.out and "CG" in done.stdout
    listed = subprocess.run([*program, "list", "claims", "-r", str(PROJECT)], capture_output=True, text=True)
    assert listed.returncode == 0 and listed.stdout.count("\n") > 1
    wrong = subprocess.run([*program, "check", "--no-such-option"], capture_output=True, text=True)
    assert wrong.returncode == 2 and "--no-such-option" in wrong.stderr


def test_check_pauses_the_cycle_collector_only_while_it_runs():
    """`check` loads and checks with Python's cycle collector paused (its objects are kept to the end): a
    library caller (the tests, `serve`) gets the collector back as it was, on and off alike, whatever the run
    ends with."""
    import gc

    assert gc.isenabled()
    assert run_cli("check", "--no-cache", "-r", str(BROKEN)).code == 1
    assert gc.isenabled()
    assert run_cli("check", "--no-cache", "-r", str(FIXTURES / "no-such-registry")).code == 2
    assert gc.isenabled()
    gc.disable()
    try:
        assert run_cli("check", "--no-cache", "-r", str(FIXTURES / "valid")).code == 0
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("fmt", ["github", "sarif", "junit", "json", "text"])
def test_a_bad_settings_file_is_a_cg109_finding_in_every_format(copy_fixture, fmt):
    # Regression: `bogus = 1` in claimgraph.toml made the machine formats exit 2 with an empty stdout:
    # CI's SARIF upload failed on the empty file and hid the cause.
    root = copy_fixture("valid")
    settings = root / "claimgraph.toml"
    settings.write_text(settings.read_text() + "bogus = 1\n")
    line = settings.read_text().count("\n")
    result = run_cli("check", "-r", str(root), "--format", fmt, "--path-prefix", "evidence")
    assert result.code == 1 and "Traceback" not in result.err, result.err
    out = result.out
    if fmt == "json":
        (finding,) = json.loads(out)["findings"]
        # the JSON report's files are relative to the registry, as for every finding
        assert (finding["file"], finding["line"], finding["code"]) == ("claimgraph.toml", line, "CG109")
        assert "unknown key 'bogus'" in finding["message"]
    elif fmt == "sarif":
        (sarif_result,) = json.loads(out)["runs"][0]["results"]
        assert sarif_result["ruleId"] == "CG109" and sarif_result["level"] == "error"
        physical = sarif_result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == "evidence/claimgraph.toml"
        assert physical["region"]["startLine"] == line
    elif fmt == "junit":
        suite = ET.fromstring(out)
        (case,) = suite.iter("testcase")
        assert case.get("name") == "evidence/claimgraph.toml" and case.find("failure").get("type") == "CG109"
    elif fmt == "github":
        assert out.startswith(f"::error file=evidence/claimgraph.toml,line={line},title=CG109::unknown key 'bogus'")
    else:
        assert out.startswith(f"evidence/claimgraph.toml:{line}: CG109 error: unknown key 'bogus'")
    # a folder without claimgraph.toml is still a usage error: nothing to report on
    assert run_cli("check", "-r", str(root / "claims"), "--format", fmt).code == 2


def test_related_names_the_other_nodes_never_the_subject(copy_fixture):
    # Regression: a CG340 finding's `related` held its own subject (docs: "the other claims involved")
    example = PROJECT / "examples" / "ml-training-energy"
    result = run_cli("check", "-r", str(example), "--no-cache", "--format", "json", "--min-level", "info")
    findings = json.loads(result.out)["findings"]
    conflicts = [f for f in findings if f["code"] == "CG340"]
    assert conflicts and all(f["related"] for f in conflicts)
    assert not [f for f in findings if f["subject"] in f["related"]]
    # the claims of one conflict: each names all the others
    measurand = conflicts[0]["facts"]["measurand"]
    party = [f for f in conflicts if f["facts"]["measurand"] == measurand]
    everyone = {f["subject"] for f in party}
    assert all(set(f["related"]) == everyone - {f["subject"]} for f in party)


def test_github_properties_are_escaped_by_githubs_rules_on_the_raw_name(copy_fixture):
    # Regression: a newline in a file name reached the annotation as a literal `\n` (the name was made
    # printable before GitHub's escaping), so the annotation named a file that does not exist
    root = copy_fixture("valid")
    (root / "claims" / "odd\nna,me:50%\x1b.ttl").write_text("this is not turtle\n", encoding="utf-8")
    result = run_cli("check", "-r", str(root), "--no-cache", "--format", "github", "--path-prefix", "ev")
    line = next(row for row in result.out.splitlines() if "CG101" in row)
    assert line.startswith("::error file=ev/claims/odd%0Ana%2Cme%3A50%25\\x1b.ttl,line=1,title=CG101::"), line
    assert "\x1b" not in result.out


@pytest.mark.parametrize("command", [["check"], ["list"]])
def test_help_names_a_documentation_page_where_a_wheel_user_can_find_it(command):
    """A wheel has no docs/ folder: a bare "see docs/plugins.md" sent a pip user to a file they lack."""
    help_text = " ".join(run_cli(*command, "--help").out.split())
    pages = re.findall(r"docs/\w+\.md[^,;)]*", help_text)
    assert pages and all(page.endswith(" in the source distribution") for page in pages), pages
