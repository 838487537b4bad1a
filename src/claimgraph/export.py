"""Exports of a registry: Turtle, TriG, JSON-LD, N-Triples, CSV, nanopublications, RO-Crate.

Every RDF export round-trips term for term: parsed again, it gives the same statements
(or the same named graphs), with every literal in the lexical form it had (``"007"``
stays ``007``), which the tests check format by format as canonical N-Quads. Output is
deterministic and takes time linear in the registry's size: blank nodes get stable labels
from their content and place (:mod:`claimgraph.rdf_writer`, no whole-graph canonicalisation),
statements are sorted (each named node followed by the blank nodes below it) and written by
linear writers, and nothing carries a timestamp unless one is asked for (``date`` of the
RO-Crate).

* ``turtle``  the claims and the sources as one graph;
* ``trig``    the same in two named graphs (``<base>graph/claims``, ``<base>graph/sources``);
* ``jsonld``  one graph, compacted with the context generated from the vocabulary
  (:mod:`claimgraph.jsonld_context`), embedded so no network is needed to read it;
* ``nt``      N-Triples, one statement a line, sorted;
* ``csv``     one row per claim, for spreadsheets (not RDF: it does not carry quotes or derivations);
* ``nanopub`` one nanopublication per claim (:mod:`claimgraph.nanopubs`): with ``--out DIR``
  one TriG file each, as the nanopub libraries read them; on standard output all of them;
* ``rocrate`` a folder: the registry's files, the shapes, the vocabulary, a TriG and a
  JSON-LD export, the check report, and ``ro-crate-metadata.json`` (RO-Crate 1.1)
  describing them.

Nothing is written onto, into or around the registry being exported
(:func:`claimgraph.file_io.check_output_path`), and a failed write leaves the previous output as it was.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from . import rdf_writer
from .errors import IO, USAGE, ClaimgraphError
from .file_io import check_output_path
from .iris import REGISTRY_PREFIXES, prefix_table
from .namespaces import RDF
from .registry import ONTOLOGY_DIR, Registry

def __getattr__(name: str):
    # ``claimgraph.export.NP`` is the nanopubs' namespace, imported only when asked for: the nanopubs
    # module brings rdflib, which the other exports do without
    if name == "NP":
        from .nanopubs import NP

        return NP
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: format name -> (media type, file suffix)
FORMATS: dict[str, tuple[str, str]] = {
    "turtle": ("text/turtle", ".ttl"),
    "trig": ("application/trig", ".trig"),
    "jsonld": ("application/ld+json", ".jsonld"),
    "nt": ("application/n-triples", ".nt"),
    "csv": ("text/csv", ".csv"),
    "nanopub": ("application/trig", ".trig"),
    "rocrate": ("application/ld+json", ""),
}



class ExportError(ClaimgraphError):
    """The export cannot be made (content), written (I/O), or asked for this way (usage)."""


def write_export(registry: Registry, fmt: str, out: Path, *, include_sources: bool = True) -> Path:
    """Write ``export(registry, fmt)`` to the file ``out``; return the path written.

    A regular file is replaced atomically, so a failed write leaves the previous one; a
    device or a pipe (``/dev/stdout``) is written through.
    """
    from .file_io import write_atomically

    real = check_output_path(registry.root, out)
    if real.is_dir():
        raise ExportError(f"{out} is a folder: name the file to write, such as "
                          f"{Path(out) / ('registry' + FORMATS.get(fmt, ('', ''))[1])}", USAGE)
    data = export(registry, fmt, include_sources=include_sources).encode("utf-8")
    try:
        if real.exists() and not real.is_file():
            with open(real, "wb") as handle:
                handle.write(data)
        else:
            write_atomically(real, data)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}", IO) from None
    return real


def prefixes(registry: Registry) -> dict[str, str]:
    return prefix_table(registry.settings.base)


def _bind(graph, registry: Registry):
    """``graph`` (rdflib) with the registry's prefixes bound."""
    from rdflib import URIRef

    for prefix, iri in prefixes(registry).items():
        graph.bind(prefix, URIRef(iri), override=True, replace=True)
    return graph


def trig_text(dataset, bound: dict[str, str]) -> str:
    """Deterministic TriG of an rdflib ``Dataset`` (the nanopubs are built with rdflib), by the writer of
    the other exports: stable blank node labels, sorted statements, lexical forms as rdflib holds them."""
    text = dataset.serialize(format="nquads")
    rows = [rdf_writer.split_nquad(line) for line in text.splitlines() if line.strip()]
    return rdf_writer.trig(rows, bound)


