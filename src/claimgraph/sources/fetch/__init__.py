"""``claimgraph sources fetch``: metadata and texts of a registry's sources, from their identifiers.

One module per identifier source, each a :class:`Handler` (Manubot's design): ``arxiv`` (the arXiv
API's Atom feed: metadata, abstract, PDF), ``crossref`` and ``datacite`` (a DOI's JSON record, and
the open-access full text the record links), ``url`` (a web page's main text). Base addresses come
from the environment so that tests point them at a loopback server:

``CLAIMGRAPH_ARXIV_API`` (default ``https://export.arxiv.org/api/query``), ``CLAIMGRAPH_CROSSREF_API``
(``https://api.crossref.org``), ``CLAIMGRAPH_DATACITE_API`` (``https://api.datacite.org``).

This package is the only one that opens network connections, and only when that command runs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Protocol

from ..manifest import Retrieval
from ..references import Identifier
from .http import HttpClient


#: Media types a fetched full text may have (others are recorded, not extracted).
TEXT_TYPES = {"application/pdf", "text/html", "text/plain"}


def now() -> str:
    """The time of a retrieval, as the manifest records it (UTC, to the second)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def endpoint(name: str, default: str) -> str:
    return os.environ.get(f"CLAIMGRAPH_{name}_API", default).rstrip("/")


@dataclass
class FetchedText:
    what: str  # "text" (full text) or "abstract"
    url: str
    data: bytes
    media_type: str
    licence: str | None = None


@dataclass
class FetchResult:
    """What one handler found for one identifier."""

    metadata: dict | None = None  # the reduced record (see references.py)
    retrievals: list[Retrieval] = field(default_factory=list)
    texts: list[FetchedText] = field(default_factory=list)


class Handler(Protocol):
    name: str

    def handles(self, identifier: Identifier) -> bool: ...

    def address(self, identifier: Identifier) -> str:
        """Where the record of ``identifier`` is fetched from (without fetching it)."""

    def fetch(self, identifier: Identifier, client: HttpClient) -> FetchResult: ...


def record_not_found(handler: str, identifier: Identifier, url: str, status: int) -> FetchResult:
    """A DOI record the registration agency does not know (HTTP 404 or 410): the identifier does not resolve."""
    result = FetchResult()
    result.retrievals.append(Retrieval("metadata", url, handler, "not found", now(), note=f"HTTP {status}"))
    result.metadata = {"via": handler, "identifier": str(identifier), "resolved": False, "status_code": status}
    return result


def handlers() -> list[Handler]:
    from .arxiv import ArxivHandler
    from .crossref import CrossrefHandler
    from .datacite import DataCiteHandler
    from .url import UrlHandler

    return [ArxivHandler(), CrossrefHandler(), DataCiteHandler(), UrlHandler()]


#: Licences that allow a text to be kept (redistributed) in a registry under version control.
def redistributable(licence: str | None) -> bool:
    if not licence:
        return False
    text = licence.lower()
    return (
        "creativecommons.org/licenses/" in text
        or "creativecommons.org/publicdomain/" in text
        or text.startswith(("cc-by", "cc0", "cc by"))
    )


def plain_title(text: str | None) -> str | None:
    """A record's title as words: Crossref and DataCite titles may carry JATS/HTML markup
    (``<i>in vitro</i>``, ``<sub>2</sub>``) and entities."""
    import html
    import re

    if not text:
        return None
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split()) or None
