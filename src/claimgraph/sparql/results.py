"""Query results as bytes: SPARQL 1.1 result formats for SELECT/ASK, RDF for CONSTRUCT/DESCRIBE.

The standard formats are pyoxigraph's own serialisers (``QueryResultsFormat`` for JSON,
XML, CSV and TSV; ``RdfFormat`` for Turtle, N-Triples, JSON-LD and RDF/XML); only the
human ``table`` view is written here. Format names are shared by the CLI
(``--format``) and the endpoint (``?format=``); :mod:`.negotiation` maps an HTTP
``Accept`` header onto them.
"""

from __future__ import annotations

import io
import re

import pyoxigraph as ox

from ..hidden_characters import describe
from ..iris import compact as compact_iri
from .run import ResultFormatError, ResultNotRepresentable, ResultTooLarge, Solutions, materialise, standard_prefixes

#: Formats of SELECT and ASK results.
SOLUTION_FORMATS: dict[str, ox.QueryResultsFormat | None] = {
    "table": None,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}

#: Formats of CONSTRUCT and DESCRIBE results (an RDF graph).
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}

#: What a solution format name means for a graph result (``--format json`` on a CONSTRUCT).
GRAPH_ALIASES = {"table": "turtle", "html": "turtle", "json": "jsonld", "xml": "rdfxml"}

MEDIA_TYPES = {
    "table": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "html": "text/html; charset=utf-8",
}


def resolve_format(name: str, graph: bool) -> str:
    """The concrete format for a result kind, or :class:`ResultFormatError`."""
    if graph:
        name = GRAPH_ALIASES.get(name, name)
        if name not in GRAPH_FORMATS:
            raise ResultFormatError(
                f"a CONSTRUCT or DESCRIBE query gives an RDF graph, not {name}",
                hint="use --format turtle, ntriples, jsonld or rdfxml",
            )
        return name
    if name not in SOLUTION_FORMATS and name != "html":
        raise ResultFormatError(
            f"a SELECT or ASK query gives a table of results, not {name}",
            hint="use --format table, csv, tsv, json or xml",
        )
    return name


def distinct_triples(triples) -> list:
    """``triples`` without repeats, each kept where it first comes. A CONSTRUCT template gives a triple for
    each solution, so the same one comes again for every solution that makes it; a graph is a set, and
    every writer of claimgraph (the command line, the endpoint, the site) gives each triple once."""
    return list(dict.fromkeys(triples))


def result_bytes(result, fmt: str, *, base: str | None = None, max_bytes: int | None = None) -> tuple[bytes, str]:
    """``(body, media type)`` of a query's result as ``claimgraph query`` and the endpoint write it: as
    :func:`serialize` does, but a SELECT's CSV is :func:`spreadsheet_csv`'s, the same file from both."""
    if fmt == "csv" and isinstance(result, ox.QuerySolutions):
        return spreadsheet_csv(result, max_bytes=max_bytes), MEDIA_TYPES["csv"]
    return serialize(result, fmt, base=base, max_bytes=max_bytes)


def serialize(result, fmt: str, *, base: str | None = None, max_bytes: int | None = None) -> tuple[bytes, str]:
    """``(body, media type)`` of a pyoxigraph result (lazy or materialised) in format ``fmt``.

    With ``max_bytes``, writing stops as soon as the body would grow past it
    (:class:`~.run.ResultTooLarge`), before the rest of a lazy result is even computed."""
    graph = isinstance(result, ox.QueryTriples) or (isinstance(result, list))
    fmt = resolve_format(fmt, graph)
    if graph:
        triples = distinct_triples(result)
        out = _BoundedBuffer(max_bytes)
        ox.serialize(
            triples, out, format=GRAPH_FORMATS[fmt], prefixes=used_prefixes(triples) if fmt == "turtle" else None
        )
        return _well_formed(out.getvalue(), fmt), MEDIA_TYPES[fmt]
    if fmt in ("table", "html"):
        data = result if isinstance(result, (Solutions, bool)) else materialise(result)
        text = render_table(data, base=base) if fmt == "table" else render_html(data, base=base)
        body = text.encode("utf-8")
        if max_bytes is not None and len(body) > max_bytes:
            raise ResultTooLarge.of(max_bytes)
        return body, MEDIA_TYPES[fmt]
    if isinstance(result, (Solutions, bool)):
        raise TypeError("standard formats serialise a live pyoxigraph result, not a materialised one")
    out = _BoundedBuffer(max_bytes)
    result.serialize(out, format=SOLUTION_FORMATS[fmt])
    return _well_formed(out.getvalue(), fmt), MEDIA_TYPES[fmt]


