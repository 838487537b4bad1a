"""Claim-level differences between two versions of a registry.

:func:`diff_registries` compares two loaded registries claim by claim, the way a
reviewer reads a change: which claims were added or removed, and for each claim in
both, what changed, sorted into the kinds that matter — ``value`` (number, range,
unit, tolerance, measurand), ``status`` (status and its note), ``source`` (cited
sources, their role, primary source, in-text citation, quotes), ``statement`` and
``other`` (anything else about the claim). Sources (BibTeX entries) and the other
described things (measurands, systems, argument steps) are compared too.

IRIs are compared relative to each registry's base, so moving a registry to a new
base IRI is not reported as every claim changing.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from .iris import compact
from .rdflib_namespaces import CG, OA, QUDT
from .reports import one_line
from .registry import Registry

KINDS = ("value", "status", "source", "statement", "other")

#: predicate -> (field name, kind)
_FIELDS = {
    CG.measurand: ("measurand", "value"),
    CG.value: ("value", "value"),
    CG.derivedBy: ("derivation", "value"),
    CG.status: ("status", "status"),
    CG.statusNote: ("status note", "status"),
    CG.cites: ("cites", "source"),
    CG.citedSourceRole: ("cited source role", "source"),
    CG.primarySource: ("primary source", "source"),
    CG.inTextCitation: ("in-text citation", "source"),
    CG.citedQuote: ("quote in cited source", "source"),
    CG.primaryQuote: ("quote in primary source", "source"),
    CG.statement: ("statement", "statement"),
    CG.slide: ("slide", "other"),
    RDF.type: ("type", "other"),
}


@dataclass
class Change:
    field: str
    kind: str
    old: str
    new: str


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
    others_changed: list[str] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return any((self.added, self.removed, self.changed, self.sources_added, self.sources_removed,
                    self.sources_changed, self.others_added, self.others_removed, self.others_changed))

    def counts(self) -> dict[str, int]:
        counts = {"added": len(self.added), "removed": len(self.removed), "changed": len(self.changed)}
        for kind in KINDS:
            counts[f"{kind} changed"] = sum(kind in c.kinds for c in self.changed)
        return counts

    def as_dict(self) -> dict:
        data = asdict(self)
        data["summary"] = self.counts()
        data["has_changes"] = self.has_changes
        return data


class _View:
    """A registry seen with IRIs shortened relative to its base (and sources by key)."""

    def __init__(self, registry: Registry):
        self.registry = registry
        self.graph: Graph = registry.data_rdflib_graph(include_sources=False)
        self.base = registry.settings.base

    def short(self, term) -> str:
        if isinstance(term, Literal):
            text = str(term)
            if term.language:
                return f"{text!r}@{term.language}"
            if term.datatype and not str(term.datatype).endswith(("#string", "#decimal", "#integer", "#double")):
                return f"{text!r}^^{str(term.datatype).rsplit('#', 1)[-1]}"
            return text if term.datatype else repr(text)
        if isinstance(term, BNode):
            return self.render_node(term)
        text = str(term)
        key = self.registry.key_of(text)
        if key is not None:
            return key
        if text.startswith(self.base):
            return text[len(self.base):]
        return compact(text)

    def render_node(self, node, depth: int = 0) -> str:
        """A blank node as a stable, readable string (a value, a quote, a derivation)."""
        if depth > 8:
            return "[…]"
        g = self.graph
        if (node, RDF.first, None) in g:
            items = []
            while node is not None and node != RDF.nil and depth < 100:
                items.append(self.short(g.value(node, RDF.first)))
                node = g.value(node, RDF.rest)
                depth += 1
            return "(" + " ".join(items) + ")"
        value = g.value(node, QUDT.numericValue)
        unit = g.value(node, QUDT.unit)
        if unit is not None and (value is not None or (node, CG.lowerBound, None) in g):
            number = (str(value) if value is not None
                      else f"{g.value(node, CG.lowerBound)}–{g.value(node, CG.upperBound)}")
            tolerance = g.value(node, CG.relativeTolerance)
            extra = sorted(f"{self.short(p)} {self.short(o)}" for p, o in g.predicate_objects(node)
                           if p not in (QUDT.numericValue, QUDT.unit, CG.lowerBound, CG.upperBound, CG.relativeTolerance))
            return (f"{number} {self.short(unit).removeprefix('unit:')}"
                    + (f" (±{float(tolerance) * 100:g} %)" if tolerance is not None else "")
                    + (" " + "; ".join(extra) if extra else ""))
        exact = g.value(node, OA.exact)
        if exact is not None:
            parts = [repr(str(exact))]
            for p, label in ((CG.inSource, "in"), (CG.locator, "at"), (CG.value, "value")):
                o = g.value(node, p)
                if o is not None:
                    parts.append(f"{label} {self.short(o) if p != CG.locator else str(o)}")
            return " ".join(parts)
        pairs = sorted(f"{self.short(p)} {self.render_node(o, depth + 1) if isinstance(o, BNode) else self.short(o)}"
                       for p, o in g.predicate_objects(node))
        return "[ " + " ; ".join(pairs) + " ]"

    def claims(self) -> dict[str, URIRef]:
        g = self.graph
        found = set(g.subjects(RDF.type, CG.Claim)) | set(g.subjects(RDF.type, CG.QuantitativeClaim))
        return {self.short(s): s for s in found if isinstance(s, URIRef)}

    def properties(self, subject) -> dict[str, tuple[str, list[str]]]:
        """field -> (kind, sorted rendered values)."""
        out: dict[str, tuple[str, list[str]]] = {}
        for p, o in self.graph.predicate_objects(subject):
            name, kind = _FIELDS.get(p, (self.short(p), "other"))
            out.setdefault(name, (kind, []))[1].append(self.short(o))
        return {k: (kind, sorted(v)) for k, (kind, v) in out.items()}

    def described(self) -> dict[str, str]:
        """Every other typed IRI subject (measurands, systems, steps…) -> a signature of its description."""
        g = self.graph
        claims = set(self.claims().values())
        out = {}
        for s in set(g.subjects(RDF.type, None)):
            if isinstance(s, URIRef) and s not in claims:
                props = self.properties(s)
                out[self.short(s)] = json.dumps(sorted((k, v) for k, (_, v) in props.items()))
        return out

    def summary(self, subject) -> dict:
        props = self.properties(subject)
        flat = {k: v for k, (_, v) in props.items()}
        statement = next((s for s in flat.get("statement", []) if s.endswith("@en")), None) or \
            next(iter(flat.get("statement", [])), "")
        return {"claim": self.short(subject), "statement": statement, "value": " ".join(flat.get("value", [])),
                "status": " ".join(flat.get("status", [])), "cites": flat.get("cites", [])}


def _source_fields(registry: Registry) -> dict[str, dict[str, str]]:
    return {key: {k: " ".join(v.split()) for k, v in entry.fields.items()} | {"type": entry.entry_type}
            for key, entry in registry.sources.items()}


def diff_registries(old: Registry, new: Registry, *, old_name: str | None = None,
                    new_name: str | None = None) -> RegistryDiff:
    a, b = _View(old), _View(new)
    result = RegistryDiff(old_name or str(old.root), new_name or str(new.root))
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
                changes.append(Change(name, kind, " | ".join(old_values) or "—", " | ".join(new_values) or "—"))
        if changes:
            kinds = [k for k in KINDS if any(c.kind == k for c in changes)]
            result.changed.append(ClaimChange(cid, kinds, changes))
    sa, sb = _source_fields(old), _source_fields(new)
    result.sources_added = sorted(set(sb) - set(sa))
    result.sources_removed = sorted(set(sa) - set(sb))
    for key in sorted(set(sa) & set(sb)):
        if sa[key] != sb[key]:
            fields = sorted(k for k in set(sa[key]) | set(sb[key]) if sa[key].get(k) != sb[key].get(k))
            result.sources_changed.append({"key": key, "fields": [
                {"field": f, "old": sa[key].get(f, "—"), "new": sb[key].get(f, "—")} for f in fields]})
    oa_, ob = a.described(), b.described()
    result.others_added = sorted(set(ob) - set(oa_))
    result.others_removed = sorted(set(oa_) - set(ob))
    result.others_changed = sorted(k for k in set(oa_) & set(ob) if oa_[k] != ob[k])
    # A claim whose source entry changed has, in effect, its source changed.
    changed_keys = {s["key"] for s in result.sources_changed}
    by_id = {c.claim: c for c in result.changed}
    for cid in sorted(set(old_claims) & set(new_claims)):
        cited = set(b.properties(new_claims[cid]).get("cites", ("", []))[1])
        touched = sorted(cited & changed_keys)
        if touched:
            entry = by_id.get(cid)
            if entry is None:
                entry = ClaimChange(cid, [], [])
                result.changed.append(entry)
                by_id[cid] = entry
            entry.changes.append(Change("cited source entry", "source", "", ", ".join(touched) + " changed in bib/"))
            entry.kinds = [k for k in KINDS if any(c.kind == k for c in entry.changes)]
    result.changed.sort(key=lambda c: c.claim)
    return result


# ------------------------------------------------------------------ rendering


def terminal_text(text) -> str:
    """``text`` on one line, every unshowable character written as a visible escape (``\\x1b``, ``\\n``):
    the same rule as the check reports'."""
    return one_line(str(text))


