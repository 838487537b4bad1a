"""Source texts named by the BibTeX file field, extracted once, and quotes found in them."""

from __future__ import annotations

import json
import os

import pytest

from claimgraph import check_cache
from claimgraph.checks import run_checks
from claimgraph.registry import load
from claimgraph.sources.files import FileLink, parse_file_field, resolve
from claimgraph.sources.locate import (
    locate,
    locator_labels,
    locator_pages,
    normalise,
    page_numbering,
    pages_named,
    prepare,
)
from claimgraph.sources.texts import Page, SourceText, extract_bytes, html_main_text
from claimgraph.sources.verify import quote_checks

from .conftest import FIXTURES, run_cli
from .sources_pdf import make_pdf


def codes(root):
    return sorted(f.code for f in run_checks(load(root)))


def with_file(root, field_value: str, key: str = "Doe2021"):
    bib = root / "bib" / "references.bib"
    text = bib.read_text()
    start = text.index("{" + key + ",") + len(key) + 2
    bib.write_text(text[:start] + f"\n  file = {{{field_value}}}," + text[start:])


def doe_pages(**by_page):
    """Ten pages of a made-up article; ``p4="…"`` puts words on printed page 4."""
    return [f"The Energy of Training Model X, page {n}.\n" + by_page.get(f"p{n}", "") for n in range(1, 11)]


# ------------------------------------------------------------------ the file field


def test_file_field_jabref_zotero_and_lists():
    assert parse_file_field("Full Text:papers/doe.pdf:PDF") == [FileLink("papers/doe.pdf", "Full Text", "PDF")]
    assert parse_file_field(":doe.pdf:PDF;Snapshot:snap/doe.html:text/html") == [
        FileLink("doe.pdf", "", "PDF"),
        FileLink("snap/doe.html", "Snapshot", "text/html"),
    ]
    assert parse_file_field("files/123/doe.pdf") == [FileLink("files/123/doe.pdf")]
    assert parse_file_field(r"Copy:dir\:with\;odd/doe.txt:Text") == [FileLink("dir:with;odd/doe.txt", "Copy", "Text")]
    assert parse_file_field("doe.pdf:application/pdf") == [FileLink("doe.pdf", "", "application/pdf")]
    assert parse_file_field(" ; ") == []
    assert parse_file_field("Online:https\\://example.org/doe.pdf:PDF") == [
        FileLink("https://example.org/doe.pdf", "Online", "PDF")
    ]
    assert parse_file_field("Online:https://example.org/doe.pdf:PDF") == [
        FileLink("https://example.org/doe.pdf", "Online", "PDF")
    ]
    assert parse_file_field("http://example.org/doe.html") == [FileLink("http://example.org/doe.html")]


def test_an_online_link_in_the_file_field_is_not_fetched(copy_fixture):
    root = copy_fixture("valid")
    with_file(root, "Online:https://example.org/doe.pdf:PDF")
    (finding,) = [f for f in run_checks(load(root)) if f.code == "CG381"]
    assert "is an online address: check reads only local copies" in finding.message


def test_file_is_resolved_relative_to_the_bib_files_folder(copy_fixture):
    root = copy_fixture("valid")
    (root / "bib" / "copies").mkdir()
    (root / "bib" / "copies" / "doe.txt").write_text("words")
    resolved = resolve(FileLink("copies/doe.txt"), root / "bib" / "references.bib", root)
    assert resolved.problem is None and resolved.path == (root / "bib" / "copies" / "doe.txt").resolve()
    assert resolved.media_type == "text/plain"


@pytest.mark.parametrize("how", ["absolute", "dotdot", "symlink"])
def test_a_copy_outside_the_registry_is_refused(copy_fixture, tmp_path, how):
    root = copy_fixture("valid")
    outside = tmp_path / "outside.txt"
    outside.write_text("Training model X consumed 1,287 MWh of electricity.")
    if how == "absolute":
        value = str(outside)
    elif how == "dotdot":
        value = ":../../outside.txt:Text"
    else:
        (root / "sources").mkdir()
        (root / "sources" / "link.txt").symlink_to(outside)
        value = ":../sources/link.txt:Text"
    with_file(root, value)
    findings = [f for f in run_checks(load(root)) if f.code == "CG381"]
    assert findings and "leads outside the registry" in findings[0].message
    assert findings[0].file == "bib/references.bib" and findings[0].line == 2  # the file field's line
    assert not any(f.code == "CG382" for f in run_checks(load(root)))  # nothing was read from it


def test_unsupported_copies_are_findings(copy_fixture):
    root = copy_fixture("valid")
    (root / "bib" / "doe.docx").write_bytes(b"PK")
    with_file(root, ":missing.pdf:PDF;:doe.docx:Word")
    messages = [f.message for f in run_checks(load(root)) if f.code == "CG381"]
    assert len(messages) == 1 and "neither PDF, HTML nor plain text" in messages[0]


