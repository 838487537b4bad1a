"""Large registries build: every claim gets its page. (Speed is measured by benchmarks/run.py, not here.)"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimgraph.registry import load
from claimgraph.site import build_site


def write_large_registry(
    root: Path, claims: int, *, measurands: int = 100, sources: int = 200, steps: int = 20
) -> Path:
    (root / "claims").mkdir(parents=True)
    (root / "bib").mkdir()
    (root / "claimgraph.toml").write_text(
        '[registry]\ntitle = "Large"\nbase = "https://example.org/large/"\nlanguages = ["fr", "en"]\n'
    )
    bib = [
        f"@article{{S{i},\n  author = {{Author{i}, A.}},\n  title = {{Work {i}}},\n  journal = {{J}},\n"
        f"  year = {{2020}},\n  doi = {{10.1234/w{i}}},\n}}\n"
        for i in range(sources)
    ]
    (root / "bib" / "refs.bib").write_text("\n".join(bib))
    head = (
        "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n@prefix status: <https://w3id.org/claimgraph/status#> .\n"
        "@prefix qudt: <http://qudt.org/schema/qudt/> .\n@prefix unit: <http://qudt.org/vocab/unit/> .\n"
        "@prefix quantitykind: <http://qudt.org/vocab/quantitykind/> .\n@prefix oa: <http://www.w3.org/ns/oa#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    )
    out = [head]
    for m in range(measurands):
        out.append(
            f'<system/s{m}> a cg:System ; rdfs:label "System {m}" .\n'
            f'<measurand/m{m}> a cg:Measurand ; rdfs:label "energy of system {m}"@en ; '
            f"cg:quantityKind quantitykind:Energy ; cg:about <system/s{m}> .\n"
        )
    statuses = ["verifiedPrimary", "verifiedSecondary", "unverified", "discrepancy"]
    for i in range(claims):
        out.append(
            f'<claim/c{i}> a cg:QuantitativeClaim ; cg:statement "Affirmation {i}"@fr , "Claim number {i} says"@en ; '
            f"cg:slide {i % 40 + 1} ; cg:measurand <measurand/m{i % measurands}> ; "
            f"cg:value [ qudt:numericValue {i % 977 + 1} ; qudt:unit unit:MegaW-HR ] ; "
            f'cg:inTextCitation "Author{i % sources}, 2020" ; cg:cites <source/S{i % sources}> ; '
            f'cg:citedQuote [ oa:exact "{i % 977 + 1} MWh" ; cg:locator "p. 1" ] ; '
            f'cg:status status:{statuses[i % 4]} ; cg:statusNote "Checked."@en .\n'
        )
    for s in range(steps):
        uses = " , ".join(f"<claim/c{i}>" for i in range(s, claims, steps))
        kind = "cg:ResearchQuestion" if s == 0 else "cg:Conclusion" if s == steps - 1 else "cg:ArgumentStep"
        out.append(
            f'<step/s{s}> a {kind} ; cg:order {s + 1} ; rdfs:label "Step {s}"@en ; '
            f'cg:text "Texte {s}"@fr , "Text {s}"@en ; cg:supportedBy {uses} .\n'
        )
    (root / "claims" / "all.ttl").write_text("".join(out))
    return root


def no_mkdocs(config: Path, site_dir: Path) -> None:
    """The generator is swappable: this stand-in copies every Markdown page to its .html
    (the frames keep their markers), so these tests look at claimgraph's own output."""
    docs = config.parent / "docs"
    for page in docs.rglob("*.md"):
        target = site_dir / page.relative_to(docs).with_suffix(".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.read_text(encoding="utf-8"), encoding="utf-8")


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_2000_claims_rendered_by_forked_workers_match_one_process(tmp_path):
    """Everything claimgraph writes (gather, charts, downloads, and the 2,000 claim pages with
    the source and measurand pages, written into their frames), once in one process and once
    with the framed pages split between two."""
    registry = load(write_large_registry(tmp_path / "registry", 2000))
    one = build_site(registry, tmp_path / "one", findings=[], generator=no_mkdocs, jobs=1)
    two = build_site(registry, tmp_path / "two", findings=[], generator=no_mkdocs, jobs=2)
    assert one.claims == two.claims == 2000 and one.pages == two.pages
    single, forked = files_of(tmp_path / "one"), files_of(tmp_path / "two")
    claim_pages = [name for name in single if name.startswith("claims/c") and name.endswith(".html")]
    assert len(claim_pages) == 2000 and "claims/cg+frame.html" not in single
    assert b"<p>Affirmation <code>c1999</code></p>" in single["claims/c1999.html"]
    assert sorted(single) == sorted(forked)
    assert [name for name in single if single[name] != forked[name]] == []


@pytest.mark.skipif(not os.environ.get("CLAIMGRAPH_SLOW_TESTS"), reason="set CLAIMGRAPH_SLOW_TESTS=1 (a few minutes)")
def test_full_build_of_10000_claims(tmp_path):
    registry = load(write_large_registry(tmp_path / "registry", 10000))
    result = build_site(registry, tmp_path / "site", findings=[])
    assert result.claims == 10000


def test_a_template_error_in_a_forked_worker_names_the_template(tmp_path):
    """Tracebacks do not cross processes: the worker says where, the build fails cleanly."""
    from claimgraph.site import SiteBuildError

    root = write_large_registry(tmp_path / "registry", 2000)
    (root / "site" / "templates").mkdir(parents=True)
    (root / "site" / "templates" / "claim.html.j2").write_text(
        '<h1 id="claim">{{ claim.slug }}</h1>\n\n{{ claim.no_such_field if claim.slug != "c0" else "" }}\n'
    )
    with pytest.raises(SiteBuildError, match=r"claim\.html\.j2:3"):
        build_site(load(root), tmp_path / "site", findings=[], generator=no_mkdocs, jobs=2)
    assert not (tmp_path / "site").exists() and not (tmp_path / "site-src").exists()
