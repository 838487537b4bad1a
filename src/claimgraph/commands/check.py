"""``claimgraph check``: SHACL and citation checks, rendered in one of five formats."""

from __future__ import annotations

import os
import sys

from .common import EXIT_FINDINGS, EXIT_OK, load_registry, registry_option


def register(sub) -> None:
    parser = sub.add_parser("check", help="validate the registry (SHACL and citation checks)",
                            description="Validate a registry with its SHACL shapes and the citation checks, "
                                        "and report every finding with file and line.")
    registry_option(parser)
    parser.add_argument("--format", "-f", choices=["text", "json", "github", "sarif", "junit"], default="text",
                        help="output format (default: text)")
    parser.add_argument("--fail-level", choices=["error", "warning", "info"], default="error",
                        help="exit 1 when a finding is at or above this severity (default: error)")
    parser.add_argument("--min-level", choices=["error", "warning", "info"], default=None,
                        help="only report findings at or above this severity")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..checks import run_checks
    from ..findings import Severity
    from ..reports import ReportContext, render

    registry = load_registry(args)
    findings = run_checks(registry)
    if args.min_level:
        floor = Severity.parse(args.min_level)
        findings = [f for f in findings if f.severity >= floor]
    color = args.format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    context = ReportContext(registry.root, color=color, checked_files=registry.claim_files + registry.bib_files)
    sys.stdout.write(render(args.format, findings, context))
    fail = Severity.parse(args.fail_level)
    return EXIT_FINDINGS if any(f.severity >= fail for f in findings) else EXIT_OK
