"""Check families as plug-ins: modules registered in the ``claimgraph.checks`` entry point group.

A family is a module. Its entry point's name names the family; its value is the module's import
path (``myteam_checks.house_rules``). The module provides:

* ``check(registry)``: a function taking the loaded :class:`claimgraph.registry.Registry` and
  returning (or yielding) :class:`claimgraph.findings.Finding` records, usually made with
  ``registry.finding(code, message, subject=...)`` so that each carries a file and line;
* ``CODES`` (optional): a mapping from each finding code the family produces to its
  :class:`claimgraph.findings.CodeInfo`. These are merged into the known codes before the family
  runs, so reports name them and give their severity. Codes beginning with CG are claimgraph's,
  and a code another plug-in already declares is refused.

claimgraph's own families are declared the same way, in its pyproject.toml. Built-in families run
first, in claimgraph's order, then plug-ins by name; the findings of all are sorted afterwards, so
the order never shows in a report. A plug-in that cannot be imported, breaks the contract or
raises while checking becomes one CG125 finding naming it and its package (its other findings are
kept); the run goes on. A built-in family that raises is a bug in claimgraph and is not hidden.

See docs/plugins.md for a walk-through and ``examples/plugin-check/`` for a working plug-in.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING, cast

from .findings import BUILT_IN_CODES, CODES, CodeInfo, Finding, Severity

if TYPE_CHECKING:
    from .registry import Registry

GROUP = "claimgraph.checks"
#: The distribution whose entry points are the built-in families.
OWN_PACKAGE = "claimgraph"
FAILURE_CODE = "CG125"

CheckFunction = Callable[["Registry"], Iterable[Finding]]


@dataclass(frozen=True)
class CheckFamily:
    """One family of checks as found in the entry point group, loaded or not."""

    name: str
    module: str
    package: str
    version: str
    check: CheckFunction | None = field(default=None, compare=False)
    codes: Mapping[str, CodeInfo] = field(default_factory=dict, compare=False)
    #: Why the family cannot run (import failed, contract broken); None when it can.
    problem: str | None = None

    @property
    def built_in(self) -> bool:
        return self.package == OWN_PACKAGE

    @property
    def label(self) -> str:
        return f"check plug-in {self.name!r} ({self.module}, from {self.package} {self.version})"


@dataclass(frozen=True)
class _Declared:
    name: str
    module: str
    package: str
    version: str


@dataclass(frozen=True)
class _Metadata:
    """An installed distribution's metadata folder that declares entry points of the group."""

    folder: str
    entry_points: bytes


def _metadata_folders() -> list[_Metadata]:
    """The metadata folders (``*.dist-info``, ``*.egg-info``) on ``sys.path`` whose entry_points.txt
    names the group, in the order the import system would find them; the first of a distribution
    found twice wins, as for importlib.metadata. Read from the files directly: importlib.metadata
    parses every installed package's metadata, about 15 times the cost of this."""
    marker = f"[{GROUP}]".encode()
    found: list[_Metadata] = []
    seen: set[str] = set()
    for entry in sys.path:
        base = entry or "."
        try:
            names = sorted(os.listdir(base))
        except OSError:
            continue  # not a folder (a zip file) or gone
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            folder = os.path.join(base, name)
            try:
                with open(os.path.join(folder, "entry_points.txt"), "rb") as handle:
                    points = handle.read()
            except OSError:
                continue
            distribution = _normalised(name.rsplit(".", 1)[0].split("-", 1)[0])
            if marker in points and distribution not in seen:
                seen.add(distribution)
                found.append(_Metadata(folder, points))
    return found


def _declared() -> list[_Declared]:
    import configparser

    found = []
    for meta in _metadata_folders():
        package, version = _name_and_version(meta.folder)
        points = configparser.ConfigParser(delimiters=("=",), interpolation=None)
        points.optionxform = str  # type: ignore[assignment,method-assign]  # entry point names keep their case
        try:
            points.read_string(meta.entry_points.decode("utf-8"))
        except (configparser.Error, UnicodeDecodeError):
            continue  # importlib.metadata could not read it either: no entry points
        for name, value in points.items(GROUP):
            found.append(_Declared(name, value, package, version))
    return found


