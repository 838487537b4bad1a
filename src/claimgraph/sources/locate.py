"""Finding a quote in a source's text, and reading the page a locator names.

Both sides are normalised the same way before they are compared: Unicode compatibility forms
(NFKC: ligatures such as "ﬁ", non-breaking spaces, "…"), soft hyphens dropped, a word hyphenated
at a line end joined, curly quotes and guillemets as straight ones, every dash as "-", white space
folded, letter case ignored, and a hyphen between two letters ignored (so "well-known" matches a
"well-\\nknown" that the line end broke). A quote's ellipsis (``…``, ``...``, ``[...]``, ``(...)``)
matches any words in between; a bracketed insertion (``[the model]``) matches up to a few words the
author replaced, and a bracketed letter (``[T]he``) matches that letter in either case.

When the exact words are not there (OCR, a converted text, a misquote), the closest passage is
found with rapidfuzz's partial-ratio alignment and given a score from 0 to 100.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from ..numbers_in_text import is_conversion_in_brackets, is_interval_in_brackets
from .texts import SourceText

#: At or above this score a passage that is not word for word the quote still counts as found.
FOUND_SCORE = 90.0
#: How far apart (in normalised characters) the parts of a quote around an ellipsis may be.
ELLIPSIS_GAP = 3000
#: How many characters an editorial insertion may stand for.
INSERTION_GAP = 120
#: Characters of context shown on each side of a located passage.
CONTEXT = 160

_QUOTES = {ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u02bc"} | {
    ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u2039\u203a"
}
_DASHES = {ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"}
_LINE_END_HYPHEN = re.compile(r"([^\W\d_])-[ \t]*\n\s*([^\W\d_])")
_SPACE = re.compile(r"\s+")
_ELLIPSIS = re.compile(
    r"\s*(?:\[\s*(?:\.\s*){3}\]|\[\s*\u2026\s*\]|\(\s*(?:\.\s*){3}\)|\(\s*\u2026\s*\)|\u2026|\.{3})\s*"
)
_INSERTION = re.compile(r"\[([^\[\]]*)\]")
_SIC = re.compile(r"\s*\[sic!?\]", re.IGNORECASE)
#: a middle dot between digits, a decimal point in The Lancet's style ("0·76"): compared as "."
_MIDDLE_DOT_DECIMAL = re.compile(r"(?<=\d)\u00b7(?=\d)")


def normalise(text: str) -> str:
    """``text`` as compared (case still as written, for showing it)."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = text.translate(_QUOTES).translate(_DASHES)
    if "\u00b7" in text:
        text = _MIDDLE_DOT_DECIMAL.sub(".", text)  # "0·76" as The Lancet prints 0.76
    text = _LINE_END_HYPHEN.sub(r"\1\2", text)
    return _SPACE.sub(" ", text).strip()


#: A hyphen between two letters: ignored when comparing ("well-known" = "wellknown").
_INNER_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


def _lower(text: str) -> str:
    """Lower case, one character for one (a few characters lower to two, e.g. "İ": they stay)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _keyed(display: str) -> tuple[str, list[int]]:
    """The comparison form of normalised text (lower case, no hyphen between letters), and the
    positions in ``display`` of the hyphens left out, as :func:`_display_offset` reads them."""
    removed = [m.start() for m in _INNER_HYPHEN.finditer(display)]
    key = _INNER_HYPHEN.sub("", _lower(display)) if removed else _lower(display)
    # the key index at which each removed hyphen would have stood
    return key, [position - n for n, position in enumerate(removed)]


def _display_offset(shifts: list[int], key_offset: int) -> int:
    """Where the key's ``key_offset``-th character stands in the displayed text."""
    return key_offset + bisect.bisect_right(shifts, key_offset)


@dataclass(frozen=True)
class QuotePiece:
    key: str
    #: How many characters of the source may stand between the previous piece and this one.
    gap: int


