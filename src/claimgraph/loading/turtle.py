"""Strict Turtle parsing with a map from every subject to the lines of its statement.

Parsing is done by Oxigraph, which follows the W3C Turtle grammar to the letter
(rdflib accepts a number of documents the W3C negative syntax tests reject),
reports errors with line and column, never dereferences anything, and is an
order of magnitude faster than rdflib's parser.

Oxigraph does not say where a triple came from, so :func:`index_turtle` reads the
text's tokens (:mod:`claimgraph.lexing`) for the statements, their subjects and the
lines they span, whatever the layout: indented, several on a line, a "." glued to
the next statement. That is enough to point a finding at ``claims/gpt3.ttl:42``.
The same pass notes what the text holds beyond the plain Turtle a registry is
written in (typed literals, blank node labels, collections, deep nesting, names
outside ASCII, RDF 1.2), which tells the loader whether a file needs the checks on
its triples.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

import pyoxigraph as ox

from ..xsd_lexical import EXACT_NUMBER_TYPES, XSD
from ..lexing import (
    CLOSE,
    COMMENT,
    DOT,
    IRI,
    LANGTAG,
    NUMBER,
    OPEN,
    PLAIN_STATEMENT,
    PNAME,
    SEPARATOR,
    STRING,
    WORD,
    matches,
    tokens,
)

_XSD_STRING = XSD + "string"
_DOUBLE_TYPES = frozenset({XSD + "double", XSD + "float"})


#: Oxigraph's Turtle parser holds one token (a string, an IRI, a comment line) in a buffer of at most this
#: many bytes, and refuses a text with a longer one (a ``MemoryError`` naming no line): the loader reports it
#: as CG111, a size limit, at the token's line
MAX_TOKEN_BYTES = 16 * 1024 * 1024


class TurtleSyntaxError(Exception):
    def __init__(self, message: str, line: int | None, column: int | None = None, code: str = "CG101"):
        super().__init__(message)
        self.line = line
        self.column = column
        #: CG101 for a syntax error, CG111 for a token over :data:`MAX_TOKEN_BYTES`
        self.code = code


@dataclass
class ParsedTurtle:
    quads: list
    #: subject IRI -> (first line, last line of its block), 1-based
    blocks: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: (subject IRI, first line, offset after its token, offset of the statement's end) of every later block
    #: about a subject :attr:`blocks` already holds, in text order: the store merges the blocks, and the loader
    #: judges whether that is a second definition
    repeated: list[tuple[str, int, int, int]] = field(default_factory=list)
    prefixes: dict[str, str] = field(default_factory=dict)
    base_lines: list[int] = field(default_factory=list)
    text: str = ""
    base_iri: str = ""
    #: subject IRI -> (offset after its token, offset of the statement's end): where its predicates are
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: deepest nesting of ``[ ]`` and ``( )``
    deepest: int = 0
    #: a collection ``( … )`` is written
    collections: bool = False
    #: a token plain Turtle 1.1 in a registry never needs: a typed literal's ``^^``, a blank node label,
    #: RDF 1.2 syntax, a word other than ``a``, ``true``, ``false``, a character no terminal accepts
    rare_syntax: bool = False
    #: nothing outside ASCII in IRIs, names and words (strings and comments may hold anything)
    ascii_syntax: bool = True
    #: a numeral a double may not hold: a three-digit exponent, or 200 digits in a row
    extreme_numeral: bool = False
    #: a numeral the store would not keep as written (``41.0``, ``007``, ``+3``, ``1.0e3``: Oxigraph holds
    #: numbers in canonical form), whose written form the loader must record
    rewritten_numeral: bool = False
    #: offset of the first RDF 1.2 token (``<<``, ``~``, ``{|``, ``@en--ltr``, VERSION), if any
    rdf12_at: int | None = None

    @cached_property
    def lines(self) -> list[str]:
        """The text's lines (split when a finding first asks for one: most files never need them)."""
        return self.text.split("\n")

    @cached_property
    def rewritten_typed_literal(self) -> bool:
        """Does the store keep one of the parse's typed literals in another form (``"1"^^xsd:boolean`` as
        ``true``, ``"1.30"^^xsd:decimal`` as ``1.3``, a date or a duration in its canonical form)?

        Asked of the store itself (:func:`claimgraph.rdf_writer.store_forms`), not of a list of the forms
        it rewrites: a file whose typed literals are all kept as written goes into the store as its text.
        A double or a float counts as rewritten whatever its form: the exports write the store's doubles
        in XSD's canonical form (those claimgraph generates), so an author's must come from the parse."""
        from ..rdf_writer import store_forms

        typed = set()
        for o in (q.object for q in self.quads):
            if type(o) is ox.Literal and o.language is None:
                datatype = o.datatype.value
                if datatype in _DOUBLE_TYPES:
                    return True
                if datatype != _XSD_STRING:
                    typed.add(str(o))
        if not typed:
            return False
        forms = store_forms(typed)
        return any(forms.get(text, text) != text for text in typed)


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


