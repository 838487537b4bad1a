"""SHACL shapes compiled to SPARQL and run on the Oxigraph store: the fast path of validation.

pyshacl on an rdflib graph takes minutes at 10,000 claims; the same constraints
run as a handful of SPARQL queries over the store take well under a second.
The compiler covers the SHACL Core subset that claimgraph's shapes (and most
registry shapes) use:

* targets: ``sh:targetClass`` (with ``rdfs:subClassOf*``), ``sh:targetObjectsOf``,
  ``sh:targetSubjectsOf``, ``sh:targetNode``;
* paths: a predicate, or ``sh:alternativePath`` of predicates;
* value constraints (https://www.w3.org/TR/shacl/#core-components-value-type and following):
  ``sh:class``, ``sh:datatype``, ``sh:nodeKind``, ``sh:minCount``, ``sh:maxCount``,
  ``sh:minInclusive``, ``sh:maxInclusive``, ``sh:minLength``, ``sh:pattern`` (+ ``sh:flags``),
  ``sh:uniqueLang``, ``sh:in``, ``sh:hasValue``, ``sh:or`` of datatype alternatives,
  ``sh:qualifiedValueShape`` with ``sh:languageIn`` or ``sh:datatype`` and ``sh:qualifiedMinCount``;
* node-level ``sh:or`` / ``sh:xone`` / ``sh:and`` / ``sh:not`` of shapes that only require
  properties to exist (``sh:minCount 1``);
* SPARQL-based constraints (``sh:sparql`` with ``sh:select``, ``sh:prefixes``, ``sh:message``
  templates, ``$PATH`` in property shapes) whose query is a plain group of patterns, filters and
  OPTIONALs: such a query is run *once* over every focus node, ``$this`` joined to the focus
  set, instead of once per focus node with ``$this`` pre-bound (pyshacl's way, which re-parses
  the query for each node). For a query of that form, the two readings give the same solutions;
  a query with anything where they could differ (UNION, nested groups, sub-queries, aggregates,
  LIMIT…) is left to pyshacl.

Anything else (``sh:node``, ``sh:closed``, other paths…) makes
:func:`compile_shapes` return ``None`` and the caller falls back to pyshacl, so a
registry's own shapes are always honoured. A test runs both engines on every
fixture and asserts the same findings.
"""

from __future__ import annotations

import os
import re
import threading
import time
from dataclasses import dataclass

import pyoxigraph as ox

from .. import namespaces as _iris
from ..parallel import start_with_query_stack


class _Terms:
    """A namespace whose attributes and items are Oxigraph IRIs: ``SH.path``, ``SH["class"]``."""

    def __init__(self, namespace: str):
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        return ox.NamedNode(self._namespace + name)

    __getitem__ = __getattr__


SH, RDF, OWL = _Terms(_iris.SH), _Terms(_iris.RDF), _Terms(_iris.OWL)
_FINDING_CODE = ox.NamedNode(_iris.CG.findingCode)
_BOOLEAN = _iris.XSD.boolean
_SEVERITY_DEFAULT = SH.Violation

# Parameters that are not constraints (or are handled with their constraint).
_NON_CONSTRAINTS = {
    RDF.type,
    SH.path,
    SH.message,
    SH.severity,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.targetClass,
    SH.targetObjectsOf,
    SH.targetSubjectsOf,
    SH.targetNode,
    SH.property,
    SH.deactivated,
    SH.flags,
    SH.qualifiedMinCount,
    SH.qualifiedValueShapesDisjoint,
    SH.defaultValue,
    SH.sparql,
}


class ValidationTimeout(Exception):
    """The compiled queries did not finish in the time allowed."""


class Unsupported(Exception):
    """The shapes use something the compiler does not cover: validate with pyshacl instead."""


@dataclass(frozen=True)
class Result:
    """One validation result, as pyshacl would report it."""

    focus: str  # IRI, or "_:id" for a blank node
    path: str | None
    severity: str  # IRI of sh:Violation / sh:Warning / sh:Info
    message: str | None
    code: str  # the claimgraph finding code of the source shape (its cg:findingCode, else CG200)
    value: str | None


@dataclass
class CompiledQuery:
    sparql: str
    code: str  # the finding code of the shape the constraint belongs to
    path: str | None
    severity: str
    message: str | None
    value_is_focus: bool = False
    has_value: bool = False
    #: a SPARQL-based constraint: results are read from its solutions' ?this, ?path, ?value, and its
    #: message is a template filled with each solution's bindings
    sparql_constraint: bool = False
    #: the focus set's SPARQL block, and how the constraint reads on it for :func:`plan` to run it
    #: together with the others of its kind on the same focus set: ("value", path, violating filter),
    #: ("missing", path, required object or None, condition on ?v or None) or ("count", path, most values
    #: allowed)
    focus: str | None = None
    merge: tuple | None = None
    #: the same constraint's query as Oxigraph runs it faster, for :func:`plan` on the local store only (the
    #: remote stores' engines plan queries their own way: they keep ``sparql``)
    local_sparql: str | None = None


