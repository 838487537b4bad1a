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
* ``rocrate`` a folder: the registry's files (settings, claims, bibliography, its own shapes and
  saved queries, the sources' manifest and the texts kept with it), claimgraph's shapes and
  vocabulary, a TriG and a JSON-LD export, the check report, and ``ro-crate-metadata.json``
  (RO-Crate 1.1) describing them.

Nothing is written onto, into or around the registry being exported
(:func:`claimgraph.file_io.check_output_path`), and a failed write leaves the previous output as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import overload

from . import rdf_writer
from .errors import CONTENT, IO, USAGE
from .settings import SETTINGS_FILE
from .file_io import check_output_path
from .export_data import (
    ExportError,
    data_rows,
    exporting,
    labelled_rows,
    licence_iri,
    prefixes,
    publication_date,
)
from .iris import REGISTRY_PREFIXES
from .registry import ONTOLOGY_DIR, Registry
from .sources.manifest import MANIFEST


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


def write_export(registry: Registry, fmt: str, out: Path, *, include_sources: bool = True) -> Path:
    """Write ``export(registry, fmt)`` to the file ``out``; return the path written.

    A regular file is replaced atomically, so a failed write leaves the previous one; a
    device or a pipe (``/dev/stdout``) is written through.
    """
    from .file_io import write_atomically

    real = check_output_path(registry.root, out)
    if real.is_dir():
        raise ExportError(
            f"{out} is a folder: name the file to write, such as "
            f"{Path(out) / ('registry' + FORMATS.get(fmt, ('', ''))[1])}",
            USAGE,
        )
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


# ------------------------------------------------------------------ CSV


def to_csv(registry: Registry) -> str:
    """One row per claim, with the columns of every claim table (:func:`claimgraph.model.claim_table`);
    text a spreadsheet would run as a formula is neutralised, controls escaped (``\x1b``)."""
    from .model import claim_table_text, read_model
    from .spreadsheet import escape_controls

    return escape_controls(claim_table_text(read_model(registry)))


# ------------------------------------------------------------------ nanopublications


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


#: Below this many lines of Turtle (about 500 claims), a second process costs more than it saves.
FORK_MIN_LINES = 7000

#: The nanopublications in this many shares, the first ``there`` of them written by the process that writes
#: the JSON-LD, the others by this one once it has written the TriG (and it writes the crate's metadata last:
#: at 10,000 claims the two then end together).
NANOPUB_SHARES = (7, 4)

#: The file every crate holds: ``--force`` replaces only a folder whose one names claimgraph and lists every file.
ROCRATE_METADATA = "ro-crate-metadata.json"


def write_rocrate(
    registry: Registry, out: Path, *, date: str | None = None, force: bool = False, with_source_texts: bool = False
) -> WrittenFiles:
    """Write a released registry as an RO-Crate in ``out``. Returns the files written (a sequence of paths).

    ``out`` must be missing or empty, or, with ``force``, hold an earlier crate. The crate
    is written beside it and swapped in at the end, so a failure leaves ``out`` as it was. A registry with no
    ``licence`` gets no crate: RO-Crate 1.1 requires the root's ``license`` (its REQUIRED level), and a crate
    without one is refused by its validators (:func:`crate_shortfalls` lists what it only recommends).

    The local copies of the sources' texts that the bibliography's ``file`` fields name (``../sources/x.pdf``)
    are copied in, at the same places, only ``with_source_texts``: they are often under their publishers'
    copyright. Left out, the crate's description says so, and ``check`` on the crate says the quotes were not
    looked for in them (CG380, a warning), rather than pass quotes no one could look for.
    """
    date = publication_date(date)
    if not registry.settings.licence:
        raise ExportError(
            f"{SETTINGS_FILE}: no licence, which RO-Crate 1.1 requires of a crate (REQUIRED level): add "
            'licence = "CC-BY-4.0" (an SPDX licence identifier, or the licence\'s http(s) IRI) to [registry]; '
            "nothing written",
            CONTENT,
        )
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
        not_ours = _not_claimgraphs_crate(real) if full else None
        if not_ours is not None:
            # --force is there to refresh a release, not to empty a folder someone else filled
            raise ExportError(
                f"{out} is not a crate claimgraph wrote ({not_ours}), so --force will not replace it; "
                "choose a new or empty folder (nothing written)",
                USAGE,
            )
    from .file_io import current_umask

    missing = [p for p in [real.parent, *real.parent.parents] if not p.exists()]
    staging = retired = None
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{real.name}.staging-", dir=real.parent))
        os.chmod(staging, 0o777 & ~current_umask())  # mkdtemp's 0700 would follow the crate
        with exporting():
            names = _write_rocrate_files(registry, staging, date, with_source_texts)
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
    return WrittenFiles(Path(out), names)


