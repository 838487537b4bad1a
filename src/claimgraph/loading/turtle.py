"""Strict Turtle parsing with a map from every subject to the line defining it.

Parsing is done by Oxigraph, which follows the W3C Turtle grammar to the letter
(rdflib accepts a number of documents the W3C negative syntax tests reject),
reports errors with line and column, never dereferences anything, and is an
order of magnitude faster than rdflib's parser.

Oxigraph does not say where a triple came from, so :func:`index_turtle` scans
the text for the lines where a statement starts at column 0 (the layout of
every Turtle file written by a person or by rdflib's ``longturtle``) and the
lines below it naming a predicate. That is enough to point a finding at
``claims/gpt3.ttl:42``. A file laid out otherwise (a statement indented, or
written after another on its line) is read statement by statement instead
(:func:`statement_subjects`): slower, so only where the line scan falls short.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox

_DIRECTIVE = re.compile(r"^\s*(@prefix|@base|PREFIX|BASE)\b", re.IGNORECASE)
_BASE = re.compile(r"^\s*(?:@base|BASE)\b", re.IGNORECASE)
_PREFIXES_IN_LINE = re.compile(r"(?:^|[\s.])(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)
#: (a local name may hold escapes, ``ex:a\.`` and ``ex:a\,b`` among them: an escaped character is part of it)
_LOCAL = r"(?:(?:\\.|[^\s;,\\])*(?:\\.|[^\s;,.\\]))?"
_SUBJECT = re.compile(r"^(<[^>\s]*>|(?:[A-Za-z][\w.-]*)?:" + _LOCAL + ")")


class TurtleSyntaxError(Exception):
    def __init__(self, message: str, line: int | None, column: int | None = None):
        super().__init__(message)
        self.line = line
        self.column = column


@dataclass
class ParsedTurtle:
    quads: list
    #: subject IRI -> (first line, last line of its block), 1-based
    blocks: dict[str, tuple[int, int]] = field(default_factory=dict)
    prefixes: dict[str, str] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    base_lines: list[int] = field(default_factory=list)


#: Strings, IRIs and comments, blanked out before looking for tokens in the text.
_MASKED = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*", re.S)
#: RDF 1.2 syntax Oxigraph accepts but Turtle 1.1 (the registry's format) forbids.
_RDF12 = re.compile(r"<<|>>|\{\||\|\}|(?<![\w\\])~|--(?:ltr|rtl)\b|^[ \t]*(?:VERSION|@version)\b",
                    re.M | re.I)


def mask(text: str) -> str:
    """``text`` with strings, IRIs and comments blanked (newlines kept, so lines still count)."""
    return _MASKED.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _rdf12_line(text: str) -> int | None:
    match = _RDF12.search(mask(text))
    return text.count("\n", 0, match.start()) + 1 if match else None


def _is_rdf12(quads: list) -> bool:
    for q in quads:
        if isinstance(q.subject, ox.Triple) or isinstance(q.object, ox.Triple):
            return True
        if isinstance(q.object, ox.Literal) and q.object.direction is not None:
            return True
    return False


def turtle_syntax_error(exc: SyntaxError) -> TurtleSyntaxError:
    """Oxigraph's SyntaxError as ours, with its 1-based line and column."""
    line = column = None
    if len(exc.args) > 1 and isinstance(exc.args[1], tuple):
        line, column = exc.args[1][1], exc.args[1][2]
    message = str(exc.args[0]) if exc.args else str(exc)
    return TurtleSyntaxError(message, line, column)


