"""IRIs as a person reads them: the one table of prefixes and the one way to shorten an IRI with it.

The table (:func:`prefix_table`) holds the standard prefixes of :mod:`claimgraph.namespaces` and,
given a registry's base, the registry's own (``claim:``, ``source:``…, each a folder under the
base). :func:`prefixed_name` is the shortening itself, :func:`compact` the form shown in tables and
messages (a prefixed name, an IRI relative to the registry, or the whole IRI in angle brackets).
No rdflib and no pyoxigraph here: the checks import it.
"""

from __future__ import annotations

from collections.abc import Mapping

from .namespaces import PREFIXES

#: The registry's own prefixes, each naming the folder ``<base><prefix>/`` of its IRIs.
REGISTRY_PREFIXES = ("claim", "source", "measurand", "system", "step")


def prefix_table(base: str | None = None, *, leave_out: tuple[str, ...] = ()) -> dict[str, str]:
    """The prefixes claimgraph binds: the standard ones, then (with ``base``) the registry's own."""
    out = {p: str(ns) for p, ns in PREFIXES.items() if p not in leave_out}
    if base:
        out.update({p: f"{base}{p}/" for p in REGISTRY_PREFIXES if p not in leave_out})
    return out


_STANDARD = prefix_table()


def _writable_local(local: str) -> bool:
    """Whether ``local`` can stand after ``prefix:`` in Turtle and SPARQL without escapes."""
    return bool(local) and all(c.isalnum() or c in "_-." for c in local) and not local.endswith(".")


def prefixed_name(iri: str, table: Mapping[str, str] | None = None, *, any_local: bool = False) -> str | None:
    """``prefix:local`` for ``iri`` by the longest namespace of ``table`` (default: the standard
    prefixes) that it extends, or None. The local part must read as a Turtle local name, unless
    ``any_local`` (JSON-LD compact IRIs, labels)."""
    best = None
    for prefix, ns in (_STANDARD if table is None else table).items():
        if iri.startswith(ns) and len(iri) > len(ns) and (best is None or len(ns) > len(best[1])):
            if any_local or _writable_local(iri[len(ns) :]):
                best = (prefix, ns)
    return f"{best[0]}:{iri[len(best[1]) :]}" if best else None


def compact(iri: str, table: Mapping[str, str] | None = None, *, base: str | None = None) -> str:
    """``iri`` as tables and messages show it: ``<claim/x>`` relative to the registry's ``base``,
    else a prefixed name (:func:`prefixed_name`), else ``<iri>``."""
    if base and iri.startswith(base):
        return f"<{iri[len(base) :]}>"
    return prefixed_name(iri, table) or f"<{iri}>"