def render_text(diff: RegistryDiff) -> str:
    t = terminal_text
    c = diff.counts()
    lines = [f"claimgraph diff {t(diff.old)} -> {t(diff.new)}",
             f"claims: {c['added']} added, {c['removed']} removed, {c['changed']} changed "
             f"({c['value changed']} value, {c['status changed']} status, {c['source changed']} source, "
             f"{c['statement changed']} statement, {c['other changed']} other)"]
    if not diff.has_changes:
        lines.append("no differences")
        return "\n".join(lines) + "\n"
    for s in diff.added:
        lines.append(f"+ {t(s['claim'])}  {t(s['value']) + '  ' if s['value'] else ''}{t(s['status'])}  "
                     f"cites {t(', '.join(s['cites']))}")
        if s["statement"]:
            lines.append(f"    {t(s['statement'])}")
    for s in diff.removed:
        lines.append(f"- {t(s['claim'])}  {t(s['value']) + '  ' if s['value'] else ''}{t(s['status'])}")
    for change in diff.changed:
        lines.append(f"~ {t(change.claim)}  [{', '.join(change.kinds)}]")
        for ch in change.changes:
            name = t(ch.field)
            if ch.old:
                lines.append(f"    {name}: {t(ch.old)}")
                lines.append(f"    {' ' * len(name)}  -> {t(ch.new)}")
            else:
                lines.append(f"    {name}: {t(ch.new)}")
    for key in diff.sources_added:
        lines.append(f"+ source {t(key)}")
    for key in diff.sources_removed:
        lines.append(f"- source {t(key)}")
    for s in diff.sources_changed:
        lines.append(f"~ source {t(s['key'])}: "
                     + ", ".join(f"{t(f['field'])} {t(repr(f['old']))} -> {t(repr(f['new']))}" for f in s["fields"]))
    for name in diff.others_added:
        lines.append(f"+ {t(name)}")
    for name in diff.others_removed:
        lines.append(f"- {t(name)}")
    for name in diff.others_changed:
        lines.append(f"~ {t(name)}")
    return "\n".join(lines) + "\n"


