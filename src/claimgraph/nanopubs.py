"""Nanopublications: one per claim, as the Nanopublication Guidelines and the Nanopublication Test Suite
lay them out, ready for the nanopub network's own libraries (``nanopub`` and ``nanopub-sign``).

A claim ``<base>claim/X`` becomes the nanopublication ``<base>np/X/`` whose four graphs are
``<base>np/X/Head``, ``…/assertion``, ``…/provenance`` and ``…/pubinfo`` (the Test Suite's layout:
with a ``#`` fragment layout, a nanopub signed by one library broke the other):

* the head links the three others;
* the assertion holds the claim and everything it owns (its value, quotes, locators…);
* the provenance says which sources the assertion was derived from, quoted from, and its primary
  sources, with their bibliographic records;
* the publication info holds ``dcterms:created`` (from ``--date``/``SOURCE_DATE_EPOCH``, else the
  clock), ``dcterms:creator`` (each author of ``claimgraph.toml``), the licence and the registry.

Blank nodes are skolemised (``<base>np/X/_1``, ``_2``…, numbered in the order of the export's stable
blank node labels, so the output is deterministic): trusty URIs hash IRIs, and a blank node has none.

The libraries read one nanopublication per file, so :func:`write_nanopubs` writes a folder of
``X.trig`` files; :func:`to_nanopub` writes them all into one TriG document (a stream of
nanopublications, as the nanopub-java tools read), for a quick look or a pipe.

Trusty URIs and signatures need the optional ``nanopub`` library (``pip install claimgraph[nanopub]``);
``nanopub-sign`` (the Rust toolkit's binding) signs too (``--signer nanopub-sign``): see :func:`sign`.
"""

from __future__ import annotations

import datetime
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .errors import IO, USAGE, ClaimgraphError
from .namespaces import CG, DCTERMS, PROV, RDF, RDFS, XSD, Namespace
from .registry import Registry

if TYPE_CHECKING:
    from rdflib import Dataset, URIRef

# The namespaces as plain strings: writing nanopublications needs no rdflib (importing it cost a fifteenth of
# a second); NP and NPX, rdflib namespaces, are made when asked for (see __getattr__).
NP_IRI = Namespace("http://www.nanopub.org/nschema#")
NPX_IRI = Namespace("http://purl.org/nanopub/x/")
FOAF_IRI = Namespace("http://xmlns.com/foaf/0.1/")
PARTS = ("Head", "assertion", "provenance", "pubinfo")


def __getattr__(name: str):
    # ``NP`` and ``NPX``: the nanopublication namespaces as rdflib namespaces, for code that queries rdflib graphs
    if name in ("NP", "NPX"):
        from rdflib import Namespace as RdflibNamespace

        namespace = globals()[name] = RdflibNamespace(str(NP_IRI if name == "NP" else NPX_IRI))
        return namespace
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class NanopubError(ClaimgraphError):
    """A nanopublication cannot be made, signed or written."""


@dataclass(frozen=True)
class Nanopublication:
    """One claim's nanopublication: its IRI, the claim, the file name it is written to, its four graphs
    (as the export's rows: :mod:`claimgraph.rdf_writer`, N-Triples terms and the graph's name)."""

    iri: URIRef
    claim: URIRef
    name: str
    rows: tuple
    prefixes: dict
    #: The prefixed names of ``prefixes``, shared by the nanopublications of one export (each term looked at once).
    names: object = field(default=None, compare=False, repr=False)

    def text(self) -> str:
        """Deterministic TriG (``this:`` is the nanopublication, as the nanopub tools write it)."""
        from . import rdf_writer

        names = self.names if self.names is not None else rdf_writer.PrefixedNames(_without_this(self.prefixes))
        # the rows are skolemised and without duplicates: no labelling, one sort
        return rdf_writer.trig(
            self.rows, self.prefixes | {"this": str(self.iri)}, names=names, own=("this", str(self.iri))
        )

    @property
    def dataset(self) -> Dataset:
        """The four graphs as an rdflib ``Dataset``, every literal in its lexical form."""
        from .export_data import rdflib_term

        from rdflib import Dataset, URIRef

        dataset = Dataset()
        for s, p, o, g in self.rows:
            dataset.graph(URIRef(g[1:-1])).add((rdflib_term(s), URIRef(p[1:-1]), rdflib_term(o)))
        return dataset


def _without_this(prefixes: dict[str, str]) -> dict[str, str]:
    """The table every nanopublication shares: ``this:`` is each one's own."""
    return {prefix: iri for prefix, iri in prefixes.items() if prefix != "this"}