def test_a_copy_not_on_this_machine_is_text_not_available_not_an_error(copy_fixture):
    # Regression: a file field naming a copy kept out of git (not on the CI machine) gave CG381 ERROR
    # "does not exist", failing CI, though findings must not depend on what a machine has (docs/sources.md).
    root = copy_fixture("valid")
    with_file(root, "Full text:../sources/Doe2021.pdf:PDF")
    result = run_cli("check", "-r", str(root), "--no-cache", "--format", "json")
    assert result.code == 0, result.out
    findings = json.loads(result.out)["findings"]
    assert not [f for f in findings if f["code"] == "CG381"]
    unavailable = [f for f in findings if f["code"] == "CG380"]
    assert unavailable and all(f["severity"] == "info" for f in unavailable)
    # the field as typed and the path looked for, from the registry's folder (agri-es trial: a path typed from the
    # wrong folder named a file that exists)
    assert (
        "file field '../sources/Doe2021.pdf': sources/Doe2021.pdf is not on this machine" in unavailable[0]["message"]
    )
    # the same field, with the copy there: read, and the quote looked for in it
    (root / "sources").mkdir()
    (root / "sources" / "Doe2021.pdf").write_bytes(b"%PDF-1.4\nnot a PDF")
    refused = run_cli("check", "-r", str(root), "--no-cache", "--format", "json")
    assert any(f["code"] == "CG381" for f in json.loads(refused.out)["findings"])
    # a path leading outside the registry is refused whether or not it exists here
    bib = root / "bib" / "references.bib"
    bib.write_text(bib.read_text().replace("Full text:../sources/Doe2021.pdf:PDF", ":../../elsewhere/Doe2021.pdf:PDF"))
    messages = [f.message for f in run_checks(load(root)) if f.code == "CG381"]
    assert messages and "leads outside the registry" in messages[0]


def test_a_broken_pdf_is_a_finding_not_a_traceback(copy_fixture):
    root = copy_fixture("valid")
    (root / "bib" / "doe.pdf").write_bytes(b"%PDF-1.4\nthis is not a PDF at all")
    with_file(root, ":doe.pdf:PDF")
    result = run_cli("check", "-r", str(root), "--no-cache")
    assert result.code == 1 and "CG381" in result.out and "Traceback" not in result.err


# ------------------------------------------------------------------ extraction


def test_pdf_pages_and_page_labels():
    data = make_pdf(
        ["Front matter.", "Preface words.", "Chapter one begins.", "Chapter one ends."],
        labels=[(0, 1, "/r", 1), (2, 3, "/D", 17)],
    )
    text = extract_bytes(data, "application/pdf")
    assert [p.label for p in text.pages] == ["i", "ii", "17", "18"] and text.labelled
    assert "Chapter one begins." in text.pages[2].text
    numbering = page_numbering(text, "1--10")
    assert numbering.basis == "the PDF's page labels"  # labels win over the BibTeX pages
    assert pages_named(numbering, locator_pages("p. 17")) == {2} and pages_named(numbering, locator_pages("p. ii")) == {
        1
    }
    assert pages_named(numbering, locator_pages("pp. ii, 18")) == {1, 3}


def test_pdf_without_labels_is_offset_by_the_bibtex_pages_start():
    text = extract_bytes(make_pdf(["One.", "Two.", "Three."]), "application/pdf")
    assert not text.labelled and [p.label for p in text.pages] == [None, None, None]
    offset = page_numbering(text, "101--103")
    assert offset.labels == ("101", "102", "103")
    assert offset.basis == "the PDF's pages in order, numbered from the BibTeX pages start (101)"
    plain = page_numbering(text, None)
    assert plain.labels == ("1", "2", "3")
    assert (
        plain.basis
        == "the PDF's pages in order, numbered from 1 (the PDF has no page labels and the entry no pages field)"
    )


def test_a_plain_text_copy_says_its_pages_are_split_at_form_feeds():
    # Regression: a .txt copy's CG383 said "the PDF has no page labels", in garbled words
    text = extract_bytes("First page.\fSecond page.\fThird page.".encode(), "text/plain")
    plain = page_numbering(text, None)
    assert plain.labels == ("1", "2", "3")
    assert (
        plain.basis == "the text's pages (split at form feeds) in order, numbered from 1 (the entry has no pages field)"
    )
    assert "PDF" not in plain.basis
    offset = page_numbering(text, "7--9")
    assert offset.labels == ("7", "8", "9") and "PDF" not in offset.basis


def test_an_unchanged_file_is_never_extracted_twice():
    data = make_pdf(["Words only this test writes: cached extraction 4711."])
    first = extract_bytes(data, "application/pdf")
    names = [n for n in os.listdir(check_cache.cache_dir()) if n.startswith(f"text-{first.sha256}")]
    assert len(names) == 1
    # the remembered extraction is what a second call returns: pypdf is not run again
    path = check_cache.cache_dir() / names[0]
    path.write_text(json.dumps({"pages": [[None, "from the cache"]], "labelled": False}))
    assert extract_bytes(data, "application/pdf").pages[0].text == "from the cache"
    # other bytes, another key
    assert "4712" in extract_bytes(make_pdf(["cached extraction 4712."]), "application/pdf").pages[0].text