def oversized_token(text: str) -> TurtleSyntaxError:
    """The error for ``text`` that Oxigraph refused for its buffer: CG111 at the line of its longest token."""
    longest = max(tokens(text), key=lambda token: token.end - token.start, default=None)
    line = text.count("\n", 0, longest.start) + 1 if longest is not None else None
    return TurtleSyntaxError(
        f"a token (a string, an IRI or a comment) over {MAX_TOKEN_BYTES:,} bytes, the most the Turtle parser"
        " holds in one; the file was not loaded",
        line,
        code="CG111",
    )


def parse_turtle(text: str, base_iri: str, index: ParsedTurtle | None = None) -> ParsedTurtle:
    """Parse ``text`` as Turtle 1.1; raise :class:`TurtleSyntaxError` with a 1-based line.

    Oxigraph also reads RDF 1.2 Turtle (triple terms ``<<( )>>``, reifiers ``~``,
    annotations ``{| |}``, ``@en--ltr``, ``VERSION``). The registry's format is
    Turtle 1.1, and rdflib, pyshacl and the serialisers know nothing of triple
    terms, so those are syntax errors here. ``index``: the text's :func:`index_turtle`,
    when the caller has it already.
    """
    try:
        quads = list(
            ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE, base_iri=base_iri, rename_blank_nodes=True)
        )
    except SyntaxError as exc:
        raise turtle_syntax_error(exc) from None
    except MemoryError:  # Oxigraph's buffer: a token over MAX_TOKEN_BYTES
        raise oversized_token(text) from None
    parsed = index if index is not None else index_turtle(text, base_iri)
    # (the tokens find RDF 1.2 syntax where it is written; the quads are asked too, in case a form
    # escaped the tokens: only where one of its delimiters is in the text at all)
    if parsed.rdf12_at is not None or (
        ("<<" in text or "~" in text or "--" in text or "{|" in text) and _is_rdf12(quads)
    ):
        line = text.count("\n", 0, parsed.rdf12_at) + 1 if parsed.rdf12_at is not None else None
        raise TurtleSyntaxError(
            "RDF 1.2 syntax (triple term, reifier, annotation, base direction or VERSION) is not Turtle 1.1", line
        )
    parsed.quads = quads
    return parsed


def index_turtle(text: str, base_iri: str) -> ParsedTurtle:
    """The statement index of ``text`` (no triples): its prefixes and, for every subject, the lines of
    its first statement; with what the text holds beyond plain Turtle (see :class:`ParsedTurtle`)."""
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
    if "\\" in local:
        local = re.sub(r"\\(.)", r"\1", local)
    return ns + local


#: What the statement reader expects next.
_SUBJECT, _BODY, _PREFIX_NAME, _PREFIX_IRI, _BASE_IRI = range(5)
_WIDE = re.compile(r"[^\x00-\x7f]")
_RDF12_OPERATORS = frozenset({"<<", ">>", "{|", "|}", "~"})
#: A numeral's shape (every digit as "9", "E" as "e") that a double may not hold: 200 digits in a row, or
#: an exponent of three digits.
_NUMERAL_SHAPE = str.maketrans("0123456789E", "9999999999e")
_EXTREME_SHAPES = ("9" * 200, "e999", "e+999", "e-999")
#: A numeral Oxigraph's store gives back as written: an integer or a decimal with no sign "+", no leading
#: zero, no trailing zero after the point ("-0" is stored as "0"). A double (an exponent) never is.
CANONICAL_NUMERAL = re.compile(r"(?:-(?=[1-9]|0\.))?(?:[1-9][0-9]*|0)(?:\.[0-9]*[1-9])?")


