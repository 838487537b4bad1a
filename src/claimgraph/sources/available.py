"""Which text ``check`` can read for each source, without ever fetching one.

In order: the copy the BibTeX ``file`` field names; else the text ``sources fetch`` recorded in
the manifest, kept in the registry or found in the user's cache with the SHA-256 the manifest
recorded. A text whose bytes differ from the recorded hash is said to have changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .files import parse_file_field, resolve
from .manifest import KEPT_DIR, Manifest, ManifestError, cached_path, read_manifest
from .texts import MAX_SOURCE_BYTES, SourceText, TextExtractionError, extract_bytes, sha256_of


@dataclass(frozen=True)
class TextProblem:
    code: str
    message: str
    hint: str
    field: str | None = None  # the BibTeX field the problem is in


@dataclass(frozen=True)
class AbsentCopy:
    """A copy the file field names, inside the registry, that is not on this machine."""

    written: str  # as the file field writes it ("sources/Doe2021.pdf")
    looked_for: str  # where it was looked for, from the registry's folder ("bib/sources/Doe2021.pdf")

    def describe(self) -> str:
        """What a message says of it: the path looked for, and the field's words when they differ."""
        if self.written == self.looked_for:
            return f"{self.looked_for} is not on this machine"
        return f"file field {self.written!r}: {self.looked_for} is not on this machine"


@dataclass
class Availability:
    key: str
    text: SourceText | None = None
    origin: str | None = None  # said to a reader: where the text comes from
    declared: bool = False  # the registry names a text for this source
    problems: list[TextProblem] = field(default_factory=list)
    #: copies the file field names, inside the registry, that are not on this machine
    absent: list[AbsentCopy] = field(default_factory=list)


@dataclass
class SourceTexts:
    by_key: dict[str, Availability]
    manifest: Manifest
    manifest_problem: ManifestError | None = None


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def source_texts(registry) -> SourceTexts:
    """Every source's text availability (computed once per loaded registry)."""
    cache = registry.__dict__.setdefault("_evidence_cache", {})
    if "source_texts" not in cache:
        cache["source_texts"] = _source_texts(registry)
    return cache["source_texts"]


def _source_texts(registry) -> SourceTexts:
    root: Path = registry.root
    problem = None
    try:
        manifest = read_manifest(root)
    except ManifestError as exc:
        manifest, problem = Manifest(), exc
    out: dict[str, Availability] = {}
    for key, entry in registry.sources.items():
        avail = Availability(key)
        out[key] = avail
        raw = entry.fields.get("file")
        if raw and raw.strip():
            avail.declared = True
            _from_file_field(avail, raw, root / registry.source_files[key], root, manifest)
        if avail.text is None:
            _from_manifest(avail, manifest, root)
    return SourceTexts(out, manifest, problem)


def _from_file_field(avail: Availability, raw: str, bib_file: Path, root: Path, manifest: Manifest) -> None:
    for link in parse_file_field(raw):
        resolved = resolve(link, bib_file, root)
        if resolved.missing:
            avail.absent.append(AbsentCopy(link.path, resolved.looked_for or link.path))
            continue  # not on this machine: the quotes get "text not available" (CG380), as for a fetched text
        if resolved.problem:
            avail.problems.append(
                TextProblem(
                    "CG381",
                    resolved.problem,
                    "put a PDF, HTML or .txt copy inside the registry and name it relative "
                    "to the .bib file's folder (e.g. file = {:../sources/Doe2021.pdf:PDF})",
                    "file",
                )
            )
            continue
        size = resolved.path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            avail.problems.append(
                TextProblem(
                    "CG381",
                    f"file {link.path!r} is {size:,} bytes, over the limit of {MAX_SOURCE_BYTES:,}",
                    "give a smaller copy (the text alone)",
                    "file",
                )
            )
            continue
        data = _read_bytes(resolved.path)
        if data is None:
            avail.problems.append(
                TextProblem("CG381", f"file {link.path!r} cannot be read", "check its permissions", "file")
            )
            continue
        try:
            avail.text = extract_bytes(data, resolved.media_type)
        except TextExtractionError as exc:
            avail.problems.append(
                TextProblem(
                    "CG381",
                    f"file {link.path!r}: {exc}",
                    "replace it with a readable copy (a PDF with a text layer, UTF-8 text, or HTML)",
                    "file",
                )
            )
            continue
        rel = resolved.path.relative_to(root.resolve()).as_posix()
        avail.origin = rel
        recorded = manifest.sources.get(avail.key)
        copy = recorded.latest("local copy", None) if recorded else None
        if copy and copy.sha256 and copy.sha256 != avail.text.sha256:
            avail.problems.append(
                TextProblem(
                    "CG386",
                    f"{rel} changed since the manifest recorded it (sha256 {copy.sha256[:12]}…, now "
                    f"{avail.text.sha256[:12]}…): quotes were checked against the new text",
                    "if the new copy is the right one, run `claimgraph sources fetch` to record it",
                    "file",
                )
            )
        return