def test_html_main_text_leaves_out_navigation():
    html = (
        "<html><head><title>T</title></head><body><nav><a href='/'>Home</a> | <a href='/about'>About us</a></nav>"
        "<article><h1>Energy of models</h1><p>"
        + "Training model X consumed 1,287 MWh of electricity. "
        * 3
        + "</p><p>Data centres use water for cooling, a second footprint that is rarely reported.</p></article>"
        "<footer>Copyright notice and cookie settings</footer></body></html>"
    )
    text = html_main_text(html)
    assert "1,287 MWh" in text and "second footprint" in text
    assert "cookie settings" not in text and "About us" not in text


def test_text_file_pages_split_at_form_feeds():
    text = extract_bytes("page one\fpage two\fpage three\f".encode(), "text/plain")
    assert [p.text for p in text.pages] == ["page one", "page two", "page three"] and text.paged


# ------------------------------------------------------------------ normalisation and location


def _text(*pages: str) -> SourceText:
    return SourceText(tuple(Page(i, None, p) for i, p in enumerate(pages)), "text/plain", "0" * 64)


@pytest.mark.parametrize(
    "source, quote",
    [
        ("the e\ufb03ciency of the ﬁrst model", "the efficiency of the first model"),  # ligatures
        ("a well-\nknown result", "a well-known result"),  # hyphen at line end
        ("a compu-\n  tation of it", "a computation of it"),
        ("it is \u201cfrugal\u201d \u2014 or so", 'it is "frugal" - or so'),  # quotes, dashes
        ("the  model\n\nconsumed\u00a0much", "The model consumed much"),  # spaces, case
        ("soft\u00adware is eating", "software is eating"),
        ("between 2010 \u2013 2018 it grew", "between 2010 - 2018 it grew"),
    ],
)
def test_normalisation_finds_the_words(source, quote):
    match = locate(prepare(_text("Unrelated words first. " + source + " and more.")), quote)
    assert match is not None and match.exact and match.score == 100


@pytest.mark.parametrize(
    "quote",
    [
        "Training model X consumed … of electricity",
        "Training model X consumed ... of electricity",
        "Training model X consumed [...] of electricity",
        "[T]raining model X consumed 1,287 MWh",
        "[The first model] consumed 1,287 MWh of electricity",
        "Training model X consumed 1,287 MWh [sic] of electricity",
    ],
)
def test_ellipses_and_insertions_are_honoured(quote):
    match = locate(prepare(_text("Table 2. Training model X consumed 1,287 MWh of electricity in 2021.")), quote)
    assert match is not None and match.exact, match


def test_an_ellipsis_does_not_bridge_the_whole_document():
    text = _text("It began here. " + "filler words " * 400 + " and ended there.")
    match = locate(prepare(text), "It began here … and ended there.")
    assert match is not None and not match.exact


def test_a_repeated_quote_is_located_on_the_locators_page():
    text = _text("growth of 5% per year", "other words", "growth of 5% per year")
    prepared = prepare(text)
    assert locate(prepared, "growth of 5% per year").start_page == 0
    assert locate(prepared, "growth of 5% per year", {2}).start_page == 2


def test_closest_passage_and_score_for_a_quote_not_there():
    match = locate(
        prepare(_text("Cooling uses water.", "Training used 1,287 MWh in total.")),
        "Training model X consumed 1,287 MWh of electricity.",
    )
    assert match is not None and not match.found and match.start_page == 1
    assert 0 < match.score < 90 and "1,287" in match.passage


@pytest.mark.parametrize(
    "locator, pages",
    [
        ("p. 4", (("4", "4"),)),
        ("p.4, Table 2", (("4", "4"),)),
        ("pp. 12-14", (("12", "14"),)),
        ("pp. 12\u201314", (("12", "14"),)),
        ("page 7", (("7", "7"),)),
        ("S. 3", (("3", "3"),)),
        ("p. iv", (("iv", "iv"),)),
        ("pp. 4, 7", (("4", "4"), ("7", "7"))),
        ("pp. 4-5 and 9", (("4", "5"), ("9", "9"))),
        ("Section 3", None),
        ("Table 2", None),
        (None, None),
        ("Appendix", None),
        ("Step 4", None),
    ],
)
def test_locator_pages(locator, pages):
    ref = locator_pages(locator)
    assert (ref.ranges if ref else None) == pages


def test_normalise_keeps_case_for_showing():
    assert normalise("The \ufb01rst  \u201cmodel\u201d") == 'The first "model"'


# ------------------------------------------------------------------ check, end to end


