"""Nearest names to a mistyped one, for the "did you mean …?" of a message (citation keys, node IRIs)."""

from __future__ import annotations

import difflib
from typing import Iterable


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class KeySuggester:
    """Nearest keys to a mistyped one: same key in another case, else one edit away, else difflib's closest.

    The one-edit lookup uses an index of every key's one-character deletions (built once),
    so suggesting for many bad keys in a large bibliography stays fast, unlike difflib alone.
    """

    def __init__(self, keys: Iterable[str]):
        self.by_fold = {k.casefold(): k for k in keys}
        self.deleted: dict[str, set[str]] = {}
        for folded in self.by_fold:
            for variant in _deletions(folded) | {folded}:
                self.deleted.setdefault(variant, set()).add(folded)

    def __call__(self, key: str, n: int = 3) -> list[str]:
        folded = key.casefold()
        if folded in self.by_fold:  # only the case differs: that is the answer
            return [self.by_fold[folded]]
        near: set[str] = set()
        for variant in _deletions(folded) | {folded}:  # deletion, insertion or substitution
            near |= self.deleted.get(variant, set())
        if near:
            return [self.by_fold[k] for k in sorted(near)[:n]]
        # otherwise only keys of about the same length can reach difflib's cutoff
        candidates = [k for k in self.by_fold if abs(len(k) - len(folded)) <= max(3, len(folded) // 3)]
        return [self.by_fold[c] for c in difflib.get_close_matches(folded, candidates, n=n, cutoff=0.6)]


def suggest(key: str, keys: Iterable[str], n: int = 3) -> list[str]:
    """Nearest keys to ``key`` among ``keys`` (see :class:`KeySuggester`)."""
    return KeySuggester(keys)(key, n)
