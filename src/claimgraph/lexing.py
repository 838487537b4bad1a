"""Tokens of Turtle and SPARQL with their offsets: the one reading of their syntax.

Every module that needs positions in a Turtle file or a SPARQL query (the loader's
statement index, the checks that refuse a query, the SHACL-SPARQL guards) asks this
module for tokens instead of running patterns over the whole text, so that a string
holding ``#``, an IRI holding ``;`` or a prefixed name ending before a glued ``.``
is read the same way everywhere.

The terminals follow the W3C grammars, which share them:
https://www.w3.org/TR/turtle/#terminals and https://www.w3.org/TR/sparql11-query/#terminals.
One compiled pattern with a named alternative per kind is run with ``finditer``; a
token's leading white space is matched with it, so that white space costs no token of
its own (at 10,000 claims the whole registry is half a million tokens).

The lexer never fails: a character no terminal accepts becomes an :data:`OTHER` token,
and a string left open runs to the end of its line (or, for a long string, of the text),
so that a query being typed still has positions. The parsers of record (Oxigraph) decide
what is valid; this module only says where things are.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import NamedTuple

#: A ``#`` to the end of the line.
COMMENT = "comment"
#: ``<…>``. (In SPARQL, ``?a<(1)>?b`` is read as an IRI here and as comparisons by the parser.)
IRI = "iri"
#: Any of the four quote forms, ``"…"``, ``'…'``, ``\"\"\"…\"\"\"``, ``'''…'''``.
STRING = "string"
#: ``ex:name``, ``ex:``, ``:name`` (escapes such as ``ex:a\\.b`` and ``%20`` included).
PNAME = "pname"
#: ``_:label``.
BNODE = "bnode"
#: ``?name`` or ``$name`` (SPARQL).
VAR = "var"
#: ``@en``, ``@en-GB``, ``@en--ltr``; also the Turtle directives ``@prefix``, ``@base``.
LANGTAG = "langtag"
#: An integer, a decimal or a double, with its sign.
NUMBER = "number"
#: A bare word: ``a``, ``true``, ``PREFIX``, ``SELECT``, a SPARQL function name.
WORD = "word"
#: ``^^``.
DATATYPE = "datatype"
#: ``.``: the end of a Turtle statement or of a SPARQL triple pattern.
DOT = "dot"
#: ``;`` or ``,``: another predicate or object of the same subject.
SEPARATOR = "separator"
#: ``[``, ``(`` or ``{``.
OPEN = "open"
#: ``]``, ``)`` or ``}``.
CLOSE = "close"
#: A SPARQL operator or an RDF 1.2 delimiter: ``<< >> {| |} ~ <= >= != && || ! = < > + - * / | ^ ?``.
OPERATOR = "operator"
#: A character no terminal accepts.
OTHER = "other"

# Name characters (PN_CHARS and its kin) as negated classes: every character outside ASCII but white space counts as one. In
# a valid document a character outside ASCII stands nowhere else outside strings, IRIs and comments, and the
# parsers reject the rest; the W3C's own ranges of characters cost 50 ms to compile on every run.
#: PN_CHARS_BASE: a letter.
_BASE = r"[^\s\x00-\x40\[-`{-\x7f]"
#: PN_CHARS: a letter, "_", "-" or a digit.
_NAME = r"[^\s\x00-\x2c./:-@\[-\^`{-\x7f]"
#: PN_CHARS or ":", inside a local name.
_NAME_OR_COLON = r"[^\s\x00-\x2c./;-@\[-\^`{-\x7f]"
#: A letter, "_" or a digit: the first character of a local name (":" too), of a blank node label, a variable.
_START_OR_DIGIT = r"[^\s\x00-\x2f:-@\[-\^`{-\x7f]"
_LOCAL_ESCAPE = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PREFIX = rf"{_BASE}{_NAME}*(?:\.+{_NAME}+)*"
# (a "." may stand inside a local name, never at its end: `ex:a.` is `ex:a` and the statement's end)
_LOCAL = (
    rf"(?:{_START_OR_DIGIT}|:|{_LOCAL_ESCAPE}){_NAME_OR_COLON}*"
    rf"(?:(?:{_LOCAL_ESCAPE}|\.+(?={_NAME_OR_COLON}|{_LOCAL_ESCAPE})){_NAME_OR_COLON}*)*"
)
_IRI_CHARS = r"[^<>\"{}|^`\\\x00-\x20]"
_EXPONENT = r"[eE][+-]?[0-9]+"

# Alternatives are ordered by how often they occur in a registry's files, the cheapest test first;
# each loop is written "unrolled" (a run of plain characters, then one escape) so that a long string
# is scanned by the regex engine in one step rather than one alternation per character.
_ALTERNATIVES = (
    rf"(?P<{PNAME}>(?:{_PREFIX})?:(?:{_LOCAL})?)"
    rf"|(?P<{DOT}>\.(?![0-9]))"
    rf"|(?P<{CLOSE}>[\])}}])"
    rf"|(?P<{OPEN}>[\[(]|\{{(?!\|))"
    rf"|(?P<{STRING}>"
    r'"(?!"")[^"\\\n]*(?:\\.[^"\\\n]*)*"?'
    r'|"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*(?:"""|\\?\Z)'
    r"|'(?!'')[^'\\\n]*(?:\\.[^'\\\n]*)*'?"
    r"|'''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*(?:'''|\\?\Z))"
    rf"|(?P<{LANGTAG}>@[A-Za-z]+(?:-[A-Za-z0-9]+)*(?:--[A-Za-z]+)?)"
    rf"|(?P<{IRI}><{_IRI_CHARS}*(?:\\(?:u[0-9A-Fa-f]{{4}}|U[0-9A-Fa-f]{{8}}){_IRI_CHARS}*)*>)"
    rf"|(?P<{BNODE}>_:{_START_OR_DIGIT}{_NAME}*(?:\.+{_NAME}+)*)"
    rf"|(?P<{WORD}>[A-Za-z_][A-Za-z0-9_]*)"
    rf"|(?P<{COMMENT}>#[^\n]*)"
    rf"|(?P<{NUMBER}>[+-]?(?:[0-9]+\.[0-9]*{_EXPONENT}|\.[0-9]+(?:{_EXPONENT})?|[0-9]+(?:\.[0-9]+)?(?:{_EXPONENT})?))"
    rf"|(?P<{VAR}>[?$]{_START_OR_DIGIT}+)"
    rf"|(?P<{DATATYPE}>\^\^)"
    rf"|(?P<{OPERATOR}><<|>>|\{{\||\|\}}|&&|\|\||[<>!]=|[~!=<>+\-*/|^?])"
    rf"|(?P<{OTHER}>\S)"
)
_TOKEN = re.compile(rf"\s*(?:(?P<{SEPARATOR}>[;,])|{_ALTERNATIVES})", re.S)
#: The same, with ";" and "," read as white space: for a reader that has no use for them, a fifth fewer tokens.
_TOKEN_BUT_SEPARATORS = re.compile(rf"[\s;,]*(?:{_ALTERNATIVES})", re.S)