def _from_manifest(avail: Availability, manifest: Manifest, root: Path) -> None:
    record = manifest.sources.get(avail.key)
    text = (record.latest("text") or record.latest("abstract")) if record else None
    if text is None or not text.sha256:
        return
    avail.declared = True
    if text.kept:
        path = root / text.kept
        if not path.resolve().is_relative_to(root.resolve()) or not path.resolve().is_relative_to(
            (root / KEPT_DIR).resolve()
        ):
            avail.problems.append(
                TextProblem(
                    "CG381",
                    f"kept text {text.kept!r} is not under {KEPT_DIR}/",
                    "keep fetched texts under sources/texts/",
                )
            )
            return
        where = f"{text.kept}, fetched from {text.url}"
    else:
        path = cached_path(text.sha256, text.media_type)
        where = f"the local cache, fetched from {text.url}"
    if text.what == "abstract":
        where = "the abstract only, " + where
    data = _read_bytes(path)
    if data is None:
        return  # not on this machine: "text not available", never an error of the registry's
    if sha256_of(data) != text.sha256:
        if text.kept:
            avail.problems.append(
                TextProblem(
                    "CG386",
                    f"{text.kept} changed since it was fetched (the manifest records sha256 "
                    f"{text.sha256[:12]}…): quotes were checked against the new text",
                    "fetch it again (`claimgraph sources fetch KEY --keep`) or restore the fetched copy",
                )
            )
        else:
            return  # a damaged cache entry is no text
    try:
        avail.text = extract_bytes(data, text.media_type or "text/plain")
    except TextExtractionError as exc:
        avail.problems.append(
            TextProblem(
                "CG381",
                f"the fetched text of {avail.key}: {exc}",
                "fetch it again, or give a local copy in the file field",
            )
        )
        return
    avail.origin = where


def text_inputs(root: Path) -> list[bytes]:
    """What the check cache's key must hold about source texts: the manifest, and the SHA-256 of
    every text a ``file`` field or the manifest names (or that it is missing), so that a changed,
    added or removed copy misses the cache. Reads the .bib files itself (the cache is consulted
    before the registry is loaded)."""
    from ..loading.bibtex import parse_bibtex
    from ..loading.text import TextFileError, read_text

    parts: list[bytes] = []
    manifest_path = root / "sources" / "manifest.json"
    data = _read_bytes(manifest_path) if manifest_path.is_file() else None
    parts.append(b"manifest:" + (data or b"-"))
    try:
        manifest = read_manifest(root)
    except ManifestError:
        manifest = Manifest()
    for record in manifest.sources.values():
        text = record.latest("text") or record.latest("abstract")
        if text and text.sha256:
            path = root / text.kept if text.kept else cached_path(text.sha256, text.media_type)
            inside = not text.kept or path.resolve().is_relative_to((root / KEPT_DIR).resolve())
            data = _read_bytes(path) if inside and path.is_file() else None
            parts.append(b"fetched:" + (sha256_of(data).encode() if data is not None else b"-"))
    bib = root / "bib"
    for path in sorted(bib.rglob("*.bib")) if bib.is_dir() else []:
        try:
            text = read_text(path).text
        except (TextFileError, OSError):
            continue
        if "file" not in text.lower():
            continue  # no entry has a file field (their names are read lower-cased): nothing to parse for
        entries = parse_bibtex(text).entries
        for entry in entries:
            for link in parse_file_field(entry.fields.get("file", "")):
                resolved = resolve(link, path, root)
                data = _read_bytes(resolved.path) if resolved.path else None
                parts.append(
                    f"file:{entry.key}:{link.path}:".encode() + (sha256_of(data).encode() if data is not None else b"-")
                )
    return parts


def referenced_files(root: Path, extra_bib: tuple[tuple[Path, str], ...] = ()) -> list[Path]:
    """Every file inside the registry that a ``file`` field names (in the .bib files, and in
    ``extra_bib``: (bib file, text) pairs not written yet), plus everything under ``sources/``: what a
    scratch copy of the registry needs to check the same as the registry."""
    from ..loading.bibtex import parse_bibtex
    from ..loading.text import TextFileError, read_text

    out: set[Path] = set()
    bibs = []
    for path in sorted((root / "bib").rglob("*.bib")) if (root / "bib").is_dir() else []:
        try:
            bibs.append((path, read_text(path).text))
        except (TextFileError, OSError):
            continue
    for path, text in [*bibs, *extra_bib]:
        for entry in parse_bibtex(text).entries:
            for link in parse_file_field(entry.fields.get("file", "")):
                resolved = resolve(link, path, root)
                if resolved.path is not None:
                    out.add(resolved.path)
    kept = root / "sources"
    if kept.is_dir():
        out.update(p.resolve() for p in kept.rglob("*") if p.is_file() and not p.is_symlink())
    real_root = root.resolve()
    return sorted(p for p in out if p.is_relative_to(real_root))
