"""Checks on a parsed Turtle file that a strict parser still lets through.

Oxigraph follows the Turtle grammar to the letter, but the grammar allows
things a registry must not hold:

* **nesting and lists beyond a limit** (:data:`MAX_NESTING_DEPTH`,
  :data:`MAX_LIST_LENGTH`): Oxigraph reads 100,000 nested ``[ ]`` without
  trouble, but rdflib's Turtle, JSON-LD and pretty RDF/XML serialisers recurse
  once per level and die with ``RecursionError`` a few hundred levels down;
* **ill-typed literals** such as ``"2023-13-45"^^xsd:date``: Oxigraph keeps
  the lexical form without validating it, and a date that does not exist would
  be compared, sorted and published as if it did;
* **numbers no check can compute with**: a value that is ``NaN``, infinite or out of a
  double's range, and any double numeral the store would change (Oxigraph keeps an
  ``xsd:double`` as the machine number: ``1e400`` is stored as ``INF``, ``1e-400`` as ``0``);
* **invisible or confusable characters in IRIs**: ``claim:gpt3​-energy`` with a
  zero-width space, or ``claim:gрt3`` with a Cyrillic ``р``, is a different
  node from the one its author meant, and looks identical on screen;
* **controls and invisible characters in literals**: a right-to-left override in a statement
  shows a reader another sentence than the one stored (see :mod:`claimgraph.hidden_characters`);
* **twin identifiers**: ``claim:GPT3-Energy`` beside ``claim:gpt3-energy``, or ``é`` written
  as ``e`` + U+0301 beside the composed ``é``, are two nodes that a reader, a case-insensitive
  file system and the site's page names take for one.

Each function returns ``(line, message)`` pairs; the loader turns them into findings.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections import deque

import pyoxigraph as ox

from ..hidden_characters import ANY_HIDDEN, BIDI_CONTROLS, controls, describe, escaped, invisibles
from ..namespaces import XSD_IRI
from ..lexing import CLOSE, NUMBER, OPEN, STRING, tokens
from .turtle import ParsedTurtle, index_turtle, unescape_uchars

#: Deepest nesting of blank nodes (``[ ]`` or collections inside each other) a file may hold.
MAX_NESTING_DEPTH = 64
#: Longest RDF collection ``( … )`` a file may hold.
MAX_LIST_LENGTH = 10_000

_RDF_REST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"
_RDF_FIRST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first"


# ------------------------------------------------------------------ nesting


#: Escapes that matter wherever they are: ``\\r``, ``\\b``, ``\\f`` write controls into a literal,
#: ``\\u`` and ``\\U`` any character into a literal, a name or an IRI.
_RISKY_ESCAPES = ("\\u", "\\U", "\\r", "\\b", "\\f")


def needs_quad_scan(text: str, index: ParsedTurtle | None = None) -> bool:
    """Could ``text`` hold anything the quad-level checks look for?

    False only when the text itself rules everything out: no RDF 1.2 token, no typed literal
    (``^^``), no labelled blank node (``_:``) or collection and few nested brackets, no escape
    that writes a control or hides a character, nothing invisible, no numeral a double may not hold,
    and nothing but ASCII outside strings and comments. Such a file goes straight into the store,
    skipping the Python-side parse. ``index``: the text's :func:`index_turtle` (the tokens say all
    but the escapes and invisible characters), when the caller has it already.
    """
    if "\\" in text and any(escape in text for escape in _RISKY_ESCAPES):  # (one search where none is)
        return True
    if ANY_HIDDEN.search(text):
        return True
    if index is None:
        index = index_turtle(text, "")
    return (
        index.rare_syntax
        or index.collections
        or index.extreme_numeral
        or not index.ascii_syntax
        or index.deepest > MAX_NESTING_DEPTH
    )


def nesting_problems(parsed: ParsedTurtle) -> list[tuple[int | None, str]]:
    """Blank nodes nested deeper than :data:`MAX_NESTING_DEPTH`, lists longer than :data:`MAX_LIST_LENGTH`.

    Walks the graph breadth first from the nodes no blank node hangs under, so it
    never recurses itself; a ``rdf:rest`` link lengthens a list, any other link
    nests one level deeper.
    """
    if len(parsed.quads) <= MAX_LIST_LENGTH and "_:" not in parsed.text and parsed.deepest <= MAX_NESTING_DEPTH:
        return []  # too few triples for a long list; no labelled blank nodes and few brackets: no deep nesting
    children: dict[ox.BlankNode, list[tuple[str, ox.BlankNode]]] = {}
    roots: dict[object, None] = {}
    hanging: set[ox.BlankNode] = set()
    for q in parsed.quads:
        if isinstance(q.object, ox.BlankNode):
            children.setdefault(q.subject, []).append((q.predicate.value, q.object))
            hanging.add(q.object)
        roots.setdefault(q.subject, None)
    # (node, depth, items, top): a node's items count the collection's cells up to it, its own included,
    # so that a collection of MAX_LIST_LENGTH items loads and one more is refused
    queue = deque((root, 0, 1, root) for root in roots if root not in hanging)
    seen = set(node for node, *_ in queue)
    deepest = longest = (0, None)
    while queue:
        node, depth, length, top = queue.popleft()
        for predicate, child in children.get(node, ()):
            if child in seen:
                continue
            seen.add(child)
            if predicate == _RDF_REST:
                step = (depth, length + 1)
            else:
                step = (depth + 1, 1)
            if step[0] > deepest[0]:
                deepest = (step[0], top)
            if step[1] > longest[0]:
                longest = (step[1], top)
            if step[0] > MAX_NESTING_DEPTH or step[1] > MAX_LIST_LENGTH:
                break
            queue.append((child, step[0], step[1], top))
    out = []
    if deepest[0] > MAX_NESTING_DEPTH:
        out.append(
            (
                _deep_line(parsed) or _top_line(parsed, deepest[1]),
                f"blank nodes or collections nested over {MAX_NESTING_DEPTH} levels deep: file not loaded "
                "(see docs/limits.md)",
            )
        )
    if longest[0] > MAX_LIST_LENGTH:
        out.append(
            (
                _top_line(parsed, longest[1]),
                f"a collection ( … ) of more than {MAX_LIST_LENGTH:,} items: file not loaded (see docs/limits.md)",
            )
        )
    return out


def _deep_line(parsed: ParsedTurtle) -> int | None:
    """The line where bracket nesting first goes over the limit, when the nesting is written with brackets."""
    text = parsed.text
    depth = 0
    for token in tokens(text):
        if token.kind == OPEN and text[token.start] in "[(":
            depth += 1
            if depth > MAX_NESTING_DEPTH:
                return text.count("\n", 0, token.start) + 1
        elif token.kind == CLOSE and text[token.start] in "])":
            depth -= 1
    return None


def _top_line(parsed: ParsedTurtle, top) -> int | None:
    if isinstance(top, ox.NamedNode) and top.value in parsed.blocks:
        return parsed.blocks[top.value][0]
    return 1


# ------------------------------------------------------------------ literals

_TZ = r"(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?"
_YEAR = r"-?(?:[1-9]\d{4,}|\d{4})"
_INTEGER = re.compile(r"[+-]?\d+")
_LEXICAL = {
    "boolean": re.compile(r"true|false|1|0"),
    "decimal": re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"),
    "double": re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF|NaN"),
    "date": re.compile(rf"({_YEAR})-(\d\d)-(\d\d){_TZ}"),
    "dateTime": re.compile(rf"({_YEAR})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.\d+)?{_TZ}"),
    "gYear": re.compile(rf"{_YEAR}{_TZ}"),
    "gYearMonth": re.compile(rf"({_YEAR})-(\d\d){_TZ}"),
}
_LEXICAL["float"] = _LEXICAL["double"]
#: Integer types and their (lowest, highest) values; None is unbounded.
_INTEGERS = {
    "integer": (None, None),
    "nonNegativeInteger": (0, None),
    "positiveInteger": (1, None),
    "nonPositiveInteger": (None, 0),
    "negativeInteger": (None, -1),
    "long": (-(2**63), 2**63 - 1),
    "int": (-(2**31), 2**31 - 1),
    "short": (-(2**15), 2**15 - 1),
    "byte": (-128, 127),
    "unsignedLong": (0, 2**64 - 1),
    "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 2**16 - 1),
    "unsignedByte": (0, 255),
}


def lexical_error(value: str, datatype: str) -> str | None:
    """Why ``value`` is not a valid lexical form of XSD ``datatype`` (None: valid, or a type not checked)."""
    if not datatype.startswith(XSD_IRI):
        return None
    name = datatype[len(XSD_IRI) :]
    if name in _INTEGERS:
        if not _INTEGER.fullmatch(value):
            return "not an integer"
        low, high = _INTEGERS[name]
        number = int(value)
        if (low is not None and number < low) or (high is not None and number > high):
            return f"out of range for xsd:{name}"
        return None
    pattern = _LEXICAL.get(name)
    if pattern is None:
        return None
    match = pattern.fullmatch(value)
    if not match:
        return f"not a valid xsd:{name} lexical form"
    if name in ("date", "dateTime", "gYearMonth"):
        month = int(match.group(2))
        if not 1 <= month <= 12:
            return f"month {month:02d} does not exist"
    if name in ("date", "dateTime"):
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
        # XSD years have no year 0 issue for leap years here: -0001 is 2 BCE, leap by the proleptic rule
        days = calendar.monthrange(2000 if calendar.isleap(abs(year)) else 2001, month)[1]
        if not 1 <= day <= days:
            return f"day {day:02d} does not exist in month {month:02d}"
    if name == "dateTime":
        hour, minute, second = int(match.group(4)), int(match.group(5)), int(match.group(6))
        fraction = re.search(r"\.(\d+)", value)
        end_of_day = hour == 24 and minute == 0 and second == 0 and not (fraction and fraction.group(1).strip("0"))
        if (hour > 23 and not end_of_day) or minute > 59 or second > 59:
            return "time of day out of range"
    return None


def literal_problems(parsed: ParsedTurtle) -> list[tuple[int | None, str]]:
    # Turtle's own numerals and booleans are well-formed by its grammar: only an explicit
    # "…"^^datatype can be ill-typed, so a file without "^^" needs no scan
    if "^^" not in parsed.text:
        return []
    out = []
    seen = set()
    for q in parsed.quads:
        term = q.object
        if not isinstance(term, ox.Literal) or (term.value, term.datatype.value) in seen:
            continue
        seen.add((term.value, term.datatype.value))
        reason = lexical_error(term.value, term.datatype.value)
        if reason:
            short = "xsd:" + term.datatype.value[len(XSD_IRI) :]
            subject = q.subject.value if isinstance(q.subject, ox.NamedNode) else None
            out.append(
                (_literal_line(parsed, term.value, subject), f'ill-typed literal "{term.value}"^^{short}: {reason}')
            )
    return out


def hidden_character_problems(parsed: ParsedTurtle) -> list[tuple[int | None, str, str | None, bool]]:
    """``(line, message, subject, is_control)`` for every literal holding a control character
    (``is_control``: an error) or an invisible character nothing there needs (a warning); one per
    literal and kind, naming the first such character and counting the others."""
    out = []
    seen = set()
    for q in parsed.quads:
        term = q.object
        if type(term) is not ox.Literal or term.value in seen or not ANY_HIDDEN.search(term.value):
            continue
        seen.add(term.value)
        subject = q.subject.value if isinstance(q.subject, ox.NamedNode) else None
        shown = ANY_HIDDEN.sub(lambda m: escaped(m.group()), term.value).replace("\n", "\\n")
        shown = shown if len(shown) <= 60 else shown[:59] + "…"
        for chars, is_control in ((controls(term.value), True), (invisibles(term.value), False)):
            if not chars:
                continue
            more = f" (and {', '.join(f'U+{ord(c):04X}' for c in chars[1:])})" if len(chars) > 1 else ""
            what = (
                "reorders what a reader sees: the text shown is not the text stored"
                if chars[0] in BIDI_CONTROLS
                else "is no text: invisible, and XML outputs cannot carry it"
                if is_control
                else "is invisible: the text looks like one without it, and a search for the word misses it"
            )
            out.append(
                (
                    _hidden_line(parsed, chars[0], subject),
                    f'literal "{shown}" holds {describe(chars[0])}{more}, which {what}',
                    subject,
                    is_control,
                )
            )
    return out


#: Turtle's own short escapes of the control characters that have one.
_SHORT_ESCAPES = {"\b": "\\b", "\f": "\\f", "\r": "\\r"}


def _hidden_line(parsed: ParsedTurtle, char: str, subject: str | None) -> int | None:
    """The line where ``char`` is written, as is or escaped, in ``subject``'s block if it has one."""
    code = ord(char)
    needles = [char, f"\\u{code:04x}", f"\\u{code:04X}", f"\\U{code:08x}", f"\\U{code:08X}"]
    if char in _SHORT_ESCAPES:
        needles.append(_SHORT_ESCAPES[char])
    first, last = parsed.blocks.get(subject, (1, len(parsed.lines))) if subject else (1, len(parsed.lines))
    for rng in (range(first, last + 1), range(1, len(parsed.lines) + 1)):
        for number in rng:
            if any(needle in parsed.lines[number - 1] for needle in needles):
                return number
    return first


