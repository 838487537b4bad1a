"""``claimgraph sources fetch|status``: the texts and records of a registry's sources.

``fetch`` is the one command that reaches the network on its own (``publish`` and
``check --endpoint`` name their server); everything else reads what it recorded.
"""

from __future__ import annotations

import sys

from .common import EXIT_FINDINGS, EXIT_OK, UsageError, registry_option


def register(sub) -> None:
    parser = sub.add_parser(
        "sources",
        help="fetch source texts and records; say what is available",
        description="Fetch the metadata and texts of the registry's sources from their "
        "identifiers (the only command using the network on its own), and "
        "report which text `check` can read for each source.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    fetch = actions.add_parser(
        "fetch",
        help="fetch records and texts (network), recorded in sources/manifest.json",
        description="Fetch, for each source (default: all), its DOI's Crossref or DataCite "
        "record and open-access text, its arXiv record, abstract and PDF, or "
        "its URL's page. Each retrieval is recorded in sources/manifest.json; "
        "texts go to the user's cache unless --keep and their licence allows "
        "keeping them in the registry (sources/texts/).",
    )
    registry_option(fetch)
    fetch.add_argument("keys", nargs="*", metavar="KEY", help="BibTeX keys (default: every source)")
    fetch.add_argument(
        "--keep",
        action="store_true",
        help="keep texts whose licence allows redistribution (Creative Commons) in sources/texts/",
    )
    fetch.add_argument(
        "--contact",
        default=None,
        help="an e-mail address sent in the User-Agent, as the APIs ask (default: $CLAIMGRAPH_CONTACT)",
    )
    fetch.add_argument(
        "--record-only",
        action="store_true",
        help="open no connection: record where each source would be fetched from, as 'not fetched'",
    )
    fetch.set_defaults(func=run_fetch)
    status = actions.add_parser(
        "status",
        help="which text check can read for each source, and whether it changed",
        description="For each source: the text `check` reads (the file field's copy or a "
        "fetched text), from where, and whether it changed since recorded.",
    )
    registry_option(status)
    status.add_argument(
        "--format",
        "-f",
        choices=["text", "json"],
        default="text",
        help="text: one tab-separated line per source (default); json: a list of objects",
    )
    status.set_defaults(func=run_status)
    parser.set_defaults(func=lambda args: (parser.print_help(sys.stderr), 2)[1])


def _root(args):
    from pathlib import Path

    from ..registry import is_registry

    root = Path(args.registry) if args.registry else Path(".")
    if not is_registry(root):
        raise UsageError(f"{root}: not a registry (no claimgraph.toml)")
    return root


def run_fetch(args) -> int:
    from ..reports import location
    from ..sources.fetch.http import HttpClient
    from ..sources.fetch.run import UnknownSources, fetch_sources
    from ..sources.manifest import ManifestError

    root = _root(args)
    try:
        outcomes, path = fetch_sources(
            root,
            args.keys or None,
            keep=args.keep,
            record_only=args.record_only,
            client=HttpClient.from_environment(args.contact),
        )
    except ManifestError as exc:
        raise UsageError(f"{location(str(root / 'sources/manifest.json'), exc.line)}: {exc}") from None
    except UnknownSources as exc:
        raise UsageError(str(exc)) from None
    for outcome in outcomes:
        for line in outcome.lines or ["nothing to do"]:
            print(f"{outcome.key}: {line}", file=sys.stderr)
    if path.is_file():
        print(f"recorded in {path.relative_to(root).as_posix()}", file=sys.stderr)
    return EXIT_OK if all(o.ok for o in outcomes) else EXIT_FINDINGS


def run_status(args) -> int:
    from ..reports import location
    from ..sources.fetch.run import source_status
    from ..sources.manifest import ManifestError

    root = _root(args)
    try:
        rows = source_status(root)
    except ManifestError as exc:
        raise UsageError(f"{location(str(root / 'sources/manifest.json'), exc.line)}: {exc}") from None
    if args.format == "json":
        import json

        print(
            json.dumps(
                [{"key": r.key, "text": r.text, "changed": r.changed, "recorded": r.fetched} for r in rows],
                indent=2,
                ensure_ascii=False,
            )
        )
        return EXIT_OK
    for row in rows:
        print(f"{row.key}\ttext: {row.text}\t{row.changed}\trecorded: {row.fetched}")
    return EXIT_OK