def rdflib_term(text: str):
    """A term of the rows' syntax as an rdflib term, a literal in its lexical form (rdflib would otherwise
    normalise ``"007"^^xsd:integer`` to ``7`` as it builds the literal)."""
    from rdflib import BNode, Literal, URIRef

    if text[0] == "<":
        return URIRef(text[1:-1])
    if text[0] == "_":
        return BNode(text[2:])
    lexical, datatype, language = rdf_writer.literal_parts(text)
    if language:
        return Literal(lexical, lang=language, normalize=False)
    return Literal(lexical, datatype=None if datatype == rdf_writer.XSD_STRING else URIRef(datatype), normalize=False)


def rdflib_graph(registry: Registry, *, include_sources: bool = True):
    """:func:`data_rows` as one rdflib ``Graph`` (for the nanopubs), every literal kept in its lexical form
    (rdflib would otherwise normalise ``"007"^^xsd:integer`` to ``7`` as it builds the literal)."""
    from rdflib import Graph, URIRef

    term = rdflib_term
    graph = Graph()
    add = graph.add
    # blank nodes under their stable labels: whoever numbers them in label order numbers them the same each run
    for s, p, o, _ in rdf_writer.relabelled(data_rows(registry, include_sources=include_sources)):
        add((term(s), URIRef(p[1:-1]), term(o)))
    return graph


def data_rows(registry: Registry, *, include_sources: bool = True) -> list[rdf_writer.Row]:
    """Claims, normalised values and (with ``include_sources``) sources, in their named graphs.

    The claims are what the files say, every literal as written; what claimgraph generates (the
    sources read from BibTeX, the normalised values) is in XSD canonical form."""
    rows = claim_file_rows(registry)
    if include_sources:
        rows += _canonical_doubles(rdf_writer.store_rows(registry.store, [registry.bib_graph_iri]))
    return rows


def labelled_rows(registry: Registry) -> list[rdf_writer.Row]:
    """:func:`data_rows` with the sources, blank nodes under their stable labels: computed once per loaded
    registry (an RO-Crate's TriG, JSON-LD and nanopublications all read them)."""
    cached = registry.__dict__.get("_export_labelled_rows")
    if cached is None:
        cached = registry.__dict__["_export_labelled_rows"] = rdf_writer.relabelled(data_rows(registry))
    return cached


_DOUBLES = ('"^^<http://www.w3.org/2001/XMLSchema#double>', '"^^<http://www.w3.org/2001/XMLSchema#float>')


def _canonical_doubles(rows: list[rdf_writer.Row]) -> list[rdf_writer.Row]:
    """Oxigraph's store keeps doubles as ``"1287"``: XSD's canonical form is ``"1.287E3"``."""
    from .xsd_lexical import canonical_double

    def fixed(obj: str) -> str:
        lexical, datatype, _ = rdf_writer.literal_parts(obj)
        try:
            return rdf_writer.literal(canonical_double(float(lexical)), datatype=datatype)
        except ValueError:  # not a number at all: left as it is
            return obj

    return [(s, p, fixed(o), g) if o[0] == '"' and o.endswith(_DOUBLES) else (s, p, o, g) for s, p, o, g in rows]


def claim_file_rows(registry: Registry) -> list[rdf_writer.Row]:
    """The claims graph with the authored literals of the files and the generated statements of the store.

    Oxigraph's store rewrites typed literals into its own forms (``"007"`` as ``7``, ``"1.30"`` as
    ``1.3``), so the files the registry loaded are parsed again, keeping every lexical form. The
    statements the loader added (:data:`~claimgraph.registry.GENERATED_PREDICATES`) hang on blank
    nodes that the second parse names otherwise: each is matched to its twin by the hash of what it
    says and where it hangs (:func:`~claimgraph.rdf_writer.blank_signatures`), computed on both sides
    with the literals in the store's forms. Where nothing needs rewriting, the store's rows are used."""
    cached = registry.__dict__.get("_export_claim_rows")
    if cached is None:
        # every format of an RO-Crate reads them: once per loaded registry (a registry is not changed once loaded)
        cached = registry.__dict__["_export_claim_rows"] = _claim_file_rows(registry)
    return list(cached)