_DOUBLE, _FLOAT = XSD_IRI + "double", XSD_IRI + "float"
_NUMERIC = {XSD_IRI + t for t in ("decimal", "double", "float", *_INTEGERS)}
#: Where a number is a value checks compute with (list items: derivation operands).
VALUE_PREDICATES = {
    "http://qudt.org/schema/qudt/numericValue",
    "https://w3id.org/claimgraph/ns#lowerBound",
    "https://w3id.org/claimgraph/ns#upperBound",
    "https://w3id.org/claimgraph/ns#relativeTolerance",
    _RDF_FIRST,
}


def number_problems(parsed: ParsedTurtle) -> list[tuple[int | None, str]]:
    """Numbers no check can compute with, found here rather than in the store for two reasons:
    the store keeps doubles as machine numbers (``1e400`` becomes ``INF``, ``1e-400`` becomes
    ``0``: only the text shows what was written), and a load error keeps ``build`` and ``export``
    from publishing them. A value (:data:`VALUE_PREDICATES`) must be a finite number a double
    holds; any other double or float numeral only must not be changed by the store (an explicit
    ``"INF"^^xsd:float`` elsewhere is a well-typed literal)."""
    from ..quantities import number_problem  # (a file on the fast path never asks)

    if not parsed.extreme_numeral and "^^" not in parsed.text:
        return []  # NaN and INF need "^^"; a numeral out of a double's range, a long run of digits
    out = []
    seen = set()
    parents: dict | None = None
    for q in parsed.quads:
        term = q.object
        if not isinstance(term, ox.Literal) or term.datatype.value not in _NUMERIC:
            continue
        is_value = q.predicate.value in VALUE_PREDICATES
        if (term.value, is_value) in seen:
            continue
        seen.add((term.value, is_value))
        if not is_value and (
            term.datatype.value not in (_DOUBLE, _FLOAT) or term.value.strip().lstrip("+-") in ("INF", "NaN")
        ):
            continue
        reason = number_problem(term.value, single=term.datatype.value == _FLOAT)
        if not reason:
            continue
        shown = term.value if len(term.value) <= 24 else f"{term.value[:12]}…({len(term.value)} characters)"
        name = "list item" if q.predicate.value == _RDF_FIRST else _prefixed(parsed, q.predicate.value)
        if parents is None:
            parents = {p.object: p.subject for p in parsed.quads if isinstance(p.object, ox.BlankNode)}
        owner = q.subject
        for _ in range(MAX_NESTING_DEPTH + 1):  # nesting was checked before: this ends
            if not isinstance(owner, ox.BlankNode) or owner not in parents:
                break
            owner = parents[owner]
        held = "INF" if "beyond" in reason else "0" if reason.endswith("as 0") else None
        if term.datatype.value in (_DOUBLE, _FLOAT) and held:
            consequence = f"the registry would hold {held}, not the number written"
        else:
            consequence = "no check can use it"
        out.append((_number_line(parsed, term.value, owner), f"{name} {shown}: {reason}; {consequence}"))
    return out


