"""``claimgraph list claims``: a flat table of the registry for spreadsheets."""

from __future__ import annotations

import csv
import json
import math
import sys

from .common import (EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, allow_load_errors_option, load_registry,
                     refuse_partial, registry_option)


def register(sub) -> None:
    parser = sub.add_parser(
        "list", help="flat tables of the registry (CSV or JSON) for spreadsheets",
        description="Write one row per claim: id, statement in each language, value (or bounds) and unit, "
                    "the value normalised to SI units, measurand, cited key and role, primary source and "
                    "verification status. A number that is not finite (NaN, INF, or beyond the range of a "
                    "double, which `check` reports as CG333) is an empty cell, null in JSON: JSON has no NaN "
                    "or Infinity.")
    parser.add_argument("what", choices=["claims"], help="what to list")
    registry_option(parser)
    parser.add_argument("--format", "-f", choices=["csv", "tsv", "json"], default="csv",
                        help="csv (default), tsv or json")
    allow_load_errors_option(parser, "list")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..sparql.run import QueryError
    from ..sparql.tables import claims_table

    registry = load_registry(args)
    if refuse_partial(registry, args, "list"):  # a table missing a file's claims would look complete
        return EXIT_FINDINGS
    try:
        columns, rows = claims_table(registry)
    except QueryError as exc:
        print(exc.render("list claims"), file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        rows = [{k: _finite(v) for k, v in row.items()} for row in rows]
        # allow_nan=False: NaN or Infinity would make the whole output invalid JSON
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2, allow_nan=False) + "\n")
        return EXIT_OK
    writer = csv.writer(sys.stdout, delimiter="\t" if args.format == "tsv" else ",", lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c), args.format == "tsv") for c in columns])
    return EXIT_OK


def _finite(value):
    """``value``, or None for a float that is NaN or infinite (the same rule in every format)."""
    return None if isinstance(value, float) and not math.isfinite(value) else value


def _cell(value, tsv: bool = False) -> str:
    value = _finite(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    text = str(value)
    return " ".join(text.split()) if tsv else text
