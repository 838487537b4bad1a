"""What a new user's trial of authoring under git found (``new`` with ``--dry-run``, ``init`` in a clone, ``diff``
of two versions), each on a registry made as the user made theirs."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from claimgraph.loading.bibtex import family_name, strip_braces

from .conftest import run_cli
from .made_registries import add_claim, add_turtle, checked_site, findings, new_claim, new_registry, page_words


def new_source(root: Path, *args: str):
    return run_cli("new", "source", "--registry", str(root), *args)


def source(root: Path, key: str, *more: str, author: str = "Roe, Rita", year: str = "2020"):
    return new_source(root, "--key", key, "--author", author, "--title", f"Title of {key}", "--year", year, *more)


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def diff_json(old: Path, new: Path, *more: str) -> dict:
    result = run_cli("diff", str(old), str(new), "--format", "json", *more)
    assert result.code == 0, result.err
    return json.loads(result.out)


def claim_changes(diff: dict, claim: str) -> list[dict]:
    return next((c["changes"] for c in diff["changed"] if c["claim"] == f"claim/{claim}"), [])


# ------------------------------------------------------------------ 1. a dry run checks what a run checks

SOURCE_REFUSALS = {
    "key already used": ("--key", "Doe2021", "--author", "X, Y", "--title", "T", "--year", "2020"),
    "key differing by case": ("--key", "doe2021", "--author", "X, Y", "--title", "T", "--year", "2020"),
    "malformed DOI": ("--key", "New2020", "--author", "X, Y", "--title", "T", "--year", "2020", "--doi", "10.12"),
}


@pytest.mark.parametrize("argv", SOURCE_REFUSALS.values(), ids=SOURCE_REFUSALS.keys())
def test_a_source_dry_run_refuses_what_a_run_refuses(tmp_path, argv):
    root = new_registry(tmp_path)
    before = files(root)
    dry, real = new_source(root, *argv, "--dry-run"), new_source(root, *argv)
    assert real.code != 0 and real.err
    assert (dry.code, dry.err, dry.out) == (real.code, real.err, "")
    assert files(root) == before


CLAIM_REFUSALS = {
    "unknown cited key": ("--id", "c", "--statement", "S.", "--cites", "NOPE"),
    "unit not fitting the quantity kind": (
        "--id", "c", "--statement", "S.", "--cites", "Doe2021", "--value", "5", "--unit", "KiloGM",
        "--measurand", "m", "--quantity-kind", "Energy", "--about", "s",
    ),
}  # fmt: skip


@pytest.mark.parametrize("argv", CLAIM_REFUSALS.values(), ids=CLAIM_REFUSALS.keys())
def test_a_claim_dry_run_refuses_what_a_run_refuses(tmp_path, argv):
    root = new_registry(tmp_path)
    before = files(root)
    dry = run_cli("new", "claim", "--registry", str(root), *argv, "--dry-run")
    real = run_cli("new", "claim", "--registry", str(root), *argv)
    assert real.code == 1 and real.err
    assert (dry.code, dry.err, dry.out) == (real.code, real.err, "")
    assert files(root) == before


def appended_after_dry_run(path: Path, dry_out: str, run) -> None:
    """``run`` appends to ``path`` what the dry run printed, after the line breaks that separate it."""
    before = path.read_text(encoding="utf-8")
    assert run().code == 0
    after = path.read_text(encoding="utf-8")
    assert after.endswith(dry_out) and after[: len(after) - len(dry_out)].rstrip("\n") == before.rstrip("\n")


def test_a_claim_dry_run_prints_exactly_what_is_appended(tmp_path):
    root = new_registry(tmp_path)
    claims = root / "claims" / "claims.ttl"
    add_claim(root, "first", "First.", "600", "MegaW-HR")  # defines measurand:first and system:s
    argv = ("--statement", "Again.", "--value", "650", "--unit", "MegaW-HR")
    before = claims.read_bytes()
    dry = new_claim(root, "second", *argv, "--dry-run", measurand="first")
    assert dry.code == 0, dry.err
    assert claims.read_bytes() == before
    # the measurand and the system exist: the text that would be appended does not define them again
    assert "cg:Measurand" not in dry.out and "cg:System" not in dry.out and dry.out.startswith("claim:second\n")
    appended_after_dry_run(claims, dry.out, lambda: new_claim(root, "second", *argv, measurand="first"))


def test_a_source_dry_run_prints_exactly_what_is_appended(tmp_path):
    root = new_registry(tmp_path)
    argv = ("--title", "A & B", "--doi", "doi:10.1145/3442188.3445922")
    dry = source(root, "Roe2020", *argv, "--dry-run")
    assert dry.code == 0, dry.err
    assert dry.out.startswith("@article{Roe2020,") and "10.1145/3442188.3445922}" in dry.out
    appended_after_dry_run(root / "bib" / "references.bib", dry.out, lambda: source(root, "Roe2020", *argv))


# ------------------------------------------------------------------ 2. LaTeX's specials escaped, read back as typed

TYPED_TITLE = "A book with 50% & $5 and _under_ #hash"


def test_latex_specials_are_escaped_and_read_back_as_typed(tmp_path):
    root = new_registry(tmp_path)
    made = source(root, "Book2020", "--type", "book", "--title", TYPED_TITLE, "--venue", "Addison & Wesley")
    assert made.code == 0, made.err
    bib = (root / "bib" / "references.bib").read_text(encoding="utf-8")
    assert r"title     = {A book with 50\% \& \$5 and \_under\_ \#hash}," in bib
    assert r"publisher = {Addison \& Wesley}," in bib
    # an author already escaping one is not escaped twice
    assert source(root, "Esc2020", "--title", r"Already \& escaped").code == 0
    assert r"{Already \& escaped}" in (root / "bib" / "references.bib").read_text(encoding="utf-8")
    add_claim(root, "cites-book", "A claim.", "5", "MegaW-HR", more=("--cites", "Book2020"))
    # check reads it clean (no BibTeX finding about the entry), and the site shows the title as typed
    assert not [f for f in findings(root) if f["code"] in ("CG105", "CG110", "CG123", "CG124")]
    site = checked_site(root, tmp_path / "site")
    page = (site / "sources" / "book2020.html").read_text(encoding="utf-8")
    heading = page_words(page[page.index('<h1 id="source">') :].split("</h1>")[0])
    reference = page_words(page[page.index("<p>Roe, Rita (2020).") :].split("</p>")[0])
    assert heading == f"Roe (2020): {TYPED_TITLE}"
    assert reference == f"Roe, Rita (2020). {TYPED_TITLE} . Addison & Wesley."  # (the title is <em>)


@pytest.mark.parametrize(
    "written, read",
    [
        (r"\textit{Nature} of things", "Nature of things"),
        (r"{\em Science} \textbf {weekly}", "Science weekly"),
        (r"The \emph{x} factor", "The x factor"),
        (r"{\sc IEA} report", "IEA report"),
        (r"H{\"o}lzle \& Barroso", "Hölzle & Barroso"),
    ],
)
def test_font_commands_read_as_their_text(written, read):
    assert strip_braces(written) == read


# ------------------------------------------------------------------ 3. a cited entry removed from bib/


@pytest.mark.parametrize("how", ["deleted", "renamed"])
def test_diff_marks_claims_whose_cited_entry_left_bib(tmp_path, how):
    old = new_registry(tmp_path)
    add_claim(old, "c", "A claim.", "5", "MegaW-HR")
    new = tmp_path / "new"
    shutil.copytree(old, new)
    bib = new / "bib" / "references.bib"
    text = bib.read_text(encoding="utf-8")
    if how == "renamed":
        bib.write_text(text.replace("@article{Doe2021,", "@article{Doe2021a,"), encoding="utf-8")
    else:
        bib.write_text(text[: text.index("@article{Doe2021,")], encoding="utf-8")
    diff = diff_json(old, new)
    assert diff["sources_removed"] == ["Doe2021"]
    expected = {"field": "cited source entry", "kind": "source", "old": "", "new": "Doe2021 removed from bib/"}
    assert any(change.items() >= expected.items() for change in claim_changes(diff, "c"))
    text_report = run_cli("diff", str(old), str(new)).out
    assert "cited source entry: Doe2021 removed from bib/" in text_report


# ------------------------------------------------------------------ 4. "First von Last" authors (CG302)


@pytest.mark.parametrize(
    "author, printed, family",
    [
        ("Jan van der Berg", "van der Berg, 2021", "van der Berg"),
        ("Jan van der Berg", "Berg, 2021", "van der Berg"),
        ("Ludwig van Beethoven", "van Beethoven, 2021", "van Beethoven"),
        ("Ludwig van Beethoven", "Beethoven, 2021", "van Beethoven"),
        ("van der Berg, Jan", "van der Berg, 2021", "van der Berg"),
    ],
)
def test_a_von_part_is_part_of_the_family_name(tmp_path, author, printed, family):
    root = new_registry(tmp_path)
    assert source(root, "J2021", author=author, year="2021").code == 0
    cite = ("--cites", "J2021", "--in-text-citation", printed)
    add_claim(root, "right", "A claim.", "5", "MegaW-HR", more=cite)
    add_claim(root, "wrong", "A claim.", "6", "MegaW-HR", more=(*cite[:3], "Smith, 2021"))
    # (new_claim cites Doe2021 too, which no printed name here names)
    cg302 = [f for f in findings(root, "CG302") if "J2021" in f["message"]]
    assert [f["subject"].rsplit("/", 1)[-1] for f in cg302] == ["wrong"]
    assert cg302[0]["message"] == f"printed “Smith, 2021”, but entry J2021 has first author “{family}”"


def test_family_names_without_a_von_part_are_as_before():
    assert family_name("John Doe") == "Doe"
    assert family_name("bell hooks") == "hooks"  # all lowercase: no von form
    assert family_name("Jean {de la} Cruz") == "Cruz"  # a braced word is no von part
    assert family_name("Jean de la Fontaine") == "de la Fontaine"
    assert family_name("{International Energy Agency}") == "International Energy Agency"


# ------------------------------------------------------------------ 5. options describing an existing measurand


@pytest.mark.parametrize(
    "option, value, said",
    [
        ("--quantity-kind", "Mass", "with quantity kind 'Energy'"),
        ("--measurand-label", "another label", "with label 'm'"),
        ("--about", "other-sys", "with system 's'"),
        ("--system-label", "Another system", "with label 's'"),
    ],
)
def test_options_that_would_redefine_a_measurand_are_refused(tmp_path, option, value, said):
    root = new_registry(tmp_path)
    add_claim(root, "first", "First.", "600", "MegaW-HR", more=("--measurand", "m"))
    claims = (root / "claims" / "claims.ttl").read_text(encoding="utf-8").splitlines()
    definition = claims.index("measurand:m" if option != "--system-label" else "system:s") + 1
    before = files(root)
    result = run_cli(
        "new", "claim", "--registry", str(root), "--id", "second", "--statement", "S.", "--cites", "Doe2021",
        "--value", "650", "--unit", "MegaW-HR", "--measurand", "m", option, value,
    )  # fmt: skip
    assert result.code == 2
    assert f"{option} '{value}'" in result.err and f"claims/claims.ttl:{definition}, {said}" in result.err
    assert files(root) == before


def test_options_saying_what_the_measurand_is_already_are_fine(tmp_path):
    root = new_registry(tmp_path)
    add_claim(root, "first", "First.", "600", "MegaW-HR", more=("--measurand", "m"))
    same = ("--measurand", "m", "--measurand-label", "m", "--system-label", "s")
    add_claim(root, "second", "Second.", "650", "MegaW-HR", more=same)  # kind Energy, about s: as defined


# ------------------------------------------------------------------ 6. init in a fresh clone


def test_init_takes_a_folder_holding_only_a_fresh_clone(tmp_path):
    root = tmp_path / "clone"
    (root / ".git").mkdir(parents=True)
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (root / "README.md").write_text("# Mine\n")
    (root / "LICENSE").write_text("CC-BY\n")
    result = run_cli("init", str(root))
    assert result.code == 0, result.err
    assert (root / "README.md").read_text() == "# Mine\n" and (root / "LICENSE").read_text() == "CC-BY\n"
    assert "kept" in result.err and (root / "claimgraph.toml").is_file() and (root / ".gitignore").is_file()
    assert run_cli("check", "--registry", str(root)).code == 0


def test_init_refuses_other_folders_with_the_right_hint(tmp_path):
    full = tmp_path / "full"
    (full / ".git").mkdir(parents=True)
    (full / "notes.txt").write_text("mine")
    result = run_cli("init", str(full))
    assert result.code == 2 and "notes.txt" in result.err and "new claim" not in result.err
    assert sorted(p.name for p in full.iterdir()) == [".git", "notes.txt"]
    registry = new_registry(tmp_path)
    again = run_cli("init", str(registry))
    assert again.code == 2 and "a registry already" in again.err and "new claim" in again.err


# ------------------------------------------------------------------ 7. --value: Turtle's numerals only


@pytest.mark.parametrize(
    "typed, named",
    [
        ("1_000", "holds _"),
        ("١٢", "ARABIC-INDIC DIGIT ONE (U+0661), not an ASCII digit"),
        (" 5", "white space around the number: write 5"),
        ("5 ", "white space around the number: write 5"),
        ("0x10", "holds 'x'"),
        ("٫5", "ARABIC DECIMAL SEPARATOR (U+066B)"),
    ],
)
def test_a_value_is_a_turtle_numeral_or_refused(tmp_path, typed, named):
    root = new_registry(tmp_path)
    before = files(root)
    result = new_claim(root, "c", "--statement", "S.", "--value", typed, "--unit", "MegaW-HR")
    assert result.code == 2 and f"value {typed!r} " in result.err and named in result.err
    assert files(root) == before


@pytest.mark.parametrize("typed, written", [("1.30", "1.30"), ("1.3e3", "1.3e3"), ("+5", "+5"), ("13.", "13")])
def test_a_numeral_is_written_as_typed(tmp_path, typed, written):
    root = new_registry(tmp_path)
    add_claim(root, "c", "S.", typed, "MegaW-HR")
    assert f"qudt:numericValue {written} ;" in (root / "claims" / "claims.ttl").read_text(encoding="utf-8")


# ------------------------------------------------------------------ 8. DOIs given with a resolver or doi:


@pytest.mark.parametrize(
    "given, bare",
    [
        ("https://doi.org/10.1000/ABC.123", "10.1000/ABC.123"),
        ("doi:10.1145/3442188.3445922", "10.1145/3442188.3445922"),
        ("HTTP://DX.DOI.ORG/10.1109/MC.2022.3148714", "10.1109/MC.2022.3148714"),
    ],
)
def test_a_doi_is_written_bare(tmp_path, given, bare):
    root = new_registry(tmp_path)
    result = source(root, "Roe2020", "--doi", given)
    assert result.code == 0, result.err
    assert f"doi    = {{{bare}}}," in (root / "bib" / "references.bib").read_text(encoding="utf-8")
    assert f"the entry holds the bare DOI, {bare}" in result.err
    assert not findings(root, "CG304")


def test_a_malformed_doi_is_refused_with_what_to_give(tmp_path):
    root = new_registry(tmp_path)
    result = source(root, "Roe2020", "--doi", "https://doi.org/11.5/x")
    assert result.code == 2 and "give the bare DOI, 10.…" in result.err


def test_check_says_the_same_of_a_doi_written_with_a_resolver(tmp_path):
    root = new_registry(tmp_path)
    bib = root / "bib" / "references.bib"
    bib.write_text(bib.read_text().replace("10.1234/abc", "https://doi.org/10.1234/abc"), encoding="utf-8")
    (cg304,) = findings(root, "CG304")
    assert cg304["hint"] == "give the bare DOI, 10.1234/abc (without 'https://doi.org/')"


# ------------------------------------------------------------------ 9. bookkeeping fields


@pytest.mark.parametrize("field, marks", [("note", False), ("urldate", False), ("title", True)])
def test_only_fields_identifying_the_work_mark_citing_claims(tmp_path, field, marks):
    old = new_registry(tmp_path)
    add_claim(old, "c", "A claim.", "5", "MegaW-HR")
    new = tmp_path / "new"
    shutil.copytree(old, new)
    bib = new / "bib" / "references.bib"
    text = bib.read_text(encoding="utf-8")
    changed = text.replace("  title  = {T},", "  title  = {Another title},") if field == "title" else text
    if field != "title":
        changed = text.replace("  year   = {2021},", f"  year   = {{2021}},\n  {field} = {{2024-01-01}},")
    assert changed != text
    bib.write_text(changed, encoding="utf-8")
    diff = diff_json(old, new)
    assert [s["key"] for s in diff["sources_changed"]] == ["Doe2021"]
    assert bool(claim_changes(diff, "c")) == marks


# ------------------------------------------------------------------ 10. asked again for a required value


def interactive(root: Path, answers: str):
    saved = sys.stdin
    sys.stdin = io.StringIO(answers)
    try:
        return run_cli("new", "source", "--registry", str(root), "--interactive")
    finally:
        sys.stdin = saved


def test_an_empty_answer_to_a_required_question_asks_again(tmp_path):
    root = new_registry(tmp_path)
    result = interactive(root, "Roe2020\nRoe, Rita\nA title\n\n2020\n\n\n\n\n")
    assert result.code == 0, result.err
    assert "--year is required" in result.err
    assert "year   = {2020}," in (root / "bib" / "references.bib").read_text(encoding="utf-8")


def test_input_ending_while_asking_aborts_cleanly(tmp_path):
    root = new_registry(tmp_path)
    before = files(root)
    result = interactive(root, "Roe2020\nRoe, Rita\nA title\n\n")
    assert result.code == 2 and "input ended before --year was given" in result.err
    assert "--interactive" not in result.err and "Traceback" not in result.err
    given_up = interactive(root, "Roe2020\nRoe, Rita\nA title\n\n\n\n\n\n\n\n")
    assert given_up.code == 2 and "missing --year" in given_up.err and "--interactive" not in given_up.err
    assert files(root) == before


# ------------------------------------------------------------------ 11. a key cited twice


def test_a_key_cited_twice_is_written_once(tmp_path):
    root = new_registry(tmp_path)
    assert source(root, "Roe2020").code == 0
    add_claim(root, "c", "A claim.", "5", "MegaW-HR", more=("--cites", "Roe2020", "--cites", "Doe2021"))
    assert "cg:cites source:Doe2021 , source:Roe2020 ;" in (root / "claims" / "claims.ttl").read_text()


# ------------------------------------------------------------------ 12. a claim defined twice, compared merged


def test_diff_of_a_claim_defined_twice_shows_both_values(tmp_path):
    old = new_registry(tmp_path)
    add_claim(old, "c", "A claim.", "600", "MegaW-HR")
    new = tmp_path / "new"
    shutil.copytree(old, new)
    add_turtle(
        new,
        'claim:c a cg:QuantitativeClaim ; cg:statement "A claim."@en ; cg:measurand measurand:c ;\n'
        "    cg:value [ qudt:numericValue 650 ; qudt:unit unit:MegaW-HR ] ; cg:cites source:Doe2021 ;\n"
        "    cg:status status:unverified .",
    )
    diff = diff_json(old, new, "--allow-load-errors")
    (value,) = [c for c in claim_changes(diff, "c") if c["field"] == "value"]
    assert (value["old"], value["new"]) == ("600 MegaW-HR", "600 MegaW-HR | 650 MegaW-HR")
