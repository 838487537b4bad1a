"""What a Spanish registry's trial found (agri-es): in-text citations and page locators written in the languages
claimgraph reads were not understood, and a copy looked for in the wrong folder was named as typed.

- CG302 warned about "Poore y Nemecek, 2018", "según Poore et al., 2018", "Poore und Nemecek": only English and
  French conjunctions and lead-ins were known; its message cut the citation's closing parenthesis; and "FAO" for
  an organisation's full name was warned with no word of ``shortauthor``.
- "pág. 1", "página 1", "págs. 1-1" were never compared with the source text's pages (no CG383), as "p. 1" is.
- CG380 and ``sources status`` named the ``file`` field as typed, not the path looked for (bib/sources/X.txt).
"""

from __future__ import annotations

from pathlib import Path

from .conftest import run_cli
from .made_registries import add_claim, findings, new_registry

# ------------------------------------------------------------------ CG383: page words of every language

PAGES = "Primera página: el rendimiento.\fLa dosis media fue de 220 kg N/ha.\fTercera página: el anexo.\n"


def _with_paged_copy(root: Path, field: str = "../sources/Doe2021.txt") -> None:
    """Doe2021 with a plain-text copy split into three pages by form feeds (the quote on page 2), named by ``field``."""
    (root / "sources").mkdir(exist_ok=True)
    (root / "sources" / "Doe2021.txt").write_text(PAGES, encoding="utf-8")
    bib = root / "bib" / "references.bib"
    bib.write_text(
        bib.read_text().replace("doi    = {10.1234/abc},", f"doi    = {{10.1234/abc}},\n  file   = {{{field}}},")
    )


WRONG_PAGE = ["p. 1", "S. 1", "pág. 1", "página 1", "págs. 1-1", "páginas 1 y 3", "Seiten 1 und 3", "pag. 1", "pagg. 3-3", "pagina 3", "blz. 1", "bladzijde 3", "Tabla 2, pág. 3"]  # fmt: skip
RIGHT_PAGE = ["p. 2", "pág. 2", "página 2", "págs. 1-2", "páginas 1 y 2", "Seite 2", "pag. 2", "blz. 2"]


def test_page_locators_of_every_language_are_compared_with_the_texts_pages(tmp_path):
    root = new_registry(tmp_path, ("es", "en"))
    _with_paged_copy(root)
    quote = "La dosis media fue de 220 kg N/ha."
    for n, locator in enumerate(WRONG_PAGE + RIGHT_PAGE):
        add_claim(root, f"c{n}", "La dosis media fue de 220 kg N/ha.", "220", "KiloGM-PER-HA", kind="MassPerArea", quote=quote, locator=locator)  # fmt: skip
    said = {f["subject"].rsplit("/", 1)[-1]: f["message"] for f in findings(root, "CG383")}
    assert sorted(said, key=lambda c: int(c[1:])) == [f"c{n}" for n in range(len(WRONG_PAGE))]
    assert said["c2"].startswith("quote found in Doe2021 on p. 2, not on pág. 1 as its locator says")
    assert "split at form feeds" in said["c2"]
    assert not findings(root, "CG382", "CG380")  # every quote was found


# ------------------------------------------------------------------ CG380: the path looked for


def test_a_copy_named_from_the_wrong_folder_is_named_where_it_was_looked_for(tmp_path):
    # Regression: file = {sources/Doe2021.txt} (read from bib/) gave "('sources/Doe2021.txt' not on this
    # machine)", naming a file that exists at the registry's root
    root = new_registry(tmp_path, ("es", "en"))
    _with_paged_copy(root, field="sources/Doe2021.txt")
    add_claim(root, "c", "La dosis media fue de 220 kg N/ha.", "220", "KiloGM-PER-HA", kind="MassPerArea", quote="La dosis media fue de 220 kg N/ha.", locator="p. 2")  # fmt: skip
    (unavailable,) = findings(root, "CG380")
    assert unavailable["message"].startswith(
        "text not available for Doe2021 (file field 'sources/Doe2021.txt': bib/sources/Doe2021.txt is not on this "
        "machine): the quote"
    )
    assert "read from the folder of the .bib file" in unavailable["hint"]
    status = run_cli("sources", "status", "--registry", str(root))
    assert status.code == 0, status.err
    assert "file field 'sources/Doe2021.txt': bib/sources/Doe2021.txt is not on this machine" in status.out
    # named from the .bib file's folder, it is read
    bib = root / "bib" / "references.bib"
    bib.write_text(bib.read_text().replace("{sources/Doe2021.txt}", "{../sources/Doe2021.txt}"))
    assert not findings(root, "CG380", "CG382", "CG383")
