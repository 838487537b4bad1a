"""The facts of each code, as docs/findings.md lists them (claimgraph.finding_docs.FACTS), are the facts its
findings carry: `check --format json` is run on registries that raise each of those codes, and on others
whose codes carry none."""

from __future__ import annotations

import json

import pytest

from claimgraph.finding_docs import FACTS, FACTS_BEGIN, FACTS_END, FIELDS, JSON_BEGIN, JSON_END
from claimgraph.finding_docs import facts_section, json_section
from claimgraph.findings import Finding, Severity

from .conftest import PROJECT, run_cli
from .fixture_overlays import invalid_case
from .made_registries import new_claim, new_registry

#: invalid fixture cases raising, between them, every code of FACTS (and others, which carry none)
CASES = (
    "value-not-in-quote",
    "value-differs-unverified",
    "value-differs-from-primary",
    "sources-conflict",
    "derived-mismatch",
    "derivation-units",
    "numbers-not-stated",
    "units-and-conflicts",
    "unknown-key",
)


def _findings(root) -> list[dict]:
    result = run_cli("check", "--registry", str(root), "--format", "json", "--no-cache", "--min-level", "info")
    assert result.code in (0, 1), result.err
    return json.loads(result.out)["findings"]


@pytest.fixture(scope="module")
def range_claim_registry(tmp_path_factory):
    """A claim of a range whose quote prints neither bound: CG320 with claimed_lower / claimed_upper."""
    root = new_registry(tmp_path_factory.mktemp("range"), ("en",))
    made = new_claim(
        root, "span", "--statement", "Between 5 and 7 GWh.", "--quote", "The run used 9 GWh.", "--locator", "p. 2",
        "--range", "5", "7", "--unit", "GigaW-HR",
    )  # fmt: skip
    assert made.code == 0, made.err
    return root


def test_every_finding_carries_the_facts_documented_for_its_code(range_claim_registry):
    found = [f for case in CASES for f in _findings(invalid_case(case))] + _findings(range_claim_registry)
    seen: dict[str, set[str]] = {}
    for finding in found:
        keys = list(finding["facts"])
        documented = FACTS.get(finding["code"])
        if documented is None:
            assert keys == [], finding  # `{}` for every other code
            continue
        order = [key for key, _, _ in documented]
        assert set(keys) <= set(order), (finding["code"], keys)
        assert keys == [key for key in order if key in keys], (finding["code"], keys)  # in the documented order
        assert {key for key, _, always in documented if always} <= set(keys), (finding["code"], keys)
        seen.setdefault(finding["code"], set()).update(keys)
    # each code raised, and each key documented for it given by some finding (the "some" ones included)
    assert {code: sorted(keys) for code, keys in seen.items()} == {
        code: sorted(key for key, _, _ in facts) for code, facts in FACTS.items()
    }
    ranged = [f for f in found if f["code"] == "CG320" and "claimed_lower" in f["facts"]]
    assert ranged and ranged[0]["facts"]["claimed_lower"] == 5 and ranged[0]["facts"]["claimed_upper"] == 7


def test_the_fields_are_documented_in_the_order_the_report_writes_them():
    finding = Finding("f.ttl", 1, "CG301", Severity.ERROR, "m")
    assert [name for name, _ in FIELDS] == list(finding.as_dict())


def test_the_json_section_and_the_facts_of_docs_findings_are_up_to_date():
    text = (PROJECT / "docs" / "findings.md").read_text(encoding="utf-8")
    for begin, end, generated in ((JSON_BEGIN, JSON_END, json_section()), (FACTS_BEGIN, FACTS_END, facts_section())):
        committed = text.split(begin, 1)[1].split(end, 1)[0].strip()
        assert committed == generated, "run `python -m claimgraph.finding_docs` and commit docs/findings.md"
    # the example is what the report writes: every field, "facts" among them
    example = json.loads(json_section().split("```json\n", 1)[1].split("\n```", 1)[0])
    assert list(example["findings"][0]) == [name for name, _ in FIELDS]
