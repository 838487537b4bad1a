"""Authoring: create a registry, and add a claim or a source to one.

Three promises, because authors keep their registries under git and edit them by hand:

* **Nothing lost.** A new claim or source is *appended* to its file: every existing
  byte stays where it was (the file's own line endings are kept too). The file is
  replaced atomically (write a sibling temporary file, fsync, rename), so an
  interrupted run leaves either the old file or the new one, never half of each.
* **Never worse.** The new snippet is parsed on its own and with the file it joins,
  then the whole registry is checked in a scratch copy with the snippet added. If the
  snippet brings a new error (an unknown source key, a duplicate id, a unit that does
  not fit the measurand…) nothing is written and :class:`AuthoringError` says why.
* **Registry-shaped output.** What is written looks like what a person writes
  (``tests/fixtures/valid`` is the model): prefixed names, one property per line.

:func:`init_registry` creates a registry that checks clean; :func:`new_source` and
:func:`new_claim` return a :class:`Written` describing the file and the snippet.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import stat
import tempfile
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .file_io import write_atomically
from .iris import REGISTRY_PREFIXES, prefix_table
from .errors import CONTENT, IO, USAGE, ClaimgraphError
from .loading.bibtex import KEY_PATTERN, parse_bibtex
from .loading.turtle import TurtleSyntaxError, parse_turtle
from .settings import (
    SETTINGS_FILE,
    SettingsError,
    base_problem,
    licence_problem,
    read_settings,
    repeated_language,
)

#: Default files new claims and sources go to (relative to the registry root).
CLAIMS_FILE = "claims/claims.ttl"
BIB_FILE = "bib/references.bib"

STATUSES = ("verifiedPrimary", "verifiedSecondary", "discrepancy", "notInSource", "unverified")
ROLES = ("primary", "secondary")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
UNIT_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")

#: Prefixes a claim snippet may use: name -> IRI (the registry's own are relative: they resolve against the base).
CLAIM_PREFIXES = {
    **{p: prefix_table()[p] for p in ("cg", "status", "role", "qudt", "unit", "quantitykind", "formula", "oa", "rdfs")},
    **{p: f"{p}/" for p in REGISTRY_PREFIXES if p != "step"},
}


class AuthoringError(ClaimgraphError):
    """Nothing was written: bad or missing input (usage), or the entry would break the registry (content)."""


@dataclass
class Written:
    path: Path
    snippet: str
    created: bool = False
    notes: list[str] = field(default_factory=list)
    #: what the user should look at: written all the same (an entry type BibTeX styles read as @misc, a
    #: statement in no language of the registry)
    warnings: list[str] = field(default_factory=list)
    #: the text added to the file, to the byte (the separating blank line and the file's line endings too)
    appended: str = ""


# ------------------------------------------------------------------ init


def _refuse_controls(title: str, base: str, licence: str, given_title: bool, name: str) -> None:
    """A control or bidi character in what goes into the new registry's files is refused, naming the
    argument, before anything is written: TOML cannot hold it raw, and the site would show it."""
    from .hidden_characters import controls, describe
    from .reports import one_line

    for what, value in (
        ("--title" if given_title else f"the folder name '{one_line(name)}' (the default --title)", title),
        ("--base", base),
        ("--licence", licence),
    ):
        found = controls(value)
        if found:
            raise AuthoringError(
                f"{what} holds {', '.join(describe(c) for c in found)}, which is no text; nothing was written",
                USAGE,
                ["give the title with --title" if what.startswith("the folder") else f"give {what} without it"],
            )


def init_registry(
    target: Path,
    *,
    title: str | None = None,
    base: str | None = None,
    languages: tuple[str, ...] = ("en",),
    licence: str = "CC-BY-4.0",
) -> list[Path]:
    """Create a registry in ``target`` (missing, empty, or a fresh git repository: see
    :func:`_fresh_repository_entry`). Returns the files written (a README.md or .gitignore already there is kept)."""
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise AuthoringError(f"{target} exists and is not a folder", USAGE)
    if target.is_dir():
        if (target / SETTINGS_FILE).exists():
            raise AuthoringError(
                f"{target} is a registry already: `claimgraph init` only creates new registries",
                USAGE,  # the folder named is the mistake, whatever it holds
                ["choose a new folder name, or add to this one with `claimgraph new claim`"],
            )
        others = sorted(entry.name for entry in target.iterdir() if not _fresh_repository_entry(entry))
        if others:
            shown = ", ".join(others[:3]) + (", …" if len(others) > 3 else "")
            raise AuthoringError(
                f"{target} is not empty (it holds {shown}): `claimgraph init` only creates new registries",
                USAGE,
                [
                    "choose a new folder name; a folder holding only .git, README, LICENCE, .gitignore and "
                    ".gitattributes (a fresh clone) is taken"
                ],
            )
    name = target.resolve().name or "registry"
    slug = re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-") or "registry"
    given_title = bool(title)
    title = title or name.replace("-", " ").replace("_", " ").strip().capitalize() or "My registry"
    base = base or f"https://example.org/{slug}/"
    _refuse_controls(title, base, licence, given_title, name)
    # named as the options that gave them: no claimgraph.toml exists yet for a message to point into
    for option, value, problem in (
        ("--base", base, base_problem(base)),
        ("--licence", licence, licence_problem(licence)),
    ):
        if problem:
            raise AuthoringError(
                f"{option} {value!r} {problem}" if option == "--base" else f"{option} {problem}", USAGE
            )
    if not languages or not all(re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]+)*", lang) for lang in languages):
        raise AuthoringError(f"languages must be language tags such as en or fr, not {list(languages)}", USAGE)
    repeated = repeated_language(languages)
    if repeated:
        raise AuthoringError(
            f"--lang {repeated} repeats a language (language tags ignore case: give each language once)", USAGE
        )
    files = {
        SETTINGS_FILE: _settings_text(title, base, languages, licence),
        CLAIMS_FILE: _claims_header(),
        BIB_FILE: "% The sources the claims cite, one BibTeX entry each.\n% Add one with `claimgraph new source`.\n",
        ".gitignore": "build/\n",
        "README.md": f"# {title}\n\nA claimgraph registry: claims in `claims/`, sources in `bib/`.\n\n"
        "```sh\nclaimgraph new source --help\nclaimgraph new claim --help\n"
        "claimgraph check\n```\n",
    }
    # Validate before anything touches the disk.
    _check_settings_text(files[SETTINGS_FILE])
    written = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for rel, text in files.items():
            path = target / rel
            if rel in _KEPT_IF_THERE and (path.exists() or path.is_symlink()):
                continue  # the clone's own README or .gitignore: never overwritten
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, text.encode("utf-8"))
            written.append(path)
    except OSError as exc:  # a parent that is a file, a read-only or full disk
        raise AuthoringError(f"{target}: cannot create the registry: {exc.strerror or exc}", IO) from None
    return written


#: Files ``init`` writes that a fresh git repository may hold already: those are left as they are.
_KEPT_IF_THERE = frozenset({".gitignore", "README.md"})


def _fresh_repository_entry(entry: Path) -> bool:
    """Whether ``entry`` is what ``git init`` or a fresh clone of a new repository holds (``.git``, a README,
    a licence, ``.gitignore``, ``.gitattributes``): a folder holding only those is taken by ``init``, which
    writes none of them over (its README.md and .gitignore are skipped when there)."""
    name = entry.name
    if name == ".git":
        return True
    if entry.is_symlink() or not entry.is_file():
        return False
    upper = name.upper()
    return name in (".gitignore", ".gitattributes") or upper.startswith(("README", "LICENSE", "LICENCE", "COPYING"))


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _settings_text(title: str, base: str, languages: tuple[str, ...], licence: str) -> str:
    langs = ", ".join(_toml_string(x) for x in languages)
    return (
        "# The registry's settings. `base` is the IRI every claim, source and measurand\n"
        "# resolves against: change it to an address you control before publishing.\n"
        "[registry]\n"
        f"title = {_toml_string(title)}\n"
        f"base = {_toml_string(base)}\n"
        f"languages = [{langs}]\n"
        f"licence = {_toml_string(licence)}\n"
    )


def _check_settings_text(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / SETTINGS_FILE).write_text(text, encoding="utf-8")
        try:
            read_settings(Path(tmp))
        except SettingsError as exc:
            raise AuthoringError(f"{SETTINGS_FILE}: {exc}", USAGE) from None


def _claims_header() -> str:
    width = max(len(p) for p in CLAIM_PREFIXES) + 2
    lines = [
        "# Claims, measurands and the argument, in Turtle.",
        "# Add a claim with `claimgraph new claim`; relative IRIs resolve against the base",
        "# IRI of claimgraph.toml.",
        "",
    ]
    lines += [f"@prefix {(p + ':').ljust(width)}<{iri}> ." for p, iri in CLAIM_PREFIXES.items()]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ sources


@dataclass
class SourceSpec:
    key: str
    title: str
    authors: list[str]
    year: str
    entry_type: str = "article"
    venue: str | None = None  # journal / publisher / howpublished, by entry type
    doi: str | None = None
    url: str | None = None
    arxiv: str | None = None
    isbn: str | None = None
    note: str | None = None
    pages: str | None = None
    #: A local copy of the source (PDF, HTML or text), relative to the folder of the .bib file: the
    #: entry's ``file`` field, which `check` reads to find the claims' quotes in.
    local_copy: str | None = None


_VENUE_FIELD = {
    "article": "journal",
    "inproceedings": "booktitle",
    "incollection": "booktitle",
    "book": "publisher",
    "techreport": "institution",
    "report": "institution",
    "phdthesis": "school",
    "mastersthesis": "school",
    "online": "organization",
}


def source_snippet(spec: SourceSpec) -> str:
    if not KEY_PATTERN.match(spec.key or ""):
        raise AuthoringError(f"BibTeX key {spec.key!r} may use only A-Z a-z 0-9 _ - : .", USAGE)
    if not re.fullmatch(r"[a-z]+", spec.entry_type or ""):
        raise AuthoringError(f"entry type {spec.entry_type!r} must be a BibTeX type such as article, book, misc", USAGE)
    missing = [n for n, v in (("title", spec.title), ("author", spec.authors), ("year", spec.year)) if not v]
    if missing:
        raise AuthoringError(f"a source needs {', '.join(missing)}", USAGE)
    if not re.fullmatch(r"\d{4}", spec.year.strip()):
        raise AuthoringError(f"year {spec.year!r} must be four digits", USAGE)
    # the text fields as typed: LaTeX's specials escaped (the reader gives back the typed text); the
    # identifiers (DOI, URL, ISBN, arXiv id, file) are read verbatim, never as LaTeX
    fields: list[tuple[str, str]] = [
        ("author", latex_escaped(" and ".join(a.strip() for a in spec.authors))),
        ("title", latex_escaped(spec.title)),
        ("year", spec.year.strip()),
    ]
    if spec.venue:
        fields.append((_VENUE_FIELD.get(spec.entry_type, "howpublished"), latex_escaped(spec.venue)))
    for name, value in (("pages", spec.pages), ("doi", spec.doi), ("isbn", spec.isbn), ("url", spec.url)):
        if value:
            fields.append((name, latex_escaped(value) if name == "pages" else value))
    if spec.arxiv:
        fields += [("eprint", spec.arxiv), ("archiveprefix", "arXiv")]
    if spec.note:
        fields.append(("note", latex_escaped(spec.note)))
    if spec.local_copy:
        from .sources.files import MEDIA_TYPES

        kind = {"application/pdf": "PDF", "text/html": "HTML", "text/plain": "Text"}.get(
            MEDIA_TYPES.get(Path(spec.local_copy).suffix.lower(), ""), ""
        )
        escaped = spec.local_copy.replace("\\", "\\\\").replace(":", "\\:").replace(";", "\\;")
        fields.append(("file", f":{escaped}:{kind}"))
    for name, value in fields:
        if "\n" in value or "\r" in value:
            raise AuthoringError(f"{name}: one line only", USAGE)
        if not _braces_balanced(value):
            raise AuthoringError(f"{name} {value!r} has unbalanced braces", USAGE)
    width = max(len(n) for n, _ in fields)
    body = "".join(f"  {n.ljust(width)} = {{{v.strip()}}},\n" for n, v in fields)
    return f"@{spec.entry_type}{{{spec.key},\n{body}}}\n"


#: LaTeX's special characters the BibTeX reader decodes (loading/bibtex.py ``_ESCAPED``), not already escaped.
_LATEX_SPECIAL = re.compile(r"(?<!\\)([&%$#_])")


def latex_escaped(text: str) -> str:
    """``text`` with LaTeX's specials ``& % $ # _`` escaped (``50% & $5`` -> ``50\\% \\& \\$5``), as a BibTeX
    field must hold them for LaTeX to print them; one already escaped (``\\&``) is left as it is."""
    return _LATEX_SPECIAL.sub(r"\\\1", text)


def bare_doi(doi: str) -> tuple[str, str | None]:
    """``doi`` without a resolver prefix or ``doi:``, and a note saying what was taken off (None: nothing);
    a DOI that is still malformed is refused (the check's CG304), with what to give instead."""
    from .checks.bibliography import DOI, DOI_PREFIX, doi_hint

    bare = DOI_PREFIX.sub("", doi, count=1).strip()
    if not DOI.match(bare):
        raise AuthoringError(f"--doi {doi!r} is malformed", USAGE, [doi_hint(doi)])
    note = f"DOI given as {doi!r}: the entry holds the bare DOI, {bare}" if bare != doi else None
    return bare, note


def _braces_balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += ch == "{"
        depth -= ch == "}"
        if depth < 0:
            return False
    return depth == 0


def new_source(root: Path, spec: SourceSpec, *, file: str = BIB_FILE, dry_run: bool = False) -> Written:
    """Append a BibTeX entry for ``spec`` to ``file`` (created if missing); with ``dry_run``, every check is
    made but nothing is written (the :class:`Written` says what would be appended)."""
    root = Path(root)
    _require_registry(root)
    path = _inside(root, file, "bib", ".bib")
    notes: list[str] = []
    if spec.doi:
        doi, note = bare_doi(spec.doi)
        if note:
            spec = replace(spec, doi=doi)
            notes.append(note)
    snippet = source_snippet(spec)
    # check takes a named copy that is absent for one not on this machine (CG380): the author adding it
    # has it, so an absent one here is a mistyped path
    # (the field names the copy from the .bib file's folder, as JabRef reads it)
    if spec.local_copy and not (path.parent / spec.local_copy).is_file():
        given = Path(os.path.relpath(os.path.normpath(path.parent / spec.local_copy), root)).as_posix()
        raise AuthoringError(
            f"--local-copy {given!r}: no such file in the registry",
            USAGE,  # a path given on the command line that names nothing: bad usage (docs/limits.md), exit 2
            ["give the copy's path from the registry folder (e.g. sources/Doe2021.pdf), once it is there"],
        )
    parsed = parse_bibtex(snippet)
    if parsed.problems or len(parsed.entries) != 1 or parsed.entries[0].key != spec.key:
        details = [p.message for p in parsed.problems]
        raise AuthoringError("the new entry would not parse cleanly as BibTeX", USAGE, details)
    from .registry import load

    registry = load(root, with_ontology=False)
    taken = {k.casefold(): k for k in registry.sources}
    if spec.key.casefold() in taken:
        where = registry.source_files.get(taken[spec.key.casefold()], "the bibliography")
        existing = taken[spec.key.casefold()]
        same = "is already used" if existing == spec.key else f"differs only by case from {existing!r}, used"
        raise AuthoringError(
            f"BibTeX key {spec.key!r} {same} in {where}",
            CONTENT,
            ["choose another key, e.g. " + _next_key(spec.key, taken)],
        )
    old = _read_existing(path)
    if old is not None:
        before = parse_bibtex(old.decode("utf-8-sig", errors="replace"))
        combined = parse_bibtex(_joined(old, snippet).decode("utf-8-sig", errors="replace"))
        if len(combined.entries) != len(before.entries) + 1 or len(combined.problems) > len(before.problems):
            raise AuthoringError(
                f"{file}: appending the entry would not parse cleanly (an unclosed entry at the end of the file?)",
                CONTENT,
                ["fix the file's last entry, then try again"],
            )
    written = _append_validated(registry.root, path, snippet, dry_run=dry_run)
    written.notes += notes
    from .loading.sources import ENTRY_CLASSES

    if spec.entry_type not in ENTRY_CLASSES:
        # BibTeX takes any entry type (a style reads one it does not define as misc), and so does check
        written.warnings.append(
            f"@{spec.entry_type} is not an entry type claimgraph knows ({', '.join(sorted(ENTRY_CLASSES))}): "
            "it is read as a work of no particular kind, as @misc"
        )
    return written


def _next_key(key: str, taken: dict[str, str]) -> str:
    for suffix in "abcdefghijklmnopqrstuvwxyz":
        if (key + suffix).casefold() not in taken:
            return key + suffix
    return key + "-2"


# ------------------------------------------------------------------ claims


@dataclass
class ClaimSpec:
    id: str
    statement: str
    lang: str
    cites: list[str]
    translations: list[tuple[str, str]] = field(default_factory=list)
    in_text_citation: str | None = None
    quote: str | None = None
    locator: str | None = None
    status: str = "unverified"
    status_note: str | None = None
    slide: int | None = None
    role: str | None = None
    primary_source: str | None = None
    value: str | None = None
    lower: str | None = None
    upper: str | None = None
    unit: str | None = None
    tolerance: str | None = None
    measurand: str | None = None
    quantity_kind: str | None = None
    measurand_label: str | None = None
    about: str | None = None
    system_label: str | None = None
    #: a formula of cg:FormulaScheme (its local name: product, quotient, compoundGrowth…) and its operands,
    #: claim ids or numbers, in order
    derived_by: str | None = None
    operands: list[str] = field(default_factory=list)


def _derivation(spec: ClaimSpec) -> str | None:
    """``cg:derivedBy [ … ]`` for ``spec``, or None when it declares no derivation."""
    if spec.derived_by is None:
        if spec.operands:
            raise AuthoringError("--operands need a formula (--derived-by product, quotient, compoundGrowth…)", USAGE)
        return None
    from .checks.derived import FORMULAS

    names = sorted(iri.rsplit("#", 1)[-1] for iri in FORMULAS)
    if spec.derived_by not in names:
        raise AuthoringError(f"formula {spec.derived_by!r}: use one of {', '.join(names)}", USAGE)
    if not spec.operands:
        raise AuthoringError("a derivation needs its operands in order (--operands CLAIM-ID|NUMBER …)", USAGE)
    items = []
    for operand in spec.operands:
        try:
            items.append(_decimal(operand, "operand"))
        except AuthoringError:
            if not ID_PATTERN.match(operand):
                raise AuthoringError(f"operand {operand!r} is neither a number nor a claim id", USAGE) from None
            items.append(f"claim:{operand}")
    return (
        f"cg:derivedBy [ a cg:Derivation ; cg:formula formula:{spec.derived_by} ; cg:operands ( {' '.join(items)} ) ]"
    )


def turtle_string(text: str) -> str:
    """A Turtle string literal (single-quoted form, every special character escaped)."""
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    )
    return f'"{escaped}"'


