"""DOIs registered with Crossref: ``GET {CLAIMGRAPH_CROSSREF_API}/works/{doi}`` (the REST API's JSON
``{"status": "ok", "message": {...}}``), and the full text its ``link`` list gives when the work's
``license`` list names an open licence."""

from __future__ import annotations

import json
from urllib.parse import quote

from ..manifest import Retrieval
from ..references import Identifier
from ..texts import sha256_of
from . import TEXT_TYPES, FetchedText, FetchResult, endpoint, now, plain_title, record_not_found, redistributable
from .http import FetchError, HttpClient


class CrossrefHandler:
    name = "crossref"

    def handles(self, identifier: Identifier) -> bool:
        return identifier.scheme == "doi"

    def address(self, identifier: Identifier) -> str:
        return f"{endpoint('CROSSREF', 'https://api.crossref.org')}/works/{quote(identifier.value, safe='/')}"

    def fetch(self, identifier: Identifier, client: HttpClient) -> FetchResult:
        url = self.address(identifier)
        response = client.get(url, accept="application/json")
        if response.status in (404, 410):
            return record_not_found(self.name, identifier, url, response.status)
        result = FetchResult()
        try:
            message = json.loads(response.body)["message"]
        except (ValueError, KeyError, TypeError):
            raise FetchError(f"{url}: not a Crossref works record") from None
        licence = _licence(message)
        result.retrievals.append(
            Retrieval(
                "metadata", url, self.name, "fetched", now(), sha256_of(response.body), response.media_type, licence
            )
        )
        issued = (message.get("issued") or message.get("published") or {}).get("date-parts") or [[None]]
        year = issued[0][0] if issued and issued[0] else None
        result.metadata = {
            "via": self.name,
            "identifier": str(identifier),
            "resolved": True,
            "title": plain_title(" ".join(message.get("title") or [])),
            "authors": [_person(a) for a in message.get("author") or [] if _person(a)],
            "year": str(year) if year else None,
            "venue": plain_title((message.get("container-title") or [None])[0]),
            "licence": licence,
        }
        result.metadata = {k: v for k, v in result.metadata.items() if v not in (None, [])}
        for link in message.get("link") or []:
            media = (link.get("content-type") or "").split(";")[0].strip().lower()
            if media in TEXT_TYPES and link.get("URL") and licence and redistributable(licence):
                try:
                    text = client.get(link["URL"], accept=media)
                except FetchError as exc:
                    result.retrievals.append(Retrieval("text", link["URL"], self.name, "failed", now(), note=str(exc)))
                    continue
                if text.status == 200:
                    result.texts.append(
                        FetchedText(
                            "text",
                            link["URL"],
                            text.body,
                            text.media_type if text.media_type in TEXT_TYPES else media,
                            licence,
                        )
                    )
                    break
        return result


def _person(author: dict) -> str | None:
    if author.get("family"):
        return author["family"] + (f", {author['given']}" if author.get("given") else "")
    return author.get("name")


def _licence(message: dict) -> str | None:
    licences = message.get("license") or []
    for wanted in ("vor", "am", "tdm", None):
        for item in licences:
            if item.get("URL") and (wanted is None or item.get("content-version") == wanted):
                return item["URL"]
    return None
