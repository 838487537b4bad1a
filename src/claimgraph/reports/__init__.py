"""Renderers of a findings list. None computes anything: each is a view of the same list.

``render(name, findings, registry_root)`` returns the text to print.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from ..findings import Finding

#: format name -> module under claimgraph.reports exposing ``render(findings, context) -> str``
FORMATS = {
    "text": "text",
    "json": "json_report",
    "github": "github",
    "sarif": "sarif",
    "junit": "junit",
}


class ReportContext:
    """What a renderer may need besides the findings: where the registry is, the tool version."""

    def __init__(self, root: Path, color: bool = False, checked_files: list[str] | None = None):
        self.root = root
        self.color = color
        self.checked_files = checked_files or []

    @property
    def version(self) -> str:
        # asked for by the JSON and SARIF reports only: reading package metadata costs 35 ms
        from .. import __version__

        return __version__


def render(name: str, findings: list[Finding], context: ReportContext) -> str:
    return import_module(f"{__name__}.{FORMATS[name]}").render(findings, context)