def _not_claimgraphs_crate(folder: Path) -> str | None:
    """Why ``folder`` is not a crate :func:`write_rocrate` wrote, or None if it is one: its
    ``ro-crate-metadata.json`` names claimgraph as the software that made it, and lists every file in the
    folder. Replacing the folder then loses nothing claimgraph did not write (a document someone put
    beside the crate, or a crate of someone else's, is never deleted)."""
    from urllib.parse import unquote

    try:
        metadata = json.loads((folder / ROCRATE_METADATA).read_bytes())
    except FileNotFoundError:
        return f"it holds no {ROCRATE_METADATA}"
    except (OSError, ValueError) as exc:
        return f"its {ROCRATE_METADATA} cannot be read as JSON: {getattr(exc, 'strerror', None) or exc}"
    graph = metadata.get("@graph") if isinstance(metadata, dict) else None
    entities = [e for e in graph if isinstance(e, dict)] if isinstance(graph, list) else []
    if not any(e.get("@id") == "#claimgraph" and e.get("name") == "claimgraph" for e in entities):
        return f"its {ROCRATE_METADATA} does not name claimgraph as the software that made it"
    listed = {ROCRATE_METADATA}
    for entity in entities:
        if entity.get("@type") == "File" and isinstance(entity.get("@id"), str):
            listed.update((entity["@id"], unquote(entity["@id"])))
    try:
        for here, folders, files in os.walk(folder, onerror=_raise):
            for name in files + [f for f in folders if os.path.islink(os.path.join(here, f))]:
                rel = os.path.relpath(os.path.join(here, name), folder).replace(os.sep, "/")
                if rel not in listed or os.path.islink(os.path.join(here, name)):
                    return f"{rel} is not one of the files its {ROCRATE_METADATA} lists"
    except OSError as exc:
        return f"it cannot be read: {exc.strerror or exc}"
    return None


def _raise(error: OSError) -> None:
    raise error


class WrittenFiles(Sequence[Path]):
    """The paths of files written into a folder, each made when it is asked for: a crate of 10,000
    nanopublications made a tenth of a second of paths that ``claimgraph export`` only counts."""

    def __init__(self, folder: Path, names: list[str]):
        self.folder, self.names = folder, names

    def __len__(self) -> int:
        return len(self.names)

    @overload
    def __getitem__(self, index: int) -> Path: ...

    @overload
    def __getitem__(self, index: slice) -> list[Path]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.folder / name for name in self.names[index]]
        return self.folder / self.names[index]

    def __eq__(self, other) -> bool:
        return list(self) == (list(other) if isinstance(other, WrittenFiles) else other)

    def __repr__(self) -> str:
        return f"WrittenFiles({self.folder!r}, {len(self.names)} files)"


def local_source_texts(registry: Registry) -> dict[str, Path]:
    """The sources' texts the bibliography's ``file`` fields name, on this machine and inside the registry, by
    where the field puts them relative to the registry's root (``sources/Doe2021.pdf``: where a copy of the
    registry must hold them for the same fields to name them), each with the file it is."""
    from .sources.files import parse_file_field, resolve

    root = Path(registry.root)
    found: dict[str, Path] = {}
    for key, entry in sorted(registry.sources.items()):
        raw = entry.fields.get("file")
        if not raw or not raw.strip():
            continue
        bib_file = root / registry.source_files[key]
        for link in parse_file_field(raw):
            resolved = resolve(link, bib_file, root)
            if resolved.missing or resolved.problem or resolved.path is None:
                continue  # (a copy refused, or outside the registry, is never copied out of it)
            written = os.path.relpath(
                os.path.normpath(os.path.abspath(bib_file.parent / link.path)), os.path.abspath(root)
            )
            found.setdefault(written.replace(os.sep, "/"), Path(resolved.path))
    return found