def test_quotes_found_in_a_pdf_copy_give_no_finding(copy_fixture):
    root = copy_fixture("valid")
    (root / "sources").mkdir()
    (root / "sources" / "Doe2021.pdf").write_bytes(
        make_pdf(
            doe_pages(
                p4="Table 2. Training model X con-\nsumed 1,287 MWh of electricity.",
                p7="The sector shows a growth of 5% per year.",
            )
        )
    )
    with_file(root, "Full text:../sources/Doe2021.pdf:PDF")
    result = run_cli("check", "-r", str(root), "--fail-level", "info")
    assert result.code == 0 and result.out.strip() == "0 findings (0 errors, 0 warnings, 0 infos)", result.out
    checks = {(q.claim.rsplit("/", 1)[1], q.role): q for q in quote_checks(load(root)) if q.key == "Doe2021"}
    found = checks[("model-training-energy", "cited")]
    assert found.status == "found" and found.page == "4" and "BibTeX pages start (1)" in found.basis
    assert "Training model X consumed" in found.match.passage and found.origin == "sources/Doe2021.pdf"


def test_a_quote_on_another_pdf_page_says_which_by_its_page_label(copy_fixture):
    root = copy_fixture("valid")
    (root / "sources").mkdir()
    pages = doe_pages(p5="Table 2. Training model X consumed 1,287 MWh of electricity.", p7="a growth of 5% per year")
    # printed pages 3..12: the PDF's labels say so, whatever the BibTeX pages field says
    (root / "sources" / "Doe2021.pdf").write_bytes(make_pdf(pages, labels=[(0, 9, "/D", 3)]))
    with_file(root, ":../sources/Doe2021.pdf:PDF")
    findings = {f.subject.rsplit("/", 1)[1]: f for f in run_checks(load(root)) if f.code == "CG383"}
    assert "on p. 7, not on p. 4" in findings["model-training-energy"].message
    assert "the PDF's page labels" in findings["model-training-energy"].message
    assert "on p. 9, not on p. 7" in findings["growth-rate"].message  # page index 6 is labelled 9


def test_a_number_only_in_an_insertion_is_not_in_the_located_passage(copy_fixture):
    root = copy_fixture("valid")
    (root / "sources").mkdir()
    (root / "sources" / "Doe2021.txt").write_text(
        "\f".join(
            doe_pages(
                p4="Table 2. Training model X consumed a great deal of electricity.", p7="a growth of 5% per year"
            )
        )
    )
    with_file(root, ":../sources/Doe2021.txt:Text")
    energy = root / "claims" / "energy.ttl"
    energy.write_text(
        energy.read_text().replace(
            'oa:exact "Training model X consumed 1,287 MWh of electricity."',
            'oa:exact "Training model X consumed [1,287 MWh] of electricity."',
        )
    )
    # the cited quote states the value only in the insertion: CG320 says so, once; CG385 would say it again
    found = [f for f in run_checks(load(root)) if f.code in ("CG320", "CG385")]
    assert [(f.code, f.file) for f in found] == [("CG320", "claims/energy.ttl")], found
    assert "only in an editorial insertion" in found[0].message


def test_text_not_available_is_info_and_an_error_with_require_texts(copy_fixture):
    root = copy_fixture("valid")
    (root / "sources").mkdir()
    (root / "sources" / "manifest.json").write_text(
        json.dumps(
            {
                "format": 1,
                "sources": {
                    "Doe2021": {
                        "retrievals": [
                            {
                                "what": "text",
                                "via": "url",
                                "status": "fetched",
                                "url": "https://example.org/doe.pdf",
                                "sha256": "ab" * 32,
                                "media_type": "application/pdf",
                            }
                        ]
                    }
                },
            }
        )
    )
    result = run_cli("check", "-r", str(root), "--fail-level", "warning")
    assert result.code == 0 and "CG380 info: text not available for Doe2021" in result.out
    strict = run_cli("check", "-r", str(root), "--require-texts")
    assert strict.code == 1 and "CG380 error" in strict.out and "Roe2022" in strict.out  # no text named at all


def test_the_check_cache_key_holds_the_source_texts(copy_fixture):
    root = copy_fixture("valid")
    (root / "sources").mkdir()
    copy = root / "sources" / "Doe2021.txt"
    copy.write_text(
        "\f".join(doe_pages(p4="Training model X consumed 1,287 MWh of electricity.", p7="growth of 5% per year"))
    )
    with_file(root, ":../sources/Doe2021.txt:Text")
    assert run_cli("check", "-r", str(root)).code == 0
    before = check_cache.digest(root)
    copy.write_text(copy.read_text().replace("consumed 1,287 MWh", "burnt through"))
    assert check_cache.digest(root) != before
    result = run_cli("check", "-r", str(root))  # the cached "0 findings" must not be reused
    assert result.code == 1 and "CG382" in result.out
    assert check_cache.digest(root, "require-texts") != check_cache.digest(root)


