"""JUnit XML: one failing test case per error or warning, one passing test case per file without any.

Each test case holds at most one ``<failure>``, as the JUnit schema has it: CI reporters that read
only a case's first failure (most of them) show every finding. A failing case is named after its
file, line and code, with the file as ``classname`` so reporters group the cases by file; infos
are not failures and go to the suite's ``system-out``. Text from the data is made printable
first: XML 1.0 cannot hold most control characters at all.
"""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from ..findings import Finding, Severity
from . import one_line


def render(findings: list[Finding], context) -> str:
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_file[one_line(f.file) or "(registry)"].append(f)
    files = sorted({one_line(name) for name in context.checked_files} | set(by_file))
    cases, infos = [], []
    for name in files:
        failing = [f for f in by_file.get(name, []) if f.severity >= Severity.WARNING]
        infos.extend(_text(name, f) for f in by_file.get(name, []) if f.severity < Severity.WARNING)
        if not failing:
            cases.append((name, f"{name}: no error or warning", None))
        for f in failing:
            where = f"{name}:{f.line}" if f.line else name
            cases.append((name, f"{where} {f.code}", f))
    failures = sum(1 for _file, _name, f in cases if f is not None)
    suites = ET.Element("testsuites", name="claimgraph check", tests=str(len(cases)), failures=str(failures))
    suite = ET.SubElement(suites, "testsuite", name="claimgraph", tests=str(len(cases)), failures=str(failures),
                          errors="0", skipped="0")
    for file, name, f in cases:
        case = ET.SubElement(suite, "testcase", classname=file, name=name, file=file)
        if f is None:
            continue
        if f.line:
            case.set("line", str(f.line))
        failure = ET.SubElement(case, "failure", type=f.code, message=f"{f.severity.label}: {one_line(f.message)}")
        failure.text = _text(file, f)
    if infos:
        ET.SubElement(suite, "system-out").text = "\n".join(infos)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _text(file: str, f: Finding) -> str:
    return f"{file}:{f.line or ''}: {f.code}: {one_line(f.message)}" + (f"\nhint: {one_line(f.hint)}" if f.hint else "")
