"""What a reader may type in the site's search box to find a claim, a source or a measurand: the text
each page gives the search index beside its own words (read by the build for the reading pages and by
:mod:`.framed_pages` for the pages it writes)."""

from __future__ import annotations

from ..quantities import format_quantity
from .vocabulary import curie


def _search_text(parts) -> str:
    return " · ".join(p for p in parts if p)


def claim_search_text(claim) -> str:
    """What a reader may type to find a claim: its statements, value, citation, quotes and status."""
    parts = list(claim.statement.values())
    if claim.value is not None:
        parts.append(format_quantity(claim.value))
    if claim.measurand is not None:
        parts.append(claim.measurand.name)
    parts += [claim.in_text_citation or ""] + [q.exact or "" for q in claim.quotes]
    parts += [s.key for s in claim.cites]
    if claim.status is not None:
        parts += list(claim.status.label.values())
    return _search_text(parts)


def source_search_text(source) -> str:
    """A source is found by its key, authors, title, year, venue, identifiers and verification note."""
    parts = [
        source.key,
        *source.authors,
        source.title,
        source.year,
        source.venue,
        source.publisher,
        source.doi,
        source.arxiv,
        source.isbn,
        source.note,
    ]
    return _search_text(parts)


def measurand_search_text(measurand) -> str:
    """A measurand is found by its names, its system's names, its quantity kind and the values claimed."""
    parts = [*measurand.label.values(), *measurand.system_label.values(), curie(measurand.quantity_kind)]
    parts += [format_quantity(c.value) for c in measurand.claims if c.value is not None]
    return _search_text(dict.fromkeys(parts))
