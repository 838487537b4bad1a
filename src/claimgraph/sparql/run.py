"""Run one SPARQL query on a registry: safety checks, syntax errors with positions, a deadline.

Every query claimgraph runs on behalf of a user (``claimgraph query``, the endpoint of
``claimgraph serve``, the site's query tables) goes through :func:`check_query` and
:func:`execute`:

* **read-only**: only ``Store.query`` is ever called, which cannot change the store; an
  update (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``…) is refused up front with a clear
  message rather than a confusing syntax error;
* **no network**: ``SERVICE`` would make pyoxigraph send HTTP requests, so it is refused;
  ``FROM`` / ``FROM NAMED`` are refused too (they name a dataset the registry does not
  hold, and under the registry's union default graph they would be silently ignored) —
  ``GRAPH <iri> { … }`` picks a named graph instead;
* **positions**: a syntax error becomes :class:`QuerySyntaxError` with the line and
  column in the text the user wrote (the standard prefixes are handed to the parser as
  ``prefixes=``, not prepended, so positions are never shifted);
* **bounded in time**: pyoxigraph cannot interrupt a running query from another thread,
  but it releases the GIL while it evaluates, so :func:`with_deadline` runs the work in a
  daemon thread and gives up waiting at the deadline (the abandoned thread finishes or
  dies with the process). A long-lived process that must reclaim the CPU too, the
  endpoint, runs queries in worker processes it can terminate (see ``server.py``).

* **bounded in depth**: Oxigraph parses and evaluates recursively, and a query nesting
  ``(``, ``[`` or ``{`` a few thousand levels deep overflows the stack and kills the process
  (a segfault, no message): nesting beyond :data:`MAX_QUERY_NESTING` is refused before
  Oxigraph sees the text.

The checks are lexical: they read the query's tokens (:mod:`claimgraph.lexing`), so
``?service``, ``ex:from``, ``"FROM"`` or ``<http://x/#FROM>`` never trip them.
pyoxigraph remains the parser of record for everything else.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from collections.abc import Iterator
from typing import Callable, TypeVar

import pyoxigraph as ox

from ..errors import USAGE, ClaimgraphError
from ..findings import CODES
from ..lexing import CLOSE, IRI, OPEN, OPERATOR, PNAME, WORD, Lines, tokens
from ..lexing import Token

from ..iris import prefix_table
from ..parallel import start_with_query_stack
from .defaults import DEFAULT_TIMEOUT, MAX_TIMEOUT

T = TypeVar("T")

#: Codes of query errors, in the style of finding codes (CG4xx: querying).
# The codes live with every other finding code (findings.CODES, docs/findings.md).
QUERY_ERROR_CODES = {code: info.name for code, info in CODES.items() if code.startswith("CG4")}

#: Deepest nesting of ``(``, ``[``, ``{`` (and of chained ``!``) a query may have. Measured on
#: pyoxigraph 0.5: the costliest constructs (``FILTER EXISTS { … }``, ``[ … ]``, ``GRAPH``, nested
#: function calls) take about 10 KiB of stack per level, so Oxigraph crashes near 830 levels on an
#: 8 MiB stack (Linux's main thread and default thread) and near 200 on 2 MiB (Windows' default).
#: 128 keeps a margin on both; queries people write nest fewer than 10 levels (docs/limits.md).
MAX_QUERY_NESTING = 128

#: Why an ASK has no CSV nor TSV: said alike by the endpoint (406) and ``claimgraph query`` (exit 2).
ASK_NOT_CSV = "CSV and TSV are defined for SELECT results only"

UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


class QueryError(ClaimgraphError):
    """A query that cannot be run; ``line``/``column`` (from 1) point into its text when known."""

    kind = USAGE

    code = "CG401"
    #: HTTP status the endpoint answers with.
    http_status = 400

    def __init__(self, message: str, line: int | None = None, column: int | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint

    def where(self, name: str = "QUERY") -> str:
        if self.line:
            return f"{name}:{self.line}:{self.column or 1}"
        return name

    def render(self, name: str = "QUERY") -> str:
        """``NAME:line:column: CODE error: message`` (and a hint line), as ``claimgraph check`` prints."""
        text = f"{self.where(name)}: {self.code} error: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class QuerySyntaxError(QueryError):
    code = "CG401"


class QueryRefused(QueryError):
    """A query claimgraph will not run (an update, SERVICE, FROM): 400 on the endpoint, as for a query
    that does not parse. The SPARQL 1.1 Protocol asks for a 4xx or 5xx code when a request fails; a 4xx
    says the request itself is at fault, and the same request will be refused again."""

    code = "CG402"
    http_status = 400


class LimitReached(QueryError):
    """A query stopped by one of the endpoint's limits; the endpoint answers 503 naming ``limit``."""

    http_status = 503
    #: The limit's name as the message and the docs give it ("time limit", "memory limit"…).
    limit = "limit"


