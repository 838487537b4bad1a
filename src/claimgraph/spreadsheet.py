"""Cells of the CSV files claimgraph writes (exports, the site's downloads, saved-query results),
made safe to open in a spreadsheet."""

from __future__ import annotations

import re

#: The first characters of a cell that a spreadsheet would run as a formula ("\r" last).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: The controls a CSV cell holds escaped (C0 but tab, line feed and carriage return, which CSV quotes;
#: DEL; C1): spreadsheets drop or mangle them, a NUL ends the text for some readers, and ESC or BEL
#: would drive the terminal a CSV is printed to. Bidi controls and other invisible characters stay as
#: they are: they are text, and the CSV is a faithful copy of the data.
CSV_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _escaped(match: re.Match) -> str:
    return f"\\x{ord(match.group()):02x}"


def escape_controls(text: str) -> str:
    """``text`` with each of :data:`CSV_CONTROLS` written as ``\\x1b`` (as the text report writes it).

    Applies to a whole CSV text as well as to one cell: none of these characters makes a cell quoted,
    so escaping after the writer gives the same text as escaping every cell before it."""
    return CSV_CONTROLS.sub(_escaped, text) if CSV_CONTROLS.search(text) else text


def spreadsheet_cell(value: object) -> str:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe; controls are
    escaped (:func:`escape_controls`)."""
    if value is None:
        return ""
    text = escape_controls(str(value))
    return "'" + text if text[:1] in FORMULA_STARTS else text
