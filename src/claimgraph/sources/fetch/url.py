"""Plain web addresses: the page itself (its main text is extracted when ``check`` reads it), or a PDF."""

from __future__ import annotations

from ..manifest import Retrieval
from ..references import Identifier
from . import TEXT_TYPES, FetchedText, FetchResult, now
from .http import HttpClient


class UrlHandler:
    name = "url"

    def handles(self, identifier: Identifier) -> bool:
        return identifier.scheme == "url"

    def address(self, identifier: Identifier) -> str:
        return identifier.value

    def fetch(self, identifier: Identifier, client: HttpClient) -> FetchResult:
        response = client.get(identifier.value, accept="text/html, application/pdf;q=0.9, text/plain;q=0.8")
        result = FetchResult()
        if response.status != 200:
            result.retrievals.append(
                Retrieval("text", identifier.value, self.name, "not found", now(), note=f"HTTP {response.status}")
            )
            return result
        media = response.media_type if response.media_type in TEXT_TYPES else None
        if media is None and response.media_type == "application/xhtml+xml":
            media = "text/html"
        if media is None:
            result.retrievals.append(
                Retrieval(
                    "text",
                    identifier.value,
                    self.name,
                    "failed",
                    now(),
                    media_type=response.media_type,
                    note="not PDF, HTML or text",
                )
            )
            return result
        result.texts.append(FetchedText("text", response.url, response.body, media))
        return result
