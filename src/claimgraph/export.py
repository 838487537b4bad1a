"""Exports of a registry: Turtle, TriG, JSON-LD, N-Triples, CSV, nanopublications, RO-Crate.

Every RDF export round-trips: parsed again, it gives the same graph (or the same
named graphs), which the tests check format by format. Output is deterministic:
Turtle is rdflib's ``longturtle`` with canonical blank nodes (diff-friendly under
git), N-Triples is sorted with canonical blank node labels, and nothing carries a
timestamp unless one is asked for (``date`` of the RO-Crate).

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
(:func:`check_output_path`), and a failed write leaves the previous output as it was.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF

from .namespaces import PREFIXES
from .nanopubs import NP
from .rdflib_namespaces import CG, QUDT
from .registry import ONTOLOGY_DIR, Registry

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

#: The registry's own prefixes, relative to its base, bound on every export.
REGISTRY_PREFIXES = ("claim", "source", "measurand", "system", "step")


class ExportError(Exception):
    """The export cannot be written (exit 1 or 2 by ``exit_code``)."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


#: What a registry reads (relative to its root). An export written onto, into or around one of
#: them would overwrite or, with ``--force``, delete the registry's own files.
REGISTRY_INPUTS = ("claimgraph.toml", "claims", "bib", "shapes", "queries", "site")


def check_output_path(root: Path, out: Path) -> Path:
    """``out`` resolved, if an export may be written there; :class:`ExportError` (exit 2) otherwise.

    Refused: the registry itself, any folder holding it (as ``claimgraph build`` refuses),
    and its inputs (:data:`REGISTRY_INPUTS`) or anything inside them. Paths are compared
    resolved, so a symbolic link or ``..`` cannot lead around the rule.
    """
    try:
        real = Path(out).resolve()
        registry = Path(root).resolve()
        inputs = [(name, {registry / name, (Path(root) / name).resolve()}) for name in REGISTRY_INPUTS]
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise ExportError(f"{out}: cannot resolve the path: {exc}", 2) from None
    if real == registry or registry.is_relative_to(real):
        raise ExportError(f"{out}: the output would contain the registry ({registry}); choose another --out", 2)
    for name, places in inputs:
        if any(real == place or real.is_relative_to(place) for place in places):
            what = name if "." in name else f"{name}/ folder"
            where = "is" if real in places else "lies inside"
            raise ExportError(f"{out}: {where} the registry's own {what}, which the export reads and must not "
                              "overwrite; choose another --out", 2)
    return real


def write_export(registry: Registry, fmt: str, out: Path, *, include_sources: bool = True) -> Path:
    """Write ``export(registry, fmt)`` to the file ``out``; return the path written.

    A regular file is replaced atomically, so a failed write leaves the previous one; a
    device or a pipe (``/dev/stdout``) is written through.
    """
    from .authoring import write_atomically

    real = check_output_path(registry.root, out)
    if real.is_dir():
        raise ExportError(f"{out} is a folder: name the file to write, such as "
                          f"{Path(out) / ('registry' + FORMATS.get(fmt, ('', ''))[1])}", 2)
    data = export(registry, fmt, include_sources=include_sources).encode("utf-8")
    try:
        if real.exists() and not real.is_file():
            with open(real, "wb") as handle:
                handle.write(data)
        else:
            write_atomically(real, data)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}", 1) from None
    return real


def prefixes(registry: Registry) -> dict[str, str]:
    out = {p: str(ns) for p, ns in PREFIXES.items()}
    out.update({p: f"{registry.settings.base}{p}/" for p in REGISTRY_PREFIXES})
    return out


def _bind(graph: Graph, registry: Registry) -> Graph:
    for prefix, iri in prefixes(registry).items():
        graph.bind(prefix, URIRef(iri), override=True, replace=True)
    return graph


def data_graph(registry: Registry, *, include_sources: bool = True) -> Graph:
    """The claims (and sources) as one rdflib graph, prefixes bound."""
    return _bind(registry.data_rdflib_graph(include_sources=include_sources), registry)


def data_dataset(registry: Registry, *, include_sources: bool = True) -> Dataset:
    """Claims, normalised values and sources in their named graphs."""
    from .rdf_convert import to_rdflib

    dataset = Dataset()
    _bind(dataset, registry)
    for name in registry.data_graph_names(include_sources=include_sources):
        g = dataset.graph(URIRef(name.value))
        for q in registry.store.quads_for_pattern(None, None, None, name):
            g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return dataset


# ------------------------------------------------------------------ plain RDF


def to_turtle(registry: Registry, *, include_sources: bool = True) -> str:
    return data_graph(registry, include_sources=include_sources).serialize(format="longturtle", canon=True)


def to_trig(registry: Registry, *, include_sources: bool = True) -> str:
    return trig_text(data_dataset(registry, include_sources=include_sources), prefixes(registry))


