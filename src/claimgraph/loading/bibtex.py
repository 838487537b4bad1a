"""BibTeX entries read with bibtexparser v2, without losing anything silently.

bibtexparser drops or mangles some broken input without raising: a repeated
field makes the whole entry a failed block, a missing comma merges two fields
into one value, an undefined macro becomes its own name, an extra closing
brace ends the entry early and leaves the rest as an "implicit comment". The
default middleware stack also hides whether a value was braced. So entries are
parsed with no middleware and every one of those cases becomes a finding here.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

import bibtexparser
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ImplicitComment,
    ParsingFailedBlock,
    String,
)

from ..hidden_characters import ANY_HIDDEN, BIDI_CONTROLS, describe, escaped, invisibles
from .text import MAX_FILE_BYTES

#: The characters a key may hold: each is allowed as is in an IRI path segment, so ``source/KEY``
#: is an IRI, and none is invisible or a look-alike of another.
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_:.\-]+$")
#: A key must also hold a letter or a digit: ``.`` and ``..`` would make ``source/.`` and ``source/..``,
#: dot segments that resolve to the ``source/`` folder or the registry itself, and ``:`` or ``-`` alone
#: name nothing a reader could recognise.
_KEY_NAMES_SOMETHING = re.compile(r"[A-Za-z0-9]")
#: Control characters (C0 but tab, line feed and carriage return; DEL; C1): XML 1.0 cannot carry
#: C0 ones at all, so the RDF/XML, SARIF and JUnit outputs would be broken, and none is text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: A ``year`` field as BibTeX means it: four ASCII digits, nothing else (``\d`` would also take
#: ``２０２３``, and a prefix match would read ``12345`` as 1234).
_YEAR = re.compile(r"[0-9]{4}", re.ASCII)
#: A biblatex ``date`` starts with its year: ``2023``, ``2023-05-01``, ``2023/2024``.
_DATE_YEAR = re.compile(r"([0-9]{4})(?![0-9])", re.ASCII)
_MERGED_FIELD = re.compile(r"\n\s*[A-Za-z][\w-]*\s*=\s*[{\"0-9]")
#: Text between entries that reads as the fields of an entry: ``name = value``, or what an extra closing
#: brace leaves behind (``}, year=2020}``: a comma or a brace right where the entry ended).
_FIELD_LIKE = re.compile(r"[A-Za-z][\w:.-]*\s*=\s*\S|^\s*[,}]")
#: A line BibTeX users write as a comment.
_PERCENT_COMMENT = re.compile(r"^[ \t]*%[^\n]*$", re.M)
_MONTHS = {
    m: str(i)
    for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)
}

# bibtexparser reports parse failures on its logger *and* as failed blocks; we
# report the blocks, so the log lines would only duplicate them on stderr.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)


@dataclass
class BibProblem:
    code: str
    line: int
    message: str
    hint: str | None = None
    key: str | None = None


@dataclass
class BibEntry:
    key: str
    entry_type: str
    fields: dict[str, str]
    line: int
    field_lines: dict[str, int] = field(default_factory=dict)

    @cached_property
    def authors(self) -> list[str]:
        raw = self.fields.get("author") or self.fields.get("editor") or ""
        return [a.strip() for a in split_top_level(raw, " and ") if a.strip()]

    @cached_property
    def creators(self) -> list[str]:
        """The authors (or editors) named: :attr:`authors` without BibTeX's closing ``others``."""
        return [a for a in self.authors if not is_more_authors(a)]

    @cached_property
    def first_author_family(self) -> str | None:
        authors = self.authors
        if not authors:
            return None
        return family_name(authors[0])

    @cached_property  # like the authors: read once, asked for every claim citing the entry
    def year(self) -> str | None:
        """The year as four ASCII digits (a valid ``xsd:gYear``), or None: never a guess."""
        year = strip_braces(self.fields.get("year", ""))
        if _YEAR.fullmatch(year):
            return year
        match = _DATE_YEAR.match(strip_braces(self.fields.get("date", "")))
        return match.group(1) if match else None


