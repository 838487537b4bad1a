"""Every source a claim, a quote or a step points at must be an entry of the bibliography.

The properties are read from the vocabulary: every object property whose range, its own or
inherited, is ``cg:Source`` (``cg:cites``, ``cg:primarySource``, ``cg:inSource``, ``cg:partOf``…).
References to the other registry nodes are :mod:`.references`' (CG308, CG309).

An unknown key is an error with a "did you mean" built from the nearest keys,
compared case-insensitively so ``sundberg2023`` finds ``Sundberg2023``. So is a
pointer at something that is no source at all: a claim (``cg:cites <claim/x>``),
the registry itself (``cg:cites <>``), a page elsewhere on the web.

One claim naming the same unknown key twice (``cg:cites`` and its quote's ``cg:inSource``) is one
finding naming both properties: one entry is missing, and adding it mends both. A key is not said
to be missing while a BibTeX entry that may hold it did not load (a block that did not parse, a file
not read): that loading error is the finding.
"""

from __future__ import annotations

from typing import Iterable

from ..findings import Finding
from ..namespaces import CG
from ..registry import Registry
from ..suggestions import KeySuggester

# First the distinct targets (about one per source), then who points at the unknown ones:
# reading every pointer of a large registry into Python would cost more than the check.
_TARGETS = """
SELECT DISTINCT ?target WHERE {
  VALUES ?predicate { %s }
  ?subject ?predicate ?target .
  FILTER(isIRI(?target))
}
"""

# every (predicate, target) pair named, so that each is looked up: given as two VALUES lists, Oxigraph read
# every triple of the store (0.02 s at 10,000 claims for 55 unknown targets, 3 s for 10,000)
_POINTERS = """
SELECT ?subject ?predicate ?target WHERE {
  VALUES (?predicate ?target) { %s }
  ?subject ?predicate ?target .
}
"""


#: What the check asks about when the vocabulary is not loaded (``load(with_ontology=False)``).
_SOURCE_PROPERTIES = (CG.cites, CG.primarySource, CG.inSource, CG.partOf)


def source_properties(registry: Registry) -> tuple[str, ...]:
    """The object properties whose range is ``cg:Source``, read from the vocabulary."""
    from .references import property_ranges

    found = tuple(sorted(p for p, ranges in property_ranges(registry).items() if CG.Source in ranges))
    return found or _SOURCE_PROPERTIES


def check(registry: Registry) -> Iterable[Finding]:
    suggester = KeySuggester(registry.sources.keys())
    predicates = source_properties(registry)
    properties = " ".join(f"<{p}>" for p in predicates)
    unknown = []
    for row in registry.select(_TARGETS % properties):
        target = row["target"]
        key = registry.key_of(target)
        if key is not None and key in registry.sources:
            continue
        # anything else is reported, registry nodes included: no shape checks that cg:cites
        # points at a cg:Source, and a claim cited as a source is a citation nobody can follow
        unknown.append(target)
    if not unknown:
        return
    not_loaded = registry.source_keys_not_loaded()
    rows = registry.select(_POINTERS % " ".join(f"(<{p}> <{t}>)" for p in predicates for t in unknown))
    # the properties naming each target, by the claim (step, source…) they are part of: a quote's cg:inSource
    # belongs to its claim, which names the same key in cg:cites
    pointers: dict[tuple[str, str], list[str]] = {}
    for row in sorted(rows, key=lambda r: (r["target"], r["subject"], r["predicate"])):
        subject = row["subject"]
        if subject.startswith("_:"):
            subject = registry.owner_of(subject) or subject
        named = pointers.setdefault((row["target"], subject), [])
        if row["predicate"] not in named:
            named.append(row["predicate"])
    for (target, subject), named in sorted(pointers.items()):
        named.sort()  # cg:cites before cg:inSource: the line is the claim's own citation
        key = registry.key_of(target)
        if key and registry.may_be_a_dropped_source(key, not_loaded):
            continue  # the entry may be one the loader dropped: its loading error is the finding
        predicate = " and cg:".join(p.rsplit("#", 1)[-1] for p in named)
        if key:
            guesses = suggester(key)
            hint = (
                ("did you mean " + " or ".join(f"`{g}`" for g in guesses) + "?")
                if guesses
                else "add an entry with this key to a file in bib/, or correct the key"
            )
            message = f"cg:{predicate} {'name' if len(named) > 1 else 'names'} source key {key!r}, which is not in the bibliography"
        else:
            base = registry.settings.base
            shown = "<" + (target[len(base) :] if target.startswith(base) else target) + ">"
            where = registry.locations.get(target)
            what = (
                "the registry itself"
                if target == base
                else f"defined at {where.file}:{where.line}"
                if where
                else "not in the bibliography"
            )
            message = f"cg:{predicate} points at {shown}, which is no source: {what}"
            hint = "point it at a BibTeX entry as <source/KEY> (add the entry to a file in bib/ if need be)"
        # the missing source is what the finding is about too: its page (which says the key is not in the
        # bibliography) lists it
        related = (target,) if key else ()
        yield registry.finding("CG301", message, subject=subject, predicate=tuple(named), hint=hint, related=related)