# ------------------------------------------------------------------ whole statements in one match

# The name classes above below U+0080: what the fast reading of plain statements accepts.
_ASCII_NAME = r"[-0-9A-Z_a-z]"
_ASCII_NAME_OR_COLON = r"[-0-9:A-Z_a-z]"
_ASCII_PREFIX = rf"[A-Za-z]{_ASCII_NAME}*(?:\.+{_ASCII_NAME}+)*"
_ASCII_PNAME = rf"(?:{_ASCII_PREFIX})?:(?:[0-9A-Z_a-z:]{_ASCII_NAME_OR_COLON}*(?:\.+{_ASCII_NAME_OR_COLON}+)*)?"
#: After a name, a word, a number or a language tag: a character that ends it in the full lexer too, so the
#: token read here is the one :data:`_TOKEN` reads (anything else sends the statement to the tokens).
_ENDS_A_NAME = r"(?=[ \t\r\n;,\[\]]|\.(?:[ \t\r\n]|\Z)|\Z)"
#: (the characters an IRI may hold, listed: a class reaching U+10FFFF cost 15 ms to compile on every run)
_ASCII_IRI = r"<[!#-;=?-\[\]_a-z~]*>"
_CLOSED_STRING = (
    r'"(?!"")[^"\\\n]*(?:\\.[^"\\\n]*)*"'
    r'|"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"""'
    r"|'(?!'')[^'\\\n]*(?:\\.[^'\\\n]*)*'"
    r"|'''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'''"
)
#: A token of a plain statement's body: a name, an IRI, a string, a language tag without direction, ``a``,
#: ``true``, ``false``, a comment, or a number its store keeps as written (``41``, ``-0.5``; not ``41.0``).
_PLAIN_TOKEN = (
    rf"(?>(?>{_ASCII_PNAME}){_ENDS_A_NAME}|{_CLOSED_STRING}|(?>@[A-Za-z]+(?:-[A-Za-z0-9]+)*){_ENDS_A_NAME}"
    rf"|{_ASCII_IRI}|(?:a|true|false){_ENDS_A_NAME}|#[^\n]*"
    rf"|(?>-?[1-9][0-9]{{0,50}}(?:\.[0-9]{{0,50}}[1-9])?|-?0\.[0-9]{{0,50}}[1-9]|0){_ENDS_A_NAME})"
)
_GAP = r"[ \t\r\n;,]*+"
#: One Turtle statement in the form registries are written in, from a statement's start (white space and
#: comments before it included) to its final ``.``: a subject named by a prefixed name or an IRI, then
#: plain tokens and ``[ ]`` holding plain tokens (group ``bracket`` set when there is one); or an ``@prefix``
#: directive (groups ``prefix``, ``namespace``). Names and white space in ASCII, no escape in a name or
#: an IRI. A statement it does not match (anything rarer) is read token by token with :func:`matches`,
#: which reads every token of a matched statement the same way: the statement index of a large registry
#: then costs one match per statement instead of one per token.
PLAIN_STATEMENT = re.compile(
    r"(?:[ \t\r\n]++|#[^\n]*+)*+"
    rf"(?:@prefix[ \t\r\n]++(?P<prefix>(?:{_ASCII_PREFIX})?:)(?=[ \t\r\n])[ \t\r\n]*+(?P<namespace>{_ASCII_IRI})"
    rf"|(?P<subject>(?>{_ASCII_PNAME}){_ENDS_A_NAME}|{_ASCII_IRI})"
    rf"(?:{_GAP}(?:{_PLAIN_TOKEN}|(?P<bracket>\[(?:{_GAP}{_PLAIN_TOKEN})*+{_GAP}\])))*+)"
    rf"{_GAP}\.(?![0-9])",
    re.S,
)


