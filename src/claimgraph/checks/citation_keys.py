"""Every source a claim or a quote points at must be an entry of the bibliography.

An unknown key is an error with a "did you mean" built from the nearest keys,
compared case-insensitively so ``sundberg2023`` finds ``Sundberg2023``.
"""

from __future__ import annotations

import difflib
from typing import Iterable

from ..findings import Finding
from ..registry import Registry

_POINTERS = """
SELECT ?subject ?predicate ?target WHERE {
  GRAPH ?g { ?subject ?predicate ?target }
  VALUES ?predicate { cg:cites cg:primarySource cg:inSource }
  FILTER(isIRI(?target))
}
"""


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def suggest(key: str, keys: Iterable[str], n: int = 3) -> list[str]:
    """Nearest keys: same key in another case, else one edit away, else difflib's closest."""
    by_fold = {k.casefold(): k for k in keys}
    if key.casefold() in by_fold:  # only the case differs: that is the answer
        return [by_fold[key.casefold()]]
    folded = key.casefold()
    # one insertion, deletion or substitution away (a typo): found by comparing deletion sets,
    # which stays fast with thousands of keys, unlike difflib
    near = sorted(k for k in by_fold if abs(len(k) - len(folded)) <= 1 and (
        k in _deletions(folded) or folded in _deletions(k) or _deletions(k) & _deletions(folded)))
    if near:
        return [by_fold[k] for k in near[:n]]
    # otherwise only keys of about the same length can reach difflib's cutoff
    candidates = [k for k in by_fold if abs(len(k) - len(folded)) <= max(3, len(folded) // 3)]
    close = difflib.get_close_matches(folded, candidates, n=n, cutoff=0.6)
    return [by_fold[c] for c in close]


def check(registry: Registry) -> Iterable[Finding]:
    keys = registry.sources.keys()
    for row in registry.select(_POINTERS):
        target = row["target"]
        key = registry.key_of(target)
        if key is not None and key in registry.sources:
            continue
        if key is None and target.startswith(registry.settings.base):
            continue  # a claim or another registry node: the shapes say whether that is allowed
        shown = key if key is not None else target
        guesses = suggest(shown, keys)
        hint = ("did you mean " + " or ".join(f"`{g}`" for g in guesses) + "?") if guesses else \
            "add an entry with this key to a file in bib/, or correct the key"
        subject = row["subject"]
        if subject.startswith("_:"):
            subject = registry.owner_of(subject) or subject
        predicate = row["predicate"].rsplit("#", 1)[-1]
        yield registry.finding(
            "CG301", f"cg:{predicate} names source key {shown!r}, which is not in the bibliography",
            subject=subject, predicate=row["predicate"], hint=hint)
