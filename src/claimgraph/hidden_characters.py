"""Characters that make text show something other than what it holds.

One rule, used by the loader (findings CG121 and CG122), the site (which shows such characters
escaped) and anything else that must not let them through unseen:

* **controls** (:func:`controls`, an error): the bidirectional embeddings, overrides and isolates
  (U+202A–U+202E, U+2066–U+2069) reorder what a reader sees, so ``"10 % of 3"`` can display as a
  different sentence ("Trojan Source"); C0 and C1 control characters and DEL are not text at all,
  and XML 1.0 (RDF/XML, SARIF, JUnit) cannot even carry most of them. Tab and line feed are text;
  a carriage return is text only as the first half of CRLF.
* **invisible characters** (:func:`invisibles`, a warning): a zero-width space, a word joiner, a
  byte-order mark, the directional marks (U+200E, U+200F, U+061C), invisible operators, and a soft
  hyphen (common in text copied from a PDF, harmless when shown but it breaks a search for the
  word). A zero-width joiner or non-joiner is fine where scripts and emoji need it: between two
  characters that are neither ASCII nor Latin letters (``👩‍💻``, Devanagari conjuncts, Persian).
"""

from __future__ import annotations

import re
import unicodedata

#: Bidirectional embeddings, overrides and isolates.
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
#: C0 controls (but tab and line feed; CR is judged by what follows it), DEL, C1 controls.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: Invisible format characters that no script needs where they stand.
_INVISIBLE = frozenset("\u00ad\u180e\u200b\u200e\u200f\u061c\u2060\u2061\u2062\u2063\u2064\ufeff")
#: Joiners: invisible too, but part of emoji sequences and of several scripts' spelling.
_JOINERS = frozenset("\u200c\u200d")
_INVISIBLE_RE = re.compile("[\u00ad\u180e\u200b-\u200f\u061c\u2060-\u2064\ufeff]")
#: Everything either rule looks at: one search tells whether a text needs a closer look.
ANY_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def describe(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: how a message names a character."""
    name = unicodedata.name(char, None) or _CONTROL_NAMES.get(char) or "control character"
    return f"U+{ord(char):04X} {name}"


_CONTROL_NAMES = {
    "\x00": "NULL",
    "\x07": "BELL",
    "\x08": "BACKSPACE",
    "\x0b": "LINE TABULATION",
    "\x0c": "FORM FEED",
    "\r": "CARRIAGE RETURN",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
    "\x85": "NEXT LINE",
}


def controls(text: str) -> list[str]:
    """The control characters of ``text`` (bidi controls, C0/C1 controls, DEL, a CR not before LF),
    each once, in order of appearance."""
    found: dict[str, None] = {}
    for match in _CONTROL_RE.finditer(text):
        char = match.group()
        if char == "\r" and text.startswith("\n", match.end()):
            continue
        found.setdefault(char)
    return list(found)


def _in_script(char: str) -> bool:
    """Whether ``char`` belongs to a script or an emoji sequence that may need a joiner beside it."""
    if char.isascii() or char.isspace():
        return False
    if unicodedata.category(char).startswith(("C", "Z")):
        return False
    return not unicodedata.name(char, "").startswith("LATIN")


def invisibles(text: str) -> list[str]:
    """The invisible characters of ``text`` that nothing there needs, each once, in order."""
    found: dict[str, None] = {}
    for match in _INVISIBLE_RE.finditer(text):
        char, at = match.group(), match.start()
        if char in _JOINERS:
            before = text[at - 1] if at else ""
            after = text[at + 1] if at + 1 < len(text) else ""
            if before and after and _in_script(before) and _in_script(after):
                continue
        if char in _INVISIBLE or char in _JOINERS:
            found.setdefault(char)
    return list(found)


def escaped(char: str) -> str:
    """``\\u202E``: the character as a Turtle/SPARQL/JSON escape, shown instead of the character."""
    return f"\\u{ord(char):04X}"


#: What the site writes escaped rather than as is: every control, and the invisible characters
#: but the soft hyphen (invisible by design in the middle of a word) and the joiners (needed by
#: emoji and scripts). Tab, line feed and carriage return stay, for the callers' own handling.
_SHOWN_ESCAPED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def show_escaped(text: str) -> str:
    """``text`` with every control and stray invisible character written as ``\\uXXXX``, so a reader
    sees that it is there and which it is, and it can reorder or hide nothing."""
    return _SHOWN_ESCAPED.sub(lambda m: escaped(m.group()), text)
