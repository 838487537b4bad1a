"""The home page leads with what the checks found: a verdict on each conclusion, in numbers, and for a
registry without an argument, its figures and their conflicts (the site a reviewer reads first)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from claimgraph.cli import main
from claimgraph.registry import load
from claimgraph.site import build_site
from claimgraph.site.model import gather
from claimgraph.site.verdict import by_impact, conflicts, judge, verdicts

ROOT = Path(__file__).resolve().parent.parent


def _text(page: Path) -> str:
    """The page's words, tags dropped and entities decoded, spaces collapsed."""
    raw = re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))
    return " ".join(html.unescape(raw).split())


def _box(home_html: str, title: str) -> str:
    """The HTML of the admonition whose title starts with ``title``."""
    start = home_html.index(title)
    begin = home_html.rindex('<div class="admonition', 0, start)
    end = home_html.find('<div class="admonition', start)
    return home_html[begin : end if end != -1 else home_html.index("</article>", start)]


def _model(root: Path):
    from claimgraph.checks import run_checks

    registry = load(root)
    return gather(registry, run_checks(registry))


def _add_figure(
    root: Path, slug: str, gwh: str, statement: str, extra: str = "    cg:status status:unverified ."
) -> None:
    """Another claim on the valid fixture's measurand (Model X's training energy), from Roe (2022)."""
    energy = root / "claims" / "energy.ttl"
    energy.write_text(
        energy.read_text(encoding="utf-8")
        + f"""
claim:{slug}
    a cg:QuantitativeClaim ;
    cg:statement "{statement}"@en ;
    cg:measurand measurand:model-x-training-energy ;
    cg:value [ qudt:numericValue {gwh} ; qudt:unit unit:GigaW-HR ] ;
    cg:inTextCitation "Roe, 2022" ;
    cg:cites source:Roe2022 ;
{extra}
""",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def bundled_home(tmp_path_factory):
    out = tmp_path_factory.mktemp("bundled") / "site"
    build_site(load(ROOT), out)
    return out / "index.html"


def test_bundled_home_leads_with_the_verdicts(bundled_home):
    page = html.unescape(bundled_home.read_text(encoding="utf-8"))
    text = _text(bundled_home)
    # the bundled registry is in French first: so is its site's interface
    assert text.index("Verdict") < text.index("La question de recherche") < text.index("La carte de l'argumentaire")
    first = _box(page, "Conclusion #1 : Non étayée telle qu'énoncée")  # (a space before a French colon)
    assert "admonition danger" in first
    # the recomputation in numbers, from the finding's facts: ×3 claimed, compounding gives ×1.63, in the
    # interface's language (French here)
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", first)).split())
    assert "affirme ×3" in words and "donne ×1,63" in words and "5%" in words
    assert 'href="claims/moderate-decoupling-x3.html"' in first
    # the A-U phase the deck misplaces is a defect; the IEA-based growth rate a weakness
    assert 'href="claims/au-transitional-phase-cost-reduction.html"' in first
    assert "marquée « divergence » après vérification" in words
    assert "Appui faible" in words and 'href="claims/consumption-growth-rate.html"' in first
    assert "Mise en cause par" in words and 'href="claims/datacentre-electricity-growth-iea.html"' in first
    second = _box(page, "Conclusion #2 : Partiellement étayée")
    assert "admonition warning" in second and 'href="claims/tomlinson-rebound-not-counted.html"' in second


def test_bundled_home_lists_the_findings_that_touch_the_argument_first(bundled_home):
    text = _text(bundled_home)
    start = text.rindex("Ce que les vérifications ont trouvé")  # the last one: the first is in the table of contents
    found = text[start : text.index("La question de recherche", start)]
    # the README's list of what the checks surface, seen from the home page
    for words in (
        "CG350",
        "1.63",
        "the claim says 400, its cited source states 200",
        "printed “Sunberg, 2023”",
        "no primary source is named",
    ):
        assert words in found, words
    # numbers before bibliography hygiene, and the step summaries left to the verdict boxes
    assert "has no DOI, arXiv id, ISBN or URL" not in found[: found.index("1.63")]
    # a conflict between sources is listed once, not once per claim in it
    assert found.count("claims on measurand bloom-training-energy disagree") == 1
    assert "CG360" not in found


def test_verdict_rule_follows_statuses_and_findings(copy_fixture):
    root = copy_fixture("valid")
    model = _model(root)
    (conclusion,) = verdicts(model)
    assert conclusion.level == "supported" and conclusion.verified == len(conclusion.rests_on) > 0

    claims = root / "claims" / "energy.ttl"
    turtle = claims.read_text(encoding="utf-8")
    claims.write_text(
        turtle.replace(
            'cg:status status:verifiedPrimary ;\n    cg:statusNote "Read Table 2',
            'cg:status status:unverified ;\n    cg:statusNote "Read Table 2',
        ),
        encoding="utf-8",
    )
    (weakened,) = verdicts(_model(root))
    assert weakened.level == "weakened"
    assert [d.claim.slug for d in weakened.of_kind("weakness")] == ["model-training-energy"]

    claims.write_text(
        turtle.replace(
            'cg:status status:verifiedPrimary ;\n    cg:statusNote "Read Table 2',
            'cg:status status:discrepancy ;\n    cg:statusNote "Read Table 2',
        ),
        encoding="utf-8",
    )
    (contradicted,) = verdicts(_model(root))
    assert contradicted.level == "contradicted"
    assert contradicted.of_kind("defect")[0].text == "marked discrepancy after verification"


def test_a_conclusion_resting_on_no_claim_has_no_evidence(copy_fixture):
    root = copy_fixture("valid")
    model = _model(root)
    step = next(s for s in model.steps if s.kind == "conclusion")
    step.uses.clear()
    assert judge(step).level == "no-evidence"


def test_a_registry_without_steps_gets_a_home_page_about_its_figures(copy_fixture, tmp_path):
    root = copy_fixture("valid")
    (root / "claims" / "argument.ttl").unlink()
    # a second figure for the same measurand, far from the first: the sources disagree
    _add_figure(root, "model-training-energy-other", "2.4", "Training model X took 2.4 GWh.")
    model = _model(root)
    assert verdicts(model) == []
    (conflict,) = conflicts(model)
    assert conflict.measurand.slug == "model-x-training-energy"
    assert {"model-training-energy", "model-training-energy-other"} <= {c.slug for c in conflict.claims}

    out = tmp_path / "site"
    build_site(load(root), out)
    text = _text(out / "index.html")
    assert "Ce que disent les chiffres" in text and "Chiffres en conflit" in text
    assert re.search(
        r"\d+ affirmations \(dont \d+ quantitatives\) sur \d+ mesurandes?, tirées de \d+ sources? citées?", text
    )
    # in the unit the claims are written in (as check says it), the lowest and the highest figure as the
    # claims state them (1,287 MWh is 1.287 GWh): not 1.235 (1.3 GWh less its 5 % tolerance) nor 2.45
    # (2.4 GWh's rounding)
    assert (conflict.low, conflict.high, conflict.span) == (1.287, 2.4, "1.287 to 2.4 GWh")
    assert "1.287 to 2.4 GWh" in text
    assert "1.235" not in text and "2.45" not in text
    for absent in ("Verdict", "question de recherche", "carte de l'argumentaire", "deck", "No step is typed"):
        assert absent not in text, absent
    page = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="measurands/model-x-training-energy.html"' in page
    assert 'href="claims/model-training-energy-other.html"' in page


def test_findings_by_impact_put_the_argument_before_hygiene(copy_fixture):
    model = _model(ROOT)
    rows = by_impact(model)
    codes = [view.finding.code for _, view in rows]
    assert "CG360" not in codes
    infos = [i for i, (_, view) in enumerate(rows) if view.finding.severity.label == "info"]
    assert infos and min(infos) > max(i for i, (_, v) in enumerate(rows) if v.finding.severity.label != "info")
    assert codes[0] == "CG350"


def test_finding_facts_are_data_in_json_and_survive_the_cache(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    for _ in range(2):  # the second run is answered from the cache
        main(["check", "--registry", str(ROOT), "--format", "json"])
        report = json.loads(capsys.readouterr().out)
        (derived,) = [f for f in report["findings"] if f["code"] == "CG350"]
        assert derived["facts"]["claimed"] == 3 and round(derived["facts"]["recomputed"], 2) == 1.63
        assert derived["facts"]["operands"] == [[5.0, "PERCENT"], [10.0, None]]
        (differs,) = [f for f in report["findings"] if f["code"] == "CG321"]
        assert (differs["facts"]["claimed"], differs["facts"]["stated"]) == (400, 200)
    assert list((tmp_path / "cache").glob("check-*.json")), "the second run had no cache to read"


def _section(page: Path, anchor: str) -> str:
    raw = page.read_text(encoding="utf-8")
    start = raw.index(f'id="{anchor}"')
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw[start : raw.index("<h2", start)])).split())