def _index(parsed: ParsedTurtle, text: str, base_iri: str, *, plain: bool = True) -> None:
    """Read ``text``'s statements once: directives, statements and their subjects, and the facts
    :class:`ParsedTurtle` records. A statement in the form registries are written in is read in one
    match (:data:`~claimgraph.lexing.PLAIN_STATEMENT`), any other token by token, both giving the same
    index (``plain=False`` reads every statement token by token: what the tests compare with)."""
    parsed.text, parsed.base_iri = text, base_iri
    prefixes, blocks, spans = parsed.prefixes, parsed.blocks, parsed.spans
    size = len(text)
    position = 0
    line, counted = 1, 0  # the line number at offset `counted`
    statement = PLAIN_STATEMENT.match if plain else None
    check_ascii = not text.isascii()
    # the first character outside ASCII not known to stand in a string or a comment (the text's size: none)
    wide = _WIDE.search(text) if check_ascii else None
    next_wide = wide.start() if wide else size
    # Kinds read past in a statement's body: names, IRIs and words (a word there other than `a`, `true` or
    # `false` is a syntax error Oxigraph reports), language tags unless one may carry a base direction,
    # strings and comments unless one may hold the text's non-ASCII characters
    quiet = {PNAME, IRI, WORD}
    if "--" not in text:
        quiet.add(LANGTAG)
    if not check_ascii:
        quiet.update((STRING, COMMENT))
    while True:
        if statement is not None:
            # (no name, white space or number outside ASCII, no typed literal, no collection, one level of
            # brackets at most: nothing here changes a fact of ParsedTurtle but the nesting depth)
            while (found := statement(text, position)) is not None:
                position = found.end()
                if found.start("subject") >= 0:
                    iri = _resolve(found.group("subject"), prefixes, base_iri)
                    if iri is not None:
                        begin = found.start("subject")
                        line += text.count("\n", counted, begin)
                        first = line
                        line += text.count("\n", begin, position - 1)
                        counted = position - 1
                        if iri in blocks:
                            parsed.repeated.append((iri, first, found.end("subject"), position - 1))
                        else:
                            blocks[iri] = (first, line)
                        spans.setdefault(iri, (found.end("subject"), position - 1))
                    if parsed.deepest == 0 and found.start("bracket") >= 0:
                        parsed.deepest = 1
                else:
                    prefixes[found.group("prefix")[:-1]] = _absolute(found.group("namespace")[1:-1], base_iri)
            if position >= size:
                break
            if next_wide < position:  # it stood in a string or a comment of those statements
                wide = _WIDE.search(text, position)
                next_wide = wide.start() if wide else size
        position, line, counted, next_wide = _index_tokens(
            parsed, text, base_iri, position, (line, counted, next_wide), quiet, to_the_end=statement is None
        )
        if position is None:
            break


