"""SARIF 2.1.0, for code-scanning dashboards. Rules are the finding codes.

Artifact URIs are relative to the repository root (``SRCROOT``, whose location the consumer supplies),
as GitHub code scanning and the SARIF tools resolve them; nothing names a folder of the checking machine.
"""

from __future__ import annotations

import os
import re
from urllib.parse import quote

from ..findings import CODES, Finding, Severity, doc_url
from . import json_showable, one_line, unfiled_subject

#: what Python makes of a file name's bytes that are not UTF-8 (PEP 383)
_NOT_UTF8_NAME = re.compile("[\udc80-\udcff]")
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render(findings: list[Finding], context) -> str:
    codes = sorted({f.code for f in findings})
    rule_index = {code: i for i, code in enumerate(codes)}
    rules = []
    for code in codes:
        info = CODES.get(code)
        rule = {"id": code, "helpUri": doc_url(code)}
        if info:
            rule["name"] = info.name
            rule["shortDescription"] = {"text": info.summary}
        else:
            rule["shortDescription"] = {"text": f"SHACL constraint {code}"}
        rules.append(rule)
    results = []
    for f in findings:
        subject = unfiled_subject(f)
        # a finding on no file (a remote check's) is placed by its subject: in the text, which every viewer
        # shows, and as a logical location
        text = (f"<{one_line(subject)}>: " if subject else "") + f.message + (f" Hint: {f.hint}" if f.hint else "")
        result = {
            "ruleId": f.code,
            "ruleIndex": rule_index[f.code],
            "level": _LEVEL[f.severity],
            "message": {"text": text},
        }
        if subject:
            # (viewers show the name as text: a bidi override in an IRI is shown escaped, \u202e, as in the text report)
            result["locations"] = [
                {"logicalLocations": [{"fullyQualifiedName": one_line(subject), "kind": "resource"}]}
            ]
        if f.file:
            region = {"startLine": f.line} if f.line else None
            # a registry file whose name is not UTF-8 by its bytes, percent-encoded as the file system holds them
            # (%E9); a --path-prefix that is not UTF-8 is still refused, naming it, by the UTF-8 quoting
            path = context.path(f.file)
            uri = quote(os.fsencode(path)) if _NOT_UTF8_NAME.search(f.file) else quote(path)
            physical = {"artifactLocation": {"uri": uri, "uriBaseId": "SRCROOT"}}
            if region:
                physical["region"] = region
            location = {"physicalLocation": physical}
            if f.subject and not f.subject.startswith("_:"):
                location["logicalLocations"] = [{"fullyQualifiedName": one_line(f.subject), "kind": "resource"}]
            result["locations"] = [location]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "claimgraph",
                        "version": context.version,
                        "informationUri": "https://w3id.org/claimgraph",
                        "rules": rules,
                    }
                },
                # no uri: the base is the checkout wherever it is (code scanning resolves file paths against the
                # repository root); an absolute file: URI would name a folder of the machine that ran the check
                "originalUriBaseIds": {
                    "SRCROOT": {
                        "description": {
                            "text": "The root of the repository holding the registry (the registry's own folder when it "
                            "is in no git work tree, or the folder --path-prefix was given for)."
                        }
                    }
                },
                "results": results,
            }
        ],
    }
    return json_showable(log) + "\n"