def _prefixed(parsed: ParsedTurtle, iri: str) -> str:
    """``iri`` as the file writes it, ``qudt:numericValue``, when one of its prefixes fits."""
    from ..iris import prefixed_name

    return prefixed_name(iri, {p: ns for p, ns in parsed.prefixes.items() if ns}, any_local=True) or f"<{iri}>"


def _number_line(parsed: ParsedTurtle, value: str, owner) -> int | None:
    """The line where ``value`` is written as a numeral or a string, in ``owner``'s statement if it has one."""
    text = parsed.text
    span = parsed.spans.get(owner.value) if isinstance(owner, ox.NamedNode) else None
    for start, end in ((span or (0, len(text))), (0, len(text))):
        for token in tokens(text, start, end):
            if token.kind == NUMBER:
                written = token.text(text)
            elif token.kind == STRING:
                quotes = 3 if text.startswith(('"""', "'''"), token.start) else 1
                written = text[token.start + quotes : token.end - quotes]
            else:
                continue
            if written == value:
                return text.count("\n", 0, token.start) + 1
    block = parsed.blocks.get(owner.value) if isinstance(owner, ox.NamedNode) else None
    return block[0] if block else 1


def _literal_line(parsed: ParsedTurtle, value: str, subject: str | None) -> int | None:
    first, last = parsed.blocks.get(subject, (1, len(parsed.lines))) if subject else (1, len(parsed.lines))
    for rng in (range(first, last + 1), range(1, len(parsed.lines) + 1)):
        for number in rng:
            if value in parsed.lines[number - 1]:
                return number
    return first


