"""The ``claimgraph`` command: parses options, calls the library, renders, picks the exit code.

Exit codes (a contract, documented in the README):
  0  nothing at or above ``--fail-level``;
  1  findings at or above ``--fail-level`` (or bad content for commands that write);
  2  usage error, or input that cannot be read as a registry at all.
Data goes to stdout; diagnostics and progress to stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad options or unreadable input: reported on stderr with exit 2."""


def _registry_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--registry", "-r", metavar="DIR", default=None,
                        help="registry folder (default: the current folder)")


def _load(args):
    from .registry import RegistryError, load

    root = Path(args.registry) if args.registry else Path(".")
    try:
        return load(root)
    except RegistryError as exc:
        where = f"{exc.path}:{exc.line}: " if exc.path and exc.line else (f"{exc.path}: " if exc.path else "")
        raise UsageError(f"{where}{exc}") from None


# ------------------------------------------------------------------ check


def cmd_check(args) -> int:
    from .checks import run_checks
    from .findings import Severity
    from .reports import ReportContext, render

    registry = _load(args)
    findings = run_checks(registry)
    if args.min_level:
        floor = Severity.parse(args.min_level)
        findings = [f for f in findings if f.severity >= floor]
    color = args.format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    context = ReportContext(registry.root, color=color,
                            checked_files=registry.claim_files + registry.bib_files)
    sys.stdout.write(render(args.format, findings, context))
    fail = Severity.parse(args.fail_level)
    return EXIT_FINDINGS if any(f.severity >= fail for f in findings) else EXIT_OK


# ------------------------------------------------------------------ parser


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="claimgraph",
        description="A literature-evidence graph and citation-checked claim registry.",
        epilog="Exit codes: 0 clean, 1 findings at or above --fail-level, 2 usage or unreadable input.")
    parser.add_argument("--version", action="version", version=f"claimgraph {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="validate the registry (SHACL and citation checks)",
                           description="Validate a registry with its SHACL shapes and the citation checks, "
                                       "and report every finding with file and line.")
    _registry_option(check)
    check.add_argument("--format", "-f", choices=["text", "json", "github", "sarif", "junit"], default="text",
                       help="output format (default: text)")
    check.add_argument("--fail-level", choices=["error", "warning", "info"], default="error",
                       help="exit 1 when a finding is at or above this severity (default: error)")
    check.add_argument("--min-level", choices=["error", "warning", "info"], default=None,
                       help="only report findings at or above this severity")
    check.set_defaults(func=cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"claimgraph: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("claimgraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `claimgraph check | head` closes the pipe early: not an error of ours
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
