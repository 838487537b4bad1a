"""``claimgraph export``: the registry as Turtle, TriG, JSON-LD, N-Triples, CSV, nanopublications or an RO-Crate."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    allow_load_errors_option,
    load_registry,
    refuse_partial,
    registry_option,
    report_error,
)

FORMAT_NAMES = ("turtle", "trig", "jsonld", "nt", "csv", "nanopub", "rocrate")

#: The registry of the last export, kept when the command returns: freeing its millions of objects one by one
#: (the statements, their rows and indexes) cost a quarter of a second of CPU at 10,000 claims, after every
#: file was written; the program then ends without the interpreter's teardown (:func:`claimgraph.cli.run`).
#: One registry at most is kept (tests run many commands in one process).
_kept: list = []


def register(sub) -> None:
    parser = sub.add_parser(
        "export",
        help="export the registry (RDF, CSV, nanopublications, RO-Crate)",
        description="Write the registry as turtle, trig (named graphs), jsonld (with the context "
        "generated from the vocabulary), nt, csv (one row per claim), nanopub "
        "(one nanopublication per claim: with --out DIR one TriG file each, "
        "as the nanopub libraries read them; on standard output all in one "
        "TriG document) or rocrate (a folder with ro-crate-metadata.json: "
        "data, bibliography, shapes, check report).",
    )
    registry_option(parser)
    parser.add_argument("--format", "-f", choices=FORMAT_NAMES, default="turtle", help="default: turtle")
    parser.add_argument(
        "--out",
        "-o",
        metavar="PATH",
        help="file to write (default: standard output); a folder for nanopub and rocrate; never the "
        "registry's own files or folders, nor a folder holding the registry",
    )
    parser.add_argument(
        "--no-sources", action="store_true", help="leave the bibliography's RDF out (turtle, trig, jsonld, nt)"
    )
    parser.add_argument(
        "--date",
        help="rocrate: datePublished; nanopub: dcterms:created (at midnight UTC); "
        "YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else now)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="rocrate: replace the crate claimgraph wrote in --out (its ro-crate-metadata.json names claimgraph "
        "and lists every file there); nanopub: replace the nanopublications claimgraph wrote in --out (every "
        "file a *.trig nanopublication under the registry's <base>np/); any other folder is refused, "
        "nothing deleted",
    )
    parser.add_argument(
        "--with-source-texts",
        action="store_true",
        help="rocrate: copy in the local texts of the sources the bibliography's file fields name (they may be "
        "under their publishers' copyright: left out by default, and the crate says so)",
    )
    signing = parser.add_argument_group("nanopub signing (needs pip install 'claimgraph[nanopub]' and --out DIR)")
    signing.add_argument(
        "--trusty", action="store_true", help="give each nanopublication its trusty URI (…/RA<hash>), unsigned"
    )
    signing.add_argument(
        "--sign-key",
        metavar="KEY",
        help="sign each nanopublication with this RSA private key (PEM, PKCS#8); implies --trusty",
    )
    signing.add_argument("--orcid", metavar="IRI", help="the signer's ORCID (https://orcid.org/…), with --sign-key")
    signing.add_argument(
        "--signer",
        choices=["nanopub-sign", "nanopub"],
        default=None,
        help="the library that signs (default: nanopub when installed, else nanopub-sign)",
    )
    allow_load_errors_option(parser, "export")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..errors import ClaimgraphError
    from ..export import export, write_export, write_rocrate

    if args.format in ("nanopub", "rocrate"):  # the nanopubs bring rdflib, which the other formats do without
        from ..nanopubs import to_nanopub, write_nanopubs

    if args.format == "rocrate" and not args.out:
        print("claimgraph: error: --format rocrate needs --out DIR", file=sys.stderr)
        return EXIT_USAGE
    if args.with_source_texts and args.format != "rocrate":
        print("claimgraph: error: --with-source-texts goes with --format rocrate --out DIR", file=sys.stderr)
        return EXIT_USAGE
    signing = args.trusty or args.sign_key or args.orcid or args.signer
    if signing and not (args.format == "nanopub" and args.out):
        print(
            "claimgraph: error: --trusty, --sign-key, --orcid and --signer need --format nanopub --out DIR "
            "(each nanopublication is signed in a file of its own)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if (args.orcid or args.signer) and not args.sign_key:
        print("claimgraph: error: --orcid and --signer go with --sign-key KEY", file=sys.stderr)
        return EXIT_USAGE
    registry = load_registry(args)
    _kept[:] = [registry]
    if refuse_partial(registry, args, "export"):
        return EXIT_FINDINGS
    try:
        if args.format == "rocrate":
            from ..export import crate_shortfalls
            from ..reports import one_line

            files = write_rocrate(
                registry, Path(args.out), date=args.date, force=args.force, with_source_texts=args.with_source_texts
            )
            print(f"wrote {len(files)} files to {args.out}", file=sys.stderr)
            # written all the same (a crate for oneself needs none of it), but a repository may refuse it
            for shortfall in crate_shortfalls(registry.settings):
                print(f"claimgraph: warning: {one_line(shortfall)}", file=sys.stderr)
        elif args.format == "nanopub" and args.out:
            files = write_nanopubs(
                registry,
                Path(args.out),
                date=args.date,
                trusty=args.trusty,
                key=Path(args.sign_key) if args.sign_key else None,
                orcid=args.orcid,
                library=args.signer,
                force=args.force,
            )
            print(f"wrote {len(files)} nanopublications to {args.out}", file=sys.stderr)
        elif args.format == "nanopub":
            sys.stdout.write(to_nanopub(registry, date=args.date))
        elif args.out:
            write_export(registry, args.format, Path(args.out), include_sources=not args.no_sources)
            print(f"wrote {args.out}", file=sys.stderr)
        else:
            sys.stdout.write(export(registry, args.format, include_sources=not args.no_sources))
    except ClaimgraphError as exc:
        return report_error(exc)
    return EXIT_OK
