"""Every family of checks, one module each, wired up by one flat list.

A check is a function ``check(registry) -> Iterable[Finding]``. :func:`run_checks`
runs them all, keeps going when one finds problems, and returns the findings
sorted by file and line (the loader's own findings first among equals).
"""

from __future__ import annotations

from importlib import import_module
from typing import Callable, Iterable

from ..findings import Finding
from ..registry import Registry

#: Module names under claimgraph.checks, in the order they run.
CHECK_MODULES: tuple[str, ...] = (
    "shacl",
    "citation_keys",
    "intext_citations",
    "bibliography",
    "primary_sources",
    "units",
    "value_in_quote",
    "conflicts",
    "derived",
    "weakness",
)


def check_functions() -> list[Callable[[Registry], Iterable[Finding]]]:
    return [import_module(f"{__name__}.{name}").check for name in CHECK_MODULES]


def run_checks(registry: Registry) -> list[Finding]:
    findings = list(registry.load_findings)
    for check in check_functions():
        findings.extend(check(registry))
    return sort_findings(findings)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    unique = list(dict.fromkeys(findings))
    return sorted(unique, key=lambda f: (f.file or "~", f.line or 0, f.code, f.subject or "", f.message))
