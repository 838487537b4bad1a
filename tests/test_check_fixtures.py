"""Each invalid fixture produces the findings paired with it (code, file, line), the valid one none.

Cases are discovered by scanning tests/fixtures/invalid/: adding a folder with
an expected.json adds a test.
"""

from __future__ import annotations

import json

import pytest

from claimgraph.checks import run_checks
from claimgraph.registry import load

from .conftest import FIXTURES, run_cli

INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if (p / "expected.json").is_file())


def test_valid_fixture_has_no_findings_at_all():
    result = run_cli("check", "--registry", str(FIXTURES / "valid"), "--fail-level", "info")
    assert result.code == 0, result.out
    assert result.out.strip() == "0 findings (0 errors, 0 warnings, 0 infos)"


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_fixture_produces_its_findings(case):
    expected = json.loads((case / "expected.json").read_text())
    findings = run_checks(load(case))
    for want in expected["findings"]:
        matches = [f for f in findings if (f.code, f.file, f.line) == (want["code"], want["file"], want["line"])
                   and want.get("message_contains", "") in f.message
                   and want.get("hint_contains", "") in (f.hint or "")]
        assert matches, f"missing {want} in:\n" + "\n".join(map(str, findings))
    result = run_cli("check", "--registry", str(case))
    assert result.code == expected["exit"], result.out + result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_each_invalid_fixture_differs_from_valid_only_by_its_fault(case):
    """The fault is the only error-level cause: codes outside the expected ones are consequences we list."""
    expected = {w["code"] for w in json.loads((case / "expected.json").read_text())["findings"]}
    found = {f.code for f in run_checks(load(case))}
    assert expected <= found