def _nanopub_prefixes(registry: Registry) -> dict[str, str]:
    from .export_data import prefixes

    return prefixes(registry) | {"np": str(NP_IRI), "npx": str(NPX_IRI), "foaf": str(FOAF_IRI)}


def local_name(registry: Registry, claim: URIRef) -> str:
    """The claim's name under ``<base>claim/``, or a digest of its IRI for a claim elsewhere.

    A name starting with ``RA`` is prefixed: the nanopub libraries read ``…/RA…`` as a trusty hash.
    """
    return _local_name(registry.settings.base + "claim/", str(claim))


_NAME = re.compile(r"[A-Za-z0-9._~-]+")

#: The longest name a nanopublication keeps as its claim's: a longer one (an id `new claim` accepts may
#: run to hundreds of characters) would make a file name past the 255 bytes file systems allow. It is
#: cut to its first :data:`_KEPT` characters and a digest of the whole IRI: still unique, and the same
#: on every export. (The site's pages are named within 80 characters too.)
LONGEST_NAME = 80
_KEPT = 63


def _local_name(claims: str, text: str) -> str:
    """:func:`local_name` of the claim IRI ``text``, ``claims`` being ``<base>claim/``."""
    local = text[len(claims) :] if text.startswith(claims) else ""
    if not local or not _NAME.fullmatch(local):
        local = "c" + _digest(text)
    elif len(local) > LONGEST_NAME:
        local = f"{local[:_KEPT]}-{_digest(text)}"
    return "claim-" + local if local.startswith("RA") else local


def _digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()[:16]


def nanopub_iri(registry: Registry, claim: URIRef) -> URIRef:
    from rdflib import URIRef

    return URIRef(f"{registry.settings.base}np/{local_name(registry, claim)}/")


def created_at(date: str | None = None) -> str:
    """The ``dcterms:created`` time: ``date`` (YYYY-MM-DD, at midnight UTC), else ``SOURCE_DATE_EPOCH``,
    else now; UTC, to the second, so a reproducible build writes the same bytes."""
    from .export_data import ExportError, publication_date

    if date is not None:
        return publication_date(date) + "T00:00:00Z"
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        publication_date()  # the same refusal of a malformed value as the RO-Crate's
        try:
            moment = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise ExportError(f"SOURCE_DATE_EPOCH={epoch!r} is out of range", USAGE) from None
    else:
        moment = datetime.datetime.now(datetime.timezone.utc)
    return moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _skolem_names(first: dict[str, int], iri: str) -> dict[str, str]:
    """Blank node label -> ``<iri>_N``: blank nodes are skolemised (trusty URIs hash IRIs, and a blank node has
    none), N in the order of the first of the four graphs (by :data:`PARTS`) holding the node, then of its
    label (the export's stable labels, fixed by what each node says and where it hangs)."""
    return {
        label: f"<{iri}_{number}>"
        for number, label in enumerate(sorted(first, key=lambda label: (first[label], label)), start=1)
    }


def _statements(registry: Registry):
    """The export's statements by subject (built once per loaded registry: a forked writer inherits it)."""
    from .export_data import _Index, labelled_rows

    index = registry.__dict__.get("_nanopub_statements")
    if index is None:
        index = registry.__dict__["_nanopub_statements"] = _Index(labelled_rows(registry))
    return index


def _claims(data) -> list[str]:
    """The claims that are IRIs, in order (a claim that is a blank node cannot be named by a nanopublication)."""
    return [claim for claim in data.subjects_of_type(str(CG.Claim), str(CG.QuantitativeClaim)) if claim[0] == "<"]


Statement = tuple[str, str, str]


@dataclass(frozen=True)
class _Draft:
    """One nanopublication as statements: its IRI (``…/np/X/``), the claim's IRI, its file name, and its four
    graphs (by :data:`PARTS`), each the statements (N-Triples terms) in the order made, skolemised, without
    duplicates; ``own``: each term naming something in the nanopublication's space -> the term written
    with ``this:`` (``this:``, ``this:Head``…, ``this:_1``…) and the prefix it uses (``this``)."""

    iri: str
    claim: str
    name: str
    graphs: tuple[list[Statement], ...]
    own: dict[str, tuple[str, str]]

    def rows(self) -> tuple:
        """The statements as rows (:mod:`claimgraph.rdf_writer`), graph by graph."""
        return tuple(
            (s, p, o, graph)
            for part, statements in zip(PARTS, self.graphs)
            for graph in (f"<{self.iri}{part}>",)
            for s, p, o in statements
        )