@dataclass
class BibFile:
    entries: list[BibEntry]
    problems: list[BibProblem]


def is_more_authors(name: str) -> bool:
    """BibTeX's ``and others`` ("and more authors, not listed"): a marker, not somebody's name."""
    return name.strip().casefold() == "others"


def split_top_level(text: str, sep: str) -> list[str]:
    """Split on ``sep`` outside braces: ``{Barnes and Noble} and Doe`` has two authors."""
    if "{" not in text and "}" not in text:
        return text.split(sep)  # (the loop below, in C: most names hold no brace)
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        ch = text[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif depth == 0 and text.startswith(sep, i):
            parts.append(text[start:i])
            i += len(sep)
            start = i
            continue
        i += 1
    parts.append(text[start:])
    return parts


def strip_braces(text: str) -> str:
    """A BibTeX value as plain text: LaTeX accents and escapes as Unicode (``H{\\"o}lzle`` ->
    ``Hölzle``), braces gone, white space folded. Other commands stay as written."""
    # split() and join fold what re.sub(r"\s+", " ", …).strip() folds (both take str.isspace's white space)
    return " ".join(latex_to_unicode(text).replace("{", "").replace("}", "").split())


def typeset_dashes(text: str) -> str:
    """A BibTeX text field's dashes as LaTeX prints them: ``---`` an em dash (—), ``--`` an en dash (–), as in
    "1990--2023" or "pp. 12--14"; not for DOIs and URLs, which are written as they are."""
    return text.replace("---", "\u2014").replace("--", "\u2013") if "--" in text else text


#: LaTeX accent commands and the Unicode combining marks they stand for.
_ACCENTS = {
    '"': "\u0308",
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
    "d": "\u0323",
    "b": "\u0331",
}
#: LaTeX commands for letters of their own.
_LETTERS = {
    "ss": "ß",
    "o": "ø",
    "O": "Ø",
    "aa": "å",
    "AA": "Å",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
    "dh": "ð",
    "DH": "Ð",
    "th": "þ",
    "TH": "Þ",
    "ng": "ŋ",
    "NG": "Ŋ",
}
# \"o, \"{o}, \'{\i}; the letter-named accents need braces or a space: \c{c}, \c c
_SYMBOL_ACCENT = re.compile(r"""\\(["'`^~=.])\s*(?:\{\s*(\\[a-zA-Z]+|[a-zA-Z])\s*\}|(\\[a-zA-Z]+|[a-zA-Z]))""")
_LETTER_ACCENT = re.compile(r"\\([uvHckrdb])(?:\s*\{\s*(\\[a-zA-Z]+|[a-zA-Z])\s*\}|\s+([a-zA-Z]))")
# a control word ends at the first non-letter and swallows the spaces after it (\ss e -> ße)
_LETTER = re.compile(r"\\(ss|aa|AA|ae|AE|oe|OE|dh|DH|th|TH|ng|NG|[oOlLij])(?![a-zA-Z])\s*(?:\{\})?")
_ESCAPED = re.compile(r"\\([&%$#_{}])")
#: LaTeX's commands that change the look of text, not its letters: ``\textit{x}`` and ``{\em x}`` read as x
#: (only before their group or as a switch: a command left in would read as letters, ``\textitx``).
_FONT_COMMAND = re.compile(
    r"\\(?:text(?:it|bf|sc|tt|rm|sf|sl|up|md|normal)|emph|mbox|textsuperscript|textsubscript)\s*(?=\{)"
    r"|\\(?:em|it|bf|sc|tt|rm|sf|sl|itshape|bfseries|scshape|ttfamily|upshape|normalfont)(?![a-zA-Z])\s*"
)


def _accented(match: re.Match) -> str:
    base = match.group(2) or match.group(3)
    if base.startswith("\\"):
        # an accent on a dotless i or j is the accent on i or j
        base = {"i": "i", "j": "j"}.get(base[1:], _LETTERS.get(base[1:], base))
    return base + _ACCENTS[match.group(1)]


def latex_to_unicode(text: str) -> str:
    """LaTeX accents (``\\"o``, ``\\'{\\i}``, ``\\c{c}``), letters (``\\ss``, ``\\o``) and escaped
    specials (``\\&``, ``\\%``) as Unicode, composed (NFC), font commands (``\\textit{x}``, ``{\\em x}``)
    dropped; anything else is left as written."""
    if "\\" not in text:
        return text
    text = _FONT_COMMAND.sub("", text)
    text = _SYMBOL_ACCENT.sub(_accented, text)
    text = _LETTER_ACCENT.sub(_accented, text)
    text = _LETTER.sub(lambda m: _LETTERS[m.group(1)], text)
    text = _ESCAPED.sub(r"\1", text)
    return unicodedata.normalize("NFC", text)


def family_name(author: str) -> str:
    """``Doe, John`` and ``John Doe`` give ``Doe``; ``{International Energy Agency}`` stays whole. The "von"
    part belongs to the family name in both of BibTeX's forms: ``van der Berg, Jan`` and ``Jan van der Berg``
    give ``van der Berg`` (as BibTeX reads it, the von part runs from the first word but the last that starts
    with a lowercase letter)."""
    author = author.strip()
    if author.startswith("{") and author.endswith("}") and author.count("{") == 1:
        return strip_braces(author)
    if "," in split_top_level(author, ",")[0] or len(split_top_level(author, ",")) > 1:
        return strip_braces(split_top_level(author, ",")[0])
    words = [w for w in split_top_level(author, " ") if w]
    if not words:
        return strip_braces(author)
    if _starts_lowercase(words[-1]):  # "bell hooks": a name written all lowercase is no von form
        return strip_braces(words[-1])
    von = next((i for i, word in enumerate(words[:-1]) if _starts_lowercase(word)), len(words) - 1)
    return strip_braces(" ".join(words[von:]))


def _starts_lowercase(word: str) -> bool:
    """Whether a name's word starts with a lowercase letter, as BibTeX decides a von part: a braced word
    (``{de}``) counts as no lowercase word, a special character (``{\\'e}``) by its letter."""
    if word.startswith("{\\"):
        letters = [c for c in latex_to_unicode(word) if c.isalpha()]
        return bool(letters) and letters[0].islower()
    return word[:1].isalpha() and word[:1].islower()


def without_von(family: str) -> str:
    """``van der Berg`` without its von part, ``Berg``: the words before the first that starts with a capital
    (a family name all lowercase is kept whole)."""
    words = family.split()
    start = next((i for i, word in enumerate(words) if not word[:1].islower()), 0)
    return " ".join(words[start:])


#: The most text the ``@string`` macros of one file may add to its values: as much as the largest file
#: claimgraph reads. Each definition can join the one before it twice (``@string{m1 = m0 # m0}``), so
#: sixty lines would otherwise ask for 2**60 characters.
MAX_MACRO_TEXT = MAX_FILE_BYTES
#: A brace, or a brace or a quote: what ends a part of a value.
_BRACE = re.compile(r"[{}]")
_BRACE_OR_QUOTE = re.compile(r'[{}"]')
_VALUE_HINT = 'write the value as {text}, "text", a number or a macro defined above, joined by #'
#: A number or a macro name: BibTeX's identifiers end at white space and at the characters that build values.
_WORD = re.compile(r'[^\s#{}"]+')


def _value_parts(raw: str) -> list[tuple[bool, str]] | str:
    """The parts of a raw BibTeX value as BibTeX reads them: ``{…}`` and ``"…"`` texts, numbers and
    macro names, joined by ``#`` at the top level only (a ``#`` inside braces or quotes is text). Each
    part is (is a word, its text); a value that is no BibTeX value gives why instead."""
    parts: list[tuple[bool, str]] = []
    i, n = 0, len(raw)
    while True:
        while i < n and raw[i].isspace():
            i += 1
        if i == n:
            return "nothing after the last #" if parts else "no value"
        opening = raw[i]
        if opening in '{"':
            # a braced part ends at its matching brace; a quoted one at the first quote outside braces
            depth, end = 0, -1
            for mark in (_BRACE if opening == "{" else _BRACE_OR_QUOTE).finditer(raw, i + 1):
                ch = mark.group()
                if ch == "{":
                    depth += 1
                elif ch == "}":
                    depth -= 1
                    if depth < 0:
                        end = mark.start() if opening == "{" else -2
                        break
                elif depth == 0:  # the closing quote
                    end = mark.start()
                    break
            if end < 0:
                return (
                    f"a closing brace in {_shown(raw)} has no opening one"
                    if end == -2
                    else f"{_shown(raw)} is not closed"
                )
            parts.append((False, raw[i + 1 : end]))
            i = end + 1
        elif opening == "#":
            return f"{_shown(raw)} has a # with nothing before it"
        elif opening == "}":
            return f"a closing brace in {_shown(raw)} has no opening one"
        else:
            word = _WORD.match(raw, i)
            assert word is not None  # raw[i] is none of the characters _WORD stops at
            parts.append((True, word.group()))
            i = word.end()
        while i < n and raw[i].isspace():
            i += 1
        if i == n:
            return parts
        if raw[i] != "#":
            return f"{_shown(raw)} has two parts with no # between them"
        i += 1


@dataclass
class _Expanded:
    """A raw value read with the macros defined so far."""

    #: The text (an undefined macro stands for its own name, as bibtexparser reads it); None: no text,
    #: because the value is no BibTeX value or needs a macro left without one.
    text: str | None
    #: The macros it uses that are not defined above it, as written.
    undefined: list[str] = field(default_factory=list)
    #: Why there is no text, when there is none, and what to do about it.
    reason: str = ""
    hint: str = ""
    #: When there is no text because a macro it uses has none: the line of the finding that says why.
    unusable_since: int | None = None


class _Macros:
    """The ``@string`` macros of one file, defined in file order as BibTeX reads them: each definition
    and each entry sees the definitions above it (and the month names, which biber predefines as their
    numbers), never those below."""

    def __init__(self, defined_at: dict[str, int]):
        self.values: dict[str, str] = {}
        #: The macros whose definition gave no text, with the line of the finding that says why.
        self.unusable: dict[str, int] = {}
        #: The line of each macro's first definition: where to point a use that comes before it.
        self.defined_at = defined_at
        #: How much more text the macros of this file may add (see MAX_MACRO_TEXT).
        self.room = MAX_MACRO_TEXT

    def expand(self, raw: str) -> _Expanded:
        raw = raw.strip()
        # most values are one braced text: no need to look for macros in them
        if (
            raw.startswith("{")
            and raw.endswith("}")
            and "#" not in raw
            and (raw.count("{") == 1 == raw.count("}") or _one_group(raw))
        ):
            return _Expanded(raw[1:-1])
        parts = _value_parts(raw)
        if isinstance(parts, str):
            return _Expanded(None, reason=f"is not a BibTeX value: {parts}", hint=_VALUE_HINT)
        texts: list[str] = []
        undefined: list[str] = []
        added = 0
        for is_word, text in parts:
            if not is_word or text.isdigit():
                texts.append(text)
                continue
            name = text.lower()
            if name in self.values:
                value = self.values[name]
                added += len(value)
            elif name in self.unusable:
                since = self.unusable[name]
                return _Expanded(
                    None,
                    reason=f"uses @string macro {text!r}, which has no value (line {since} says why)",
                    hint=f"mend the @string on line {since}",
                    unusable_since=since,
                )
            elif name in _MONTHS:
                value = _MONTHS[name]
            else:
                value = text
                undefined.append(text)
            texts.append(value)
        if added > self.room:
            length = sum(map(len, texts))
            return _Expanded(
                None,
                reason=f"would hold {length:,} characters once its macros are expanded, and the macros of a file "
                f"may add at most {MAX_MACRO_TEXT:,} characters to its values (each @string that joins the one "
                "before it twice doubles the text)",
                hint="write the text itself rather than macros that multiply it",
            )
        self.room -= added
        return _Expanded("".join(texts), undefined)

    def undefined_problem(self, what: str, undefined: list[str], line: int) -> tuple[str, str]:
        """The message and hint for ``what`` (a field, an @string) using macros not defined above ``line``."""
        first = undefined[0]
        below = self.defined_at.get(first.lower())
        if below is not None and below > line:
            return (
                f"{what} uses @string macro {first!r} before its definition on line {below}: BibTeX reads a "
                f"file from the top, so the macro is undefined here (the value keeps its name)",
                "move the @string definition above its first use",
            )
        names = list(dict.fromkeys(undefined))
        plural = "s" if len(names) > 1 else ""
        return (
            f"{what} uses the undefined @string macro{plural} {', '.join(map(repr, names))} "
            f"(the value keeps the name{plural})",
            f"define @string{{{first} = {{...}}}} above it, or write the text in braces: {{{first}}}",
        )


def _one_group(raw: str) -> bool:
    """Whether ``raw``'s opening brace is closed only by its last character (``{A} {B}`` is two groups)."""
    depth = 0
    for mark in _BRACE.finditer(raw, 0, len(raw) - 1):
        depth += 1 if mark.group() == "{" else -1
        if depth == 0:
            return False
    return depth == 1


def parse_bibtex(text: str) -> BibFile:
    library = bibtexparser.parse_string(text, parse_stack=[])
    defined_at: dict[str, int] = {}
    for string in library.strings:
        defined_at.setdefault(string.key.lower(), (string.start_line or 0) + 1)
    macros = _Macros(defined_at)
    entries: list[BibEntry] = []
    problems: list[BibProblem] = []
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, String):
            _define(block, line, macros, problems)
        elif isinstance(block, DuplicateBlockKeyBlock):
            problems.append(
                BibProblem(
                    "CG106",
                    line,
                    f"duplicate BibTeX key {block.key!r}: this entry is dropped",
                    "give each entry its own key",
                    key=block.key,
                )
            )
        elif isinstance(block, DuplicateFieldKeyBlock):
            dupes = ", ".join(sorted(block.duplicate_keys))
            # bibtexparser keeps the entry only as ignore_error_block (it has no .key of its own)
            key = getattr(getattr(block, "ignore_error_block", None), "key", None)
            problems.append(
                BibProblem(
                    "CG107",
                    line,
                    f"entry {key or '?'!r} repeats field(s) {dupes}; BibTeX parsers drop the whole entry",
                    "keep one value per field",
                    key=key,
                )
            )
        elif isinstance(block, ParsingFailedBlock):
            lines = [x.strip() for x in str(block.error or "").splitlines() if x.strip()]
            reason = lines[-1] if lines else "syntax error"
            problems.append(
                BibProblem(
                    "CG105",
                    line,
                    f"BibTeX block could not be parsed: {reason}",
                    "check the braces and the comma after the key and after each field",
                )
            )
        elif isinstance(block, ImplicitComment):
            control = _CONTROL.search(block.comment)
            if control:
                # "@mi\0sc{Key, …}" is no entry to bibtexparser: without this the entry vanishes unseen
                problems.append(
                    BibProblem(
                        "CG110",
                        line,
                        f"text outside any entry holds control character U+{ord(control.group()):04X}: "
                        "an entry written there was not read",
                        "delete the character",
                    )
                )
            else:
                problems.extend(_stray_text(block.comment, line))
        elif isinstance(block, Entry):
            entry = _entry(block, line, macros, problems)
            if entry is not None:
                entries.append(entry)
    return BibFile(entries, problems)