#: A Turtle numeric literal (INTEGER, DECIMAL or DOUBLE of the Turtle grammar), ASCII digits only: what
#: ``new claim`` writes exactly as typed ("1.30", "1.3e3", "007"), since the checks read a number's rounding
#: from its written form (docs/numbers.md)
TURTLE_NUMERAL = re.compile(
    r"[+-]?(?:[0-9]+(?:\.[0-9]*)?[eE][+-]?[0-9]+|\.[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]*\.[0-9]+|[0-9]+)"
)


#: a number grouped and with a decimal part as German, French or Spanish write it ("1.234,5", "1.234.567", "1 234,5"),
#: or with a decimal comma alone that no thousands group can be ("1,3", "0,429", "12,5"); and grouped as English
#: writes it ("1,234.5", "1,234,567"): what each means is unambiguous, so the message can say what to type
_CONTINENTAL = re.compile(r"([+-]?)(\d{1,3}(?:([. \u00a0\u202f])\d{3})(?:\3\d{3})*)(?:,(\d+))?")
_DECIMAL_COMMA = re.compile(r"([+-]?)(\d+),(\d+)")
_ENGLISH_GROUPS = re.compile(r"([+-]?)(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?")


def _how_to_write(typed: str) -> str:
    """What to type instead of a number written as a language writes it ("1.234,5"): the number itself
    ("write 1234.5") when the writing can mean one number only, else the rule ("write 1.3, not 1,3")."""
    rule = "a point before the decimals, no thousands separator"
    continental = _CONTINENTAL.fullmatch(typed)
    decimal_comma = _DECIMAL_COMMA.fullmatch(typed)
    english = _ENGLISH_GROUPS.fullmatch(typed)
    if continental:
        # ("1.234" alone is a number Turtle reads, 1.234: it never reaches here; "1.234,5" and "1.234.567" do)
        sign, whole, decimals = continental.group(1), re.sub(r"\D", "", continental.group(2)), continental.group(4)
        return f"write {sign}{whole}{'.' + decimals if decimals else ''}: {rule}"
    if english:
        sign, whole, decimals = english.group(1), english.group(2).replace(",", ""), english.group(3)
        if decimals is not None or typed.count(",") > 1:
            return f"write {sign}{whole}{'.' + decimals if decimals else ''}: {rule}"
    if decimal_comma:
        sign, whole, decimals = decimal_comma.groups()
        if len(decimals) == 3 and whole[:1] != "0" and len(whole) <= 3:
            # "1,200" is 1200 with a thousands comma or 1.2 with a decimal comma: both are said, each as the
            # number it is ("1.200" would be read 1.2, not what a thousands comma meant)
            as_decimal = f"{sign}{whole}" + (f".{decimals.rstrip('0')}" if decimals.rstrip("0") else "")
            return f"write {sign}{whole}{decimals} (a thousands comma) or {as_decimal} (a decimal comma): {rule}"
        return f"write {sign}{whole}.{decimals}: {rule}"
    if re.search(r"\d", typed) and re.search(r"[^\W\d_]", typed):
        # "5 billion", "40 M", "3 kWh": a scale word or a unit is no part of the value
        return "write the number alone, in the claim's unit: 5e9 for 5 billion, or a scaled unit such as GigaCCY_USD"
    return "write 1.3, not 1,3"