def _name_and_version(folder: str) -> tuple[str, str]:
    fields = {"name": os.path.basename(folder).split("-", 1)[0], "version": "?"}
    for file_name in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(folder, file_name), encoding="utf-8", errors="replace") as handle:
                for line in handle:
                    if not line.strip():
                        break  # the headers end at the first blank line
                    key, _, value = line.partition(":")
                    if key.lower() in fields:
                        fields[key.lower()] = value.strip()
            break
        except OSError:
            continue
    return _normalised(fields["name"]), fields["version"]


def declared_plugins() -> list[tuple[str, str]]:
    """(name, package) of every installed plug-in, by name, without importing any."""
    return sorted((d.name, d.package) for d in _declared() if d.package != OWN_PACKAGE)


def _normalised(package: str) -> str:
    return package.lower().replace("_", "-").replace(".", "-")


def discover(built_in: Sequence[str]) -> list[CheckFamily]:
    """Every family of the entry point group, imported, in the order they run.

    ``built_in`` names claimgraph's own families in their order. Where claimgraph's installed
    metadata lacks one of them (a source tree put on ``sys.path`` without installing, or an
    install older than the entry points), it is taken from ``claimgraph.checks`` all the same,
    so a stale install never drops checks silently."""
    declared = _declared()
    own = {d.name: d for d in declared if d.package == OWN_PACKAGE}
    families = [_load(own.get(name) or _undeclared_built_in(name)) for name in built_in]
    plugins = sorted((d for d in declared if d.package != OWN_PACKAGE), key=lambda d: (d.name, d.package))
    taken = {code for family in families for code in family.codes}
    for item in plugins:
        if item.name in built_in:
            families.append(_broken(item, "is named like a built-in family: give its entry point another name"))
            continue
        family = _load(item, taken)
        taken.update(family.codes)
        families.append(family)
    for family in families:
        CODES.update({code: info for code, info in family.codes.items() if code not in CODES})
    return families


def _undeclared_built_in(name: str) -> _Declared:
    # the version is looked up only here: importlib.metadata is a tenth of a check's imports
    from . import __version__

    return _Declared(name, f"claimgraph.checks.{name}", OWN_PACKAGE, __version__)


def _broken(item: _Declared, problem: str) -> CheckFamily:
    return CheckFamily(item.name, item.module, item.package, item.version, problem=problem)


def _load(item: _Declared, taken: set[str] | None = None) -> CheckFamily:
    module_name, _, attribute = item.module.partition(":")
    try:
        module = import_module(module_name.strip())
        if attribute:  # an entry point may name an object in the module; the family is that object
            for part in attribute.strip().split("."):
                module = getattr(module, part)
    except Exception as exc:  # a plug-in's import may fail in any way: report it, never crash
        if item.package == OWN_PACKAGE:
            raise
        return _broken(item, f"could not be imported: {_one_line(exc)}")
    check = getattr(module, "check", None)
    if not callable(check):
        return _broken(item, "has no function check(registry)")
    codes = getattr(module, "CODES", {})
    if item.package == OWN_PACKAGE:
        return CheckFamily(item.name, item.module, item.package, item.version, cast(CheckFunction, check))
    problem = _codes_problem(codes, taken if taken is not None else set())
    if problem:
        return _broken(item, problem)
    return CheckFamily(item.name, item.module, item.package, item.version, cast(CheckFunction, check), dict(codes))


