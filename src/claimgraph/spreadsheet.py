"""Cells of the CSV files claimgraph writes (exports, the site's downloads, saved-query results),
made safe to open in a spreadsheet."""

from __future__ import annotations


#: The first characters of a cell that a spreadsheet would run as a formula ("\r" last).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> str:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text