_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\ufe63": "-", "\uff0d": "-"})
#: dashes a number may be typed with by mistake (a word processor's "–1.1"): said, not read as minus
_DASHES = re.compile(r"[\u2010-\u2015](?=[0-9.])")


#: xsd:decimal's "13." (a point and no decimals), which Turtle cannot write as is: written 13, the same digits.
_TRAILING_POINT = re.compile(r"[+-]?[0-9]+\.")


def _not_a_numeral(text: str, what: str) -> AuthoringError:
    """Why ``text`` is not a number as Turtle writes one (ASCII digits, a sign, a point, an exponent), naming
    the first character that is not: Python would read ``1_000``, ``١٢`` or `` 5`` as numbers, and write
    them as other text than was typed."""
    import unicodedata

    if _CONTINENTAL.fullmatch(text) or _DECIMAL_COMMA.fullmatch(text) or _ENGLISH_GROUPS.fullmatch(text):
        return AuthoringError(f"{what} {text!r} is not a number ({_how_to_write(text)})", USAGE)
    stripped = text.strip()
    if stripped != text and (TURTLE_NUMERAL.fullmatch(stripped) or _TRAILING_POINT.fullmatch(stripped)):
        return AuthoringError(
            f"{what} {text!r} has white space around the number: write {stripped} (it is written as typed)", USAGE
        )
    rule = "write the number in ASCII digits 0-9, with a sign, a point (.) and an exponent (e3) if need be"
    if re.search(r"\d", text) and (re.search(r"[^\W\d_]{2,}", text) or re.search(r"\s[^\W\d_]", text)):
        rule = _how_to_write(text)  # a scale word or a unit typed with the number ("5 billion", "40 M", "3kWh")
    odd = next((c for c in text if not (c.isascii() and (c.isdigit() or c in "+-.eE"))), None)
    if odd is None:
        return AuthoringError(f"{what} {text!r} is not a number ({rule})", USAGE)
    if odd == "_":
        why = "holds _, a digit separator Turtle does not know"
        rule = f"write {text.replace('_', '')}" if TURTLE_NUMERAL.fullmatch(text.replace("_", "")) else rule
    elif odd.isspace():
        why = "holds white space"
    elif not odd.isascii() and unicodedata.category(odd) == "Nd":
        why = f"holds {unicodedata.name(odd, 'a digit')} (U+{ord(odd):04X}), not an ASCII digit"
    elif not odd.isascii():
        why = f"holds {unicodedata.name(odd, 'a character')} (U+{ord(odd):04X})"
    else:
        why = f"holds {odd!r}, which no decimal number has"
    return AuthoringError(f"{what} {text!r} is not a number: it {why} ({rule})", USAGE)