def test_claim_page_shows_who_says_what_as_rows(bundled_home):
    claims = bundled_home.parent / "claims"
    rows = _section(claims / "moderate-decoupling-x3.html", "who-says-what")
    assert "tel qu'imprimé 3" in rows and "recalculé 1,63" in rows
    rows = _section(claims / "lm-evaluation-count.html", "who-says-what")
    assert "tel qu'imprimé 400" in rows and "dans la source citée 200" in rows and "Abstract" in rows
    # a claim nothing disagrees with says so instead of showing a table of one row
    rows = _section(claims / "gpt3-training-energy.html", "who-says-what")
    assert "Seul le chiffre de l'affirmation est enregistré" in rows or "dans la source primaire" in rows


def test_a_claim_of_another_work_that_contests_one_the_conclusion_rests_on(copy_fixture):
    root = copy_fixture("valid")
    _add_figure(
        root,
        "model-training-energy-elsewhere",
        "1.1",
        "Training model X took 1.1 GWh, by another count.",
        '    cg:status status:verifiedPrimary ;\n    cg:statusNote "Another count."@en ;\n'
        "    <https://w3id.org/claimgraph/ns#contests> claim:model-training-energy .",
    )
    model = _model(root)
    (conclusion,) = verdicts(model)
    assert conclusion.level == "weakened"
    (contest,) = conclusion.of_kind("contest")
    assert contest.claim.slug == "model-training-energy-elsewhere"
    assert contest.text.startswith("contests model-training-energy (Roe")
    target = next(c for c in model.claims if c.slug == "model-training-energy")
    assert [(f.role, f.quantity.value) for f in target.figures()][-1] == ("contests it (another work)", 1.1)


