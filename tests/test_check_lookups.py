"""The lookups of who points at what, as the checks ask them: every pointer at an unknown source key or at an
undefined or wrongly typed node is reported once, however many pointers share a target, and SHACL's class
constraint leaves those references to CG308/CG309."""

from __future__ import annotations

import json

from claimgraph.model import claim_values, quotes
from claimgraph.registry import load

from .conftest import FIXTURES, run_cli


def _edit(path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_every_pointer_at_a_shared_unknown_or_undefined_target_is_reported(copy_fixture):
    root = copy_fixture("valid")
    derived = root / "claims" / "derived.ttl"
    # two claims cite one unknown key; two claims name one undefined measurand; one names a claim as its measurand
    _edit(derived, "    cg:cites source:Doe2021 ;", "    cg:cites source:Nowhere2030 ;", count=2)
    _edit(derived, "cg:measurand measurand:sector-growth-rate ;", "cg:measurand measurand:nowhere ;")
    _edit(derived, "cg:measurand measurand:sector-growth-factor ;", "cg:measurand measurand:nowhere ;")
    _edit(derived, "cg:measurand measurand:model-halving-time ;", "cg:measurand claim:growth-rate ;")
    result = run_cli("check", "--no-cache", "-r", str(root), "-f", "json")
    assert result.code == 1
    findings = json.loads(result.out)["findings"]

    def subjects(code: str) -> list[str]:
        return sorted(f["subject"].rsplit("/", 1)[-1] for f in findings if f["code"] == code)

    assert subjects("CG301") == ["growth-rate", "model-x-energy-in-paper"]
    assert subjects("CG308") == ["growth-factor", "growth-rate"]
    assert subjects("CG309") == ["halving-time"]
    # the shapes' class constraint on cg:measurand says nothing more about these claims' measurands
    assert not [f for f in findings if f["code"].startswith("CG2") and "measurand" in f["message"]]


def test_claim_values_and_quotes_read_every_cell():
    """Each claim value's and quote's fields, as the checks read them, on a registry holding ranges,
    tolerances, quotes with values of their own and numbers written with trailing zeros."""
    registry = load(FIXTURES / "numbers-valid")
    values = claim_values(registry)
    assert values and all(v.quantity.unit.startswith("http://qudt.org/vocab/unit/") for v in values.values())
    for cv in values.values():
        q = cv.quantity
        assert (q.value is not None) != (q.lower is not None and q.upper is not None)
        if q.value is not None:
            assert q.lexical is not None and float(q.lexical) == q.value
        assert cv.measurand is None or cv.measurand.startswith(str(registry.settings.base))
    records = quotes(registry)
    assert records and {r.role for r in records} <= {"cited", "primary"}
    for record in records:
        assert record.claim in values or record.claim.startswith(str(registry.settings.base))
        assert isinstance(record.exact, str) and record.exact
        if record.quantity is not None and record.quantity.value is not None:
            assert record.quantity.lexical is not None and float(record.quantity.lexical) == record.quantity.value
