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