class ShapesGraph:
    """The shapes as Oxigraph terms, indexed for the few lookups the compiler makes.

    Not an rdflib graph: importing rdflib cost 0.1 s of every check, and the compiler needs only
    these lookups. Triples are kept once each and in the order given, so the compiled queries come
    out in the same order on every run."""

    def __init__(self, triples):
        self._objects: dict[tuple, list] = {}
        self._subjects: dict[tuple, list] = {}
        self._outgoing: dict[object, list[tuple]] = {}
        seen = set()
        for t in triples:
            s, p, o = t.subject, t.predicate, t.object
            if (s, p, o) in seen:
                continue
            seen.add((s, p, o))
            self._objects.setdefault((s, p), []).append(o)
            self._subjects.setdefault((p, o), []).append(s)
            self._subjects.setdefault((p, None), []).append(s)
            self._outgoing.setdefault(s, []).append((p, o))

    @classmethod
    def parse(cls, turtle: str) -> "ShapesGraph":
        return cls(ox.parse(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE))

    def objects(self, subject, predicate) -> list:
        return list(self._objects.get((subject, predicate), ()))

    def value(self, subject, predicate):
        """One object of ``subject predicate`` (the first written), or None."""
        found = self._objects.get((subject, predicate))
        return found[0] if found else None

    def subjects(self, predicate, obj=None) -> list:
        return list(dict.fromkeys(self._subjects.get((predicate, obj), ())))

    def predicate_objects(self, subject) -> list[tuple]:
        return list(self._outgoing.get(subject, ()))

    def predicates(self, subject) -> set:
        return {p for p, _o in self._outgoing.get(subject, ())}

    def is_true(self, subject, predicate) -> bool:
        """Whether ``subject predicate true`` is stated (``sh:deactivated true``, ``sh:closed true``)."""
        return any(
            isinstance(o, ox.Literal) and o.datatype.value == _BOOLEAN and o.value in ("true", "1")
            for o in self._objects.get((subject, predicate), ())
        )

    def items(self, head) -> list:
        """The members of the RDF list starting at ``head`` (a cycle or a fork ends it)."""
        out, seen = [], set()
        while head is not None and head != RDF.nil and head not in seen:
            seen.add(head)
            first = self.value(head, RDF.first)
            if first is None:
                break
            out.append(first)
            head = self.value(head, RDF.rest)
        return out


def _iri(node) -> str:
    if not isinstance(node, ox.NamedNode):
        raise Unsupported(f"expected an IRI, got {node!r}")
    return str(node)  # <iri>


def _literal(node) -> str:
    """``node`` as a SPARQL term: Oxigraph writes N-Triples, whose escapes SPARQL reads alike."""
    if isinstance(node, (ox.NamedNode, ox.Literal)):
        return str(node)
    raise Unsupported(f"blank node {node!r} as a constraint parameter")


def _string(text: str) -> str:
    """``text`` as a SPARQL string literal."""
    return str(ox.Literal(text))


def _int(node) -> int:
    if not isinstance(node, ox.Literal):
        raise Unsupported(f"expected an integer, got {node!r}")
    try:
        return int(node.value)
    except ValueError:
        raise Unsupported(f"expected an integer, got {node.value!r}") from None


def _code(shapes: ShapesGraph, shape) -> str:
    code = shapes.value(shape, _FINDING_CODE)
    return code.value if code is not None else "CG200"


def _path(shapes: ShapesGraph, path) -> str:
    if isinstance(path, ox.NamedNode):
        return str(path)
    alternatives = shapes.value(path, SH.alternativePath) if path is not None else None
    if alternatives is not None:
        members = shapes.items(alternatives)
        if not members or not all(isinstance(m, ox.NamedNode) for m in members):
            raise Unsupported("sh:alternativePath of non-IRIs")
        return "(" + "|".join(str(m) for m in members) + ")"
    raise Unsupported(f"path {path!r}")


def _targets(shapes: ShapesGraph, shape) -> list[str]:
    out = []
    for c in shapes.objects(shape, SH.targetClass):
        out.append(f"?focus rdf:type/rdfs:subClassOf* {_iri(c)} .")
    for p in shapes.objects(shape, SH.targetObjectsOf):
        out.append(f"?t__ {_iri(p)} ?focus .")
    for p in shapes.objects(shape, SH.targetSubjectsOf):
        out.append(f"?focus {_iri(p)} ?t__ .")
    for n in shapes.objects(shape, SH.targetNode):
        out.append(f"BIND({_literal(n)} AS ?focus)")
    return out


def _focus_block(targets: list[str]) -> str:
    if len(targets) == 1:
        return f"{{ SELECT DISTINCT ?focus WHERE {{ {targets[0]} }} }}"
    union = " UNION ".join(f"{{ {t} }}" for t in targets)
    return f"{{ SELECT DISTINCT ?focus WHERE {{ {union} }} }}"


#: sh:minLength / sh:maxLength -> the comparison that VIOLATES them
_LENGTHS = {SH.minLength: "<", SH.maxLength: ">"}
#: value-range constraints -> the comparison a conforming value satisfies
_RANGES = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}


