"""``claimgraph queries``: the saved queries (``queries/*.rq``) with their titles."""

from __future__ import annotations

import json
import sys

from .common import EXIT_OK, EXIT_USAGE, load_registry, registry_option


def register(sub) -> None:
    parser = sub.add_parser(
        "queries",
        help="list the saved SPARQL queries",
        description="List the saved queries: claimgraph's defaults and the registry's own queries/*.rq "
        "(which replace defaults of the same name). Run one with `claimgraph query NAME`.",
        epilog="Exit codes: 0 listed; 2 some queries/*.rq file was left out (a symlink leading outside the "
        "registry, a FIFO, not UTF-8…: named on stderr, the others are listed) or the registry is "
        "unreadable.",
    )
    registry_option(parser)
    parser.add_argument(
        "--format",
        "-f",
        choices=["table", "json"],
        default="table",
        help="table (name and title, default) or json (with description, path and text)",
    )
    parser.add_argument("--long", "-l", action="store_true", help="also print each description")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..reports import one_line
    from ..sparql.saved import describe_problem, load_saved_queries

    registry = load_registry(args)
    queries, problems = load_saved_queries(registry)
    for problem in problems:
        print(describe_problem(problem), file=sys.stderr)
    status = EXIT_USAGE if problems else EXIT_OK
    if args.format == "json":
        data = [dict(q.as_dict(), path=str(q.path)) for q in queries]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return status
    # a listing for a terminal: a title's controls and bidi characters escaped, as the text report does
    width = max((len(one_line(q.name)) for q in queries), default=0)
    for q in queries:
        sys.stdout.write(f"{one_line(q.name).ljust(width)}  {one_line(q.title)}\n")
        if args.long and q.description:
            sys.stdout.write(f"{' ' * width}  {one_line(q.description)}\n")
    return status
