"""Weakness travels up the argument: a step is as weak as the weakest claim it rests on.

A step or conclusion that rests on (is supported by, uses, or takes its context from) a claim with a
discrepancy, a claim not found in its source, an unverified claim, or one verified against a
secondary source only, is reported with the claims that weaken it. A derived claim (``cg:derivedBy``)
is only as good as what it is computed from, so the walk goes on through its operands, as the site's
verdicts do (docs/verdicts.md): a weak operand is named with the chain of claims computed from it. The
direct relation is queryable (``queries/weak-steps.rq``) and shown on the site.

Every query is SPARQL (the family runs on a remote store too, :mod:`claimgraph.remote_check`).
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

#: The claims each derived claim is computed from (the list's members that are IRIs; numbers are not claims).
_OPERANDS = """
SELECT ?claim ?operand WHERE {
  ?claim cg:derivedBy/cg:operands/rdf:rest*/rdf:first ?operand .
  FILTER (isIRI(?operand))
}
"""

#: Every claim a step names, and the weak statuses of any claim, for the walk through derivations.
_RESTS_ON = """
SELECT ?step ?claim WHERE {
  ?step a/rdfs:subClassOf* cg:ArgumentStep .
  ?step cg:uses|cg:supportedBy|cg:contextFrom ?claim .
}
"""
_WEAK_STATUS = """
SELECT ?claim ?status WHERE {
  ?claim cg:status ?status .
  VALUES ?status { status:discrepancy status:notInSource status:unverified status:verifiedSecondary }
}
"""


#: Claims holding several statuses (defined twice, CG104, or written so, CG206): which is theirs cannot be told.
_SEVERAL_STATUSES = """
SELECT ?claim WHERE { ?claim cg:status ?status } GROUP BY ?claim HAVING (COUNT(DISTINCT ?status) > 1)
"""


def weak_claims_by_step(registry: Registry) -> dict[str, list[tuple[str, str, tuple[str, ...]]]]:
    """step IRI -> [(claim IRI, status local name, chain)] for the claims that weaken it: those it names first (as
    the query gives them), then those it rests on through derivations. ``chain`` is empty for a claim the step
    names; for an operand, the claims computed from it up to the one the step names (the nearest first), by the
    shortest way. A claim with several statuses is left out: calling it weak would pick one of them, and the
    second status is a finding already."""
    out: dict[str, list[tuple[str, str, tuple[str, ...]]]] = defaultdict(list)
    several = {row["claim"] for row in registry.select(_SEVERAL_STATUSES)}
    for row in registry.select(_WEAK):
        if row["claim"] in several:
            continue
        entry = (str(row["claim"]), str(row["status"]).rsplit("#", 1)[-1], ())
        if entry not in out[str(row["step"])]:
            out[str(row["step"])].append(entry)
    operands: dict[str, set[str]] = defaultdict(set)
    for row in registry.select(_OPERANDS):
        operands[str(row["claim"])].add(str(row["operand"]))
    if not operands:
        return dict(out)
    weak = {
        str(row["claim"]): str(row["status"]).rsplit("#", 1)[-1]
        for row in registry.select(_WEAK_STATUS)
        if row["claim"] not in several
    }
    named: dict[str, set[str]] = defaultdict(set)
    for row in registry.select(_RESTS_ON):
        named[str(row["step"])].add(str(row["claim"]))
    for step, claims in named.items():
        # breadth first from the claims the step names: each claim reached by its shortest chain
        computed_into: dict[str, str | None] = {claim: None for claim in claims}
        frontier = sorted(claims)
        while frontier:
            following = []
            for claim in frontier:
                for operand in sorted(operands.get(claim, ())):
                    if operand not in computed_into:
                        computed_into[operand] = claim
                        following.append(operand)
            frontier = following
        for claim in sorted(c for c in computed_into if c in weak and computed_into[c] is not None):
            chain: list[str] = []
            above = computed_into[claim]
            while above is not None:
                chain.append(above)
                above = computed_into[above]
            out[step].append((claim, weak[claim], tuple(chain)))
    return dict(out)


def _named(claim: str, status: str, chain: tuple[str, ...]) -> str:
    """``unv (unverified)``; an operand ``unv (unverified; computed into mid, then into total)``."""
    if not chain:
        return f"{_local(claim)} ({status})"
    into = ", then into ".join(_local(c) for c in chain)
    return f"{_local(claim)} ({status}; computed into {into})"


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def check(registry: Registry) -> Iterable[Finding]:
    for step, weak in sorted(weak_claims_by_step(registry).items()):
        listed = ", ".join(_named(*entry) for entry in sorted(weak))
        yield registry.finding(
            "CG360",
            f"this step rests on {len(weak)} weak claim{'s' if len(weak) > 1 else ''}: {listed}",
            subject=step,
            predicate=(str(CG.supportedBy), str(CG.contextFrom), str(CG.uses)),
            related=tuple(c for c, _, _ in weak),
            hint="strengthen the claims (trace them to primary sources) or qualify the step's conclusion",
        )
