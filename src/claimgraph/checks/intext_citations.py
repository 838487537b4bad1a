"""The citation as printed must agree with the bibliography entry it stands for.

``cg:inTextCitation "Sunberg, 2023"`` against an entry whose first author is
Sundberg gives a warning showing the entry's spelling. Names are compared
without case or accents; what follows the first author ("et al.", "& Li",
"y Nemecek", "u. a.", "en Maes", "e.a.", "et ses coauteurs") and lead-ins such as "p. ex.",
"según", "vgl." or "volgens" are ignored, in English, French, German, Spanish,
Italian, Portuguese and Dutch; an organisation may be cited by its initials (IEA for
International Energy Agency) or by the entry's ``shortauthor``, which the
hint proposes when the initials are not those printed ("FAO"). A year suffix
(2025a, 2025b) must match the entry key's suffix, so IEA 2025a and IEA 2025b
map to distinct entries. docs/findings.md ("In-text citations") lists the words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass
from typing import Iterable

from ..findings import Finding
from ..loading.bibtex import BibEntry, family_name, strip_braces, without_von
from ..namespaces import CG
from ..registry import Registry

#: Words that may stand before the names, in the languages claimgraph reads (English, French, German and
#: Spanish, as docs/numbers.md lists them) and in Italian, Portuguese and Dutch, whose conjunctions (``e``,
#: ``en``) and ``et al.`` are read too: "e.g.", "voir", "según", "vgl.", "secondo", "segundo", "volgens"… Each may be followed by a
#: comma or a colon ("see, e.g., Poore 2018" loses both).
_LEAD_IN_WORDS = (
    # English
    r"e\.\s*g\.",
    r"i\.\s*e\.",
    r"see(?:\s+also)?",
    r"cf\.?",
    r"according\s+to",
    # French
    r"p\.\s*ex\.?",
    r"par\s+exemple",
    r"voir(?:\s+aussi|\s+par\s+exemple)?",
    r"selon",
    r"d['’]apr[eè]s",
    # Spanish
    r"seg[uú]n",
    r"v[eé]ase(?:\s+tambi[eé]n)?",
    r"ver(?:\s+tambi[eé]n)?",
    r"p\.\s*ej\.?",
    r"por\s+ejemplo",
    r"cfr\.?",
    r"de\s+acuerdo\s+con",
    # German
    r"siehe(?:\s+auch)?",
    r"vgl\.?",
    r"laut",
    r"z\.\s*B\.?",
    r"gem[aä](?:ß|ss)",
    r"nach",
    # Italian
    r"secondo",
    r"vedi(?:\s+anche)?",
    r"si\s+veda",
    r"ad\s+es\.?",
    r"per\s+esempio",
    # Portuguese
    r"segundo",
    r"veja(?:\s+tamb[eé]m)?",
    r"por\s+exemplo",
    r"conforme",
    r"de\s+acordo\s+com",
    # Dutch ("vgl." is German's too)
    r"volgens",
    r"zie(?:\s+ook|\s+bijvoorbeeld)?",
    r"bijv\.?",
    r"bijvoorbeeld",
    r"o\.\s*a\.?",
)
_LEAD_IN = re.compile(r"^(?:" + "|".join(_LEAD_IN_WORDS) + r")[,:]?\s+", re.IGNORECASE)
_ITEM = re.compile(r"^(?P<names>.*?)[\s,(]+(?P<year>\d{4})(?P<suffix>[a-z]?)\)?\s*$")
#: An article before an organisation's name ("l'IEA", "la FAO", "el IPCC", "die OECD")
_ARTICLE = re.compile(
    r"^(?:l['’]|d['’]|(?:la|le|les|the|el|los|las|der|die|das|il|lo|gli|o|os|a|as)\s+)", re.IGNORECASE
)
#: Where the first author's name may end: a comma, "&", "et al." and its translations ("et ses coauteurs",
#: "u. a.", Dutch "e.a."), and the conjunctions joining two authors ("and", "et", "y" and "e" in Spanish, "und"
#: and "u.", "e" and "ed" in Italian and Portuguese, "en" in Dutch). What follows ("col.", "otros", "Nemecek")
#: is not read: only the first author is compared.
_NAME_END = re.compile(
    r"\s+(?:et\s+al\.?|et\s+ses\s+co-?auteurs|u\.\s*a\.|e\.\s*a\.|and|et|und|u\.|y|e|ed|en)(?![^\W_])"
    r"|\s*&\s*|,",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CitedItem:
    printed: str  # this item as the citation writes it ("Mekonnen y Hoekstra (2012)")
    name: str  # the first author's name as most likely read ("Mekonnen")
    year: str
    suffix: str
    #: every way the names may be read: with and without a lead-in or an article, cut at each place a name may
    #: end ("Ortega y Gasset" is one family name, "Poore y Nemecek" two authors: both are kept)
    readings: tuple[str, ...] = ()


@lru_cache(maxsize=65536)  # the same names and families come back once per citing claim
def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in decomposed if not unicodedata.combining(c)).lower())


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> tuple[CitedItem, ...]:
    return tuple(parse_citation(text))


def _as_printed(part: str) -> str:
    """One item of a citation as written: without the parentheses that wrap the whole citation ("(Poore,
    2018)", or the "(" and ")" a ";" left on the first and last items), with those of a year it prints
    after the names ("Mekonnen y Hoekstra (2012)")."""
    part = part.strip()
    while part.startswith("(") and part.count("(") > part.count(")"):
        part = part[1:].strip()
    while part.endswith(")") and part.count(")") > part.count("("):
        part = part[:-1].strip()
    while part.startswith("(") and part.endswith(")") and _closing(part, 0) == len(part) - 1:
        part = part[1:-1].strip()
    return part


def _closing(text: str, opening: int) -> int:
    """Where the parenthesis opened at ``opening`` closes (-1 if it does not)."""
    depth = 0
    for i in range(opening, len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return i
    return -1


def _strip_lead_ins(names: str) -> str:
    while True:
        shorter = _LEAD_IN.sub("", names, count=1)
        if shorter == names:
            return names
        names = shorter


def _readings(names: str) -> tuple[str, list[str]]:
    """The most likely first author's name in ``names``, and every reading that may be it."""
    bases = []
    for base in (names, _strip_lead_ins(names)):
        for variant in (base, _ARTICLE.sub("", base)):
            variant = variant.strip()
            if variant and variant not in bases:
                bases.append(variant)
    readings: list[str] = []
    for base in bases:
        cuts = [base[: m.start()].strip() for m in _NAME_END.finditer(base)] + [base]
        readings.extend(cut for cut in cuts if cut and cut not in readings)
    # the likely name: what is left once the lead-ins and an article are gone, if it starts as a name does
    # ("según la FAO": FAO); else the words as written ("Das et al.", "Segundo y Pérez" are names)
    likely = next((base for base in reversed(bases) if base[:1].isupper()), bases[0] if bases else "")
    return _NAME_END.split(likely)[0].strip(), readings


