"""Invalid fixture cases stored as the files they change over a valid registry.

A case folder holding an ``overlay.toml`` keeps only the files its fault adds or replaces:

    base = "valid"                    # the registry under tests/fixtures/ it is laid over
    remove = ["claims/numbers.ttl"]   # files of the base the case deletes (optional)

:func:`materialise` lays those files over a copy of the base, giving the registry the checks
read. A case folder without ``overlay.toml`` is a complete registry, kept whole where a reader
runs it straight from the checkout (the README's ``check --registry tests/fixtures/invalid/unknown-key``).
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import tomllib
from functools import cache
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
INVALID = FIXTURES / "invalid"
OVERLAY = "overlay.toml"
#: Files of a case folder that describe the case and are not part of its registry.
CASE_FILES = frozenset({OVERLAY, "expected.json"})


def case_names() -> list[str]:
    """Every invalid case, complete or overlay, by folder name."""
    return sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def is_overlay(case: Path) -> bool:
    return (case / OVERLAY).is_file()


def overlay_files(case: Path) -> list[str]:
    """The registry files a case folder itself holds (relative, POSIX), without its description files."""
    return sorted(
        p.relative_to(case).as_posix()
        for p in case.rglob("*")
        if p.is_file() and p.relative_to(case).as_posix() not in CASE_FILES
    )


def registry_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def read_overlay(case: Path) -> tuple[Path, list[str]]:
    """The base registry of an overlay case and the base files it removes; a mistake in the
    description fails loudly rather than quietly testing the base."""
    spec = tomllib.loads((case / OVERLAY).read_text(encoding="utf-8"))
    unknown = set(spec) - {"base", "remove"}
    if unknown:
        raise ValueError(f"{case / OVERLAY}: unknown keys {sorted(unknown)}")
    base = FIXTURES / spec["base"]
    if not base.is_dir() or base.parent != FIXTURES:
        raise ValueError(f"{case / OVERLAY}: base {spec['base']!r} is not a registry under {FIXTURES}")
    remove = list(spec.get("remove", []))
    for path in remove:
        if not (base / path).is_file():
            raise ValueError(f"{case / OVERLAY}: removes {path!r}, which {spec['base']} does not hold")
    return base, remove


def materialise(case: Path, target: Path) -> Path:
    """Write the registry of ``case`` into ``target`` (which must not exist) and return it."""
    if not is_overlay(case):
        shutil.copytree(
            case, target, ignore=lambda folder, names: [n for n in names if n in CASE_FILES and Path(folder) == case]
        )
        return target
    base, remove = read_overlay(case)
    shutil.copytree(base, target)
    for path in remove:
        (target / path).unlink()
    for path in overlay_files(case):
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(case / path, target / path)
    return target


@cache
def _scratch() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="claimgraph-invalid-fixtures-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


@cache
def invalid_case(name: str) -> Path:
    """A registry to read (never to change) for the invalid case ``name``: a complete case is its own
    folder; an overlay case is materialised once per test process into a scratch folder of its name,
    so that paths and names in output look as they would for a folder in the checkout."""
    case = INVALID / name
    if not case.is_dir():
        raise FileNotFoundError(f"no invalid fixture case {name!r} in {INVALID}")
    if not is_overlay(case):
        return case
    return materialise(case, _scratch() / name)
