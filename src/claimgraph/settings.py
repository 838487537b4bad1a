"""The registry's settings file, ``claimgraph.toml``.

A registry is a folder holding ``claimgraph.toml``, ``claims/*.ttl`` and
``bib/*.bib`` (optionally ``queries/*.rq`` and ``shapes/*.ttl``)::

    [registry]
    title = "Generative AI and the footprint of computing"
    base = "https://w3id.org/claimgraph/registry/viseur-2025/"
    languages = ["fr", "en"]
    licence = "https://creativecommons.org/licenses/by/4.0/"
    external_iris = ["https://www.wikidata.org/entity/"]   # optional

``base`` is the IRI every relative IRI in the claims resolves against, so no
identifier ever depends on where the folder sits on disk. ``external_iris`` lists the IRI
prefixes that a reference to a registry node (a system, a claim…) may lead to without the registry
defining the node (see ``checks/references.py``).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .hidden_characters import controls, describe

SETTINGS_FILE = "claimgraph.toml"


class SettingsError(ValueError):
    """The settings file is missing, unreadable or malformed; ``line`` when known."""

    def __init__(self, path: Path, message: str, line: int | None = None):
        super().__init__(message)
        self.path = path
        self.line = line


@dataclass(frozen=True)
class Settings:
    title: str
    base: str
    languages: tuple[str, ...] = ("en",)
    licence: str | None = None
    description: str | None = None
    #: IRI prefixes a reference may lead to without the registry defining the node (CG308).
    external_iris: tuple[str, ...] = ()

    def source_iri(self, key: str) -> str:
        return f"{self.base}source/{key}"


#: The keys of ``[registry]``; any other key, or any other table, is a mistake worth stopping for: a
#: misspelt ``license`` would otherwise leave the data without a licence, silently.
KNOWN_KEYS = ("title", "base", "languages", "licence", "description", "external_iris")
#: Larger than any settings file; reading stops there (a device or a huge file is not a settings file).
MAX_BYTES = 1024 * 1024
#: BCP 47 language tags, in the shape RDF literals accept.
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
#: What a base IRI must not hold: spaces and controls, characters IRIs exclude, bidirectional
#: controls (which show an IRI other than the one used), a query, or a % not starting an escape.
_BAD_IN_BASE = re.compile("[\\x00-\\x20\\x7f-\\x9f<>\"{}|\\\\^`?\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]"
                          "|%(?![0-9A-Fa-f]{2})")


#: An external IRI prefix: a scheme and something after it, nothing an IRI excludes.
_EXTERNAL_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|\\^`\u202a-\u202e\u2066-\u2069]+\Z")


def read_settings(root: Path) -> Settings:
    path = root / SETTINGS_FILE
    text = _read(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        where = f" (column {match.group(2)})" if match else ""
        raise SettingsError(path, f"TOML syntax error{where}: {reason}", int(match.group(1)) if match else None) \
            from None

    def fail(message: str, key: str | None = None):
        raise SettingsError(path, message, _line_of(text, key) if key else None)

    for table in data:
        if table != "registry":
            fail(f"unknown table or key {table!r}: claimgraph.toml holds only a [registry] table", table)
    section = data.get("registry")
    if not isinstance(section, dict):
        fail("missing [registry] table with title and base")
    for key in section:
        if key not in KNOWN_KEYS:
            close = difflib.get_close_matches(key, KNOWN_KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(KNOWN_KEYS)})"
            fail(f"unknown key {key!r} in [registry]{hint}", key)
    title, base = section.get("title"), section.get("base")
    if not isinstance(title, str) or not title.strip():
        fail("[registry] title must be a non-empty string", "title" if "title" in section else None)
    if not isinstance(base, str):
        fail("[registry] base must be an absolute http(s) IRI ending in / or #", "base" if "base" in section else None)
    problem = base_problem(base)
    if problem:
        fail(f"[registry] base {base!r} {problem}", "base")
    languages = section.get("languages", ["en"])
    if not (isinstance(languages, list) and languages and all(isinstance(x, str) and _LANGUAGE.fullmatch(x)
                                                              for x in languages)):
        fail("[registry] languages must be a list of language tags such as [\"fr\", \"en\"]", "languages")
    licence = section.get("licence")
    if licence is not None and not isinstance(licence, str):
        fail("[registry] licence must be a string (an IRI or an SPDX id)", "licence")
    description = section.get("description")
    if description is not None and not isinstance(description, str):
        fail("[registry] description must be a string", "description")
    for key in ("title", "description"):
        hidden = controls(section.get(key) or "")
        if hidden:  # shown on every page and in every export: it must read as it is stored
            fail(f"[registry] {key} holds {describe(hidden[0])}, which changes what a reader sees", key)
    external = section.get("external_iris", [])
    if not (isinstance(external, list) and all(isinstance(x, str) and _EXTERNAL_IRI.match(x) for x in external)):
        fail("[registry] external_iris must be a list of absolute IRI prefixes such as [\"https://doi.org/\"]",
             "external_iris")
    return Settings(title=title.strip(), base=base, languages=tuple(languages), licence=licence,
                    description=description, external_iris=tuple(external))


def base_problem(base: str) -> str | None:
    """Why ``base`` cannot be a registry's base IRI, or None. (Also ``claimgraph init --base``'s test.)"""
    import pyoxigraph as ox

    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc or not base or base[-1] not in "/#":
        return "must be an absolute http(s) IRI ending in / or #"
    bad = _BAD_IN_BASE.search(base)
    if bad:
        return f"must not contain {bad.group(0)[:1]!r}: IRIs exclude it, or it hides or changes what the IRI says"
    try:
        ox.NamedNode(base + "claim/x")  # what Oxigraph will be asked to build from it
    except ValueError as exc:
        return f"is not a valid IRI: {exc}"
    return None


def _read(path: Path) -> str:
    """The file's text; SettingsError if it is missing, not a regular file (a FIFO would block every
    command), too large, or not UTF-8."""
    try:
        if not path.is_file():
            if path.exists() or path.is_symlink():
                raise SettingsError(path, "not a regular file")
            raise FileNotFoundError
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise SettingsError(path, f"no {SETTINGS_FILE}: this folder is not a claimgraph registry "
                            "(run `claimgraph init DIR` to create one)") from None
    except OSError as exc:
        raise SettingsError(path, f"cannot read: {exc.strerror}") from None
    if len(raw) > MAX_BYTES:
        raise SettingsError(path, f"larger than {MAX_BYTES // 1024} KiB: not a settings file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SettingsError(path, f"not UTF-8 (byte {exc.start})") from None


def _line_of(text: str, key: str) -> int | None:
    """The line defining ``key`` (``key =`` or ``[key]``), for the error message."""
    pattern = re.compile(rf"^\s*(?:{re.escape(key)}\s*=|\[\s*{re.escape(key)}\s*\])", re.M)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None