def _claim_file_rows(registry: Registry) -> list[rdf_writer.Row]:
    from .registry import GENERATED_PREDICATES

    graph = f"<{registry.data_graph_iri.value}>"
    stored = rdf_writer.store_rows(registry.store, [registry.data_graph_iri])
    authored: list[rdf_writer.Row] = []
    for parsed in registry.turtle.values():
        authored += rdf_writer.parsed_rows("\n".join(parsed.lines), registry.settings.base, graph)
    authored = list(dict.fromkeys(authored))
    typed = [o for _, _, o, _ in authored if o[0] == '"' and o[-1] == ">"]
    forms = rdf_writer.store_forms(typed)
    if all(forms.get(o, o) == o for o in typed) and not any(o.endswith(_DOUBLES) for o in typed):
        return _canonical_doubles(stored)  # every literal already reads as written: no second reading needed
    generated = {f"<{p}>" for p in GENERATED_PREDICATES}
    # the blank nodes are matched on what the files can say: a statement another step added with a
    # property of its own (one no file uses) leaves the hashes of the nodes it hangs on unchanged
    spoken = {p for _, p, _, _ in authored} - generated
    store_view = list(dict.fromkeys(row for row in stored if row[1] in spoken))
    authored_view = list(dict.fromkeys((s, p, forms.get(o, o), g) for s, p, o, g in authored if p not in generated))
    ours = rdf_writer.blank_signatures(authored_view)
    by_signature = {signature: node for node, signature in ours.items()}
    theirs = rdf_writer.blank_signatures(store_view)
    said = set(authored_view)

    def mapped(term: str) -> str:
        return by_signature.get(theirs.get(term, ""), "") if term[0] == "_" else term

    # what the store holds beyond the files: the generated statements, and anything another step added
    beyond = []
    for s, p, o, g in stored:
        row = (mapped(s), p, mapped(o), g)
        if not row[0] or not row[2]:  # the two readings differ (a file changed since it was loaded)
            return _canonical_doubles(stored)  # the store's statements, whole, rather than a mix
        if row[1] in generated or row not in said:
            beyond.append(row)
    return authored + _canonical_doubles(beyond)


# ------------------------------------------------------------------ plain RDF


def to_turtle(registry: Registry, *, include_sources: bool = True) -> str:
    return rdf_writer.turtle(data_rows(registry, include_sources=include_sources), prefixes(registry))


def to_trig(registry: Registry, *, include_sources: bool = True) -> str:
    return rdf_writer.trig(data_rows(registry, include_sources=include_sources), prefixes(registry))


def to_ntriples(registry: Registry, *, include_sources: bool = True) -> str:
    return rdf_writer.ntriples(data_rows(registry, include_sources=include_sources))


def jsonld_context(registry: Registry) -> dict:
    """The generated vocabulary context plus the registry's own prefixes."""
    from .jsonld_context import context

    ctx = context()
    # A registry prefix whose name is also a vocabulary term (``measurand``) is left out:
    # JSON-LD would expand ``measurand:x`` through the term, not the prefix.
    for p in REGISTRY_PREFIXES:
        ctx.setdefault(p, f"{registry.settings.base}{p}/")
    return ctx


def to_jsonld(registry: Registry, *, include_sources: bool = True) -> str:
    """One flat graph of node objects, compacted with (and carrying) the generated context."""
    return rdf_writer.jsonld(data_rows(registry, include_sources=include_sources), jsonld_context(registry))


class _Index:
    """Subject -> predicate -> objects (in a fixed order) over rows: the statements of a node, by hand.

    Terms are in the rows' syntax (``<iri>``, ``_:label``, ``"lexical"^^<datatype>``)."""

    def __init__(self, rows):
        self.out: dict[str, dict[str, list[str]]] = {}
        for subject, predicate, obj, _ in rows:
            self.out.setdefault(subject, {}).setdefault(predicate, []).append(obj)
        for properties in self.out.values():
            for objects in properties.values():
                if len(objects) > 1:
                    objects.sort()

    def objects(self, subject: str, predicate: str) -> list[str]:
        return (self.out.get(subject) or {}).get(f"<{predicate}>", [])

    def value(self, subject: str, predicate: str) -> str | None:
        found = self.objects(subject, predicate)
        return found[0] if found else None

    def subjects_of_type(self, *classes: str) -> list[str]:
        wanted = {f"<{c}>" for c in classes}
        kind = f"<{RDF.type}>"
        return sorted(s for s, properties in self.out.items() if wanted.intersection(properties.get(kind, ())))

    def closure(self, node: str) -> list[tuple[str, str, str]]:
        """The statements of ``node`` and, recursively, of the blank nodes it points at (its CBD)."""
        out, todo, seen = [], [node], set()
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            for predicate, objects in (self.out.get(current) or {}).items():
                for obj in objects:
                    out.append((current, predicate, obj))
                    if rdf_writer.is_blank(obj):
                        todo.append(obj)
        return out