#: What an XML 1.0 document cannot hold, even as a character reference: the C0 controls but tab, line
#: feed and carriage return, and U+FFFE and U+FFFF (here in UTF-8). Oxigraph writes them as they are.
_NOT_XML_1_0 = re.compile(b"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
#: The same, looked for in two quicker passes over a large body (a result of 40 MB takes a twentieth of a
#: second, not a quarter): the controls deleted (the length changes), the two non-characters by a pattern.
_C0_NOT_XML_1_0 = bytes(c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D))
_NON_CHARACTERS = re.compile(b"\xef\xbf[\xbe\xbf]")
#: The element a character sits in, seen from before it: a SPARQL results binding, an RDF/XML element.
_BINDING = re.compile(rb'<binding name="([^"]*)">')
_START_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)([^<>]*)>")
_DEFAULT_NAMESPACE = re.compile(rb'\sxmlns="([^"]*)"')
#: The formats that carry any character, for the hint of a refusal. (CSV carries it escaped, ``\x07``: see
#: :func:`spreadsheet_csv`.)
_CARRY_ANY = {
    "xml": ("JSON and TSV", "json", "; CSV writes it escaped, as \\x07"),
    "rdfxml": ("Turtle, N-Triples and JSON-LD", "turtle", ""),
}
#: The formats that may refuse an answer (CG410): the endpoint falls back to the next one a client accepts.
XML_FORMATS = frozenset(_CARRY_ANY)


def _element_iri(tag: re.Match) -> str:
    """The IRI an RDF/XML property element stands for (``<comment xmlns="…rdf-schema#">``), else its name."""
    name = tag.group(1).decode()
    namespace = _DEFAULT_NAMESPACE.search(tag.group(2))
    return f"<{namespace.group(1).decode()}{name}>" if namespace and ":" not in name else name


def _well_formed(body: bytes, fmt: str) -> bytes:
    """``body``, or :class:`ResultNotRepresentable` when it is XML holding a character XML 1.0 cannot
    carry (a literal with U+0007, which ``claimgraph check`` reports as CG121): the body would be
    ill-formed XML, which every XML reader refuses."""
    if fmt not in _CARRY_ANY:
        return body
    if len(body.translate(None, _C0_NOT_XML_1_0)) == len(body) and not _NON_CHARACTERS.search(body):
        return body
    bad = _NOT_XML_1_0.search(body)
    assert bad is not None
    before = body[: bad.start()]
    if fmt == "xml":
        bindings = list(_BINDING.finditer(before))
        where = f"the value of ?{bindings[-1].group(1).decode()}" if bindings else "a value"
    else:
        tags = list(_START_TAG.finditer(before))
        where = f"a value of {_element_iri(tags[-1])}" if tags else "a value"
    name = "SPARQL results XML" if fmt == "xml" else "RDF/XML"
    others, example, csv_note = _CARRY_ANY[fmt]
    raise ResultNotRepresentable(
        f"the answer cannot be written as {name}: {where} holds {describe(bad.group(0).decode())}, "
        "a character XML 1.0 cannot carry, not even escaped",
        hint=f"{others} carry it: ask for one of those (--format {example}, or format={example} from the "
        f"endpoint){csv_note}; `claimgraph check` reports such a literal as CG121",
    )


class _BoundedBuffer(io.BytesIO):
    """A bytes buffer that refuses to grow past ``limit`` bytes (None: no limit)."""

    def __init__(self, limit: int | None):
        super().__init__()
        self.limit = limit

    def write(self, data) -> int:
        if self.limit is not None and self.tell() + len(data) > self.limit:
            raise ResultTooLarge.of(self.limit)
        return super().write(data)