class QueryTimeout(LimitReached):
    code = "CG405"
    limit = "time limit"


class QueryMemoryLimit(LimitReached):
    code = "CG407"
    limit = "memory limit"

    @classmethod
    def of(cls, memory_mb: float) -> "QueryMemoryLimit":
        return cls(
            f"memory limit: the query needed more than the {memory_mb:g} MiB a query worker may add to "
            "the registry it holds, and was stopped",
            hint="narrow the query (a LIMIT, fewer cross products, no ORDER BY over huge results), "
            "or raise CLAIMGRAPH_QUERY_MEMORY_MB; the endpoint goes on answering",
        )


class ResultTooLarge(LimitReached):
    code = "CG408"
    limit = "result size limit"

    @classmethod
    def of(cls, max_bytes: int) -> "ResultTooLarge":
        return cls(
            f"result size limit: the result grew past {max_bytes / 2**20:g} MiB and was stopped",
            hint="ask for fewer rows (a LIMIT, fewer variables), or raise CLAIMGRAPH_QUERY_RESULT_MB",
        )


class EndpointBusy(LimitReached):
    code = "CG409"
    limit = "concurrency limit"


class ResultFormatError(QueryError):
    """The asked format does not fit the query form (a table for a CONSTRUCT, Turtle for a SELECT)."""

    code = "CG406"
    http_status = 406


class ResultNotRepresentable(QueryError):
    """The query ran, but the format asked for cannot carry its answer: XML 1.0 (SPARQL results XML,
    RDF/XML) has no way to write most C0 control characters, even escaped. 406: the same answer in
    another representation (JSON, CSV, TSV; Turtle, N-Triples, JSON-LD) is there for the asking."""

    code = "CG410"
    http_status = 406


# ------------------------------------------------------------------ lexical checks


@dataclass(frozen=True)
class Keyword:
    word: str  # upper-cased
    line: int
    column: int


def keywords(text: str) -> list[Keyword]:
    """Bare words of the query outside comments, strings, IRIs, variables and prefixed names."""
    lines = Lines(text)
    out = []
    for token in tokens(text):
        if token.kind == WORD:
            line, column = lines.position(token.start)
            out.append(Keyword(token.text(text).upper(), line, column))
    return out


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _nesting_tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[Token]:
    """The tokens that open or close a level, and the ``!`` (``! ! !x`` nests as deep as ``!(!(!x))`` in
    Oxigraph's parser), with everything else as the token that ends a run of ``!``. What looks like an IRI
    is read inside too: ``?a<((1))>?b`` is an IRI to the lexer but an expression to Oxigraph."""
    for token in tokens(text, start, end):
        if token.kind == IRI and any(c in "([{!" for c in text[token.start : token.end]):
            yield from _nesting_tokens(text, token.start + 1, token.end - 1)
        else:
            yield token


