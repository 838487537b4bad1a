"""Claim-level differences between two versions of a registry.

:func:`diff_registries` compares two loaded registries claim by claim, the way a
reviewer reads a change: which claims were added or removed, and for each claim in
both, what changed, sorted into the kinds that matter — ``value`` (number, range,
unit, tolerance, measurand), ``status`` (status and its note), ``source`` (cited
sources, their role, primary source, in-text citation, quotes), ``statement`` and
``other`` (anything else about the claim). Sources (BibTeX entries) and the other
described things (measurands, systems, argument steps) are compared too, field by field,
and so are the settings (``claimgraph.toml``), the SHACL shapes (``shapes/*.ttl``) and the
saved queries (``queries/*.rq``).

IRIs are compared relative to each registry's base, so moving a registry to a new
base IRI is not reported as every claim changing: it is reported once, as a settings
change (every published IRI changes with it).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field

import pyoxigraph as ox

from .iris import compact
from .model import Claim, Quantity, _quantity, read_model, status_name
from .namespaces import CG, RDF
from .quantities import UnknownUnit, catalogue_for, convert, float_slack, format_number
from .reports import one_line
from .registry import Registry
from .settings import SETTINGS_FILE

KINDS = ("value", "status", "source", "statement", "other")


def quoted(text) -> str:
    """``text`` between double quotes, as Turtle writes a literal: ``"food's"``, ``"a \\"b\\""``, whatever it holds
    (Python's ``repr`` picks its quote mark by the content, so a value and its edit came in different quotes). A
    backslash and a double quote are escaped, and what cannot be shown as itself (a line break, an escape
    character, a bidirectional control) is written as ``repr`` writes it (``\\n``, ``\\x1b``, ``\\u202e``)."""
    return '"' + "".join(_QUOTED.get(c) or (c if c.isprintable() else repr(c)[1:-1]) for c in str(text)) + '"'


_QUOTED = {"\\": "\\\\", '"': '\\"'}

#: The claim's fields, read from the model: name -> kind (anything else about a claim is "other").
_FIELDS = {
    "measurand": "value",
    "value": "value",
    "derivation": "value",
    "status": "status",
    "status note": "status",
    "cites": "source",
    "cited source role": "source",
    "primary source": "source",
    "in-text citation": "source",
    "quote in cited source": "source",
    "quote in primary source": "source",
    "statement": "statement",
    "slide": "other",
    "type": "other",
}
#: The predicates those fields come from: the generic reading skips them.
_MODEL_PREDICATES = {
    str(CG) + name
    for name in (
        "measurand",
        "value",
        "derivedBy",
        "status",
        "statusNote",
        "cites",
        "citedSourceRole",
        "primarySource",
        "inTextCitation",
        "citedQuote",
        "primaryQuote",
        "statement",
        "slide",
    )
} | {str(RDF.type)}


@dataclass
class Change:
    field: str
    kind: str
    old: str
    new: str
    #: a value rewritten so that it states the same quantity: the same number (the values normalised by the
    #: loader are equal) to the same precision (the rounding its digits state, or its declared tolerance):
    #: in another unit (410 PPM -> 0.410 PERMILLE) or only written otherwise (1.6e-19 -> 1.6E-19)
    same_quantity: bool = False
    #: what such a value change rewrote of a value whose number stays the same (see :func:`_value_rewrite`):
    #: "unit", "written form" (both: ``same_quantity``), "precision" (2.70 -> 2.7: the rounding it states
    #: changes, so it is not the same quantity); "" for any other change
    rewritten: str = ""


@dataclass
class ClaimChange:
    claim: str
    kinds: list[str]
    changes: list[Change]


@dataclass
class RegistryDiff:
    old: str
    new: str
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[ClaimChange] = field(default_factory=list)
    sources_added: list[str] = field(default_factory=list)
    sources_removed: list[str] = field(default_factory=list)
    sources_changed: list[dict] = field(default_factory=list)
    others_added: list[str] = field(default_factory=list)
    others_removed: list[str] = field(default_factory=list)
    #: ``{"name", "fields": [{"field", "old", "new"}]}`` per measurand, system or step changed
    others_changed: list[dict] = field(default_factory=list)
    #: ``{"key", "old", "new"}`` per key of claimgraph.toml's [registry] that changed
    settings_changed: list[dict] = field(default_factory=list)
    #: the registry's own shapes and saved queries, as paths from the registry's folder
    files_added: list[str] = field(default_factory=list)
    files_removed: list[str] = field(default_factory=list)
    files_changed: list[str] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return any(
            (
                self.settings_changed,
                self.files_added,
                self.files_removed,
                self.files_changed,
                self.added,
                self.removed,
                self.changed,
                self.sources_added,
                self.sources_removed,
                self.sources_changed,
                self.others_added,
                self.others_removed,
                self.others_changed,
            )
        )

    def counts(self) -> dict[str, int]:
        counts = {"added": len(self.added), "removed": len(self.removed), "changed": len(self.changed)}
        for kind in KINDS:
            counts[f"{kind} changed"] = sum(kind in c.kinds for c in self.changed)
        counts["settings changed"] = len(self.settings_changed)
        counts["shapes and queries changed"] = len(self.files_added) + len(self.files_removed) + len(self.files_changed)
        return counts

    def as_dict(self) -> dict:
        data = asdict(self)
        data["summary"] = self.counts()
        data["has_changes"] = self.has_changes
        return data


class _View:
    """A registry's claims as the model reads them, with IRIs shortened relative to its base (and
    sources by key); what the model does not read about a claim is compared statement by statement."""

    def __init__(self, registry: Registry):
        self.registry = registry
        self.model = read_model(registry)
        self.index = self.model.index
        self.base = registry.settings.base

    def iri(self, text: str) -> str:
        key = self.registry.key_of(text)
        if key is not None:
            return key
        if text.startswith(self.base):
            return text[len(self.base) :]
        return compact(text)

    def short(self, term) -> str:
        if isinstance(term, ox.Literal):
            if term.language:
                return f"{quoted(term.value)}@{term.language}"
            datatype = term.datatype.value
            if datatype.endswith("#string"):
                return quoted(term.value)
            if not datatype.endswith(("#decimal", "#integer", "#double")):
                return f"{quoted(term.value)}^^{datatype.rsplit('#', 1)[-1]}"
            return term.value
        if isinstance(term, ox.BlankNode):
            return self.render_node(term)
        return self.iri(term.value)

    def render_node(self, node, depth: int = 0) -> str:
        """A blank node the model does not read, as a stable, readable string."""
        if depth > 8:
            return "[…]"
        pairs = sorted(
            f"{self.iri(p)} {self.render_node(o, depth + 1) if isinstance(o, ox.BlankNode) else self.short(o)}"
            for p, objects in (self.index.out.get(node) or {}).items()
            for o in objects
        )
        return "[ " + " ; ".join(pairs) + " ]"

    @staticmethod
    def quantity(q: Quantity | None) -> str:
        """A value as the diff shows it: the number as written and the unit's QUDT name."""
        if q is None:
            return ""
        if q.value is not None:
            number = q.lexical or format_number(q.value)
        elif q.lower is not None or q.upper is not None:
            number = f"{format_number(q.lower)}–{format_number(q.upper)}"
        else:
            number = "?"
        unit = q.unit.rsplit("/", 1)[-1] if q.unit else ""
        tolerance = f" (±{q.relative_tolerance * 100:g} %)" if q.relative_tolerance is not None else ""
        return f"{number} {unit}".strip() + tolerance

    def claims(self) -> dict[str, str]:
        return {self.iri(iri): iri for iri in self.model.claims}

    def claim_fields(self, claim: Claim) -> dict[str, list[str]]:
        quotes = {"cited": [], "primary": []}
        for q in claim.quotes:
            parts = [quoted(q.exact or "")]
            if q.source:
                parts.append(f"in {self.iri(q.source)}")
            if q.locator:
                parts.append(f"at {q.locator}")
            if q.value is not None:
                parts.append(f"value {self.quantity(q.value)}")
            quotes[q.role].append(" ".join(parts))
        derivation = []
        if claim.derivation is not None:
            forms = claim.derivation.written
            # a number as its file writes it: 1.30, not 1.3
            # an operand claim is shortened whether or not it is (still) defined: a removed operand
            # must read as the same name as before, not as a changed value
            operands = " ".join(
                # a node no formula takes, by what it holds: its label is new at every load
                self.render_node(ox.BlankNode(o[2:]))
                if isinstance(o, str) and o.startswith("_:")
                else self.iri(o)
                if isinstance(o, str)
                else (forms[i] if i < len(forms) and forms[i] else format_number(o))
                if isinstance(o, float)
                else f"[ {self.quantity(o)} ]"  # a number with its unit
                if isinstance(o, Quantity)
                else str(o)
                for i, o in enumerate(claim.derivation.operands)
            )
            formula = self.iri(claim.derivation.formula) if claim.derivation.formula else "?"
            derivation.append(f"{formula} ({operands})")
        texts = lambda by_lang: [f"{quoted(t)}@{lang}" if lang else quoted(t) for lang, t in by_lang.items()]  # noqa: E731
        return {
            "measurand": [self.iri(claim.measurand)] if claim.measurand else [],
            "value": self.values(claim),
            "derivation": derivation,
            "status": [status_name(claim.status) or ""] if claim.status else [],
            "status note": texts(claim.status_note),
            "cites": [self.iri(s) for s in claim.cites],
            "cited source role": [claim.cited_role] if claim.cited_role else [],
            "primary source": [self.iri(s) for s in claim.primary_sources],
            "in-text citation": [quoted(claim.in_text_citation)] if claim.in_text_citation is not None else [],
            "quote in cited source": quotes["cited"],
            "quote in primary source": quotes["primary"],
            "statement": texts(claim.statement),
            "slide": [str(claim.slide)] if claim.slide is not None else [],
            "type": sorted(self.iri(t) for t in self.index.types.get(ox.NamedNode(claim.iri), ())),
        }

    def values(self, claim: Claim) -> list[str]:
        """The claim's value; every one of its values when it has several (a claim defined twice, compared
        with --allow-load-errors as its definitions merged: the model reads the first only)."""
        nodes = (self.index.out.get(ox.NamedNode(claim.iri)) or {}).get(str(CG) + "value", ())
        if len(nodes) > 1:
            return list(dict.fromkeys(self.quantity(_quantity(self.index, n, self.registry)) for n in nodes))
        return [self.quantity(claim.value)] if claim.value is not None else []

    def properties(self, iri: str) -> dict[str, tuple[str, list[str]]]:
        """field -> (kind, sorted rendered values)."""
        claim = self.model.claims.get(iri)
        out: dict[str, tuple[str, list[str]]] = {}
        if claim is not None:
            out = {name: (_FIELDS[name], sorted(values)) for name, values in self.claim_fields(claim).items() if values}
        for p, objects in (self.index.out.get(ox.NamedNode(iri)) or {}).items():
            if claim is not None and p in _MODEL_PREDICATES:
                continue
            name = self.iri(p)
            out.setdefault(name, ("other", []))[1].extend(self.short(o) for o in objects)
        return {k: (kind, sorted(v)) for k, (kind, v) in out.items()}

    def described(self) -> dict[str, dict[str, str]]:
        """Every other typed IRI subject of the data (measurands, systems, steps…) -> its description,
        field -> its values written on one line."""
        typed = {
            q.subject.value
            for q in self.registry.store.quads_for_pattern(
                None, ox.NamedNode(str(RDF.type)), None, self.registry.data_graph_iri
            )
            if isinstance(q.subject, ox.NamedNode)
        }
        out = {}
        for s in typed - set(self.model.claims):
            props = self.properties(s)
            out[self.iri(s)] = {k: " | ".join(v) for k, (_, v) in props.items()}
        return out

    def files(self) -> dict[str, bytes]:
        """The registry's own shapes and saved queries: path from the registry's folder -> content."""
        out = {}
        for path in [*self.registry.shape_files, *self.registry.query_files]:
            try:
                out[path.relative_to(self.registry.root).as_posix()] = path.read_bytes()
            except (OSError, ValueError):
                continue  # check reports an unreadable file (CG100); the diff compares what it can read
        return out

    def summary(self, iri: str) -> dict:
        claim = self.model.claims[iri]
        # the statement in the registry's first language it has (else any), as plain text beside its language
        languages = [*self.registry.settings.languages, *claim.statement]
        lang = next((tag for tag in languages if claim.statement.get(tag)), "")
        n = claim.normalised
        return {
            "claim": self.iri(iri),
            "statement": claim.statement.get(lang, ""),
            "statement_lang": lang,
            "value": self.quantity(claim.value),
            "unit": self.iri(claim.value.unit) if claim.value and claim.value.unit else "",
            "normalised_value": n.value if n else None,
            "normalised_unit": self.iri(n.unit) if n and n.unit else "",
            "status": status_name(claim.status) or "",
            "cites": sorted(self.iri(s) for s in claim.cites),
        }