def _define(block: String, line: int, macros: _Macros, problems: list[BibProblem]) -> None:
    """Defines ``block``'s macro with the macros above it; what keeps it from its value is a finding."""
    name = block.key.lower()
    value = macros.expand(block.value)
    # a second definition (bibtexparser reads ``A`` and ``a`` as two keys) replaces the first, as in BibTeX
    macros.values.pop(name, None)
    macros.unusable.pop(name, None)
    what = f"@string {_shown(block.key)}"
    if value.unusable_since is not None:
        # a chain of definitions built on one that has no value: the finding on that one says why
        macros.unusable[name] = value.unusable_since
        return
    if value.text is None:
        macros.unusable[name] = line
        problems.append(
            BibProblem(
                "CG110",
                line,
                f"{what} {value.reason} (the macro is left without a value, and the fields that use it are left out)",
                value.hint,
            )
        )
        return
    macros.values[name] = value.text
    if value.undefined:
        message, hint = macros.undefined_problem(what, value.undefined, line)
        problems.append(BibProblem("CG110", line, message, hint))


def _stray_text(text: str, line: int) -> list[BibProblem]:
    """A finding for text between entries that is neither white space nor a ``%`` comment.

    BibTeX itself skips such text, so nothing there is ever read: when it looks like fields (a
    ``name = value``, or the ``, year=2020}`` an extra closing brace leaves behind the entry it
    ended early) an entry lost them, an error; any other text is most likely a note that was
    meant as a comment, a warning (mark it with ``%`` or put it in ``@comment{…}``)."""
    rest = _PERCENT_COMMENT.sub("", text)
    if not rest.strip():
        return []
    # the line of the first character that is not white space nor a comment line
    offset = len(rest) - len(rest.lstrip())
    at = line + rest[:offset].count("\n")
    first = " ".join(rest.split())
    if _FIELD_LIKE.search(rest):
        return [
            BibProblem(
                "CG123",
                at,
                f"text outside any entry looks like fields ({_shown(first, 60)}): BibTeX never reads it; "
                "an extra closing brace probably ended the entry above early, and these fields were dropped",
                "balance the braces of the entry above (or put the text inside an entry)",
            )
        ]
    return [
        BibProblem(
            "CG124",
            at,
            f"text outside any entry ({_shown(first, 60)}) is ignored by BibTeX",
            "start the line with % (or wrap it in @comment{…}) if it is a comment; otherwise move it into its entry",
        )
    ]


