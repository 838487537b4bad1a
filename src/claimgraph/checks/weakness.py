"""Weakness travels up the argument: a step is as weak as the weakest claim it rests on.

A step or conclusion that rests on (is supported by, or takes its context from) a claim with a discrepancy, a
claim not found in its source, an unverified claim, or one verified against a
secondary source only, is reported with the claims that weaken it. The same
relation is queryable (``queries/weak-steps.rq``) and shown on the site.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from ..findings import Finding
from ..namespaces import CG
from ..registry import Registry

WEAK_STATUSES = ("discrepancy", "notInSource", "unverified", "verifiedSecondary")

_WEAK = """
SELECT ?step ?claim ?status WHERE {
  ?step a/rdfs:subClassOf* cg:ArgumentStep .
  ?step cg:uses|cg:supportedBy|cg:contextFrom ?claim .
  ?claim cg:status ?status .
  VALUES ?status { status:discrepancy status:notInSource status:unverified status:verifiedSecondary }
}
"""


#: Claims holding several statuses (defined twice, CG104, or written so, CG206): which is theirs cannot be told.
_SEVERAL_STATUSES = """
SELECT ?claim WHERE { ?claim cg:status ?status } GROUP BY ?claim HAVING (COUNT(DISTINCT ?status) > 1)
"""


def weak_claims_by_step(registry: Registry) -> dict[str, list[tuple[str, str]]]:
    """step IRI -> [(claim IRI, status local name)] for the claims that weaken it. A claim with several
    statuses is left out: calling it weak would pick one of them, and the second status is a finding already."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    several = {row["claim"] for row in registry.select(_SEVERAL_STATUSES)}
    for row in registry.select(_WEAK):
        if row["claim"] in several:
            continue
        pair = (row["claim"], row["status"].rsplit("#", 1)[-1])
        if pair not in out[row["step"]]:
            out[row["step"]].append(pair)
    return out


def check(registry: Registry) -> Iterable[Finding]:
    for step, weak in sorted(weak_claims_by_step(registry).items()):
        listed = ", ".join(f"{c.rsplit('/', 1)[-1]} ({s})" for c, s in sorted(weak))
        yield registry.finding(
            "CG360",
            f"this step rests on {len(weak)} weak claim{'s' if len(weak) > 1 else ''}: {listed}",
            subject=step,
            predicate=(str(CG.supportedBy), str(CG.contextFrom), str(CG.uses)),
            related=tuple(c for c, _ in weak),
            hint="strengthen the claims (trace them to primary sources) or qualify the step's conclusion",
        )
