"""SARIF 2.1.0, for code-scanning dashboards. Rules are the finding codes.

Artifact URIs are relative to the repository root (``SRCROOT``, whose location the consumer supplies),
as GitHub code scanning and the SARIF tools resolve them; nothing names a folder of the checking machine.
Every result has one (a finding on no file is placed at the registry's claimgraph.toml), as code scanning
refuses a log with a result that has none. Each rule is described by what its code means, as
docs/findings.md says it.
"""

from __future__ import annotations

import os
import re
from urllib.parse import quote

from ..findings import CODES, Finding, Severity, doc_url
from . import REGISTRY_FILE, json_showable, one_line, unfiled_subject

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
        # what the code means, as docs/findings.md and the site's codes page say it (a shape's message for the
        # SHACL codes); code scanning titles its alerts with it. A code of the registry's own shapes: its message.
        meaning = info.summary if info else getattr(context, "meanings", {}).get(code)
        rule["shortDescription"] = {"text": meaning or next(one_line(f.message) for f in findings if f.code == code)}
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
            "locations": [_location(f, context)],
        }
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


def _location(f: Finding, context) -> dict:
    """Where ``f`` is: its file and line, and its subject as a logical location. GitHub code scanning refuses a
    whole log in which one result has no file ("expected at least one location", "expected artifact location"): a
    finding on no file (about the registry as a whole, CG118; a remote check's without --registry) is placed at
    the registry's claimgraph.toml, with no line; a remote check's keeps its subject as the logical location."""
    file = f.file or REGISTRY_FILE
    # a registry file whose name is not UTF-8 by its bytes, percent-encoded as the file system holds them
    # (%E9); a --path-prefix that is not UTF-8 is still refused, naming it, by the UTF-8 quoting
    path = context.path(file)
    uri = quote(os.fsencode(path)) if _NOT_UTF8_NAME.search(file) else quote(path)
    physical: dict = {"artifactLocation": {"uri": uri, "uriBaseId": "SRCROOT"}}
    if f.file and f.line:
        physical["region"] = {"startLine": f.line}
    location: dict = {"physicalLocation": physical}
    if f.subject and not f.subject.startswith("_:"):
        # (viewers show the name as text: a bidi override in an IRI is shown escaped, \u202e, as in the text report)
        location["logicalLocations"] = [{"fullyQualifiedName": one_line(f.subject), "kind": "resource"}]
    return location
