"""Fetching every source of a registry, recording each retrieval in the manifest; and its status."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..files import parse_file_field, resolve
from ..manifest import KEPT_DIR, MANIFEST, Retrieval, cached_path, read_manifest, write_manifest
from ..references import Identifier, identifiers
from ..texts import sha256_of
from . import FetchResult, handlers, now, redistributable
from .http import FetchError, HttpClient

_SUFFIX = {"application/pdf": ".pdf", "text/html": ".html", "text/plain": ".txt"}


@dataclass
class Outcome:
    key: str
    ok: bool
    lines: list[str] = field(default_factory=list)


def _replace(record_retrievals: list[Retrieval], new: Retrieval) -> None:
    """One retrieval per (what, address): a new one replaces the one before (the manifest says the
    latest state, and git keeps the history)."""
    record_retrievals[:] = [r for r in record_retrievals if (r.what, r.url, r.via) != (new.what, new.url, new.via)]
    record_retrievals.append(new)


class UnknownSources(ValueError):
    """Keys asked for that name no BibTeX entry: nothing is fetched and nothing written."""


def _plan(identifier: Identifier) -> list:
    """The handlers to ask for ``identifier``, in order (a DOI unknown to Crossref may be DataCite's)."""
    return [h for h in handlers() if h.handles(identifier)]


def fetch_sources(
    root: Path,
    keys: list[str] | None = None,
    *,
    keep: bool = False,
    client: HttpClient | None = None,
    record_only: bool = False,
) -> tuple[list[Outcome], Path]:
    """Fetch the metadata and texts of ``keys`` (default: every source), record them in the
    manifest and return what happened to each. ``record_only`` opens no connection: it records
    where each source would be fetched from, as "not fetched"."""
    from ...registry import load

    import difflib

    registry = load(root, normalise=False)
    unknown = [key for key in keys or () if key not in registry.sources]
    if unknown:
        close = difflib.get_close_matches(unknown[0], list(registry.sources), n=1)
        raise UnknownSources(
            f"no BibTeX entry {', '.join(map(repr, unknown))}" + (f" (did you mean {close[0]!r}?)" if close else "")
        )
    manifest = read_manifest(root)
    before = manifest.as_json()
    client = client or HttpClient.from_environment()
    outcomes = []
    offline: str | None = None
    for key in keys or sorted(registry.sources):
        entry = registry.sources[key]
        outcome = Outcome(key, True)
        outcomes.append(outcome)
        record = manifest.record(key)
        _record_local_copies(registry, key, record, outcome)
        idents = identifiers(entry)
        if not idents:
            outcome.lines.append("no DOI, arXiv id or URL to fetch from")
            continue
        record.identifier = str(idents[0])
        if record_only:
            for ident in idents:
                for handler in _plan(ident)[:1]:
                    what = "metadata" if ident.scheme != "url" else "text"
                    if any(
                        (r.what, r.url, r.via) == (what, handler.address(ident), handler.name)
                        for r in record.retrievals
                    ):
                        continue  # already fetched (or recorded): a plan never overwrites a retrieval
                    _replace(
                        record.retrievals,
                        Retrieval(
                            what,
                            handler.address(ident),
                            handler.name,
                            "not fetched",
                            note="recorded by `claimgraph sources fetch --record-only`, without network "
                            "access: run `claimgraph sources fetch` to fetch it",
                        ),
                    )
                    outcome.lines.append(f"would fetch {ident} from {handler.address(ident)}")
            continue
        if offline:
            outcome.ok = False
            outcome.lines.append(f"skipped: {offline}")
            continue
        try:
            _fetch_one(root, key, idents, record, client, keep, outcome)
        except FetchError as exc:
            outcome.ok = False
            if exc.offline:
                offline = f"offline or unreachable ({exc})"
                outcome.lines.append(f"{offline}: nothing fetched; check the connection and run again")
            else:
                outcome.lines.append(f"failed: {exc}")
    for key in [k for k, r in manifest.sources.items() if not (r.retrievals or r.metadata or r.identifier)]:
        del manifest.sources[key]  # nothing to say about a source without identifier or copy
    path = root / MANIFEST
    if manifest.as_json() != before:  # a run that learnt nothing leaves the registry as it was
        write_manifest(root, manifest)
    return outcomes, path


def _fetch_one(
    root: Path, key: str, idents: list[Identifier], record, client: HttpClient, keep: bool, outcome: Outcome
) -> None:
    """Every identifier's handlers in turn. The metadata compared with the entry is the record of its
    first DOI or arXiv id (a DOI that resolves to nothing must not hide behind a preprint's record);
    a text is taken from whichever identifier gives one first (an arXiv PDF for a paywalled DOI)."""
    named = next((i for i in idents if i.scheme != "url"), None)
    got_text = False
    for ident in idents:
        if ident.scheme == "url" and got_text:
            break
        for handler in _plan(ident):
            result: FetchResult = handler.fetch(ident, client)
            for r in result.retrievals:
                _replace(record.retrievals, r)
            resolved = bool(result.metadata) and result.metadata.get("resolved", True)
            if ident == named and result.metadata is not None:
                record.metadata = result.metadata  # a later handler's answer (DataCite after Crossref) wins
                outcome.lines.append(
                    f"{ident}: metadata from {handler.name}" if resolved else f"{ident}: not found by {handler.name}"
                )
            for text in result.texts:
                if _keep_text(root, key, record, handler.name, text, keep, outcome) and text.what == "text":
                    got_text = True
            if resolved:
                break  # one record per identifier: DataCite is asked only for DOIs Crossref does not know


def _keep_text(root: Path, key: str, record, via: str, text, keep: bool, outcome: Outcome) -> bool:
    """Store a fetched text (kept in the registry, or in the cache) and record it."""
    sha = sha256_of(text.data)
    kept = None
    if keep and redistributable(text.licence):
        target = (
            root / KEPT_DIR / f"{key}{'-abstract' if text.what == 'abstract' else ''}"
            f"{_SUFFIX.get(text.media_type, '.bin')}"
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.data)
        kept = target.relative_to(root).as_posix()
    else:
        path = cached_path(sha, text.media_type)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.data)
    _replace(
        record.retrievals,
        Retrieval(text.what, text.url, via, "fetched", now(), sha, text.media_type, text.licence, kept),
    )
    outcome.lines.append(f"{text.what} ({text.media_type}) from {text.url} into {kept or 'the local cache'}")
    return True


