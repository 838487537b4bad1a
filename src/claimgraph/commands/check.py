"""``claimgraph check``: SHACL and citation checks, rendered in one of five formats."""

from __future__ import annotations

import argparse
import os
import sys

from .common import EXIT_FINDINGS, EXIT_OK, UsageError, load_registry, registry_option

#: The registry of the last check, kept when the command returns: freeing its objects one by one (the
#: locations, the files' statement indexes, the store) took 0.05 s at 10,000 claims, after the findings were
#: known; the program then ends without the interpreter's teardown (:func:`claimgraph.cli.run`). One
#: registry at most is kept (tests run many commands in one process).
_kept: list = []


def _families_text() -> str:
    from ..checks import families

    found = families()
    built_in = ", ".join(f.name for f in found if f.built_in)
    plugins = "; ".join(
        f"{f.name} ({f.package} {f.version})" + (" [cannot run]" if f.problem else "") for f in found if not f.built_in
    )
    return (
        # (a wheel has no docs/: the page is named as the documentation's, found in the sdist or the repository)
        f"Check families: {built_in}. Plug-ins installed (entry point group claimgraph.checks, see the "
        f"documentation's plug-ins page, docs/plugins.md in the source distribution): {plugins or 'none'}. "
        "--list-checks gives their finding codes."
    )