def _value_filter(shapes: ShapesGraph, ps, constraint, value) -> str | None:
    """A FILTER expression true for a value node ?v that VIOLATES the constraint, or None."""
    if constraint == SH.datatype:
        return f"(!isLiteral(?v) || DATATYPE(?v) != {_iri(value)})"
    if constraint == SH.nodeKind:
        tests = {
            SH.IRI: "isIRI(?v)",
            SH.BlankNode: "isBlank(?v)",
            SH.Literal: "isLiteral(?v)",
            SH.BlankNodeOrIRI: "(isBlank(?v) || isIRI(?v))",
            SH.BlankNodeOrLiteral: "(isBlank(?v) || isLiteral(?v))",
            SH.IRIOrLiteral: "(isIRI(?v) || isLiteral(?v))",
        }
        if value not in tests:
            raise Unsupported(f"sh:nodeKind {value}")
        return f"!{tests[value]}"
    if constraint == SH["class"]:
        return f"NOT EXISTS {{ ?v rdf:type/rdfs:subClassOf* {_iri(value)} }}"
    if constraint == SH.pattern:
        flags = shapes.value(ps, SH.flags)
        flag_arg = f", {_string(flags.value)}" if flags is not None and flags.value else ""
        if not isinstance(value, ox.Literal):
            raise Unsupported("sh:pattern that is not a string")
        return f"(isBlank(?v) || !REGEX(STR(?v), {_string(value.value)}{flag_arg}))"
    if constraint in _LENGTHS:  # a blank node has no length: it violates either bound
        return f"(isBlank(?v) || STRLEN(STR(?v)) {_LENGTHS[constraint]} {_int(value)})"
    if constraint in _RANGES:  # incomparable values (a string against a number) violate too
        return f"!COALESCE(?v {_RANGES[constraint]} {_literal(value)}, false)"
    if constraint == SH["in"]:
        members = ", ".join(_literal(m) for m in shapes.items(value))
        return f"(?v NOT IN ({members}))" if members else "true"
    if constraint == SH["or"]:
        datatypes = []
        for alternative in shapes.items(value):
            keys = set(shapes.predicates(alternative)) - {RDF.type}
            if keys != {SH.datatype}:
                raise Unsupported("sh:or with alternatives other than sh:datatype")
            datatypes.append(_iri(shapes.value(alternative, SH.datatype)))
        return f"(!isLiteral(?v) || DATATYPE(?v) NOT IN ({', '.join(datatypes)}))"
    return None


def _qualified(shapes: ShapesGraph, qvs) -> str:
    keys = set(shapes.predicates(qvs)) - {RDF.type}
    if keys == {SH.languageIn}:
        tags = ", ".join(_string(t.value.lower()) for t in shapes.items(shapes.value(qvs, SH.languageIn)))
        return f"LCASE(LANG(?v)) IN ({tags})"  # exact tags; sub-tags (en-GB) are not matched by this fast path
    if keys == {SH.datatype}:
        return f"(isLiteral(?v) && DATATYPE(?v) = {_iri(shapes.value(qvs, SH.datatype))})"
    raise Unsupported("sh:qualifiedValueShape beyond sh:languageIn / sh:datatype")


def _property_queries(shapes: ShapesGraph, node_shape, ps, focus: str) -> list[CompiledQuery]:
    if shapes.is_true(ps, SH.deactivated):
        return []
    path_node = shapes.value(ps, SH.path)
    path = _path(shapes, path_node)
    path_iri = path_node.value if isinstance(path_node, ox.NamedNode) else None
    severity = (shapes.value(ps, SH.severity) or _SEVERITY_DEFAULT).value
    message = shapes.value(ps, SH.message)
    message = message.value if message is not None else None
    code = _code(shapes, ps)
    out = []

    def add(sparql: str, has_value: bool = False, merge: tuple | None = None, local_sparql: str | None = None) -> None:
        out.append(
            CompiledQuery(
                sparql,
                code,
                path_iri,
                severity,
                message,
                has_value=has_value,
                focus=focus,
                merge=merge,
                local_sparql=local_sparql,
            )
        )

    out.extend(_sparql_constraints(shapes, ps, focus, path=path, path_iri=path_iri, severity=severity, message=message))
    for constraint, value in shapes.predicate_objects(ps):
        if constraint in _NON_CONSTRAINTS or not constraint.value.startswith(_iris.SH):
            continue
        if constraint == SH.minCount:
            n = _int(value)
            if n == 1:
                add(
                    f"SELECT ?focus WHERE {{ {focus} FILTER NOT EXISTS {{ ?focus {path} ?v }} }}",
                    merge=("missing", path, None, None),
                )
            elif n > 1:  # the OPTIONAL keeps focus nodes without any value (a count of 0)
                add(
                    f"SELECT ?focus WHERE {{ {{ SELECT ?focus (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {focus} "
                    f"OPTIONAL {{ ?focus {path} ?v }} }} GROUP BY ?focus }} FILTER(?n < {n}) }}"
                )
        elif constraint == SH.maxCount:
            add(
                f"SELECT ?focus WHERE {{ {{ SELECT ?focus (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {focus} "
                f"?focus {path} ?v }} GROUP BY ?focus }} FILTER(?n > {_int(value)}) }}",
                merge=("count", path, _int(value)),
            )
        elif constraint == SH.uniqueLang:
            if isinstance(value, ox.Literal) and value.datatype.value == _BOOLEAN and value.value in ("true", "1"):
                groups = (
                    f'SELECT ?focus WHERE {{ ?focus {path} ?v . FILTER(LANG(?v) != "") }} '
                    f"GROUP BY ?focus (LANG(?v)) HAVING (COUNT(DISTINCT ?v) > 1)"
                )
                add(
                    f'SELECT ?focus WHERE {{ {focus} ?focus {path} ?v . FILTER(LANG(?v) != "") }} '
                    f"GROUP BY ?focus (LANG(?v)) HAVING (COUNT(DISTINCT ?v) > 1)",
                    # on Oxigraph, the groups of all the predicate's triples first, then the (few) offenders
                    # joined with the focus set: the same rows, one per focus node and tag, in two thirds of the
                    # time (10,000 claims' 20,000 statements joined with the focus set before grouping cost
                    # more). Only for one predicate: a path over every node of the store may cost far more
                    local_sparql=f"SELECT ?focus WHERE {{ {{ {groups} }} {focus} }}"
                    if _SIMPLE_PATH.fullmatch(path)
                    else None,
                )
        elif constraint == SH.hasValue:
            add(
                f"SELECT ?focus WHERE {{ {focus} FILTER NOT EXISTS {{ ?focus {path} {_literal(value)} }} }}",
                merge=("missing", path, _literal(value), None),
            )
        elif constraint == SH.qualifiedValueShape:
            minimum = shapes.value(ps, SH.qualifiedMinCount)
            if shapes.value(ps, SH.qualifiedMaxCount) is not None:
                raise Unsupported("sh:qualifiedMaxCount")
            if minimum is not None:
                condition = _qualified(shapes, value)
                if _int(minimum) == 1:  # at least one conforming value: a value that must exist
                    add(
                        f"SELECT ?focus WHERE {{ {focus} FILTER NOT EXISTS {{ ?focus {path} ?v FILTER({condition}) }} }}",
                        merge=("missing", path, None, condition),
                    )
                else:
                    add(
                        f"SELECT ?focus WHERE {{ {{ SELECT ?focus (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {focus} "
                        f"OPTIONAL {{ ?focus {path} ?v FILTER({condition}) }} }} GROUP BY ?focus }} "
                        f"FILTER(?n < {_int(minimum)}) }}"
                    )
        else:
            expression = _value_filter(shapes, ps, constraint, value)
            if expression is None:
                raise Unsupported(f"constraint {constraint}")
            add(
                f"SELECT ?focus ?v WHERE {{ {focus} ?focus {path} ?v . FILTER({expression}) }}",
                has_value=True,
                merge=("value", path, expression),
            )
    return out


