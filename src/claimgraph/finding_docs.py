"""The findings table of docs/findings.md, generated from its two sources of truth:
the Python catalogue (:data:`claimgraph.findings.CODES`) and the ``cg:findingCode``
annotations of ``ontology/shapes.ttl``. ``python -m claimgraph.finding_docs``
rewrites the table in place; a test fails when the committed page lags behind.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from .findings import BUILT_IN_CODES, CODES, CodeInfo, Severity

BEGIN, END = "<!-- findings-table:begin -->", "<!-- findings-table:end -->"
_SEVERITY = {"Violation": Severity.ERROR, "Warning": Severity.WARNING, "Info": Severity.INFO}


def shape_codes() -> dict[str, tuple[str, str]]:
    """code -> (severity label, message) from the project's shapes; a code several shapes give, as the first
    of them in the file gives it."""
    return dict(_shape_codes()[0])


@functools.lru_cache(maxsize=1)
def _shape_codes() -> tuple[dict[str, tuple[str, str]], dict[str, list[str]]]:
    """(code -> (severity label, first message), code -> every message its shapes give, in the file's order):
    the table shows them all, since a code several shapes give says a different thing for each property
    (CG253)."""
    # read with Oxigraph, which the build has loaded already (rdflib, only for this, cost a build ~0.15 s),
    # once a process (a build asks three times: the codes' page, the report's meanings, the documented codes)
    import pyoxigraph as ox

    from .registry import ONTOLOGY_DIR

    sh = "http://www.w3.org/ns/shacl#"
    wanted = {"https://w3id.org/claimgraph/ns#findingCode", sh + "severity", sh + "message"}
    values: dict[tuple[object, str], str] = {}
    coded: list[tuple[object, str]] = []  # (shape, code), in the file's order
    for triple in ox.parse(path=str(ONTOLOGY_DIR / "shapes.ttl"), format=ox.RdfFormat.TURTLE):
        predicate = triple.predicate.value
        if predicate not in wanted:
            continue
        if predicate == sh + "severity" or predicate == sh + "message":
            values.setdefault((triple.subject, predicate), triple.object.value)
        else:
            coded.append((triple.subject, triple.object.value))
    out: dict[str, tuple[str, str]] = {}
    messages: dict[str, list[str]] = {}
    for shape, code in coded:
        severity = values.get((shape, sh + "severity"))
        label = _SEVERITY[severity.rsplit("#", 1)[-1]].label if severity else "error"
        out.setdefault(code, (label, values.get((shape, sh + "message"), "")))
        message = values.get((shape, sh + "message"))
        if message and message not in messages.setdefault(code, []):
            messages[code].append(message)
    return out, messages


def _own_codes() -> dict[str, CodeInfo]:
    """claimgraph's codes, without those of check plug-ins loaded in this process (they document their own)."""
    return {code: info for code, info in CODES.items() if code in BUILT_IN_CODES}


def table() -> str:
    rows = ["| code | name | severity | what it means |", "|---|---|---|---|"]
    left_out = (
        " *Data left out: `build`, `export`, `list` and `diff` refuse the registry unless given `--allow-load-errors`.*"
    )
    entries = {
        code: (info.name, info.severity.label, info.summary + (left_out if info.leaves_data_out else ""))
        for code, info in _own_codes().items()
    }
    for code, (severity, message) in shape_codes().items():
        message = " / ".join(_shape_codes()[1].get(code) or [message])
        entries.setdefault(code, ("shape", severity, message.replace("|", "\\|")))
    for code in sorted(entries):
        name, severity, text = entries[code]
        rows.append(f'| <a id="{code.lower()}"></a>`{code}` | {name} | {severity} | {text} |')
    return "\n".join(rows)


@functools.lru_cache(maxsize=1)
def documented_codes() -> frozenset[str]:
    """The codes :func:`table` documents (the Python catalogue's and the project's shapes')."""
    return frozenset(_own_codes()) | frozenset(shape_codes())


@functools.lru_cache(maxsize=1)
def meanings() -> dict[str, str]:
    """code -> what it means, in a sentence a reader of the site understands (the table's last column)."""
    out = {code: info.summary for code, info in CODES.items()}  # a plug-in's codes too, once loaded
    for code, (_, message) in shape_codes().items():
        out.setdefault(code, message)
    return out


def update(path: Path) -> bool:
    """Rewrite the table in ``path``; True if it changed."""
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    new = f"{head}{BEGIN}\n{table()}\n{END}{tail}"
    if new != text:
        path.write_text(new, encoding="utf-8")
        return True
    return False


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/findings.md")
    print(("updated " if update(target) else "unchanged ") + str(target))
