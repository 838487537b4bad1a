"""``claimgraph publish --endpoint URL``: push the registry to a SPARQL store (Graph Store Protocol)."""

from __future__ import annotations

import os
import sys

from .common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, load_registry, refuse_partial, registry_option, report_error


def register(sub) -> None:
    parser = sub.add_parser(
        "publish",
        help="push the registry to a SPARQL store (Graph Store HTTP Protocol)",
        description="Replace the registry's named graphs (claims, sources) in an existing "
        "SPARQL store with one HTTP PUT each (SPARQL 1.1 Graph Store HTTP Protocol). "
        "It reaches the network only at the URL given, as `check --endpoint` does; `sources fetch` is the one "
        "command that fetches on its own.",
    )
    registry_option(parser)
    parser.add_argument(
        "--endpoint",
        required=True,
        metavar="URL",
        help="the store's Graph Store endpoint, e.g. http://localhost:8890/sparql-graph-crud-auth "
        "(Virtuoso), http://localhost:3030/DATASET/data (Fuseki)",
    )
    parser.add_argument("--user", help="user name for HTTP Basic or Digest authentication")
    parser.add_argument(
        "--password-env",
        default="CLAIMGRAPH_PASSWORD",
        metavar="VAR",
        help="environment variable holding the password (default: CLAIMGRAPH_PASSWORD)",
    )
    parser.add_argument(
        "--with-vocabulary", action="store_true", help="also publish the claimgraph vocabulary in its own graph"
    )
    parser.add_argument("--allow-errors", action="store_true", help="publish even if `claimgraph check` finds errors")
    parser.add_argument(
        "--allow-load-errors",
        action="store_true",
        help="publish what loaded even if some files did not (the store then lacks what they hold)",
    )
    parser.add_argument("--dry-run", action="store_true", help="say what would be sent, send nothing")
    parser.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="seconds per request, above 0 and at most 86400 (default: 60)",
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..checks import run_checks
    from ..findings import Severity
    from ..publish import PublishError, check_endpoint, check_timeout, graph_payloads, graph_url, publish, shown

    try:
        check_endpoint(args.endpoint)
        check_timeout(args.timeout)
    except PublishError as exc:
        print(f"claimgraph: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    registry = load_registry(args)
    if refuse_partial(registry, args, "store's graphs"):  # (each PUT replaces a whole graph: what is missing goes)
        return EXIT_FINDINGS
    errors = [f for f in run_checks(registry) if f.severity >= Severity.ERROR]
    if errors and not args.allow_errors:
        print(
            f"claimgraph: error: `claimgraph check` finds {len(errors)} error(s); fix them first "
            "or pass --allow-errors",
            file=sys.stderr,
        )
        return EXIT_FINDINGS
    if args.dry_run:
        for graph, _body, count in graph_payloads(registry, include_vocabulary=args.with_vocabulary):
            print(f"PUT {shown(graph_url(args.endpoint, graph))}  ({count} triples)")
        return EXIT_OK
    password = os.environ.get(args.password_env) if args.user else None
    if args.user and password is None:
        print(f"claimgraph: error: --user given but ${shown(args.password_env)} is not set", file=sys.stderr)
        return EXIT_USAGE
    replaced: list[str] = []

    def said(pushed) -> None:
        replaced.append(pushed.graph)
        print(f"published {pushed.triples} triples to <{shown(pushed.graph)}> ({pushed.status})", file=sys.stderr)

    try:
        publish(
            registry,
            args.endpoint,
            user=args.user,
            password=password,
            include_vocabulary=args.with_vocabulary,
            timeout=args.timeout,
            progress=said,
        )
    except PublishError as exc:
        code = report_error(exc)
        if replaced:
            # each graph is replaced by a request of its own: the store now holds this version's graphs up to the
            # failure and the previous version's after it
            left = [graph for graph, _, _ in graph_payloads(registry, include_vocabulary=args.with_vocabulary)]
            left = [graph for graph in left if graph not in replaced]
            print(
                f"claimgraph: note: the store now mixes two versions of the registry: replaced "
                f"{', '.join(f'<{shown(g)}>' for g in replaced)}, not {', '.join(f'<{shown(g)}>' for g in left)}; "
                "publish again once the store answers",
                file=sys.stderr,
            )
        return code
    return EXIT_OK
