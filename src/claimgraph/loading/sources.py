"""BibTeX entries as RDF source nodes (FaBiO/BIBO/DCTERMS terms, plus cg: where none fits)."""

from __future__ import annotations

import re

import pyoxigraph as ox

from ..namespaces import BIBO, CG, DCTERMS_IRI, FABIO, RDF_TYPE, SCHEMA, XSD_IRI
from ..web_url import is_web_url
from .bibtex import BibEntry, strip_braces, typeset_dashes

#: BibTeX/biblatex entry type -> FaBiO class. Unknown types fall back to fabio:Work.
ENTRY_CLASSES = {
    "article": "JournalArticle",
    "book": "Book",
    "inbook": "BookChapter",
    "incollection": "BookChapter",
    "inproceedings": "ConferencePaper",
    "conference": "ConferencePaper",
    "proceedings": "ConferenceProceedings",
    "techreport": "ReportDocument",
    "report": "ReportDocument",
    "phdthesis": "DoctoralThesis",
    "mastersthesis": "MastersThesis",
    "thesis": "Thesis",
    "online": "WebPage",
    "unpublished": "Manuscript",
    "misc": "Work",
}

VENUE_FIELDS = (
    "journal",
    "journaltitle",
    "booktitle",
    "publisher",
    "institution",
    "organization",
    "school",
    "howpublished",
)


def _lit(value: str, datatype: str | None = None, lang: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(value, language=lang)
    if datatype:
        return ox.Literal(value, datatype=_node(datatype))
    return ox.Literal(value)


#: The predicates and classes of a source's triples, made once (a registry has thousands of entries).
_NODES: dict[str, ox.NamedNode] = {}


def _node(iri: str) -> ox.NamedNode:
    node = _NODES.get(iri)
    if node is None:
        node = _NODES[iri] = ox.NamedNode(iri)
    return node


def source_quads(entry: BibEntry, iri: str, graph: ox.NamedNode) -> list[ox.Quad]:
    s = ox.NamedNode(iri)
    out: list[tuple] = []

    def add(predicate: str, obj) -> None:
        out.append((_node(predicate), obj))

    f = {k: strip_braces(v) for k, v in entry.fields.items()}
    add(RDF_TYPE, _node(CG + "Source"))
    add(RDF_TYPE, _node(FABIO + ENTRY_CLASSES.get(entry.entry_type, "Work")))
    add(CG + "bibKey", _lit(entry.key))
    add(CG + "bibType", _lit(entry.entry_type))
    if f.get("title"):
        add(DCTERMS_IRI + "title", _lit(typeset_dashes(f["title"])))
    if entry.authors:
        add(CG + "authorList", _lit("; ".join(strip_braces(a) for a in entry.authors)))  # as written
        for author in entry.creators:  # "and others" names nobody
            add(DCTERMS_IRI + "creator", _lit(strip_braces(author)))
    family = entry.first_author_family
    if family:
        add(CG + "firstAuthorFamilyName", _lit(family))
    if entry.year:
        add(DCTERMS_IRI + "issued", _lit(entry.year, XSD_IRI + "gYear"))
    for name in VENUE_FIELDS:
        if f.get(name):
            add(CG + "venue", _lit(typeset_dashes(f[name])))
            break
    if f.get("publisher") and f.get("publisher") != next((f[n] for n in VENUE_FIELDS if f.get(n)), None):
        add(DCTERMS_IRI + "publisher", _lit(typeset_dashes(f["publisher"])))
    if f.get("volume"):
        add(BIBO + "volume", _lit(f["volume"]))
    if f.get("number"):
        add(BIBO + "issue", _lit(f["number"]))
    if f.get("pages"):
        add(SCHEMA + "pagination", _lit(typeset_dashes(f["pages"])))
    if f.get("edition"):
        add(BIBO + "edition", _lit(f["edition"]))
    if f.get("doi"):
        add(BIBO + "doi", _lit(f["doi"]))
    if f.get("isbn"):
        add(BIBO + "isbn", _lit(f["isbn"]))
    eprint_type = (f.get("archiveprefix") or f.get("eprinttype") or "").lower()
    if f.get("eprint") and eprint_type == "arxiv":
        add(CG + "arxivId", _lit(f["eprint"]))
    if f.get("url"):
        url = f["url"]
        # A URL is linked only if it is http(s) and a valid IRI; anything else stays
        # text, so that a `javascript:` value can never become a link downstream.
        link = None
        if is_web_url(url):
            try:
                link = ox.NamedNode(url)
            except ValueError:  # http://a:port/, a bad %-escape: not an IRI, so text like any other non-link
                pass
        add(SCHEMA + "url", link if link is not None else _lit(url))
    if f.get("note"):
        add(CG + "sourceNote", _lit(f["note"], lang="en"))
    if not is_identified(f):
        add(CG + "identified", _lit("false", XSD_IRI + "boolean"))
    if f.get("urldate"):
        add(DCTERMS_IRI + "date", _lit(f["urldate"]))
    return [ox.Quad(s, p, o, graph) for p, o in out]


#: The keyword marking a cited work that could not be identified with certainty. A keyword, because biber
#: and biblatex keep ``keywords`` and drop fields outside their data model: the old spelling,
#: ``identified = {false}``, vanished in a biber round trip (and is still read, for older files).
UNIDENTIFIED_KEYWORD = "claimgraph:unidentified"


def is_identified(fields: dict[str, str]) -> bool:
    """False when the entry is marked as a work that could not be identified (``keywords`` holding
    :data:`UNIDENTIFIED_KEYWORD`, or the older ``identified = {false}``); ``fields`` brace-stripped."""
    keywords = {k.strip().lower() for k in re.split(r"[,;]", fields.get("keywords", ""))}
    if UNIDENTIFIED_KEYWORD in keywords:
        return False
    return fields.get("identified", "").strip().lower() not in ("false", "no")
