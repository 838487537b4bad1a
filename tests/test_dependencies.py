"""Every package claimgraph's code imports is declared in pyproject.toml, not left to arrive as some
other package's dependency (which a new release of that package may drop)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from .conftest import PROJECT

SOURCE = PROJECT / "src" / "claimgraph"


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def imported_top_level_modules() -> dict[str, str]:
    """module -> the first file importing it, for absolute imports of modules outside the standard library."""
    found: dict[str, str] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        if "site_engine" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "claimgraph":
                    found.setdefault(top, str(path.relative_to(PROJECT)))
    return found


def test_every_imported_package_is_declared():
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_name(r) for r in project["dependencies"]}
    optional = {_name(r) for extra in project["optional-dependencies"].values() for r in extra}
    distributions = packages_distributions()
    missing = []
    for module, where in imported_top_level_modules().items():
        names = {d.lower().replace("_", "-") for d in distributions.get(module, [])}
        if not names & (declared | optional):
            missing.append(f"{module} (imported in {where}; installed by {sorted(names) or 'nothing'})")
    assert not missing, "declare in pyproject.toml: " + "; ".join(missing)