def test_an_invalid_manifest_is_a_finding(copy_fixture):
    root = copy_fixture("valid")
    (root / "sources").mkdir()
    (root / "sources" / "manifest.json").write_text('{"format": 1,\n "sources": [}')
    findings = [f for f in run_checks(load(root)) if f.code == "CG387"]
    assert findings and findings[0].file == "sources/manifest.json" and findings[0].line == 2


def test_the_site_shows_under_each_quote_whether_it_was_found(copy_fixture, tmp_path):
    root = copy_fixture("valid")
    (root / "sources").mkdir()
    (root / "sources" / "Doe2021.txt").write_text(
        "\f".join(
            doe_pages(
                p4="Table 2. Training model X consumed 1,287 MWh of electricity. <Total> follows.",
                p7="no growth figure here",
            )
        )
    )
    with_file(root, ":../sources/Doe2021.txt:Text")
    out = tmp_path / "site"
    assert run_cli("build", "-r", str(root), "--out", str(out)).code == 0
    pages = {p.relative_to(out).as_posix(): p.read_text() for p in out.rglob("*.html") if "claims/" in p.as_posix()}
    energy = next(text for name, text in pages.items() if "model-training-energy" in name)
    # the fixture's first language is French: so are the words of the quote checks
    assert "Trouvée dans la source, p. 4 (sources/Doe2021.txt)." in energy
    assert "<mark>Training model X consumed 1,287 MWh of electricity.</mark> &lt;Total&gt; follows." in energy
    growth = next(text for name, text in pages.items() if "growth-rate" in name)
    assert "Introuvable dans le texte de la source (sources/Doe2021.txt) ; le passage le plus proche, p. " in (
        growth.replace("&#39;", "'")
    )
    smaller = next(text for name, text in pages.items() if "smaller-models" in name)
    assert "Non recherchée : aucun texte de Roe2022 n&#39;est disponible ici" in smaller
    doe = (out / "sources" / "doe2021.html").read_text()
    assert "<tr><td>Texte</td><td>sources/Doe2021.txt (text/plain, 10 pages)</td></tr>" in doe


def test_passage_shown_is_exact_after_hyphens_left_out_of_the_comparison():
    """Hyphens between letters are not compared: the passage shown must still be the source's words."""
    prepared = prepare(_text("State-of-the-art, well-\nknown re-runs: Training model X consumed 1,287 MWh. End."))
    match = locate(prepared, "Training model X consumed 1,287 MWh.")
    assert match.passage == "Training model X consumed 1,287 MWh."
    assert match.before == "State-of-the-art, wellknown re-runs: " and match.after == " End."
    assert locate(prepared, "well-known rerun").passage == "wellknown re-run"


