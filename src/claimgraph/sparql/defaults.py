"""The SPARQL options' defaults and names, apart from the engine: building the command line
(``claimgraph --help``) reads them without importing Oxigraph or rdflib."""

from __future__ import annotations

#: Seconds a query may run before it is abandoned, unless the caller says otherwise.
DEFAULT_TIMEOUT = 30.0

#: Every name ``--format`` accepts (results.py maps each onto a serialiser).
FORMAT_NAMES = ("table", "csv", "tsv", "json", "xml", "turtle", "ntriples", "jsonld", "rdfxml")

#: ``claimgraph serve``: the port, and how many queries run at once (one process each).
DEFAULT_PORT = 7878
DEFAULT_WORKERS = 2

#: Longest ``--timeout`` accepted, in seconds (11 days): beyond what the platform's timed waits
#: take (``threading.TIMEOUT_MAX``), ``inf`` or ``1e400`` would fail with OverflowError mid-query.
MAX_TIMEOUT = 1_000_000.0


def _seconds(text: str, *, zero: bool) -> float:
    import argparse
    import math

    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if zero and value == 0:
        return 0.0
    # NaN fails both comparisons, so `nan` never slips through as "no limit"
    if not 0 < value <= MAX_TIMEOUT:
        lowest = "0 (no limit) or more" if zero else "more than 0"
        raise argparse.ArgumentTypeError(
            f"expected a number of seconds, {lowest} and at most {MAX_TIMEOUT:,.0f}, not {text!r}"
        )
    return value


def timeout_or_none(text: str) -> float:
    """``--timeout`` of ``claimgraph query`` (an argparse type): finite seconds, 0 meaning no limit."""
    return _seconds(text, zero=True)


def timeout_seconds(text: str) -> float:
    """``--timeout`` of ``claimgraph serve`` (an argparse type): finite seconds, more than 0."""
    return _seconds(text, zero=False)
