"""HTTP content negotiation for the endpoint: which format answers a request, or 406.

Per RFC 9110 §12.5.1 (``Accept``): each media range carries a weight ``q`` (1 by default);
a representation takes the weight of the *most specific* range that matches it
(``text/csv`` over ``text/*`` over ``*/*``), so ``application/json;q=0, */*`` excludes JSON.
Among representations of equal weight, an exact match beats a wildcard, then the range
written first wins, then the endpoint's own order of preference. A request without
``Accept`` gets the first format of the list. When nothing the endpoint can produce is
acceptable the answer is 406 (:class:`~.run.ResultFormatError`), naming what it can produce.

What each query form can be answered with:

* SELECT: SPARQL JSON, SPARQL XML, CSV, TSV (https://www.w3.org/TR/sparql11-results-csv-tsv/),
  an HTML table, a plain-text table; ``text/*`` gets CSV;
* ASK: SPARQL JSON, SPARQL XML, plain text, HTML. The CSV/TSV results format is defined for
  SELECT results only (the Recommendation has no form for a boolean), so an ASK asking for
  CSV or TSV alone gets 406;
* CONSTRUCT, DESCRIBE: Turtle, N-Triples, JSON-LD, RDF/XML (``text/*`` gets Turtle);
* ``GET /sparql`` without a query: the service description in the same RDF formats, or the
  query page for a browser asking for HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

from .results import GRAPH_ALIASES
from .run import ASK_NOT_CSV, ResultFormatError


@dataclass(frozen=True)
class Offer:
    """One representation the endpoint can produce: a format name and the media types that ask for it."""

    name: str
    media_types: tuple[str, ...]  # the first is the one served (Content-Type); the others match only exactly


_JSON = Offer(
    "json", ("application/sparql-results+json", "application/json", "text/javascript", "application/javascript")
)
_XML = Offer("xml", ("application/sparql-results+xml", "application/xml", "text/xml"))
_CSV = Offer("csv", ("text/csv",))
_TSV = Offer("tsv", ("text/tab-separated-values",))
_HTML = Offer("html", ("text/html", "application/xhtml+xml"))
_TABLE = Offer("table", ("text/plain",))
_TURTLE = Offer("turtle", ("text/turtle", "application/turtle", "application/x-turtle"))
_NTRIPLES = Offer("ntriples", ("application/n-triples", "text/plain"))
_JSONLD = Offer("jsonld", ("application/ld+json", "application/json"))
_RDFXML = Offer("rdfxml", ("application/rdf+xml", "application/xml", "text/xml"))

#: What each query form can be answered with, in the endpoint's order of preference.
OFFERS: dict[str, tuple[Offer, ...]] = {
    "SELECT": (_JSON, _XML, _CSV, _TSV, _HTML, _TABLE),
    "ASK": (_JSON, _XML, _TABLE, _HTML),
    "CONSTRUCT": (_TURTLE, _NTRIPLES, _JSONLD, _RDFXML),
    "DESCRIBE": (_TURTLE, _NTRIPLES, _JSONLD, _RDFXML),
    # GET /sparql without a query: the service description, or the query page for a browser
    "DESCRIPTION": (_TURTLE, _NTRIPLES, _JSONLD, _RDFXML, _HTML),
}

#: Names taken by ``?format=`` / ``?output=`` (SPARQLWrapper sends both), besides media types.
FORMAT_PARAM = {
    "json": "json",
    "xml": "xml",
    "csv": "csv",
    "tsv": "tsv",
    "html": "html",
    "table": "table",
    "text": "table",
    "turtle": "turtle",
    "ttl": "turtle",
    "n3": "turtle",
    "ntriples": "ntriples",
    "nt": "ntriples",
    "json-ld": "jsonld",
    "jsonld": "jsonld",
    "rdf+xml": "rdfxml",
    "rdfxml": "rdfxml",
    "rdf": "rdfxml",
}


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    position: int

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")

    def matches(self, media_type: str) -> bool:
        kind, _, sub = media_type.partition("/")
        return self.type in ("*", kind) and self.subtype in ("*", sub)


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an ``Accept`` header; a malformed range is skipped, a malformed q is 0."""
    ranges = []
    for position, part in enumerate((header or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        kind, slash, sub = fields[0].lower().partition("/")
        if not slash or not kind or not sub or (kind == "*" and sub != "*"):
            continue
        q = 1.0
        for field in fields[1:]:
            key, _, value = field.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = 0.0
                q = q if 0.0 <= q <= 1.0 else 0.0  # nan and out-of-range weights refuse the range
        ranges.append(MediaRange(kind, sub, q, position))
    return ranges


def _score(offer: Offer, ranges: list[MediaRange]):
    """(q, specificity, -position) of the most specific range matching one of the offer's media types."""
    best = None
    for index, media_type in enumerate(offer.media_types):
        for r in ranges:
            # a wildcard stands for the type served, not for its aliases (text/* is not text/javascript)
            if r.matches(media_type) and (index == 0 or r.specificity == 2):
                key = (r.specificity, r.q, -r.position)
                if best is None or key > best:
                    best = key
    if best is None:
        return None
    specificity, q, position = best
    return q, specificity, position


def ranked(form: str, accept: str | None) -> list[str]:
    """Every format that may answer a query of ``form`` (or ``DESCRIPTION``) for this ``Accept``, the best
    first; 406 if none fits. The ones after the first are what the answer falls back to when the first cannot
    carry it (XML and a control character: CG410)."""
    offers = OFFERS[form]
    ranges = parse_accept(accept)
    if not ranges:  # no Accept (or only malformed ranges): anything goes, the endpoint's order
        return [offer.name for offer in offers]
    keyed = []
    for preference, offer in enumerate(offers):
        score = _score(offer, ranges)
        if score is None or score[0] <= 0:
            continue
        keyed.append(((*score, -preference), offer.name))
    if not keyed:
        raise not_acceptable(form, accept)
    return [name for _key, name in sorted(keyed, reverse=True)]


def choose(form: str, accept: str | None) -> str:
    """The format answering a query of ``form`` (or ``DESCRIPTION``) for this ``Accept``; 406 if none fits."""
    return ranked(form, accept)[0]


#: What a request asking for CSV or TSV says (a media type, a ``format=`` name).
_ASKS_CSV_OR_TSV = ("csv", "tsv", "tab-separated-values")


def not_acceptable(form: str, asked: str | None) -> ResultFormatError:
    offers = OFFERS[form]
    what = {"DESCRIPTION": "the service description", "ASK": "an ASK result"}.get(form, f"a {form} result")
    served = ", ".join(o.media_types[0] for o in offers)
    # (only where CSV or TSV was asked for: the reason would puzzle a client that asked for Turtle)
    wants_table = any(word in (asked or "").lower() for word in _ASKS_CSV_OR_TSV)
    extra = f" ({ASK_NOT_CSV})" if form == "ASK" and wants_table else ""
    return ResultFormatError(
        f"406 not acceptable: {what} cannot be served as {asked or 'nothing'}{extra}", hint=f"ask for one of: {served}"
    )


def negotiate(form: str, accept: str | None, format_param: str | None = None) -> str:
    """The format name for a query of ``form``: from ``?format=`` when it names one, else from ``Accept``.

    A ``?format=`` naming a format that does not fit the query form (``csv`` for a CONSTRUCT or an
    ASK) is 406, as an explicit request; one the endpoint does not know falls back to ``Accept``."""
    return negotiate_all(form, accept, format_param)[0]


def negotiate_all(form: str, accept: str | None, format_param: str | None = None) -> list[str]:
    """As :func:`negotiate`, with the formats the request also accepts after the chosen one (:func:`ranked`);
    a ``?format=`` naming one format gives that one alone."""
    if format_param:
        value = format_param.strip().lower()
        name = FORMAT_PARAM.get(value)
        if name is None:  # an Accept-style value (SPARQLWrapper sends `format=text/tab-separated-values`)
            return ranked(form, value if "/" in value else accept)
        if form in ("CONSTRUCT", "DESCRIBE"):
            name = GRAPH_ALIASES.get(name, name)
        if name not in {o.name for o in OFFERS[form]}:
            raise not_acceptable(form, f"format={format_param}")
        return [name]
    return ranked(form, accept)
