"""The citation as printed must agree with the bibliography entry it stands for.

``cg:inTextCitation "Sunberg, 2023"`` against an entry whose first author is
Sundberg gives a warning showing the entry's spelling. Names are compared
without case or accents; "et al.", "& Li", "et ses coauteurs", and lead-ins
such as "p. ex." or "voir" are ignored; an organisation may be cited by its
initials (IEA for International Energy Agency) or by the entry's
``shortauthor``. A year suffix (2025a, 2025b) must match the entry key's
suffix, so IEA 2025a and IEA 2025b map to distinct entries.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass
from typing import Iterable

from ..findings import Finding
from ..loading.bibtex import BibEntry, strip_braces, without_von
from ..namespaces import CG
from ..registry import Registry

_LEAD_INS = re.compile(
    r"^(?:p\.\s*ex\.?|par\s+exemple|voir(?:\s+par\s+exemple)?|cf\.?|e\.g\.,?|see|selon|"
    r"according\s+to)\s+",
    re.IGNORECASE,
)
_ITEM = re.compile(r"^(?P<names>.*?)[\s,(]+(?P<year>\d{4})(?P<suffix>[a-z]?)\)?\s*$")
_ARTICLE = re.compile(r"^(?:l['’]|la\s+|le\s+|les\s+|the\s+|d['’])", re.IGNORECASE)


@dataclass(frozen=True)
class CitedItem:
    printed: str
    name: str
    year: str
    suffix: str


@lru_cache(maxsize=65536)  # the same names and families come back once per citing claim
def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in decomposed if not unicodedata.combining(c)).lower())


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> tuple[CitedItem, ...]:
    return tuple(parse_citation(text))


def parse_citation(text: str) -> list[CitedItem]:
    """ "Sundberg, 2023 ; Luccioni et al., 2023" -> two items; unparseable parts are skipped."""
    items = []
    for part in re.split(r"\s*;\s*", text.strip().strip("()")):
        match = _ITEM.match(part.strip())
        if not match:
            continue
        names = _LEAD_INS.sub("", match.group("names").strip().strip("(").strip())
        names = _ARTICLE.sub("", names)
        first = re.split(r"\s+(?:et\s+al\.?|et\s+ses\s+co-?auteurs|and|et|&)\b|\s*&\s*|,", names)[0].strip()
        if first:
            items.append(CitedItem(part.strip(), first, match.group("year"), match.group("suffix")))
    return items


def _acronym(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", name) if w[0].isupper())


def _name_forms(entry: BibEntry) -> set[str]:
    """The names (folded) a citation may print for ``entry``: its first author's family name (with its von
    part or without), its short author, the family name's acronym."""
    family = entry.first_author_family or ""
    # "van der Berg, 2021" and "Berg, 2021" both cite Jan van der Berg
    candidates = {fold(family), fold(without_von(family))}
    if entry.fields.get("shortauthor"):
        candidates.add(fold(strip_braces(entry.fields["shortauthor"])))
    if " " in family:
        candidates.add(fold(_acronym(family)))
    return candidates


def name_matches(printed: str, entry: BibEntry) -> bool:
    return fold(printed) in _name_forms(entry)


def year_matches(item: CitedItem, entry: BibEntry) -> bool:
    if entry.year != item.year:
        return False
    if item.suffix:
        return (
            entry.key.endswith(item.year + item.suffix)
            or strip_braces(entry.fields.get("extradate", "")) == item.suffix
        )
    return True


_ROWS = """
SELECT ?claim ?printed ?source WHERE {
  ?claim cg:inTextCitation ?printed .
  ?claim cg:cites ?source .
}
"""


def check(registry: Registry) -> Iterable[Finding]:
    printed_by_claim: dict[str, str] = {}
    cited_by_claim: dict[str, list[str]] = {}
    for row in registry.select(_ROWS):
        printed_by_claim[row["claim"]] = row["printed"]
        key = registry.key_of(row["source"])
        if key in registry.sources:
            cited_by_claim.setdefault(row["claim"], []).append(key)
    predicate = str(CG.inTextCitation)
    # each entry's names and each printed name folded once (10,000 claims cite a thousand entries)
    forms: dict[str, set[str]] = {}
    folded: dict[str, str] = {}

    def names(item: CitedItem, key: str) -> bool:
        if item.name not in folded:
            folded[item.name] = fold(item.name)
        return folded[item.name] in forms[key]

    for claim, printed in sorted(printed_by_claim.items()):
        items = _parse_cached(printed)
        for key in sorted(set(cited_by_claim.get(claim, ()))):
            entry = registry.sources[key]
            if key not in forms:
                forms[key] = _name_forms(entry)
            if any(names(i, key) and year_matches(i, entry) for i in items):
                continue
            family = entry.first_author_family or "(no author)"
            same_year = [i for i in items if year_matches(i, entry)]
            same_name = [i for i in items if names(i, key)]
            if same_year:
                item = same_year[0]
                message = f"printed \u201c{item.printed}\u201d, but entry {key} has first author \u201c{family}\u201d"
            elif same_name:
                item = same_name[0]
                message = (
                    f"printed \u201c{item.printed}\u201d, but entry {key} is dated "
                    f"{entry.year or 'without a year'}" + (" (key suffix)" if item.suffix else "")
                )
            else:
                message = (
                    f"the citation as printed (\u201c{printed}\u201d) does not name entry {key} "
                    f"({family}, {entry.year or 'no year'})"
                )
            yield registry.finding(
                "CG302",
                message,
                subject=claim,
                predicate=predicate,
                hint="keep cg:inTextCitation as printed; this records the mistake of the work that prints it "
                "(or fix cg:cites if the wrong entry is cited)",
            )
