"""The documented JSON report (docs/findings.md#json-output): a stable object, one list."""

from __future__ import annotations

import json

from ..findings import Finding

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
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