def _tagged(summary: dict) -> str:
    """A summary's statement as a report prints it: ``"Costs 5."@pt`` (untagged: ``"Costs 5."``)."""
    if not summary["statement"]:
        return ""
    lang = summary.get("statement_lang")
    return f'"{summary["statement"]}"' + (f"@{lang}" if lang else "")


#: BibTeX fields a reference manager keeps for its user (where the PDF is, reading notes, tags): a
#: change to one is a change to the bibliography, not to what any claim citing the entry says.
BOOKKEEPING_FIELDS = frozenset(
    {
        "file",
        "pdf",
        "abstract",
        "keywords",
        "annote",
        "annotation",
        "comment",
        "comments",
        "owner",
        "timestamp",
        "groups",
        "readstatus",
        "ranking",
        "priority",
        "printed",
        "qualityassured",
        "mendeley-tags",
        "mendeley-groups",
        "date-added",
        "date-modified",
        "bdsk-file-1",
        "bdsk-url-1",
        "urldate",
        "accessed",
        "lastchecked",
        "shorttitle",
        "note",
        "langid",
    }
)


def _source_fields(registry: Registry) -> dict[str, dict[str, str]]:
    return {
        key: {k: " ".join(v.split()) for k, v in entry.fields.items()} | {"type": entry.entry_type}
        for key, entry in registry.sources.items()
    }


