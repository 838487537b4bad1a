"""SPARQL over a registry: saved queries, safe execution with a deadline, result formats, an endpoint.

* :mod:`.saved` — named queries in ``queries/*.rq`` with a title and a description;
* :mod:`.run` — checks (read-only, no network), syntax errors with positions, timeouts;
  :func:`run_select` is the entry point for callers that want rows;
* :mod:`.results` — SPARQL 1.1 result formats, RDF formats, a table view, negotiation;
* :mod:`.tables` — flat tables for spreadsheets (``claimgraph list claims``);
* :mod:`.server` — the read-only SPARQL 1.1 Protocol endpoint of ``claimgraph serve``.
"""

from .run import DEFAULT_TIMEOUT, QueryError, QueryRefused, QuerySyntaxError, QueryTimeout, run_query, run_select
from .saved import SavedQuery, find_saved_query, saved_queries

__all__ = ["DEFAULT_TIMEOUT", "QueryError", "QueryRefused", "QuerySyntaxError", "QueryTimeout",
           "SavedQuery", "find_saved_query", "run_query", "run_select", "saved_queries"]
