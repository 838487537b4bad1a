"""GitHub Actions workflow commands: one ``::error file=…,line=…::message`` per finding."""

from __future__ import annotations

from ..findings import Finding, Severity
from . import one_line, unfiled_subject

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A property value (``file=``, ``title=``) escaped by GitHub's rules on the raw text, so the runner
    gives back the very name (a newline in a file name is %0A, which it decodes, not a literal ``\n``);
    the other controls, which those rules leave alone, are then written visibly (no raw ESC in the log)."""
    return one_line(_escape_data(text).replace(":", "%3A").replace(",", "%2C"))


def render(findings: list[Finding], context) -> str:
    out = []
    for f in findings:
        props = []
        if f.file:
            props.append(f"file={_escape_property(context.path(f.file))}")
        if f.line:
            props.append(f"line={f.line}")
        props.append(f"title={_escape_property(f.code)}")
        subject = unfiled_subject(f)  # (a remote check's finding: named by the IRI it is about)
        message = one_line(
            (f"<{subject}>: " if subject else "") + f.message + (f" ({f.hint})" if f.hint else "")
        )  # no raw ESC in the CI log
        out.append(f"::{_LEVEL[f.severity]} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(out) + ("\n" if out else "")
