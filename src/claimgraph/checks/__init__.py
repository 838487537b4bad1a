"""Every family of checks, one module each, found through the ``claimgraph.checks`` entry points.

A family is a module with a function ``check(registry) -> Iterable[Finding]``. claimgraph's own
families are declared in its pyproject.toml like any plug-in's (:mod:`claimgraph.check_plugins`
holds the contract). :func:`run_checks` runs them all, keeps going when one finds problems, and
returns the findings sorted by file and line (the loader's own findings first among equals).
"""

from __future__ import annotations

import threading
from importlib import import_module
from typing import TYPE_CHECKING, Callable, Iterable

from ..findings import Finding
from ..parallel import collector_paused, responsive_threads
from ..registry import Registry

if TYPE_CHECKING:
    from ..check_plugins import CheckFamily

# (claimgraph.check_plugins and hashlib are imported where families are listed: `check` does that in a
# thread beside the registry's loading, not before it starts)

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
    from ..check_plugins import discover

    return discover(CHECK_MODULES)


#: Located subjects (claims, sources, values…) from which :func:`run_checks` with ``fork=True`` forks:
#: below, the families take less time than the fork and the copy-on-write it sets off.
FORK_MIN_SUBJECTS = 2000

#: The families the calling process runs after SHACL when the others (and the plug-ins) run in a forked
#: child: ``references`` reads what SHACL has read, the others take little time; the child's share (the
#: families reading the model's values, quotes and texts) still ends about when these do.
_AFTER_SHACL = frozenset(
    {"references", "citation_keys", "bibliography", "primary_sources", "references_exist", "weakness", "saved_queries"}
)


def import_families_in_background(*first: str) -> FamilyImports:
    """Start importing every family (the started thread is returned: :meth:`~FamilyImports.finish` it before
    :func:`run_checks`, which forks only where no other thread runs; its ``found`` is then what
    :func:`families` gave, for :func:`run_checks`). Started before the registry is loaded, the imports
    take the GIL while the loader waits for Oxigraph to parse (they were a twentieth of a check at 10,000
    claims, on its critical path). ``first``: modules the caller needs next, imported before the families (the
    site's, for ``build``)."""
    thread = FamilyImports(first)
    thread.start()
    return thread


#: What the families do first once they run, whatever the registry: import the quotes' locator and SHACL's
#: query sites. (Not QUDT's table of units, which the units family reads first: ``json.loads`` holds the GIL
#: for its whole hundredth of a second, and the loader's thread waits for it between two claim files.)
_WARM_UPS: tuple[Callable[[], object], ...] = (
    lambda: import_module("claimgraph.sources.locate"),
    lambda: import_module("claimgraph.sparql.sites"),
)


class FamilyImports(threading.Thread):
    """The thread of :func:`import_families_in_background`: :meth:`finish` it once the registry is loaded."""

    def __init__(self, first: tuple[str, ...] = ()) -> None:
        super().__init__(name="claimgraph-import-families", daemon=True)
        self._first = first
        #: the families, once imported
        self.found: list[CheckFamily] | None = None
        self._loaded = threading.Event()

    def run(self) -> None:
        for name in self._first:
            import_module(name)
        import_module("claimgraph.loading.sources")  # BibTeX's parser first: the loader reads the .bib files next
        self.found = families()
        # then what the families do first once they run, while the registry still loads: in the forked child
        # of a large registry it was on the check's critical path. A small registry is loaded before: it is
        # left to the families
        for warm_up in _WARM_UPS:
            if self._loaded.is_set():
                break
            warm_up()

    def finish(self) -> None:
        """Wait for the families' imports (the registry is loaded: no further warm-up is started)."""
        self._loaded.set()
        self.join()


def run_checks(registry: Registry, *, fork: bool = False, found: list[CheckFamily] | None = None) -> list[Finding]:
    """Every family's findings, sorted.

    SHACL spends most of its time inside Oxigraph's query engine, which releases the GIL,
    while the other families are Python-bound: running them in a second thread beside SHACL
    keeps both cores busy. That thread has a core of its own: SHACL's queries run on the
    others (one on two cores; beside the families, a second SHACL thread made both phases a
    fifth slower at 10,000 claims, three threads contending for two cores and for the GIL).
    SHACL itself is started from the calling thread, where its time limit (a SIGALRM) can reach
    it. The sort makes the result independent of the interleaving.

    ``fork=True``: on a large registry, on two cores or more, where the process may fork
    (:func:`claimgraph.parallel.can_fork`), most families run in a forked child while SHACL runs
    here, so that their Python does not wait for the GIL SHACL's own Python holds (Python in two
    threads of one process runs on one core at a time). For a caller that reads nothing more from the
    registry: what those families read and remember (the model's readings) stays in the child. If the
    child fails, they run here, and the result is the same.

    ``found``: the families, as :func:`families` gave them just before (it reads the installed packages'
    metadata again: a hundredth of a second between the load and the fork at 10,000 claims).

    The cycle collector is paused meanwhile (as ``claimgraph check`` pauses it around the load too): what the
    families read and remember (the model's readings, their rows) and the findings are kept to the end, none
    of it garbage, and its passes over them took nearly a tenth of the families' time in the child ``build`` forks
    to check (the objects frozen before its fork aside)."""
    with collector_paused():
        return _run_checks(registry, fork=fork, found=found)


def _run_checks(registry: Registry, *, fork: bool, found: list[CheckFamily] | None) -> list[Finding]:
    import os

    from ..check_plugins import run_family
    from ..parallel import ForkedCall, ForkFailed, can_fork, cores

    findings = list(registry.load_findings)
    shacl_module = import_module(f"{__name__}.shacl")
    others = [family for family in (found or families()) if not (family.built_in and family.name == "shacl")]

    def run(group: list[CheckFamily]) -> list[Finding]:
        return [f for family in group for f in run_family(family, registry)]

    child = None
    if fork and cores() >= 2 and len(registry.locations) >= FORK_MIN_SUBJECTS and can_fork():
        forked = [family for family in others if not family.built_in or family.name not in _AFTER_SHACL]
        try:
            child = ForkedCall(lambda: run(forked))
        except ForkFailed:
            pass  # the threads below, as on one core
    if child is not None:
        # no thread beside SHACL here: its GIL, taken back and forth with SHACL's own Python, cost more
        # than the families run after SHACL
        try:
            findings.extend(shacl_module.validate(registry, threads=max(1, (os.cpu_count() or 1) - 1)))
            findings.extend(run([family for family in others if family not in forked]))
            try:
                findings.extend(child.result())
            except ForkFailed:
                findings.extend(run(forked))
        finally:
            child.close()
        return sort_findings(findings)
    from concurrent.futures import ThreadPoolExecutor

    with responsive_threads(), ThreadPoolExecutor(max_workers=1) as pool:
        rest = pool.submit(lambda: run(others))
        findings.extend(shacl_module.validate(registry, threads=max(1, (os.cpu_count() or 1) - 1)))
        findings.extend(rest.result())
    return sort_findings(findings)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    unique = list(dict.fromkeys(findings))
    return sorted(unique, key=lambda f: (f.file or "~", f.line or 0, f.code, f.subject or "", f.message))
