"""A number reported by a secondary source must be traced to the source that produced it.

* CG310: the cited source is secondary for the claim's number and no cg:primarySource is
  named (qualitative claims have no number to trace, so they are not concerned);
* CG311 (info): the claim rests only on secondary sources (verified against one at best),
  listed so a reviewer knows which numbers nobody traced to their origin.
"""

from __future__ import annotations

from typing import Iterable

from ..findings import Finding
from ..namespaces import CG
from ..registry import Registry

_SECONDARY = """
SELECT ?claim (SAMPLE(?primary) AS ?p) (SAMPLE(?status) AS ?s) WHERE {
  ?claim cg:citedSourceRole role:secondary .
  FILTER EXISTS { ?claim cg:value ?number }
  OPTIONAL { ?claim cg:primarySource ?primary }
  OPTIONAL { ?claim cg:status ?status }
} GROUP BY ?claim
"""


def check(registry: Registry) -> Iterable[Finding]:
    for row in registry.select(_SECONDARY):
        claim = row["claim"]
        if row.get("p") is None:
            yield registry.finding(
                "CG310",
                "the cited source only reports this number, and no primary source is named",
                subject=claim,
                predicate=str(CG.citedSourceRole),
                hint="add cg:primarySource <source/KEY> (and cg:primaryQuote) for the work that produced it, "
                "or say in cg:statusNote why it could not be traced",
            )
        if row.get("s") == "https://w3id.org/claimgraph/status#verifiedSecondary":
            yield registry.finding(
                "CG311", "the claim rests on a secondary source only", subject=claim, predicate=str(CG.status)
            )
