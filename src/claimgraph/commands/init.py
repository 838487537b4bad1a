"""``claimgraph init DIR``: create a new registry that checks clean."""

from __future__ import annotations

import sys

from .common import EXIT_OK, report_error


def register(sub) -> None:
    parser = sub.add_parser(
        "init",
        help="create a new, empty registry",
        description="Create a new registry in DIR (a missing or empty folder): "
        "claimgraph.toml, claims/claims.ttl, bib/references.bib. "
        "It checks clean; add to it with `claimgraph new`.",
    )
    parser.add_argument("dir", metavar="DIR", help="folder to create (must be missing or empty)")
    parser.add_argument("--title", help="the registry's title (default: from the folder name)")
    parser.add_argument(
        "--base", help="base IRI of every claim and source, ending in / or # (default: https://example.org/DIR/)"
    )
    parser.add_argument(
        "--lang",
        action="append",
        dest="languages",
        metavar="LANG",
        help="a language of the statements, first the main one; repeat for more (default: en)",
    )
    parser.add_argument("--licence", default="CC-BY-4.0", help="licence of the data (default: CC-BY-4.0)")
    parser.set_defaults(func=run)


def run(args) -> int:
    from pathlib import Path

    from ..authoring import AuthoringError, init_registry

    try:
        files = init_registry(
            Path(args.dir),
            title=args.title,
            base=args.base,
            languages=tuple(args.languages or ["en"]),
            licence=args.licence,
        )
    except AuthoringError as exc:
        return report_error(exc)
    for path in files:
        print(f"created {path}", file=sys.stderr)
    for kept in (".gitignore", "README.md"):
        path = Path(args.dir) / kept
        if path not in files and path.exists():
            more = " (add build/ to it: the site is built there)" if kept == ".gitignore" else ""
            print(f"kept {path} as it was{more}", file=sys.stderr)
    print(f"next: cd {args.dir} && claimgraph new source --help", file=sys.stderr)
    return EXIT_OK