class _HelpWithFamilies(argparse.Action):
    """``--help``, naming the installed check families: looked up only when help is asked for, as
    listing them imports every family (and every other command's help would pay for it)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(
            option_strings, dest=dest, default=default, nargs=0, help=help or "show this help message and exit"
        )

    def __call__(self, parser, namespace, values, option_string=None):
        parser.epilog = _families_text()
        parser.print_help()
        parser.exit()


def _list_checks(fmt: str) -> str:
    """What ``--list-checks`` prints: the check families with the codes each declares, as text or as JSON
    (a list of families: name, module, package, version, built_in, problem, codes)."""
    from ..check_plugins import describe
    from ..checks import families

    found = families()
    if fmt == "text":
        return describe(found)
    if fmt != "json":
        raise UsageError(f"--list-checks writes text or json, not --format {fmt}")
    from ..reports import json_showable

    listing = [
        {
            "name": family.name,
            "module": family.module,
            "package": family.package,
            "version": family.version,
            "built_in": family.built_in,
            "problem": family.problem,
            "codes": [
                {"code": code, "name": info.name, "severity": info.severity.label, "summary": info.summary}
                for code, info in sorted(family.codes.items())
            ],
        }
        for family in found
    ]
    return json_showable(listing) + "\n"


def reported(findings: list, min_level: str | None, fail_level: str) -> list:
    """The findings the report shows: those at or above ``--min-level``, and always those at or above
    ``--fail-level``, so that every report (a JUnit case, a SARIF result, an annotation) shows what
    fails the check; ``--min-level`` trims only findings that do not change the exit status. Says on
    stderr when it keeps findings below ``--min-level`` for that reason."""
    from ..findings import Severity

    if not min_level:
        return findings
    floor, fail = Severity.parse(min_level), Severity.parse(fail_level)
    kept = sum(1 for f in findings if fail <= f.severity < floor)
    if kept:
        print(
            f"claimgraph check: {kept} finding{'s' if kept != 1 else ''} below --min-level {min_level} "
            f"reported all the same: at or above --fail-level {fail_level}, they fail the check",
            file=sys.stderr,
        )
    return [f for f in findings if f.severity >= min(floor, fail)]


def _checked_files(registry) -> list[str]:
    """Every file check reads, relative to the registry (the JUnit report's test cases): the settings, the
    claims, the bibliography, the registry's shapes and saved queries, the sources' manifest."""
    from ..settings import SETTINGS_FILE
    from ..sources.manifest import MANIFEST

    own = [p.relative_to(registry.root).as_posix() for p in (*registry.shape_files, *registry.query_files)]
    manifest = [MANIFEST] if (registry.root / MANIFEST).is_file() else []
    return [SETTINGS_FILE, *registry.claim_files, *registry.bib_files, *own, *manifest]


def _settings_finding(root):
    """CG109 at the line of the registry's claimgraph.toml that does not read, or None when there is no
    such file to blame (no registry there, or not a regular file: a usage error, exit 2)."""
    from ..findings import Finding, Severity
    from ..settings import SETTINGS_FILE, SettingsError, read_settings

    if not (root / SETTINGS_FILE).is_file():
        return None
    try:
        read_settings(root)
    except SettingsError as exc:
        return Finding(SETTINGS_FILE, exc.line, "CG109", Severity.ERROR, str(exc))
    return None


def register(sub) -> None:
    parser = sub.add_parser(
        "check",
        help="validate the registry (SHACL and citation checks)",
        description="Validate a registry with its SHACL shapes and the citation checks, "
        "and report every finding with file and line.",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action=_HelpWithFamilies)
    parser.add_argument(
        "--list-checks",
        action="store_true",
        help="list the check families, built in and installed as plug-ins, with the finding "
        "codes each plug-in declares, and exit (--format text or json)",
    )
    registry_option(parser)
    parser.add_argument(
        "--format",
        "-f",
        choices=["text", "json", "github", "sarif", "junit"],
        default="text",
        help="output format (default: text)",
    )
    parser.add_argument(
        "--fail-level",
        choices=["error", "warning", "info"],
        default="error",
        help="exit 1 when a finding is at or above this severity (default: error)",
    )
    parser.add_argument(
        "--min-level",
        choices=["error", "warning", "info"],
        default=None,
        help="only report findings at or above this severity, and those at or above --fail-level "
        "(what fails the check is always in the report)",
    )
    parser.add_argument(
        "--find-registry",
        action="store_true",
        help="without --registry: check the one folder holding claimgraph.toml at or below the "
        "current folder (what the pre-commit hook and the GitHub Action do)",
    )
    parser.add_argument(
        "--path-prefix",
        metavar="PREFIX",
        default=None,
        help="write file paths in the report as PREFIX/path, PREFIX relative to the repository root "
        "(default: the registry's folder relative to the top of its git work tree, so CI annotations land "
        "on the files; . for none; an absolute path is refused)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="re-check even if nothing changed since the last run (results are cached by content)",
    )
    parser.add_argument(
        "--require-texts",
        action="store_true",
        help="make every quote whose source has no readable text an error (CG380), for a CI "
        "that ran `claimgraph sources fetch` first; check itself never fetches",
    )
    remote = parser.add_argument_group(
        "checks where the data lives",
        "run the SHACL shapes and the citation checks that are SPARQL on a remote SPARQL 1.1 endpoint "
        "(read-only: queries only); the families it cannot run there are listed on stderr and in the JSON report",
    )
    remote.add_argument(
        "--endpoint",
        metavar="URL",
        default=None,
        help="the store's SPARQL query endpoint, e.g. http://localhost:8890/sparql (Virtuoso); "
        "with --registry, findings carry file and line, else the subject IRI",
    )
    remote.add_argument(
        "--graph",
        metavar="IRI",
        action="append",
        default=[],
        help="a named graph holding the registry (repeatable; sent as default-graph-uri); "
        "default: the endpoint's default graph",
    )
    remote.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="with --endpoint: seconds per query, above 0 and at most 86400 (default: 60)",
    )
    parser.set_defaults(func=run)


def run_remote(args) -> int:
    """``check --endpoint``: the library's :func:`claimgraph.remote_check.check_remote`, rendered."""
    from pathlib import Path

    from ..endpoints import StoreError, check_timeout
    from ..findings import Severity
    from ..remote_check import EndpointError, check_remote
    from ..reports import ReportContext, one_line, render

    if args.require_texts:
        raise UsageError("--require-texts needs the source texts on this machine: it does not go with --endpoint")
    try:
        timeout = check_timeout(args.timeout)
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    registry = load_registry(args, normalise=False) if args.registry else None
    try:
        result = check_remote(args.endpoint, args.graph, registry, timeout=timeout)
    except EndpointError as exc:
        raise UsageError(str(exc)) from None
    for family in result.not_run:
        print(f"claimgraph check: not run on the endpoint: {one_line(family)}", file=sys.stderr)
    fail = Severity.parse(args.fail_level)
    failed = any(f.severity >= fail for f in result.findings)
    findings = reported(result.findings, args.min_level, args.fail_level)
    color = args.format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    # without --registry, the current folder stands for the registry's: a finding SARIF must place on a file is
    # placed at the claimgraph.toml there (or under --path-prefix), from the repository root
    root = Path(args.registry) if args.registry else Path(".")
    context = ReportContext(
        root,
        color=color,
        path_prefix=args.path_prefix,
        fail_level=fail,
        not_run=result.not_run,
        below_min_level=_hidden(result.findings, findings),
        meanings=_meanings(args.format),
    )
    if args.format != "json":
        findings = _as_reported(findings, context)
    sys.stdout.write(render(args.format, findings, context))
    return EXIT_FINDINGS if failed else EXIT_OK


def _as_reported(findings: list, context) -> list:
    """The findings with the other place a message names (CG104's first definition) written as the
    report writes files (from the repository root, ``--path-prefix``): the JSON report keeps both relative
    to the registry, every other format rebases both."""
    from ..reports.text import message_places_rebased

    return [message_places_rebased(f, context.path) for f in findings]


def _meanings(fmt: str) -> dict[str, str] | None:
    """What each code means, for a report that describes the codes (SARIF's rules): the sentences of
    docs/findings.md and the site's codes page (read from the shapes, so asked for only when needed)."""
    if fmt != "sarif":
        return None
    from ..finding_docs import meanings

    return meanings()


def _refuse_bad_path_prefix(prefix: str | None) -> None:
    from ..reports import path_prefix_problem

    problem = path_prefix_problem(prefix) if prefix is not None else None
    if problem:
        raise UsageError(problem)


def _hidden(findings: list, shown: list) -> int:
    return len(findings) - len(shown)


def run(args) -> int:
    if args.list_checks:
        sys.stdout.write(_list_checks(args.format))
        return EXIT_OK
    _refuse_bad_path_prefix(args.path_prefix)
    if args.endpoint:
        return run_remote(args)
    if args.graph:
        raise UsageError("--graph names the registry's graphs in a remote store: give --endpoint too")
    from ..checks import run_checks
    from ..findings import Severity
    from ..reports import ReportContext, render
    from ..settings import SETTINGS_FILE

    from pathlib import Path

    if args.find_registry and not args.registry:
        from ..registry import RegistryError, find_registry

        try:
            args.registry = str(find_registry(Path(".")))
        except RegistryError as exc:
            raise UsageError(str(exc)) from None
    root = Path(args.registry) if args.registry else Path(".")
    key, cached = None, None
    if not args.no_cache and root.is_dir():
        from .. import check_cache  # (not imported by --no-cache, which neither reads nor writes the cache)

        key = check_cache.digest(root, "require-texts" if args.require_texts else "")
        cached = check_cache.load_cached(key) if key else None
    if cached is not None:
        findings, checked_files = cached
    else:
        from ..checks import import_families_in_background
        from ..parallel import collector_paused

        # the loaded registry and the checks' rows and findings are kept to the end, none is garbage: the
        # cycle collector's passes over the objects made so far took a tenth of the process's time at 10,000
        # claims (the forked child inherits the pause)
        with collector_paused():
            importing = import_families_in_background()
            try:
                # no check reads cg:normalisedValue; --no-cache reads every file afresh too
                registry = load_registry(args, normalise=False, remember_readings=not args.no_cache)
            except UsageError:
                settings_finding = _settings_finding(root)
                if settings_finding is None:
                    raise
                registry = None
            finally:
                importing.finish()
            if registry is not None:
                # forked, the families' readings stay in the child: --require-texts reads the quote checks once more
                findings = run_checks(registry, fork=not args.require_texts, found=importing.found)
                if args.require_texts:
                    from ..checks.source_quotes import require_texts

                    findings = require_texts(registry, findings)
        if registry is None:
            # a claimgraph.toml that does not read is a finding about the registry, like a Turtle syntax
            # error: every format reports it (CI's SARIF upload and test reporters get a valid file naming
            # the cause) and it fails the check (exit 1); nothing else is checked, nothing is cached
            findings, checked_files, key = [settings_finding], [SETTINGS_FILE], None
        else:
            checked_files = _checked_files(registry)
            _kept[:] = [registry]
        if key:
            from .. import check_cache

            check_cache.store(key, findings, checked_files)
    fail = Severity.parse(args.fail_level)
    failed = any(f.severity >= fail for f in findings)
    shown = reported(findings, args.min_level, args.fail_level)
    color = args.format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    context = ReportContext(
        root,
        color=color,
        checked_files=checked_files,
        path_prefix=args.path_prefix,
        fail_level=fail,
        below_min_level=_hidden(findings, shown),
        meanings=_meanings(args.format),
    )
    if args.format != "json":
        shown = _as_reported(shown, context)
    sys.stdout.write(render(args.format, shown, context))
    return EXIT_FINDINGS if failed else EXIT_OK