#: In a SPARQL-based constraint's query: the words and variables that could make one run over every focus
#: node give other solutions than a run per focus node with $this pre-bound, or that SHACL forbids there.
#: Such queries are left to pyshacl. (``AS ?this`` too.)
_NOT_JOINABLE_WORDS = frozenset(
    {
        "UNION",
        "MINUS",
        "VALUES",
        "SERVICE",
        "GRAPH",
        "FROM",
        "GROUP",
        "HAVING",
        "LIMIT",
        "OFFSET",
        "COUNT",
        "SUM",
        "MIN",
        "MAX",
        "AVG",
        "SAMPLE",
        "GROUP_CONCAT",
    }
)
_NOT_JOINABLE_VARIABLES = frozenset({"shapesGraph", "currentShape", "failure"})
#: The keywords a ``{`` of such a query may follow: the WHERE clause, OPTIONAL and (NOT) EXISTS.
_GROUP_OPENERS = frozenset({"WHERE", "OPTIONAL", "EXISTS"})


def _declared_prefixes(shapes: ShapesGraph, constraint) -> str:
    """``PREFIX`` lines for the constraint's ``sh:prefixes`` (SHACL 5.2.1), declared as pyshacl reads them:
    the declarations of the node named, and of every ``owl:Ontology`` unless that node is one of them."""
    ontologies = set(shapes.subjects(RDF.type, OWL.Ontology))
    everywhere = {d for o in ontologies for d in shapes.objects(o, SH.declare)}
    lines = {}
    for node in shapes.objects(constraint, SH.prefixes):
        own = set(shapes.objects(node, SH.declare))
        for declaration in own if own and node in ontologies else own | everywhere:
            prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
            if not isinstance(prefix, ox.Literal) or namespace is None or isinstance(namespace, ox.BlankNode):
                raise Unsupported("sh:declare without sh:prefix and sh:namespace")
            lines[prefix.value] = f"PREFIX {prefix.value}: <{namespace.value}>\n"
    return "".join(lines[name] for name in sorted(lines))


def path_substituted(select: str, path: str) -> str:
    """``select`` with its ``$PATH`` (or ``?PATH``) variables replaced by ``path``, as SHACL-SPARQL asks."""
    from ..lexing import VAR, tokens

    for token in reversed([t for t in tokens(select) if t.kind == VAR and t.text(select)[1:] == "PATH"]):
        select = select[: token.start] + path + select[token.end :]
    return select


def _joined_to_focus(select: str, focus: str, path: str | None) -> str:
    """The constraint's SELECT run over all focus nodes: the focus set (as ``?this``) joined first inside
    its WHERE group, ``$PATH`` replaced by the property's path. The query must select ``$this`` (or ``*``):
    pyshacl drops a solution that binds none of ``this``, ``path`` and ``value``."""
    from ..lexing import COMMENT, OPEN, OPERATOR, VAR, WORD, tokens

    if path_substituted(select, "") != select:
        if path is None:
            raise Unsupported("$PATH in a node shape's SPARQL constraint")
        select = path_substituted(select, path)
    words = [t for t in tokens(select) if t.kind != COMMENT]
    texts = [t.text(select) for t in words]
    uppers = [text.upper() if t.kind == WORD else "" for t, text in zip(words, texts)]
    if (
        uppers.count("SELECT") != 1
        or any(u in _NOT_JOINABLE_WORDS for u in uppers)
        or any(t.kind == VAR and text[1:] in _NOT_JOINABLE_VARIABLES for t, text in zip(words, texts))
        or any(u == "AS" and i + 1 < len(words) and texts[i + 1][1:] == "this" for i, u in enumerate(uppers))
    ):
        raise Unsupported("SPARQL constraint whose query is not a plain group of patterns")
    braces = [i for i, t in enumerate(words) if t.kind == OPEN and texts[i] == "{"]
    select_at = uppers.index("SELECT")
    if (
        not braces
        or braces[0] < select_at
        or any(i > 0 and uppers[i - 1] not in _GROUP_OPENERS and i != braces[0] for i in braces)
    ):
        raise Unsupported("SPARQL constraint with nested groups")
    projection = words[select_at + 1 : braces[0]]
    if not any(t.kind == OPERATOR and select[t.start] == "*" for t in projection) and not any(
        t.kind == VAR and t.text(select)[1:] == "this" for t in projection
    ):
        raise Unsupported("SPARQL constraint that does not select $this")
    where = words[braces[0]].start
    return select[: where + 1] + f" {focus.replace('?focus', '?this')} " + select[where + 1 :]


