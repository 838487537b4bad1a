"""What reading a file costs in Python, remembered per file by its content: the statement index of a Turtle
file (:func:`~claimgraph.loading.turtle.index_turtle`, with whether it needs the checks on its triples) and
the parsed entries of a BibTeX file (:func:`~claimgraph.loading.bibtex.parse_bibtex`).

``claimgraph check`` after one file was edited misses the check cache, and used to read every file again:
at 10,000 claims a tenth of its CPU time went into indexing and parsing files that had not changed. With
:class:`RememberedReadings` given to the loader, only the edited file is read again; the store is still
loaded from every file's text, and every check runs, so the findings are those of a cold check.

An entry is keyed by the file's text, the registry's base IRI (the index resolves names against it) and
claimgraph's own code and that of the parsers it reads with, so a change to any of them reads the file
again. Entries live in the user's cache folder (:func:`claimgraph.file_io.cache_dir`), one folder per
registry, never in the registry; the entries of files the registry no longer holds are removed after a
load. Written as JSON: the cache folder holds data, never anything a reader would execute.
"""

from __future__ import annotations

import hashlib
import sys
from functools import lru_cache
from pathlib import Path

from ..file_io import RememberedEntries, cache_entry_for, package_files
from .bibtex import BibEntry, BibFile, BibProblem, parse_bibtex
from .rdf_checks import needs_quad_scan
from .turtle import ParsedTurtle, index_turtle

#: Bumped when what an entry holds changes shape.
_VERSION = 1


@lru_cache(maxsize=1)
def _code_key() -> bytes:
    """claimgraph's Python code, Python's version and the parsers' versions: what the readings depend on
    beside a file's text."""
    import bibtexparser
    import pyoxigraph

    digest = hashlib.sha256(f"{_VERSION}\0{sys.version}\0{bibtexparser.__version__}\0{pyoxigraph.__version__}".encode())
    for name, path in package_files((".py",)):
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


class RememberedReadings:
    """The readings of ``root``'s files remembered in the cache folder (see the module's docs)."""

    def __init__(self, root: Path, base_iri: str):
        self._base_iri = base_iri
        try:
            key = hashlib.sha256(_code_key() + base_iri.encode() + b"\0")
        except OSError:  # claimgraph's own files cannot be read: nothing is remembered
            key = None
        self.entries = RememberedEntries(cache_entry_for(root, "readings", ""), key)

    def _name(self, kind: str, text: str) -> str | None:
        return self.entries.name(kind, kind.encode() + b"\0" + text.encode())

    def turtle_index(self, text: str) -> tuple[ParsedTurtle, bool]:
        """``text``'s :func:`index_turtle` and whether it :func:`needs_quad_scan`, remembered or read now."""
        name = self._name("turtle", text)
        data = self.entries.read(name)
        if data is not None:
            try:
                return _index_from(data, text, self._base_iri), bool(data["scan"])
            except (KeyError, TypeError, ValueError):
                pass  # not what this code writes: read the file again
        parsed = index_turtle(text, self._base_iri)
        scan = needs_quad_scan(text, parsed)
        self.entries.keep(name, _index_data(parsed, scan))
        return parsed, scan

    def bibtex(self, text: str) -> BibFile:
        """``parse_bibtex(text)``, remembered or parsed now (fresh objects either way: the loader completes
        entries from their crossrefs in place)."""
        name = self._name("bibtex", text)
        data = self.entries.read(name)
        if data is not None:
            try:
                return _bib_from(data)
            except (KeyError, TypeError, ValueError):
                pass
        parsed = parse_bibtex(text)
        self.entries.keep(name, _bib_data(parsed))
        return parsed

    def forget_the_rest(self) -> None:
        """Remove the entries of files this load did not read (edited since, or removed)."""
        self.entries.forget_the_rest()


def _pairs(values: dict[str, tuple[int, int]]) -> list[int]:
    return [number for pair in values.values() for number in pair]


def _from_pairs(keys: list[str], numbers: list[int]) -> dict[str, tuple[int, int]]:
    if len(numbers) != 2 * len(keys):
        raise ValueError("an entry's keys and numbers do not pair up")
    it = iter(numbers)
    return dict(zip(keys, zip(it, it)))


def _index_data(parsed: ParsedTurtle, scan: bool) -> dict:
    return {
        "scan": scan,
        "blocks": list(parsed.blocks),
        "block_lines": _pairs(parsed.blocks),
        "repeated": [list(block) for block in parsed.repeated],
        "spans": list(parsed.spans),
        "span_offsets": _pairs(parsed.spans),
        "prefixes": parsed.prefixes,
        "base_lines": parsed.base_lines,
        "deepest": parsed.deepest,
        "collections": parsed.collections,
        "rare_syntax": parsed.rare_syntax,
        "ascii_syntax": parsed.ascii_syntax,
        "extreme_numeral": parsed.extreme_numeral,
        "rewritten_numeral": parsed.rewritten_numeral,
        "rdf12_at": parsed.rdf12_at,
    }


def _typed(value, kind: type | tuple[type, ...]):
    """``value`` when it is of ``kind`` (an entry damaged into valid JSON of other types is read again)."""
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"a remembered reading holds {type(value).__name__} where {kind} belongs")
    return value


def _index_from(data: dict, text: str, base_iri: str) -> ParsedTurtle:
    for flag in ("scan", "collections", "rare_syntax", "ascii_syntax", "extreme_numeral", "rewritten_numeral"):
        _typed(data[flag], bool)
    _typed(data["deepest"], int)
    if data["rdf12_at"] is not None:
        _typed(data["rdf12_at"], int)
    return ParsedTurtle(
        quads=[],
        blocks=_from_pairs(data["blocks"], data["block_lines"]),
        repeated=[
            (_typed(iri, str), _typed(line, int), _typed(start, int), _typed(end, int))
            for iri, line, start, end in data["repeated"]
        ],
        prefixes=dict(data["prefixes"]),
        base_lines=list(data["base_lines"]),
        text=text,
        base_iri=base_iri,
        spans=_from_pairs(data["spans"], data["span_offsets"]),
        deepest=data["deepest"],
        collections=data["collections"],
        rare_syntax=data["rare_syntax"],
        ascii_syntax=data["ascii_syntax"],
        extreme_numeral=data["extreme_numeral"],
        rewritten_numeral=data["rewritten_numeral"],
        rdf12_at=data["rdf12_at"],
    )


def _bib_data(parsed: BibFile) -> dict:
    return {
        "entries": [[e.key, e.entry_type, e.fields, e.line, e.field_lines] for e in parsed.entries],
        "problems": [[p.code, p.line, p.message, p.hint, p.key] for p in parsed.problems],
    }


def _bib_from(data: dict) -> BibFile:
    for key, kind, fields, line, field_lines in data["entries"]:
        _typed(key, str), _typed(kind, str), _typed(fields, dict), _typed(line, int), _typed(field_lines, dict)
    return BibFile(
        [BibEntry(key, kind, fields, line, field_lines) for key, kind, fields, line, field_lines in data["entries"]],
        [BibProblem(code, line, message, hint, key) for code, line, message, hint, key in data["problems"]],
    )
