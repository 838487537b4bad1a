"""SPARQL over a registry: saved queries, safe execution with a deadline, result formats, an endpoint.

* :mod:`.saved` — named queries in ``queries/*.rq`` with a title and a description;
* :mod:`.run` — checks (read-only, no network), syntax errors with positions, timeouts;
  :func:`run_select` is the entry point for callers that want rows;
* :mod:`.results` — SPARQL 1.1 result formats, RDF formats, a table view, negotiation;
* :mod:`.tables` — flat tables for spreadsheets (``claimgraph list claims``);
* :mod:`.server` — the read-only SPARQL 1.1 Protocol endpoint of ``claimgraph serve``.
"""

from importlib import import_module

#: Public names -> the submodule defining them, imported on first use: the command line imports
#: ``claimgraph.sparql.defaults`` to build ``--help``, and must not pay for Oxigraph and rdflib.
_EXPORTS = {
    **dict.fromkeys(
        ("QueryError", "QueryRefused", "QuerySyntaxError", "QueryTimeout", "run_query", "run_select"), "run"
    ),
    **dict.fromkeys(("SavedQuery", "find_saved_query", "saved_queries"), "saved"),
    "DEFAULT_TIMEOUT": "defaults",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    globals()[name] = value
    return value