def _drafts(registry: Registry, *, date: str | None = None, part: tuple[int, int] = (0, 1), span: int = 1):
    """The :class:`_Draft` of each claim of ``span`` shares from ``part`` on (see :func:`nanopublications`)."""
    from . import rdf_writer
    from .export_data import licence_iri

    created = rdf_writer.literal(created_at(date), datatype=str(XSD.dateTime))
    data = _statements(registry)
    settings = registry.settings
    licence = licence_iri(settings.licence)
    registry_iri = f"<{settings.base}>"
    title = rdf_writer.literal(settings.title)
    authors = [(f"<{a.iri(settings.base)}>", rdf_writer.literal(a.name)) for a in settings.authors]

    def iri(term) -> str:
        return f"<{term}>"

    # the terms every nanopublication uses, written once
    a, nanopublication = iri(RDF.type), iri(NP_IRI.Nanopublication)
    has_assertion, has_provenance, has_pubinfo = (
        iri(NP_IRI.hasAssertion),
        iri(NP_IRI.hasProvenance),
        iri(NP_IRI.hasPublicationInfo),
    )
    derived_from, primary_source = iri(PROV.wasDerivedFrom), iri(PROV.hadPrimarySource)
    quoted_from, attributed_to = iri(PROV.wasQuotedFrom), iri(PROV.wasAttributedTo)
    dc_created, dc_creator, dc_part_of, dc_title = (
        iri(DCTERMS.created),
        iri(DCTERMS.creator),
        iri(DCTERMS.isPartOf),
        iri(DCTERMS["title"]),  # (``.title`` is the str method)
    )
    foaf_name, introduces, label_predicate = iri(FOAF_IRI.name), iri(NPX_IRI.introduces), iri(RDFS.label)
    licence_statements = [(iri(DCTERMS.license), iri(licence))] if licence is not None else []
    cites, primary_of, in_source, statement = iri(CG.cites), iri(CG.primarySource), iri(CG.inSource), iri(CG.statement)
    quote_predicates = (iri(CG.citedQuote), iri(CG.primaryQuote))
    closures: dict[str, list[Statement]] = {}  # source -> its statements (a source is cited by many claims)

    def closure(node: str) -> list[Statement]:
        found = closures.get(node)
        if found is None:
            found = closures[node] = data.closure(node)
        return found

    claims = _claims(data)
    share, shares = part
    properties = data.out
    no_properties: dict[str, list[str]] = {}
    claims_space = settings.base + "claim/"
    for claim in claims[len(claims) * share // shares : len(claims) * (share + span) // shares]:
        name = _local_name(claims_space, claim[1:-1])
        np_iri = f"{settings.base}np/{name}/"
        this = iri(np_iri)
        assertion = iri(f"{np_iri}assertion")
        head = [
            (this, a, nanopublication),
            (this, has_assertion, assertion),
            (this, has_provenance, iri(f"{np_iri}provenance")),
            (this, has_pubinfo, iri(f"{np_iri}pubinfo")),
        ]
        asserted = data.closure(claim)
        said_of = properties.get(claim) or no_properties
        cited, primary = said_of.get(cites, []), said_of.get(primary_of, [])
        said = [(assertion, derived_from, source) for source in cited]
        said += [(assertion, primary_source, source) for source in primary]
        for quote_predicate in quote_predicates:
            for quote in said_of.get(quote_predicate, ()):
                quoted = (properties.get(quote) or no_properties).get(in_source, ())
                said += [(assertion, quoted_from, source) for source in quoted]
        for source in dict.fromkeys(cited + primary):
            said += closure(source)
        if not said:  # the guidelines want provenance about the assertion, even for an uncited claim
            said.append((assertion, attributed_to, registry_iri))
        published = [(this, dc_created, created)]
        for author, author_name in authors:
            published += [(this, dc_creator, author), (author, foaf_name, author_name)]
        published += [
            (this, introduces, claim),
            (this, dc_part_of, registry_iri),
            (registry_iri, dc_title, title),
        ]
        published += [(this, p, o) for p, o in licence_statements]
        statements: dict[str, str] = {}
        for term in said_of.get(statement, ()):
            if term[0] == '"':
                lexical, _, language = rdf_writer.literal_parts(term)
                statements.setdefault(language or "", lexical)
        language = "en" if "en" in statements else min(statements, default=None)
        if language is not None:
            label = rdf_writer.literal(statements[language][:200], language="en" if language == "en" else None)
            published.append((this, label_predicate, label))
        own = {this: ("this:", "this"), **{f"<{np_iri}{part}>": (f"this:{part}", "this") for part in PARTS}}
        # The blank nodes, numbered by the first graph holding them, then by label (_skolem_names). The head
        # and the publication info hold none (they are made of IRIs and literals); in the assertion and the
        # provenance every blank node is an object (each is reached from a named node, or is a source, which
        # a statement of the provenance names), so the objects tell them all.
        in_assertion = [o for _, _, o in asserted if o[0] == "_"]
        in_provenance = [o for _, _, o in said if o[0] == "_"]
        if in_assertion or in_provenance:
            first = dict.fromkeys(in_provenance, 2)
            first.update(dict.fromkeys(in_assertion, 1))
            skolems = _skolem_names(first, np_iri)
            get = skolems.get
            if in_assertion:
                asserted = [(get(s, s), p, get(o, o)) for s, p, o in asserted]
            if in_provenance:
                said = [(get(s, s), p, get(o, o)) for s, p, o in said]
            own.update((skolem, (f"this:{skolem[len(np_iri) + 1 : -1]}", "this")) for skolem in skolems.values())
        graphs = (head, list(dict.fromkeys(asserted)), list(dict.fromkeys(said)), list(dict.fromkeys(published)))
        yield _Draft(np_iri, claim[1:-1], name, graphs, own)


def nanopublications(
    registry: Registry, *, date: str | None = None, part: tuple[int, int] = (0, 1), span: int = 1
) -> list[Nanopublication]:
    """One nanopublication per claim (claims that are IRIs), sorted by claim IRI.

    Built from the statements the other exports write (literals as authored, generated ones in XSD's
    canonical forms, blank nodes under their stable labels), as rows: no rdflib graph is built.
    ``part``: (i, n), the i-th of n consecutive shares of the claims (for writers working side by side);
    ``span``: how many shares from the i-th on."""
    from rdflib import URIRef

    from . import rdf_writer

    bound = _nanopub_prefixes(registry)
    names = rdf_writer.PrefixedNames(_without_this(bound))
    return [
        Nanopublication(URIRef(draft.iri), URIRef(draft.claim), draft.name, draft.rows(), bound, names)
        for draft in _drafts(registry, date=date, part=part, span=span)
    ]


class _TrigWriter:
    """The TriG of :class:`_Draft`s, as :meth:`Nanopublication.text` writes it (:func:`claimgraph.rdf_writer.trig`),
    byte for byte, in less than half the time: ten thousand small documents, each written on its own, spent
    most of their time looking each term up in a table of their own and sorting four graphs as one.

    Here each term's written form is looked up in one table shared by the documents (but the terms of a
    nanopublication's own space, which each draft brings, and any other term in the space of the
    nanopublications, written as :func:`claimgraph.rdf_writer.trig` writes it for that document alone),
    each graph is sorted alone, and the statements of a subject in the provenance and the publication
    info (a source cited by ten claims, the registry) are written once and their text reused."""

    def __init__(self, registry: Registry):
        from . import rdf_writer

        self.bound = _nanopub_prefixes(registry)
        self.names = rdf_writer.PrefixedNames(_without_this(self.bound))
        # every term in the space of the nanopublications is looked at in the document it is written in
        self.marker = f"<{registry.settings.base}np/"
        self.forms: dict[str, tuple[str, str | None]] = {}  # term -> (as written, the prefix it uses)
        self.verbs: dict[str, tuple[str, str | None]] = {rdf_writer.RDF_TYPE: ("a", None)}
        self.blocks: dict[tuple, tuple[str, frozenset]] = {}  # a subject's statements -> (text, prefixes used)
        self.prefix_lines = {p: f"@prefix {p}: <{ns}> .\n" for p, ns in self.bound.items() if p != "this"}
        self.prefix_order = sorted(set(self.bound) | {"this"})
        self.headers: dict[frozenset, tuple[str, str, bool]] = {}  # prefixes used -> declarations around this:'s

    def text(self, draft: _Draft) -> str:
        forms, own = self.forms, draft.own
        # the document's own terms join the shared table while it is written (no other document has them)
        forms.update(own)
        try:
            return self._text(draft)
        finally:
            for term in own:
                del forms[term]

    def _text(self, draft: _Draft) -> str:
        from . import rdf_writer

        forms, verbs, marker, resolve, own = self.forms, self.verbs, self.marker, self.names.resolve, draft.own
        forms_get, verbs_get = forms.get, verbs.get
        used: set[str | None] = {"this"}  # the graphs' names
        special: list = []  # the document's own table for the other terms in the nanopublications' space

        def form(term: str, table: dict) -> tuple[str, str | None]:
            """A term missing from ``table`` (``forms``, or ``verbs``, which holds ``rdf:type`` as ``a``)."""
            mine = own.get(term)
            if mine is not None:
                return mine
            if marker in term:  # written for this document alone, as rdf_writer.trig writes it
                if not special:
                    special.append(rdf_writer.WrittenTerms(self.names, ("this", draft.iri)))
                return special[0][term], None  # (the prefix it uses is in the document's table's ``used``)
            found = table[term] = resolve(term)
            return found

        blocks = self.blocks
        out = []
        for index, statements in enumerate(draft.graphs):
            if not statements:
                continue
            statements = sorted(statements)
            # the provenance and the publication info: their subjects (sources, the registry) are met again
            reuse = index >= 2
            pieces = [own[f"<{draft.iri}{PARTS[index]}>"][0], " {\n    "]
            start, count = 0, len(statements)
            while start < count:
                subject = statements[start][0]
                end = start + 1
                while end < count and statements[end][0] == subject:
                    end += 1
                group = statements[start:end]
                start = end
                key = tuple(group) if reuse and subject not in own else None
                if key is not None:
                    found = blocks.get(key)
                    if found is not None:
                        pieces.append(found[0])
                        pieces.append(" .\n    ")
                        used.update(found[1])
                        continue
                mine: set[str | None] = set()
                add = mine.add
                text_pieces = []
                predicate = None
                for s, p, o in group:
                    written_o = forms_get(o) or form(o, forms)
                    if p != predicate:
                        written_p = verbs_get(p) or form(p, verbs)
                        if predicate is None:
                            written_s = forms_get(s) or form(s, forms)
                            text_pieces.append(f"{written_s[0]} {written_p[0]} {written_o[0]}")
                            add(written_s[1])
                        else:
                            text_pieces.append(f" ;\n        {written_p[0]} {written_o[0]}")
                        add(written_p[1])
                        predicate = p
                    else:
                        text_pieces.append(f" ,\n            {written_o[0]}")
                    add(written_o[1])
                block = "".join(text_pieces)
                if key is not None and "this" not in mine and not special:
                    blocks[key] = (block, frozenset(mine))
                used |= mine
                pieces.append(block)
                pieces.append(" .\n    ")
            pieces[-1] = " .\n}"
            out.append("".join(pieces))
        if special:
            used |= special[0].used
        # the declarations of the prefixes used, in the order of their names (``this:``'s, each document's own,
        # put in where it goes): the same few sets of prefixes come again and again
        key = frozenset(used)
        around = self.headers.get(key)
        if around is None:
            lines = [self.prefix_lines.get(p, "this") for p in self.prefix_order if p in used]
            cut = lines.index("this") if "this" in lines else len(lines)
            around = self.headers[key] = ("".join(lines[:cut]), "".join(lines[cut + 1 :]), cut < len(lines))
        before, after, with_this = around
        header = f"{before}@prefix this: <{draft.iri}> .\n{after}" if with_this else before + after
        body = "\n".join(out)
        return f"{header}\n{body}\n" if header else f"{body}\n"


def nanopub_dataset(registry: Registry, *, date: str | None = None) -> Dataset:
    """Every claim's four graphs in one dataset."""
    from rdflib import Dataset, Namespace as RdflibNamespace

    from .export_data import _bind

    dataset = Dataset()
    _bind(dataset, registry)
    for prefix, iri in _nanopub_prefixes(registry).items():
        dataset.bind(prefix, RdflibNamespace(iri), override=True, replace=True)
    for nanopub in nanopublications(registry, date=date):
        for graph in nanopub.dataset.graphs():
            if len(graph):
                target = dataset.graph(graph.identifier)
                for triple in graph:
                    target.add(triple)
    return dataset


def to_nanopub(registry: Registry, *, date: str | None = None) -> str:
    """Every nanopublication in one TriG document (the libraries want one per file: see :func:`write_nanopubs`)."""
    from .export_data import exporting

    with exporting():
        text = _TrigWriter(registry).text
        return "\n".join(text(draft) for draft in _drafts(registry, date=date))


# ------------------------------------------------------------------ trusty URIs and signatures


@contextmanager
def nanopub_library():
    """The ``nanopub`` library, imported, with rdflib's literal normalisation off while it works.

    Importing nanopub switches ``rdflib.NORMALIZE_LITERALS`` off for the whole process (its trusty hashes
    are over lexical forms as written, which normalising would change); every other reader of RDF in
    claimgraph expects it on, so it is switched off only inside this block and put back after.
    """
    import rdflib

    before = rdflib.NORMALIZE_LITERALS
    try:
        _require("nanopub", "trusty URIs and signing")
        rdflib.NORMALIZE_LITERALS = False
        yield
    finally:
        rdflib.NORMALIZE_LITERALS = before


def _require(module: str, what: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        package = module.replace("_", "-")
        raise NanopubError(f"{what} needs the {package!r} library: pip install 'claimgraph[nanopub]'", USAGE) from None


def make_trusty(text: str) -> str:
    """``text`` (one nanopublication) with a trusty URI (``…/RA<hash>``), unsigned; by the ``nanopub`` library."""
    with nanopub_library():
        from nanopub.sign_utils import replace_trusty_in_graph
        from nanopub.trustyuri.rdf import RdfHasher, RdfUtils
        from nanopub.utils import extract_np_metadata
        from rdflib import ConjunctiveGraph

        graph = ConjunctiveGraph()
        graph.parse(data=text, format="trig")
        namespace = str(extract_np_metadata(graph).namespace)
        artefact = RdfHasher.make_hash(RdfUtils.get_quads(graph), baseuri=namespace, hashstr=" ")
        return _lexical_trig(replace_trusty_in_graph(artefact, namespace, graph))


def _lexical_trig(graph) -> str:
    """TriG of an rdflib graph with every literal written as the lexical form it holds.

    The ``nanopub`` library hashes and signs the lexical forms rdflib holds, but rdflib's TriG writer
    reformats numbers (a double holding ``1300.0`` is written ``1.3e+03``), so another library would
    hash other text and reject the signature. N-Quads keeps the held forms, and Oxigraph writes them on.
    """
    import pyoxigraph as ox

    quads = ox.parse(graph.serialize(format="nquads").encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    bound = {str(prefix): str(iri) for prefix, iri in graph.namespaces() if str(prefix)}
    return _quoted_numerals(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=bound).decode("utf-8"))


#: Numerals a reader of a bare Turtle token keeps as written: the XSD canonical forms of integers
#: (``7``, ``-5``), decimals (``1.3``, ``1.0``) and doubles (``1.3E3``). Others (``007``, ``+5``,
#: ``1.30``, ``.5``, ``-0``) rdflib's parser rewrites (``7``, ``5``, ``0.5``…) whatever its settings.
_CANONICAL_NUMERAL = re.compile(
    r"-?[1-9][0-9]*|0|-?(?:0|[1-9][0-9]*)\.(?:0|[0-9]*[1-9])|-?[1-9]\.(?:0|[0-9]*[1-9])E-?(?:0|[1-9][0-9]*)|0\.0E0"
)
_XSD = "http://www.w3.org/2001/XMLSchema#"


def _quoted_numerals(trig: str) -> str:
    """``trig`` with every numeral Oxigraph wrote as a bare token but a canonical one written quoted with its
    datatype (``"007"^^<…#integer>``): rdflib reads ``007`` as ``7``, so the nanopub library would hash,
    and verify, other text than the trusty hash and the signature were made of."""
    from .lexing import NUMBER, matches

    pieces, at = [], 0
    for match in matches(trig, separators=False):
        if match.lastgroup != NUMBER:
            continue
        numeral = match.group(NUMBER)
        if _CANONICAL_NUMERAL.fullmatch(numeral):
            continue
        kind = "double" if "e" in numeral or "E" in numeral else "decimal" if "." in numeral else "integer"
        pieces += [trig[at : match.start(NUMBER)], f'"{numeral}"^^<{_XSD}{kind}>']
        at = match.end(NUMBER)
    return "".join(pieces) + trig[at:] if pieces else trig


def read_private_key(path: Path) -> str:
    """The PEM text of an RSA private key (PKCS#8, as ``nanopub-sign`` and ``nanopub`` both read)."""
    try:
        text = Path(path).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise NanopubError(
            f"cannot read the signing key {path}: {getattr(exc, 'strerror', None) or exc}", USAGE
        ) from None
    if "PRIVATE KEY" not in text:
        raise NanopubError(
            f"{path} is not a PEM private key (-----BEGIN PRIVATE KEY-----); make one with "
            "`ssh-keygen -t rsa -m PKCS8 -b 4096 -f KEY`",
            USAGE,
        )
    return text


def _key_body(pem: str) -> str:
    """The base64 body of a PEM key, the form both libraries take."""
    return "".join(line.strip() for line in pem.splitlines() if line.strip() and not line.startswith("-----"))


def sign(text: str, private_key_pem: str, *, orcid: str | None = None, library: str | None = None) -> str:
    """``text`` (one nanopublication) signed with the RSA key and given its trusty URI.

    ``library`` is ``"nanopub"`` or ``"nanopub-sign"``; by default nanopub when it is installed. Its output
    (``…/RA<hash>#Head``, the form of the Test Suite's trusty cases) is what both libraries verify, but for
    one case: language-tagged literals of one subject and predicate whose order by text is not their order
    by tag, which the two libraries sort differently when they hash (docs/limits.md). nanopub-sign writes
    ``…/RA<hash>/Head``, whose hash nanopub-py does not recompute.
    """
    if library is None:
        import importlib.util

        library = "nanopub" if importlib.util.find_spec("nanopub") else "nanopub-sign"
    if library == "nanopub-sign":
        nanopub_sign = _require("nanopub_sign", "signing with nanopub-sign")
        try:
            profile = nanopub_sign.NpProfile(private_key=_key_body(private_key_pem), orcid_id=orcid)
            return nanopub_sign.Nanopub(text).sign(profile).rdf()
        except Exception as exc:  # the binding raises its own exception types, not importable by name
            raise NanopubError(f"nanopub-sign could not sign: {exc}") from None
    if library == "nanopub":
        with nanopub_library():
            from Crypto.PublicKey import RSA
            from nanopub import Nanopub, NanopubConf
            from nanopub.profile import Profile
            from rdflib import ConjunctiveGraph

            try:
                key = RSA.import_key(private_key_pem)
                public = _key_body(key.publickey().export_key().decode())
                profile = Profile(
                    orcid_id=orcid or "", name="", private_key=_key_body(private_key_pem), public_key=public
                )
                graph = ConjunctiveGraph()
                graph.parse(data=text, format="trig")
                nanopub = Nanopub(rdf=graph, conf=NanopubConf(profile=profile))
                nanopub.sign()
            except Exception as exc:  # MalformedNanopubError and the key's errors (ValueError…)
                raise NanopubError(f"nanopub could not sign: {exc}") from None
            return _lexical_trig(nanopub.rdf)
    raise NanopubError(f"unknown signing library {library!r}: use nanopub-sign or nanopub", USAGE)


#: Below this many claims a second process costs more than it saves.
FORK_MIN_CLAIMS = 500


def _write_part(
    registry: Registry, folder: Path, date: str | None, part: tuple[int, int], span: int = 1
) -> list[tuple[str, str, int]]:
    """Write the nanopublications of ``span`` shares from ``part`` on; returns (name, claim IRI, size in bytes)
    of each."""
    written = []
    where = os.fspath(folder)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)
    text = _TrigWriter(registry).text
    for draft in _drafts(registry, date=date, part=part, span=span):
        data = text(draft).encode("utf-8")
        # os.open, not open(): a buffered file object asks whether it is a terminal and where it stands,
        # three system calls more per file, ten thousand times over
        handle = os.open(os.path.join(where, f"{draft.name}.trig"), flags, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
        finally:
            os.close(handle)
        written.append((draft.name, draft.claim, len(data)))
    return written


def start_writing(
    registry: Registry, folder: Path, *, date: str | None = None, part: tuple[int, int] = (0, 1), span: int = 1
):
    """Start writing ``span`` shares of the nanopublications from ``part`` on (see :func:`nanopublications`),
    one ``<name>.trig`` each, into the existing ``folder``; returns the function that waits for them and
    gives their (name, claim, size in bytes), in order (and whose ``stop()`` ends the writing unfinished).

    Building and writing 10,000 nanopublications is most of a second of Python: a forked process does it
    (it inherits the loaded registry; nothing is pickled) while this one writes something else. Where
    forking is not safe or not worth it, they are written at once and the function has nothing to wait for."""
    from .parallel import Done, start_beside

    claims = len(_claims(_statements(registry)))  # the statements before the fork: built once, inherited
    if claims * span // part[1] < FORK_MIN_CLAIMS:
        return Done(_write_part(registry, folder, date, part, span))
    return start_beside(
        lambda: _write_part(registry, folder, date, part, span),
        f"cannot write the nanopublications into {folder}",
    )


def _write_folder(out: Path, fill: Callable[[Path], None]) -> None:
    """``out`` made to hold exactly the files ``fill`` writes into the folder it is given, all replaced at
    once: the folder is filled beside ``out`` and swapped in (one rename for the lot, where a rename per
    file made 10,000 files cost seconds; a reader, or a crash, sees the previous folder or the new one)."""
    import shutil

    from .file_io import clear_leftovers, current_umask, staging_folder, swap_in

    out.parent.mkdir(parents=True, exist_ok=True)
    clear_leftovers(out)  # what an export killed midway left beside it
    mode = out.stat().st_mode & 0o7777 if out.is_dir() else 0o777 & ~current_umask()
    staging = staging_folder(out)
    try:
        os.chmod(staging, mode)  # mkdtemp's 0700 would follow the folder
        fill(staging)
        swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


#: How much of a file :func:`_not_a_nanopub_written_here` reads: the prefixes and the head graph, which
#: name the nanopublication's own IRI, come first.
_HEAD_BYTES = 65536


def _not_a_nanopub_written_here(path: Path, base: str) -> str | None:
    """Why ``path`` is not a nanopublication ``export -f nanopub --out`` wrote for the registry whose base
    is ``base`` (a ``.trig`` file naming the nanopublication schema and an IRI under ``<base>np/``, signed
    or not), or None if it is one. ``--force`` replaces a folder only when every file is one, so a file of
    one's own put in the folder is never deleted."""
    if path.is_symlink() or not path.is_file():
        return "which is not a regular file"
    if path.suffix != ".trig":
        return "which is not a nanopublication (*.trig)"
    try:
        with open(path, "rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError as exc:
        return f"which cannot be read ({exc.strerror or exc})"
    if str(NP_IRI).encode() not in head or f"{base}np/".encode() not in head:
        return f"which is not a nanopublication of this registry (none under <{base}np/>)"
    return None


def write_nanopubs(
    registry: Registry,
    out: Path,
    *,
    date: str | None = None,
    trusty: bool = False,
    key: Path | None = None,
    orcid: str | None = None,
    library: str | None = None,
    force: bool = False,
) -> list[Path]:
    """Write one ``<name>.trig`` per claim into the folder ``out`` (missing or empty; with ``force``, one
    holding only nanopublications this function wrote before for the registry). With ``key``, each is signed (and so trusty); with ``trusty``, only
    given its trusty URI. Returns the files written."""
    from .export_data import ExportError
    from .file_io import check_output_path

    real = check_output_path(registry.root, out)
    if real.exists() and not real.is_dir():
        raise ExportError(
            f"{out} exists and is not a folder: nanopublications are written one per file into a folder", USAGE
        )
    if real.is_dir():
        try:
            present = sorted(real.iterdir())
        except OSError as exc:
            raise ExportError(f"cannot read {out}: {exc.strerror or exc}", USAGE) from None
        if present and not force:
            raise ExportError(f"{out} is not empty: choose a new folder or pass --force", USAGE)
        for path in present:
            not_ours = _not_a_nanopub_written_here(path, registry.settings.base)
            if not_ours is not None:
                raise ExportError(
                    f"{out} holds {path.name}, {not_ours}: --force replaces only a folder of the "
                    "nanopublications claimgraph wrote; choose a new or empty folder (nothing written)",
                    USAGE,
                )
    pem = read_private_key(key) if key is not None else None
    if pem is None and not trusty:
        written: list[tuple[str, str, int]] = []

        def halves(folder: Path) -> None:
            second = start_writing(registry, folder, date=date, part=(1, 2))
            try:
                written.extend(_write_part(registry, folder, date, (0, 2)))
                written.extend(second())
            except BaseException:
                second.stop()  # nothing may land in the folder once it is being removed
                raise

        from .export_data import exporting

        try:
            with exporting():
                _write_folder(real, halves)
        except OSError as exc:
            raise ExportError(f"cannot write {out}: {exc.strerror or exc}", 1) from None
        return [Path(out) / f"{name}.trig" for name, _, _ in written]
    texts = {}
    for nanopub in nanopublications(registry, date=date):
        text = nanopub.text()
        if pem is not None:
            text = sign(text, pem, orcid=orcid, library=library)
        elif trusty:
            text = make_trusty(text)
        texts[f"{nanopub.name}.trig"] = text

    def signed(folder: Path) -> None:
        for name, text in texts.items():
            with open(folder / name, "wb") as handle:
                handle.write(text.encode("utf-8"))

    try:
        _write_folder(real, signed)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}", IO) from None
    return [Path(out) / name for name in texts]