def parse_turtle(text: str, base_iri: str) -> ParsedTurtle:
    """Parse ``text`` as Turtle 1.1; raise :class:`TurtleSyntaxError` with a 1-based line.

    Oxigraph also reads RDF 1.2 Turtle (triple terms ``<<( )>>``, reifiers ``~``,
    annotations ``{| |}``, ``@en--ltr``, ``VERSION``). The registry's format is
    Turtle 1.1, and rdflib, pyshacl and the serialisers know nothing of triple
    terms, so those are syntax errors here.
    """
    try:
        quads = list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE, base_iri=base_iri,
                              rename_blank_nodes=True))
    except SyntaxError as exc:
        raise turtle_syntax_error(exc) from None
    # triple terms need "<<", reifiers "~", annotations "{|", directional language tags "--": without any of
    # them in the text, no quad can be RDF 1.2 and the scan is skipped
    rdf12 = ("<<" in text or "~" in text or "--" in text or "{|" in text) and _is_rdf12(quads)
    if rdf12 or re.search(r"^[ \t]*(?:VERSION|@version)\b", text, re.M | re.I):
        line = _rdf12_line(text)
        if rdf12 or line is not None:
            raise TurtleSyntaxError("RDF 1.2 syntax (triple term, reifier, annotation, base direction or "
                                    "VERSION) is not Turtle 1.1", line)
    parsed = ParsedTurtle(quads=quads)
    _index(parsed, text, base_iri)
    from .rdf_checks import unaligned_statements

    # (a subject written both at column 0 and, later, indented is in the line index, but the block of the
    # column-0 subject above its indented statement would swallow that statement: the layout decides too)
    if any(type(q.subject) is ox.NamedNode and q.subject.value not in parsed.blocks for q in quads) \
            or unaligned_statements(text):
        # a subject written indented, or after another statement on its line: read the statements, whose
        # bounds replace the line index's (a block there runs to the next column-0 subject, and would
        # lend a subject the lines of a statement written after it)
        blocks: dict[str, tuple[int, int]] = {}
        for line, iri, last in statement_subjects(text, base_iri):
            blocks.setdefault(iri, (line, last))
        parsed.blocks = {**parsed.blocks, **blocks}
    return parsed


def index_turtle(text: str, base_iri: str) -> ParsedTurtle:
    """The line index of ``text`` alone (no triples): for files the loader parses straight into its store."""
    parsed = ParsedTurtle(quads=[])
    _index(parsed, text, base_iri)
    return parsed