def _codes_problem(codes: object, taken: set[str]) -> str | None:
    if not isinstance(codes, Mapping):
        return "has a CODES that is not a mapping from finding codes to claimgraph.findings.CodeInfo"
    for code, info in codes.items():
        if not isinstance(info, CodeInfo) or info.code != code:
            return f"has a CODES[{code!r}] that is not a claimgraph.findings.CodeInfo with that code"
        field_problem = _code_info_problem(info)
        if field_problem:
            return f"has a CODES[{code!r}] whose {field_problem}"
        if code in BUILT_IN_CODES or code.upper().startswith("CG"):
            # the shapes' CG2xx codes are not in CODES, and a later claimgraph may take any other CG code
            return f"declares {code} in CODES, but CG codes are claimgraph's: choose a prefix of your own"
        if code in taken:
            return f"declares {code} in CODES, which another plug-in already declares"
    return None


def _code_info_problem(info: CodeInfo) -> str | None:
    """What is wrong with a CodeInfo's fields: a dataclass does not check its types, and a string
    severity would only fail when a report renders it (with a traceback)."""
    if not isinstance(info.name, str) or not info.name:
        return f"name {info.name!r} is not a non-empty string"
    if not isinstance(info.severity, Severity):
        return (
            f"severity {info.severity!r} is not a claimgraph.findings.Severity "
            "(Severity.ERROR, Severity.WARNING or Severity.INFO)"
        )
    if not isinstance(info.summary, str):
        return f"summary {info.summary!r} is not a string"
    if info.doc is not None and not isinstance(info.doc, str):
        return f"doc {info.doc!r} is not a string or None"
    return None


def run_family(family: CheckFamily, registry: Registry) -> Iterator[Finding]:
    """The family's findings; for a plug-in that cannot run or fails, one CG125 finding besides."""
    if family.problem is not None or family.check is None:
        yield failure(family, family.problem or "has no function check(registry)")
        return
    if family.built_in:
        yield from family.check(registry)
        return
    undeclared: set[str] = set()
    try:
        for item in family.check(registry):
            if not isinstance(item, Finding):
                yield failure(family, f"yielded {type(item).__name__}, not a claimgraph.findings.Finding")
                return
            if item.code not in CODES and item.code not in undeclared:
                undeclared.add(item.code)
                yield failure(family, f"produced code {item.code!r}, which its CODES does not declare")
            yield item
    except Exception as exc:  # the plug-in's own bug: say whose it is and keep going
        yield failure(family, f"stopped with {_one_line(exc)}; findings it had yet to report are missing")


def failure(family: CheckFamily, problem: str) -> Finding:
    return Finding(
        None,
        None,
        FAILURE_CODE,
        Severity.ERROR,
        f"{family.label} {problem}",
        hint=f"fix or uninstall the package {family.package} (`pip uninstall {family.package}`)",
    )


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def fingerprint() -> str:
    """What identifies the installed plug-ins, for the check cache: for every installed
    distribution declaring entry points of the group, its metadata folder, its entry points and its
    RECORD (the hash of every file it installed), so installing, upgrading or removing a plug-in
    misses the cache. A plug-in installed in editable mode changes no RECORD when its code is
    edited: check it with ``--no-cache`` while developing it."""
    digest = hashlib.sha256()
    for meta in _metadata_folders():
        digest.update(meta.folder.encode() + b"\0" + meta.entry_points + b"\0")
        try:
            with open(os.path.join(meta.folder, "RECORD"), "rb") as handle:
                digest.update(handle.read() + b"\0")
        except OSError:
            pass
    return digest.hexdigest()


def describe(families: Iterable[CheckFamily]) -> str:
    """The families as text, with their codes: what ``claimgraph check --list-checks`` prints."""
    lines = []
    for family in families:
        origin = "built in" if family.built_in else f"plug-in from {family.package} {family.version}"
        lines.append(f"{family.name} ({origin}; module {family.module})")
        if family.problem:
            lines.append(f"  cannot run: {family.problem}")
        for code, info in sorted(family.codes.items()):
            lines.append(f"  {code} {info.name} ({info.severity.label}): {info.summary}")
    return "\n".join(lines) + "\n"
