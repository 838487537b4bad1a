"""arXiv ids: the arXiv API (``GET {CLAIMGRAPH_ARXIV_API}?id_list=ID``, an Atom 1.0 feed), giving the
metadata, the abstract (``<summary>``) and the PDF (the entry's ``<link title="pdf">``). arXiv asks
for one request every three seconds; the client keeps that interval for export.arxiv.org."""

from __future__ import annotations

from urllib.parse import urlencode
from xml.etree import ElementTree

from ..manifest import Retrieval
from ..references import Identifier
from ..texts import sha256_of
from . import FetchedText, FetchResult, endpoint, now
from .http import FetchError, HttpClient

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
#: The licence arXiv grants itself when the authors chose none: it does not allow redistribution.
DEFAULT_LICENCE = "http://arxiv.org/licenses/nonexclusive-distrib/1.0/"


class ArxivHandler:
    name = "arxiv"

    def handles(self, identifier: Identifier) -> bool:
        return identifier.scheme == "arxiv"

    def address(self, identifier: Identifier) -> str:
        base = endpoint("ARXIV", "https://export.arxiv.org/api/query")
        return f"{base}?{urlencode({'id_list': identifier.value, 'max_results': 1})}"

    def fetch(self, identifier: Identifier, client: HttpClient) -> FetchResult:
        base = endpoint("ARXIV", "https://export.arxiv.org/api/query")
        url = f"{base}?{urlencode({'id_list': identifier.value, 'max_results': 1})}"
        response = client.get(url, accept="application/atom+xml")
        result = FetchResult()
        try:
            feed = ElementTree.fromstring(response.body) if response.status == 200 else None
        except ElementTree.ParseError:
            raise FetchError(f"{url}: not an Atom feed") from None
        entry = feed.find(f"{ATOM}entry") if feed is not None else None
        title = _text(entry, f"{ATOM}title") if entry is not None else None
        # an unknown id gives no entry, or (older API) an entry titled "Error"
        if entry is None or not title or title == "Error" or entry.find(f"{ATOM}id") is None:
            result.retrievals.append(Retrieval("metadata", url, self.name, "not found", now()))
            result.metadata = {
                "via": self.name,
                "identifier": str(identifier),
                "resolved": False,
                "status_code": "no entry",
            }
            return result
        licence = None
        for link in entry.findall(f"{ATOM}link"):
            if link.get("rel") == "license":
                licence = link.get("href")
        licence = licence or _text(entry, f"{ARXIV}license") or DEFAULT_LICENCE
        result.retrievals.append(
            Retrieval(
                "metadata", url, self.name, "fetched", now(), sha256_of(response.body), "application/atom+xml", licence
            )
        )
        published = _text(entry, f"{ATOM}published") or ""
        authors = [_family_first(_text(a, f"{ATOM}name") or "") for a in entry.findall(f"{ATOM}author")]
        result.metadata = {
            k: v
            for k, v in {
                "via": self.name,
                "identifier": str(identifier),
                "resolved": True,
                "title": title,
                "authors": [a for a in authors if a],
                "year": published[:4] or None,
                "venue": _text(entry, f"{ARXIV}journal_ref"),
                "doi": _text(entry, f"{ARXIV}doi"),
                "licence": licence,
            }.items()
            if v not in (None, [])
        }
        summary = _text(entry, f"{ATOM}summary")
        if summary:
            result.texts.append(FetchedText("abstract", url, summary.encode("utf-8"), "text/plain", licence))
        pdf = next(
            (
                link.get("href")
                for link in entry.findall(f"{ATOM}link")
                if link.get("title") == "pdf" or link.get("type") == "application/pdf"
            ),
            None,
        )
        if pdf:
            try:
                reply = client.get(pdf, accept="application/pdf")
                if reply.status == 200:
                    result.texts.append(FetchedText("text", pdf, reply.body, "application/pdf", licence))
                else:
                    result.retrievals.append(Retrieval("text", pdf, self.name, "not found", now()))
            except FetchError as exc:
                result.retrievals.append(Retrieval("text", pdf, self.name, "failed", now(), note=str(exc)))
        return result


def _text(node, tag: str) -> str | None:
    found = node.find(tag) if node is not None else None
    if found is None or found.text is None:
        return None
    return " ".join(found.text.split()) or None


def _family_first(name: str) -> str:
    """ "Jane Q. Doe" as "Doe, Jane Q.", the form BibTeX and the other records use."""
    parts = name.split()
    return f"{parts[-1]}, {' '.join(parts[:-1])}" if len(parts) > 1 else name