def _decimal(text: str | None, what: str) -> str | None:
    """The Turtle numeral for a number typed on the command line, as typed (``1.3e3`` stays 1.3e3, two
    significant digits, not 1300; ``13.``, which Turtle cannot write, is 13): only a Turtle numeral is taken,
    as docs/tutorial.md promises, since anything else would be written as other text than was typed."""
    if text is None:
        return None
    # the minus sign of typeset text (U+2212, and its small and full-width forms), as pasted from a paper or a
    # PDF, is a minus: the Turtle gets the ASCII one
    typed = str(text).translate(_MINUS_SIGNS)
    dash = _DASHES.search(typed)
    if dash:
        raise AuthoringError(
            f"{what} {text!r} is not a number: U+{ord(dash.group()):04X} ({dash.group()}) is a dash, not a minus "
            f"sign; write {_DASHES.sub('-', typed.strip())} with the ASCII hyphen-minus -",
            USAGE,
        )
    if not (TURTLE_NUMERAL.fullmatch(typed) or _TRAILING_POINT.fullmatch(typed)):
        try:
            named = Decimal(typed.strip())
        except InvalidOperation:
            named = None
        if named is None or named.is_finite():  # (infinity and NaN are said below)
            raise _not_a_numeral(typed, what)
    number = Decimal(typed.strip())
    if not number.is_finite():
        raise AuthoringError(f"{what} {text!r} is not a finite number", USAGE)
    # the registry reads numbers as doubles: one beyond their range would load as inf or 0
    as_double = float(number)
    if math.isinf(as_double) or (as_double == 0 and number != 0):
        raise AuthoringError(
            f"{what} {text!r} is out of range: write a number between about 1e-307 and 1e308 "
            "(in another unit if need be)",
            USAGE,
        )
    if TURTLE_NUMERAL.fullmatch(typed):
        return typed
    # "13.": str() of a Decimal keeps its significant digits and is always a Turtle numeral (13)
    return str(number)


