"""Reading a registry's text files the same way for Turtle, BibTeX and SPARQL.

UTF-8 only (a leading BOM is dropped); CRLF and lone CR become LF so that the
line numbers every parser reports are the ones an editor shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import USAGE, ClaimgraphError

#: Files above this size are refused rather than parsed: a registry is written by
#: people, and a 50 MB claims file is a mistake or an attack, not a registry.
MAX_FILE_BYTES = 50 * 1024 * 1024


class TextFileError(ClaimgraphError):
    """A file could not be read as text; ``line`` points at the bad byte when known."""

    kind = USAGE

    def __init__(self, code: str, message: str, line: int | None = None):
        super().__init__(message)
        self.code = code
        self.line = line


@dataclass(frozen=True)
class TextFile:
    path: Path
    text: str


def read_text(path: Path) -> TextFile:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TextFileError("CG111", f"file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}")
        raw = path.read_bytes()
    except OSError as exc:
        raise TextFileError("CG100", f"cannot read file: {exc.strerror or exc}") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TextFileError(
            "CG102", f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}; save the file as UTF-8", line
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return TextFile(path, text)