# ------------------------------------------------------------------ identifiers

#: Format, control, private-use, unassigned and space characters: nothing, or nothing
#: distinguishable, shows on screen. (Combining accents are visible and allowed.)
_INVISIBLE = {"Cf", "Cc", "Co", "Cn", "Zs", "Zl", "Zp"}


def _script(char: str) -> str | None:
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    return name.split(" ")[0] if name else None


def identifier_problem(iri: str) -> str | None:
    """Why ``iri`` holds an invisible or confusable character (None: it looks like what it is)."""
    if iri.isascii() and iri.isprintable() and " " not in iri:
        return None  # printable ASCII can be neither invisible nor a look-alike from another script
    for char in iri:
        if unicodedata.category(char) in _INVISIBLE:
            name = unicodedata.name(char, "unnamed character")
            return f"invisible character U+{ord(char):04X} {name}"
    for segment in re.split(r"[/#:?&=._~-]+", iri):
        scripts = {s for s in map(_script, segment) if s}
        if "LATIN" in scripts and len(scripts) > 1:
            other = sorted(scripts - {"LATIN"})[0]
            char = next(c for c in segment if _script(c) == other)
            return (
                f"{segment!r} mixes Latin letters with {other.title()} ones "
                f"(U+{ord(char):04X} {unicodedata.name(char)} looks like a Latin letter)"
            )
    return None