def claims_index(registry: Registry) -> _Index:
    """The claims graph by subject, built once per loaded registry (the CSV and the nanopubs both read it)."""
    index = registry.__dict__.get("_export_claims_index")
    if index is None:
        index = registry.__dict__["_export_claims_index"] = _Index(claim_file_rows(registry))
    return index


# ------------------------------------------------------------------ CSV


def to_csv(registry: Registry) -> str:
    """One row per claim, with the columns of every claim table (:func:`claimgraph.model.claim_table`);
    text a spreadsheet would run as a formula is neutralised."""
    from .model import claim_table_text, read_model

    return claim_table_text(read_model(registry))


# ------------------------------------------------------------------ nanopublications


def licence_iri(licence: str | None):
    """The licence's IRI (an rdflib ``URIRef``: the nanopubs put it in their graphs), or None."""
    from rdflib import URIRef

    if not licence:
        return None
    if licence.startswith(("http://", "https://")):
        return URIRef(licence)
    return URIRef(f"https://spdx.org/licenses/{licence}")


def nanopub_dataset(registry: Registry):
    """The nanopublications as one rdflib ``Dataset`` (:func:`claimgraph.nanopubs.nanopub_dataset`)."""
    from .nanopubs import nanopub_dataset as dataset

    return dataset(registry)


def to_nanopub(registry: Registry) -> str:
    from .nanopubs import to_nanopub as text

    return text(registry)


# ------------------------------------------------------------------ RO-Crate

ROCRATE_CONTEXT = "https://w3id.org/ro/crate/1.1/context"
ROCRATE_PROFILE = "https://w3id.org/ro/crate/1.1"


def publication_date(date: str | None = None) -> str:
    """``date`` checked as an ISO calendar date (YYYY-MM-DD), else ``SOURCE_DATE_EPOCH``'s day, else today."""
    import datetime

    if date is not None:
        try:
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", date):
                raise ValueError
            return datetime.date.fromisoformat(date).isoformat()
        except ValueError:
            raise ExportError(f"--date {date!r} is not a calendar date written YYYY-MM-DD, such as 2025-01-31",
                              USAGE) from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return datetime.date.today().isoformat()
    # reproducible-builds.org: a malformed SOURCE_DATE_EPOCH is an error, not a reason to use the clock
    try:
        if not re.fullmatch(r"[0-9]+", epoch):
            raise ValueError
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date().isoformat()
    except (ValueError, OverflowError, OSError):
        raise ExportError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970-01-01 "
                          "(up to the year 9999); fix it or pass --date YYYY-MM-DD", USAGE) from None


#: The file every crate holds: ``--force`` replaces only a folder that has one.
ROCRATE_METADATA = "ro-crate-metadata.json"


def write_rocrate(registry: Registry, out: Path, *, date: str | None = None, force: bool = False) -> list[Path]:
    """Write a released registry as an RO-Crate in ``out``. Returns the files written.

    ``out`` must be missing or empty, or, with ``force``, hold an earlier crate. The crate
    is written beside it and swapped in at the end, so a failure leaves ``out`` as it was.
    """
    date = publication_date(date)
    real = check_output_path(registry.root, out)
    if real.exists():
        if not real.is_dir():
            raise ExportError(f"{out} exists and is not a folder: choose a folder for the crate", USAGE)
        try:
            full = any(real.iterdir())
        except OSError as exc:
            raise ExportError(f"cannot read {out}: {exc.strerror or exc}", USAGE) from None
        if full and not force:
            raise ExportError(f"{out} exists and is not empty: choose a new folder or pass --force", USAGE)
        if full and not (real / ROCRATE_METADATA).is_file():
            # --force is there to refresh a release, not to empty a folder someone else filled
            raise ExportError(f"{out} is not empty and holds no {ROCRATE_METADATA}: it is not a crate, so "
                              "--force will not replace it; choose a new or empty folder", USAGE)
    from .file_io import current_umask

    missing = [p for p in [real.parent, *real.parent.parents] if not p.exists()]
    staging = retired = None
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{real.name}.staging-", dir=real.parent))
        os.chmod(staging, 0o777 & ~current_umask())  # mkdtemp's 0700 would follow the crate
        names = _write_rocrate_files(registry, staging, date)
        if real.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{real.name}.old-", dir=real.parent))
            real.rename(retired / real.name)
            try:
                staging.rename(real)
            except OSError:
                (retired / real.name).rename(real)
                raise
        else:
            staging.rename(real)
    except BaseException as exc:
        if staging is not None and staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        for folder in ([retired] if retired is not None else []) + missing:  # innermost first
            try:
                folder.rmdir()  # never rmtree: a crate that could not be put back stays in ``retired``
            except OSError:
                break
        if isinstance(exc, OSError):
            raise ExportError(f"cannot write the crate in {out}: {exc.strerror or exc}", IO) from None
        raise
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)
    return [Path(out) / name for name in names]


