"""The registry's own saved queries (``queries/*.rq``): each one readable and a query claimgraph will run.

The site publishes every saved query with its answer, and ``claimgraph query NAME`` runs it; a
file that is not UTF-8, or a query that does not parse, would otherwise surface only there (the
site leaves the page out; the command fails when somebody asks). Here it fails the check, at
its file and line, where a change is reviewed:

* CG100, CG102, CG111 a ``.rq`` file that cannot be read (as for every input);
* CG401 a query that does not parse (the position is the file's: a saved query is its whole file);
* CG402, CG403, CG404 an update, SERVICE or FROM, which claimgraph refuses to run;
* CG121 a control or bidi character in the comment block that opens it (its title and description,
  which the site and ``claimgraph queries`` show).

Each query is parsed against an empty store, so its cost does not grow with the registry; a
query whose parse outlasts the SHACL time limit (12,000 triple patterns, say) is CG405.
The defaults shipped with claimgraph are tested with it, not checked in every registry.
"""

from __future__ import annotations

import time
from typing import Iterable

from ..findings import Finding, Severity
from ..registry import Registry


def check(registry: Registry) -> Iterable[Finding]:
    if not registry.query_files:
        return []  # no queries/ folder, or nothing in it: nothing to import or parse
    import pyoxigraph as ox

    from ..sparql.defaults import MAX_TIMEOUT
    from ..sparql.run import QueryError, execute, materialise, with_deadline
    from ..sparql.saved import load_saved_queries
    from .shacl import shacl_timeout

    queries, problems = load_saved_queries(registry)
    already = set(registry.load_findings)  # what the loader's walk of queries/ reported (links out, FIFOs)
    findings = [p for p in problems if p.file and p.file.startswith("queries/") and p not in already]
    # the registry's own files as the loader walked them: a link inside the registry (queries/a.rq ->
    # ../shared/a.rq) is the registry's query too, though its target's folder is not queries/
    own = set(registry.query_files)
    empty = ox.Store()
    # One time limit for all the saved queries, not one each: Oxigraph's planning grows with the cube of a
    # query's patterns (1,000 take 40 s), so ten long files would each take the whole limit, and each
    # abandoned parse runs on in the background. A limit beyond what with_deadline takes (CLAIMGRAPH_SHACL_
    # TIMEOUT=inf) is no limit, not a ValueError.
    limit = shacl_timeout()
    if limit is not None and not limit <= MAX_TIMEOUT:
        limit = None
    deadline = None if limit is None else time.monotonic() + limit
    for query in queries:
        if query.path not in own:
            continue  # a default query the registry does not override
        findings.extend(_header_controls(query))
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            findings.append(
                Finding(
                    f"queries/{query.path.name}",
                    None,
                    "CG405",
                    Severity.ERROR,
                    f"saved query {query.name!r}: not parsed: the check's time limit ({limit:g} s) "
                    "was spent on the saved queries before it",
                    hint="shorten the slow queries; CLAIMGRAPH_SHACL_TIMEOUT raises the check's time limit",
                )
            )
            continue
        try:
            # (materialised in the thread that ran it: pyoxigraph's lazy results may not change threads)
            with_deadline(lambda: materialise(execute(empty, query.text, base_iri=registry.settings.base)), left)
        except QueryError as err:
            hint = (
                "shorten the query; CLAIMGRAPH_SHACL_TIMEOUT raises the check's time limit"
                if err.code == "CG405"
                else err.hint
            )
            # (the time left, not the limit, was handed to with_deadline: its "after 4.99998 s" would puzzle)
            message = (
                f"still running when the check's time limit ({limit:g} s) ran out: abandoned"
                if err.code == "CG405" and limit is not None
                else err.message
            )
            # a finding has a file and a line only: the column the parser gives goes into the message
            column = f" (column {err.column})" if err.line and err.column else ""
            findings.append(
                Finding(
                    f"queries/{query.path.name}",
                    err.line,
                    err.code,
                    Severity.ERROR,
                    f"saved query {query.name!r}{column}: {message}",
                    hint=hint,
                )
            )
    return findings


def _header_controls(query) -> list[Finding]:
    """CG121 for each line of the comment block opening ``query`` that holds a control or bidi character:
    its title and description are shown as text (escaped, but then not as the author meant them)."""
    from ..hidden_characters import controls, describe

    found = []
    for number, line in enumerate(query.text.split("\n"), 1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            break  # the header ends at the first line of the query
        chars = controls(line)
        if chars:
            found.append(
                Finding(
                    f"queries/{query.path.name}",
                    number,
                    "CG121",
                    Severity.ERROR,
                    f"saved query {query.name!r}: its header holds " + ", ".join(describe(c) for c in chars),
                    hint="remove the character: the title and description are shown as text",
                )
            )
    return found
