"""``claimgraph list claims``: a flat table of the registry for spreadsheets."""

from __future__ import annotations

import csv
import json
import sys

from .common import EXIT_OK, EXIT_USAGE, load_registry, registry_option


def register(sub) -> None:
    parser = sub.add_parser(
        "list", help="flat tables of the registry (CSV or JSON) for spreadsheets",
        description="Write one row per claim: id, statement in each language, value (or bounds) and unit, "
                    "the value normalised to SI units, measurand, cited key and role, primary source and "
                    "verification status.")
    parser.add_argument("what", choices=["claims"], help="what to list")
    registry_option(parser)
    parser.add_argument("--format", "-f", choices=["csv", "tsv", "json"], default="csv",
                        help="csv (default), tsv or json")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..sparql.run import QueryError
    from ..sparql.tables import claims_table

    registry = load_registry(args)
    try:
        columns, rows = claims_table(registry)
    except QueryError as exc:
        print(exc.render("list claims"), file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    writer = csv.writer(sys.stdout, delimiter="\t" if args.format == "tsv" else ",", lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c), args.format == "tsv") for c in columns])
    return EXIT_OK


def _cell(value, tsv: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    text = str(value)
    return " ".join(text.split()) if tsv else text