def _write_rocrate_files(registry: Registry, out: Path, date: str) -> list[str]:
    from . import __version__
    from .jsonld_context import context_document
    from .reports import ReportContext, render

    root = registry.root
    parts: list[dict] = []

    def add(rel: str, kind: str, description: str, encoding: str, **extra) -> None:
        # plain strings: pathlib's parsing, ten thousand times over, cost a tenth of a second
        entity = {"@id": rel, "@type": "File", "name": rel.rpartition("/")[2], "description": description,
                  "encodingFormat": encoding}
        entity.update(extra)
        entity["contentSize"] = str(os.stat(os.path.join(out, rel)).st_size)
        parts.append(entity)

    def copy(src: Path, rel: str) -> None:
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, out / rel)

    copy(root / "claimgraph.toml", "claimgraph.toml")
    add("claimgraph.toml", "settings", "The registry's settings: title, base IRI, languages, licence.", "application/toml")
    for rel in registry.claim_files:
        copy(root / rel, rel)
        add(rel, "claims", "Claims, measurands and the argument, as written (Turtle).", "text/turtle")
    for rel in registry.bib_files:
        copy(root / rel, rel)
        add(rel, "bibliography", "The bibliography the claims cite (BibTeX).", "application/x-bibtex")
    shapes = [ONTOLOGY_DIR / "shapes.ttl"] + list(registry.shape_files)
    for path in shapes:
        rel = f"shapes/{'claimgraph-' if path.parent == ONTOLOGY_DIR else ''}{path.name}"
        copy(path, rel)
        add(rel, "shapes", "SHACL shapes the registry was validated with.", "text/turtle",
            conformsTo={"@id": "https://www.w3.org/TR/shacl/"})
    for name in ("claimgraph.ttl", "schemes.ttl"):
        copy(ONTOLOGY_DIR / name, f"vocabulary/{name}")
        add(f"vocabulary/{name}", "vocabulary", "The claimgraph vocabulary and its SKOS schemes (OWL, Turtle).",
            "text/turtle")
    from .nanopubs import NP, start_writing

    # the nanopublications are written meanwhile, in a second process where it can (files in any order;
    # their entries in the order of the nanopublications)
    labelled = labelled_rows(registry)
    (out / "nanopubs").mkdir()
    nanopubs_written = start_writing(registry, out / "nanopubs", date=date)
    # the TriG and the JSON-LD share one labelling and one order of the same statements
    unique = list(dict.fromkeys(labelled))
    # labelled once for the nanopublications too; labels computed with a duplicate among the rows could differ
    rows = rdf_writer.sorted_rows(unique) if len(unique) == len(labelled) else rdf_writer.prepared(data_rows(registry))
    (out / "registry.trig").write_text(rdf_writer.trig(rows, prefixes(registry), ready=True), encoding="utf-8")
    add("registry.trig", "data", "The whole registry as RDF: claims and sources in two named graphs.",
        "application/trig")
    (out / "context.jsonld").write_text(json.dumps(context_document(), indent=2, ensure_ascii=False) + "\n",
                                        encoding="utf-8")
    add("context.jsonld", "context", "The JSON-LD context generated from the vocabulary.", "application/ld+json")
    (out / "registry.jsonld").write_text(rdf_writer.jsonld(rows, jsonld_context(registry), ready=True),
                                         encoding="utf-8")
    add("registry.jsonld", "data", "The registry as JSON-LD, compacted with the generated context.",
        "application/ld+json")
    (out / "claims.csv").write_text(to_csv(registry), encoding="utf-8")
    findings = _check_findings(registry)
    report = render("json", findings, ReportContext(registry.root, checked_files=registry.claim_files + registry.bib_files))
    (out / "check-report.json").write_text(report, encoding="utf-8")
    for name, claim in nanopubs_written():
        add(f"nanopubs/{name}.trig", "data", f"The nanopublication of the claim {claim} (TriG).", "application/trig",
            conformsTo={"@id": str(NP)})
    add("claims.csv", "table", "One row per claim, for spreadsheets.", "text/csv")
    add("check-report.json", "report", "The findings of `claimgraph check` on this release.", "application/json")

    licence = licence_iri(registry.settings.licence)
    data_ids = [{"@id": p["@id"]} for p in parts if p["@id"].startswith(("claims/", "bib/"))]
    root_entity = {
        "@id": "./", "@type": "Dataset", "name": registry.settings.title,
        "description": registry.settings.description or f"A claimgraph registry: {registry.settings.title}.",
        "datePublished": date, "identifier": registry.settings.base,
        "hasPart": [{"@id": p["@id"]} for p in parts],
        "mentions": {"@id": "#check"},
    }
    graph: list[dict] = [
        {"@id": "ro-crate-metadata.json", "@type": "CreativeWork",
         "conformsTo": {"@id": ROCRATE_PROFILE}, "about": {"@id": "./"}},
        root_entity,
    ]
    settings = registry.settings
    # author and publisher: RO-Crate's recommended level asks for both (claimgraph.toml's authors, publisher)
    agents: dict[str, dict] = {}
    for role, people in (("author", settings.authors), ("publisher", (settings.publisher,) if settings.publisher else ())):
        if people:
            ids = [{"@id": a.iri(settings.base)} for a in people]
            root_entity[role] = ids if len(ids) > 1 else ids[0]  # one value, not a singleton array
            for a in people:
                for agent in (a, a.affiliation) if a.affiliation else (a,):
                    entity = {"@id": agent.iri(settings.base), "@type": agent.type, "name": agent.name}
                    if agent.id and agent.type == "Organization":
                        entity["url"] = agent.id
                    if agent.affiliation:
                        entity["affiliation"] = {"@id": agent.affiliation.iri(settings.base)}
                    agents.setdefault(entity["@id"], entity)
    if settings.version:
        root_entity["version"] = settings.version
    if licence is not None:
        root_entity["license"] = {"@id": str(licence)}
        graph.append({"@id": str(licence), "@type": "CreativeWork", "name": registry.settings.licence})
    graph += list(agents.values())
    graph += parts
    graph += [
        {"@id": "#claimgraph", "@type": "SoftwareApplication", "name": "claimgraph", "version": __version__,
         "url": "https://w3id.org/claimgraph"},
        {"@id": "#check", "@type": "CreateAction", "name": "claimgraph check",
         "instrument": {"@id": "#claimgraph"}, "object": data_ids, "result": {"@id": "check-report.json"},
         "description": f"{len(findings)} findings."},
    ]
    metadata = {"@context": ROCRATE_CONTEXT, "@graph": graph}
    (out / ROCRATE_METADATA).write_text(json.dumps(metadata, indent=2, ensure_ascii=False) + "\n",
                                        encoding="utf-8")
    return [ROCRATE_METADATA] + [p["@id"] for p in parts]


def _check_findings(registry: Registry):
    """The findings of ``claimgraph check``, from its cache when the registry's files are unchanged since
    it last ran (the cache is keyed by their content and claimgraph's own code), else checked now and kept."""
    from . import check_cache
    from .checks import run_checks

    key = check_cache.digest(registry.root)
    cached = check_cache.load_cached(key) if key else None
    if cached is not None:
        return cached[0]
    findings = run_checks(registry)
    if key:
        check_cache.store(key, findings, registry.claim_files + registry.bib_files)
    return findings


# ------------------------------------------------------------------ dispatch


def export(registry: Registry, fmt: str, *, include_sources: bool = True) -> str:
    """The registry in ``fmt`` (every format of :data:`FORMATS` but ``rocrate``), as text."""
    if fmt == "turtle":
        return to_turtle(registry, include_sources=include_sources)
    if fmt == "trig":
        return to_trig(registry, include_sources=include_sources)
    if fmt == "jsonld":
        return to_jsonld(registry, include_sources=include_sources)
    if fmt == "nt":
        return to_ntriples(registry, include_sources=include_sources)
    if fmt == "csv":
        return to_csv(registry)
    if fmt == "nanopub":
        return to_nanopub(registry)
    raise ExportError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}", USAGE)