def trig_text(dataset: Dataset, bound: dict[str, str]) -> str:
    """Deterministic TriG: graphs sorted by name, each written as canonical ``longturtle``.

    Blank nodes get canonical labels prefixed by the graph's rank, so two graphs never
    share a label (TriG blank node labels are scoped to the whole document).
    """
    used: dict[str, str] = {}
    blocks = []
    graphs = sorted((g for g in dataset.graphs() if len(g)), key=lambda g: str(g.identifier))
    for rank, graph in enumerate(graphs):
        canonical = to_canonical_graph(graph)
        relabelled = Graph()
        for prefix, iri in bound.items():
            relabelled.bind(prefix, URIRef(iri), override=True, replace=True)

        def label(term):
            return BNode(f"g{rank}x{term}") if isinstance(term, BNode) else term

        for s, p, o in canonical:
            relabelled.add((label(s), p, label(o)))
        body = relabelled.serialize(format="longturtle")
        lines = []
        for line in body.splitlines():
            if line.startswith(("PREFIX ", "@prefix ")):
                name = line.split()[1].rstrip(":")
                used[name] = line.split("<", 1)[1].rsplit(">", 1)[0]
                continue
            lines.append(line)
        text = "\n".join(lines).strip("\n")
        blocks.append(f"<{graph.identifier}> {{\n" + "\n".join(("    " + x) if x else x for x in text.split("\n"))
                      + "\n}\n")
    header = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in sorted(used.items()))
    return header + "\n" + "\n".join(blocks)


def to_ntriples(registry: Registry, *, include_sources: bool = True) -> str:
    canonical = to_canonical_graph(registry.data_rdflib_graph(include_sources=include_sources))
    lines = [line for line in canonical.serialize(format="nt").splitlines() if line.strip()]
    return "".join(line + "\n" for line in sorted(lines))


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
    graph = to_canonical_graph(registry.data_rdflib_graph(include_sources=include_sources))
    full = jsonld_context(registry)
    expand = {k: v for k, v in full.items() if isinstance(v, str) and not v.startswith("cg:")}
    literal_predicates = {str(p) for p, o in graph.predicate_objects() if isinstance(o, Literal)}
    # rdflib's serializer drops the description of a blank node reached through an
    # ``"@type": "@id"`` term, so it serialises with those terms uncoerced (links written
    # {"@id": …}, which read the same under either context); the document then carries the
    # generated context, less the coercion of any property that holds a literal here.
    plain, published = {}, {}
    for term, definition in full.items():
        if isinstance(definition, dict) and definition.get("@type") == "@id":
            plain[term] = definition["@id"]
            iri = definition["@id"]
            prefix, _, local = iri.partition(":")
            iri = expand.get(prefix, prefix + ":") + local
            published[term] = definition["@id"] if iri in literal_predicates else definition
        else:
            plain[term] = published[term] = definition
    text = graph.serialize(format="json-ld", context=plain, sort_keys=True)
    document = _sorted_sets(json.loads(text))
    document["@context"] = published
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _sorted_sets(node, in_list: bool = False):
    """JSON-LD arrays are unordered (except ``@list``): sort them so the output is deterministic."""
    if isinstance(node, dict):
        return {k: _sorted_sets(v, k == "@list") for k, v in node.items()}
    if isinstance(node, list):
        items = [_sorted_sets(v) for v in node]
        return items if in_list else sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return node


# ------------------------------------------------------------------ CSV

CSV_FIXED = ("claim", "type", "value", "lower_bound", "upper_bound", "unit", "relative_tolerance", "measurand",
             "in_text_citation", "cites", "cited_source_role", "primary_source", "status", "slide")


def claim_rows(registry: Registry) -> list[dict[str, str]]:
    """One dict per claim: the CSV's rows (statements as ``statement_<lang>`` columns)."""
    g = registry.data_rdflib_graph(include_sources=False)
    claims = sorted({s for s in g.subjects(RDF.type, CG.Claim)} | {s for s in g.subjects(RDF.type, CG.QuantitativeClaim)},
                    key=str)
    base = registry.settings.base

    def short(term) -> str:
        text = str(term)
        for prefix, iri in prefixes(registry).items():
            if text.startswith(iri) and prefix not in ("rdf", "rdfs", "owl", "xsd", "sh"):
                return f"{prefix}:{text[len(iri):]}"
        return text

    def key(term) -> str:
        return registry.key_of(str(term)) or str(term)

    rows = []
    for claim in claims:
        row = {c: "" for c in CSV_FIXED}
        row["claim"] = str(claim)[len(base):] if str(claim).startswith(base) else str(claim)
        row["type"] = "QuantitativeClaim" if (claim, RDF.type, CG.QuantitativeClaim) in g else "Claim"
        for statement in sorted(g.objects(claim, CG.statement), key=lambda o: (getattr(o, "language", "") or "", str(o))):
            column = f"statement_{statement.language}" if getattr(statement, "language", None) else "statement"
            row[column] = str(statement)
        value = g.value(claim, CG.value)
        if value is not None:
            for column, predicate in (("value", QUDT.numericValue), ("lower_bound", CG.lowerBound),
                                      ("upper_bound", CG.upperBound), ("relative_tolerance", CG.relativeTolerance)):
                v = g.value(value, predicate)
                row[column] = str(v) if v is not None else ""
            unit = g.value(value, QUDT.unit)
            row["unit"] = short(unit) if unit is not None else ""
        for column, predicate in (("measurand", CG.measurand), ("cited_source_role", CG.citedSourceRole),
                                  ("status", CG.status), ("slide", CG.slide), ("in_text_citation", CG.inTextCitation)):
            v = g.value(claim, predicate)
            row[column] = (short(v) if isinstance(v, URIRef) else str(v)) if v is not None else ""
        row["cites"] = " ".join(sorted(key(o) for o in g.objects(claim, CG.cites)))
        row["primary_source"] = " ".join(sorted(key(o) for o in g.objects(claim, CG.primarySource)))
        rows.append(row)
    return rows