def kept_source_texts(root: Path) -> list[str]:
    """The texts ``sources/manifest.json`` says were fetched and kept in the registry (``sources/texts/…``, kept
    only when their licence allows sharing them: ``claimgraph sources fetch --keep``), by their path in the
    registry, those that are there; none when the manifest does not read (``check`` says why)."""
    from .sources.manifest import KEPT_DIR, ManifestError, read_manifest

    try:
        manifest = read_manifest(root)
    except ManifestError:
        return []
    kept_dir = (root / KEPT_DIR).resolve()
    found: list[str] = []
    for record in manifest.sources.values():
        for retrieval in record.retrievals:
            rel = retrieval.kept
            if not rel or rel in found:
                continue
            path = root / rel
            if path.is_file() and path.resolve().is_relative_to(kept_dir):
                found.append(path.relative_to(root).as_posix())
    return sorted(found)


#: What the crate says of the sources' texts it leaves out (its root's description ends with it).
TEXTS_LEFT_OUT = (
    " The local copies of the sources' texts that the bibliography names ({count}) are not in this crate: they may "
    "be under their publishers' copyright (claimgraph export --format rocrate --with-source-texts includes them), "
    "so `claimgraph check` on the crate does not look for the quotes in them."
)


def _write_rocrate_files(registry: Registry, out: Path, date: str, with_source_texts: bool = False) -> list[str]:
    from .reports import ReportContext, render

    root = registry.root
    parts: list[dict] = []

    def add(rel: str, kind: str, description: str, encoding: str, size: int | None = None, **extra) -> None:
        # plain strings: pathlib's parsing, ten thousand times over, cost a tenth of a second
        entity = {
            "@id": rel,
            "@type": "File",
            "name": rel.rpartition("/")[2],
            "description": description,
            "encodingFormat": encoding,
        }
        entity.update(extra)
        entity["contentSize"] = str(os.stat(os.path.join(out, rel)).st_size if size is None else size)
        parts.append(entity)

    def copy(src: Path, rel: str) -> None:
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, out / rel)

    copy(root / "claimgraph.toml", "claimgraph.toml")
    add(
        "claimgraph.toml",
        "settings",
        "The registry's settings: title, base IRI, languages, licence.",
        "application/toml",
    )
    for rel in registry.claim_files:
        copy(root / rel, rel)
        add(rel, "claims", "Claims, measurands and the argument, as written (Turtle).", "text/turtle")
    for rel in registry.bib_files:
        copy(root / rel, rel)
        add(rel, "bibliography", "The bibliography the claims cite (BibTeX).", "application/x-bibtex")
    for path in registry.query_files:
        # at its place in the registry (queries/NAME.rq), where `claimgraph queries` and the site look for it
        rel = path.relative_to(root).as_posix()
        copy(path, rel)
        add(
            rel,
            "saved query",
            "A saved SPARQL query of the registry, with its title and description at its top: `claimgraph queries` "
            "lists it, `check` checks it, the site publishes its answers.",
            "application/sparql-query",
        )
    texts = local_source_texts(registry)
    copied_texts: set[str] = set()
    if with_source_texts:
        for rel, path in texts.items():
            copy(path, rel)
            copied_texts.add(rel)
            add(
                rel,
                "source text",
                "A local copy of a source's text, for checking the quotes against it; it may be under its "
                "publisher's copyright: share the crate only where that allows.",
                _text_media_type(rel),
            )
    if (root / MANIFEST).is_file():
        copy(root / MANIFEST, MANIFEST)
        add(
            MANIFEST,
            "sources manifest",
            "Where each source's text and metadata were fetched from, when, and their SHA-256 (written by "
            "`claimgraph sources fetch`, read by `check` and `claimgraph sources status`).",
            "application/json",
        )
        for rel in kept_source_texts(root):
            if rel not in copied_texts:
                copy(root / rel, rel)
                add(
                    rel,
                    "source text",
                    "A source's text as fetched, kept in the registry because its licence allows sharing it "
                    "(its licence is recorded in sources/manifest.json).",
                    _text_media_type(rel),
                )
    # claimgraph's own shapes beside its vocabulary, not in shapes/: a registry's shapes/ holds its own, and
    # `check` on the crate would read claimgraph's there as the registry's (CG117); the registry's at their
    # place in it, so that two files of one name in two folders stay two files
    shapes = [ONTOLOGY_DIR / "shapes.ttl"] + list(registry.shape_files)
    for path in shapes:
        rel = "vocabulary/claimgraph-shapes.ttl" if path.parent == ONTOLOGY_DIR else path.relative_to(root).as_posix()
        copy(path, rel)
        add(
            rel,
            "shapes",
            "SHACL shapes the registry was validated with.",
            "text/turtle",
            conformsTo={"@id": "https://www.w3.org/TR/shacl/"},
        )
    for name in ("claimgraph.ttl", "schemes.ttl"):
        copy(ONTOLOGY_DIR / name, f"vocabulary/{name}")
        add(
            f"vocabulary/{name}",
            "vocabulary",
            "The claimgraph vocabulary and its SKOS schemes (OWL, Turtle).",
            "text/turtle",
        )
    from .parallel import Done, start_beside

    def table_and_report() -> int:
        (out / "claims.csv").write_text(to_csv(registry), encoding="utf-8")
        findings = _check_findings(registry)
        report = render(
            "json", findings, ReportContext(registry.root, checked_files=registry.claim_files + registry.bib_files)
        )
        (out / "check-report.json").write_text(report, encoding="utf-8")
        return len(findings)

    # Three processes share the work where the registry is large enough: the claim table and the check report
    # (they need only the loaded registry: from the start, in a process of their own); the JSON-LD and most of the
    # nanopublications (in a third, once the statements are labelled and sorted); the TriG and the other
    # nanopublications here. Each process inherits the loaded registry.
    pending = []  # what runs beside: stopped if this process fails, so nothing lands in a folder being removed
    try:
        beside = sum(len(parsed.lines) for parsed in registry.turtle.values()) >= FORK_MIN_LINES
        if beside:
            findings_counted = start_beside(
                table_and_report, f"cannot write the claim table and the check report into {out}"
            )
        else:
            findings_counted = Done(table_and_report())
        pending.append(findings_counted)
        _write_crate_data(registry, out, date, add, pending, beside)
        findings = findings_counted()
    except BaseException:
        for work in pending:
            work.stop()
        raise
    add("claims.csv", "table", "One row per claim, for spreadsheets.", "text/csv")
    add("check-report.json", "report", "The findings of `claimgraph check` on this release.", "application/json")
    metadata = _crate_metadata(registry, date, parts, findings)
    if texts and not with_source_texts:
        root_entity = next(e for e in metadata["@graph"] if e.get("@id") == "./")
        root_entity["description"] += TEXTS_LEFT_OUT.format(count=len(texts))
    (out / ROCRATE_METADATA).write_text(indented_json(metadata) + "\n", encoding="utf-8")
    return [ROCRATE_METADATA] + [p["@id"] for p in parts]


