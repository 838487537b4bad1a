"""The literals of the pages' own triples, as the downloads write them (:func:`.rdf_views.subject_rows` writes
them; :func:`.page_cache.subject_inputs` digests the same forms)."""

from __future__ import annotations

import pyoxigraph as ox

from ..model import GraphIndex

_DOUBLE_TYPES = frozenset(("http://www.w3.org/2001/XMLSchema#double", "http://www.w3.org/2001/XMLSchema#float"))


class PageLiterals:
    """The literals of the pages' own triples, as the downloads write them: any literal as the store holds it, a
    double in XSD canonical form (:func:`claimgraph.export_data.canonical_doubles`), unless a file writes the
    statement otherwise (:func:`claimgraph.export_data.written_literals`: ``007`` where the store holds ``7``).

    ``forms``: the store's literal -> its form on the pages, or, for a literal some file writes otherwise,
    ``({(subject, predicate IRI): the files' literals}, its form elsewhere)``; each literal is worked out once, and a
    page's walk asks one dictionary per literal (some 100,000 at 10,000 claims)."""

    def __init__(self, index: GraphIndex):
        self.forms: dict[ox.Literal, ox.Literal | tuple[dict, ox.Literal]] = {}
        for (subject, predicate, kept), written in (getattr(index, "written_literals", None) or {}).items():
            entry = self.forms.get(kept)
            if type(entry) is not tuple:
                entry = self.forms[kept] = ({}, self._canonical(kept))
            entry[0][subject, predicate] = written

    def form(self, term: ox.Literal) -> ox.Literal:
        """``term``'s form on the pages, the first time it is met (:attr:`forms` has it afterwards)."""
        form = self.forms[term] = self._canonical(term)
        return form

    @staticmethod
    def _canonical(term: ox.Literal) -> ox.Literal:
        datatype = term.datatype
        if datatype.value in _DOUBLE_TYPES:
            from ..xsd_lexical import canonical_double

            try:
                return ox.Literal(canonical_double(float(term.value)), datatype=datatype)
            except ValueError:  # not a number at all: left as it is (as the downloads leave it)
                pass
        return term


def page_literals(index: GraphIndex) -> PageLiterals:
    """The :class:`PageLiterals` of ``index``, made once (every page's walk reads them)."""
    found = index.__dict__.get("_page_literals")
    if found is None:
        found = index.__dict__["_page_literals"] = PageLiterals(index)
    return found