_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def unescape_uchars(text: str) -> str:
    """``text`` with its ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes decoded (one past U+10FFFF is kept as written)."""
    def decode(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group()

    return _UCHAR.sub(decode, text)


def _absolute(iri: str, base_iri: str) -> str:
    """``iri`` resolved against ``base_iri`` as Oxigraph resolves it (RFC 3986): ``<claim/./a>``,
    ``<../x>`` and ``</x>`` are not the base with the text appended."""
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", iri):
        return iri
    if re.search(r"(?:^|/)\.\.?(?:/|$)|^[/?#]", iri):
        from urllib.parse import urljoin

        return urljoin(base_iri, iri)
    return base_iri + iri


def _resolve(token: str, prefixes: dict[str, str], base_iri: str) -> str | None:
    if token.startswith("<"):
        iri = token[1:-1]
        if "\\" in iri:  # <claim/\u0061b> names claim/ab
            iri = unescape_uchars(iri)
        return _absolute(iri, base_iri)
    prefix, _, local = token.partition(":")
    ns = prefixes.get(prefix)
    if ns is None:
        return None
    local = re.sub(r"\\(.)", r"\1", local)
    return ns + local


def _lines_inside_strings(text: str) -> set[int]:
    """Numbers of the lines that begin inside a multi-line string: text there is data, never a subject."""
    if '"""' not in text and "'''" not in text:  # only long strings span lines: most files have none
        return set()
    inside: set[int] = set()
    for match in _MASKED.finditer(text):
        if match.group(0)[:3] in ('"""', "'''") and "\n" in match.group(0):
            first = text.count("\n", 0, match.start()) + 1
            inside.update(range(first + 1, first + match.group(0).count("\n") + 1))
    return inside


def _index(parsed: ParsedTurtle, text: str, base_iri: str) -> None:
    lines = text.split("\n")
    parsed.lines = lines
    starts: list[tuple[int, str]] = []
    in_string = _lines_inside_strings(text)
    for number, line in enumerate(lines, start=1):
        if number in in_string:
            continue
        if _DIRECTIVE.match(line):
            declared = False
            for match in _PREFIXES_IN_LINE.finditer(line):  # `@prefix a: <…> . @prefix b: <…> .` on one line
                declared = True
                parsed.prefixes[match.group(1) or ""] = _absolute(match.group(2), base_iri)
            if not declared and _BASE.match(line):
                parsed.base_lines.append(number)
            continue
        if not line or line[0] in " \t#])(.,;[\"'" or line[0].isdigit():
            continue
        match = _SUBJECT.match(line)
        if match:
            iri = _resolve(match.group(1), parsed.prefixes, base_iri)
            if iri:
                starts.append((number, iri))
    for i, (number, iri) in enumerate(starts):
        end = starts[i + 1][0] - 1 if i + 1 < len(starts) else len(lines)
        parsed.blocks.setdefault(iri, (number, end))


#: The end of a statement: a "." before white space or the end of the text (a decimal point is followed by
#: a digit, and a prefixed name cannot end with "." unless it is escaped, ``ex:a\.``). A "." glued to the
#: next statement (``"x".claim:b``) is found by :func:`glued_terminators`.
_TERMINATOR = re.compile(r"(?<!\\)\.(?=\s|$)")
#: A "." followed by more than white space, a digit (``.5``, ``1.5``) or an exponent (``1.e3``)...
#: (the "." first and the look-behind after it: a pattern that starts with a literal is scanned for fast)
_DOT_THEN_TOKEN = re.compile(r"\.(?<!\\\.)(?=\S)(?!\d|[eE][+-]?\d)")
#: ... ends a statement when what stands before it is a complete term: with strings and IRIs blanked or
#: removed, nothing (white space, or "]" or ")" closing a node), a language tag or a number. A "." inside a
#: prefixed name (``ex:a.b``) follows a name character instead.
_TERM_BEFORE_DOT = re.compile(r"(?:^|[\s,;(\[\])])(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*|[+-]?(?:\d+\.?\d*|\.\d+)"
                              r"(?:[eE][+-]?\d+)?)?\Z")


def glued_terminators(syntax: str) -> list[int]:
    """Offsets of the "." that end a statement with the next one right after it, no space between
    (``"x".claim:b``, ``<o>.claim:b``, ``"x"@en.claim:b``, ``1.5.claim:b``, ``].claim:b``: all valid
    Turtle). ``syntax``: the text with strings and IRIs blanked or removed, comments too."""
    return [m.start() for m in _DOT_THEN_TOKEN.finditer(syntax)
            if _TERM_BEFORE_DOT.search(syntax, max(0, m.start() - 256), m.start())]
_LEADING_DIRECTIVE = re.compile(r"\s*(?:(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>|(?:@base|BASE)\s*<[^>]*>)",
                                re.IGNORECASE)
_LEADING_SUBJECT = re.compile(r"\s*(<[^>\s]*>|(?:[A-Za-z][\w.-]*)?:" + _LOCAL + ")")


def statement_subjects(text: str, base_iri: str) -> list[tuple[int, str, int]]:
    """``(first line, subject IRI, last line)`` of every statement whose subject is an IRI, wherever
    it is written: indented, or after another statement on the same line.

    Slower than the column-0 scan of :func:`_index` (strings and comments are blanked one by one),
    so the loader calls it only for a file holding a subject that scan did not find."""
    kept = _MASKED.sub(lambda m: m.group(0) if m.group(0).startswith("<") else re.sub(r"[^\n]", " ", m.group(0)),
                       text)
    prefixes: dict[str, str] = {}
    out: list[tuple[int, str, int]] = []
    line, counted = 1, 0  # line number at offset `counted`

    def line_at(offset: int) -> int:
        nonlocal line, counted
        line += kept.count("\n", counted, offset)
        counted = offset
        return line

    start = 0
    # (IRIs blanked too: a "." inside one ends nothing, and `cg:Claim.<claim/b>` is two statements)
    masked = mask(text)
    ends = sorted({m.start() for m in _TERMINATOR.finditer(masked)} | set(glued_terminators(masked)))
    for end in ends + [len(kept)]:
        position = start
        while directive := _LEADING_DIRECTIVE.match(kept, position, end):
            if directive.group(2) is not None:
                ns = directive.group(2)
                prefixes[directive.group(1) or ""] = _absolute(ns, base_iri)
            position = directive.end()
        subject = _LEADING_SUBJECT.match(kept, position, end)
        if subject:
            iri = _resolve(subject.group(1), prefixes, base_iri)
            if iri:
                out.append((line_at(subject.start(1)), iri, line_at(end)))
        start = end + 1
    return out


def predicate_line(parsed: ParsedTurtle, subject: str, predicate: str) -> int | None:
    """The first line of ``subject``'s block that names ``predicate`` (full or prefixed)."""
    block = parsed.blocks.get(subject)
    if block is None:
        return None
    forms = {f"<{predicate}>"}
    for prefix, ns in parsed.prefixes.items():
        if predicate.startswith(ns):
            forms.add(f"{prefix}:{predicate[len(ns):]}")
    if predicate == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type":
        forms.add("a")
    pattern = re.compile(r"(?:^|[\s;\[(])(" + "|".join(re.escape(f) for f in forms) + r")(?=[\s;,\[(\"<]|$)")
    first, last = block
    if first == last:
        # the whole statement is on one line: that line is the answer whether or not the predicate is
        # written there (the caller falls back to the subject's line), and searching a line holding
        # thousands of statements once per finding made a check quadratic
        return first
    for number in range(first, last + 1):
        if pattern.search(parsed.lines[number - 1]):
            return number
    return None