def quote_pieces(quote: str) -> list[QuotePiece]:
    """The parts of a quote that must appear in the source, in order, with the gaps allowed.

    >>> [(p.key, p.gap) for p in quote_pieces("[T]he model … used 1,287 MWh [of power] in total")]
    [('the model', 0), ('used 1,287 mwh', 3000), ('in total', 120)]
    """
    pieces: list[QuotePiece] = []
    for n, part in enumerate(_ELLIPSIS.split(quote)):
        part = _SIC.sub("", part)
        gap = ELLIPSIS_GAP if n else 0
        position = 0
        for match in _INSERTION.finditer(part):
            inserted = match.group(1).strip()
            if len(inserted) <= 2 and inserted.isalpha():
                continue  # "[T]he": the letter stays (case is ignored anyway)
            if is_interval_in_brackets(inserted) or is_conversion_in_brackets(part[: match.start()], inserted):
                # "[1.1, 4.8]", "8.1% [65 mmol/mol]": an interval or a conversion the source prints, no insertion:
                # matched as written
                continue
            _add(pieces, part[position : match.start()], gap)
            gap = INSERTION_GAP
            position = match.end()
        _add(pieces, part[position:], gap)
    return pieces


def _add(pieces: list[QuotePiece], text: str, gap: int) -> None:
    text = _INSERTION.sub(lambda m: m.group(1) if len(m.group(1).strip()) <= 2 else m.group(0), text)
    key, _ = _keyed(normalise(text))
    key = key.strip()
    if key:
        pieces.append(QuotePiece(key, gap if pieces else 0))


@dataclass(frozen=True)
class PreparedText:
    """A source text normalised once for every quote looked for in it."""

    text: SourceText
    display: str
    key: str
    shifts: list[int]  # see _keyed
    page_starts: list[int]  # offsets in ``display`` where each page starts

    def page_at(self, display_offset: int) -> int:
        return max(0, bisect.bisect_right(self.page_starts, display_offset) - 1)


def prepare(text: SourceText) -> PreparedText:
    parts, starts, offset = [], [], 0
    for page in text.pages:
        shown = normalise(page.text)
        starts.append(offset)
        parts.append(shown)
        offset += len(shown) + 1
    display = " ".join(parts)
    key, shifts = _keyed(display)
    return PreparedText(text, display, key, shifts, starts)


@dataclass(frozen=True)
class Match:
    score: float  # 100 for the exact words
    exact: bool
    start_page: int  # page indices (0-based)
    end_page: int
    passage: str  # the source's words that matched (normalised)
    before: str
    after: str

    @property
    def found(self) -> bool:
        return self.exact or self.score >= FOUND_SCORE


def _exact_spans(prepared: PreparedText, pieces: list[QuotePiece], limit: int = 50) -> list[tuple[int, int]]:
    key = prepared.key
    spans = []
    first = pieces[0].key
    start = key.find(first)
    while start != -1 and len(spans) < limit:
        end = start + len(first)
        for piece in pieces[1:]:
            found = key.find(piece.key, end, end + piece.gap + len(piece.key) + 1)
            if found == -1:
                break
            end = found + len(piece.key)
        else:
            spans.append((start, end))
        start = key.find(first, start + 1)
    return spans


def _match(prepared: PreparedText, start: int, end: int, score: float, exact: bool) -> Match:
    display = prepared.display
    d_start = _display_offset(prepared.shifts, start) if start < len(prepared.key) else len(display)
    d_end = (_display_offset(prepared.shifts, end - 1) + 1) if end > start else d_start
    if not exact:  # an alignment may start or end inside a word: show whole words
        while d_start > 0 and display[d_start - 1] != " ":
            d_start -= 1
        while d_end < len(display) and display[d_end] != " ":
            d_end += 1
    before = display[max(0, d_start - CONTEXT) : d_start]
    after = display[d_end : d_end + CONTEXT]
    return Match(
        round(score, 1),
        exact,
        prepared.page_at(d_start),
        prepared.page_at(max(d_start, d_end - 1)),
        display[d_start:d_end],
        ("…" if d_start > CONTEXT else "") + before,
        after + ("…" if d_end + CONTEXT < len(display) else ""),
    )


