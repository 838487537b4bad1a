"""The BibTeX ``file`` field: where a researcher keeps a local copy of a source.

JabRef writes ``Description:path:Type`` triples separated by ``;`` (``:`` and ``;`` inside a
name escaped with a backslash); Zotero and Better BibTeX write the same form or a bare path.
A relative path is read relative to the folder of the .bib file holding the entry, as JabRef
reads it. A path leading outside the registry (absolute, ``..``, or a symlink) is refused, as
the loader refuses symlinks out of the registry: a registry must check the same on every machine.
A copy named inside the registry but absent (a PDF not committed) is only not on this machine.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

#: File name endings (and JabRef/Zotero type names) of the copies claimgraph can read.
MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "text/html",
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/plain",
}
_TYPE_NAMES = {
    "pdf": "application/pdf",
    "application/pdf": "application/pdf",
    "html": "text/html",
    "text/html": "text/html",
    "url": "text/html",
    "txt": "text/plain",
    "text": "text/plain",
    "text/plain": "text/plain",
    "plain text": "text/plain",
}


@dataclass(frozen=True)
class FileLink:
    """One file named by a ``file`` field: as written, and its description and type if given."""

    path: str
    description: str = ""
    type_name: str = ""


@dataclass(frozen=True)
class ResolvedFile:
    link: FileLink
    path: Path | None  # None when refused
    media_type: str | None
    problem: str | None = None  # why it is refused (outside the registry, not a file, unreadable kind)
    #: the copy is named as it should be but is not on this machine (a PDF kept out of git): "text not
    #: available" (CG380), not a problem of the registry's, which must check the same on every machine
    missing: bool = False
    #: for a missing copy, the path it was looked for at, from the registry's folder ("bib/sources/Doe2021.pdf"
    #: for "sources/Doe2021.pdf" in bib/references.bib): what a message names, so a path written from the wrong
    #: folder shows
    looked_for: str | None = None


def _split_unescaped(text: str, sep: str) -> list[str]:
    """``text`` split on ``sep`` where it is not escaped with a backslash; escapes undone."""
    parts, current, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in ":;\\":
            current.append("\\" + text[i + 1])  # kept escaped until every split is done
            i += 2
            continue
        if ch == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


def _unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in ":;\\":
            out.append(text[i + 1])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def parse_file_field(value: str) -> list[FileLink]:
    """The files a ``file`` field names, in order.

    >>> parse_file_field("Full Text:papers/doe.pdf:PDF;Snapshot:doe.html:text/html")
    [FileLink(path='papers/doe.pdf', description='Full Text', type_name='PDF'), \
FileLink(path='doe.html', description='Snapshot', type_name='text/html')]
    >>> parse_file_field("papers/doe.pdf")
    [FileLink(path='papers/doe.pdf', description='', type_name='')]
    """
    links = []
    for item in _split_unescaped(value.strip(), ";"):
        if not item.strip():
            continue
        parts = _split_unescaped(item, ":")
        # an online link written with its colon unescaped: "http://…" or "Online:https://…:PDF"
        for i in range(len(parts) - 1):
            if parts[i].strip().lower() in ("http", "https", "ftp", "file") and parts[i + 1].startswith("//"):
                parts[i : i + 2] = [parts[i].strip() + "\\:" + parts[i + 1]]
                break
        if len(parts) >= 3:
            # Description:path:Type; a path holding an unescaped ':' (C:/…) keeps its middle parts
            description, path, type_name = parts[0], ":".join(parts[1:-1]), parts[-1]
        elif len(parts) == 2:
            # ":path" or "path:Type" (Zotero) — the part that looks like a file is the path
            first, second = parts
            if Path(_unescape(first)).suffix.lower() in MEDIA_TYPES:
                description, path, type_name = "", first, second
            else:
                description, path, type_name = first, second, ""
        else:
            description, path, type_name = "", parts[0], ""
        path = _unescape(path).strip()
        if path:
            links.append(FileLink(path, _unescape(description).strip(), _unescape(type_name).strip()))
    return links


def media_type_of(link: FileLink) -> str | None:
    by_name = MEDIA_TYPES.get(Path(link.path).suffix.lower())
    return by_name or _TYPE_NAMES.get(link.type_name.strip().lower())


def resolve(link: FileLink, bib_file: Path, root: Path) -> ResolvedFile:
    """``link`` as a file inside the registry at ``root``, or why it cannot be read."""
    media_type = media_type_of(link)
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", link.path):
        return ResolvedFile(
            link,
            None,
            media_type,
            f"file {link.path!r} is an online address: check reads only "
            "local copies (put the address in the url field and run `claimgraph sources fetch`)",
        )
    written = Path(link.path)
    candidate = written if written.is_absolute() else bib_file.parent / written
    # refused as written, whether or not the file is on this machine: an absolute path, or `..` past the root
    if written.is_absolute() or not Path(os.path.normpath(os.path.abspath(candidate))).is_relative_to(
        os.path.normpath(os.path.abspath(root))
    ):
        return ResolvedFile(link, None, media_type, f"file {link.path!r} leads outside the registry")
    real_root = root.resolve()
    try:
        target = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        looked_for = Path(os.path.relpath(os.path.abspath(candidate), os.path.abspath(root))).as_posix()
        return ResolvedFile(link, None, media_type, missing=True, looked_for=looked_for)
    if not target.is_relative_to(real_root):
        return ResolvedFile(link, None, media_type, f"file {link.path!r} leads outside the registry ({target})")
    if not target.is_file():
        return ResolvedFile(link, None, media_type, f"file {link.path!r} is not a regular file")
    if media_type is None:
        return ResolvedFile(link, target, None, f"file {link.path!r} is neither PDF, HTML nor plain text")
    return ResolvedFile(link, target, media_type)
