"""JUnit XML: one test case per checked file, failing when that file has a finding at or above
``--fail-level``, so the report fails exactly when ``claimgraph check`` does.

A failing case holds one ``<failure>`` (the JUnit schema allows one; most reporters show only the first)
whose text lists the file's findings at or above the fail level; every finding of the file, of any
severity, is listed in the case's ``<system-out>``, so warnings below the fail level are seen without
failing anything. Cases are named by the file's path from the repository root, which GitLab and GitHub
reporters show. Text from the data is made printable first: XML 1.0 cannot hold most control
characters at all.

The dialect is the one Jenkins' xunit plug-in validates its input against (``junit-10.xsd``), as pytest's
``xunit2`` family writes it: a ``<testcase>`` has ``name`` and ``classname``, and no ``file`` or ``line``
attribute, which that schema refuses (the whole report with it). The path is in ``name`` already; GitLab,
which reads ``file`` for a link to the file, shows it as the case's name.
"""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from ..findings import Finding, Severity
from . import location, one_line, unfiled_subject

NO_FILE = "(registry)"


def render(findings: list[Finding], context) -> str:
    fail_level = getattr(context, "fail_level", Severity.ERROR)
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_file[one_line(context.path(f.file)) or NO_FILE].append(f)
    files = sorted({one_line(context.path(name)) for name in context.checked_files} | set(by_file))
    failing_files = [name for name in files if any(f.severity >= fail_level for f in by_file.get(name, []))]
    suites = ET.Element("testsuites", name="claimgraph check", tests=str(len(files)), failures=str(len(failing_files)))
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="claimgraph",
        tests=str(len(files)),
        failures=str(len(failing_files)),
        errors="0",
        skipped="0",
    )
    for name in files:
        found = sorted(by_file.get(name, []), key=lambda f: (-f.severity, f.line or 0, f.code))
        case = ET.SubElement(suite, "testcase", classname="claimgraph check", name=name)
        failing = [f for f in found if f.severity >= fail_level]
        if failing:
            first = failing[0]
            subject = unfiled_subject(first)
            counted = f"{len(failing)} finding{'s' if len(failing) != 1 else ''} at or above {fail_level.label}"
            failure = ET.SubElement(
                case,
                "failure",
                type=first.code,
                message=f"{counted}; first: {first.code} "
                + (f"<{one_line(subject)}>: " if subject else "")
                + one_line(first.message),
            )
            failure.text = "\n".join(_text(name, f) for f in failing)
        if found:
            ET.SubElement(case, "system-out").text = "\n".join(_text(name, f) for f in found)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _text(file: str, f: Finding) -> str:
    subject = unfiled_subject(f)  # (a remote check's finding: named by the IRI it is about)
    where = f"<{one_line(subject)}>" if subject else location(file, f.line)
    return f"{where}: {f.code} {f.severity.label}: {one_line(f.message)}" + (
        f"\n    hint: {one_line(f.hint)}" if f.hint else ""
    )
