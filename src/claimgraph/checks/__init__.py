"""Every family of checks, one module each, found through the ``claimgraph.checks`` entry points.

A family is a module with a function ``check(registry) -> Iterable[Finding]``. claimgraph's own
families are declared in its pyproject.toml like any plug-in's (:mod:`claimgraph.check_plugins`
holds the contract). :func:`run_checks` runs them all, keeps going when one finds problems, and
returns the findings sorted by file and line (the loader's own findings first among equals).
"""

from __future__ import annotations

from importlib import import_module
from typing import Iterable

from ..check_plugins import CheckFamily, discover, run_family
from ..findings import Finding
from ..parallel import responsive_threads
from ..registry import Registry

#: The built-in families (modules under claimgraph.checks), in the order they run. Each is declared
#: in pyproject.toml's ``claimgraph.checks`` entry points under the same name; a test keeps the two
#: in step.
CHECK_MODULES: tuple[str, ...] = (
    "shacl",
    "citation_keys",
    "references",
    "intext_citations",
    "bibliography",
    "primary_sources",
    "units",
    "value_in_quote",
    "value_in_statement",
    "source_quotes",
    "references_exist",
    "conflicts",
    "derived",
    "weakness",
    "saved_queries",
)


def families() -> list[CheckFamily]:
    """The built-in families, then the installed plug-ins: what :func:`run_checks` runs."""
    return discover(CHECK_MODULES)


def run_checks(registry: Registry) -> list[Finding]:
    """Every family's findings, sorted.

    SHACL spends most of its time inside Oxigraph's query engine, which releases the GIL,
    while the other families are Python-bound: running them in a second thread beside SHACL
    keeps both cores busy. That thread has a core of its own: SHACL's queries run on the
    others (one on two cores; beside the families, a second SHACL thread made both phases a
    fifth slower at 10,000 claims, three threads contending for two cores and for the GIL).
    SHACL itself is started from the calling thread, where its time limit (a SIGALRM) can reach
    it. The sort makes the result independent of the interleaving."""
    import os
    from concurrent.futures import ThreadPoolExecutor

    findings = list(registry.load_findings)
    shacl_module = import_module(f"{__name__}.shacl")
    others = [family for family in families() if not (family.built_in and family.name == "shacl")]
    with responsive_threads(), ThreadPoolExecutor(max_workers=1) as pool:
        rest = pool.submit(lambda: [f for family in others for f in run_family(family, registry)])
        findings.extend(shacl_module.validate(registry, threads=max(1, (os.cpu_count() or 1) - 1)))
        findings.extend(rest.result())
    return sort_findings(findings)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    unique = list(dict.fromkeys(findings))
    return sorted(unique, key=lambda f: (f.file or "~", f.line or 0, f.code, f.subject or "", f.message))
