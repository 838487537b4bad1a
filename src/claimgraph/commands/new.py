"""``claimgraph new claim`` and ``claimgraph new source``: scaffold one claim or source.

Values come from flags; what is missing is asked for when ``--interactive`` is given or
standard input is a terminal, and is otherwise a usage error (exit 2) naming the flags.
The entry is appended to its file (nothing else is touched) only if the registry has no
new error with it; otherwise nothing is written and the command exits 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .common import EXIT_OK, EXIT_USAGE, registry_option, report_error


def register(sub) -> None:
    parser = sub.add_parser(
        "new",
        help="add a claim or a source to the registry",
        description="Append a new claim (Turtle) or source (BibTeX) to the registry, "
        "from flags or by asking. Existing content is never changed.",
    )
    kinds = parser.add_subparsers(dest="kind", metavar="KIND")

    source = kinds.add_parser(
        "source",
        help="add a BibTeX entry to bib/",
        description="Append a BibTeX entry to bib/references.bib (or --file).",
    )
    registry_option(source)
    source.add_argument("--key", help="BibTeX key, such as Doe2021")
    source.add_argument(
        "--type",
        dest="entry_type",
        default=None,
        help="BibTeX entry type: article, book, inproceedings, techreport, online, misc… (default: article)",
    )
    source.add_argument(
        "--author", action="append", dest="authors", metavar="NAME", help="an author, 'Family, Given'; repeat in order"
    )
    source.add_argument("--title")
    source.add_argument("--year")
    source.add_argument("--venue", help="journal, proceedings, publisher or site, by entry type")
    source.add_argument("--doi")
    source.add_argument("--url")
    source.add_argument("--arxiv", help="arXiv identifier such as 2201.00001")
    source.add_argument("--isbn")
    source.add_argument("--pages")
    source.add_argument("--note")
    source.add_argument("--file", default=None, help="BibTeX file under bib/ (default: bib/references.bib)")
    source.add_argument(
        "--local-copy",
        metavar="PATH",
        default=None,
        help="a PDF, HTML or text copy of the source inside the registry (path from the registry "
        "folder, e.g. sources/Doe2021.pdf), written as the entry's `file` field: check looks "
        "for the claims' quotes in it",
    )
    _common(source)
    source.set_defaults(func=run_source)

    claim = kinds.add_parser(
        "claim",
        help="add a claim to claims/",
        description="Append a claim to claims/claims.ttl (or --file). A claim with "
        "--value or --range is quantitative and needs --unit and --measurand; "
        "a new measurand needs --quantity-kind and --about.",
    )
    registry_option(claim)
    claim.add_argument("--id", help="claim id, the last part of its IRI: claim/ID")
    claim.add_argument("--statement", help="the claim in words, in --lang")
    claim.add_argument("--lang", help="language of --statement (default: the registry's first language)")
    claim.add_argument(
        "--translation",
        nargs=2,
        action="append",
        default=[],
        metavar=("LANG", "TEXT"),
        help="the statement in another language; repeatable",
    )
    claim.add_argument("--cites", action="append", metavar="KEY", help="BibTeX key of a cited source; repeatable")
    claim.add_argument("--in-text-citation", help="the citation exactly as printed, such as 'Doe, 2021'")
    claim.add_argument(
        "--quote",
        help="the exact words of the cited source that back the claim (optional: a "
        "claim without one is an info finding, CG210)",
    )
    claim.add_argument("--locator", help="where the quote stands: 'p. 4, Table 2', 'Section 3'…")
    claim.add_argument(
        "--status",
        default=None,
        help="verifiedPrimary, verifiedSecondary, discrepancy, notInSource or unverified (default: unverified)",
    )
    claim.add_argument("--status-note", help="what was checked, where and how")
    claim.add_argument("--slide", type=int, help="slide (or page) of the argument where the claim is made")
    claim.add_argument("--role", choices=["primary", "secondary"], help="role of the cited source for the number")
    claim.add_argument("--primary-source", metavar="KEY", help="BibTeX key of the primary source")
    claim.add_argument(
        "--value",
        help="the number, such as 1.3, written as typed: its digits say its rounding (1.30, 1.3e3 for 1300 to "
        "two digits)",
    )
    claim.add_argument("--range", nargs=2, metavar=("LOW", "HIGH"), help="a range instead of a value")
    claim.add_argument("--unit", help="QUDT unit name: GigaW-HR, MegaW-HR, PERCENT, UNITLESS, MO…")
    claim.add_argument("--tolerance", help="relative rounding of the value, such as 0.05")
    claim.add_argument("--measurand", help="id of what the number measures: measurand/ID (created if new)")
    claim.add_argument(
        "--quantity-kind", help="QUDT quantity kind of a new measurand: Energy, Time, DimensionlessRatio…"
    )
    claim.add_argument(
        "--measurand-label",
        help="label of a new measurand, in --lang (default: its id with spaces, with no language tag)",
    )
    claim.add_argument("--about", metavar="SYSTEM", help="id of the system a new measurand is about (created if new)")
    claim.add_argument("--system-label", help="label of a new system")
    claim.add_argument(
        "--derived-by",
        metavar="FORMULA",
        help="the number is computed from other claims: product, quotient, ratio, percentage, sum, "
        "difference, relativeChange, compoundGrowth, compoundRate, doublingTime, halvingTime, "
        "halvingTimeToAnnualFactor or conversion (checked with units: CG350, CG352)",
    )
    claim.add_argument(
        "--operands",
        nargs="+",
        default=[],
        metavar="CLAIM-ID|NUMBER",
        help="the formula's operands in order: ids of claims (their values and units are used) or plain numbers",
    )
    claim.add_argument("--file", default=None, help="Turtle file under claims/ (default: claims/claims.ttl)")
    _common(claim)
    claim.set_defaults(func=run_claim)
    parser.set_defaults(func=lambda args: (parser.print_help(sys.stderr), EXIT_USAGE)[1])


def _common(parser) -> None:
    parser.add_argument(
        "--interactive",
        "-i",
        action="store_true",
        help="ask for every missing value (default when standard input is a terminal)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="make every check, then print the text that would be appended instead of writing it",
    )


def _asking(args) -> bool:
    return args.interactive or (sys.stdin is not None and sys.stdin.isatty())


def _ask(label: str, default: str | None = None) -> str | None:
    shown = f" [{default}]" if default else ""
    print(f"{label}{shown}: ", end="", file=sys.stderr, flush=True)
    line = sys.stdin.readline()
    if not line:
        return default
    return line.strip() or default


#: How many times a required value is asked for before ``new`` gives up.
ASKED_AT_MOST = 3


class _InputEnded(Exception):
    """Standard input ended while a required value was asked for."""


def _fill(args, wanted: list[tuple[str, str, bool]]) -> list[str]:
    """Ask for missing values (when asking: a required one again after an empty answer, up to
    :data:`ASKED_AT_MOST` times); return the flags still missing. Raises :class:`_InputEnded` when standard
    input ends while asking."""
    missing = []
    for attr, label, listy in wanted:
        if getattr(args, attr):
            continue
        if _asking(args):
            for _ in range(ASKED_AT_MOST):
                print(f"{label}{' (separate several with ;)' if listy else ''}: ", end="", file=sys.stderr, flush=True)
                line = sys.stdin.readline()
                if not line:
                    raise _InputEnded(_flag(attr))
                answer = line.strip()
                values = [x.strip() for x in answer.split(";") if x.strip()] if listy else answer
                if values:
                    setattr(args, attr, values)
                    break
                print(f"{_flag(attr)} is required", file=sys.stderr)
            else:
                missing.append(_flag(attr))
            continue
        missing.append(_flag(attr))
    return missing


def _flag(attr: str) -> str:
    return {"authors": "--author"}.get(attr, "--" + attr.replace("_", "-"))


def _missing(args, missing: list[str]) -> int:
    """The usage error for required values not given: asking for them again helps only where nobody was asked."""
    more = "" if _asking(args) else " (or run with --interactive)"
    print(f"claimgraph: error: missing {', '.join(missing)}{more}", file=sys.stderr)
    return EXIT_USAGE


def _ended(flag: str) -> int:
    print(f"\nclaimgraph: error: input ended before {flag} was given; nothing was written", file=sys.stderr)
    return EXIT_USAGE


def _root(args) -> Path:
    return Path(args.registry) if args.registry else Path(".")


def _from_bib_folder(copy: str | None, bib_file: str) -> str | None:
    """``copy`` (a path from the registry folder) as the file field writes it: from the .bib file's folder."""
    import posixpath
    from pathlib import PurePath

    if not copy:
        return None
    return posixpath.relpath(PurePath(copy).as_posix(), posixpath.dirname(PurePath(bib_file).as_posix()) or ".")