def _sparql_constraints(
    shapes: ShapesGraph,
    shape,
    focus: str,
    *,
    path: str | None,
    path_iri: str | None,
    severity: str,
    message: str | None,
) -> list[CompiledQuery]:
    """The shape's ``sh:sparql`` constraints, each as one query over every focus node."""
    out = []
    for constraint in shapes.objects(shape, SH.sparql):
        if shapes.is_true(constraint, SH.deactivated):
            continue
        selects = shapes.objects(constraint, SH.select)
        if len(selects) != 1 or not isinstance(selects[0], ox.Literal):
            raise Unsupported("sh:sparql without exactly one sh:select string")
        messages = sorted(m.value for m in shapes.objects(constraint, SH.message))
        sparql = _declared_prefixes(shapes, constraint) + _joined_to_focus(selects[0].value, focus, path)
        out.append(
            CompiledQuery(
                sparql,
                _code(shapes, shape),
                path_iri,
                severity,
                messages[0] if messages else message,
                value_is_focus=path is None,
                sparql_constraint=True,
            )
        )
    return out


def _template(message: str | None, bindings: dict[str, str]) -> str | None:
    """A SPARQL constraint's message with ``{?name}`` / ``{$name}`` replaced by the solution's bindings."""
    if not message:
        return message
    return re.sub(r"\{[?$](\w+)\}", lambda m: bindings.get(m.group(1), m.group(0)), message)


def _existence(shapes: ShapesGraph, shape) -> str:
    """A SPARQL boolean for "?focus conforms to ``shape``", for shapes made of minCount 1 properties."""
    parts = [f"EXISTS {{ ?focus {path} ?x }}" for path in _required_paths(shapes, shape)]
    return "(" + " && ".join(parts or ["true"]) + ")"


def _required_paths(shapes: ShapesGraph, shape) -> list[str]:
    """The paths ``shape`` requires a value of, for shapes made of minCount 1 properties."""
    parts = []
    for constraint, value in shapes.predicate_objects(shape):
        if constraint == RDF.type:
            continue
        if constraint == SH.property:
            keys = set(shapes.predicates(value)) - {RDF.type, SH.path, SH.message, SH.name}
            if keys != {SH.minCount} or _int(shapes.value(value, SH.minCount)) != 1:
                raise Unsupported("logical constraint over shapes other than required properties")
            parts.append(_path(shapes, shapes.value(value, SH.path)))
        elif constraint == SH.path and shapes.value(shape, SH.minCount) is not None:
            continue
        elif constraint == SH.minCount and shapes.value(shape, SH.path) is not None:
            if _int(value) != 1:
                raise Unsupported("sh:minCount other than 1 in a logical constraint")
            parts.append(_path(shapes, shapes.value(shape, SH.path)))
        else:
            raise Unsupported(f"{constraint} inside a logical constraint")
    return parts


def _node_queries(shapes: ShapesGraph, shape, focus: str) -> list[CompiledQuery]:
    severity = (shapes.value(shape, SH.severity) or _SEVERITY_DEFAULT).value
    message = shapes.value(shape, SH.message)
    message = message.value if message is not None else None
    out = _sparql_constraints(shapes, shape, focus, path=None, path_iri=None, severity=severity, message=message)
    for constraint, value in shapes.predicate_objects(shape):
        if constraint in _NON_CONSTRAINTS or not constraint.value.startswith(_iris.SH):
            continue
        local_sparql = None
        if constraint in (SH["or"], SH.xone, SH["and"]):
            tests = [_existence(shapes, member) for member in shapes.items(value)]
            if constraint == SH["or"]:
                violated = "!(" + " || ".join(tests) + ")"
                required = [_required_paths(shapes, member) for member in shapes.items(value)]
                if required and all(len(paths) == 1 for paths in required):
                    # none of the alternatives' properties: on Oxigraph, the focus set less the subjects of each
                    # (MINUS, a hash anti-join) takes half the time of three lookups per focus node (EXISTS)
                    local_sparql = (
                        f"SELECT ?focus WHERE {{ {focus} "
                        + " ".join(f"MINUS {{ ?focus {paths[0]} ?x }}" for paths in required)
                        + " }"
                    )
            elif constraint == SH["and"]:
                violated = "!(" + " && ".join(tests) + ")"
            else:  # exactly one holds: no IF(EXISTS …) sum, which Virtuoso does not parse (check --endpoint)
                exactly_one = " || ".join(
                    "(" + " && ".join(t if i == j else f"!{t}" for j, t in enumerate(tests)) + ")"
                    for i in range(len(tests))
                )
                violated = f"!({exactly_one or 'false'})"
        elif constraint == SH["not"]:
            violated = _existence(shapes, value)
        else:
            raise Unsupported(f"node-level {constraint}")
        out.append(
            CompiledQuery(
                f"SELECT ?focus WHERE {{ {focus} FILTER({violated}) }}",
                _code(shapes, shape),
                None,
                severity,
                message,
                value_is_focus=True,
                local_sparql=local_sparql,
            )
        )
    return out


def compile_shapes(shapes: ShapesGraph) -> list[CompiledQuery] | None:
    """All constraints of ``shapes`` as SPARQL, or None when some construct is not covered."""
    try:
        queries: list[CompiledQuery] = []
        # in the order written: the queries, and so the order of their results, are the same on every run
        shape_nodes = dict.fromkeys(
            shapes.subjects(RDF.type, SH.NodeShape)
            + [
                s
                for p in (SH.targetClass, SH.targetObjectsOf, SH.targetSubjectsOf, SH.targetNode)
                for s in shapes.subjects(p)
            ]
        )
        for shape in shape_nodes:
            targets = _targets(shapes, shape)
            if not targets or shapes.is_true(shape, SH.deactivated):
                continue
            if shapes.value(shape, SH.path) is not None:
                raise Unsupported("property shape with its own targets")
            if shapes.is_true(shape, SH.closed):
                raise Unsupported("sh:closed")
            focus = _focus_block(targets)
            for ps in shapes.objects(shape, SH.property):
                queries.extend(_property_queries(shapes, shape, ps, focus))
            queries.extend(_node_queries(shapes, shape, focus))
        return queries
    except Unsupported:
        return None


