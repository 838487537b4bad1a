"""``claimgraph units [TEXT]``: the units (and quantity kinds) claimgraph converts, from QUDT's data."""

from __future__ import annotations

import json
import sys

from pathlib import Path

from .common import EXIT_OK, load_registry


def register(sub) -> None:
    parser = sub.add_parser(
        "units",
        help="list or search the supported units and quantity kinds",
        description="List the units claimgraph converts (QUDT's vocabulary, shipped with claimgraph, and "
        "claimgraph's additions), or those whose name, symbol, label or quantity kinds contain TEXT. "
        "A name composed by QUDT's naming rules (GM-PER-KiloW-HR), and a unit as the number reader reads it "
        "in text (kg/kWh, tCO2e, PFLOP/s-day), are resolved and shown first. The units the registry declares "
        "are listed before QUDT's. Units holding TEXT as whole words come before those holding it inside a word; "
        "when it is only inside other words, a line on stderr says no unit is named TEXT.",
        epilog="Exit codes: 0 something listed; 1 nothing matches TEXT.",
    )
    parser.add_argument("text", nargs="?", metavar="TEXT", help="part of a unit's name, symbol, label or kind")
    parser.add_argument("--kinds", action="store_true", help="list QUDT's quantity kinds instead of units")
    parser.add_argument(
        "--registry",
        "-r",
        metavar="DIR",
        default=None,
        help="registry whose own units are listed first (default: the current folder, when it holds a "
        "claimgraph.toml; else QUDT's units and claimgraph's additions only)",
    )
    parser.add_argument("--format", "-f", choices=["table", "json"], default="table", help="table (default) or json")
    parser.add_argument(
        "--markdown", action="store_true", help="print the docs page of every unit (docs/units.md) and nothing else"
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..qudt import list_kinds, list_units, units_markdown

    if args.markdown:
        sys.stdout.write(units_markdown())
        return EXIT_OK
    if args.kinds:
        rows = list_kinds(args.text)
    else:
        from ..numbers_in_text import currencies_written, unit_written, unit_written_per_decade

        def written(words: str) -> str | None:  # "K/decade" is read per year (QUDT's DECADE is a ratio)
            return unit_written(words) or unit_written_per_decade(words)

        rows = list_units(args.text, _catalogue(args), written, currencies_written)
    if rows and all(r.inside_word for r in rows):
        # "nodi" answered by "Synodic Month" alone: say that no unit has that name before what merely contains it
        print(f"claimgraph: no unit is named {args.text!r}; names containing it:", file=sys.stderr, flush=True)
    if args.format == "json":
        sys.stdout.write(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2) + "\n")
    else:
        width = max((len(r.name) for r in rows), default=0)
        for r in rows:
            extra = ", ".join(r.kinds[:3]) + ("…" if len(r.kinds) > 3 else "")
            columns = [r.name.ljust(width), r.symbol or "-", r.label, r.dimension]
            if extra:
                columns.append(("broader: " if args.kinds else "kinds: ") + extra)
            if r.note:
                columns.append(r.note)
            sys.stdout.write("  ".join(columns) + "\n")
    if not rows:
        print(f"claimgraph: no {'quantity kind' if args.kinds else 'unit'} matches {args.text!r}", file=sys.stderr)
        return 1
    return EXIT_OK


def _catalogue(args):
    """The units of the registry ``--registry`` names, or of the current folder when it is a registry;
    None (QUDT's and claimgraph's only) outside a registry."""
    from ..quantities import catalogue_for

    if not args.registry and not Path("claimgraph.toml").is_file():
        return None
    return catalogue_for(load_registry(args))