def test_the_comparison_script_runs_and_keeps_the_rest_of_results_md(tmp_path):
    """benchmarks/source_quotes.py writes its own section; without linkml-reference-validator it says why."""
    import subprocess
    import sys

    from .conftest import PROJECT

    out = tmp_path / "results.md"
    out.write_text("# Results\n\nthe harness's report\n")
    proc = subprocess.run(
        [
            sys.executable,
            str(PROJECT / "benchmarks" / "source_quotes.py"),
            "--repeat",
            "1",
            "--lrv-python",
            sys.executable,
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    text = out.read_text()
    assert text.startswith("# Results\n\nthe harness's report\n") and text.count("<!-- section:source-quotes -->") == 1
    assert "| wrong-page | on p. 3, the locator says p. 2 | found, on p. 3, not p. 2 (CG383) |" in text
    assert "| retyped-number |" in text and "value not in the passage (CG385)" in text
    importable = subprocess.run([sys.executable, "-c", "import linkml_reference_validator"]).returncode == 0
    assert importable or "it could not be run here" in text


def test_new_source_local_copy_writes_the_file_field_and_refuses_a_missing_copy(copy_fixture):
    root = copy_fixture("valid")
    args = [
        "new",
        "source",
        "-r",
        str(root),
        "--key",
        "Poe2020",
        "--title",
        "A Title",
        "--author",
        "Poe, Ann",
        "--year",
        "2020",
        "--url",
        "https://example.org/poe",
        "--local-copy",
        "sources/Poe2020.txt",
    ]
    refused = run_cli(*args)
    assert (
        refused.code == 2  # a missing file named on the command line is bad usage (docs/limits.md)
        and "'sources/Poe2020.txt': no such file in the registry" in refused.err
        and "Poe2020" not in (root / "bib" / "references.bib").read_text()
    )
    (root / "sources").mkdir()
    (root / "sources" / "Poe2020.txt").write_text("Some words of the source.")
    assert run_cli(*args).code == 0
    assert "file   = {:../sources/Poe2020.txt:Text}," in (root / "bib" / "references.bib").read_text()
    assert load(root).sources["Poe2020"].fields["file"] == ":../sources/Poe2020.txt:Text"


def test_new_claim_in_a_registry_with_source_copies_is_checked_against_them(copy_fixture):
    """The scratch copy `new` checks in holds the source texts: the quotes found in them stay found."""
    root = copy_fixture("valid")
    (root / "papers").mkdir()
    (root / "papers" / "doe.txt").write_text(
        "\f".join(doe_pages(p4="Training model X consumed 1,287 MWh of electricity.", p7="growth of 5% per year"))
    )
    with_file(root, ":../papers/doe.txt:Text")
    result = run_cli(
        "new",
        "claim",
        "-r",
        str(root),
        "--id",
        "extra",
        "--statement",
        "Models got smaller.",
        "--cites",
        "Roe2022",
        "--quote",
        "Smaller models now match larger ones.",
        "--locator",
        "Section 3",
    )
    assert result.code == 0, result.err


@pytest.mark.parametrize(
    "html, words",
    [
        ("<p>Training model X consumed 1,287 MWh.</p>", "Training model X consumed 1,287 MWh."),  # a fragment
        (
            '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>An XHTML page.'
            "</p></body></html>",
            "An XHTML page.",
        ),
        ("<p>Words</p><script>var hidden = 1;</script>", "Words"),
        ("", ""),
    ],
)
def test_html_that_trafilatura_leaves_empty_still_gives_its_words(html, words):
    assert html_main_text(html).strip() == words


@pytest.mark.parametrize(
    "retrieval, says",
    [
        ({"what": "text", "via": "url", "status": "fetched", "sha256": "../../../etc/passwd"}, "not 64 hexadecimal"),
        ({"what": "text", "via": "url", "status": "fetched", "sha256": 12}, "must be a string"),
        ({"what": "text", "status": "fetched"}, "needs what, via and status"),
    ],
)
def test_a_manifest_cannot_name_a_file_outside_the_cache(copy_fixture, retrieval, says):
    root = copy_fixture("valid")
    (root / "sources").mkdir()
    (root / "sources" / "manifest.json").write_text(
        json.dumps({"format": 1, "sources": {"Doe2021": {"retrievals": [retrieval]}}})
    )
    findings = [f for f in run_checks(load(root)) if f.code == "CG387"]
    assert findings and says in findings[0].message


def test_manifest_metadata_of_the_wrong_shape_is_a_finding_not_a_traceback(copy_fixture):
    root = copy_fixture("valid")
    (root / "sources").mkdir()
    (root / "sources" / "manifest.json").write_text(
        json.dumps(
            {
                "format": 1,
                "sources": {"Doe2021": {"metadata": {"resolved": True, "title": "T", "authors": [{"family": "Doe"}]}}},
            }
        )
    )
    result = run_cli("check", "-r", str(root))
    assert result.code == 1 and "CG387" in result.out and "'authors' must be a list of names" in result.out
    assert "Traceback" not in result.err


def test_entry_and_record_compared_with_tolerance():
    from claimgraph.loading.bibtex import parse_bibtex
    from claimgraph.sources.references import compare

    (entry,) = parse_bibtex("""@article{Sch2020, author = {Sch{\\"o}nberger, J. and Ma, Li},
      title = {{Energy}: A Study}, journal = {Proc. ACM Meas. Anal. Comput. Syst.}, year = {2020},
      doi = {10.1/abc}}""").entries
    same = {
        "identifier": "doi:10.1/abc",
        "resolved": True,
        "title": "ENERGY",
        "authors": ["Schonberger, Jan"],
        "year": 2020,
        "venue": "Proceedings of the ACM on Measurement and Analysis of Computing Systems",
        "doi": "10.1/ABC",
    }
    assert compare(entry, same) == []  # accents, case, initials, subtitle, abbreviations, DOI case
    codes = [
        d.code
        for d in compare(entry, {**same, "year": "2019", "authors": ["Ma, Li"], "doi": "10.1/other", "venue": "Nature"})
    ]
    assert codes == ["CG392", "CG393", "CG395", "CG394"]
    assert [d.code for d in compare(entry, {**same, "title": "Water use of data centres"})] == ["CG390"]
    assert [d.code for d in compare(entry, {"identifier": "doi:10.1/abc", "resolved": False})] == ["CG391"]


def test_status_says_when_a_local_copy_changed_since_recorded(copy_fixture):
    root = copy_fixture("valid")
    (root / "sources").mkdir()
    copy = root / "sources" / "Doe2021.txt"
    copy.write_text(
        "\f".join(doe_pages(p4="Training model X consumed 1,287 MWh of electricity.", p7="growth of 5% per year"))
    )
    with_file(root, ":../sources/Doe2021.txt:Text")

    def status() -> str:
        result = run_cli("sources", "status", "-r", str(root))
        assert result.code == 0
        return next(line for line in result.out.splitlines() if line.startswith("Doe2021\t"))

    assert "text: text/plain, 10 pages, from sources/Doe2021.txt\tnot recorded" in status()
    assert run_cli("sources", "fetch", "-r", str(root), "--record-only").code == 0  # no network: hashes copies
    assert "\tunchanged since recorded\t" in status()
    copy.write_text(copy.read_text() + "\fan erratum page")
    assert "\tchanged since recorded\t" in status()
    as_json = json.loads(run_cli("sources", "status", "-r", str(root), "-f", "json").out)
    assert {
        "key": "Doe2021",
        "text": "text/plain, 11 pages, from sources/Doe2021.txt",
        "changed": "changed since recorded",
        "recorded": "local copy: recorded; metadata: not fetched",
    } in as_json
    findings = [f for f in run_checks(load(root)) if f.code == "CG386"]
    assert findings and findings[0].line == 2 and "changed since the manifest recorded it" in findings[0].message


@pytest.mark.parametrize(
    "locator, says",
    [
        ("pp. 2, 4 (Table 2)", None),  # one of the pages named
        ("p. 40", "not on p. 40 as its locator says (the text has no such page)"),
        ("pp. 5\u20136", "quote found in Doe2021 on p. 4, not on pp. 5\u20136 as its locator says"),
    ],
)
def test_page_lists_and_pages_the_text_lacks(copy_fixture, locator, says):
    root = copy_fixture("valid")
    (root / "sources").mkdir()
    (root / "sources" / "Doe2021.txt").write_text(
        "\f".join(doe_pages(p4="Training model X consumed 1,287 MWh of electricity.", p7="growth of 5% per year"))
    )
    with_file(root, ":../sources/Doe2021.txt:Text")
    energy = root / "claims" / "energy.ttl"
    energy.write_text(energy.read_text().replace('cg:locator "p. 4, Table 2"', f'cg:locator "{locator}"'))
    messages = [f.message for f in run_checks(load(root)) if f.code == "CG383" and f.file == "claims/energy.ttl"]
    assert messages == ([] if says is None else [messages[0]]) and (says is None or says in messages[0]), messages
    # a plain-text copy: its pages are its form-feed pages, and nothing is said of a PDF
    assert all("printed pages read from the text's pages (split at form feeds)" in m for m in messages), messages
    assert not any("PDF" in m for m in messages), messages


@pytest.mark.parametrize(
    "pages, says",
    [
        (
            {"p4": "Training model X consumed 1,287 MWh of electricity.", "p9": "TABLE 2: energy per run."},
            "the locator names Table 2, which the text of Doe2021 shows on p. 9, not near the quote (p. 4)",
        ),
        (
            {"p4": "Training model X consumed 1,287 MWh of electricity.", "p5": "Table 2. Energy per run."},
            None,
        ),  # beside
        ({"p4": "Training model X consumed 1,287 MWh of electricity."}, None),  # no caption in the text: nothing said
    ],
)
def test_a_table_the_locator_names_is_looked_for_near_the_quote(copy_fixture, pages, says):
    root = copy_fixture("valid")
    (root / "sources").mkdir()
    (root / "sources" / "Doe2021.txt").write_text("\f".join(doe_pages(p7="growth of 5% per year", **pages)))
    with_file(root, ":../sources/Doe2021.txt:Text")
    found = [f for f in run_checks(load(root)) if f.code == "CG388" and f.file == "claims/energy.ttl"]
    if says is None:
        assert found == []
    else:
        assert len(found) == 1 and says in found[0].message and found[0].line == 38  # the locator's line


@pytest.mark.parametrize(
    "locator, caption, written",
    [
        ("pág. 4, cuadro 2", "Cuadro 2: energía por ejecución.", "cuadro 2"),  # Spanish, as the trial's registry
        ("S. 4, Tabelle 2", "Tabelle 2: Energie je Lauf.", "Tabelle 2"),
        ("p. 4, Tabella 2", "Tabella 2. Energia per esecuzione.", "Tabella 2"),
        ("p. 4, Figura 2", "Figura 2: energía por ejecución.", "Figura 2"),
        ("p. 4, Tabla 2", "TABLE 2: energy per run.", "Tabla 2"),  # a locator in another language than the text
        ("p. 4, Abb.2", "Abbildung 2: Energie je Lauf.", "Abb.2"),
    ],
)
def test_a_table_or_figure_is_looked_for_in_the_locators_language(copy_fixture, locator, caption, written):
    # the table and figure words of the languages locators are read in: "cuadro 2" was no table, and CG388 silent
    root = copy_fixture("valid")
    (root / "sources").mkdir()
    pages = {"p4": "Training model X consumed 1,287 MWh of electricity.", "p9": caption}
    (root / "sources" / "Doe2021.txt").write_text("\f".join(doe_pages(p7="growth of 5% per year", **pages)))
    with_file(root, ":../sources/Doe2021.txt:Text")
    energy = root / "claims" / "energy.ttl"
    energy.write_text(energy.read_text().replace('cg:locator "p. 4, Table 2"', f'cg:locator "{locator}"'))
    found = [f for f in run_checks(load(root)) if f.code == "CG388" and f.file == "claims/energy.ttl"]
    assert len(found) == 1, found
    assert f"the locator names {written}, which the text of Doe2021 shows on p. 9" in found[0].message


def test_a_word_that_only_starts_like_a_table_names_none():
    assert locator_labels("Tablet 3, Figures 4, Tabelle 2, Fig.3b") == [
        ("table", "2", "Tabelle 2"),
        ("figure", "3b", "Fig.3b"),
    ]


# ------------------------------------------------------------------ quotes of a registry without texts


def _by_quote(registry):
    return {(qc.claim, qc.role, qc.exact): qc for qc in quote_checks(registry)}


@pytest.mark.parametrize("name", ["valid", "numbers-valid", "valid-units"])
def test_without_texts_the_quotes_sources_alone_give_the_same_checks(name):
    from claimgraph.sources.verify import quote_checks_without_texts

    quick = quote_checks_without_texts(load(FIXTURES / name))
    assert quick is not None and quick == _by_quote(load(FIXTURES / name))
    if name == "valid":  # a quote naming its source, and quotes taking their claim's only one
        assert {qc.status for qc in quick.values()} == {"no-text"} and len(quick) > 1


def test_a_quote_read_with_two_sources_or_a_source_with_a_text_takes_the_whole_reading(copy_fixture):
    from claimgraph.sources.verify import quote_checks_without_texts

    root = copy_fixture("valid")
    energy = root / "claims" / "energy.ttl"
    text = energy.read_text(encoding="utf-8")
    assert "cg:inSource source:Doe2021 ;" in text
    energy.write_text(text.replace("cg:inSource source:Doe2021 ;", "cg:inSource source:Doe2021 , source:Other ;"))
    assert quote_checks_without_texts(load(root)) is None
    energy.write_text(text)
    (root / "sources").mkdir()
    (root / "sources" / "Doe2021.txt").write_text("Training model X consumed 1,287 MWh of electricity.")
    with_file(root, "Full text:../sources/Doe2021.txt:Text")
    registry = load(root)
    assert quote_checks_without_texts(registry) is None
    assert "found" in {qc.status for qc in _by_quote(registry).values()}


# the site's quotes read from the model, without the query, where the two readings agree

_QUOTE = 'oa:exact "Training model X consumed 1,287 MWh of electricity." ;'
_EDITS = {
    "as it is": (None, None, True),
    "a quote without words": ("    cg:citedQuote [ oa:exact", "    cg:citedQuote [ cg:locator", True),
    "a source not in the bibliography": ("cg:inSource source:Doe2021 ;", "cg:inSource source:Nowhere2020 ;", True),
    "two sources named": ("cg:inSource source:Doe2021 ;", "cg:inSource source:Doe2021 , source:Roe2022 ;", False),
    "a source named in words": ("cg:inSource source:Doe2021 ;", 'cg:inSource "Doe2021" ;', False),
    "words as a number": (_QUOTE, "oa:exact 1287 ;", False),
    "two sets of words": (_QUOTE, _QUOTE[:-2] + ' , "1,287 MWh" ;', False),
    "a citation in words": ("cg:cites source:Roe2022 ;", 'cg:cites source:Roe2022 , "Roe" ;', False),
    "a quote of a system": ('rdfs:label "Model X" .', 'rdfs:label "Model X" ; cg:citedQuote [ oa:exact "X" ] .', False),
    "the same words from two sources": (
        '    cg:status status:verifiedPrimary ;\n    cg:statusNote "Read',
        '    cg:citedQuote [ cg:inSource source:Roe2022 ; oa:exact "Training model X consumed 1,287 MWh of '
        'electricity." ] ;\n    cg:status status:verifiedPrimary ;\n    cg:statusNote "Read',
        False,
    ),
}


@pytest.mark.parametrize("case", sorted(_EDITS))
def test_the_quotes_as_read_give_the_site_what_the_query_gives(copy_fixture, monkeypatch, case):
    from claimgraph.model import read_model
    from claimgraph.site.model import gather
    from claimgraph.sources import verify

    root = copy_fixture("valid")
    old, new, alike = _EDITS[case]
    if old is not None:
        energy = root / "claims" / "energy.ttl"
        text = energy.read_text(encoding="utf-8")
        assert old in text
        energy.write_text(text.replace(old, new, 1), encoding="utf-8")

    def said(registry) -> dict:
        return {
            (c.iri, n): (q.verification, getattr(q.verification, "values", None), q.context)
            for c in gather(registry, []).claims
            for n, q in enumerate(c.quotes)
        }

    registry = load(root)
    assert verify.model_reads_quotes_as_the_query(registry, read_model(registry)) is alike
    from_model = said(registry)
    monkeypatch.setattr(verify, "model_reads_quotes_as_the_query", lambda registry, model: False)
    from_query = said(load(root))
    assert from_model == from_query
    assert any(v[0] is not None for v in from_query.values())
