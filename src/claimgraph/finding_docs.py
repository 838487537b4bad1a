"""The generated parts of docs/findings.md. The findings table, from its two sources of truth: the Python
catalogue (:data:`claimgraph.findings.CODES`) and the ``cg:findingCode`` annotations of
``ontology/shapes.ttl``. The JSON output: an example rendered by the JSON report itself (so its keys come in
the order the report writes them), the meaning of each field, and the facts each code's findings carry
(:data:`FACTS`). ``python -m claimgraph.finding_docs`` rewrites both in place; tests fail when the committed
page lags behind, or when the facts a check gives differ from those listed here.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from .findings import BUILT_IN_CODES, CODES, CodeInfo, Severity

BEGIN, END = "<!-- findings-table:begin -->", "<!-- findings-table:end -->"
JSON_BEGIN, JSON_END = "<!-- json-output:begin -->", "<!-- json-output:end -->"
FACTS_BEGIN, FACTS_END = "<!-- finding-facts:begin -->", "<!-- finding-facts:end -->"
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


def markdown_text(text: str) -> str:
    """``text`` as a Markdown table cell shows it, read as Markdown on GitHub and by the site alike: ``|`` would
    end the cell, and ``<`` ``>`` ``&`` outside code spans would be read as HTML (``<source/KEY>`` in a shape's
    message became an unclosed element, and the words it stood for vanished from the page). Inside a code span
    they are shown as they are, so they are left alone there."""
    parts = text.split("`")
    for index in range(0, len(parts), 2):  # the even parts lie outside code spans
        parts[index] = parts[index].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "`".join(parts).replace("|", "\\|")


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
        entries.setdefault(code, ("shape", severity, message))
    for code in sorted(entries):
        name, severity, text = entries[code]
        rows.append(f'| <a id="{code.lower()}"></a>`{code}` | {name} | {severity} | {markdown_text(text)} |')
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


#: What each field of a finding in the JSON report means, in the order the report writes them
#: (:meth:`claimgraph.findings.Finding.as_dict`; a test keeps the two in step).
FIELDS: tuple[tuple[str, str], ...] = (
    ("file", "path relative to the registry root, or `null` for findings about the registry as a whole"),
    (
        "line",
        "1-based line in `file` (the line naming the offending property when it can be found, else the line "
        "where the subject starts), or `null`",
    ),
    ("code", "the stable finding code (table above)"),
    ("severity", "`error`, `warning` or `info`"),
    ("message", "what is wrong, in one sentence"),
    ("subject", "IRI of the claim, step, measurand or source concerned, or `null`"),
    ("hint", "what to do about it, or `null`"),
    (
        "related",
        "IRIs of the other nodes involved, never the `subject` itself (the other claims of a conflict, the "
        "other measurand of a look-alike pair, weak claims under a step, the source of a key not in the "
        "bibliography)",
    ),
    (
        "facts",
        "the numbers behind the message, as data, for a report or a verdict to show without reading the "
        "message: the keys of each code that has them are [below](#facts); `{}` for every other code",
    ),
    ("doc", "link to this page's entry for the code"),
    ("name", "the code's short name, or `null` for SHACL codes"),
)

_CLAIMED = ("claimed", "the claim's value", True)
_CLAIMED_UNIT = ("claimed_unit", "the claim's unit (its QUDT local name, `GigaW-HR`)", True)
_STATED = (
    ("stated", "the value the source's quote gives as data (`cg:value` on the quote)", True),
    ("stated_unit", "its unit", True),
    ("stated_by", "`primary` or `cited`: the quote of the primary or of the cited source", True),
)

#: The facts (:attr:`claimgraph.findings.Finding.facts`, the JSON report's ``facts``) each code's findings
#: carry, as (key, meaning, whether every finding of the code has it), in the order they are written. Every
#: other built-in code carries none. tests/test_finding_facts.py runs `check` on registries that raise each
#: code and compares the keys of their findings with these.
FACTS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "CG320": (
        ("claimed", "the claim's value, when it is one value", False),
        ("claimed_lower", "the lower bound of a claim's range (in place of `claimed`)", False),
        ("claimed_upper", "the upper bound of a claim's range (in place of `claimed`)", False),
        _CLAIMED_UNIT,
        (
            "read",
            "the figures the quote gives for the claim's quantity, as `[value, unit]` pairs, the unit as the quote "
            "writes it (`null` for a bare number: the claim's unit is never put on it); not an interval's level "
            "(`95% CI`) nor a rate's denominator (`per 100,000`); outside brackets before inside (a spread: "
            "`14.3 (3.2)`); for a claim in a unit, those in a unit of its dimension before bare ones, for a pure "
            "number bare ones before percents",
            True,
        ),
        (
            "read_also",
            "for each figure of `read`, in its order, its other reading where its words read two ways, as the "
            "message's `(or …)` gives it (`13.7 billion`: `1.37e13` on the long scale, `13700000000` on the "
            "short; `1,287`: 1287 or 1.287), in the same unit; `null` where they read one way",
            True,
        ),
        (
            "read_other",
            "the numbers the message lists that are no figure for the claim's quantity, as `[value, unit]` pairs: "
            "those in a unit of another dimension than the claim's, its QUDT local name (`[62, "
            '"GM-PER-TONNE-KiloM"]` for `62 g CO2/tkm` against a claim in g; the message marks them `(another '
            'dimension)`), and those whose unit is not read, `"not read"` (`90 g CO2 per room-night`; the '
            "message says `(unit not read)`)",
            True,
        ),
        ("locator", "where in the source the quote is (`p. 4, Table 2`), or `null`", True),
    ),
    "CG321": (_CLAIMED, _CLAIMED_UNIT, *_STATED),
    "CG340": (
        ("measurand", "IRI of the measurand the claims disagree on", True),
        ("low", "the lowest value the claims in conflict state, in `unit`", True),
        ("high", "the highest value the claims in conflict state, in `unit`", True),
        ("unit", "the unit the message names (a QUDT local name)", True),
        (
            "low_written",
            "`low` as printed: as a claim writes its number when it is in that unit (`1.30`)",
            True,
        ),
        ("high_written", "`high` as printed", True),
        (
            "low_edge",
            "the lower end of the rounding or declared tolerance of the claims in conflict, which sets them apart",
            True,
        ),
        ("high_edge", "the upper end of the same", True),
    ),
    "CG350": (
        ("formula", "the formula's local name (`compoundGrowth`)", True),
        ("claimed", "the claim's value", True),
        ("recomputed", "the value recomputed from the operands", True),
        (
            "interval",
            "`[low, high]`: what the operands give within their rounding or tolerance, which the claimed value "
            "lies outside",
            True,
        ),
        ("unit", "the claim's unit (a QUDT local name)", True),
        ("operands", "the operands, as `[value, unit]` pairs (`unit` `null` for a plain number)", True),
    ),
    "CG370": (_CLAIMED, _CLAIMED_UNIT, *_STATED),
}


def json_section() -> str:
    """The JSON output's example and the meaning of its fields, as docs/findings.md shows them."""
    from types import SimpleNamespace

    from . import __version__
    from .findings import Finding
    from .reports.json_report import render

    example = Finding(
        "claims/energy.ttl",
        48,
        "CG301",
        CODES["CG301"].severity,
        "cg:cites names source key 'Roe2202', which is not in the bibliography",
        "https://example.org/registry/valid/claim/smaller-models",
        "did you mean `Roe2022`?",
        ("https://example.org/registry/valid/source/Roe2202",),
    )
    lines = [
        "`claimgraph check --format json` prints one object, stable across releases with the",
        "same `schema_version`:",
        "",
        "```json",
        render([example], SimpleNamespace(version=__version__)).rstrip("\n"),
        "```",
        "",
        "| field | meaning |",
        "|---|---|",
        *(f"| `{name}` | {meaning} |" for name, meaning in FIELDS),
    ]
    return "\n".join(lines)


