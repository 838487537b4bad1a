"""``claimgraph diff OLD NEW``: claim-level differences between two versions of a registry."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import EXIT_FINDINGS, EXIT_OK, UsageError


def register(sub) -> None:
    parser = sub.add_parser(
        "diff",
        help="claim-level differences between two versions of a registry",
        description="Compare two registry folders claim by claim: added, removed, and changed "
        "claims, each change sorted into value, status, source, statement or other; "
        "then sources, other described things (measurands, systems…), the settings "
        "(claimgraph.toml) and the registry's shapes and saved queries. In CI, check the base "
        "branch out into a second folder (git worktree) and compare (--find-registry when the "
        "registry is in a subfolder).",
        epilog="Exit codes: 0 compared (with --fail-on-change: no differences); 1 differences, "
        "with --fail-on-change; 2 a folder is not a registry, or a file of either "
        "version did not load (a Turtle or BibTeX syntax error) or defines a claim twice (CG104), unless "
        "--allow-load-errors is given.",
    )
    parser.add_argument("old", metavar="OLD", help="folder of the old version")
    parser.add_argument("new", metavar="NEW", nargs="?", default=".", help="folder of the new version (default: .)")
    parser.add_argument(
        "--format",
        "-f",
        choices=["text", "markdown", "json"],
        default="text",
        help="text for a terminal, markdown for a pull request comment, json for tools",
    )
    parser.add_argument("--fail-on-change", action="store_true", help="exit 1 when there are differences")
    parser.add_argument(
        "--find-registry",
        action="store_true",
        help="OLD and NEW are the tops of two checkouts: compare the one folder holding claimgraph.toml "
        "at or below NEW with the folder at the same place in OLD (as check --find-registry finds it)",
    )
    parser.add_argument(
        "--allow-load-errors",
        action="store_true",
        help="compare even if some files could not be loaded (their claims then show as "
        "removed or added: the comparison is partial) or define a claim twice (compared merged)",
    )
    parser.set_defaults(func=run)


def _within(path: str):
    """A path relative to the registry at ``path`` as the messages name it: from where the command runs."""
    return lambda place: str(Path(path) / place)


def _load(path: str, allow_load_errors: bool, side: str):
    """The registry at ``path``, the ``side`` (``old``, ``new``) of the comparison; a UsageError when it
    left data out or defines something twice, unless ``allow_load_errors``."""
    from ..diff import terminal_text
    from ..registry import RegistryError, is_registry, load
    from ..reports import location
    from ..reports.text import finding_line, message_places_rebased

    try:
        registry = load(Path(path))
    except RegistryError as exc:
        where = f"{exc.path}:{exc.line}: " if exc.path and exc.line else (f"{exc.path}: " if exc.path else f"{path}: ")
        hint = "" if is_registry(Path(path)) else "; for a registry in a subfolder of both, pass --find-registry"
        raise UsageError(terminal_text(f"{where}{exc}{hint}")) from None
    # only what left data out makes the comparison partial (as for build, export and list): a literal
    # holding a control character (CG121) or an ill-typed one is compared as it is; a subject defined
    # twice (CG104) holds both definitions merged, and would be compared as a mixture of the two
    left_out, merged = registry.data_left_out(), registry.merged_definitions()
    broken = left_out + merged
    if broken and allow_load_errors:
        first = broken[0]
        effects = []
        if left_out:
            # what a file of the old version holds that did not load is in the new one only: added
            effects.append(f"claims in unreadable files show as {'added' if side == 'old' else 'removed'}")
        if merged:
            effects.append("a claim defined twice is compared as its two definitions merged")
        print(
            terminal_text(
                f"claimgraph: warning: {path}: {len(broken)} file problem(s) while loading "
                f"(first: {location(first.file, first.line)} {first.message}); " + "; ".join(effects)
            ),
            file=sys.stderr,
        )
    elif broken:
        # A file that did not load looks like all its claims were deleted: a diff that says so and
        # exits 0 would pass a CI gate on a comparison that never happened. A claim defined twice
        # would show one invented change (the first value beside the second status).
        for f in broken:
            shown = message_places_rebased(f, _within(path))
            print(
                terminal_text(finding_line(location(str(Path(path) / f.file) if f.file else path, f.line), shown)),
                file=sys.stderr,
            )
        cause = (
            "the registry did not load completely, so the comparison would be partial"
            if left_out
            else "the registry defines a claim, step or measurand twice, so the comparison would mix the two "
            "definitions"
        )
        raise UsageError(
            terminal_text(f"{path}: {cause}; fix the files above (see `claimgraph check`) or pass --allow-load-errors")
        )
    return registry


def _find_registries(old: str, new: str) -> tuple[str, str]:
    """The registry at or below ``new`` and the folder at the same place below ``old``: a registry moved
    within the repository is found again in ``old`` (when it is the only one there)."""
    from ..registry import RegistryError, find_registry, is_registry

    try:
        found = find_registry(Path(new))
        inside = found.relative_to(new)
        old_found = Path(old) / inside if is_registry(Path(old) / inside) else find_registry(Path(old))
    except RegistryError as exc:
        raise UsageError(str(exc)) from None
    return str(old_found), str(found)


def run(args) -> int:
    from ..diff import RENDERERS, diff_registries

    if args.find_registry:
        args.old, args.new = _find_registries(args.old, args.new)
    old, new = _load(args.old, args.allow_load_errors, "old"), _load(args.new, args.allow_load_errors, "new")
    result = diff_registries(old, new, old_name=args.old, new_name=args.new)
    sys.stdout.write(RENDERERS[args.format](result))
    return EXIT_FINDINGS if args.fail_on_change and result.has_changes else EXIT_OK