def locate(prepared: PreparedText, quote: str, prefer_pages: "set[int] | None" = None) -> Match | None:
    """Where ``quote`` is in the text: the exact words if they are there (on one of ``prefer_pages``
    when they are there more than once), else the closest passage and its score. None when the
    quote has no words or the text none."""
    pieces = quote_pieces(quote)
    if not pieces or not prepared.key:
        return None
    spans = _exact_spans(prepared, pieces)
    if spans:
        matches = [_match(prepared, s, e, 100.0, True) for s, e in spans]
        if prefer_pages:
            for m in matches:
                if set(range(m.start_page, m.end_page + 1)) & prefer_pages:
                    return m
        return matches[0]
    from rapidfuzz import fuzz

    needle = " ".join(p.key for p in pieces)
    alignment = fuzz.partial_ratio_alignment(needle, prepared.key)
    if alignment is None:
        return None
    return _match(prepared, alignment.dest_start, alignment.dest_end, alignment.score, False)


# ------------------------------------------------------------------ page locators

#: a printed page: a number, a roman numeral, or a number after a letter or two ("S2" of a supplement, "e23" of an
#: online article, "A12" of an appendix)
_PAGE = r"(?:[0-9]+|[A-Za-z]{1,2}[0-9]+|[ivxlcdm]+)"
#: what joins a range's two pages: a dash, or a word in the languages the page words are read in ("pp. 12 to 14",
#: "p. 12 à 14", "S. 12 bis 14", "págs. 1 a 3", "págs. 1 al 3", "pag. 3 a 5", "blz. 3 tot 5"); "and", "und", "y"
#: join two pages of a list (:data:`_PAGE_AND`), no range. After a word the second page has digits: "p. 12 à
#: l'annexe" and "p. 12 to mid" name no page "l" or "mid" (a roman numeral's letters)
_PAGE_TO = r"(?:\s*[-\u2013\u2014]\s*|\s+(?:to|à|bis|al?|tot)\s+(?=[A-Za-z]{0,2}[0-9]))"
_PAGE_RANGE = rf"{_PAGE}(?:{_PAGE_TO}{_PAGE})?"
#: the words that name a page, in the languages the number reader knows (docs/numbers.md: English, French, German,
#: Spanish) and in Italian, Portuguese and Dutch: "p. 4", "pp.", "page", "pg.", "S. 4", "Seite(n)", "pág.", "págs.",
#: "página(s)", "pag.", "pagg.", "pagina", "pagine", "blz.", "bladzijde(n)", "pagina's"
_PAGE_WORD = (
    r"(?:pp?\.?|pages?|pg\.?|S\.|seiten?|p[a\u00e1]gs?\.?|p[a\u00e1]ginas?|pagg\.?|pagine|blz\.?|bladzijden?"
    r"|pagina['\u2019]s)"
)
#: what joins two pages of a list: a comma, "&", "and" and its translations
_PAGE_AND = r"(?:,|&|and|et|und|y|e|en)"
_PAGE_LOCATOR = re.compile(
    rf"(?<![^\W\d_]){_PAGE_WORD}\s*({_PAGE_RANGE}(?:\s*{_PAGE_AND}\s*{_PAGE_RANGE}\b)*)\b",
    re.IGNORECASE,
)
_RANGE = re.compile(rf"(?<![A-Za-z0-9])({_PAGE})(?:{_PAGE_TO}({_PAGE}))?(?![A-Za-z0-9])", re.IGNORECASE)


#: the words of a part published beside an article with pages of its own: "Appendix p. 2", "Supplementary Appendix
#: p. 14", "eAppendix p. 3", "eTable 2", "Online Supplement", "Annex 1", "Annexe", "Anhang S. 3", "Anexo"; in the
#: languages locators are read in. See :func:`pages_of_supplement` for when a locator's pages are its own
_SUPPLEMENT = re.compile(
    r"(?<![^\W\d_])(?:supplement(?:ary|al|ar)?|suppl\.|appendix|appendices|e(?:appendix|table|figure|methods|results)"
    r"|annex(?:e|es)?|anhang|anexo|allegato|bijlage|online[- ]only)(?![^\W\d_])",
    re.IGNORECASE,
)


#: a page word right after a supplement's name, and its number or letter if it has one ("Appendix p. 2",
#: "Supplementary Appendix, p. 14", "Appendix B, pp. 3-4", "Anhang S. 3")
_SUPPLEMENT_PAGES = re.compile(
    rf"{_SUPPLEMENT.pattern}(?:\s+(?:[A-Z]|[A-Z]?[0-9]+|[IVX]+)(?![^\W\d_]))?[\s,:]*{_PAGE_WORD}\s*[A-Za-z]{{0,2}}[0-9ivxlcdm]",
    re.IGNORECASE,
)


