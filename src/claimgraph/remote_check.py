"""Checks where the data lives: the SPARQL-expressible checks run on a remote SPARQL 1.1 endpoint.

A registry grown past one machine (a community registry of many decks and papers) is kept in a
larger store (Virtuoso, QLever, Fuseki, or ``claimgraph serve``). :func:`check_remote` runs there
what SPARQL can express, with the same check modules as a local ``check`` (only the place their
queries run differs, see :mod:`claimgraph.sparql.sites`):

* the SHACL shapes, compiled to SPARQL (:mod:`claimgraph.checks.shacl_compiled`);
* the citation checks that are queries: keys and references that resolve (CG301), secondary
  sources traced to a primary (CG310, CG311), weakness carried up the argument (CG360).

The rest needs the registry's files or Python arithmetic over every value, and is listed in
:attr:`RemoteCheck.not_run` rather than silently skipped; so is, without the registry's files, the shape
asking for a statement in one of the registry's languages (CG203), which only its claimgraph.toml names. With the registry's files at hand
(``registry``), findings carry file and line as a local check's do, and a subject the files define
twice (CG104) is reported from them; without, the subject IRI alone. The endpoint is only queried,
never updated.

A store that holds nothing of a registry (a mistyped ``--graph``, another dataset, a store not yet
published to) would pass every check: it is refused (:class:`DatasetMismatch`), as is one holding
fewer than half of the claims of the registry's files when they are at hand.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from importlib import import_module
from types import SimpleNamespace

from .checks import sort_findings
from .findings import CODES, Finding, Severity
from .namespaces import PREFIXES, sparql_prologue
from .sparql.sites import EndpointError, RemoteEndpoint, cell_value, expand_subclass_paths, read_owners, with_owners

__all__ = ["DatasetMismatch", "EndpointError", "RemoteCheck", "check_remote", "NOT_RUN_REMOTELY", "REMOTE_FAMILIES"]

#: Check modules (claimgraph.checks.*) whose queries run on the endpoint, besides the compiled SHACL.
REMOTE_FAMILIES: tuple[str, ...] = ("citation_keys", "primary_sources", "weakness")

#: What a remote check leaves out, and why: one line each, printed and put in the JSON report.
NOT_RUN_REMOTELY: tuple[str, ...] = (
    "file-based checks: Turtle and BibTeX syntax, file layout, duplicate definitions (run `claimgraph check` "
    "where the files are)",
    "bibliography fields and in-text citations (read from bib/ files)",
    "unit arithmetic: units, conflicts between sources, derivations (computed in Python)",
    "numbers read in quotes and statements (computed in Python)",
    "source texts: quotes found in the sources, references that exist (files on disk)",
    "saved queries (queries/*.rq files)",
    "references resolved by the vocabulary's ranges (CG308/CG309, with the nearest names): the shapes' "
    "own findings on a reference to an undefined or wrong node stand in for them",
    "hidden characters in literals (CG121/CG122, read from the files)",
)

#: :data:`NOT_RUN_REMOTELY`'s first line when the registry's files are at hand: their duplicate definitions
#: (CG104) are then reported, read from the files, as the shapes' findings they imply are left out
_FILE_BASED_WITH_FILES = (
    "file-based checks: Turtle and BibTeX syntax, file layout (run `claimgraph check` where the files are; "
    "duplicate definitions, CG104, are reported from the files given with --registry)"
)

#: What a remote check without the registry's files leaves out of the shapes: the registry's languages are in its
#: claimgraph.toml only, and CG203 run with any others (English) would report every claim written in its own
_LANGUAGES_UNKNOWN = (
    "a statement in a language of the registry (CG203): the registry's languages are set in its claimgraph.toml, "
    "which the store does not hold (give --registry DIR to run it)"
)

#: The share of the registry's claims (those of its files, when at hand) the store must hold: below it the
#: store holds another dataset (a --graph mistyped or of another registry, a release long past), and a check
#: of it says nothing of the files the findings would point at.
_CLAIMS_FOUND_AT_LEAST = 0.5
#: How many of the registry's claims are looked up in the store (evenly spread over them, in IRI order):
#: enough to tell "this registry" from "another or none", in one query of bounded size.
_CLAIMS_SAMPLED = 200


class DatasetMismatch(EndpointError):
    """The store answers, but does not hold the registry to check: no claim and no source at all, or (with
    the registry's files) too few of their claims. Checking it would pass whatever the registry holds."""


@dataclass
class RemoteCheck:
    """What :func:`check_remote` found, what it could not run there, and how many queries it sent."""

    findings: list[Finding]
    not_run: list[str] = field(default_factory=list)
    queries: int = 0


class RemoteRegistry:
    """The part of :class:`claimgraph.registry.Registry` the SPARQL-based checks use, answered by a remote
    endpoint: ``select`` runs there; places come from the registry's files when they are at hand."""

    def __init__(self, site: RemoteEndpoint, local=None):
        self.site = site
        self.local = local
        self._asked = 0
        found = self.select("SELECT ?source ?key WHERE { ?source a cg:Source ; cg:bibKey ?key }")
        #: how many sources (with a BibTeX key) the store holds, under any base
        self.sources_held = len(found)
        bases = Counter(
            row["source"][: -len("source/" + row["key"])]
            for row in found
            if isinstance(row["key"], str) and row["source"].endswith("source/" + row["key"])
        )
        base = local.settings.base if local is not None else (bases.most_common(1)[0][0] if bases else "")
        self.settings = local.settings if local is not None else SimpleNamespace(base=base)
        # a key is known when the store holds its source at the IRI the registry's base gives it
        self.sources = {row["key"]: None for row in found if row["source"] == self.source_iri(str(row["key"]))}
        self.locations = local.locations if local is not None else {}
        #: the subjects the registry's files define twice (CG104): the endpoint's store cannot tell
        self.defined_twice = local.defined_twice if local is not None else {}

    def left_out(self, folder: str) -> list[Finding]:
        """What the registry's files left out when loaded (:meth:`claimgraph.registry.Registry.left_out`);
        nothing is known without them."""
        return self.local.left_out(folder) if self.local is not None else []

    def source_keys_not_loaded(self) -> set[str] | None:
        """:meth:`claimgraph.registry.Registry.source_keys_not_loaded`, from the registry's files (none known
        without them)."""
        return self.local.source_keys_not_loaded() if self.local is not None else set()

    @staticmethod
    def may_be_a_dropped_source(key: str, not_loaded: set[str] | None) -> bool:
        from .registry import Registry

        return Registry.may_be_a_dropped_source(key, not_loaded)

    def select(self, sparql: str) -> list[dict[str, object]]:
        text = expand_subclass_paths(sparql_prologue() + sparql, self.site, PREFIXES)
        names, rows = self.site.solutions(text)
        blank = [
            name for i, name in enumerate(names) if any(r[i] is not None and r[i]["type"] == "bnode" for r in rows)
        ]
        if blank:  # asked again, with the owners of those blank nodes (rare: a pointer from inside a quote)
            self._asked += 1
            names, rows = self.site.solutions(with_owners(text, blank))
            names, rows = read_owners(names, rows, blank, self.site.blank_owners, f"s{self._asked}_")
        return [dict(zip(names, map(cell_value, row))) for row in rows]

    def source_iri(self, key: str) -> str:
        return self.settings.base + "source/" + key

    def key_of(self, iri: str) -> str | None:
        prefix = self.settings.base + "source/"
        return iri[len(prefix) :] if self.settings.base and iri.startswith(prefix) else None

    def owner_of(self, node: str) -> str | None:
        found = self.site.blank_owners.get(node)
        return found[0] if found else None

    def link_predicate(self, node: str) -> str | None:
        found = self.site.blank_owners.get(node)
        return found[1] if found else None

    def finding(
        self,
        code: str,
        message: str,
        *,
        subject: str | None = None,
        predicate: str | tuple[str, ...] | None = None,
        severity: Severity | None = None,
        hint: str | None = None,
        related: tuple[str, ...] = (),
        facts: tuple[tuple[str, object], ...] = (),
    ) -> Finding:
        if self.local is not None and subject is not None and not subject.startswith("_:"):
            return self.local.finding(
                code,
                message,
                subject=subject,
                predicate=predicate,
                severity=severity,
                hint=hint,
                related=related,
                facts=facts,
            )
        return Finding(None, None, code, severity or CODES[code].severity, message, subject, hint, related, facts)


def check_remote(
    url: str, graphs=(), registry=None, *, timeout: float = 60.0, threads: int | None = None
) -> RemoteCheck:
    """Run the SPARQL-expressible checks on the SPARQL 1.1 endpoint at ``url``.

    ``graphs``: the named graphs holding the registry (sent as ``default-graph-uri``); none: the
    endpoint's default graph. ``registry``: the registry loaded from its files, for file:line, its
    own shapes and its duplicate definitions (CG104); else claimgraph's shapes, findings located by
    subject IRI. ``timeout``: seconds per query. Raises :class:`EndpointError` when the endpoint cannot
    be reached or answers garbage, :class:`DatasetMismatch` when it does not hold the registry."""
    from .check_plugins import declared_plugins
    from .checks.shacl import (
        READABLE_STATEMENT_CODE,
        _project_shapes_quads,
        deactivated,
        findings_from_results,
        shacl_timeout,
        shapes_quads,
    )
    from .checks.shacl_compiled import ShapesGraph, ValidationTimeout, compile_shapes
    from .checks.shacl_compiled import run as run_compiled
    from .endpoints import StoreError, check_endpoint

    try:
        check_endpoint(url, what="a SPARQL 1.1 query endpoint")
    except StoreError as exc:
        raise EndpointError(str(exc)) from None
    site = RemoteEndpoint(url, graphs, timeout=timeout)
    view = RemoteRegistry(site, registry)  # its first query tells at once whether the endpoint answers
    _refuse_another_dataset(view, url, graphs, registry)
    findings: list[Finding] = []
    not_run = list(NOT_RUN_REMOTELY)
    if registry is not None:
        # the shapes' findings a duplicate definition implies ("two values") are left out for the one
        # finding that says so (checks.shacl.findings_from_results): with the files at hand, it is reported
        not_run[0] = _FILE_BASED_WITH_FILES
        findings.extend(f for f in registry.load_findings if f.code == "CG104")
    plugins = declared_plugins()
    if plugins:
        not_run.append(
            "check plug-ins (they read the registry loaded on this machine): "
            + ", ".join(f"{name} ({package})" for name, package in plugins)
        )
    if registry is not None:
        quads = shapes_quads(registry, findings)
    else:
        # CG203 asks for a statement in one of the registry's languages, which only its claimgraph.toml names
        # (`publish` puts no settings in the store): run with English in their place, it reported every claim
        # of a registry in another language
        quads = deactivated(_project_shapes_quads(), frozenset({READABLE_STATEMENT_CODE}))
        not_run.append(_LANGUAGES_UNKNOWN)
    queries = compile_shapes(ShapesGraph(quads))
    if queries is None:
        not_run.insert(
            0, "SHACL: the registry's shapes use features only pyshacl runs, and pyshacl needs the data on this machine"
        )
    else:
        limit = shacl_timeout()
        try:
            results = run_compiled(site, queries, timeout=limit, threads=threads)
        except ValidationTimeout:
            findings.append(
                Finding(
                    None,
                    None,
                    "CG118",
                    Severity.ERROR,
                    f"SHACL validation on the endpoint stopped after {limit:g} s",
                    hint="CLAIMGRAPH_SHACL_TIMEOUT raises the limit",
                )
            )
        else:
            findings.extend(findings_from_results(view, results))
    for name in REMOTE_FAMILIES:
        findings.extend(import_module(f"claimgraph.checks.{name}").check(view))
    return RemoteCheck(sort_findings(findings), not_run, site.queries_sent)


def _count(rows: list[dict[str, object]], name: str) -> int:
    """The number a ``COUNT`` query answered (a store may give it untyped, as text)."""
    value = rows[0].get(name) if rows else None
    if isinstance(value, int):
        return value
    return int(value) if isinstance(value, str) and value.isdigit() else 0


def _graphs_named(url: str, graphs) -> str:
    named = ", ".join(f"<{g}>" for g in graphs)
    return f"{url} ({'graphs ' + named if len(graphs) > 1 else 'graph ' + named if graphs else 'its default graph'})"


def _refuse_another_dataset(view: RemoteRegistry, url: str, graphs, registry) -> None:
    """Raise :class:`DatasetMismatch` when the store holds no claim and no source, or (``registry``: the files
    at hand) fewer than half of the files' claims, looked up by IRI (a sample of at most
    :data:`_CLAIMS_SAMPLED`): every check would pass on data that is not the registry's."""
    held = view.select("SELECT (COUNT(DISTINCT ?claim) AS ?claims) WHERE { ?claim a/rdfs:subClassOf* cg:Claim }")
    claims_held = _count(held, "claims")
    where = _graphs_named(url, list(graphs))
    if not claims_held and not view.sources_held:
        raise DatasetMismatch(
            f"{where} holds no claims and no sources: nothing to check; check the --graph IRIs "
            "(claimgraph publish writes BASE/graph/claims and BASE/graph/sources)"
        )
    if registry is None:
        return
    local = sorted(
        str(row["claim"])
        for row in registry.select("SELECT DISTINCT ?claim WHERE { ?claim a/rdfs:subClassOf* cg:Claim }")
        if isinstance(row["claim"], str) and not row["claim"].startswith("_:")
    )
    if not local:
        return
    sample = local[:: -(-len(local) // _CLAIMS_SAMPLED)]
    values = " ".join(f"<{iri}>" for iri in sample)
    found = view.select(
        f"SELECT (COUNT(DISTINCT ?claim) AS ?found) WHERE {{ VALUES ?claim {{ {values} }} "
        "?claim a/rdfs:subClassOf* cg:Claim }"
    )
    found_count = _count(found, "found")
    if found_count < _CLAIMS_FOUND_AT_LEAST * len(sample):
        looked_up = (
            f"the {len(local)} claims of the registry's files"
            if len(sample) == len(local)
            else f"{len(sample)} claims sampled from the {len(local)} of the registry's files"
        )
        raise DatasetMismatch(
            f"{where} holds {found_count} of {looked_up} ({claims_held} claims in all): it does not hold "
            "the registry given with --registry; check the --graph IRIs, or publish the registry there first"
        )