def key_problem(key: str) -> str | None:
    """Why ``key`` cannot name a source (None: it can). The key becomes the last segment of the
    source's IRI, ``source/KEY``, and the name of its page on the site."""
    if not key:  # ``@misc{, title = {A}}``: bibtexparser reads an entry with an empty key
        return "BibTeX entry has no key"
    if not KEY_PATTERN.match(key):
        odd = next(c for c in key if not KEY_PATTERN.match(c))
        what = "a space" if odd == " " else f"U+{ord(odd):04X} {unicodedata.name(odd, '(a control character)')}"
        return f"BibTeX key {_shown(key)} holds {what} (keys hold only A-Z a-z 0-9 and _ - : .)"
    if not _KEY_NAMES_SOMETHING.search(key):
        return f"BibTeX key {_shown(key)} has no letter or digit"
    return None


def _shown(text: str, limit: int = 40) -> str:
    """``text`` quoted for a message: what cannot be seen escaped (``\\x00``), cut short."""
    shown = "".join(
        escaped(c) if ANY_HIDDEN.match(c) else c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
        for c in text
    )
    return "'" + (shown if len(shown) <= limit else shown[:limit] + "…") + "'"


def _year_problem(name: str, value: str) -> str | None:
    """Why a ``year`` or ``date`` field gives no year although it holds digits (None: it gives one,
    or holds no digit at all: ``n.d.``, ``forthcoming`` leave the entry without a year, which the
    shapes report, CG261)."""
    text = strip_braces(value)
    if not any(ch.isdigit() for ch in text):
        return None
    if name == "year" and _YEAR.fullmatch(text) or name == "date" and _DATE_YEAR.match(text):
        return None
    what = "is not four ASCII digits" if name == "year" else "does not start with a year of four ASCII digits"
    # ２０２３ looks like 2023: name the character that is not what it seems
    odd = next((c for c in text if c.isdigit() and not c.isascii()), None)
    if odd:
        what += f" (it holds U+{ord(odd):04X} {unicodedata.name(odd, 'unnamed digit')})"
    return f"{name} {_shown(text)} {what}"


