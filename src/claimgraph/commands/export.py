"""``claimgraph export``: the registry as Turtle, TriG, JSON-LD, N-Triples, CSV, nanopublications or an RO-Crate."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import (EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, allow_load_errors_option, load_registry, refuse_partial,
                     registry_option)

FORMAT_NAMES = ("turtle", "trig", "jsonld", "nt", "csv", "nanopub", "rocrate")


def register(sub) -> None:
    parser = sub.add_parser("export", help="export the registry (RDF, CSV, nanopublications, RO-Crate)",
                            description="Write the registry as turtle, trig (named graphs), jsonld (with the context "
                                        "generated from the vocabulary), nt, csv (one row per claim), nanopub "
                                        "(TriG, one nanopublication per claim) or rocrate (a folder with "
                                        "ro-crate-metadata.json: data, bibliography, shapes, check report).")
    registry_option(parser)
    parser.add_argument("--format", "-f", choices=FORMAT_NAMES, default="turtle", help="default: turtle")
    parser.add_argument("--out", "-o", metavar="PATH",
                        help="file to write (default: standard output); a folder for rocrate; never the "
                             "registry's own files or folders, nor a folder holding the registry")
    parser.add_argument("--no-sources", action="store_true",
                        help="leave the bibliography's RDF out (turtle, trig, jsonld, nt)")
    parser.add_argument("--date", help="rocrate: datePublished, YYYY-MM-DD (default: SOURCE_DATE_EPOCH or today)")
    parser.add_argument("--force", action="store_true",
                        help="rocrate: replace the crate already in --out (a folder holding ro-crate-metadata.json)")
    allow_load_errors_option(parser, "export")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..export import ExportError, export, write_export, write_rocrate

    if args.format == "rocrate" and not args.out:
        print("claimgraph: error: --format rocrate needs --out DIR", file=sys.stderr)
        return EXIT_USAGE
    registry = load_registry(args)
    if refuse_partial(registry, args, "export"):
        return EXIT_FINDINGS
    try:
        if args.format == "rocrate":
            files = write_rocrate(registry, Path(args.out), date=args.date, force=args.force)
            print(f"wrote {len(files)} files to {args.out}", file=sys.stderr)
        elif args.out:
            write_export(registry, args.format, Path(args.out), include_sources=not args.no_sources)
            print(f"wrote {args.out}", file=sys.stderr)
        else:
            sys.stdout.write(export(registry, args.format, include_sources=not args.no_sources))
    except ExportError as exc:
        print(f"claimgraph: error: {exc}", file=sys.stderr)
        return exc.exit_code
    return EXIT_OK