def identifier_problems(parsed: ParsedTurtle) -> list[tuple[int | None, str, str]]:
    """``(line, message, iri)`` for every IRI of the file holding an invisible or confusable character."""
    text = parsed.text
    if "\\u" not in text and "\\U" not in text and parsed.ascii_syntax:
        return []  # outside strings and comments the file is plain ASCII, and no escape can hide a character
    out = []
    seen = set()
    for q in parsed.quads:
        for term in (q.subject, q.predicate, q.object):
            if (
                not isinstance(term, ox.NamedNode)
                or term.value in seen
                or (term.value.isascii() and term.value.isprintable())
            ):
                continue  # (printable ASCII IRIs cannot hide anything: see identifier_problem)
            seen.add(term.value)
            reason = identifier_problem(term.value)
            if reason:
                out.append(
                    (
                        _iri_line(parsed, term.value),
                        f"<{term.value.encode('unicode_escape').decode()}>: {reason}",
                        term.value,
                    )
                )
    return out


def _iri_line(parsed: ParsedTurtle, iri: str) -> int | None:
    if iri in parsed.blocks:
        return parsed.blocks[iri][0]
    local = iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    for number, line in enumerate(parsed.lines, start=1):
        if local and local in line:
            return number
    return None


# ------------------------------------------------------------------ twins