def _record_local_copies(registry, key: str, record, outcome: Outcome) -> None:
    """The SHA-256 of the copies the entry's ``file`` field names (no network): ``sources status``
    and ``check`` then say when a copy changed."""
    entry = registry.sources[key]
    for link in parse_file_field(entry.fields.get("file", "")):
        resolved = resolve(link, registry.root / registry.source_files[key], registry.root)
        if resolved.path is None or resolved.problem:
            continue
        rel = resolved.path.relative_to(registry.root.resolve()).as_posix()
        sha = sha256_of(resolved.path.read_bytes())
        previous = record.latest("local copy", None)
        if previous is None or previous.sha256 != sha or previous.kept != rel:
            _replace(
                record.retrievals,
                Retrieval("local copy", None, "file", "recorded", now(), sha, resolved.media_type, None, rel),
            )
            outcome.lines.append(f"local copy {rel} recorded (sha256 {sha[:12]}…)")


@dataclass
class SourceStatus:
    key: str
    text: str  # what text is available, from where
    changed: str  # "unchanged", "changed since recorded", "not recorded"
    fetched: str  # what the manifest records


def source_status(root: Path) -> list[SourceStatus]:
    """For each source: the text ``check`` would read, from where, and whether it changed."""
    from ...registry import load
    from ..available import source_texts

    registry = load(root, normalise=False)
    texts = source_texts(registry)
    if texts.manifest_problem is not None:  # "nothing recorded" would hide what was recorded
        raise texts.manifest_problem
    rows = []
    for key, avail in sorted(texts.by_key.items()):
        record = texts.manifest.sources.get(key)
        if avail.text is not None:
            pages = f"{len(avail.text.pages)} page{'s' if len(avail.text.pages) != 1 else ''}"
            text = f"{avail.text.media_type}, {pages}, from {avail.origin}"
        elif avail.declared:
            text = "named but not available here (fetch it, or check the file field)"
            if avail.absent:
                # the path looked for, so that a path written from the wrong folder shows
                absent = "; ".join(copy.describe() for copy in avail.absent)
                text = (
                    f"named but not available here: {absent} (a relative path is read from the .bib file's "
                    "folder; fetch it, or check the file field)"
                )
        else:
            text = "none"
        if avail.text is None:
            changed = "-"
        elif any(p.code == "CG386" for p in avail.problems):
            changed = "changed since recorded"
        elif record and any(r.sha256 == avail.text.sha256 for r in record.retrievals):
            changed = "unchanged since recorded"
        else:
            changed = "not recorded (run `claimgraph sources fetch` to record its hash)"
        if record:
            parts = sorted({f"{r.what}: {r.status}" for r in record.retrievals})
            fetched = "; ".join(parts) if parts else "nothing"
        else:
            fetched = "nothing recorded"
        rows.append(SourceStatus(key, text, changed, fetched))
    return rows