def _index_tokens(
    parsed: ParsedTurtle,
    text: str,
    base_iri: str,
    position: int,
    cursor: tuple[int, int, int],
    quiet: set[str],
    *,
    to_the_end: bool,
) -> tuple[int | None, int, int, int]:
    """Read ``text``'s tokens from ``position``, the start of a statement, to the end of that statement
    (or of the text, ``to_the_end``). A loop over tokens (half a million at 10,000 claims were every
    statement read here): the common tokens, those of ``quiet`` in a statement's body, take the first,
    shortest branches. ``cursor`` and what is returned after where the next statement starts (None at the
    end of the text): the line number at an offset, that offset, and the first character outside ASCII not
    known to stand in a string or a comment (non-ASCII characters are looked for between the strings and
    comments, not in every name: the files that hold any mostly hold them in their strings)."""
    prefixes, blocks, spans = parsed.prefixes, parsed.blocks, parsed.spans
    line, counted, next_wide = cursor
    state = _SUBJECT
    depth = 0
    subject: tuple[str, int, int] | None = None  # the statement's subject: IRI, line, offset after it
    sparql_style = False  # a PREFIX or BASE directive, which ends without a "."
    prefix_name = ""
    for match in matches(text, separators=False, start=position):
        kind = match.lastgroup
        if state == _BODY and kind in quiet:
            continue
        if kind == STRING or kind == COMMENT:
            if next_wide < match.end():
                if next_wide < match.start(kind):
                    parsed.ascii_syntax = False
                wide = _WIDE.search(text, match.end())
                next_wide = wide.start() if wide else len(text)
            if kind == STRING:
                state = _BODY
            continue
        if kind == DOT:
            if depth == 0:
                if subject is not None:
                    end = match.end() - 1
                    line += text.count("\n", counted, end)
                    counted = end
                    if subject[0] in blocks:
                        parsed.repeated.append((subject[0], subject[1], subject[2], end))
                    else:
                        blocks[subject[0]] = (subject[1], line)
                    spans.setdefault(subject[0], (subject[2], end))
                    subject = None
                state = _SUBJECT
                if not to_the_end:
                    if next_wide < match.end():
                        parsed.ascii_syntax = False  # in this statement, outside its strings and comments
                        next_wide = len(text)
                        if (wide := _WIDE.search(text, match.end())) is not None:
                            next_wide = wide.start()
                    return match.end(), line, counted, next_wide
            continue
        if kind == OPEN:
            char = match.group(kind)
            if char == "{":
                parsed.rare_syntax = True
                continue
            depth += 1
            if depth > parsed.deepest:
                parsed.deepest = depth
            if char == "(":
                parsed.collections = True
            if state == _SUBJECT:
                state = _BODY  # a statement about a blank node
            continue
        if kind == CLOSE:
            if match.group(kind) == "}":
                parsed.rare_syntax = True
            else:
                depth = max(0, depth - 1)
            continue
        if state != _BODY:
            word = match.group(kind)
            if state == _SUBJECT:
                state = _BODY
                if kind == PNAME or kind == IRI:
                    iri = _resolve(word, prefixes, base_iri)
                    if iri is not None:
                        start = match.start(kind)
                        line += text.count("\n", counted, start)
                        counted = start
                        subject = (iri, line, match.end())
                elif kind == LANGTAG or kind == WORD:
                    directive = word.lower()
                    sparql_style = kind == WORD
                    if directive in ("@prefix", "prefix"):
                        state = _PREFIX_NAME
                        continue
                    if directive in ("@base", "base"):
                        start = match.start(kind)
                        line += text.count("\n", counted, start)
                        counted = start
                        parsed.base_lines.append(line)
                        state = _BASE_IRI
                        continue
                    if directive in ("@version", "version"):
                        parsed.rare_syntax = True
                        if parsed.rdf12_at is None:
                            parsed.rdf12_at = match.start(kind)
                        continue
            elif state == _PREFIX_NAME:
                state = _PREFIX_IRI if kind == PNAME else _BODY
                prefix_name = word[:-1]
                continue
            elif state == _PREFIX_IRI or state == _BASE_IRI:
                if kind == IRI and state == _PREFIX_IRI:
                    prefixes[prefix_name] = _absolute(word[1:-1], base_iri)
                state = _SUBJECT if sparql_style else _BODY
                continue
        if kind == PNAME or kind == IRI or kind == WORD:
            continue
        if kind == LANGTAG:
            if "--" in match.group(kind):
                parsed.rare_syntax = True
                if parsed.rdf12_at is None:
                    parsed.rdf12_at = match.start(kind)
        elif kind == NUMBER:
            numeral = match.group(kind)
            if len(numeral) > 4 and any(shape in numeral.translate(_NUMERAL_SHAPE) for shape in _EXTREME_SHAPES):
                parsed.extreme_numeral = True
            if not parsed.rewritten_numeral and CANONICAL_NUMERAL.fullmatch(numeral) is None:
                parsed.rewritten_numeral = True
        else:
            parsed.rare_syntax = True
            if parsed.rdf12_at is None and match.group(kind) in _RDF12_OPERATORS:
                parsed.rdf12_at = match.start(kind)
    if next_wide < len(text):
        parsed.ascii_syntax = False
    if subject is not None:  # a last statement left open (a syntax error Oxigraph reports)
        blocks.setdefault(subject[0], (subject[1], text.count("\n") + 1))
        spans.setdefault(subject[0], (subject[2], len(text)))
    return None, line, counted, next_wide


