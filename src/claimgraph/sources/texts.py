"""The text of a source's copy, page by page, extracted once per content.

PDF pages come from pypdf with their page labels (the numbers printed on the pages, which
``/PageLabels`` records) when the PDF has them; HTML gives its main text through trafilatura
(boilerplate, menus and footers left out); a plain-text file is split into pages at form feeds,
the page break ``pdftotext`` writes. Extraction is remembered in the user's cache folder under
the SHA-256 of the file's bytes, so an unchanged file is never extracted twice; what is
remembered depends only on those bytes and the extractor's version, never on the machine.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

#: Bumped when extraction changes, so texts extracted by an older version are not reused.
EXTRACTION_VERSION = 1
#: A source copy above this size is refused: larger than any article or report worth quoting.
MAX_SOURCE_BYTES = 200 * 1024 * 1024


class TextExtractionError(Exception):
    """The copy could not be read or its text extracted."""


@dataclass(frozen=True)
class Page:
    index: int  # 0-based position in the document
    label: str | None  # the printed page number the PDF declares, if it declares them
    text: str


@dataclass(frozen=True)
class SourceText:
    pages: tuple[Page, ...]
    media_type: str
    sha256: str
    #: True when the pages carry labels from the PDF's /PageLabels.
    labelled: bool = False

    @property
    def paged(self) -> bool:
        """Whether the pages mean something (a PDF, or a text with form feeds)."""
        return self.media_type == "application/pdf" or len(self.pages) > 1


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _extractor_tag() -> str:
    import pypdf
    import trafilatura

    return f"v{EXTRACTION_VERSION}-pypdf{pypdf.__version__}-trafilatura{trafilatura.__version__}"


def _cache_name(sha: str, media_type: str) -> str:
    kind = media_type.split("/")[-1]
    return f"text-{sha}-{kind}-{_extractor_tag()}.json"


def extract_file(path: Path, media_type: str) -> SourceText:
    """The text of the copy at ``path`` (read from the cache when this content was seen before)."""
    try:
        if path.stat().st_size > MAX_SOURCE_BYTES:
            raise TextExtractionError(f"over the limit of {MAX_SOURCE_BYTES:,} bytes")
        data = path.read_bytes()
    except OSError as exc:
        raise TextExtractionError(f"cannot read: {exc.strerror or exc}") from None
    return extract_bytes(data, media_type)


def extract_bytes(data: bytes, media_type: str) -> SourceText:
    from ..file_io import cache_dir, save_in_cache

    sha = sha256_of(data)
    name = _cache_name(sha, media_type)
    try:
        cached = json.loads((cache_dir() / name).read_text(encoding="utf-8"))
        return SourceText(
            tuple(Page(i, label, text) for i, (label, text) in enumerate(cached["pages"])),
            media_type,
            sha,
            cached["labelled"],
        )
    except (OSError, ValueError, KeyError, TypeError):
        pass
    text = _extract(data, media_type, sha)
    save_in_cache(name, json.dumps({"pages": [[p.label, p.text] for p in text.pages], "labelled": text.labelled}))
    return text


def _extract(data: bytes, media_type: str, sha: str) -> SourceText:
    if media_type == "application/pdf":
        return _pdf(data, sha)
    if media_type == "text/html":
        return SourceText((Page(0, None, html_main_text(data)),), media_type, sha)
    if media_type == "text/plain":
        return _plain(data, sha)
    raise TextExtractionError(f"cannot extract text from {media_type}")


def _plain(data: bytes, sha: str) -> SourceText:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TextExtractionError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()  # pdftotext ends the last page with a form feed too
    return SourceText(tuple(Page(i, None, p) for i, p in enumerate(pages)), "text/plain", sha)


def _pdf(data: bytes, sha: str) -> SourceText:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about odd but readable PDFs
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise TextExtractionError("the PDF is encrypted with a password")
        # pypdf invents labels 1, 2, 3… when the PDF declares none: only declared ones are printed numbers
        labelled = "/PageLabels" in reader.trailer["/Root"]
        labels = list(reader.page_labels) if labelled else [None] * len(reader.pages)
        pages = tuple(
            Page(i, labels[i] if i < len(labels) else None, page.extract_text() or "")
            for i, page in enumerate(reader.pages)
        )
    except TextExtractionError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise TextExtractionError(f"not a readable PDF: {exc}") from None
    return SourceText(pages, "application/pdf", sha, labelled)


def html_main_text(data: bytes | str) -> str:
    """The main text of an HTML page: trafilatura's extraction, or all its text when trafilatura
    finds no main content (a short page, a fragment without <html> and <body>)."""
    import logging

    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    from lxml.etree import LxmlError

    html = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    # an XHTML page's XML declaration names an encoding, which lxml refuses on text already decoded
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    try:
        text = trafilatura.extract(
            html, include_comments=False, include_tables=True, favor_recall=True, deduplicate=False
        )
        if not text:
            text = trafilatura.html2txt(html) or _all_text(html)
    except (LxmlError, ValueError, TypeError, RecursionError) as exc:
        raise TextExtractionError(f"not readable HTML: {exc}") from None
    return text


def _all_text(html: str) -> str:
    """Every word of a page outside scripts and styles: for a fragment trafilatura does not read."""
    import lxml.html

    if not html.strip():
        return ""
    document = lxml.html.document_fromstring(html)
    for element in document.iter("script", "style", "noscript", "template"):
        element.drop_tree()
    return " ".join(document.text_content().split())