def _tolerance(text: str | None) -> str | None:
    """A relative tolerance as an xsd:decimal numeral, the one datatype the shapes take for it (CG228):
    a tolerance is a bound, not a reading, so its digits say nothing and ``5e-2`` is written 0.05."""
    typed = _decimal(text, "tolerance")
    if typed is None:
        return None
    decimal = format(Decimal(typed), "f")
    return decimal if "." in decimal else decimal + ".0"


def claim_snippet(spec: ClaimSpec, *, new_system: bool, new_measurand: bool) -> tuple[str, set[str]]:
    """The Turtle for ``spec`` and the prefixes it uses."""
    if not ID_PATTERN.match(spec.id or ""):
        raise AuthoringError(
            f"claim id {spec.id!r} may use only letters, digits, - and _ (start with a letter or digit)", USAGE
        )
    if not spec.statement or not spec.statement.strip():
        raise AuthoringError("a claim needs a statement", USAGE)
    if not spec.cites:
        raise AuthoringError("a claim needs at least one cited source (--cites KEY)", USAGE)
    # a key given twice is one source cited (``cg:cites source:A , source:A`` would say it twice)
    spec = replace(spec, cites=list(dict.fromkeys(spec.cites)))
    for key in spec.cites + ([spec.primary_source] if spec.primary_source else []):
        if not KEY_PATTERN.match(key):
            raise AuthoringError(f"source key {key!r} may use only A-Z a-z 0-9 _ - : .", USAGE)
    if spec.status not in STATUSES:
        raise AuthoringError(f"status {spec.status!r}: use one of {', '.join(STATUSES)}", USAGE)
    if spec.role is not None and spec.role not in ROLES:
        raise AuthoringError(f"role {spec.role!r}: use primary or secondary", USAGE)
    if spec.quote is not None and not spec.quote.strip():
        raise AuthoringError("--quote is empty: give the source's exact words, or leave --quote out", USAGE)
    if bool(spec.quote) != bool(spec.locator):
        raise AuthoringError(
            "a quote needs where it stands, and a locator its quote (--quote TEXT --locator 'p. 4');"
            " a claim without a quote is allowed (an info finding, CG210)",
            USAGE,
        )
    value, lower, upper = (
        _decimal(spec.value, "value"),
        _decimal(spec.lower, "lower bound"),
        _decimal(spec.upper, "upper bound"),
    )
    tolerance = _tolerance(spec.tolerance)
    quantitative = value is not None or lower is not None or upper is not None
    if value is not None and (lower is not None or upper is not None):
        raise AuthoringError("give either --value or --range, not both", USAGE)
    if (lower is None) != (upper is None):
        raise AuthoringError("a range needs both bounds (--range LOW HIGH)", USAGE)
    if quantitative:
        if not spec.unit or not UNIT_PATTERN.match(spec.unit):
            raise AuthoringError(
                "a number needs a QUDT unit name (--unit GigaW-HR, PERCENT, UNITLESS…)" + _unit_suggestion(spec.unit),
                USAGE,
            )
        if not spec.measurand or not ID_PATTERN.match(spec.measurand):
            raise AuthoringError("a number needs what it measures (--measurand ID)", USAGE)
    elif spec.unit or spec.measurand or tolerance:
        raise AuthoringError("--unit, --measurand and --tolerance need --value or --range", USAGE)
    derivation = _derivation(spec)
    if derivation and not quantitative:
        raise AuthoringError("a derived claim states the number it derives (--value and --unit)", USAGE)
    langs = [spec.lang] + [lang for lang, _ in spec.translations]
    for lang in langs:
        # (BCP 47: a subtag has at most eight characters; a longer one would not parse as Turtle)
        if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", lang):
            raise AuthoringError(f"{lang!r} is not a language tag such as en, fr or pt-BR", USAGE)
    if len({lang.lower() for lang in langs}) != len(langs):
        raise AuthoringError("one statement per language", USAGE)
    if spec.slide is not None and spec.slide < 1:
        raise AuthoringError("--slide is a positive integer", USAGE)

    used = {"cg", "status", "oa", "claim", "source"}
    out: list[str] = []
    if new_measurand and quantitative:
        if not spec.quantity_kind or not UNIT_PATTERN.match(spec.quantity_kind):
            raise AuthoringError(
                f"measurand {spec.measurand!r} is new: say what kind of quantity it is "
                "(--quantity-kind Energy, Time, DimensionlessRatio…)",
                USAGE,
            )
        if not spec.about or not ID_PATTERN.match(spec.about):
            raise AuthoringError(
                f"measurand {spec.measurand!r} is new: say what it is about (--about SYSTEM-ID)", USAGE
            )
        if new_system:
            used |= {"system", "rdfs"}
            out += [
                f"system:{spec.about}",
                "    a cg:System ;",
                f"    rdfs:label {turtle_string(spec.system_label or spec.about)} .",
                "",
            ]
        # a label the user gives is words of their statement's language; one made from the id is no
        # language's words (``subscribers`` is not French): untagged, as a system's label made from its id, so
        # a query asking for the registry's language or an untagged label finds it
        if spec.measurand_label:
            label = f"{turtle_string(spec.measurand_label)}@{spec.lang}"
        else:
            label = turtle_string(spec.measurand.replace("-", " "))
        used |= {"measurand", "quantitykind", "system", "rdfs"}
        out += [
            f"measurand:{spec.measurand}",
            "    a cg:Measurand ;",
            f"    rdfs:label {label} ;",
            f"    cg:quantityKind quantitykind:{spec.quantity_kind} ;",
            f"    cg:about system:{spec.about} .",
            "",
        ]
    props: list[str] = []
    statements = [(spec.lang, spec.statement)] + list(spec.translations)
    props.append("cg:statement " + " ,\n        ".join(f"{turtle_string(t.strip())}@{lang}" for lang, t in statements))
    if spec.slide is not None:
        props.append(f"cg:slide {int(spec.slide)}")
    if quantitative:
        used |= {"measurand", "qudt", "unit"}
        props.append(f"cg:measurand measurand:{spec.measurand}")
        parts = (
            [f"qudt:numericValue {value}"]
            if value is not None
            else [f"cg:lowerBound {lower}", f"cg:upperBound {upper}"]
        )
        parts.append(f"qudt:unit unit:{spec.unit}")
        if tolerance is not None:
            parts.append(f"cg:relativeTolerance {tolerance}")
        props.append("cg:value [ " + " ; ".join(parts) + " ]")
    if derivation:
        used.add("formula")
        props.append(derivation)
    if spec.in_text_citation:
        props.append(f"cg:inTextCitation {turtle_string(spec.in_text_citation)}")
    props.append("cg:cites " + " , ".join(f"source:{k}" for k in spec.cites))
    if spec.role:
        used.add("role")
        props.append(f"cg:citedSourceRole role:{spec.role}")
    if spec.primary_source:
        props.append(f"cg:primarySource source:{spec.primary_source}")
    if spec.quote:
        props.append(
            "cg:citedQuote [\n        a cg:SourceQuote ;\n"
            f"        cg:inSource source:{spec.cites[0]} ;\n"
            f"        oa:exact {turtle_string(spec.quote)} ;\n"
            f"        cg:locator {turtle_string(spec.locator)}\n    ]"
        )
    props.append(f"cg:status status:{spec.status}")
    # the user's note is in the language of their statement (the registry's first, unless --lang says
    # otherwise), as the measurand's label is; so is the note written for them, where claimgraph has its
    # words in that language (else English words, tagged as English)
    note, note_lang = spec.status_note, spec.lang
    if not note and spec.status == "unverified":
        base = (spec.lang or "en").split("-")[0].lower()
        note_lang = spec.lang if base in NOT_YET_CHECKED else "en"
        note = NOT_YET_CHECKED.get(base, NOT_YET_CHECKED["en"])
    if not note:
        raise AuthoringError("say what was checked, where and how (--status-note TEXT)", USAGE)
    props.append(f"cg:statusNote {turtle_string(note)}@{note_lang}")
    kind = "cg:QuantitativeClaim" if quantitative else "cg:Claim"
    out += [f"claim:{spec.id}", f"    a {kind} ;"]
    out += [f"    {p} ;" for p in props[:-1]] + [f"    {props[-1]} ."]
    return "\n".join(out) + "\n", used