def run_source(args) -> int:
    from ..authoring import BIB_FILE, AuthoringError, SourceSpec, new_source

    try:
        missing = _fill(
            args,
            [
                ("key", "BibTeX key (e.g. Doe2021)", False),
                ("authors", "authors, 'Family, Given'", True),
                ("title", "title", False),
                ("year", "year", False),
            ],
        )
    except _InputEnded as ended:
        return _ended(str(ended))
    if _asking(args):
        for attr, label in (
            ("entry_type", "entry type"),
            ("venue", "journal, publisher or site"),
            ("doi", "DOI"),
            ("url", "URL"),
        ):
            if getattr(args, attr) is None:
                setattr(args, attr, _ask(label, "article" if attr == "entry_type" else None))
    if missing:
        return _missing(args, missing)
    spec = SourceSpec(
        key=args.key,
        title=args.title,
        authors=args.authors,
        year=args.year,
        entry_type=(args.entry_type or "article").lower(),
        venue=args.venue,
        doi=args.doi,
        url=args.url,
        arxiv=args.arxiv,
        isbn=args.isbn,
        note=args.note,
        pages=args.pages,
        local_copy=_from_bib_folder(args.local_copy, args.file or BIB_FILE),
    )
    try:
        written = new_source(_root(args), spec, file=args.file or BIB_FILE, dry_run=args.dry_run)
    except AuthoringError as exc:
        return report_error(exc)
    return _done(args, written, f"source {args.key}")