def supplement_named(locator: str | None) -> str | None:
    """The words by which a locator names a part with its own pages (an appendix, a supplement), or None.

    >>> supplement_named("Supplementary Table S3, Appendix p. 2")
    'Supplementary'
    >>> supplement_named("p. 4, Table 2") is None
    True
    """
    match = _SUPPLEMENT.search(locator or "")
    return match.group(0) if match else None


def pages_of_supplement(locator: str | None) -> bool:
    """Whether a locator's page words follow the name of an appendix or a supplement, whose pages are its own.

    >>> pages_of_supplement("Supplementary Table S3, Appendix p. 2"), pages_of_supplement("Appendix, Table 1 (p. 11)")
    (True, False)
    """
    return _SUPPLEMENT_PAGES.search(locator or "") is not None


@dataclass(frozen=True)
class PageRef:
    """The printed pages a locator names: ranges of (first, last), and how the locator wrote them."""

    ranges: tuple[tuple[str, str], ...]
    text: str

    @property
    def lettered(self) -> bool:
        """Whether every page named has letters before its number ("S2", "A12", "e3"): a supplement's own."""
        return all(re.fullmatch(r"[A-Za-z]{1,2}[0-9]+", first) for first, _ in self.ranges)


def locator_pages(locator: str | None) -> PageRef | None:
    """The printed pages a locator names, or None when it names none ("Section 3", "Table 2").

    >>> locator_pages("pp. 12\u201314, 17 (Table 2)").ranges
    (('12', '14'), ('17', '17'))
    """
    if not locator:
        return None
    match = _PAGE_LOCATOR.search(locator)
    if not match:
        return None
    ranges = tuple((m.group(1), m.group(2) or m.group(1)) for m in _RANGE.finditer(match.group(1)))
    return PageRef(ranges, match.group(0).strip())


#: a BibTeX pages field's first page and, when it gives one, its last: "101--120", "S101--S103", "e0123456"
_BIB_PAGES = re.compile(r"\s*([A-Za-z]{0,2})([0-9]+)\s*(?:[-\u2013\u2014]+\s*[A-Za-z]{0,2}([0-9]+))?")


def _article_number(match: re.Match) -> bool:
    """Whether a pages field is an online article's number ("e0123456", "e23": an "e" and no range), which
    names the article, not the page its PDF starts on."""
    return match.group(1).casefold() == "e" and "-" not in match.group(0).replace("\u2013", "-").replace("\u2014", "-")


@dataclass(frozen=True)
class PageNumbering:
    """How printed page numbers are read off a text's pages, and how that was decided."""

    labels: tuple[str, ...]
    basis: str
    #: Numbered from the BibTeX pages field's range: the index of the text's page printed with its last page
    #: (pages after it are past the article: a supplement the copy holds, which has pages of its own).
    last_index: int | None = None

    def past_article(self, index: int) -> bool:
        """Whether the text's page ``index`` comes after the last page of the entry's pages range."""
        return self.last_index is not None and index > self.last_index


def page_numbering(text: SourceText, bib_pages: str | None) -> PageNumbering:
    """The printed number of every page: the PDF's page labels; else the page's position offset by
    the first page of the BibTeX ``pages`` field (an article on pages 101–120 starts at 101); else
    the position counted from 1."""
    if text.labelled:
        return PageNumbering(tuple(p.label or str(p.index + 1) for p in text.pages), "the PDF's page labels")
    # each basis completes "printed pages read from …" (CG383's message, the site's quote notes), and says
    # what the copy is: a PDF has pages of its own, a plain text is split into pages at its form feeds
    pdf = text.media_type == "application/pdf"
    pages = "the PDF's pages" if pdf else "the text's pages (split at form feeds)"
    match = _BIB_PAGES.match(bib_pages or "")
    if match and not _article_number(match):
        letters, first = match.group(1), int(match.group(2))
        start = f"{letters}{match.group(2)}"
        last = int(match.group(3)) if match.group(3) else None
        return PageNumbering(
            tuple(f"{letters}{first + p.index}" for p in text.pages),
            f"{pages} in order, numbered from the BibTeX pages start ({start})",
            last - first if last is not None and last >= first and last - first < len(text.pages) - 1 else None,
        )
    if bib_pages and bib_pages.strip():
        # a pages field the copy's pages cannot be numbered from: say what it is, not that there is none
        given = " ".join(bib_pages.split())
        what = "an article number, not a first page" if match else "no first page"
        why = f"the entry's pages field ({given}) is {what}"
        if pdf:
            why = f"the PDF has no page labels and {why}"
    else:
        why = "the PDF has no page labels and the entry no pages field" if pdf else "the entry has no pages field"
    return PageNumbering(tuple(str(p.index + 1) for p in text.pages), f"{pages} in order, numbered from 1 ({why})")