#: The status note ``new claim`` writes for an unverified claim when none is given, by language.
NOT_YET_CHECKED = {
    "en": "Not yet checked against the source.",
    "fr": "Pas encore vérifiée dans la source.",
    "de": "Noch nicht an der Quelle geprüft.",
    "es": "Aún no comprobada en la fuente.",
}


def new_claim(root: Path, spec: ClaimSpec, *, file: str = CLAIMS_FILE, dry_run: bool = False) -> Written:
    """Append a claim (and its measurand and system when new) to ``file`` (created if missing); with
    ``dry_run``, every check is made but nothing is written (the :class:`Written` says what would be appended)."""
    root = Path(root)
    _require_registry(root)
    path = _inside(root, file, "claims", ".ttl")
    from .registry import load

    registry = load(root, with_ontology=False)
    base = registry.settings.base
    claim_iri = base + "claim/" + (spec.id or "")
    if claim_iri in registry.locations:
        loc = registry.locations[claim_iri]
        raise AuthoringError(
            f"claim:{spec.id} is already defined at {loc.file}:{loc.line}", CONTENT, ["choose another id"]
        )
    missing = [
        k for k in spec.cites + ([spec.primary_source] if spec.primary_source else []) if k not in registry.sources
    ]
    if missing:
        import difflib

        details = []
        for key in missing:
            close = difflib.get_close_matches(key, list(registry.sources), n=1)
            details.append(
                f"did you mean `{close[0]}`?" if close else f"add it first: claimgraph new source --key {key} …"
            )
        raise AuthoringError(f"source key(s) {', '.join(missing)} not in the bibliography", CONTENT, details)
    measurand_iri = base + "measurand/" + (spec.measurand or "")
    system_iri = base + "system/" + (spec.about or "")
    new_measurand = bool(spec.measurand) and measurand_iri not in registry.locations
    new_system = bool(spec.about) and system_iri not in registry.locations
    _refuse_redefinitions(registry, spec, new_measurand=new_measurand, new_system=new_system)
    snippet, used = claim_snippet(spec, new_system=new_system, new_measurand=new_measurand)
    _refuse_unconvertible_unit(registry, spec)

    old = _read_existing(path)
    old_text = old.decode("utf-8-sig") if old is not None else ""
    prefixes: dict[str, str] = {}
    if old is not None:
        try:
            prefixes = parse_turtle(old_text.replace("\r\n", "\n"), base).prefixes
        except TurtleSyntaxError as exc:
            raise AuthoringError(
                f"{file}:{exc.line}: the file does not parse; fix it before adding to it", CONTENT, [str(exc)]
            ) from None
    header = []
    for name in [p for p in CLAIM_PREFIXES if p in used]:
        wanted = CLAIM_PREFIXES[name]
        absolute = wanted if re.match(r"^[a-z]+:", wanted) else base + wanted
        if name not in prefixes:
            header.append(f"@prefix {name}: <{wanted}> .")
        elif prefixes[name] != absolute:
            raise AuthoringError(
                f"{file} binds {name}: to <{prefixes[name]}>, but the new claim needs <{absolute}>",
                CONTENT,
                ["add the claim to another file with --file claims/NEW.ttl"],
            )
    if old is None:
        snippet = _claims_header() + "\n" + snippet
    else:
        snippet = ("\n".join(header) + "\n\n" if header else "\n") + snippet
    try:
        parse_turtle(_joined(old or b"", snippet).decode("utf-8-sig").replace("\r\n", "\n"), base)
    except TurtleSyntaxError as exc:
        raise AuthoringError(f"the new claim would not parse as Turtle: {exc}", USAGE) from None
    written = _append_validated(root, path, snippet, dry_run=dry_run)
    written.warnings.extend(_languages_not_read(spec, registry.settings.languages))
    return written


def _refuse_unconvertible_unit(registry, spec: ClaimSpec) -> None:
    """A unit written as a name (``--unit kn``, ``--unit knot``) that no rule resolves, neither QUDT's nor the
    registry's own, is refused at once with the unit ``claimgraph units`` finds for it, as one written as a
    symbol (``--unit g/km``) is: the check of the scratch copy (CG331) would name no unit to use instead."""
    if not spec.unit:
        return
    from .quantities import UnknownUnit, catalogue_for
    from .qudt import UNIT_NS

    try:
        catalogue_for(registry).unit(UNIT_NS + spec.unit)
    except UnknownUnit as exc:
        instead = f"; {exc.hint}" if exc.hint else None  # an IU: declare the substance's own unit
        raise AuthoringError(
            f"unit:{spec.unit} is not a unit claimgraph can convert: {exc.reason}"
            + (instead or _unit_suggestion(spec.unit) or "; `claimgraph units TEXT` searches the units it converts"),
            USAGE,
        ) from None


