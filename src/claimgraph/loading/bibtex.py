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
from bibtexparser.model import (DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry, ImplicitComment,
                                ParsingFailedBlock)

KEY_PATTERN = re.compile(r"^[A-Za-z0-9_:.\-]+$")
_MERGED_FIELD = re.compile(r"\n\s*[A-Za-z][\w-]*\s*=\s*[{\"0-9]")
_STRAY_FIELD = re.compile(r"(^|\n)\s*[A-Za-z][\w-]*\s*=\s*[{\"]")
_MONTHS = {m: str(i) for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}

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
        for name in ("year", "date"):
            match = re.match(r"\s*(\d{4})", strip_braces(self.fields.get(name, "")))
            if match:
                return match.group(1)
        return None


@dataclass
class BibFile:
    entries: list[BibEntry]
    problems: list[BibProblem]


def is_more_authors(name: str) -> bool:
    """BibTeX's ``and others`` ("and more authors, not listed"): a marker, not somebody's name."""
    return name.strip().casefold() == "others"


def split_top_level(text: str, sep: str) -> list[str]:
    """Split on ``sep`` outside braces: ``{Barnes and Noble} and Doe`` has two authors."""
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
    return re.sub(r"\s+", " ", latex_to_unicode(text).replace("{", "").replace("}", "")).strip()


#: LaTeX accent commands and the Unicode combining marks they stand for.
_ACCENTS = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304",
            ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
            "r": "\u030a", "d": "\u0323", "b": "\u0331"}
#: LaTeX commands for letters of their own.
_LETTERS = {"ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
            "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ"}
# \"o, \"{o}, \'{\i}; the letter-named accents need braces or a space: \c{c}, \c c
_SYMBOL_ACCENT = re.compile(r"""\\(["'`^~=.])\s*(?:\{\s*(\\[a-zA-Z]+|[a-zA-Z])\s*\}|(\\[a-zA-Z]+|[a-zA-Z]))""")
_LETTER_ACCENT = re.compile(r"\\([uvHckrdb])(?:\s*\{\s*(\\[a-zA-Z]+|[a-zA-Z])\s*\}|\s+([a-zA-Z]))")
# a control word ends at the first non-letter and swallows the spaces after it (\ss e -> ße)
_LETTER = re.compile(r"\\(ss|aa|AA|ae|AE|oe|OE|dh|DH|th|TH|ng|NG|[oOlLij])(?![a-zA-Z])\s*(?:\{\})?")
_ESCAPED = re.compile(r"\\([&%$#_{}])")


def _accented(match: re.Match) -> str:
    base = match.group(2) or match.group(3)
    if base.startswith("\\"):
        # an accent on a dotless i or j is the accent on i or j
        base = {"i": "i", "j": "j"}.get(base[1:], _LETTERS.get(base[1:], base))
    return base + _ACCENTS[match.group(1)]


def latex_to_unicode(text: str) -> str:
    """LaTeX accents (``\\"o``, ``\\'{\\i}``, ``\\c{c}``), letters (``\\ss``, ``\\o``) and escaped
    specials (``\\&``, ``\\%``) as Unicode, composed (NFC); anything else is left as written."""
    if "\\" not in text:
        return text
    text = _SYMBOL_ACCENT.sub(_accented, text)
    text = _LETTER_ACCENT.sub(_accented, text)
    text = _LETTER.sub(lambda m: _LETTERS[m.group(1)], text)
    text = _ESCAPED.sub(r"\1", text)
    return unicodedata.normalize("NFC", text)


def family_name(author: str) -> str:
    """``Doe, John`` and ``John Doe`` give ``Doe``; ``{International Energy Agency}`` stays whole."""
    author = author.strip()
    if author.startswith("{") and author.endswith("}") and author.count("{") == 1:
        return strip_braces(author)
    if "," in split_top_level(author, ",")[0] or len(split_top_level(author, ",")) > 1:
        return strip_braces(split_top_level(author, ",")[0])
    words = split_top_level(author, " ")
    return strip_braces(words[-1]) if words else strip_braces(author)


