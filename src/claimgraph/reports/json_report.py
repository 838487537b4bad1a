"""The documented JSON report (docs/findings.md#json-output): a stable object, one list."""

from __future__ import annotations

from ..findings import Finding
from . import json_showable

SCHEMA_VERSION = 1


def render(findings: list[Finding], context) -> str:
    document = {
        "tool": "claimgraph",
        "version": context.version,
        "schema_version": SCHEMA_VERSION,
        "findings": [f.as_dict() for f in findings],
    }
    if getattr(context, "not_run", None) is not None:
        document["not_run"] = list(context.not_run)  # check --endpoint: the families left out there
    # controls, bidi characters and a name's bytes that are not UTF-8 as JSON escapes: the same strings
    return json_showable(document) + "\n"