_PROLOGUE = (
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
)


_TYPE_PATH = re.compile(r"(\?\w+) rdf:type/rdfs:subClassOf\* <([^>]+)>")
_UNTYPED = re.compile(r"NOT EXISTS \{ (\?\w+) rdf:type/rdfs:subClassOf\* <([^>]+)> \}")


def _expand_classes(site, sparql: str, closures: dict[str, set[str]]) -> str:
    """Replace ``?x rdf:type/rdfs:subClassOf* <C>`` by a VALUES list of C and its subclasses.

    The closure is read once per class from where the queries run (``site``, see
    :mod:`claimgraph.sparql.sites`); evaluating the property path in every one of the compiled
    queries was most of their cost on large registries."""
    from ..sparql.sites import type_pattern, untyped_test

    def closure(iri: str) -> set[str]:
        if iri not in closures:
            closures[iri] = site.subclasses(iri) | {iri}
        return closures[iri]

    counter = iter(range(1_000_000))

    def replace(match: re.Match) -> str:
        # the full IRI: a SPARQL constraint's query may declare its own rdf: prefix
        return type_pattern(match.group(1), closure(match.group(2)), f"?cls__{next(counter)}")

    def replace_untyped(match: re.Match) -> str:  # sh:class, written by _value_filter
        return untyped_test(site, match.group(1), closure(match.group(2)), f"?cls__{next(counter)}")

    sparql = _UNTYPED.sub(replace_untyped, sparql)
    return _TYPE_PATH.sub(replace, sparql)


_V = re.compile(r"\?v(?!\w)")


def _merged(focus: str, kind: str, members: list[CompiledQuery]) -> str:
    """One query for constraints of one kind on one focus set: the focus set is computed once, not once
    per constraint (half of SHACL's time at 10,000 claims, when each constraint had its query).
    ``?c__`` (or ``?m<i>``) says which member a solution violates."""
    if kind == "value":
        branches = " UNION ".join(
            f"{{ ?focus {q.merge[1]} ?v . FILTER({q.merge[2]}) BIND({i} AS ?c__) }}" for i, q in enumerate(members)
        )
        return f"SELECT ?focus ?v ?c__ WHERE {{ {focus} {{ {branches} }} }}"
    if kind == "missing":
        binds = " ".join(
            f"BIND(NOT EXISTS {{ {_required(q.merge, f'?v{i}')} }} AS ?m{i})" for i, q in enumerate(members)
        )
        flags = [f"?m{i}" for i in range(len(members))]
        return f"SELECT ?focus {' '.join(flags)} WHERE {{ {focus} {binds} FILTER({' || '.join(flags)}) }}"
    if kind == "count":
        branches = " UNION ".join(f"{{ ?focus {q.merge[1]} ?v BIND({i} AS ?c__) }}" for i, q in enumerate(members))
        over = " || ".join(f"(?c__ = {i} && ?n > {q.merge[2]})" for i, q in enumerate(members))
        return (
            f"SELECT ?focus ?c__ WHERE {{ {{ SELECT ?focus ?c__ (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {focus} "
            f"{{ {branches} }} }} GROUP BY ?focus ?c__ }} FILTER({over}) }}"
        )
    raise ValueError(kind)


def _required(merge: tuple, variable: str) -> str:
    """The pattern a "missing" constraint (``merge``: "missing", path, required object or None, condition on ?v
    or None) requires of ?focus: a value of the path (the object itself, or one for which the condition holds),
    its value variable ``variable`` (each member of a merged query its own)."""
    _kind, path, term, condition = merge
    if term:
        return f"?focus {path} {term}"
    if not condition:
        return f"?focus {path} {variable}"
    return f"?focus {path} {variable} FILTER({_V.sub(variable, condition)})"


#: A class constraint's violating filter as :func:`_value_filter` writes it: the pattern ?v must not match
_NOT_AN_INSTANCE = re.compile(r"NOT EXISTS \{ (\?v rdf:type/rdfs:subClassOf\* <([^>]+)>) \}")

#: A class with at most this many instances (its subclasses' included) is tested as a MINUS of them all
_FEW_INSTANCES = 1000


def _classes_of_few(site, queries: list[CompiledQuery], closures: dict[str, set[str]]) -> set[str]:
    """The classes of the "value" constraints' sh:class with few instances in ``site`` (at most
    :data:`_FEW_INSTANCES`): each counted up to one more than that, a scan of so many type triples at most."""
    from ..sparql.sites import type_pattern

    few = set()
    tests = (_NOT_AN_INSTANCE.fullmatch(q.merge[2]) for q in queries if q.merge and q.merge[0] == "value")
    for iri in sorted({test.group(2) for test in tests if test}):
        if iri not in closures:
            closures[iri] = site.subclasses(iri) | {iri}
        pattern = type_pattern("?x", closures[iri], "?c")
        _names, rows = site.solutions(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ {{ SELECT ?x WHERE {{ {pattern} }} LIMIT {_FEW_INSTANCES + 1} }} }}"
        )
        if int(rows[0][0]["value"]) <= _FEW_INSTANCES:
            few.add(iri)
    return few


