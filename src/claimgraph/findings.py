"""The one record every check produces, and the catalogue of finding codes.

A :class:`Finding` is what a reader needs to act: what is wrong (``message``),
where (``file``/``line``/``subject``) and what to do (``hint``). SHACL results,
loader errors and citation checks all become findings, and every output format
(text, JSON, GitHub annotations, SARIF, JUnit) is only a view of the list.

Codes are stable: ``CG1xx`` loading, ``CG2xx`` SHACL shapes (declared in
``ontology/shapes.ttl`` with ``cg:findingCode``), ``CG3xx`` citation checks.
Each code has an entry in ``docs/findings.md``; a test keeps the two in step.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

DOCS_URL = "https://w3id.org/claimgraph/docs/findings"


class Severity(enum.IntEnum):
    """How bad a finding is; ``--fail-level`` compares against this order."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r}: use error, warning or info") from None


@dataclass(frozen=True, order=True)
class Finding:
    """One problem, located. ``file`` is relative to the registry root."""

    file: str | None
    line: int | None
    code: str
    severity: Severity
    message: str
    subject: str | None = None
    hint: str | None = None
    #: Nodes a finding concerns beyond its subject (conflicts list every claim party to them; an unknown
    #: source key names the source's IRI): the site lists the finding on their pages too.
    related: tuple[str, ...] = field(default=(), compare=False)
    #: The numbers behind the message, as data (``(("claimed", 3.0), ("recomputed", 1.63))``): a
    #: verdict or a report that shows them reads these, never the message's wording.
    facts: tuple[tuple[str, object], ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        # ``related`` names the *other* nodes: a check listing every party to a conflict (CG340, CG342) or
        # a pair (CG341), a plug-in or a remote check may include the subject; it is dropped here, once for all
        if self.subject is not None and self.subject in self.related:
            object.__setattr__(self, "related", tuple(r for r in self.related if r != self.subject))

    def fact(self, name: str, default: object = None) -> object:
        return next((value for key, value in self.facts if key == name), default)

    @property
    def doc_url(self) -> str:
        return doc_url(self.code)

    def as_dict(self) -> dict:
        # field by field, in the order of the fields: dataclasses.asdict deep-copies every value only for
        # most of them to be replaced, which was most of the time of a JSON report and of the check cache
        info = CODES.get(self.code)
        return {
            "file": self.file,
            "line": self.line,
            "code": self.code,
            "severity": self.severity.label,
            "message": self.message,
            "subject": self.subject,
            "hint": self.hint,
            "related": list(self.related),
            "facts": {key: _jsonable(value) for key, value in self.facts},
            "doc": doc_url(self.code),
            "name": info.name if info is not None else None,
        }


@dataclass(frozen=True)
class CodeInfo:
    code: str
    name: str
    severity: Severity
    summary: str
    #: Something was left out of the graph (a file, a BibTeX entry or field not loaded): a site, an
    #: export, a listing or a comparison made of the rest would be partial without saying so. Other
    #: load findings (a claim defined twice, an ill-typed literal) leave the data in, and the check
    #: report published with it says what is wrong.
    leaves_data_out: bool = False
    #: Where the code is documented, for codes a check plug-in declares (claimgraph's own are in
    #: docs/findings.md).
    doc: str | None = None


#: The codes whose findings leave data out of the graph (see :attr:`CodeInfo.leaves_data_out`).
_LEAVE_DATA_OUT = frozenset(
    {
        "CG100",
        "CG101",
        "CG102",
        "CG103",
        "CG105",
        "CG106",
        "CG107",
        "CG108",
        "CG110",
        "CG111",
        "CG113",
        "CG114",
        "CG123",
    }
)


def _codes(*rows: tuple[str, str, Severity, str]) -> dict[str, CodeInfo]:
    return {code: CodeInfo(code, name, sev, summary, code in _LEAVE_DATA_OUT) for code, name, sev, summary in rows}


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

#: Codes produced in Python. SHACL codes (CG2xx) live on the shapes themselves.
CODES: dict[str, CodeInfo] = _codes(
    (
        "CG100",
        "registry-unreadable",
        E,
        "A registry file or folder could not be read, or is not a regular file (a FIFO, a device), or one of the registry's folders (claims/, bib/, shapes/, queries/) is not a folder (its files were not read).",
    ),
    (
        "CG101",
        "turtle-syntax",
        E,
        "A Turtle file does not parse as Turtle 1.1 (RDF 1.2 triple terms, reifiers and annotations included); the message gives line and column.",
    ),
    ("CG102", "bad-encoding", E, "A file is not valid UTF-8 (a BOM is accepted)."),
    (
        "CG103",
        "base-overridden",
        E,
        "A claims file declares @base or BASE; the registry fixes the base IRI, so the file is not loaded.",
    ),
    (
        "CG104",
        "claim-defined-twice",
        E,
        "The same subject (a claim, a step, a measurand…) is defined twice: in two files, or in one file by a "
        "later statement giving its type again (`claim:x a cg:Claim` twice). The checks that would read one of its several values (its statement, its value, its status) as "
        "the claim's leave it alone until one definition is left.",
    ),
    ("CG105", "bibtex-syntax", E, "A BibTeX block could not be parsed and was dropped."),
    ("CG106", "bibtex-duplicate-key", E, "Two BibTeX entries share a key, or keys that differ only by case."),
    ("CG107", "bibtex-duplicate-field", E, "A BibTeX entry repeats a field; the parser would drop the whole entry."),
    (
        "CG108",
        "bibtex-bad-key",
        E,
        "A BibTeX key has characters outside A-Z a-z 0-9 _ - : . (spaces, invisible or confusable characters) or no letter or digit (`.`, `..`): it cannot name a source, and the entry is skipped.",
    ),
    (
        "CG109",
        "settings-invalid",
        E,
        "claimgraph.toml does not read: a TOML syntax error, an unknown key, a missing or malformed field. `check` reports it in every format (exit 1) and checks nothing else; the other commands stop on it (exit 2).",
    ),
    (
        "CG110",
        "bibtex-suspect-field",
        E,
        "A BibTeX field swallowed the next one (missing comma), is no BibTeX value (parts not joined by #: the field is left out), uses an undefined @string macro (in the field or in an @string; a macro is defined only below its @string), holds a control character (the field is left out; between entries, an entry there was not read) or a year that is not four ASCII digits (the entry gets no year); an @string whose macros would add more text than a file may hold is left without a value, with the fields using it.",
    ),
    ("CG111", "file-too-large", E, "A file is over the documented size limit."),
    (
        "CG112",
        "shapes-invalid",
        E,
        "An extra shapes file of the registry does not parse, uses unknown sh: terms, an invalid sh:pattern, a SPARQL constraint whose query does not parse or uses an undeclared prefix, or SPARQL that would reach the network (SERVICE, FROM, LOAD); it was not used.",
    ),
    (
        "CG113",
        "outside-registry",
        E,
        "A file is a symlink leading outside the registry, or a symlink loop; it was skipped.",
    ),
    (
        "CG114",
        "nesting-too-deep",
        E,
        "Blank nodes nested deeper, or a collection longer, than the limits in docs/limits.md; the file was not loaded.",
    ),
    (
        "CG115",
        "ill-typed-literal",
        E,
        'A literal\'s lexical form is not valid for its XSD datatype ("2023-13-45"^^xsd:date).',
    ),
    (
        "CG116",
        "suspicious-identifier",
        E,
        "An IRI holds an invisible character (zero-width space, bidi control) or mixes Latin letters with look-alikes from another script.",
    ),
    (
        "CG117",
        "shape-target-empty",
        W,
        "A target of an extra shape matches nothing in the registry: the shape checks nothing.",
    ),
    ("CG118", "shacl-timeout", E, "SHACL validation ran over its time limit (see docs/limits.md) and was stopped."),
    (
        "CG119",
        "identifier-twins",
        W,
        "Two defined IRIs (claims, steps, measurands, sources) differ only by letter case or Unicode normalisation, or one is not in Unicode NFC: they look like one node, and case-insensitive file systems and the site's page names take them for one.",
    ),
    ("CG120", "shacl-error", E, "SHACL validation could not run."),
    (
        "CG121",
        "literal-control-character",
        E,
        "A literal (a statement, a label, a note, a BibTeX field) or a saved query's title or description holds a bidirectional control (U+202A–U+202E, U+2066–U+2069), which makes it show another text than the one stored, or a C0/C1 control character other than tab, line feed and the CR of a CRLF.",
    ),
    (
        "CG122",
        "literal-invisible-character",
        W,
        "A literal holds an invisible character nothing there needs: a zero-width space, a soft hyphen, a word joiner, a byte-order mark, a directional mark, or a zero-width joiner outside the emoji and scripts that use it.",
    ),
    (
        "CG123",
        "bibtex-fields-outside-entry",
        E,
        "Text between BibTeX entries looks like fields (`name = value`, or the `}, year=2020}` an extra closing brace leaves behind): BibTeX never reads it, so the entry above lost those fields.",
    ),
    (
        "CG124",
        "bibtex-stray-text",
        W,
        "Text between BibTeX entries that is neither a `%` comment, `@comment`, `@string` nor `@preamble`: BibTeX ignores it; mark it as a comment or move it into its entry.",
    ),
    (
        "CG125",
        "check-plugin-failed",
        E,
        "A check plug-in (a module of the `claimgraph.checks` entry point group, docs/plugins.md) could not be imported, breaks the plug-in contract (no `check` function, a `CODES` entry that is not a CodeInfo, begins with CG or takes another plug-in's code, a finding with a code it does not declare) or raised while checking: its findings are missing or incomplete. The message names the plug-in and its package.",
    ),
    (
        "CG126",
        "registry-folder-missing",
        W,
        "The registry has no claims/ folder (so no claims) or no bib/ folder (so no sources): a claimgraph.toml alone is an empty registry that would check clean. `claimgraph init` makes both.",
    ),
    (
        "CG129",
        "bibtex-crossref-missing",
        W,
        "A BibTeX entry's `crossref` field names no entry of the bibliography: the entry inherits none of the fields (booktitle, editor, publisher, year…) biblatex would give it from the entry it names.",
    ),
    (
        "CG130",
        "outside-base",
        E,
        "A claim, source, measurand, argument step or other node typed with a claimgraph class has an IRI outside the registry's `base` (claimgraph.toml): it is not the registry's to define, and its pages and files are named apart from the registry's own (a page name keeps pointing at the registry's node of that name).",
    ),
    (
        "CG131",
        "file-not-read",
        W,
        "A file in claims/ or bib/ ends in another spelling of the extension read there (`more.TTL`, `refs.bibtex`): "
        "it was not read. Claim files end in .ttl, BibTeX files in .bib (lower case).",
    ),
    (
        "CG300",
        "claim-bears-on-itself",
        W,
        "A claim contests, qualifies or supports itself (cg:contests, cg:qualifies, cg:supports or another sub-property of cg:bearsOn naming its own subject): a claim bears on other claims, the figures of other works.",
    ),
    (
        "CG301",
        "unknown-source-key",
        E,
        "A claim, quote or step points (by any property whose range is cg:Source: cg:cites, cg:primarySource, cg:inSource, cg:partOf…) at a source key that is not in the bibliography, or at an IRI that is no source at all (a claim, the registry itself).",
    ),
    (
        "CG302",
        "in-text-citation-mismatch",
        W,
        'The citation as printed disagrees with the entry\'s first author or year. Names are compared without case or accents, after lead-ins ("see", "según", "vgl.", "volgens"…) and up to the second author or "et al." in English, French, German, Spanish, Italian, Portuguese and Dutch; an organisation is also named by its initials, or by the entry\'s `shortauthor` (`shortauthor = {FAO}`).',
    ),
    ("CG303", "missing-identifier", W, "A source has no DOI, arXiv id, ISBN or URL."),
    ("CG304", "malformed-identifier", E, "A DOI, arXiv id, ISBN or URL is malformed (URLs must be http or https)."),
    ("CG305", "duplicate-source", W, "Two entries have the same DOI or the same normalised title."),
    ("CG306", "uncited-source", I, "A bibliography entry is cited by no claim."),
    ("CG307", "unidentified-source", W, "A cited work could not be identified with certainty."),
    (
        "CG308",
        "unresolved-reference",
        E,
        "A property whose range (in the vocabulary) is a registry node (a claim, step, measurand, system, quote, derivation, status…) points at an IRI nothing in the registry defines, and that is not under an `external_iris` prefix of claimgraph.toml; an IRI in a list such as cg:operands too. (A source reference is CG301's.)",
    ),
    (
        "CG309",
        "reference-wrong-kind",
        E,
        "A property whose range is a registry node points at a node that is defined, but not as a node of that range (cg:derivedBy <claim/x>).",
    ),
    (
        "CG310",
        "missing-primary-source",
        W,
        "The cited source is secondary for the number, but no primary source is named.",
    ),
    ("CG311", "secondary-only", I, "A claim rests only on a secondary source."),
    (
        "CG320",
        "value-not-in-quote",
        W,
        "The claim's value does not appear in its quote under any reading of its numbers (docs/numbers.md), allowing for unit and rounding.",
    ),
    ("CG321", "value-differs-from-primary", W, "The claim's value differs from the value its primary source states."),
    (
        "CG322",
        "value-not-in-statement",
        W,
        "The claim's own statement prints numbers, but not its value (allowing for unit and rounding).",
    ),
    (
        "CG330",
        "unit-dimension-mismatch",
        E,
        "The unit's dimension does not fit the measurand's quantity kind. A conclusion resting on it is not supported (docs/verdicts.md).",
    ),
    (
        "CG331",
        "unknown-unit",
        E,
        "The unit is neither a QUDT unit, nor composed of QUDT units by QUDT's naming rules (prefix, `-`, `-PER-`, exponent), nor declared in the registry with a multiplier and a dimension vector; or QUDT gives it the conversion multiplier 0: a logarithmic scale, a unit whose size depends on the substance (an international unit, IU: declare the substance's own unit, as docs/units.md shows), or another scale without a linear conversion. The message says which part is unknown, and which case.",
    ),
    (
        "CG332",
        "range-inverted",
        E,
        "A range's lower bound is above its upper bound. A conclusion resting on it is not supported (docs/verdicts.md).",
    ),
    (
        "CG333",
        "number-out-of-range",
        E,
        "A value (qudt:numericValue, a bound, a tolerance, a derivation operand) is NaN or infinite, or a numeral lies beyond the range of a double (about ±1.8e308, it would be held as INF) or is so close to 0 that it would be held as 0; the checks leave NaN and infinite values out.",
    ),
    (
        "CG334",
        "unknown-quantity-kind",
        E,
        "A measurand's quantity kind is neither a QUDT quantity kind nor one the registry declares (quantitykind:Flubber), or is one of QUDT's kinds without a dimension (quantitykind:Unknown): no unit can be checked against it.",
    ),
    (
        "CG335",
        "unit-not-listed-for-kind",
        I,
        "The unit has the dimension of the measurand's quantity kind, but QUDT does not list it for that kind (nor for a kind it specialises); values still convert.",
    ),
    (
        "CG336",
        "deprecated-unit",
        I,
        "QUDT has deprecated the unit; the message names its replacement when QUDT gives one.",
    ),
    ("CG340", "sources-conflict", W, "Claims on the same measurand disagree beyond their tolerance."),
    (
        "CG341",
        "measurands-look-alike",
        I,
        "Two measurands about the same system with the same quantity kind, in different IRIs, whose names are the same but for punctuation or whose labels are made of the same words (word order and small words aside): perhaps one measurand named twice, whose claims are then never compared.",
    ),
    (
        "CG342",
        "values-not-comparable",
        W,
        "Claims on one measurand are in units of different dimensions (5 USD and 5 EUR, MWh and t): their values cannot be compared.",
    ),
    (
        "CG350",
        "derived-value-mismatch",
        W,
        "A derived number does not match its recomputation: the recomputed interval (from the operands' values, units and uncertainty) does not meet the claim's value and its rounding.",
    ),
    (
        "CG351",
        "derivation-invalid",
        E,
        "A derivation cannot be evaluated (unknown formula, missing operand, operands not written as an RDF list `( … )`, an operand with an unknown unit, a claim computed from itself through its operands, a result too large to compute). A conclusion resting on it is not supported (docs/verdicts.md).",
    ),
    (
        "CG352",
        "derivation-dimension-mismatch",
        E,
        "A derivation's result has another dimension than the claim's unit (a product of energy and carbon intensity is a mass, not an energy), or its operands' dimensions do not fit the formula (a sum of MWh and t); the message names both dimensions. A conclusion resting on it is not supported (docs/verdicts.md).",
    ),
    (
        "CG360",
        "weak-step",
        W,
        "An argument step or conclusion rests on a claim with a discrepancy, unverified or secondary-only: one it names, or one a claim it names is computed from (through cg:derivedBy operands, at any depth; the message names the chain).",
    ),
    (
        "CG380",
        "source-text-not-available",
        I,
        "The registry names a text for the quote's source (a BibTeX file field or a fetched text in sources/manifest.json), but it is not on this machine: the quote was not looked for. The message names a copy the file field names by the path looked for, from the registry's folder (`bib/sources/Doe2021.pdf` for `sources/Doe2021.pdf` in bib/references.bib: a relative path is read from the .bib file's folder). `check --require-texts` makes every quote whose source has no readable text an error. On an RO-Crate exported without the sources' texts (no `--with-source-texts`), one more CG380, a warning on ro-crate-metadata.json, says how many quotes were not looked for.",
    ),
    (
        "CG381",
        "source-file-unreadable",
        E,
        "A BibTeX file field names a copy that is refused wherever it is checked: it leads outside the registry (an absolute path, `..` past the root, a symlink out), is not a regular file, is neither PDF, HTML nor plain text, is over the size limit, or its text cannot be extracted. A copy named inside the registry but absent is not on this machine: CG380 (info).",
    ),
    (
        "CG382",
        "quote-not-in-source",
        E,
        "The quote is not in its source's text, even approximately; the message gives the closest passage, its page and its score.",
    ),
    (
        "CG383",
        "quote-on-another-page",
        W,
        "The quote is in the source, but not on the page its locator names; the message says which page, and how printed pages were read (the PDF's page labels; else the PDF's pages, or a plain text's pages split at form feeds, in order, numbered from the BibTeX pages start or from 1). A page of an appendix or a supplement, which has pages of its own (`Appendix p. 2`), is not compared; a quote past the last page of the entry's pages range is said to be there, never on a page the article lacks.",
    ),
    (
        "CG384",
        "quote-found-approximately",
        I,
        "The quote's exact words are not in the source's text, but a passage close to them is (score given): an OCR or conversion artefact, or a small misquote worth a look.",
    ),
    (
        "CG385",
        "value-not-in-located-passage",
        W,
        "The quote states the claim's value, but the passage found in the source does not (unit- and rounding-aware): the number was typed into the quote, not read from the source.",
    ),
    (
        "CG386",
        "source-text-changed",
        W,
        "A source's text differs from the one sources/manifest.json recorded (its SHA-256 changed).",
    ),
    (
        "CG387",
        "sources-manifest-invalid",
        E,
        "sources/manifest.json cannot be read (not JSON, or not in the manifest's format).",
    ),
    (
        "CG388",
        "locator-label-elsewhere",
        I,
        "The locator names a table or figure that the source's text shows, but not on or beside the page where the quote was found (said only when the text shows that label somewhere).",
    ),
    (
        "CG390",
        "identifier-names-another-work",
        E,
        "The source's DOI or arXiv id resolves to a work whose title differs from the BibTeX entry's (accents, case and subtitle punctuation tolerated).",
    ),
    (
        "CG391",
        "identifier-does-not-resolve",
        E,
        "The source's DOI or arXiv id resolved to nothing when fetched (not found): the reference may be invented or mistyped.",
    ),
    ("CG392", "reference-year-differs", W, "The BibTeX year differs from the year of the identifier's record."),
    (
        "CG393",
        "reference-first-author-differs",
        W,
        "The BibTeX first author differs from the first author of the identifier's record (accents, case and initials tolerated).",
    ),
    (
        "CG394",
        "reference-venue-differs",
        I,
        "The BibTeX journal or booktitle differs from the venue of the identifier's record.",
    ),
    (
        "CG395",
        "reference-identifier-differs",
        W,
        "The identifier's record names another DOI than the entry (an arXiv record giving the published version's DOI, for instance).",
    ),
    ("CG401", "sparql-syntax", E, "A SPARQL query does not parse; the message gives line and column."),
    (
        "CG402",
        "sparql-update-refused",
        E,
        "A SPARQL update (INSERT, DELETE, LOAD, CLEAR…) was refused: the store is read-only.",
    ),
    ("CG403", "sparql-service-refused", E, "SERVICE was refused: no query reaches the network."),
    (
        "CG404",
        "sparql-dataset-refused",
        E,
        "FROM / FROM NAMED or a dataset parameter was refused: queries run on the registry.",
    ),
    ("CG405", "sparql-timeout", E, "A query ran past its time limit and was stopped."),
    ("CG406", "sparql-format", E, "The result format asked for does not fit the query form."),
    (
        "CG407",
        "sparql-memory-limit",
        E,
        "A query needed more memory than a query worker of `serve` may take, and was stopped.",
    ),
    (
        "CG408",
        "sparql-result-limit",
        E,
        "A query's result grew past the endpoint's result size limit, and was stopped.",
    ),
    (
        "CG409",
        "sparql-endpoint-busy",
        E,
        "Every query worker of `serve` stayed busy, or too many requests were waiting: the query was not run.",
    ),
    (
        "CG410",
        "sparql-format-cannot-carry",
        E,
        "The result format asked for cannot carry the answer: a literal holds a character XML 1.0 cannot write (a C0 control such as U+0007), and SPARQL results XML or RDF/XML was asked for; JSON, TSV, Turtle, N-Triples and JSON-LD carry it (CSV writes it escaped, `\\x07`).",
    ),
    (
        "CG411",
        "sparql-protocol",
        E,
        "A request to the endpoint does not follow the SPARQL 1.1 Protocol: a POST without a query, more than one query, a method or a content type the endpoint does not take, a body that is not UTF-8 or is over its size limit.",
    ),
    (
        "CG370",
        "status-inconsistent",
        W,
        "The status says verified, but the value a quote states as data (its cg:value) disagrees with the claim's; reported instead of CG321, never on top of CG320.",
    ),
)

#: claimgraph's own codes; :data:`CODES` also takes those of check plug-ins once they are loaded
#: (:mod:`claimgraph.check_plugins`).
BUILT_IN_CODES: frozenset[str] = frozenset(CODES)


def doc_url(code: str) -> str:
    info = CODES.get(code)
    if info is not None and info.doc:
        return info.doc
    return f"{DOCS_URL}#{code.lower()}"


def _jsonable(value: object) -> object:
    return [_jsonable(v) for v in value] if isinstance(value, tuple) else value


def worst(findings: list[Finding]) -> Severity | None:
    return max((f.severity for f in findings), default=None)
