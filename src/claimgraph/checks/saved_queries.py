"""The registry's own saved queries (``queries/*.rq``): each one readable and a query claimgraph will run.

The site publishes every saved query with its answer, and ``claimgraph query NAME`` runs it; a
file that is not UTF-8, or a query that does not parse, would otherwise surface only there (the
site leaves the page out; the command fails when somebody asks). Here it fails the check, at
its file and line, where a change is reviewed:

* CG100, CG102, CG111 a ``.rq`` file that cannot be read (as for every input);
* CG401 a query that does not parse (the position is the file's: a saved query is its whole file);
* CG402, CG403, CG404 an update, SERVICE or FROM, which claimgraph refuses to run.

Each query is parsed against an empty store, so its cost does not grow with the registry; a
query whose parse outlasts the SHACL time limit (12,000 triple patterns, say) is CG405.
The defaults shipped with claimgraph are tested with it, not checked in every registry.
"""

from __future__ import annotations

from typing import Iterable

from ..findings import Finding, Severity
from ..registry import Registry


def check(registry: Registry) -> Iterable[Finding]:
    if not registry.query_files:
        return []  # no queries/ folder, or nothing in it: nothing to import or parse
    import pyoxigraph as ox

    from ..sparql.run import QueryError, execute, materialise, with_deadline
    from ..sparql.saved import load_saved_queries
    from .shacl import shacl_timeout

    queries, problems = load_saved_queries(registry)
    already = set(registry.load_findings)  # what the loader's walk of queries/ reported (links out, FIFOs)
    findings = [p for p in problems if p.file and p.file.startswith("queries/") and p not in already]
    own = (registry.root / "queries").resolve()
    empty = ox.Store()
    for query in queries:
        if query.path is None or query.path.resolve().parent != own:
            continue  # a default query the registry does not override
        try:
            # (materialised in the thread that ran it: pyoxigraph's lazy results may not change threads)
            with_deadline(lambda: materialise(execute(empty, query.text, base_iri=registry.settings.base)),
                          shacl_timeout())
        except QueryError as err:
            hint = ("shorten the query; CLAIMGRAPH_SHACL_TIMEOUT raises the check's time limit"
                    if err.code == "CG405" else err.hint)
            findings.append(Finding(f"queries/{query.path.name}", err.line, err.code, Severity.ERROR,
                                    f"saved query {query.name!r}: {err.message}", hint=hint))
    return findings