def _violations_first(focus: str, members: list[CompiledQuery], classes_of_few: set[str]) -> str:
    """The "value" constraints of one focus set as Oxigraph runs them fastest: the violating values of every
    subject first, then the (few) violators joined with the focus set, instead of the focus set's values
    looked up one focus node at a time (a third of the time of some queries at 10,000 claims). The same rows
    as :func:`_merged`'s: the focus set is DISTINCT, and a filter on ?v alone is true of a value whichever
    subject holds it. A class constraint of a class with few instances (``classes_of_few``) is a MINUS (a hash
    anti-join over them all) instead of a lookup per value: ?v is bound on both sides, so MINUS removes exactly
    what NOT EXISTS would. (Not for a class of many, such as the claims a step points at: hashing them all took
    longer than looking up the few values.)"""

    def violation(expression: str) -> str:
        instance = _NOT_AN_INSTANCE.fullmatch(expression)
        if instance and instance.group(2) in classes_of_few:
            return f"MINUS {{ {instance.group(1)} }}"
        return f"FILTER({expression})"

    branches = " UNION ".join(
        f"{{ ?focus {q.merge[1]} ?v . {violation(q.merge[2])} BIND({i} AS ?c__) }}" for i, q in enumerate(members)
    )
    return f"SELECT ?focus ?v ?c__ WHERE {{ {{ SELECT ?focus ?v ?c__ WHERE {{ {branches} }} }} {focus} }}"


@dataclass
class PlannedQuery:
    """A query as run: one constraint's, or several constraints' merged (``kind`` says how to read it)."""

    sparql: str
    members: list[CompiledQuery]
    kind: str  # "single", "value", "missing" or "count"


def plan(store, queries: list[CompiledQuery]) -> list[PlannedQuery]:
    """The queries to run for ``queries``: constraints of one kind on one focus set merged into one,
    classes expanded from the store (a pyoxigraph store, or any site of :mod:`claimgraph.sparql.sites`),
    prologue added; in a fixed order."""
    site = _site(store)
    planned: list[PlannedQuery] = []
    groups: dict[tuple[str, str], list[CompiledQuery]] = {}
    closures: dict[str, set[str]] = {}
    classes_of_few: set[str] = set()
    if not site.remote:
        unviolated = _unviolated_counts(site, queries)
        queries = [q for q in queries if id(q) not in unviolated]
        classes_of_few = _classes_of_few(site, queries, closures)
    for q in queries:
        # Virtuoso evaluates BIND(NOT EXISTS {…} AS ?m) without the row's ?focus (every flag false):
        # on a remote store each required property gets its own FILTER NOT EXISTS query
        if q.merge and q.focus and not (site.remote and q.merge[0] == "missing"):
            groups.setdefault((q.focus, q.merge[0]), []).append(q)
        else:
            planned.append(
                PlannedQuery(q.local_sparql if q.local_sparql and not site.remote else q.sparql, [q], "single")
            )
    for (focus, kind), members in groups.items():
        if not site.remote and kind == "value":
            planned.append(PlannedQuery(_violations_first(focus, members, classes_of_few), members, "value"))
        elif not site.remote and kind == "missing" and len(members) == 1:
            planned.append(
                PlannedQuery(
                    f"SELECT ?focus WHERE {{ {focus} MINUS {{ {_required(members[0].merge, '?v')} }} }}",
                    members,
                    "single",
                )
            )
        elif len(members) == 1:
            planned.append(PlannedQuery(members[0].sparql, members, "single"))
        else:
            planned.append(PlannedQuery(_merged(focus, kind, members), members, kind))
    for p in planned:
        p.sparql = _PROLOGUE + _expand_classes(site, p.sparql, closures)
    return planned


_SIMPLE_PATH = re.compile(r"<[^<>|]*>")


def _unviolated_counts(site, queries: list[CompiledQuery]) -> set[int]:
    """The ``id`` of every sh:maxCount constraint (of a one-predicate path) that no node of the store can
    violate, whatever the focus set: no subject has two triples of the predicate (each has one value at
    most), or none has any. Read from one count per predicate over the whole store, a scan of its triples
    with no join: a maxCount's own query looks up the values of every focus node and groups them, a third
    of SHACL's time at 10,000 claims, and in a sound registry finds nothing. (A triple held in two graphs
    counts twice: its subject is then not known to be clean, and its query runs.)"""
    counts = [q for q in queries if q.merge and q.merge[0] == "count" and _SIMPLE_PATH.fullmatch(q.merge[1])]
    if not counts:
        return set()
    triples: dict[str, tuple[int, int]] = {}
    for path in sorted({q.merge[1] for q in counts}):
        # one query per predicate: a third cheaper than one grouped by ?p over a VALUES of all of them
        _names, rows = site.solutions(f"SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?d) WHERE {{ ?s {path} ?o }}")
        for n, d in rows:
            triples[path] = (int(n["value"]), int(d["value"]))
    clean = set()
    for q in counts:
        n, subjects = triples.get(q.merge[1], (0, 0))
        if n == 0 or (q.merge[2] >= 1 and n == subjects):
            clean.add(id(q))
    return clean


def _site(store):
    from ..sparql.sites import LocalStore

    return LocalStore(store) if isinstance(store, ox.Store) else store


