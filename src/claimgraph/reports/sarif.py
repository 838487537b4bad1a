"""SARIF 2.1.0, for code-scanning dashboards. Rules are the finding codes."""

from __future__ import annotations

import json

from ..findings import CODES, Finding, Severity

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render(findings: list[Finding], context) -> str:
    codes = sorted({f.code for f in findings})
    rule_index = {code: i for i, code in enumerate(codes)}
    rules = []
    for code in codes:
        info = CODES.get(code)
        rule = {"id": code, "helpUri": f"https://w3id.org/claimgraph/docs/findings#{code.lower()}"}
        if info:
            rule["name"] = info.name
            rule["shortDescription"] = {"text": info.summary}
        else:
            rule["shortDescription"] = {"text": f"SHACL constraint {code}"}
        rules.append(rule)
    results = []
    for f in findings:
        result = {
            "ruleId": f.code,
            "ruleIndex": rule_index[f.code],
            "level": _LEVEL[f.severity],
            "message": {"text": f.message + (f" Hint: {f.hint}" if f.hint else "")},
        }
        if f.file:
            region = {"startLine": f.line} if f.line else None
            physical = {"artifactLocation": {"uri": f.file, "uriBaseId": "REGISTRYROOT"}}
            if region:
                physical["region"] = region
            location = {"physicalLocation": physical}
            if f.subject and not f.subject.startswith("_:"):
                location["logicalLocations"] = [{"fullyQualifiedName": f.subject, "kind": "resource"}]
            result["locations"] = [location]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "claimgraph", "version": context.version,
                                "informationUri": "https://w3id.org/claimgraph", "rules": rules}},
            "originalUriBaseIds": {"REGISTRYROOT": {"uri": context.root.resolve().as_uri() + "/"}},
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