def test_report_groups_findings_by_impact_and_links_codes_to_their_description(bundled_home):
    out = bundled_home.parent
    report = html.unescape((out / "report" / "index.html").read_text(encoding="utf-8"))
    order = [report.index(f'id="{key}"') for key in ("conclusions", "argument", "sources", "elsewhere")]
    assert order == sorted(order)
    conclusions = report[order[0] : order[1]]
    assert 'data-code="CG350"' in conclusions and 'codes.html#cg350"' in conclusions
    assert 'data-code="CG303"' not in conclusions  # bibliography hygiene has its own group
    assert 'data-code="CG303"' in report[order[2] : order[3]]
    codes = (out / "report" / "codes.html").read_text(encoding="utf-8")
    for code in ("cg101", "cg340", "cg350"):
        assert f'id="{code}"' in codes


def test_report_has_one_row_per_finding(bundled_home, capsys):
    main(["check", "--registry", str(ROOT), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    report = (bundled_home.parent / "report" / "index.html").read_text(encoding="utf-8")
    assert report.count("<tr data-severity=") == len(findings) > 0


def test_verification_reports_are_published_and_linked_from_the_notes(bundled_home):
    out = bundled_home.parent
    assert (out / "verification" / "index.html").is_file() and (out / "verification" / "B.html").is_file()
    claim = (out / "claims" / "moderate-decoupling-x3.html").read_text(encoding="utf-8")
    assert 'href="../verification/B.html"' in claim and 'href="../verification/index.html"' in claim
    # "slide N" leads to the page of the work the slide belongs to
    assert '<a href="../sources/viseur2025deck.html">diapositive 12</a>' in claim
    index = (out / "verification" / "index.html").read_text(encoding="utf-8")
    assert 'href="B.html"' in index  # the index's links to the reports lead to their pages
    assert "Vérification" in (out / "index.html").read_text(encoding="utf-8")  # in the navigation


def test_a_hostile_verification_report_is_published_as_text(copy_fixture, tmp_path):
    root = copy_fixture("valid")
    reports = root / "docs" / "verification"
    reports.mkdir(parents=True)
    (reports / "X.md").write_text(
        "# Pass X\n\n<script>alert(1)</script> &lt;b&gt;\n\n[run me](javascript:alert(1)) "
        "[a file](../../claims/energy.ttl) [the web](https://example.org/)\n",
        encoding="utf-8",
    )
    energy = root / "claims" / "energy.ttl"
    energy.write_text(
        energy.read_text(encoding="utf-8").replace(
            "Read Table 2 of the paper", "Research group X read Table 2 of the paper"
        ),
        encoding="utf-8",
    )
    out = tmp_path / "site"
    build_site(load(root), out)
    page = (out / "verification" / "X.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "javascript:" not in page and 'href="../../claims/energy.ttl"' not in page
    assert '<a href="https://example.org/">the web</a>' in page
    claim = (out / "claims" / "model-training-energy.html").read_text(encoding="utf-8")
    assert 'href="../verification/X.html"' in claim


def test_every_french_and_english_passage_carries_its_language(bundled_home):
    out = bundled_home.parent
    home = bundled_home.read_text(encoding="utf-8")
    assert '<p lang="fr"><strong>Français</strong> — Le développement' in home
    assert '<p lang="en"><strong>English</strong> — Will the development' in home
    claim = (out / "claims" / "moderate-decoupling-x3.html").read_text(encoding="utf-8")
    assert '<p lang="fr"><strong>Français</strong> — Dès lors' in claim
    assert '<p lang="en"><strong>English</strong> — Consequently' in claim


@pytest.mark.parametrize("page", ["claims/moderate-decoupling-x3", "sources/ho2024", "measurands/gpt3-training-energy"])
def test_each_page_has_turtle_and_jsonld_twins_holding_its_triples(bundled_home, page):
    import pyoxigraph as ox

    out = bundled_home.parent
    html_page = (out / f"{page}.html").read_text(encoding="utf-8")
    name = page.rsplit("/", 1)[-1]
    assert f'href="../{page}.ttl"' in html_page and f'href="../{page}.jsonld"' in html_page
    turtle = set(ox.parse((out / f"{page}.ttl").read_bytes(), ox.RdfFormat.TURTLE))
    jsonld = set(ox.parse((out / f"{page}.jsonld").read_bytes(), ox.RdfFormat.JSON_LD))
    assert turtle and len(turtle) == len(jsonld)
    subjects = {str(t.subject.value) for t in turtle if isinstance(t.subject, ox.NamedNode)}
    assert any(s.endswith("/" + name) or s.endswith("/" + name.replace("ho2024", "Ho2024")) for s in subjects)


def test_the_site_dates_itself_from_source_date_epoch_and_cites_the_registry(copy_fixture, tmp_path, monkeypatch):
    import bibtexparser

    root = copy_fixture("valid")
    settings = root / "claimgraph.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + '\nauthors = ["Ada Lovelace", '
        '{ name = "A Lab", type = "Organization" }]\nversion = "2.1"\n'
        'source_url = "https://example.org/repo/blob/main/evidence/"\n',
        encoding="utf-8",
    )
    # a finding with a file and a line, for the report's link into the repository
    energy = root / "claims" / "energy.ttl"
    energy.write_text(
        energy.read_text(encoding="utf-8").replace(
            "cg:cites source:Roe2022 ;\n    cg:citedQuote", "cg:cites source:Roe2202 ;\n    cg:citedQuote"
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    out = tmp_path / "site"
    build_site(load(root), out)
    home = html.unescape((out / "index.html").read_text(encoding="utf-8"))
    assert "version du registre 2.1 · construit le 2026-01-01" in home  # the footer of every page
    text = _text(out / "index.html")
    assert "Ada Lovelace; A Lab (2026). A small valid registry. Version 2.1." in text
    plain = html.unescape(re.sub(r"<[^>]+>", "", (out / "index.html").read_text(encoding="utf-8")))
    start = plain.index("@misc")
    bib = plain[start : plain.index("\n}", start) + 2]
    entry = bibtexparser.parse_string(bib).entries[0]
    assert entry["author"] == "Ada Lovelace and {A Lab}" and entry["year"] == "2026" and entry["version"] == "2.1"
    report = (out / "report" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/repo/blob/main/evidence/claims/energy.ttl#L' in report
    # and the same data builds the same site again
    again = tmp_path / "again"
    build_site(load(root), again)
    assert (again / "index.html").read_bytes() == (out / "index.html").read_bytes()


def test_source_url_must_be_a_browsable_address(copy_fixture, capsys):
    root = copy_fixture("valid")
    settings = root / "claimgraph.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + '\nsource_url = "javascript:alert(1)"\n', encoding="utf-8"
    )
    assert main(["check", "--registry", str(root)]) == 1  # a finding about the registry: CG109
    out = capsys.readouterr().out
    assert "source_url must be an http(s) address" in out and "claimgraph.toml:" in out and "CG109" in out
    assert main(["build", "--registry", str(root), "--out", str(root / "site-out")]) == 2
    err = capsys.readouterr().err
    assert "source_url must be an http(s) address" in err and "claimgraph.toml:" in err


def test_claim_pages_use_human_names_and_show_the_value_as_printed(bundled_home):
    claims = bundled_home.parent / "claims"
    page = claims / "chatgpt-monthly-users-january-2023.html"
    value = _section(page, "value")
    assert "“100 millions” (fr)" in value and "“100 million” (en)" in value
    assert "GWh (unit:GigaW-HR)" in _section(claims / "gpt3-training-energy.html", "value")
    assert "“1,3 GWh” (fr)" in _section(claims / "gpt3-training-energy.html", "value")
    raw = (claims / "gpt3-training-energy.html").read_text(encoding="utf-8")
    title = raw[raw.index("<title>") + 7 : raw.index("</title>")]
    # a label in the site's first language, not the slug
    assert title.startswith("1,3 GWh · énergie d’entraînement de GPT-3")
    source = (bundled_home.parent / "sources" / "ho2024.html").read_text(encoding="utf-8")
    assert "<title>Ho et al. (2024): Algorithmic progress in language models" in source


def test_charts_say_what_each_figure_counts_where_the_claim_says_so(bundled_home):
    import csv

    out = bundled_home.parent
    rows = list(csv.DictReader((out / "measurands" / "bloom-training-emissions-1.csv").open(encoding="utf-8")))
    dynamic = next(r for r in rows if r["claim"].endswith("/bloom-training-emissions-dynamic-luccioni2023"))
    assert dynamic["counts"] == "dynamic power consumption only"
    assert dynamic["label"] == "Luccioni et al. (2023) (dynamic power consumption only)"
    svg = (out / "measurands" / "bloom-training-emissions-1.svg").read_text(encoding="utf-8")
    assert "dynamic power consumption only" in svg
    page = _section(out / "claims" / "bloom-training-emissions-dynamic-luccioni2023.html", "value")
    assert "Ce que le chiffre compte dynamic power consumption only" in page


def test_report_tells_a_reader_what_each_finding_means_beside_the_authors_fix(bundled_home):
    report = _text(bundled_home.parent / "report" / "index.html")
    start = report.index("recomputed compoundGrowth gives 1.63")
    row = report[start : start + 600]
    assert "Ce que cela signifie : A derived number does not match its recomputation" in row
    assert "Pour le corriger (à l'intention des auteurs du registre) :" in row


def test_bundled_charts_speak_the_interface_language(bundled_home):
    # the registry is French first: chart titles and who-said-it labels are composed in French too
    pages = "".join(p.read_text(encoding="utf-8") for p in (bundled_home.parent / "measurands").glob("*.html"))
    assert "valeurs selon les sources" in pages
    assert "diapositive 3, citant " in html.unescape(pages)
    assert "values across sources" not in pages and "slide 3, citing" not in html.unescape(pages)