def _done(args, written, what: str) -> int:
    """The notes, then the text appended: a dry run prints exactly what a run without --dry-run adds to the
    file, but for the line breaks that separate it from the file's last line."""
    for note in written.notes:
        print(f"note: {note}", file=sys.stderr)
    for warning in written.warnings:
        print(f"claimgraph: warning: {warning}", file=sys.stderr)
    if args.dry_run:
        sys.stdout.write(written.appended.lstrip("\r\n"))
        print(f"(dry run: {what} would be added to {written.path}; nothing was written)", file=sys.stderr)
    else:
        print(f"added {what} to {written.path}", file=sys.stderr)
    return EXIT_OK


def run_claim(args) -> int:
    from ..authoring import CLAIMS_FILE, AuthoringError, ClaimSpec, new_claim
    from ..settings import SettingsError, read_settings

    try:
        settings = read_settings(_root(args))
    except SettingsError as exc:
        return report_error(exc)
    lang = args.lang or settings.languages[0]
    try:
        missing = _fill(
            args,
            [
                ("id", "claim id (e.g. gpt3-training-energy)", False),
                ("statement", f"statement (@{lang})", False),
                ("cites", "BibTeX key(s) of the cited source", True),
            ],
        )
    except _InputEnded as ended:
        return _ended(str(ended))
    if _asking(args):
        if args.quote is None:
            args.quote = _ask("exact words of the cited source (optional)") or None
        if args.quote and not args.locator:
            args.locator = _ask("where in the source (e.g. p. 4)") or None
        for other in settings.languages[1:]:
            if other != lang and not any(t[0] == other for t in args.translation):
                text = _ask(f"statement (@{other}, optional)")
                if text:
                    args.translation.append([other, text])
        if args.in_text_citation is None:
            args.in_text_citation = _ask("in-text citation as printed (optional)")
        if args.value is None and args.range is None:
            args.value = _ask("value, if the claim states a number (optional)")
        if args.value or args.range:
            for attr, label in (("unit", "QUDT unit (e.g. GigaW-HR)"), ("measurand", "measurand id")):
                if not getattr(args, attr):
                    setattr(args, attr, _ask(label))
        if args.status is None:
            args.status = _ask("status", "unverified")
        if args.status_note is None and args.status != "unverified":
            args.status_note = _ask("what was checked, where and how")
    if missing:
        return _missing(args, missing)
    low, high = args.range or (None, None)
    spec = ClaimSpec(
        id=args.id,
        statement=args.statement,
        lang=lang,
        cites=args.cites,
        translations=[tuple(t) for t in args.translation],
        in_text_citation=args.in_text_citation,
        quote=args.quote,
        locator=args.locator,
        status=args.status or "unverified",
        status_note=args.status_note,
        slide=args.slide,
        role=args.role,
        primary_source=args.primary_source,
        value=args.value,
        lower=low,
        upper=high,
        unit=args.unit,
        tolerance=args.tolerance,
        measurand=args.measurand,
        quantity_kind=args.quantity_kind,
        measurand_label=args.measurand_label,
        about=args.about,
        system_label=args.system_label,
        derived_by=args.derived_by,
        operands=list(args.operands),
    )
    try:
        written = new_claim(_root(args), spec, file=args.file or CLAIMS_FILE, dry_run=args.dry_run)
    except AuthoringError as exc:
        return report_error(exc)
    return _done(args, written, f"claim:{args.id}")
