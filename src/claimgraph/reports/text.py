"""``path:line: CODE severity: message`` lines for people, then a one-line summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from ..findings import Finding, Severity
from . import location, one_line

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_RESET = "\033[0m"


def _unfiled(f: Finding, context) -> str:
    """Where a finding without a file is: a remote check without the registry's files (``check --endpoint``)
    names the subject; anything else is about the registry as a whole."""
    if getattr(context, "not_run", None) is not None and f.subject and not f.subject.startswith("_:"):
        return f"<{one_line(f.subject)}>"
    return "(registry)"


#: Messages ending in another place of the registry's files (``file:line``), by code, with the words before
#: it (after ``<subject>``): the place is relative to the registry, as the finding's file is
_OTHER_PLACE_AFTER = {"CG104": " is already defined in "}


def message_places_rebased(f: Finding, path: Callable[[str], str | None]) -> Finding:
    """``f`` with the other place its message names written by ``path``, as the report writes the finding's
    own file (``evidence/claims/c1.ttl:29`` beside ``file=evidence/claims/c2.ttl``); ``f`` itself when its
    message names no other place."""
    words = _OTHER_PLACE_AFTER.get(f.code)
    if words is None or not f.subject:
        return f
    lead = f"<{f.subject}>{words}"
    if not f.message.startswith(lead) or len(f.message) == len(lead):
        return f
    return replace(f, message=lead + (path(f.message[len(lead) :]) or ""))


def finding_line(where: str, f: Finding, label: str | None = None) -> str:
    """``where: CODE severity: message``, the line every command prints for a finding (``label``: the
    severity as shown, coloured or not)."""
    return f"{where}: {f.code} {label or f.severity.label}: {one_line(f.message)}"


def render(findings: list[Finding], context) -> str:
    lines = []
    for f in findings:
        # data quoted in a message must neither drive the terminal nor forge a line of its own
        file = one_line(context.path(f.file)) or _unfiled(f, context)
        where = location(file, f.line)
        label = f.severity.label
        if context.color:
            label = f"{_COLORS[f.severity]}{label}{_RESET}"
        lines.append(finding_line(where, f, label))
        if f.hint:
            lines.append(f"    hint: {one_line(f.hint)}")
        if f.subject and not f.subject.startswith("_:"):
            lines.append(f"    subject: <{one_line(f.subject)}>")
    counts = Counter(f.severity for f in findings)
    summary = ", ".join(
        f"{counts[s]} {s.label}{'s' if counts[s] != 1 else ''}"
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )
    hidden = getattr(context, "below_min_level", 0)
    # a report trimmed by --min-level says so: "0 findings" alone reads as a clean registry
    below = f"; {hidden} below --min-level not shown" if hidden else ""
    lines.append(f"{len(findings)} finding{'s' if len(findings) != 1 else ''} ({summary}){below}")
    return "\n".join(lines) + "\n"
