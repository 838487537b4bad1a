"""Options and helpers shared by the commands."""

from __future__ import annotations

import argparse
from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad options or unreadable input: reported on stderr with exit 2."""


def exit_code(kind) -> int:
    """The documented exit code of a :class:`claimgraph.errors.Kind`."""
    from ..errors import Kind

    return EXIT_USAGE if kind is Kind.USAGE else EXIT_FINDINGS


def report_error(exc) -> int:
    """Write a library error (:class:`claimgraph.errors.ClaimgraphError`) and its details on stderr;
    return its exit code."""
    import sys

    # an error about a file (settings, registry) carries it apart from its message: name it first
    path, line = getattr(exc, "path", None), getattr(exc, "line", None)
    where = f"{path}:{line}: " if path and line else (f"{path}: " if path else "")
    print(f"claimgraph: error: {where}{exc}", file=sys.stderr)
    for line in exc.details:
        print(f"    {line}", file=sys.stderr)
    return exit_code(exc.kind)


def registry_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--registry", "-r", metavar="DIR", default=None, help="registry folder (default: the current folder)"
    )


def load_registry(args, *, normalise: bool = True, remember_readings: bool = False):
    """The registry named by ``--registry`` (default: current folder), or a UsageError
    (``normalise``, ``remember_readings``: see :func:`claimgraph.registry.load`)."""
    from ..registry import RegistryError, load

    root = Path(args.registry) if getattr(args, "registry", None) else Path(".")
    try:
        return load(root, normalise=normalise, remember_readings=remember_readings)
    except RegistryError as exc:
        where = f"{exc.path}:{exc.line}: " if exc.path and exc.line else (f"{exc.path}: " if exc.path else "")
        raise UsageError(f"{where}{exc}") from None


def note_load_errors(registry) -> None:
    """Say on stderr which files of ``registry`` were not loaded, or not whole (:meth:`.Registry.left_out_note`),
    for a command that goes on with what loaded (``query``, ``serve``): its answers then miss what they hold."""
    import sys

    note = registry.left_out_note()
    if note:
        print(f"claimgraph: note: {note}", file=sys.stderr, flush=True)


def allow_load_errors_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--allow-load-errors",
        action="store_true",
        help=f"{what} even if some files could not be loaded (the result is then partial)",
    )


def refuse_partial(registry, args, what: str, *, merged_definitions: bool = False) -> bool:
    """True (after saying why on stderr) when files of ``registry`` failed to load and ``--allow-load-errors``
    was not given: an export, a site or a comparison made of what loaded would silently miss the rest.
    ``merged_definitions``: a subject defined twice (CG104) refuses it too (a table of claims would show one
    mixture of its two definitions)."""
    import sys

    from ..reports import location, one_line
    from ..reports.text import finding_line

    left_out = registry.data_left_out()
    broken = left_out + (registry.merged_definitions() if merged_definitions else [])
    if not broken or getattr(args, "allow_load_errors", False):
        return False
    for f in broken:
        print(finding_line(location(one_line(f.file) or "(registry)", f.line), f), file=sys.stderr)
    cause = (
        f"the registry did not load completely, so the {what} would be partial"
        if left_out
        else f"the registry defines a claim, step or measurand twice, so the {what} would mix the two definitions"
    )
    print(
        f"claimgraph: error: {cause}; fix the files above (see `claimgraph check`) or pass --allow-load-errors",
        file=sys.stderr,
    )
    return True