def _refuse_redefinitions(registry, spec: ClaimSpec, *, new_measurand: bool, new_system: bool) -> None:
    """Options that describe a measurand or system already defined (``--quantity-kind``, ``--measurand-label``,
    ``--about``, ``--system-label``) must say what its definition says: ``new claim`` never changes one, so a
    different value would be dropped unseen. The same value is fine."""
    import pyoxigraph as ox

    from .namespaces import CG, RDFS

    def texts(iri: str, predicate) -> list[str]:
        quads = registry.store.quads_for_pattern(
            ox.NamedNode(iri), ox.NamedNode(str(predicate)), None, registry.data_graph_iri
        )
        return sorted(q.object.value for q in quads)

    def refuse(what: str, option: str, given: str, iri: str, has: list[str], shown: str) -> None:
        loc = registry.locations[iri]
        said = " and ".join(repr(h) for h in has) if has else "none"
        raise AuthoringError(
            f"{option} {given!r}: {what} is already defined at {loc.file}:{loc.line}, with {shown} {said}; "
            "new claim never changes a definition",
            USAGE,
            [f"leave {option} out (or give what the definition says), or edit {loc.file}:{loc.line} by hand"],
        )

    base = registry.settings.base
    if spec.measurand and not new_measurand and (spec.value is not None or spec.lower is not None):
        iri = base + "measurand/" + spec.measurand
        what = f"measurand:{spec.measurand}"
        if spec.quantity_kind:
            kinds = [k.removeprefix(CLAIM_PREFIXES["quantitykind"]) for k in texts(iri, CG.quantityKind)]
            if spec.quantity_kind not in kinds:
                refuse(what, "--quantity-kind", spec.quantity_kind, iri, kinds, "quantity kind")
        if spec.about:
            systems = [a.removeprefix(base + "system/") for a in texts(iri, CG.about)]
            if spec.about not in systems:
                refuse(what, "--about", spec.about, iri, systems, "system")
        if spec.measurand_label:
            labels = texts(iri, RDFS.label)
            if spec.measurand_label not in labels:
                refuse(what, "--measurand-label", spec.measurand_label, iri, labels, "label")
    if spec.system_label and not new_system:
        # the system named by --about, else the one the measurand already defined is about
        if spec.about:
            systems = [base + "system/" + spec.about]
        elif spec.measurand and not new_measurand:
            systems = texts(base + "measurand/" + spec.measurand, CG.about)
        else:
            systems = []
        for iri in systems:
            labels = texts(iri, RDFS.label)
            if iri in registry.locations and spec.system_label not in labels:
                name = "system:" + iri.removeprefix(base + "system/")
                refuse(name, "--system-label", spec.system_label, iri, labels, "label")


def _languages_not_read(spec: ClaimSpec, languages: tuple[str, ...]) -> list[str]:
    """What to say of a statement in a language the registry is not read in (``--lang xx``): check's CG203 when
    none of the claim's statements is in one of the registry's languages (matched as sh:languageIn does)."""
    from .checks.shacl import english_language_name

    def read(tag: str) -> bool:
        return any(tag.lower() == lang.lower() or tag.lower().startswith(lang.lower() + "-") for lang in languages)

    tags = [spec.lang] + [lang for lang, _ in spec.translations]
    others = [tag for tag in tags if tag and not read(tag)]
    if not others:
        return []
    named = ", ".join(
        f"{tag!r} ({english_language_name(tag)})" if english_language_name(tag) else f"{tag!r} (no language CLDR knows)"
        for tag in others
    )
    notes = [
        f"the statement in {named} is in no language of the registry ({', '.join(languages)}): "
        f"add it to languages in claimgraph.toml if the registry is read in it"
    ]
    if len(others) == len(tags):
        notes.append("check reports CG203 until the claim has a statement in a language of the registry")
    return notes


# ------------------------------------------------------------------ writing


def _require_registry(root: Path) -> None:
    if not (root / SETTINGS_FILE).is_file():
        raise AuthoringError(
            f"{root}: no {SETTINGS_FILE}, not a registry (create one with `claimgraph init DIR`)", USAGE
        )


def _inside(root: Path, file: str, folder: str, suffix: str) -> Path:
    rel = Path(file)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts or rel.parts[0] != folder or rel.suffix != suffix:
        raise AuthoringError(
            f"--file {file!r} must be a {suffix} file under {folder}/ (e.g. {folder}/more{suffix})", USAGE
        )
    path = root / rel
    if path.is_symlink():
        raise AuthoringError(f"{file} is a symbolic link: edit its target directly", CONTENT)
    try:
        real, boundary = path.resolve(), root.resolve() / folder
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise AuthoringError(f"{file}: cannot resolve the path: {exc}", USAGE) from None
    # a symlinked folder on the way could lead anywhere: what counts is where the bytes would land
    if not real.is_relative_to(boundary):
        raise AuthoringError(
            f"--file {file!r} leads outside the registry's {folder}/ folder (to {real}, through "
            f"a symbolic link): name a file inside {folder}/",
            USAGE,
        )
    if real.exists() and not real.is_file():
        raise AuthoringError(
            f"{file} is not a regular file (a folder, a FIFO or a device): name a {suffix} file under {folder}/", USAGE
        )
    return path