def used_prefixes(triples) -> dict[str, str]:
    """The standard prefixes whose namespace some IRI of ``triples`` starts with (for tidy Turtle)."""
    iris: set[str] = set()
    for t in triples:
        for term in (t.subject, t.predicate, t.object):
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
            elif isinstance(term, ox.Literal):
                iris.add(term.datatype.value)
    return {p: ns for p, ns in standard_prefixes().items() if any(i.startswith(ns) for i in iris)}


# ------------------------------------------------------------------ table view


def compact(term, base: str | None = None) -> str:
    """A term as a person reads it: ``cg:Claim``, ``<claim/x>`` (relative to the registry), a literal's text."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact_iri(term.value, base=base)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return " ".join(term.value.split())
    return str(term)


def render_table(data, *, base: str | None = None) -> str:
    """Aligned columns with a header rule; ASK gives ``true`` or ``false``. For a terminal (``query``'s
    default, the endpoint's text/plain): controls and bidi characters are escaped as the text report
    escapes them (``\x1b``, ``\u202e``), so that data never drives the terminal."""
    from ..reports import one_line

    if isinstance(data, bool):
        return ("true" if data else "false") + "\n"
    header = list(data.variables)
    rows = [[one_line(compact(t, base)) for t in row] for row in data.rows]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    out = io.StringIO()
    if header:
        out.write("  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip() + "\n")
        out.write("  ".join("-" * w for w in widths) + "\n")
    for r in rows:
        out.write("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")
    return out.getvalue()


def render_html(data, *, base: str | None = None) -> str:
    """A self-contained HTML page with the results as a table (for a browser hitting the endpoint)."""
    from html import escape

    if isinstance(data, bool):
        inner = f"<p><strong>{'true' if data else 'false'}</strong></p>"
    else:
        head = "".join(f"<th>{escape(v)}</th>" for v in data.variables)
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(compact(t, base))}</td>" for t in row) + "</tr>" for row in data.rows
        )
        inner = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table><p>{len(data.rows)} row(s)</p>"
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>claimgraph query results</title>"
        "<style>body{font-family:sans-serif}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}</style>"
        f"</head><body>{inner}</body></html>"
    )


#: Datatypes whose lexical forms are numbers: a spreadsheet reads ``-5`` or ``-1.2E3`` as a number, never a formula.
_NUMERIC = frozenset(
    "http://www.w3.org/2001/XMLSchema#" + name
    for name in (
        "integer decimal double float long int short byte nonNegativeInteger nonPositiveInteger negativeInteger "
        "positiveInteger unsignedLong unsignedInt unsignedShort unsignedByte"
    ).split()
)


def spreadsheet_csv(result, *, max_bytes: int | None = None) -> bytes:
    """A SELECT result (pyoxigraph's solutions) as SPARQL 1.1 CSV (RFC 4180, ``\\r\\n``; IRIs and literals as
    their text, blank nodes as ``_:id``), each text cell a spreadsheet would run as a formula given a leading
    apostrophe, as in the claims' CSV and the site's saved-query downloads; numbers are left as they are.
    Controls are escaped (``\x07``), as in every CSV claimgraph writes. What ``claimgraph query --format csv``
    and the endpoint's CSV (``text/csv``) write: one file, for people to open. With ``max_bytes``, writing stops
    once the body grows past it (:class:`~.run.ResultTooLarge`)."""
    import csv

    from ..spreadsheet import spreadsheet_cell

    def cell(term) -> str:
        if term is None:
            return ""
        if isinstance(term, ox.BlankNode):
            return "_:" + term.value
        if isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC:
            return term.value
        return spreadsheet_cell(term.value)

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    variables = [v.value for v in result.variables]
    writer.writerow(variables)
    # (characters, not bytes: a UTF-8 body is at least as long, so past the limit in characters is past it in bytes)
    for solution in result:
        writer.writerow([cell(solution[name]) for name in variables])
        if max_bytes is not None and buffer.tell() > max_bytes:
            raise ResultTooLarge.of(max_bytes)
    body = buffer.getvalue().encode("utf-8")
    if max_bytes is not None and len(body) > max_bytes:
        raise ResultTooLarge.of(max_bytes)
    return body