def _setting_text(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _settings_changes(old: Registry, new: Registry) -> list[dict]:
    """Keys of claimgraph.toml's [registry] whose value changed, with the old and new value as text."""
    before, after = asdict(old.settings), asdict(new.settings)
    return [
        {"key": key, "old": _setting_text(before.get(key)), "new": _setting_text(after.get(key))}
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    ]


def _field_changes(before: dict[str, str], after: dict[str, str]) -> list[dict]:
    return [
        {"field": f, "old": before.get(f, "—"), "new": after.get(f, "—")}
        for f in sorted(set(before) | set(after))
        if before.get(f) != after.get(f)
    ]


def diff_registries(
    old: Registry, new: Registry, *, old_name: str | None = None, new_name: str | None = None
) -> RegistryDiff:
    a, b = _View(old), _View(new)
    result = RegistryDiff(old_name or str(old.root), new_name or str(new.root))
    result.settings_changed = _settings_changes(old, new)
    fa, fb = a.files(), b.files()
    result.files_added = sorted(set(fb) - set(fa))
    result.files_removed = sorted(set(fa) - set(fb))
    result.files_changed = sorted(k for k in set(fa) & set(fb) if fa[k] != fb[k])
    old_claims, new_claims = a.claims(), b.claims()
    for cid in sorted(set(new_claims) - set(old_claims)):
        result.added.append(b.summary(new_claims[cid]))
    for cid in sorted(set(old_claims) - set(new_claims)):
        result.removed.append(a.summary(old_claims[cid]))
    for cid in sorted(set(old_claims) & set(new_claims)):
        before, after = a.properties(old_claims[cid]), b.properties(new_claims[cid])
        changes = []
        for name in sorted(set(before) | set(after)):
            kind = (before.get(name) or after.get(name))[0]
            old_values, new_values = before.get(name, (kind, []))[1], after.get(name, (kind, []))[1]
            if old_values != new_values:
                rewritten = _value_rewrite(a, b, old_claims[cid], new_claims[cid]) if name == "value" else ""
                changes.append(
                    Change(
                        name,
                        kind,
                        " | ".join(old_values) or "—",
                        " | ".join(new_values) or "—",
                        rewritten in ("unit", "written form"),
                        rewritten,
                    )
                )
        if changes:
            kinds = [k for k in KINDS if any(c.kind == k for c in changes)]
            result.changed.append(ClaimChange(cid, kinds, changes))
    sa, sb = _source_fields(old), _source_fields(new)
    result.sources_added = sorted(set(sb) - set(sa))
    result.sources_removed = sorted(set(sa) - set(sb))
    for key in sorted(set(sa) & set(sb)):
        if sa[key] != sb[key]:
            result.sources_changed.append({"key": key, "fields": _field_changes(sa[key], sb[key])})
    oa_, ob = a.described(), b.described()
    result.others_added = sorted(set(ob) - set(oa_))
    result.others_removed = sorted(set(oa_) - set(ob))
    result.others_changed = [
        {"name": k, "fields": _field_changes(oa_[k], ob[k])} for k in sorted(set(oa_) & set(ob)) if oa_[k] != ob[k]
    ]
    # A claim whose source entry (cited or primary) changed in what identifies the work (title, authors,
    # year, DOI…), or was removed, has, in effect, its source changed; where the PDF is kept (`file`), a note
    # or the abstract does not change it, and such changes are listed once, under sources.
    changed_fields = {
        s["key"]: [f["field"] for f in s["fields"] if f["field"].lower() not in BOOKKEEPING_FIELDS]
        for s in result.sources_changed
    }
    changed_keys = {key for key, fields in changed_fields.items() if fields}
    # an entry deleted (or renamed) in bib/ while claims still cite its key: their source is gone
    removed_keys = set(result.sources_removed)
    by_id = {c.claim: c for c in result.changed}
    for cid in sorted(set(old_claims) & set(new_claims)):
        fields = b.properties(new_claims[cid])
        for role, name in (("cites", "cited source entry"), ("primary source", "primary source entry")):
            keys = set(fields.get(role, ("", []))[1])
            touched, gone = sorted(keys & changed_keys), sorted(keys & removed_keys)
            if not touched and not gone:
                continue
            entry = by_id.get(cid)
            if entry is None:
                entry = ClaimChange(cid, [], [])
                result.changed.append(entry)
                by_id[cid] = entry
            if touched:
                said = "; ".join(f"{key} ({', '.join(changed_fields[key])})" for key in touched)
                entry.changes.append(Change(name, "source", "", f"{said} changed in bib/"))
            if gone:
                entry.changes.append(Change(name, "source", "", f"{', '.join(gone)} removed from bib/"))
            entry.kinds = [k for k in KINDS if any(c.kind == k for c in entry.changes)]
    result.changed.sort(key=lambda c: c.claim)
    return result


def _value_rewrite(a: "_View", b: "_View", old_iri: str, new_iri: str) -> str:
    """What a claim's value change rewrote, when both values state the same number: their normalised values (the
    loader's, in the quantity kind's unit) are equal but for float rounding. "precision" when the rounding they
    state differs (its digits say it: 2.70 is 2.695 to 2.705, 2.7 is 2.65 to 2.75) or their declared tolerance;
    else "unit" when the unit differs, "written form" when only the numeral's spelling does (1.6e-19, 1.6E-19).
    "" when the numbers differ, or cannot be compared."""
    old, new = a.model.claims.get(old_iri), b.model.claims.get(new_iri)
    if old is None or new is None or old.normalised is None or new.normalised is None:
        return ""
    if old.value is None or new.value is None:
        return ""
    n, m = old.normalised, new.normalised
    if n.unit != m.unit or old.measurand is None or a.iri(old.measurand) != b.iri(new.measurand or ""):
        return ""
    ends = ((n.value, m.value), (n.lower, m.lower), (n.upper, m.upper))
    if not any(x is not None for x, _ in ends) or not all(_same_number(x, y) for x, y in ends):
        return ""
    if old.value.relative_tolerance != new.value.relative_tolerance or not _same_number(
        _rounding(a, old.value, n.unit), _rounding(b, new.value, m.unit)
    ):
        return "precision"
    return "unit" if old.value.unit != new.value.unit else "written form"


def _same_number(x: float | None, y: float | None) -> bool:
    """Both absent, or equal but for float rounding (relative to their size: 1.6e-19 is not 1.6e-18)."""
    return (x is None and y is None) or (x is not None and y is not None and abs(x - y) <= float_slack(x, y))


def _rounding(view: "_View", value: Quantity, unit: str) -> float | None:
    """How far either way a value reaches (its declared tolerance, else the rounding its digits state), in
    ``unit``: a width, converted without a unit's offset (0.5 °C is 0.5 K). 0 for a range (its bounds are its
    ends); None when it cannot be converted."""
    try:
        return abs(convert(value.tolerance(), value.unit, unit, catalogue_for(view.registry), difference=True))
    except (UnknownUnit, ValueError):
        return None


# ------------------------------------------------------------------ rendering


#: What a value change that keeps its number rewrote, as the reports say it under (or after) the change.
_REWRITTEN = {
    "unit": "same quantity: only its unit is rewritten",
    "written form": "same quantity: only its written form changes",
    "precision": "same number, stated to another precision: the rounding its digits give, or its tolerance",
}


def terminal_text(text) -> str:
    """``text`` on one line, every unshowable character written as a visible escape (``\\x1b``, ``\\n``):
    the same rule as the check reports'."""
    return one_line(str(text))


def render_text(diff: RegistryDiff) -> str:
    t = terminal_text
    c = diff.counts()
    lines = [
        f"claimgraph diff {t(diff.old)} -> {t(diff.new)}",
        f"claims: {c['added']} added, {c['removed']} removed, {c['changed']} changed "
        f"({c['value changed']} value, {c['status changed']} status, {c['source changed']} source, "
        f"{c['statement changed']} statement, {c['other changed']} other)",
    ]
    if not diff.has_changes:
        lines.append("no differences")
        return "\n".join(lines) + "\n"
    for s in diff.settings_changed:
        lines.append(f"~ {SETTINGS_FILE} {t(s['key'])}: {t(s['old'])}")
        lines.append(f"    {' ' * (len(SETTINGS_FILE) + len(s['key']))}-> {t(s['new'])}")
    if any(s["key"] == "base" for s in diff.settings_changed):
        lines.append("    (a new base changes every published IRI: claims are compared relative to each base)")
    for s in diff.added:
        lines.append(
            f"+ {t(s['claim'])}  {t(s['value']) + '  ' if s['value'] else ''}{t(s['status'])}  "
            f"cites {t(', '.join(s['cites']))}"
        )
        if s["statement"]:
            lines.append(f"    {t(_tagged(s))}")
    for s in diff.removed:
        lines.append(f"- {t(s['claim'])}  {t(s['value']) + '  ' if s['value'] else ''}{t(s['status'])}")
    for change in diff.changed:
        lines.append(f"~ {t(change.claim)}  [{', '.join(change.kinds)}]")
        for ch in change.changes:
            if ch.old:
                lines += _was_now(t(ch.field), t(ch.old), t(ch.new))
                if ch.rewritten:
                    lines.append(f"    {' ' * len(t(ch.field))}  ({_REWRITTEN[ch.rewritten]})")
            else:
                lines.append(f"    {t(ch.field)}: {t(ch.new)}")
    for key in diff.sources_added:
        lines.append(f"+ source {t(key)}")
    for key in diff.sources_removed:
        lines.append(f"- source {t(key)}")
    for s in diff.sources_changed:
        lines.append(
            f"~ source {t(s['key'])}: "
            + ", ".join(f"{t(f['field'])} {t(quoted(f['old']))} -> {t(quoted(f['new']))}" for f in s["fields"])
        )
    for name in diff.others_added:
        lines.append(f"+ {t(name)}")
    for name in diff.others_removed:
        lines.append(f"- {t(name)}")
    for other in diff.others_changed:
        lines.append(f"~ {t(other['name'])}")
        for f in other["fields"]:
            lines += _was_now(t(f["field"]), t(f["old"]), t(f["new"]))
    for path in diff.files_added:
        lines.append(f"+ {t(path)}")
    for path in diff.files_removed:
        lines.append(f"- {t(path)}")
    for path in diff.files_changed:
        lines.append(f"~ {t(path)}")
    return "\n".join(lines) + "\n"


def _was_now(name: str, old: str, new: str) -> list[str]:
    """A field's two lines in the text report: what it was, then what it is, the arrow under the value."""
    return [f"    {name}: {old}", f"    {' ' * len(name)}  -> {new}"]


#: GitHub-flavoured Markdown that data must not produce: raw HTML (``<img>``, an unclosed ``<details>``)
#: and character references, links and images (``[x](…)``), emphasis, code, table cells and math
#: (``$…$``). A backslash makes punctuation literal; ``< > &`` become references. Mentions
#: (@octocat) and issue references (#12, owner/repo#12) get a zero-width space after the sign:
#: GitHub links them in the rendered text, where character references are already decoded, so
#: escaping the sign alone would still notify @octocat.
_GFM = str.maketrans(
    {c: "\\" + c for c in "\\`*_[]|~$"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;", "@": "@&#8203;", "#": "#&#8203;"}
)
#: Bare URLs GitHub would turn into links (``https://…``, ``www.…``): a zero-width space breaks them.
_AUTOLINK = re.compile(r":(?=//)|\bwww(?=\.)", re.IGNORECASE)
#: Bidirectional controls would reorder what the reviewer reads; clean() drops only C0 controls.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\x80-\x9f]")


def md_cell(value) -> str:
    """A data value as inert GitHub-flavoured Markdown text, on one line, safe in a table cell or
    a list item. Ordinary text stays readable in the raw comment (``1.4 GigaW-HR``, ``status:x``).

    Not :func:`.escaping.md_text`: that one writes ``: . -`` and more as character references
    for Python-Markdown's extensions, which makes the raw comment (also printed in CI logs) hard to
    read, and GitHub decodes them before it looks for mentions."""
    from .escaping import clean  # imported here: the site package costs 0.2 s, text and json need none of it

    text = clean(_BIDI.sub("", str(value))).translate(_GFM)
    return _AUTOLINK.sub(r"\g<0>&#8203;", text)


def md_code(value, *, in_table: bool = True) -> str:
    """An identifier as an inline code span: shown verbatim, never parsed (no tag, mention or link
    inside). In a table cell a ``|`` is written ``\\|``: GFM splits cells at it even inside a code span."""
    from .escaping import code_span

    span = str(code_span(_BIDI.sub("", str(value))))
    if not span:
        return md_cell(value)
    return span.replace("|", "\\|") if in_table else span


def render_markdown(diff: RegistryDiff) -> str:
    """For a pull request comment or a CI job summary. Every value from the data is escaped
    (:func:`md_cell`, :func:`md_code`): the comment is posted by CI, for a change anyone may propose."""
    c = diff.counts()
    out = [f"### claimgraph diff: {c['added']} added, {c['removed']} removed, {c['changed']} changed claims", ""]
    if not diff.has_changes:
        return "\n".join(out + ["No differences.", ""])
    if diff.settings_changed:
        out += [f"| {SETTINGS_FILE} | before | after |", "|---|---|---|"]
        out += [f"| {md_cell(s['key'])} | {md_cell(s['old'])} | {md_cell(s['new'])} |" for s in diff.settings_changed]
        if any(s["key"] == "base" for s in diff.settings_changed):
            out.append("")
            out.append("A new base changes every published IRI (claims are compared relative to each base).")
        out.append("")
    if diff.added or diff.removed:
        out += ["| | claim | value | status | statement |", "|---|---|---|---|---|"]
        out += [
            f"| {label} | {md_code(s['claim'])} | {md_cell(s['value'])} | {md_cell(s['status'])} "
            f"| {md_cell(_tagged(s))} |"
            for label, entries in (("added", diff.added), ("removed", diff.removed))
            for s in entries
        ]
        out.append("")
    if diff.changed:
        out += ["| claim | kind | field | before | after |", "|---|---|---|---|---|"]
        for change in diff.changed:
            for ch in change.changes:
                out.append(
                    f"| {md_code(change.claim)} | {md_cell(ch.kind)} | {md_cell(ch.field)} "
                    f"| {md_cell(ch.old)} | {md_cell(ch.new)}{f' ({_REWRITTEN[ch.rewritten]})' if ch.rewritten else ''} |"
                )
        out.append("")

    def item(key) -> str:
        return md_code(key, in_table=False)

    def fields(changes: list[dict], quote=quoted) -> str:
        # a source's fields are raw BibTeX text, quoted as the text report quotes them; a measurand's
        # values are already written as RDF terms ("label"@en, measurand/x)
        return "; ".join(
            f"{md_cell(f['field'])} {md_cell(quote(f['old']))} → {md_cell(quote(f['new']))}" for f in changes
        )

    rest = (
        [f"- source {item(k)} added" for k in diff.sources_added]
        + [f"- source {item(k)} removed" for k in diff.sources_removed]
        + [f"- source {item(s['key'])} changed: {fields(s['fields'])}" for s in diff.sources_changed]
        + [f"- {item(k)} added" for k in diff.others_added]
        + [f"- {item(k)} removed" for k in diff.others_removed]
        + [f"- {item(o['name'])} changed: {fields(o['fields'], str)}" for o in diff.others_changed]
        + [f"- {item(k)} added" for k in diff.files_added]
        + [f"- {item(k)} removed" for k in diff.files_removed]
        + [f"- {item(k)} changed" for k in diff.files_changed]
    )
    return "\n".join(out + rest + [""])


def render_json(diff: RegistryDiff) -> str:
    return json.dumps(diff.as_dict(), indent=2, ensure_ascii=False) + "\n"


RENDERERS = {"text": render_text, "markdown": render_markdown, "json": render_json}
