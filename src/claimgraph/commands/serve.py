"""``claimgraph serve``: a read-only SPARQL 1.1 Protocol endpoint on localhost, with a query page."""

from __future__ import annotations

import sys

from .common import EXIT_OK, UsageError, load_registry, note_load_errors, registry_option


def register(sub) -> None:
    from ..sparql.defaults import DEFAULT_PORT, DEFAULT_TIMEOUT, DEFAULT_WORKERS, timeout_seconds

    parser = sub.add_parser(
        "serve",
        help="serve a read-only SPARQL endpoint and query page on localhost",
        description="Serve the registry as a read-only SPARQL 1.1 Protocol endpoint (/sparql, GET and POST, "
        "results negotiated by Accept) with a query page offering the saved queries (/). Updates, "
        "SERVICE and FROM are refused (400); each query runs in a worker process bounded in time, "
        "memory (CLAIMGRAPH_QUERY_MEMORY_MB) and result size (CLAIMGRAPH_QUERY_RESULT_MB), and one "
        "stopped by a limit gets 503 naming it, so a runaway query never blocks the others. "
        "Stop with Ctrl-C.",
    )
    registry_option(parser)
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    parser.add_argument(
        "--port", "-p", type=int, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT}; 0 picks a free one)"
    )
    parser.add_argument(
        "--timeout",
        type=timeout_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"longest a query may run (default: {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=DEFAULT_WORKERS,
        metavar="N",
        help=f"queries run at the same time, one process each (default: {DEFAULT_WORKERS})",
    )
    parser.add_argument(
        "--allow-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="let web pages from ORIGIN (such as https://yasgui.example or http://localhost:3000; "
        "* for any) query the endpoint from the browser (CORS); repeat for several. "
        "Default: none, and a request from another origin's page is refused",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="do not log requests on stderr")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..site.endpoint_page import endpoint_page
    from ..sparql.server import SparqlServer, _is_loopback

    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port}: give a port between 0 and 65535")
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    from ..sparql.cors import normalise_origin
    from ..sparql.worker import WorkerLimits

    for origin in args.allow_origin:
        try:
            normalise_origin(origin)
        except ValueError as exc:
            raise UsageError(f"--allow-origin {exc}") from None
    try:
        limits = WorkerLimits.from_environment()
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    registry = load_registry(args)
    # as `query` does: the endpoint answers from what loaded, which a client cannot tell is partial
    note_load_errors(registry)
    try:
        server = SparqlServer(
            registry,
            host=args.host,
            port=args.port,
            timeout=args.timeout,
            workers=args.workers,
            quiet=args.quiet,
            allowed_origins=args.allow_origin,
            limits=limits,
            page=endpoint_page,
        )
    except OSError as exc:
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    from ..sparql.saved import describe_problem

    for problem in server.saved_problems:  # the page offers the others; say why these are missing
        print(f"{describe_problem(problem)} (not offered)", file=sys.stderr)
    if not _is_loopback(args.host):
        print(f"claimgraph: warning: listening on {args.host}: other machines can query this registry", file=sys.stderr)
    print(
        f"claimgraph: SPARQL endpoint {server.endpoint} — query page {server.url} — Ctrl-C to stop",
        file=sys.stderr,
        flush=True,
    )
    if server.cors.origins:
        print(
            f"claimgraph: pages from {', '.join(sorted(server.cors.origins))} may query the endpoint (CORS)",
            file=sys.stderr,
            flush=True,
        )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        # Ctrl-C is how a server is meant to end, not an interruption of its work: exit 0, as README's table says
        print("claimgraph: stopped", file=sys.stderr)
    finally:
        server.close()
    return EXIT_OK
