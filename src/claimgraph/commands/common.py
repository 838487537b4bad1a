"""Options and helpers shared by the commands."""

from __future__ import annotations

import argparse
from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad options or unreadable input: reported on stderr with exit 2."""


def registry_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--registry", "-r", metavar="DIR", default=None,
                        help="registry folder (default: the current folder)")


def load_registry(args):
    """The registry named by ``--registry`` (default: current folder), or a UsageError."""
    from ..registry import RegistryError, load

    root = Path(args.registry) if getattr(args, "registry", None) else Path(".")
    try:
        return load(root)
    except RegistryError as exc:
        where = f"{exc.path}:{exc.line}: " if exc.path and exc.line else (f"{exc.path}: " if exc.path else "")
        raise UsageError(f"{where}{exc}") from None