def run(
    store, queries: list[CompiledQuery], *, timeout: float | None = None, threads: int | None = None
) -> list[Result]:
    """Run the compiled constraints on an Oxigraph store (union of its graphs), or on any site of
    :mod:`claimgraph.sparql.sites` (a remote endpoint), in ``threads`` threads (default: one per
    core, four at most). On a remote site, the owners of blank focus nodes are recorded in
    ``site.blank_owners`` (label -> (owner IRI, linking predicate)).

    Raises :class:`ValidationTimeout` when they are not done within ``timeout`` seconds: a
    registry's own SPARQL constraint can be as slow as any query, and Oxigraph cannot stop a
    query once started, so the queries run in daemon threads that are abandoned at the deadline
    (they end with the process), like ``claimgraph query``'s."""

    def text(cell: dict | None) -> str | None:
        if cell is None:
            return None
        return "_:" + cell["value"] if cell["type"] == "bnode" else cell["value"]

    def term_key(cell: dict) -> tuple:
        return cell["type"], cell["value"], cell.get("datatype"), cell.get("xml:lang")

    def constraint_results(q: CompiledQuery, names: list[str], rows: list) -> list[Result]:
        # one result per distinct solution, as pyshacl reports a per-node run's solutions
        out, seen = [], set()
        for row in rows:
            bound = {name: cell for name, cell in zip(names, row) if cell is not None}
            key = frozenset((name, term_key(cell)) for name, cell in bound.items())
            if key in seen or "this" not in bound:
                continue
            seen.add(key)
            focus = text(bound["this"])
            path = bound.get("path")
            path_iri = path["value"] if path is not None and path["type"] == "uri" else None
            value = text(bound["value"]) if "value" in bound else (focus if q.value_is_focus else None)
            filled = {name: text(cell) for name, cell in bound.items()}
            filled.pop("path", None)
            if path_iri is not None:
                filled["path"] = path_iri
            if value is not None:
                filled["value"] = value
            out.append(
                Result(
                    focus,
                    path_iri if path_iri is not None else q.path,
                    q.severity,
                    _template(q.message, filled),
                    q.code,
                    value,
                )
            )
        return out

    def result(q: CompiledQuery, focus: str, value: str | None = None) -> Result:
        return Result(focus, q.path, q.severity, q.message, q.code, value)

    def one(p: PlannedQuery) -> list[Result]:
        # the whole result in one piece (see solution_cells): row by row, every row would wait for
        # the GIL while the other families of checks run Python beside these threads
        members = p.members
        if site.remote:
            from ..sparql.sites import with_owners, read_owners

            focus_variable = "this" if p.kind == "single" and members[0].sparql_constraint else "focus"
            names, rows = site.solutions(p.sparql)
            at = names.index(focus_variable) if focus_variable in names else None
            if at is not None and any(row[at] is not None and row[at]["type"] == "bnode" for row in rows):
                # asked again with the owners, only when a focus node is blank: the owners' query runs
                # the constraint's query once more, and its owner lookups, for every row
                names, rows = site.solutions(with_owners(p.sparql, [focus_variable]))
            names, rows = read_owners(names, rows, [focus_variable], site.blank_owners, f"q{id(p)}_")
            if not rows:
                return []
            missing = [
                name
                for name in ({"value": ["v", "c__"], "count": ["c__"]}.get(p.kind, []) + [focus_variable])
                if name not in names
            ]
            if missing:
                from ..sparql.sites import EndpointError

                raise EndpointError(f"the endpoint's answer lacks the variable ?{missing[0]} its query selects")
            if p.kind != "single":  # `SELECT *` orders its columns as the store likes: read them by name
                wanted = {
                    "value": ["focus", "v", "c__"],
                    "count": ["focus", "c__"],
                    "missing": ["focus"] + [f"m{i}" for i in range(len(members))],
                }[p.kind]
                rows = [[row[names.index(name)] for name in wanted] for row in rows]
        else:
            names, rows = site.solutions(p.sparql)
        if p.kind == "value":
            return [result(members[int(c["value"])], text(focus), text(v)) for focus, v, c in rows]
        if p.kind == "count":
            return [result(members[int(c["value"])], text(focus)) for focus, c in rows]
        if p.kind == "missing":
            return [
                result(q, text(focus))
                for focus, *flags in rows
                for q, flag in zip(members, flags)
                if flag is not None and flag["value"] in ("true", "1")
            ]
        q = members[0]
        if q.sparql_constraint:
            return constraint_results(q, names, rows)
        focus_at, v_at = names.index("focus"), (names.index("v") if "v" in names else None)
        out = []
        for row in rows:
            focus = text(row[focus_at])
            value = focus if q.value_is_focus else (text(row[v_at]) if q.has_value and v_at is not None else None)
            out.append(Result(focus, q.path, q.severity, q.message, q.code, value))
        return out

    site = _site(store)
    planned = plan(site, queries)
    # Oxigraph evaluates a query without holding the GIL, so two threads use both cores; each
    # result lands at its query's place, so the output does not depend on timing.
    chunks: list[list[Result] | None] = [None] * len(planned)
    next_index = iter(range(len(planned)))
    lock, failures = threading.Lock(), []

    def worker() -> None:
        while not failures:
            with lock:
                i = next(next_index, None)
            if i is None:
                return
            try:
                chunks[i] = one(planned[i])
            except Exception as exc:
                exc.__traceback__ = None  # its frames hold the query's solutions, which must die in this thread
                failures.append(exc)

    threads = [
        threading.Thread(target=worker, name="claimgraph-shacl", daemon=True)
        for _ in range(max(1, min(threads or min(4, os.cpu_count() or 1), len(planned))))
    ]
    for thread in threads:
        start_with_query_stack(thread)  # a registry's own SPARQL constraint may be a very long query
    deadline = None if timeout is None else time.monotonic() + timeout
    for thread in threads:
        thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            raise ValidationTimeout(f"compiled SHACL still running after {timeout:g} s: abandoned")
    if failures:
        raise failures[0]
    return [r for chunk in chunks for r in chunk]
