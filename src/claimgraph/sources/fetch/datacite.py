"""DOIs registered with DataCite (data sets, reports, software): ``GET {CLAIMGRAPH_DATACITE_API}/dois/{doi}``
(JSON:API, ``{"data": {"attributes": {...}}}``), and the text its ``contentUrl`` gives under an open licence."""

from __future__ import annotations

import json
from urllib.parse import quote

from ..manifest import Retrieval
from ..references import Identifier
from ..texts import sha256_of
from . import TEXT_TYPES, FetchedText, FetchResult, endpoint, now, plain_title, record_not_found, redistributable
from .http import FetchError, HttpClient


class DataCiteHandler:
    name = "datacite"

    def handles(self, identifier: Identifier) -> bool:
        return identifier.scheme == "doi"

    def address(self, identifier: Identifier) -> str:
        return f"{endpoint('DATACITE', 'https://api.datacite.org')}/dois/{quote(identifier.value, safe='/')}"

    def fetch(self, identifier: Identifier, client: HttpClient) -> FetchResult:
        url = self.address(identifier)
        response = client.get(url, accept="application/vnd.api+json, application/json")
        if response.status in (404, 410):
            return record_not_found(self.name, identifier, url, response.status)
        result = FetchResult()
        try:
            attributes = json.loads(response.body)["data"]["attributes"]
        except (ValueError, KeyError, TypeError):
            raise FetchError(f"{url}: not a DataCite DOI record") from None
        rights = attributes.get("rightsList") or []
        licence = next(
            (
                r.get("rightsUri") or r.get("rightsIdentifier")
                for r in rights
                if r.get("rightsUri") or r.get("rightsIdentifier")
            ),
            None,
        )
        result.retrievals.append(
            Retrieval(
                "metadata", url, self.name, "fetched", now(), sha256_of(response.body), response.media_type, licence
            )
        )
        creators = []
        for c in attributes.get("creators") or []:
            if c.get("familyName"):
                creators.append(c["familyName"] + (f", {c['givenName']}" if c.get("givenName") else ""))
            elif c.get("name"):
                creators.append(c["name"])
        container = attributes.get("container") or {}
        metadata = {
            "via": self.name,
            "identifier": str(identifier),
            "resolved": True,
            "title": plain_title(
                next((t.get("title") for t in attributes.get("titles") or [] if not t.get("titleType")), None)
            ),
            "authors": creators,
            "year": str(attributes["publicationYear"]) if attributes.get("publicationYear") else None,
            "venue": container.get("title") or attributes.get("publisher") if container else None,
            "licence": licence,
        }
        result.metadata = {k: v for k, v in metadata.items() if v not in (None, [])}
        if licence and redistributable(licence):
            for content_url in attributes.get("contentUrl") or []:
                try:
                    text = client.get(content_url)
                except FetchError as exc:
                    result.retrievals.append(Retrieval("text", content_url, self.name, "failed", now(), note=str(exc)))
                    continue
                if text.status == 200 and text.media_type in TEXT_TYPES:
                    result.texts.append(FetchedText("text", content_url, text.body, text.media_type, licence))
                    break
        return result