def _unquote(raw: str, strings: dict[str, str]) -> tuple[str, bool]:
    """The value of a raw field and whether it is sound (False: an undefined macro)."""
    raw = raw.strip()
    if raw.startswith("{") and raw.endswith("}"):
        return raw[1:-1], True
    if raw.startswith('"') and raw.endswith('"'):
        return raw[1:-1], True
    if raw.isdigit():
        return raw, True
    if "#" in raw:
        pieces = [_unquote(p, strings) for p in raw.split("#")]
        return "".join(p for p, _ in pieces), all(ok for _, ok in pieces)
    lowered = raw.lower()
    if lowered in strings:
        return strings[lowered], True
    if lowered in _MONTHS:
        return _MONTHS[lowered], True
    return raw, False


def parse_bibtex(text: str) -> BibFile:
    library = bibtexparser.parse_string(text, parse_stack=[])
    strings = {s.key.lower(): _unquote(s.value, {})[0] for s in library.strings}
    entries: list[BibEntry] = []
    problems: list[BibProblem] = []
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            problems.append(BibProblem("CG106", line, f"duplicate BibTeX key {block.key!r}: this entry is dropped",
                                       "give each entry its own key", key=block.key))
        elif isinstance(block, DuplicateFieldKeyBlock):
            dupes = ", ".join(sorted(block.duplicate_keys))
            # bibtexparser keeps the entry only as ignore_error_block (it has no .key of its own)
            key = getattr(getattr(block, "ignore_error_block", None), "key", None)
            problems.append(BibProblem(
                "CG107", line, f"entry {key or '?'!r} repeats field(s) {dupes}; BibTeX parsers drop the whole entry",
                "keep one value per field", key=key))
        elif isinstance(block, ParsingFailedBlock):
            lines = [x.strip() for x in str(block.error or "").splitlines() if x.strip()]
            reason = lines[-1] if lines else "syntax error"
            problems.append(BibProblem("CG105", line, f"BibTeX block could not be parsed: {reason}",
                                       "check the braces and the comma after the key and after each field"))
        elif isinstance(block, ImplicitComment):
            if _STRAY_FIELD.search(block.comment):
                problems.append(BibProblem(
                    "CG110", line, "text outside any entry looks like a field: an extra closing brace "
                    "probably ended the entry above early", "balance the braces of the entry above"))
        elif isinstance(block, Entry):
            entries.append(_entry(block, line, strings, problems))
    return BibFile(entries, problems)


def _entry(block: Entry, line: int, strings: dict[str, str], problems: list[BibProblem]) -> BibEntry:
    fields: dict[str, str] = {}
    field_lines: dict[str, int] = {}
    for f in block.fields:
        name = f.key.lower()
        value, sound = _unquote(f.value, strings)
        f_line = (f.start_line or block.start_line or 0) + 1
        if not sound:
            problems.append(BibProblem(
                "CG110", f_line, f"field {name!r} of {block.key!r} is the bare word {value!r}, an undefined "
                "@string macro", f"write {name} = {{{value}}} or define @string{{{value} = ...}}", key=block.key))
        elif _MERGED_FIELD.search(value):
            problems.append(BibProblem(
                "CG110", f_line, f"field {name!r} of {block.key!r} swallowed the next field: a comma is "
                "probably missing", "end every field with a comma", key=block.key))
        fields[name] = value
        field_lines[name] = f_line
    if not KEY_PATTERN.match(block.key):
        shown = block.key.encode("unicode_escape").decode("ascii")
        problems.append(BibProblem(
            "CG108", line, f"BibTeX key {shown!r} has characters outside A-Z a-z 0-9 _ - : .",
            "retype the key in plain ASCII: invisible and look-alike characters make two keys look equal",
            key=block.key))
    return BibEntry(block.key, block.entry_type.lower(), fields, line, field_lines)
