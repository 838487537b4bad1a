"""JUnit XML: one test case per checked file, one failure per finding (as CI reporters expect)."""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from ..findings import Finding, Severity


def render(findings: list[Finding], context) -> str:
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_file[f.file or "(registry)"].append(f)
    files = sorted(set(context.checked_files) | set(by_file))
    failures = sum(1 for f in findings if f.severity >= Severity.WARNING)
    suites = ET.Element("testsuites", name="claimgraph check", tests=str(len(files)), failures=str(failures))
    suite = ET.SubElement(suites, "testsuite", name="claimgraph", tests=str(len(files)), failures=str(failures),
                          errors="0", skipped="0")
    for name in files:
        case = ET.SubElement(suite, "testcase", classname="claimgraph.check", name=name, file=name)
        infos = []
        for f in by_file.get(name, []):
            text = f"{name}:{f.line or ''}: {f.code}: {f.message}" + (f"\nhint: {f.hint}" if f.hint else "")
            if f.severity >= Severity.WARNING:
                failure = ET.SubElement(case, "failure", type=f.code, message=f"{f.severity.label}: {f.message}")
                failure.text = text
            else:
                infos.append(text)
        if infos:
            ET.SubElement(case, "system-out").text = "\n".join(infos)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
