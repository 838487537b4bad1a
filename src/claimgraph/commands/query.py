"""``claimgraph query``: run a SPARQL query (inline, a file, or a saved query by name)."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from .common import EXIT_OK, EXIT_USAGE, UsageError, load_registry, note_load_errors, registry_option


def register(sub) -> None:
    from ..sparql.defaults import DEFAULT_TIMEOUT, FORMAT_NAMES, timeout_or_none

    parser = sub.add_parser(
        "query",
        help="run a SPARQL query on the registry",
        description="Run a SPARQL 1.1 query on the registry (claims, sources and vocabulary as one union "
        "graph). QUERY_OR_FILE is a query text, a .rq file, '-' for standard input, or the name "
        "of a saved query (see `claimgraph queries`). The standard prefixes (cg:, qudt:, unit:, "
        "dcterms:…) need not be declared; relative IRIs such as <claim/x> resolve against the "
        "registry base. Updates, SERVICE and FROM are refused.",
        epilog="Exit codes: 0 results written; 2 malformed or refused query, timeout, or unreadable registry "
        "(the message gives QUERY:line:column).",
    )
    parser.add_argument("query", metavar="QUERY_OR_FILE", help="query text, .rq file, '-', or saved query name")
    registry_option(parser)
    parser.add_argument(
        "--format",
        "-f",
        choices=FORMAT_NAMES,
        default="table",
        help="table (default), csv, tsv, json, xml (SPARQL results) for SELECT, table, json or xml for ASK "
        "(CSV and TSV are defined for SELECT results only); "
        "turtle (default), ntriples, jsonld, rdfxml for CONSTRUCT/DESCRIBE "
        "(json and xml give JSON-LD and RDF/XML there)",
    )
    parser.add_argument(
        "--timeout",
        type=timeout_or_none,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"give up after this many seconds (default: {DEFAULT_TIMEOUT:g}; 0 for no limit)",
    )
    parser.set_defaults(func=run)


def resolve(arg: str, registry) -> tuple[str, str]:
    """``(name, text)`` of QUERY_OR_FILE; ``name`` prefixes error positions."""
    from ..loading.text import TextFileError, read_text
    from ..sparql.saved import SavedQueryError, find_saved_query, saved_queries

    if arg == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream put in place by a caller: already decoded
            return "<stdin>", sys.stdin.read()
        try:
            return "<stdin>", stream.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UsageError(
                f"<stdin>: not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset "
                f"{exc.start}): send the query as UTF-8"
            ) from None
    path = Path(arg)
    if _is_file(path):
        try:
            return arg, read_text(path).text
        except TextFileError as exc:
            raise UsageError(f"{arg}{f':{exc.line}' if exc.line else ''}: {exc.code} error: {exc}") from None
    try:
        saved = find_saved_query(arg, registry)
    except SavedQueryError as exc:
        raise UsageError(exc.render()) from None
    if saved is not None:
        return _shown(saved.path, registry.root), saved.text
    if any(c.isspace() for c in arg.strip()) or "{" in arg:
        return "<query>", arg
    names = [q.name for q in saved_queries(registry)]
    close = difflib.get_close_matches(arg.removesuffix(".rq"), names, n=1)
    hint = f"; did you mean `{close[0]}`?" if close else "; `claimgraph queries` lists the saved queries"
    raise UsageError(f"{arg}: neither a file, a saved query nor a SPARQL query{hint}")


def _is_file(path: Path) -> bool:
    """``path.is_file()``, False where the text cannot name a file at all: an inline query longer than
    a file name may be (ENAMETOOLONG), or holding a NUL byte."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(path)


def run(args) -> int:
    from ..sparql.results import result_bytes
    from ..sparql.run import ASK_NOT_CSV, QueryError, ResultFormatError, check_query, execute, materialise
    from ..sparql.run import with_deadline

    registry = load_registry(args)
    name, text = resolve(args.query, registry)
    note_load_errors(registry)  # only what left data out makes the answers partial (not a CG121 literal)
    timeout = args.timeout or None  # 0: no limit (anything else negative or not finite is refused by argparse)
    base = registry.settings.base

    def work():
        result = execute(registry.store, text, base_iri=base)
        if args.format == "table" and not _graph(result):
            result = materialise(result)
        return result_bytes(result, args.format, base=base)  # (a SELECT's CSV: a file for a spreadsheet)

    try:
        form = check_query(text)
        if form in ("SELECT", "ASK") and args.format in ("turtle", "ntriples", "jsonld", "rdfxml"):
            raise ResultFormatError(
                f"a {form} query gives a table of results, not {args.format}",
                hint="use --format table, csv, tsv, json or xml",
            )
        if form == "ASK" and args.format in ("csv", "tsv"):  # as the endpoint answers it (406)
            raise ResultFormatError(
                f"an ASK result cannot be written as {args.format} ({ASK_NOT_CSV})",
                hint="use --format table, json or xml",
            )
        if form in ("CONSTRUCT", "DESCRIBE") and args.format in ("csv", "tsv"):
            raise ResultFormatError(
                f"a {form} query gives an RDF graph, not {args.format}",
                hint="use --format turtle, ntriples, jsonld or rdfxml",
            )
        body, _media = with_deadline(work, timeout)
    except QueryError as exc:
        print(exc.render(name), file=sys.stderr)
        return EXIT_USAGE
    out = sys.stdout.buffer
    out.write(body)
    if body and not body.endswith(b"\n"):
        out.write(b"\n")
    out.flush()
    return EXIT_OK


def _graph(result) -> bool:
    import pyoxigraph as ox

    return isinstance(result, ox.QueryTriples)
