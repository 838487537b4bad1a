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
identifier ever depends on where the folder sits on disk. ``licence`` is one SPDX licence
identifier (``"CC-BY-4.0"``, naming ``https://spdx.org/licenses/CC-BY-4.0``) or the licence's
http(s) IRI: the exports name it by one IRI, so an SPDX expression (``"MIT OR Apache-2.0"``) is refused. ``external_iris`` lists the IRI
prefixes that a reference to a registry node (a system, a claim…) may lead to without the registry
defining the node (see ``checks/references.py``).

Optional keys describe who made the registry, for the metadata of a release (the RO-Crate's
``author`` and ``publisher``, the creator in every nanopublication's publication info)::

    authors = [{ name = "Ada Lovelace", id = "https://orcid.org/0000-0000-0000-0000" }, "Alan Turing"]
    publisher = { name = "A University", id = "https://ror.org/00000000" }
    version = "1.0"
    source_url = "https://github.com/OWNER/REPO/blob/main/evidence/"   # file:line links of the site's report

An agent is a name, or a table with ``name``, an optional ``id`` (an ORCID, a ROR id or any http(s)
IRI: an organisation's web site), an optional ``type`` (``"Person"`` or ``"Organization"``; by
default an organisation when the id is a ROR id, else a person) and, for a person, an optional
``affiliation`` (an organisation, written as an agent). An agent without ``id`` gets one
under the base (``<base>agent/<name>``).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .errors import USAGE, ClaimgraphError
from .hidden_characters import controls, describe

SETTINGS_FILE = "claimgraph.toml"


class SettingsError(ClaimgraphError, ValueError):
    """The settings file is missing, unreadable or malformed; ``line`` when known."""

    kind = USAGE

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
    authors: tuple["Agent", ...] = ()
    publisher: "Agent | None" = None
    version: str | None = None
    #: Where the registry's folder is browsed in its repository (``https://github.com/o/r/blob/main/evidence/``):
    #: the site links each finding's ``file:line`` to ``source_url + file + "#L" + line``.
    source_url: str | None = None
    #: IRI prefixes a reference may lead to without the registry defining the node (CG308).
    external_iris: tuple[str, ...] = ()

    def source_iri(self, key: str) -> str:
        return f"{self.base}source/{key}"


@dataclass(frozen=True)
class Agent:
    """A person or an organisation named in the settings; ``id`` is an IRI, or None when not given."""

    name: str
    id: str | None = field(default=None)
    type: str = "Person"
    affiliation: "Agent | None" = None

    def iri(self, base: str) -> str:
        """``id``, or an IRI minted under the registry's base from the name (stable while the name is)."""
        if self.id:
            return self.id
        slug = re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-") or "agent"
        return f"{base}agent/{slug}"


#: The keys of ``[registry]``; any other key, or any other table, is a mistake worth stopping for: a
#: misspelt ``license`` would otherwise leave the data without a licence, silently.
KNOWN_KEYS = (
    "title",
    "base",
    "languages",
    "licence",
    "description",
    "authors",
    "publisher",
    "version",
    "source_url",
    "external_iris",
)
#: Larger than any settings file; reading stops there (a device or a huge file is not a settings file).
MAX_BYTES = 1024 * 1024
#: BCP 47 language tags, in the shape RDF literals accept.
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
#: What a base IRI must not hold: spaces and controls, characters IRIs exclude, bidirectional
#: controls (which show an IRI other than the one used), a query, or a % not starting an escape.
_BAD_IN_BASE = re.compile(
    '[\\x00-\\x20\\x7f-\\x9f<>"{}|\\\\^`?\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]|%(?![0-9A-Fa-f]{2})'
)


#: An SPDX licence identifier (``MIT``, ``CC-BY-4.0``, ``GPL-2.0+``, ``LicenseRef-x``): SPDX's idstring,
#: with the ``+`` it allows after an identifier.
_SPDX_ID = re.compile(r"[A-Za-z0-9.-]+\+?")
#: What makes a licence an SPDX expression rather than one identifier.
_SPDX_OPERATOR = re.compile(r"\s(?:AND|OR|WITH)\s|\A\(", re.I)


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
        raise SettingsError(
            path, f"TOML syntax error{where}: {reason}", int(match.group(1)) if match else None
        ) from None

    def fail(message: str, key: str | None = None, *, top_level: bool = False):
        """Stop with ``message`` at the line defining ``key`` (of [registry], or of the document)."""
        where = () if key is None else (key,) if top_level else ("registry", key)
        raise SettingsError(path, message, _line_of(text, *where) if where else None)

    for table in data:
        if table != "registry":
            fail(
                f"unknown table or key {table!r}: claimgraph.toml holds only a [registry] table", table, top_level=True
            )
    section = data.get("registry")
    if not isinstance(section, dict):
        fail("missing [registry] table with title and base", "registry" if "registry" in data else None, top_level=True)
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
    if not (
        isinstance(languages, list)
        and languages
        and all(isinstance(x, str) and _LANGUAGE.fullmatch(x) for x in languages)
    ):
        fail('[registry] languages must be a list of language tags such as ["fr", "en"]', "languages")
    repeated = repeated_language(languages)
    if repeated:
        fail(
            f"[registry] languages repeats {repeated!r} (language tags ignore case: name each language once)",
            "languages",
        )
    licence = section.get("licence")
    if licence is not None:
        problem = licence_problem(licence)
        if problem:
            fail(f"[registry] licence {problem}", "licence")
    description = section.get("description")
    if description is not None and not isinstance(description, str):
        fail("[registry] description must be a string", "description")
    authors = section.get("authors", [])
    if not isinstance(authors, list):
        fail('[registry] authors must be a list of names or of {name = "…", id = "https://orcid.org/…"}', "authors")
    agents = tuple(_agent(a, "authors", fail) for a in authors)
    publisher = section.get("publisher")
    publisher = _agent(publisher, "publisher", fail) if publisher is not None else None
    version = section.get("version")
    if version is not None and not (isinstance(version, str) and version.strip()):
        fail('[registry] version must be a non-empty string such as "1.0"', "version")
    source_url = section.get("source_url")
    if source_url is not None:
        parts = urlsplit(source_url) if isinstance(source_url, str) else None
        if (
            not parts
            or parts.scheme not in ("http", "https")
            or not parts.netloc
            or not source_url.endswith("/")
            or _BAD_IN_BASE.search(source_url)
        ):
            fail(
                "[registry] source_url must be an http(s) address ending in /, where the registry's folder is "
                "browsed (https://github.com/OWNER/REPO/blob/main/FOLDER/)",
                "source_url",
            )
    for key in ("title", "description"):
        hidden = controls(section.get(key) or "")
        if hidden:  # shown on every page and in every export: it must read as it is stored
            fail(f"[registry] {key} holds {describe(hidden[0])}, which changes what a reader sees", key)
    external = section.get("external_iris", [])
    if not (isinstance(external, list) and all(isinstance(x, str) and _EXTERNAL_IRI.match(x) for x in external)):
        fail(
            '[registry] external_iris must be a list of absolute IRI prefixes such as ["https://doi.org/"]',
            "external_iris",
        )
    return Settings(
        title=title.strip(),
        base=base,
        languages=tuple(languages),
        licence=licence,
        description=description,
        authors=agents,
        publisher=publisher,
        version=version.strip() if version else None,
        source_url=source_url,
        external_iris=tuple(external),
    )


def _agent(value, key: str, fail) -> Agent:
    """An author or the publisher: a name, or a table with ``name`` and an optional http(s) ``id``."""
    if isinstance(value, str) and value.strip():
        return Agent(value.strip())
    if isinstance(value, dict) and set(value) <= {"name", "id", "type", "affiliation"}:
        name, iri, kind = value.get("name"), value.get("id"), value.get("type")
        affiliation = value.get("affiliation")
        if affiliation is not None:
            if isinstance(affiliation, str):
                affiliation = {"name": affiliation}
            if isinstance(affiliation, dict):
                affiliation = _agent({"type": "Organization", **affiliation}, key, fail)
            else:
                fail(f'[registry] {key}: affiliation must be a name or a table {{name = "…", id = "https://…"}}', key)
        if isinstance(name, str) and name.strip() and (iri is None or isinstance(iri, str)):
            if iri is not None:
                parts = urlsplit(iri)
                if parts.scheme not in ("http", "https") or not parts.netloc or _BAD_IN_BASE.search(iri):
                    fail(f"[registry] {key}: id {iri!r} must be an http(s) IRI, such as https://orcid.org/…", key)
            if kind is None:
                kind = "Organization" if iri and urlsplit(iri).netloc == "ror.org" else "Person"
            if kind not in ("Person", "Organization"):
                fail(f'[registry] {key}: type {kind!r} must be "Person" or "Organization"', key)
            return Agent(name.strip(), iri, kind, affiliation)
    fail(
        f'[registry] {key}: each agent is a name or a table {{name = "…", id = "https://…", '
        'type = "Person", affiliation = "…"}} (all but name optional)',
        key,
    )


def repeated_language(languages: list[str] | tuple[str, ...]) -> str | None:
    """The second mention of a language ``languages`` already names, whatever its case, or None.

    BCP 47 tags ignore case: "en" and "EN" would be two statement columns of one language."""
    seen: set[str] = set()
    for language in languages:
        if language.lower() in seen:
            return language
        seen.add(language.lower())
    return None


def licence_problem(licence: object) -> str | None:
    """Why ``licence`` cannot name the data's licence, or None. Every export turns it into one IRI
    (``dcterms:license`` of each nanopublication, the RO-Crate's ``license``), so it must be an SPDX
    licence identifier (which names ``https://spdx.org/licenses/<id>``) or an http(s) IRI."""
    import pyoxigraph as ox

    if not isinstance(licence, str):
        return 'must be a string: an SPDX licence identifier such as "CC-BY-4.0" or an http(s) IRI'
    if licence.startswith(("http://", "https://")):
        parts = urlsplit(licence)
        bad = _BAD_IN_BASE.search(licence.replace("?", ""))  # a licence IRI may carry a query
        if not parts.netloc or bad:
            return f"{licence!r} is not a valid http(s) IRI"
        try:
            ox.NamedNode(licence)
        except ValueError as exc:
            return f"{licence!r} is not a valid IRI: {exc}"
        return None
    if _SPDX_ID.fullmatch(licence):
        return None if spdx_identifier(licence) else _unknown_spdx(licence)
    if _SPDX_OPERATOR.search(licence):
        return (
            f"{licence!r} is an SPDX licence expression, which is not supported: give one SPDX licence "
            'identifier (such as "CC-BY-4.0") or the http(s) IRI of the licence'
        )
    return (
        f"{licence!r} must be an SPDX licence identifier (letters, digits, '-' and '.', such as \"CC-BY-4.0\") "
        "or the http(s) IRI of the licence"
    )


def spdx_identifier(licence: str) -> str | None:
    """``licence`` as SPDX spells it (``mit`` is ``MIT``: the IRI it names is case-sensitive), if it is on the
    SPDX licence list (as the installed ``packaging`` knows it); else None. A ``LicenseRef-`` of one's own is
    not: spdx.org has no page for it, so the IRI the exports would name leads nowhere."""
    from packaging.licenses import InvalidLicenseExpression, canonicalize_license_expression

    if licence[:11].lower() == "licenseref-":
        return None
    try:
        return str(canonicalize_license_expression(licence))
    except InvalidLicenseExpression:
        return None


def _unknown_spdx(licence: str) -> str:
    import difflib

    if licence[:11].lower() == "licenseref-":
        return (
            f"{licence!r} names a licence of your own, which has no page at spdx.org: give the http(s) IRI of its text"
        )
    try:  # the list itself, for a suggestion only (packaging keeps it in a private module)
        from packaging.licenses._spdx import LICENSES

        known = {entry["id"].lower(): entry["id"] for entry in LICENSES.values()}
    except (ImportError, AttributeError, KeyError, TypeError):
        known = {}
    close = difflib.get_close_matches(licence.lower(), list(known), n=1, cutoff=0.8)
    hint = f' (did you mean "{known[close[0]]}"?)' if close else ""
    return (
        f"{licence!r} is not on the SPDX licence list{hint}: give an SPDX licence identifier "
        '(such as "CC-BY-4.0") or the http(s) IRI of the licence'
    )


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
        raise SettingsError(
            path,
            f"no {SETTINGS_FILE}: this folder is not a claimgraph registry (run `claimgraph init DIR` to create one)",
        ) from None
    except OSError as exc:
        raise SettingsError(path, f"cannot read: {exc.strerror}") from None
    if len(raw) > MAX_BYTES:
        raise SettingsError(path, f"larger than {MAX_BYTES // 1024} KiB: not a settings file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SettingsError(
            path, f"not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}", raw.count(b"\n", 0, exc.start) + 1
        ) from None


def _line_of(text: str, *path: str) -> int | None:
    """The first line defining ``path`` or a key under it (``("registry", "extra")``: ``extra = …`` or
    ``extra.a = …`` in ``[registry]``, a ``[registry.extra]`` or ``[[registry.extra]]`` header, a dotted
    ``registry.extra.a = …`` at the top, a key of an inline table ``registry = {extra = …}``), for the
    error message; None if the document cannot be followed that far."""
    for defined, line in _defined_keys(text):
        if defined[: len(path)] == path:
            return line
    return None


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _defined_keys(text: str) -> list[tuple[tuple[str, ...], int]]:
    """Every key path a TOML document defines (table headers, keys, dotted keys, the keys of inline tables),
    each with the table it is in and the line it starts on, in document order. The document has parsed
    (tomllib read it), so this only follows it: strings, comments and arrays are skipped whole, so nothing
    in them is taken for a key; anything unexpected ends the list where it is."""
    found: list[tuple[tuple[str, ...], int]] = []
    at = 0
    n = len(text)

    def line() -> int:
        return text.count("\n", 0, at) + 1

    def space(newlines: bool) -> None:
        nonlocal at
        while at < n:
            ch = text[at]
            if ch in " \t" or (newlines and ch in "\r\n"):
                at += 1
            elif ch == "#" and newlines:
                at = _end_of_line(text, at)
            else:
                break

    def string() -> str:
        """The string starting at ``at`` as written (quotes included), ``at`` moved past it."""
        nonlocal at
        start, quote = at, text[at]
        if text.startswith(quote * 3, at):
            close = text.index(quote * 3, at + 3) if quote == "'" else _closing_basic(text, at + 3, '"""')
            at = close + 3
            while at < n and text[at] == quote and at - close < 5:  # up to two quotes end the text itself
                at += 1
        else:
            at = (text.index("'", at + 1) if quote == "'" else _closing_basic(text, at + 1, '"')) + 1
        return text[start:at]

    def key() -> tuple[str, ...]:
        nonlocal at
        parts: list[str] = []
        while True:
            space(False)
            if text[at] in "\"'":
                parts.append(tomllib.loads("k = " + string())["k"])
            else:
                bare = _BARE_KEY.match(text, at)
                if bare is None:
                    raise ValueError("no key")
                parts.append(bare.group())
                at = bare.end()
            space(False)
            if text[at] != ".":
                return tuple(parts)
            at += 1

    def value(prefix: tuple[str, ...] | None) -> None:
        """Skip the value at ``at``; the keys of an inline table are recorded under ``prefix`` (None: in an
        array, where no key path names them)."""
        nonlocal at
        ch = text[at]
        if ch in "\"'":
            string()
        elif ch in "[{":  # an array of values, or an inline table of pairs: items up to the closing bracket
            close = "]" if ch == "[" else "}"
            at += 1
            while True:
                space(True)
                if text[at] == close:
                    at += 1
                    return
                if close == "]":
                    value(None)
                else:
                    pair(prefix)
                space(True)
                if text[at] == ",":
                    at += 1
        else:  # a number, a boolean, a date (which may hold a space): up to what ends a value
            while at < n and text[at] not in ",]}#\r\n":
                at += 1

    def pair(prefix: tuple[str, ...] | None) -> None:
        nonlocal at
        where = line()
        name = key()
        if prefix is not None:
            found.append((prefix + name, where))
        if text[at] != "=":
            raise ValueError("no =")
        at += 1
        space(False)
        value(None if prefix is None else prefix + name)

    table: tuple[str, ...] = ()
    try:
        while True:
            space(True)
            if at >= n:
                break
            if text[at] == "[":
                where = line()
                double = text.startswith("[[", at)
                at += 2 if double else 1
                table = key()
                if not text.startswith("]]" if double else "]", at):
                    raise ValueError("no ]")
                at += 2 if double else 1
                found.append((table, where))
            else:
                pair(table)
            space(False)
            if at < n and text[at] == "#":
                at = _end_of_line(text, at)
    except (ValueError, IndexError, tomllib.TOMLDecodeError):
        pass  # not followed further: the keys found so far are still right
    return found


def _end_of_line(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _closing_basic(text: str, at: int, quotes: str) -> int:
    """Where the basic string whose text starts at ``at`` is closed by ``quotes`` (a backslash escapes
    the character after it)."""
    while True:
        found = text.index(quotes[0], at)
        backslashes = len(text[at:found]) - len(text[at:found].rstrip("\\"))
        if backslashes % 2 == 0 and text.startswith(quotes, found):
            return found
        at = found + 1