def _write_crate_data(registry: Registry, out: Path, date: str, add, pending: list, beside: bool) -> None:
    """The TriG, the JSON-LD and the nanopublications, with their entries (see :func:`_write_rocrate_files`);
    ``beside``: the JSON-LD and some of the nanopublications are written by a process of its own."""
    from .jsonld_context import context_document
    from .nanopubs import NP_IRI, _statements, _write_part
    from .parallel import Done, Beside, start_beside

    labelled = labelled_rows(registry)
    (out / "nanopubs").mkdir()
    _statements(registry)  # the nanopublications' index of the statements: made once, read by both processes
    # the TriG and the JSON-LD share one labelling and one order of the same statements
    unique = list(dict.fromkeys(labelled))
    # labelled once for the nanopublications too; labels computed with a duplicate among the rows could differ
    rows = rdf_writer.sorted_rows(unique) if len(unique) == len(labelled) else rdf_writer.prepared(data_rows(registry))
    del unique
    shares, there = NANOPUB_SHARES

    def jsonld_and_nanopubs() -> list:
        (out / "registry.jsonld").write_text(
            rdf_writer.jsonld(rows, jsonld_context(registry), ready=True), encoding="utf-8"
        )
        return _write_part(registry, out / "nanopubs", date, (0, shares), there)

    # One process of its own (where the crate is large: it inherits the rows and the index) writes the JSON-LD
    # and the first nanopublications while this one writes the TriG and the others. (Each process forked costs
    # a few tenths of a second of CPU: every page either of them then writes to, if only to count a reference
    # to an object, is copied.)
    if beside:
        written_beside: Done | Beside = start_beside(
            jsonld_and_nanopubs, f"cannot write the JSON-LD and the nanopublications into {out}"
        )
    else:
        written_beside = Done(jsonld_and_nanopubs())
    pending.append(written_beside)
    (out / "registry.trig").write_text(rdf_writer.trig(rows, prefixes(registry), ready=True), encoding="utf-8")
    add(
        "registry.trig",
        "data",
        "The whole registry as RDF: claims and sources in two named graphs.",
        "application/trig",
    )
    (out / "context.jsonld").write_text(indented_json(context_document()) + "\n", encoding="utf-8")
    add("context.jsonld", "context", "The JSON-LD context generated from the vocabulary.", "application/ld+json")
    written_here = _write_part(registry, out / "nanopubs", date, (there, shares), shares - there)
    written_there = written_beside()
    add(
        "registry.jsonld",
        "data",
        "The registry as JSON-LD, compacted with the generated context.",
        "application/ld+json",
    )
    # the nanopublications' entries in their order (the files were written in any)
    for name, claim, size in written_there + written_here:
        add(
            f"nanopubs/{name}.trig",
            "data",
            f"The nanopublication of the claim {claim} (TriG).",
            "application/trig",
            size=size,
            conformsTo={"@id": str(NP_IRI)},
        )


