"""``claimgraph list claims``: a flat table of the registry for spreadsheets."""

from __future__ import annotations

import sys

from .common import EXIT_FINDINGS, EXIT_OK, allow_load_errors_option, load_registry, refuse_partial, registry_option


def register(sub) -> None:
    parser = sub.add_parser(
        "list",
        help="flat tables of the registry (CSV or JSON) for spreadsheets",
        description="Write one row per claim, with the columns of every claim table (the documentation's "
        "model page, docs/model.md in the source distribution): id, "
        "type, statement in each language, value (or bounds), unit and tolerance, the value "
        "normalised to its quantity kind's unit, measurand, cited keys and role, primary source, "
        "verification status (the local name of its IRI: verifiedPrimary), slide and IRI. A number that is not finite (NaN, INF, or beyond the range of a "
        "double, which `check` reports as CG333) is an empty cell, null in JSON: JSON has no NaN "
        "or Infinity.",
    )
    parser.add_argument("what", choices=["claims"], help="what to list")
    registry_option(parser)
    parser.add_argument(
        "--format", "-f", choices=["csv", "tsv", "json"], default="csv", help="csv (default), tsv or json"
    )
    allow_load_errors_option(parser, "list")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..model import claim_table_json, claim_table_text, read_model
    from ..spreadsheet import escape_controls

    registry = load_registry(args)
    # a table missing a file's claims would look complete; one of a claim defined twice would mix its definitions
    if refuse_partial(registry, args, "list", merged_definitions=True):
        return EXIT_FINDINGS
    model = read_model(registry)
    if args.format == "json":
        sys.stdout.write(claim_table_json(model))
        return EXIT_OK
    # controls escaped (``\x1b``) as in every CSV claimgraph writes: a table printed to a terminal must not drive it
    sys.stdout.write(escape_controls(claim_table_text(model, delimiter="\t" if args.format == "tsv" else ",")))
    return EXIT_OK