#: GitHub-flavoured Markdown that data must not produce: raw HTML (``<img>``, an unclosed ``<details>``)
#: and character references, links and images (``[x](…)``), emphasis, code, table cells and math
#: (``$…$``). A backslash makes punctuation literal; ``< > &`` become references. Mentions
#: (@octocat) and issue references (#12, owner/repo#12) get a zero-width space after the sign:
#: GitHub links them in the rendered text, where character references are already decoded, so
#: escaping the sign alone would still notify @octocat.
_GFM = str.maketrans({c: "\\" + c for c in "\\`*_[]|~$"}
                     | {"<": "&lt;", ">": "&gt;", "&": "&amp;", "@": "@&#8203;", "#": "#&#8203;"})
#: Bare URLs GitHub would turn into links (``https://…``, ``www.…``): a zero-width space breaks them.
_AUTOLINK = re.compile(r":(?=//)|\bwww(?=\.)", re.IGNORECASE)
#: Bidirectional controls would reorder what the reviewer reads; clean() drops only C0 controls.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\x80-\x9f]")


def md_cell(value) -> str:
    """A data value as inert GitHub-flavoured Markdown text, on one line, safe in a table cell or
    a list item. Ordinary text stays readable in the raw comment (``1.4 GigaW-HR``, ``status:x``).

    Not :func:`.site.escape.md_text`: that one writes ``: . -`` and more as character references
    for Python-Markdown's extensions, which makes the raw comment (also printed in CI logs) hard to
    read, and GitHub decodes them before it looks for mentions."""
    from .site.escape import clean  # imported here: the site package costs 0.2 s, text and json need none of it

    text = clean(_BIDI.sub("", str(value))).translate(_GFM)
    return _AUTOLINK.sub(r"\g<0>&#8203;", text)


def md_code(value, *, in_table: bool = True) -> str:
    """An identifier as an inline code span: shown verbatim, never parsed (no tag, mention or link
    inside). In a table cell a ``|`` is written ``\\|``: GFM splits cells at it even inside a code span."""
    from .site.escape import code_span

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
    if diff.added or diff.removed:
        out += ["| | claim | value | status | statement |", "|---|---|---|---|---|"]
        out += [f"| {label} | {md_code(s['claim'])} | {md_cell(s['value'])} | {md_cell(s['status'])} "
                f"| {md_cell(s['statement'])} |"
                for label, entries in (("added", diff.added), ("removed", diff.removed)) for s in entries]
        out.append("")
    if diff.changed:
        out += ["| claim | kind | field | before | after |", "|---|---|---|---|---|"]
        for change in diff.changed:
            for ch in change.changes:
                out.append(f"| {md_code(change.claim)} | {md_cell(ch.kind)} | {md_cell(ch.field)} "
                           f"| {md_cell(ch.old)} | {md_cell(ch.new)} |")
        out.append("")
    def item(key) -> str:
        return md_code(key, in_table=False)

    rest = ([f"- source {item(k)} added" for k in diff.sources_added]
            + [f"- source {item(k)} removed" for k in diff.sources_removed]
            + [f"- source {item(s['key'])} changed: {', '.join(md_cell(f['field']) for f in s['fields'])}"
               for s in diff.sources_changed]
            + [f"- {item(k)} added" for k in diff.others_added]
            + [f"- {item(k)} removed" for k in diff.others_removed]
            + [f"- {item(k)} changed" for k in diff.others_changed])
    return "\n".join(out + rest + [""])


def render_json(diff: RegistryDiff) -> str:
    return json.dumps(diff.as_dict(), indent=2, ensure_ascii=False) + "\n"


RENDERERS = {"text": render_text, "markdown": render_markdown, "json": render_json}