#: Columns holding numbers: a number is written as it is (a leading minus sign is no formula).
CSV_NUMBERS = ("value", "lower_bound", "upper_bound", "relative_tolerance", "slide")
_PLAIN_NUMBER = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")


def to_csv(registry: Registry) -> str:
    """One row per claim; text a spreadsheet would run as a formula is neutralised."""
    from .site.rdf_views import spreadsheet_cell

    def cell(column: str, text: str) -> str:
        if column in CSV_NUMBERS and _PLAIN_NUMBER.fullmatch(text):
            return text
        return spreadsheet_cell(text)

    rows = claim_rows(registry)
    languages = list(registry.settings.languages)
    seen = sorted({c for r in rows for c in r if c.startswith("statement")}
                  - {f"statement_{lang}" for lang in languages})
    columns = ["claim", "type"] + [f"statement_{lang}" for lang in languages] + seen + list(CSV_FIXED[2:])
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: cell(c, row.get(c, "")) for c in columns})
    return out.getvalue()


# ------------------------------------------------------------------ nanopublications


def licence_iri(licence: str | None) -> URIRef | None:
    if not licence:
        return None
    if licence.startswith(("http://", "https://")):
        return URIRef(licence)
    return URIRef(f"https://spdx.org/licenses/{licence}")


def nanopub_dataset(registry: Registry) -> Dataset:
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
                              2) from None
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
                          "(up to the year 9999); fix it or pass --date YYYY-MM-DD", 2) from None


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
            raise ExportError(f"{out} exists and is not a folder: choose a folder for the crate", 2)
        try:
            full = any(real.iterdir())
        except OSError as exc:
            raise ExportError(f"cannot read {out}: {exc.strerror or exc}", 2) from None
        if full and not force:
            raise ExportError(f"{out} exists and is not empty: choose a new folder or pass --force", 2)
        if full and not (real / ROCRATE_METADATA).is_file():
            # --force is there to refresh a release, not to empty a folder someone else filled
            raise ExportError(f"{out} is not empty and holds no {ROCRATE_METADATA}: it is not a crate, so "
                              "--force will not replace it; choose a new or empty folder", 2)
    from .authoring import current_umask

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
            raise ExportError(f"cannot write the crate in {out}: {exc.strerror or exc}", 1) from None
        raise
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)
    return [Path(out) / name for name in names]


def _write_rocrate_files(registry: Registry, out: Path, date: str) -> list[str]:
    from . import __version__
    from .checks import run_checks
    from .jsonld_context import context_document
    from .reports import ReportContext, render

    root = registry.root
    parts: list[dict] = []

    def add(rel: str, kind: str, description: str, encoding: str, **extra) -> None:
        entity = {"@id": rel, "@type": "File", "name": Path(rel).name, "description": description,
                  "encodingFormat": encoding}
        entity.update(extra)
        entity["contentSize"] = str((out / rel).stat().st_size)
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
    (out / "registry.trig").write_text(to_trig(registry), encoding="utf-8")
    add("registry.trig", "data", "The whole registry as RDF: claims and sources in two named graphs.",
        "application/trig")
    (out / "context.jsonld").write_text(json.dumps(context_document(), indent=2, ensure_ascii=False) + "\n",
                                        encoding="utf-8")
    add("context.jsonld", "context", "The JSON-LD context generated from the vocabulary.", "application/ld+json")
    (out / "registry.jsonld").write_text(to_jsonld(registry), encoding="utf-8")
    add("registry.jsonld", "data", "The registry as JSON-LD, compacted with the generated context.",
        "application/ld+json")
    from .nanopubs import nanopublications

    (out / "nanopubs").mkdir()
    for nanopub in nanopublications(registry, date=date):
        rel = f"nanopubs/{nanopub.name}.trig"
        (out / rel).write_text(nanopub.text(), encoding="utf-8")
        add(rel, "data", f"The nanopublication of the claim {nanopub.claim} (TriG).", "application/trig",
            conformsTo={"@id": str(NP)})
    (out / "claims.csv").write_text(to_csv(registry), encoding="utf-8")
    add("claims.csv", "table", "One row per claim, for spreadsheets.", "text/csv")
    findings = run_checks(registry)
    report = render("json", findings, ReportContext(registry.root, checked_files=registry.claim_files + registry.bib_files))
    (out / "check-report.json").write_text(report, encoding="utf-8")
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
    raise ExportError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}", 2)