def nesting_error(text: str) -> QuerySyntaxError | None:
    """Why ``text`` nests too deeply for Oxigraph's parser (at the level that goes past
    :data:`MAX_QUERY_NESTING`), or None. Counted outside comments and strings; brackets that do
    not balance are left to the parser to report."""
    depth = 0
    bangs = 0  # the "!" in a row so far: each one is a level until the operand that follows
    for token in _nesting_tokens(text):
        offset = None
        if token.kind == OPERATOR and text[token.start : token.end] == "!":
            bangs += 1
            if depth + bangs > MAX_QUERY_NESTING:
                offset = token.start
        else:
            bangs = 0
            if token.kind == OPEN:
                depth += 1
                if depth > MAX_QUERY_NESTING:
                    offset = token.start
            elif token.kind == CLOSE:
                depth = max(0, depth - 1)
        if offset is not None:
            line, column = _position(text, offset)
            return QuerySyntaxError(
                f"query nested more than {MAX_QUERY_NESTING} levels deep (parentheses, brackets, braces): "
                "refused before parsing, since the SPARQL parser would run out of stack",
                line,
                column,
                "flatten the query: fewer nested groups, sub-queries or parentheses",
            )
    return None


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (or the update verb) that opens the query, after its prologue."""
    for token in keywords(text):
        if token.word in ("BASE", "PREFIX"):
            continue
        return token.word
    return None


def check_query(text: str) -> str:
    """Refuse updates, SERVICE, FROM and too deep nesting; return the query form.

    Raises :class:`QueryRefused`, or :class:`QuerySyntaxError` for a text Oxigraph must not parse."""
    too_deep = nesting_error(text)
    if too_deep is not None:
        raise too_deep
    words = keywords(text)
    first = next((t for t in words if t.word not in ("BASE", "PREFIX")), None)
    if first is not None and first.word in UPDATE_KEYWORDS:
        err = QueryRefused(
            f"SPARQL update ({first.word}) refused: claimgraph queries the registry read-only",
            first.line,
            first.column,
            "change the registry by editing its claims/*.ttl and bib/*.bib files",
        )
        if first.word == "LOAD":
            err.message = "LOAD refused: claimgraph never fetches remote data and never changes the registry"
        raise err
    for token in words:
        if token.word == "SERVICE":
            err = QueryRefused(
                "SERVICE refused: claimgraph never sends a query to another endpoint",
                token.line,
                token.column,
                "query the other endpoint yourself, or add its data to the registry",
            )
            err.code = "CG403"
            raise err
        if token.word == "FROM":
            err = QueryRefused(
                "FROM / FROM NAMED refused: the registry is queried as one union graph "
                "and claimgraph never fetches remote graphs",
                token.line,
                token.column,
                "remove the FROM clause; use GRAPH <iri> { … } to pick one of the registry's graphs",
            )
            err.code = "CG404"
            raise err
    if first is None or first.word not in QUERY_FORMS:
        raise QuerySyntaxError(
            "not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE",
            first.line if first else 1,
            first.column if first else 1,
        )
    return first.word


# ------------------------------------------------------------------ execution

_POSITION = re.compile(r"^error at (\d+):(\d+):\s*(.*)$", re.S)


def undeclared_prefixes(text: str, known=()) -> dict[str, tuple[int, int]]:
    """Prefixes of prefixed names in ``text`` that no PREFIX line declares and that are not in
    ``known``, each with the line and column of its first use (comments, strings and IRIs aside)."""
    declared = set(known)
    used: list[tuple[str, int]] = []
    after_prefix = False
    for token in tokens(text):
        if token.kind == PNAME:
            name = token.text(text).partition(":")[0]
            if after_prefix:
                declared.add(name)
            else:
                used.append((name, token.start))
        after_prefix = token.kind == WORD and token.text(text).upper() == "PREFIX"
    found: dict[str, tuple[int, int]] = {}
    for name, offset in used:
        if name not in declared and name not in found:
            found[name] = _position(text, offset)
    return found


def syntax_error(exc: SyntaxError, text: str | None = None, known_prefixes=None) -> QuerySyntaxError:
    """pyoxigraph's ``error at L:C: expected …`` as a :class:`QuerySyntaxError` with its position.

    pyoxigraph reports where its parser gave up, which after backtracking is often the very
    end of the query. Then the position rdflib's parser gives (the start of the part that
    does not parse, such as a FILTER) is more use to the author, and is reported instead.
    An undeclared prefix is named, at its first use: pyoxigraph reports it as ``expected one of
    Prefix not found, …`` or, where it backtracks, as whatever else it expected there
    (``expected OPTIONAL``). ``known_prefixes`` are those the parser was handed (by default the
    standard ones, as :func:`execute` hands them).
    """
    message = str(exc).strip()
    if text is not None:
        known = standard_prefixes() if known_prefixes is None else known_prefixes
        undeclared = undeclared_prefixes(text, known)
        if undeclared:
            name, (line, column) = next(iter(undeclared.items()))
            names = ", ".join(f"{n}:" for n in undeclared)
            plural = "es" if len(undeclared) > 1 else ""
            return QuerySyntaxError(
                f"undeclared prefix{plural} {names}",
                line,
                column,
                f"declare {'them' if plural else 'it'}: PREFIX {name}: <namespace IRI>"
                + (f", or use a standard prefix ({', '.join(p + ':' for p in sorted(known))})" if known else ""),
            )
    m = _POSITION.match(message)
    if not m:
        return QuerySyntaxError(f"SPARQL syntax error: {_shorten(message)}")
    line, column, detail = int(m.group(1)), int(m.group(2)), m.group(3)
    if text is not None and _at_end(text, line, column):
        earlier = _rdflib_position(text)
        if earlier is not None and earlier[:2] < (line, column):
            return QuerySyntaxError(
                f"SPARQL syntax error in the part that starts here ({earlier[2]})", earlier[0], earlier[1]
            )
        if text.strip():
            line, column = _end_position(text)
            detail = f"unexpected end of query: {detail}"
    return QuerySyntaxError(f"SPARQL syntax error: {_shorten(detail)}", line, column)


def _at_end(text: str, line: int, column: int) -> bool:
    lines = text.split("\n")
    if line > len(lines):
        return True
    rest = lines[line - 1][column - 1 :] + "\n".join([""] + lines[line:])
    return rest.strip() == ""


def _end_position(text: str) -> tuple[int, int]:
    """Line and column just after the last character that is not white space."""
    body = text.rstrip()
    line = body.count("\n") + 1
    return line, len(body) - (body.rfind("\n") + 1) + 1


def _rdflib_position(text: str) -> tuple[int, int, str] | None:
    try:
        from pyparsing import ParseException
        from rdflib.plugins.sparql.parser import parseQuery
    except ImportError:  # pragma: no cover - rdflib is a dependency
        return None
    try:
        parseQuery(text)
    except ParseException as exc:
        rest = exc.line[exc.col - 1 :]
        found = next(tokens(rest), None)
        return exc.lineno, exc.col, f"found {found.text(rest)[:30]!r}" if found else "unexpected end of line"
    except Exception:  # noqa: BLE001 - a second opinion only; never let it fail the first
        return None
    return None


def _shorten(message: str, limit: int = 160) -> str:
    """pyoxigraph lists every token it could have accepted; the first few say enough."""
    message = " ".join(message.split())
    if len(message) <= limit:
        return message
    cut = message.rfind(", ", 0, limit)
    return message[: cut if cut > 0 else limit] + ", …"


def standard_prefixes() -> dict[str, str]:
    """The prefixes every query may use without declaring them (``cg:``, ``qudt:``, ``dcterms:``…)."""
    return prefix_table()


def execute(store: ox.Store, text: str, *, base_iri: str | None = None, checked: bool = False):
    """Check and run ``text`` on ``store`` (union default graph): the raw, lazy pyoxigraph result.

    Raises :class:`QueryRefused` or :class:`QuerySyntaxError`; evaluation errors met while
    the (lazy) result is consumed surface as :class:`QueryError` from :func:`consume`.
    ``checked``: the caller has passed ``text`` through :func:`check_query` already.
    """
    if not checked:
        check_query(text)
    try:
        return store.query(text, base_iri=base_iri, prefixes=standard_prefixes(), use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise syntax_error(exc, text) from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"query failed: {exc}") from None


def with_deadline(work: Callable[[], T], timeout: float | None) -> T:
    """``work()`` in a daemon thread; :class:`QueryTimeout` if it is not done within ``timeout`` s.

    pyoxigraph releases the GIL while it evaluates, so the caller gets control back at the
    deadline; the abandoned thread cannot be stopped and runs on in the background.
    """
    if timeout is not None and not 0 < timeout <= MAX_TIMEOUT:  # nan would wait for ever, inf fails in join()
        raise ValueError(f"timeout must be more than 0 and at most {MAX_TIMEOUT:g} seconds, not {timeout!r}")
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = work()
        except BaseException as exc:  # handed to the caller below
            box["error"] = exc

    thread = threading.Thread(target=target, name="claimgraph-query", daemon=True)
    start_with_query_stack(thread)
    thread.join(timeout)
    if thread.is_alive():
        raise QueryTimeout(
            f"query still running after {timeout:g} s: abandoned",
            hint="narrow the query (more specific patterns first, OPTIONALs last, a LIMIT), "
            "or allow more time with --timeout",
        )
    if "error" in box:
        error = box["error"]
        if isinstance(error, QueryError):
            raise error
        if isinstance(error, (OSError, ValueError, RuntimeError, SyntaxError)):
            raise QueryError(f"query failed: {error}") from None
        raise error  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]


@dataclass
class Solutions:
    """A materialised SELECT result: variable names and rows of pyoxigraph terms (None if unbound)."""

    variables: list[str]
    rows: list[tuple]


def materialise(result) -> "Solutions | bool | list[ox.Triple]":
    """Pull every row of a lazy result (this is where pyoxigraph does the work)."""
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        return Solutions(names, [tuple(row[n] for n in names) for row in result])
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    return list(dict.fromkeys(result))  # a graph is a set: each triple once (results.distinct_triples)


def run_query(registry, text: str, *, timeout: float | None = DEFAULT_TIMEOUT):
    """Run ``text`` on ``registry`` and materialise it: :class:`Solutions`, a bool (ASK) or triples."""
    check_query(text)  # a refused query fails here, before any thread starts
    return with_deadline(lambda: materialise(execute(registry.store, text, base_iri=registry.settings.base)), timeout)


def run_select(registry, text: str, *, timeout: float | None = DEFAULT_TIMEOUT) -> tuple[list[str], list[tuple]]:
    """``(variables, rows)`` of a SELECT query; each row is a tuple of pyoxigraph terms or None.

    Raises :class:`QueryError` (syntax, refused, timeout) and :class:`ResultFormatError`
    if the query is not a SELECT. Relative IRIs (``<claim/x>``) resolve against the
    registry's base.
    """
    form = check_query(text)
    if form != "SELECT":
        raise ResultFormatError(f"{form} query where a SELECT was expected")
    result = run_query(registry, text, timeout=timeout)
    return result.variables, result.rows