def loads_as_parsed(parsed: ParsedTurtle) -> bool:
    """Does the file go into the store as its Python-side parse (``parsed.quads``), not as its text?

    So it does when it holds a literal the store rewrites (a number not in canonical form, or a typed
    literal ``^^`` the store keeps in another form: ``"1"^^xsd:boolean`` is kept as ``true``): the loader
    records the written numbers keyed by the parse's blank nodes, and the exports take the file's
    literals from the same parse, both of which then name the store's own blank nodes. A file whose typed
    literals are all kept as written goes in as its text: filling the store from Python's objects cost a
    registry typed throughout (``"100"^^xsd:decimal`` in every claim) a tenth of a check."""
    return bool(parsed.quads) and (parsed.rewritten_numeral or ("^^" in parsed.text and parsed.rewritten_typed_literal))


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def predicate_line(parsed: ParsedTurtle, subject: str, predicate: str) -> int | None:
    """The first line of ``subject``'s statement where ``predicate`` is named as a predicate (at any depth:
    inside ``[ ]`` too); None if it is not."""
    block = parsed.blocks.get(subject)
    if block is None:
        return None
    first, last = block
    if first == last:
        # the whole statement is on one line: that line is the answer whether or not the predicate is
        # written there (the caller falls back to the subject's line), and reading a line holding
        # thousands of statements once per finding made a check quadratic
        return first
    text = parsed.text
    start, end = parsed.spans.get(subject, (0, 0))
    at_predicate = True  # the token after the subject, a ";" or a "[" names a predicate
    for token in tokens(text, start, end):
        if at_predicate and token.kind in (PNAME, IRI, WORD):
            written = token.text(text)
            iri = _RDF_TYPE if written == "a" else _resolve(written, parsed.prefixes, parsed.base_iri)
            if iri == predicate:
                return first + text.count("\n", start, token.start)
        at_predicate = (token.kind == SEPARATOR and text[token.start] == ";") or (
            token.kind == OPEN and text[token.start] == "["
        )
    return None


_SINGLE, _DOUBLE = XSD + "float", XSD + "double"

#: ``(subject, predicate IRI, datatype IRI, the number)``: a blank node subject as ``_:label``.
WrittenKey = tuple[str, str, str, object]


def number_key(subject: str, predicate: str, lexical: str, datatype: str) -> WrittenKey | None:
    """The key under which a number's written form is kept: by value, so that ``1.30`` as written and
    ``1.3`` as the store gives it back meet (None: not a number the store rewrites)."""
    try:
        if datatype in EXACT_NUMBER_TYPES:
            number: object = Decimal(lexical)
        elif datatype == _DOUBLE:
            number = float(lexical)
        elif datatype == _SINGLE:  # the store rounds to single precision before it writes the number
            number = struct.unpack("f", struct.pack("f", float(lexical)))[0]
        else:
            return None
    except (ArithmeticError, ValueError, OverflowError):
        return None
    return subject, predicate, datatype, number


def written_numbers(quads: list) -> dict[WrittenKey, str]:
    """Every number in ``quads`` the store would not give back as written, by :func:`number_key`."""
    out: dict[WrittenKey, str] = {}
    for q in quads:
        literal = q.object
        if type(literal) is not ox.Literal:
            continue
        lexical = literal.value
        datatype = literal.datatype.value
        if datatype not in EXACT_NUMBER_TYPES and datatype != _DOUBLE and datatype != _SINGLE:
            continue
        if datatype != _DOUBLE and datatype != _SINGLE and CANONICAL_NUMERAL.fullmatch(lexical):
            continue
        subject = q.subject
        name = "_:" + subject.value if type(subject) is ox.BlankNode else subject.value
        key = number_key(name, q.predicate.value, lexical, datatype)
        if key is not None and not (key[3] != key[3]):  # NaN is no key: it never equals itself
            out.setdefault(key, lexical)
    return out