def facts_section() -> str:
    """The facts of each code (:data:`FACTS`), as docs/findings.md shows them."""
    lines = [
        "### Facts",
        "",
        "The facts of each code that has them (a check plug-in's codes: as its documentation says). A key",
        "marked *some* is in some of the code's findings only.",
        "",
        "| code | fact | meaning |",
        "|---|---|---|",
    ]
    for code, facts in FACTS.items():
        for key, meaning, always in facts:
            lines.append(f"| [`{code}`](#{code.lower()}) | `{key}` | {meaning}{'' if always else ' (*some*)'} |")
    return "\n".join(lines)


def update(path: Path) -> bool:
    """Rewrite the generated parts of ``path`` (the table, the JSON output, the facts); True if it changed."""
    text = path.read_text(encoding="utf-8")
    new = text
    for begin, end, generated in (
        (BEGIN, END, table()),
        (JSON_BEGIN, JSON_END, json_section()),
        (FACTS_BEGIN, FACTS_END, facts_section()),
    ):
        head, _, rest = new.partition(begin)
        _, _, tail = rest.partition(end)
        new = f"{head}{begin}\n{generated}\n{end}{tail}"
    if new != text:
        path.write_text(new, encoding="utf-8")
        return True
    return False


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/findings.md")
    print(("updated " if update(target) else "unchanged ") + str(target))