def _entry(block: Entry, line: int, macros: _Macros, problems: list[BibProblem]) -> BibEntry | None:
    """The entry, or None when its key cannot name a source (the problem is recorded)."""
    reason = key_problem(block.key)
    if reason:
        # no source can be made from it (``Bad Key`` is no IRI, ``..`` would resolve to the registry
        # itself): the whole entry is left out, and no subject is named for the finding either
        problems.append(
            BibProblem(
                "CG108",
                line,
                f"{reason}; the entry is skipped",
                "retype the key in plain ASCII letters, digits and _ - : . (invisible and look-alike characters "
                "make two keys look equal; spaces and other characters cannot be part of an IRI)",
            )
        )
        return None
    fields: dict[str, str] = {}
    field_lines: dict[str, int] = {}
    for f in block.fields:
        name = f.key.lower()
        expanded = macros.expand(f.value)
        f_line = (f.start_line or block.start_line or 0) + 1
        if expanded.text is None:
            if expanded.unusable_since is None and _MERGED_FIELD.search(f.value):
                # ``title = {A}`` and ``year = {2021}`` read as one value: the comma between them is missing
                message, hint = "swallowed the next field: a comma is probably missing", "end every field with a comma"
            else:
                message, hint = expanded.reason, expanded.hint
            problems.append(
                BibProblem(
                    "CG110",
                    f_line,
                    f"field {name!r} of {block.key!r} {message} (the field is left out)",
                    hint,
                    key=block.key,
                )
            )
            continue
        value = expanded.text
        control = _CONTROL.search(name + value)
        if control:
            # reported at the field's line, as a bidi control in it is (CG121); the field is left
            # out so that no output (XML cannot carry C0 controls) holds the character
            problems.append(
                BibProblem(
                    "CG110",
                    f_line,
                    f"field {_shown(name)} of {block.key!r} holds control character "
                    f"U+{ord(control.group()):04X}: the field is left out",
                    "delete the character (it is invisible in most editors: search for it by its code)",
                    key=block.key,
                )
            )
            continue
        if ANY_HIDDEN.search(value):
            bidi = next((c for c in value if c in BIDI_CONTROLS), None)
            if bidi:
                problems.append(
                    BibProblem(
                        "CG121",
                        f_line,
                        f"field {_shown(name)} of {block.key!r} holds {describe(bidi)}, which changes "
                        "what a reader sees (it reorders the text around it)",
                        "delete the character (search for it by its code: most editors do not show it)",
                        key=block.key,
                    )
                )
            hidden = invisibles(value)
            if hidden:
                problems.append(
                    BibProblem(
                        "CG122",
                        f_line,
                        f"field {_shown(name)} of {block.key!r} holds {describe(hidden[0])}, which is "
                        "invisible: the text looks like one without it",
                        "delete the character unless the text needs it (a soft hyphen copied from a PDF never does)",
                        key=block.key,
                    )
                )
        if name in ("year", "date"):
            why = _year_problem(name, value)
            if why:
                problems.append(
                    BibProblem(
                        "CG110",
                        line,
                        f"{why} in {block.key!r} (line {f_line}): the entry gets no year from it",
                        "write year = {YYYY} with four ASCII digits (a suffix such as 2023a belongs in the key)",
                        key=block.key,
                    )
                )
        if expanded.undefined:
            what = f"field {name!r} of {block.key!r}"
            if [value] == expanded.undefined and value.lower() not in macros.defined_at:
                message = f"{what} is the bare word {value!r}, an undefined @string macro"
                hint = f"write {name} = {{{value}}} or define @string{{{value} = ...}}"
            else:
                message, hint = macros.undefined_problem(what, expanded.undefined, f_line)
            problems.append(BibProblem("CG110", f_line, message, hint, key=block.key))
        elif _MERGED_FIELD.search(value):
            problems.append(
                BibProblem(
                    "CG110",
                    f_line,
                    f"field {name!r} of {block.key!r} swallowed the next field: a comma is probably missing",
                    "end every field with a comma",
                    key=block.key,
                )
            )
        fields[name] = value
        field_lines[name] = f_line
    return BibEntry(block.key, block.entry_type.lower(), fields, line, field_lines)