def _fold(iri: str) -> str:
    """What a reader sees of ``iri``: no case, one Unicode normal form."""
    if iri.isascii():
        return iri.lower()
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", iri).casefold())


def _escaped(text: str) -> str:
    """``text`` with combining marks and invisible characters spelled out (``e\\u0301``)."""
    return "".join(f"\\u{ord(c):04X}" if unicodedata.category(c)[0] in "MCZ" and c != " " else c for c in text)


_TWIN_HINT = "give the two nodes names that differ visibly, or merge them into one"
_NFC_HINT = "retype the identifier from the keyboard (a name pasted from a file name is often decomposed)"


def twin_identifiers(locations, base: str) -> list[tuple[str, int, str, str, str]]:
    """``(file, line, message, iri, hint)`` for every defined IRI that another one, defined before it
    (by file and line), matches but for letter case or Unicode normalisation; and for every
    defined IRI not in Unicode NFC, the form a keyboard gives. ``locations`` maps IRIs to
    where they are defined (objects with ``file`` and ``line``)."""

    def shown(iri: str) -> str:
        return "<" + (iri[len(base) :] if iri.startswith(base) else iri) + ">"

    # the usual registry: ASCII IRIs without escapes, no two alike but for case (nothing to say, and
    # ordering every subject by where it is defined was a tenth of what the loader does after Oxigraph)
    if all(iri.isascii() and "\\" not in iri for iri in locations) and len({iri.lower() for iri in locations}) == len(
        locations
    ):
        return []
    out = []
    first: dict[str, tuple[str, object]] = {}
    for written, loc in sorted(locations.items(), key=lambda item: (item[1].file, item[1].line or 0, item[0])):
        # the block index keys a subject as its text: <claim/e\u0301x> still has its escape
        iri = unescape_uchars(written) if "\\" in written else written
        folded = _fold(iri)
        if folded in first:
            other, where = first[folded]
            how = (
                "letter case"
                if unicodedata.normalize("NFC", iri) != unicodedata.normalize("NFC", other)
                else "Unicode normalisation"
            )
            out.append(
                (
                    loc.file,
                    loc.line,
                    f"{shown(_escaped(iri))} differs from {shown(_escaped(other))} "
                    f"({where.file}:{where.line}) only by {how}: they are two nodes that look like one",
                    iri,
                    _TWIN_HINT,
                )
            )
            continue
        first[folded] = (iri, loc)
        if not iri.isascii() and not unicodedata.is_normalized("NFC", iri):
            out.append(
                (
                    loc.file,
                    loc.line,
                    f"{shown(_escaped(iri))} is not in Unicode NFC: typed from a keyboard "
                    f"it is {shown(unicodedata.normalize('NFC', iri))}, another node",
                    iri,
                    _NFC_HINT,
                )
            )
    return out
