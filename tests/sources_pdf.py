"""PDFs made by the tests (fpdf2 writes them, pypdf adds page labels): no PDF is stored in git."""

from __future__ import annotations

import io

from fpdf import FPDF


def make_pdf(pages: list[str], labels: list[tuple[int, int, str, int]] = ()) -> bytes:
    """A PDF whose pages hold ``pages``' text; ``labels`` are (first index, last index, pypdf style
    such as "/D" or "/r", start number) page-label ranges."""
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    data = bytes(pdf.output())
    if not labels:
        return data
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for first, last, style, start in labels:
        writer.set_page_label(first, last, style=style, start=start)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