#: Fields biblatex never passes from a parent entry to the entries that crossref it.
_NOT_INHERITED = frozenset(
    {
        "ids",
        "crossref",
        "xref",
        "entryset",
        "entrysubtype",
        "execute",
        "label",
        "options",
        "presort",
        "related",
        "relatedoptions",
        "relatedstring",
        "relatedtype",
        "shorthand",
        "shorthandintro",
        "sortkey",
    }
)
#: biblatex's default data inheritance where a name changes: a part of a book, collection or proceedings
#: takes the whole's title as its booktitle (its own title is the chapter's), an article a periodical's
#: title as its journal title.
_WHOLES = {"book", "mvbook", "collection", "mvcollection", "proceedings", "mvproceedings", "reference", "mvreference"}
_PARTS = {
    "inbook",
    "bookinbook",
    "suppbook",
    "incollection",
    "suppcollection",
    "inproceedings",
    "inreference",
    "conference",
}
_TO_BOOK = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"}
_TO_JOURNAL = {"title": "journaltitle", "subtitle": "journalsubtitle"}


def _inherited_name(parent_type: str, child_type: str, name: str) -> str:
    if parent_type in _WHOLES and child_type in _PARTS:
        return _TO_BOOK.get(name, name)
    if parent_type == "periodical" and child_type in ("article", "suppperiodical"):
        return _TO_JOURNAL.get(name, name)
    return name


def inherit_crossrefs(entries: dict[str, BibEntry]) -> list[BibEntry]:
    """Gives each entry with a ``crossref`` field the fields it lacks from the entry that field names,
    as biblatex does (the child's own fields win; a parent's parent is resolved first); returns the
    entries whose ``crossref`` names no entry of the bibliography."""
    by_folded = {key.casefold(): entry for key, entry in entries.items()}
    missing: list[BibEntry] = []
    done: set[str] = set()

    def resolve(entry: BibEntry, path: tuple[str, ...]) -> None:
        if entry.key in done:
            return
        done.add(entry.key)
        target = entry.fields.get("crossref", "").strip()
        if not target:
            return
        parent = entries.get(target) or by_folded.get(target.casefold())
        if parent is None:
            missing.append(entry)
            return
        if parent.key in path:  # a circle of crossrefs: each keeps what it has
            return
        resolve(parent, path + (entry.key,))
        for name, value in parent.fields.items():
            if name in _NOT_INHERITED:
                continue
            name = _inherited_name(parent.entry_type.lower(), entry.entry_type.lower(), name)
            entry.fields.setdefault(name, value)

    for entry in entries.values():
        resolve(entry, ())
    return missing