class _NotPlainJSON(TypeError):
    """A value :func:`indented_json` leaves to :mod:`json`."""


#: JSON's text of a string, as ``json`` writes it without ``ensure_ascii`` (its C function where there is one).
_json_string = json.encoder.encode_basestring


def indented_json(value) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, the same text, five times faster.

    With ``indent``, :mod:`json` leaves its C encoder for one written in Python: the crate's metadata, an
    entry per file (ten thousand nanopublications), took a quarter of a second. Here the strings are
    encoded by the C function and the rest is joined by hand; a value other than a string, a whole number,
    a boolean, None, a list or a dict with string keys (a float, say) is left to :func:`json.dumps`."""
    pieces: list[str] = []
    try:
        _put_json(value, "\n", pieces.append)
    except _NotPlainJSON:
        return json.dumps(value, indent=2, ensure_ascii=False)
    return "".join(pieces)


def _put_json(value, newline: str, put) -> None:
    """``value`` as :func:`indented_json` writes it, its lines after the first starting with ``newline``."""
    if isinstance(value, str):
        put(_json_string(value))
    elif isinstance(value, dict):
        if not value:
            put("{}")
            return
        inner = newline + "  "
        opening = "{" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise _NotPlainJSON(key)
            if isinstance(item, str):  # most values: written here, not in a call of their own
                put(f"{opening}{_json_string(key)}: {_json_string(item)}")
            else:
                put(f"{opening}{_json_string(key)}: ")
                _put_json(item, inner, put)
            opening = "," + inner
        put(newline + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            put("[]")
            return
        inner = newline + "  "
        opening = "[" + inner
        for item in value:
            put(opening)
            _put_json(item, inner, put)
            opening = "," + inner
        put(newline + "]")
    elif value is None:
        put("null")
    elif value is True:
        put("true")
    elif value is False:
        put("false")
    elif isinstance(value, int):
        put(int.__repr__(value))
    else:
        raise _NotPlainJSON(value)


def crate_shortfalls(settings) -> list[str]:
    """What the RO-Crate written from ``settings`` will lack for the RECOMMENDED level that roc-validator
    checks (an ``author`` with an affiliation, a ``publisher`` that is an Organization), each with the
    ``claimgraph.toml`` setting that fills it: the crate is written anyway, but a repository may refuse it
    as it is. (The REQUIRED ``license`` is no shortfall: :func:`write_rocrate` writes no crate without it.)"""
    shortfalls = []
    if not settings.authors:
        shortfalls.append(
            'the RO-Crate has no author (RECOMMENDED level): add authors = [{ name = "…", id = '
            '"https://orcid.org/…", affiliation = { name = "…", id = "https://ror.org/…" } }] to [registry] '
            "in claimgraph.toml"
        )
    else:
        alone = [a.name for a in settings.authors if a.type == "Person" and not a.affiliation]
        if alone:
            shortfalls.append(
                f"the RO-Crate's author(s) {', '.join(alone)} have no affiliation (RECOMMENDED level): give "
                'each of the authors in claimgraph.toml an affiliation = { name = "…", id = "https://ror.org/…" }'
            )
    if settings.publisher is None:
        shortfalls.append(
            "the RO-Crate has no publisher (RECOMMENDED level: an Organization): add publisher = "
            '{ name = "…", id = "https://ror.org/…", type = "Organization" } to [registry] in claimgraph.toml'
        )
    elif settings.publisher.type != "Organization":
        shortfalls.append(
            f"the RO-Crate's publisher {settings.publisher.name!r} is a Person, where RO-Crate recommends an "
            'Organization (RECOMMENDED level): write publisher = { name = "…", id = "https://…", '
            'type = "Organization" } in claimgraph.toml'
        )
    return shortfalls


def _text_media_type(rel: str) -> str:
    suffix = rel.rpartition(".")[2].lower()
    return {"pdf": "application/pdf", "html": "text/html", "htm": "text/html"}.get(suffix, "text/plain")


def _crate_metadata(registry: Registry, date: str, parts: list[dict], findings: int) -> dict:
    """``ro-crate-metadata.json``: the crate, its files (``parts``), the people, the check and its ``findings``."""
    from . import __version__

    licence = licence_iri(registry.settings.licence)
    # what `check` read: the claims, the bibliography, the registry's own shapes and saved queries, the manifest
    checked = ("claims/", "bib/", "shapes/", "queries/", MANIFEST)
    data_ids = [{"@id": p["@id"]} for p in parts if p["@id"].startswith(checked)]
    root_entity = {
        "@id": "./",
        "@type": "Dataset",
        "name": registry.settings.title,
        "description": registry.settings.description or f"A claimgraph registry: {registry.settings.title}.",
        "datePublished": date,
        "identifier": registry.settings.base,
        "hasPart": [{"@id": p["@id"]} for p in parts],
        "mentions": {"@id": "#check"},
    }
    graph: list[dict] = [
        {
            "@id": "ro-crate-metadata.json",
            "@type": "CreativeWork",
            "conformsTo": {"@id": ROCRATE_PROFILE},
            "about": {"@id": "./"},
        },
        root_entity,
    ]
    settings = registry.settings
    # author and publisher: RO-Crate's recommended level asks for both (claimgraph.toml's authors, publisher)
    agents: dict[str, dict] = {}
    for role, people in (
        ("author", settings.authors),
        ("publisher", (settings.publisher,) if settings.publisher else ()),
    ):
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
        {
            "@id": "#claimgraph",
            "@type": "SoftwareApplication",
            "name": "claimgraph",
            "version": __version__,
            "url": "https://w3id.org/claimgraph",
        },
        {
            "@id": "#check",
            "@type": "CreateAction",
            "name": "claimgraph check",
            "instrument": {"@id": "#claimgraph"},
            "object": data_ids,
            "result": {"@id": "check-report.json"},
            "description": f"{findings} findings.",
        },
    ]
    return {"@context": ROCRATE_CONTEXT, "@graph": graph}


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
    with exporting():
        return _export(registry, fmt, include_sources=include_sources)


def _export(registry: Registry, fmt: str, *, include_sources: bool) -> str:
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
