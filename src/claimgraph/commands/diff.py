"""``claimgraph diff OLD NEW``: claim-level differences between two versions of a registry."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import EXIT_FINDINGS, EXIT_OK, UsageError


def register(sub) -> None:
    parser = sub.add_parser("diff", help="claim-level differences between two versions of a registry",
                            description="Compare two registry folders claim by claim: added, removed, and changed "
                                        "claims, each change sorted into value, status, source, statement or other; "
                                        "then sources and other described things. In CI, check the base branch out "
                                        "into a second folder (git worktree) and compare.")
    parser.add_argument("old", metavar="OLD", help="folder of the old version")
    parser.add_argument("new", metavar="NEW", nargs="?", default=".", help="folder of the new version (default: .)")
    parser.add_argument("--format", "-f", choices=["text", "markdown", "json"], default="text",
                        help="text for a terminal, markdown for a pull request comment, json for tools")
    parser.add_argument("--fail-on-change", action="store_true", help="exit 1 when there are differences")
    parser.set_defaults(func=run)


def _load(path: str):
    from ..findings import Severity
    from ..registry import RegistryError, load

    try:
        registry = load(Path(path))
    except RegistryError as exc:
        raise UsageError(f"{path}: {exc}") from None
    broken = [f for f in registry.load_findings if f.severity >= Severity.ERROR]
    if broken:
        print(f"claimgraph: warning: {path}: {len(broken)} file problem(s) while loading "
              f"(first: {broken[0].file}:{broken[0].line or ''} {broken[0].message}); claims in unreadable "
              "files show as removed", file=sys.stderr)
    return registry


def run(args) -> int:
    from ..diff import RENDERERS, diff_registries

    old, new = _load(args.old), _load(args.new)
    result = diff_registries(old, new, old_name=args.old, new_name=args.new)
    sys.stdout.write(RENDERERS[args.format](result))
    return EXIT_FINDINGS if args.fail_on_change and result.has_changes else EXIT_OK