def _read_existing(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise AuthoringError(f"{path}: cannot read it: {exc.strerror or exc}", USAGE) from None
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AuthoringError(f"{path}: not UTF-8; save it as UTF-8 before adding to it", CONTENT) from None
    return data


def _joined(old: bytes, snippet: str) -> bytes:
    """``old`` unchanged, then the snippet with the file's own line endings."""
    newline = b"\r\n" if b"\r\n" in old else b"\n"
    addition = snippet.encode("utf-8").replace(b"\n", newline)
    if old and not old.endswith(b"\n"):
        addition = newline + addition
    if old and not old.endswith(newline + newline) and not addition.startswith(newline):
        addition = newline + addition
    return old + addition


def _append_validated(root: Path, path: Path, snippet: str, *, dry_run: bool = False) -> Written:
    """Check the registry with the snippet added (in a scratch copy), then append for real (not with
    ``dry_run``). The :class:`Written`'s ``appended`` is the text added to the file, to the byte."""
    old = _read_existing(path)
    new = _joined(old or b"", snippet)
    assert new.startswith(old or b"")  # nothing lost, by construction
    # resolved, so that neither the scratch copy nor the file is reached through a symlink
    real = path.resolve()
    rel = real.relative_to(root.resolve()).as_posix()
    before, after = _errors_with(root, rel, new)
    introduced = sorted((after - before).elements())
    if introduced:
        raise AuthoringError(
            f"adding this to {rel} would bring new errors; nothing was written",
            CONTENT,
            [f"{code}: {message}" for code, message in introduced],
        )
    appended = new[len(old or b"") :].decode("utf-8")
    if dry_run:
        return Written(path, snippet, created=old is None, appended=appended)
    try:
        write_atomically(real, new)
    except OSError as exc:  # a full or read-only disk: the file is as it was (written whole or not at all)
        raise AuthoringError(f"cannot write {rel}: {exc.strerror or exc}; the file was left as it was", IO) from None
    return Written(path, snippet, created=old is None, appended=appended)


#: A blank node's label (``_:f9fee0fb…``): made afresh at every load, so the registry and its scratch copy
#: name one node differently; an error is compared without it.
_BLANK_NODE_LABEL = re.compile(r"_:[A-Za-z0-9_][A-Za-z0-9_.-]*")


def _errors_with(root: Path, rel: str, content: bytes) -> tuple[Counter, Counter]:
    from .checks import run_checks
    from .findings import Severity
    from .registry import load

    def errors(folder: Path) -> Counter[tuple[str, str]]:
        # counted, not a set: a second error like one the registry has is still a new one
        return Counter(
            (f.code, _BLANK_NODE_LABEL.sub("_:…", f.message))
            for f in run_checks(load(folder))
            if f.severity >= Severity.ERROR
        )

    before = errors(root)
    with tempfile.TemporaryDirectory(prefix="claimgraph-new-") as tmp:
        scratch = Path(tmp) / "registry"
        scratch.mkdir()
        try:
            for name in (SETTINGS_FILE, "claims", "bib", "shapes"):
                src = root / name
                if src.is_dir():
                    shutil.copytree(src, scratch / name, symlinks=True, ignore=_special_files)
                elif src.is_file():
                    shutil.copy2(src, scratch / name)
            _copy_source_texts(root, scratch, rel, content)
        except (shutil.Error, OSError) as exc:
            raise AuthoringError(f"cannot copy the registry to check the new entry: {exc}", USAGE) from None
        target = scratch / rel
        if target.is_symlink() or not target.resolve().is_relative_to(scratch.resolve()):
            raise AuthoringError(f"{rel}: leads outside the registry through a symbolic link", USAGE)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        except OSError as exc:  # the temporary folder is full: nothing was written to the registry
            raise AuthoringError(
                f"cannot write the scratch copy to check the new entry: {exc.strerror or exc}", IO
            ) from None
        after = errors(scratch)
    return before, after


def _copy_source_texts(root: Path, scratch: Path, rel: str, content: bytes) -> None:
    """The source texts ``file`` fields name (the new entry's too), into the scratch copy, so that it
    checks the quotes as the registry does: hard links where the file system allows, else copies."""
    from .sources.available import referenced_files

    real_root = root.resolve()
    pending = ((root / rel, content.decode("utf-8", "replace")),) if rel.endswith(".bib") else ()
    for path in referenced_files(root, pending):
        target = scratch / path.relative_to(real_root)
        if target.exists():
            continue  # under claims/ or bib/, already copied
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, target)
        except OSError:
            shutil.copy2(path, target)


def _special_files(folder: str, names: list[str]) -> list[str]:
    """FIFOs, sockets and devices: the loader skips them, and copying one would block or fail."""
    skipped = []
    for name in names:
        try:
            mode = os.lstat(os.path.join(folder, name)).st_mode
        except OSError:
            skipped.append(name)
            continue
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode)):
            skipped.append(name)
    return skipped


_MICRO_SIGN, _GREEK_MU = "\u00b5", "\u03bc"


def _unit_suggestion(typed: str | None) -> str:
    """``; did you mean --unit MicroGM-PER-M3 (μg/m³)?`` when the unit search (``claimgraph units``) finds the
    one unit ``typed`` is written as: its symbol or name as QUDT writes it (``kn`` is the knot, not ``kN``), else
    in any case, its label (``knot``), what the number reader reads in it, or the one unit found; ``; did you
    mean --unit MI (mi, International Mile), MI_N (…) or MI_UK (…)?`` when it is several units' symbol or the last
    word of their labels (``mile``); else "". A unit found only because ``typed`` stands inside a word of its
    names (``nodi`` in "Synodic Month") is none. The micro sign (µ, U+00B5) is read as the Greek mu (μ) QUDT
    writes: they look the same on a keyboard."""
    if not typed or not typed.strip():
        return ""
    from .numbers_in_text import unit_written
    from .qudt import list_units

    text = typed.strip().replace(_MICRO_SIGN, _GREEK_MU)

    def squeezed(value: str) -> str:
        return re.sub(r"[\s·_\-]", "", value.replace(_MICRO_SIGN, _GREEK_MU).lower())

    try:
        found = [r for r in list_units(text, written=unit_written) if not r.inside_word]
    except Exception:  # a suggestion is a courtesy: the message stands without it
        return ""
    read = unit_written(text)
    named = [r for r in found if read is not None and read.endswith("/" + r.name)]
    # "knots", "miles": the singular when the plural is nobody's name
    for form in [text] + ([text[:-1]] if len(text) > 3 and text.endswith("s") else []):
        as_written = [r for r in found if form in (r.name, r.symbol)]
        exact = [r for r in found if squeezed(form) in (squeezed(r.name), squeezed(r.symbol), squeezed(r.label))]
        # "mile": the International, Nautical and Imperial Mile, whose labels end with the word, before the
        # square mile or the US survey mile (more words); never a mile per hour
        headed = sorted(
            (r for r in found if r.label.lower().split()[-1:] == [form.lower()] and " per " not in r.label.lower()),
            key=lambda r: len(r.label.split()),
        )
        if as_written or exact or named or headed:
            break
    for group in (as_written, exact, named):
        if len(group) == 1:
            return f"; did you mean --unit {_unit_shown(group[0])}? (claimgraph units)"
    several = exact or headed or (found if len(found) == 1 else [])
    if not several:
        return ""
    if len(several) == 1:
        return f"; did you mean --unit {_unit_shown(several[0])}? (claimgraph units)"
    shown = [_unit_shown(r, labelled=True) for r in several[:3]]
    more = f" (claimgraph units {text})" if len(several) > 3 else " (claimgraph units)"
    return f"; did you mean --unit {', '.join(shown[:-1])} or {shown[-1]}?{more}"


def _unit_shown(unit, *, labelled: bool = False) -> str:
    """``KN (kn)``, or with ``labelled`` ``MI (mi, International Mile)``: a unit's name for --unit, then how it
    is written, for a reader to tell it from the others suggested."""
    said = [unit.symbol] if unit.symbol else []
    if labelled and unit.label:
        said.append(unit.label)
    return unit.name + (f" ({', '.join(said)})" if said else "")
