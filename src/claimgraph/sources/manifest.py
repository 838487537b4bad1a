"""The registry's record of source texts and metadata: ``sources/manifest.json``.

``claimgraph sources fetch`` writes it; ``check`` and ``sources status`` only read it. For every
source key it holds the retrievals made (what, from where, when, SHA-256, media type, licence,
whether the text was kept in the registry) and the metadata record of the source's identifier,
so that a registry checked offline still compares its BibTeX with what the identifier resolved
to. Written with sorted keys and no volatile fields beyond the retrieval times, so diffs stay small.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import USAGE, ClaimgraphError

MANIFEST = "sources/manifest.json"
#: Texts kept in the registry (their licence allows it and ``--keep`` asked for it).
KEPT_DIR = "sources/texts"
FORMAT = 1


class ManifestError(ClaimgraphError):
    kind = USAGE

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


@dataclass
class Retrieval:
    what: str  # "metadata", "abstract", "text", "local copy"
    url: str | None  # where it came from (None for a local copy)
    via: str  # the handler: arxiv, crossref, datacite, url, file
    status: str  # "fetched", "not fetched", "not found", "failed"; "recorded" for a local copy
    retrieved: str | None = None  # ISO 8601 UTC time
    sha256: str | None = None
    media_type: str | None = None
    licence: str | None = None
    kept: str | None = None  # path inside the registry when the text is kept there
    note: str | None = None

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class SourceRecord:
    identifier: str | None = None  # "doi:…", "arxiv:…", "url:…"
    retrievals: list[Retrieval] = field(default_factory=list)
    metadata: dict | None = None  # the identifier's record, reduced (see references.py)

    def latest(self, what: str, status: str | None = "fetched") -> Retrieval | None:
        for r in reversed(self.retrievals):
            if r.what == what and (status is None or r.status == status):
                return r
        return None


@dataclass
class Manifest:
    sources: dict[str, SourceRecord] = field(default_factory=dict)

    def record(self, key: str) -> SourceRecord:
        return self.sources.setdefault(key, SourceRecord())

    def as_json(self) -> str:
        data = {
            "format": FORMAT,
            "sources": {
                key: {
                    k: v
                    for k, v in {
                        "identifier": rec.identifier,
                        "retrievals": [r.as_dict() for r in rec.retrievals],
                        "metadata": rec.metadata,
                    }.items()
                    if v is not None
                }
                for key, rec in sorted(self.sources.items())
            },
        }
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def read_manifest(root: Path) -> Manifest:
    """The registry's manifest (empty when it has none). Raises :class:`ManifestError`."""
    path = root / MANIFEST
    if not path.is_file():
        return Manifest()
    if not path.resolve().is_relative_to(root.resolve()):
        raise ManifestError("the manifest is a link leading outside the registry")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ManifestError(f"not valid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"cannot read: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("sources"), dict):
        raise ManifestError('expected {"format": 1, "sources": {KEY: {...}}}')
    manifest = Manifest()
    known = set(Retrieval.__dataclass_fields__)
    for key, raw in data["sources"].items():
        if not isinstance(raw, dict):
            raise ManifestError(f"source {key!r}: expected an object")
        retrievals = []
        items = raw.get("retrievals", [])
        if not isinstance(items, list):
            raise ManifestError(f"source {key!r}: retrievals must be a list")
        for item in items:
            if not isinstance(item, dict) or not {"what", "via", "status"} <= set(item):
                raise ManifestError(f"source {key!r}: a retrieval needs what, via and status")
            fields = {k: v for k, v in item.items() if k in known}
            odd = next((k for k, v in fields.items() if v is not None and not isinstance(v, str)), None)
            if odd:
                raise ManifestError(f"source {key!r}: retrieval field {odd!r} must be a string")
            if fields.get("sha256") is not None and not _SHA256.fullmatch(fields["sha256"]):
                # it names a file of the cache: anything but a hash could name another file
                raise ManifestError(f"source {key!r}: sha256 {fields['sha256'][:80]!r} is not 64 hexadecimal digits")
            fields.setdefault("url", None)  # a local copy comes from no address
            retrievals.append(Retrieval(**fields))
        identifier = raw.get("identifier")
        if identifier is not None and not isinstance(identifier, str):
            raise ManifestError(f"source {key!r}: identifier must be a string")
        manifest.sources[key] = SourceRecord(identifier, retrievals, _metadata(key, raw.get("metadata")))
    return manifest


_SHA256 = re.compile(r"[0-9a-f]{64}")


def _metadata(key: str, metadata) -> dict | None:
    """A record as :func:`claimgraph.sources.references.compare` reads it, or a ManifestError."""
    if metadata is None:
        return None
    if not isinstance(metadata, dict):
        raise ManifestError(f"source {key!r}: metadata must be an object")
    for name in ("title", "venue", "identifier", "via", "licence", "doi"):
        if metadata.get(name) is not None and not isinstance(metadata[name], str):
            raise ManifestError(f"source {key!r}: metadata {name!r} must be a string")
    if metadata.get("year") is not None and not isinstance(metadata["year"], (str, int)):
        raise ManifestError(f"source {key!r}: metadata 'year' must be a year")
    authors = metadata.get("authors")
    if authors is not None and not (isinstance(authors, list) and all(isinstance(a, str) for a in authors)):
        raise ManifestError(f"source {key!r}: metadata 'authors' must be a list of names")
    if metadata.get("resolved") is not None and not isinstance(metadata["resolved"], bool):
        raise ManifestError(f"source {key!r}: metadata 'resolved' must be true or false")
    return metadata


def write_manifest(root: Path, manifest: Manifest) -> Path:
    """Write the manifest whole or not at all, readable as the registry's other files are (not 0600)."""
    from ..file_io import write_atomically

    path = root / MANIFEST
    write_atomically(path, manifest.as_json().encode("utf-8"))
    return path


def fetched_dir() -> Path:
    """Where fetched texts not kept in the registry live: the user's cache, outside version control."""
    from ..file_io import cache_dir

    return cache_dir() / "fetched"


_SUFFIX = {
    "application/pdf": ".pdf",
    "text/html": ".html",
    "text/plain": ".txt",
    "application/json": ".json",
    "application/atom+xml": ".xml",
}


def cached_path(sha256: str, media_type: str | None) -> Path:
    return fetched_dir() / f"{sha256}{_SUFFIX.get(media_type or '', '.bin')}"