_PREFIXED_PAGE = re.compile(r"([A-Za-z]{0,2})([0-9]+)")


def _prefixed(page: str) -> tuple[str, int] | None:
    """A printed page as (its letters in lower case, its number): ("s", 2) for "S2", ("", 17) for "17"; None
    for a roman numeral."""
    match = _PREFIXED_PAGE.fullmatch(page)
    return (match.group(1).casefold(), int(match.group(2))) if match else None


def pages_named(numbering: PageNumbering, ref: PageRef) -> set[int]:
    """Indices of the pages whose printed number lies in one of the locator's ranges ("S101–S103" and
    "S101–103" alike name the pages labelled S101 to S103)."""
    out = set()
    for first, last in ref.ranges:
        low, high = _prefixed(first), _prefixed(last)
        if low is not None and high is not None and not high[0]:
            high = (low[0], high[1])  # "S101–103": the second bound's letters are the first's
        for index, label in enumerate(numbering.labels):
            page = _prefixed(label)
            if low is not None and high is not None and page is not None and low[0] == high[0] == page[0]:
                if low[1] <= page[1] <= high[1]:
                    out.add(index)
            elif label.casefold() in (first.casefold(), last.casefold()):
                out.add(index)
    return out


# ------------------------------------------------------------------ tables and figures

#: the words of a table and of a figure in a locator or a text, in the languages the locators are read in (English,
#: French, German, Spanish, Italian, Portuguese, Dutch): "Table 2", "Tabelle 2", "cuadro 13", "Abb. 3", "Figuur 4"
_TABLE_WORDS = ("Table", "Tab.", "Tableau", "Tabelle", "Tabla", "Cuadro", "Tabella", "Tabela", "Quadro", "Tabel")
_FIGURE_WORDS = ("Figure", "Fig.", "Abbildung", "Abb.", "Figura", "Gráfico", "Grafico", "Gráfica", "Figuur")
_KINDS = {word.lower(): "table" for word in _TABLE_WORDS} | {word.lower(): "figure" for word in _FIGURE_WORDS}


def _words_pattern(words: tuple[str, ...]) -> str:
    # the longest first: "Tabelle" before "Tabel", "Tableau" before "Table"
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


_KIND_WORDS = {"table": _words_pattern(_TABLE_WORDS), "figure": _words_pattern(_FIGURE_WORDS)}
_LABEL_LOCATOR = re.compile(
    rf"\b({_words_pattern(_TABLE_WORDS + _FIGURE_WORDS)})(?![^\W\d_])\s*([0-9]+[A-Za-z]?|[IVXL]+)\b", re.IGNORECASE
)


def locator_labels(locator: str | None) -> list[tuple[str, str, str]]:
    """The tables and figures a locator names: (kind, number, as written).

    >>> locator_labels("p. 4, Table 2 and Fig. 3b")
    [('table', '2', 'Table 2'), ('figure', '3b', 'Fig. 3b')]
    """
    return [(_KINDS[m.group(1).lower()], m.group(2), m.group(0)) for m in _LABEL_LOCATOR.finditer(locator or "")]


def pages_showing(prepared: PreparedText, kind: str, number: str) -> set[int]:
    """Indices of the pages whose text names that table or figure ("Table 2", "TABLE 2:", "Fig. 2")."""
    pattern = re.compile(rf"\b{_KIND_WORDS[kind]}(?![^\W\d_])\s*{re.escape(number)}\b", re.IGNORECASE)
    starts = prepared.page_starts + [len(prepared.display) + 1]
    return {
        i for i in range(len(prepared.page_starts)) if pattern.search(prepared.display, starts[i], starts[i + 1] - 1)
    }