class Token(NamedTuple):
    """One token: its kind (one of this module's constants) and where it is, ``text[start:end]``."""

    kind: str
    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]


def tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[Token]:
    """The tokens of ``text`` (between offsets ``start`` and ``end``), white space left out."""
    for match in _TOKEN.finditer(text, start, len(text) if end is None else end):
        kind = match.lastgroup
        assert kind is not None  # every alternative is a named group
        yield Token(kind, match.start(kind), match.end())


def matches(text: str, *, separators: bool = True, start: int = 0) -> Iterator[re.Match[str]]:
    """The tokens of ``text`` (from offset ``start``) as the regex engine's matches: ``lastgroup`` is the
    kind, ``group(kind)`` the text (the white space before it aside). For loops over every token of a large
    registry, where making a :class:`Token` of each costs more than reading the few that matter.
    ``separators=False`` leaves out the :data:`SEPARATOR` tokens."""
    return (_TOKEN if separators else _TOKEN_BUT_SEPARATORS).finditer(text, start)


class Lines:
    """Line and column of an offset in ``text`` (both from 1)."""

    def __init__(self, text: str):
        starts = [0]
        at = text.find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = text.find("\n", at + 1)
        self._starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


#: Kinds that hold data rather than syntax: blanked by :func:`mask`.
_DATA = frozenset({STRING, COMMENT})


def mask(text: str, *, iris: bool = True) -> str:
    """``text`` with strings and comments (and IRIs, unless ``iris=False``) replaced by spaces, newlines
    kept: what is left lines up with the text, so an offset or a line found in it holds in the text."""
    blanked = _DATA | {IRI} if iris else _DATA
    out: list[str] = []
    done = 0
    for token in tokens(text):
        if token.kind in blanked:
            out.append(text[done : token.start])
            out.append("".join(c if c == "\n" else " " for c in text[token.start : token.end]))
            done = token.end
    out.append(text[done:])
    return "".join(out)