def parse_citation(text: str) -> list[CitedItem]:
    """ "Sundberg, 2023 ; Luccioni et al., 2023" -> two items; unparseable parts are skipped."""
    items = []
    for part in re.split(r"\s*;\s*", text.strip()):
        printed = _as_printed(part)
        match = _ITEM.match(printed)
        if not match:
            continue
        likely, readings = _readings(match.group("names").strip().strip("(").strip())
        if likely:
            items.append(CitedItem(printed, likely, match.group("year"), match.group("suffix"), tuple(readings)))
    return items


def _acronym(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[^\W\d_]+", name) if w[0].isupper())


def is_organisation(entry: BibEntry) -> bool:
    """Whether the entry's first author is an organisation, written whole in braces ({{Food and Agriculture
    Organization}})."""
    first = entry.authors[0].strip() if entry.authors else ""
    return first.startswith("{") and first.endswith("}") and first.count("{") == 1


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


def item_names(item: CitedItem, entry: BibEntry) -> bool:
    """Whether one of the item's readings names the entry's first author."""
    forms = _name_forms(entry)
    return any(fold(reading) in forms for reading in item.readings or (item.name,))


def year_matches(item: CitedItem, entry: BibEntry) -> bool:
    if entry.year != item.year:
        return False
    if item.suffix:
        return (
            entry.key.endswith(item.year + item.suffix)
            or strip_braces(entry.fields.get("extradate", "")) == item.suffix
        )
    return True


def _what_differs(item: CitedItem, entry: BibEntry, forms: set[str]) -> str | None:
    """Why an item printing the entry's first author's name still does not name the entry, in words: a word
    before the name that is not read as a lead-in, or what follows the name ("och Maes": a word not read as
    joining two authors, before the entry's second author or another name); None when the item does not print
    the name (then the names differ, and the message says so). A message never sets the same name against
    itself ("printed “Vermeulen en Maes, 2022”, but the entry has first author “Vermeulen”")."""
    match = _ITEM.match(item.printed)
    words = match.group("names").strip("( ").split() if match else []
    for start in range(len(words)):
        end = next(
            (end for end in range(len(words), start, -1) if fold(" ".join(words[start:end])) in forms),
            None,
        )
        if end is None:
            continue
        name, before, after = " ".join(words[start:end]), words[:start], words[end:]
        if before:
            if any(w[:1].isupper() for w in before):
                return None  # another name first ("Maes och Vermeulen"): the names differ
            return (
                f"\u201c{' '.join(before)}\u201d before {name}, the entry's first author, is not read as a word "
                "that may stand before the names"
            )
        if not after:
            return None
        second = family_name(entry.creators[1]) if len(entry.creators) > 1 else ""
        seconds = {fold(second), fold(without_von(second))} - {""}
        for split in range(1, len(after)):
            if fold(" ".join(after[split:])) in seconds:
                return (
                    f"{name} and {' '.join(after[split:])} are the entry's first two authors, but "
                    f"\u201c{' '.join(after[:split])}\u201d between them is not read as a word joining two authors"
                )
        named_second = f" (its second author is {second})" if second else ""
        return (
            f"{name} is the entry's first author, but \u201c{' '.join(after)}\u201d after the name is not read as a "
            f"second author joined by a word claimgraph knows, nor as \u201cet al.\u201d{named_second}"
        )
    return None


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
        for reading in item.readings or (item.name,):
            if reading not in folded:
                folded[reading] = fold(reading)
            if folded[reading] in forms[key]:
                return True
        return False

    for claim, printed in sorted(printed_by_claim.items()):
        items = _parse_cached(printed)
        keys = sorted(set(cited_by_claim.get(claim, ())))
        for key in keys:
            if key not in forms:
                forms[key] = _name_forms(registry.sources[key])
        for key in keys:
            entry = registry.sources[key]
            if any(names(i, key) and year_matches(i, entry) for i in items):
                continue
            family = entry.first_author_family or "(no author)"
            # "(Poore, 2018; FAO, 2018)" citing Poore2018 and FAO2018: the item about FAO2018 is the one
            # naming no other entry the claim cites
            others = [k for k in keys if k != key]
            free = [i for i in items if not any(names(i, k) and year_matches(i, registry.sources[k]) for k in others)]
            same_year = [i for i in free if year_matches(i, entry)]
            same_name = [i for i in free if names(i, key)]
            hint = (
                "keep cg:inTextCitation as printed; this records the mistake of the work that prints it "
                "(or fix cg:cites if the wrong entry is cited)"
            )
            # an item printing the entry's first author: what else differs, never "Vermeulen" against "Vermeulen"
            differs = {id(i): _what_differs(i, entry, forms[key]) for i in free}
            if same_year and differs[id(same_year[0])]:
                item = same_year[0]
                message = f"printed \u201c{item.printed}\u201d, citing entry {key}: {differs[id(item)]}"
            elif same_year:
                item = same_year[0]
                message = f"printed \u201c{item.printed}\u201d, but entry {key} has first author \u201c{family}\u201d"
                if is_organisation(entry):
                    # "FAO" for {{Food and Agriculture Organization of the United Nations}} (FAOUN) or for its
                    # Spanish name (ONUAA): the initials read from a name's capitals are not always the ones used
                    initials = f", {_acronym(family)}" if " " in family else ""
                    hint = (
                        f"if \u201c{item.name}\u201d is how the organisation is known, add `shortauthor = "
                        f"{{{item.name}}}` to the BibTeX entry {key} (an organisation is otherwise recognised by its "
                        f"full name or its initials{initials}); else " + hint
                    )
            elif same_name:
                item = same_name[0]
                message = (
                    f"printed \u201c{item.printed}\u201d, but entry {key} is dated "
                    f"{entry.year or 'without a year'}" + (" (key suffix)" if item.suffix else "")
                )
            elif any(differs.values()):
                item = next(i for i in free if differs[id(i)])
                message = (
                    f"printed \u201c{item.printed}\u201d, citing entry {key}: {differs[id(item)]}; and the entry is "
                    f"dated {entry.year or 'without a year'}"
                )
            else:
                message = (
                    f"the citation as printed (\u201c{printed}\u201d) does not name entry {key} "
                    f"({family}, {entry.year or 'no year'})"
                )
            yield registry.finding("CG302", message, subject=claim, predicate=predicate, hint=hint)
