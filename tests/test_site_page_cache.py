"""A rebuild into the same folder takes the framed pages whose inputs did not change from the previous site
(see claimgraph.site.page_cache) and makes the others: the site is byte for byte the one a build from nothing
writes, whatever changed."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from claimgraph.registry import load
from claimgraph.site import build_site
from claimgraph.site import page_cache
from claimgraph.site.environment import PACKAGE_SITE_DIR

from .conftest import PROJECT as ROOT

EXAMPLE = ROOT / "examples" / "ml-training-energy"


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def framed_count(site: Path) -> int:
    return sum(
        1
        for folder in ("claims", "sources", "measurands")
        for p in (site / folder).glob("*.html")
        if p.name != "index.html"
    )


def rebuild_and_compare(root: Path, site: Path, fresh: Path) -> int:
    """Rebuild ``site``, build ``fresh`` from nothing, assert they hold the same bytes; the pages reused."""
    result = build_site(load(root), site)
    shutil.rmtree(fresh, ignore_errors=True)
    build_site(load(root), fresh)
    rebuilt, from_nothing = files_of(site), files_of(fresh)
    assert sorted(rebuilt) == sorted(from_nothing)
    assert [name for name in rebuilt if rebuilt[name] != from_nothing[name]] == []
    return result.reused


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def example(tmp_path) -> Path:
    return Path(shutil.copytree(EXAMPLE, tmp_path / "registry"))


def _synthetic(root: Path, claims: int) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synthetic import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    generate(claims, root)
    return root


def test_an_unchanged_registry_reuses_every_framed_page(example, tmp_path, monkeypatch):
    # a cache folder of its own: the first build renders the frames with MkDocs, the next take them from the cache
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    site = tmp_path / "site"
    build_site(load(example), site)
    first = files_of(site)
    assert list((tmp_path / "cache").glob("frames-*"))
    reused = rebuild_and_compare(example, site, tmp_path / "fresh")
    assert reused == framed_count(site)
    assert files_of(site) == first


# each change: (file, text before, text after); the site must be the one built from nothing
EXAMPLE_CHANGES = {
    "a value": ("claims/derived.ttl", "qudt:numericValue 3.2 ;", "qudt:numericValue 3.3 ;"),
    "a measurand label": (
        "claims/derived.ttl",
        '"training emissions (CO2e, net) of Meena"@en',
        '"training emissions (CO2e, net) of the Meena model"@en',
    ),
    "a quote": ("claims/luccioni2023.ttl", 'oa:exact "', 'oa:exact "Indeed, '),
    "a source's BibTeX field": ("bib/references.bib", "year          = {2023}", "year          = {2022}"),
    "the settings": ("claimgraph.toml", 'title = "', 'title = "Rebuilt: '),
}


@pytest.mark.parametrize("change", sorted(EXAMPLE_CHANGES))
def test_a_change_gives_the_site_built_from_nothing(example, tmp_path, change):
    site = tmp_path / "site"
    build_site(load(example), site)
    name, old, new = EXAMPLE_CHANGES[change]
    edit(example / name, old, new)
    reused = rebuild_and_compare(example, site, tmp_path / "fresh")
    if change == "the settings":
        assert reused == 0  # the settings are an input of every page
    else:
        assert 0 < reused < framed_count(site)


def test_a_template_override_rewrites_the_pages_it_makes(example, tmp_path):
    site = tmp_path / "site"
    build_site(load(example), site)
    templates = example / "site" / "templates"
    templates.mkdir(parents=True)
    shutil.copy(PACKAGE_SITE_DIR / "templates" / "claim.html.j2", templates / "claim.html.j2")
    edit(templates / "claim.html.j2", "</h1>", "</h1>\n<p>Overridden.</p>")
    assert rebuild_and_compare(example, site, tmp_path / "fresh") == 0
    page = next(p for p in (site / "claims").glob("*.html") if p.name != "index.html")
    assert "Overridden." in page.read_text(encoding="utf-8")


def test_claims_added_and_removed_on_a_synthetic_registry(tmp_path):
    root = _synthetic(tmp_path / "registry", 60)
    site = tmp_path / "site"
    build_site(load(root), site)
    first = root / "claims" / "claims-0000.ttl"
    text = first.read_text(encoding="utf-8")
    # one claim's value, then one claim gone (its block), then a copy of another under a new IRI
    value = re.search(r"qudt:numericValue (\d+) ;", text)
    first.write_text(text[: value.start(1)] + str(int(value.group(1)) + 1) + text[value.end(1) :], encoding="utf-8")
    assert 0 < rebuild_and_compare(root, site, tmp_path / "fresh") < framed_count(site)

    text = first.read_text(encoding="utf-8")
    blocks = text.split("\n\n")
    claim_blocks = [i for i, block in enumerate(blocks) if re.match(r"claim:\S+\s+a cg:", block.strip())]
    assert len(claim_blocks) >= 2
    removed = blocks.pop(claim_blocks[-1])
    first.write_text("\n\n".join(blocks), encoding="utf-8")
    rebuild_and_compare(root, site, tmp_path / "fresh")

    name = re.match(r"claim:(\S+)", removed.strip()).group(1)
    first.write_text(first.read_text(encoding="utf-8") + "\n\n" + removed.replace(name, name + "-again") + "\n")
    rebuild_and_compare(root, site, tmp_path / "fresh")


def test_the_record_is_only_used_for_the_site_it_was_written_with(example, tmp_path):
    site = tmp_path / "site"
    build_site(load(example), site)
    marker = site / ".claimgraph-site"
    marker.write_text(marker.read_text())  # the site was touched since: its record no longer applies
    assert build_site(load(example), site).reused == 0


def test_what_a_page_read_is_fingerprinted_by_content_and_identity():
    from claimgraph.site.model import Measurand, Quote

    a = Measurand(iri="http://x/m", slug="m", label={"en": "m"})
    b = Measurand(iri="http://x/m", slug="other", label={"en": "changed"})
    # a thing by its identity only: what is read on it is noted read by read
    assert page_cache.fingerprint([a]) == page_cache.fingerprint([b])
    # a record without identity by its whole content
    assert page_cache.fingerprint(Quote("x", "p. 1", None)) != page_cache.fingerprint(Quote("x", "p. 2", None))
    assert page_cache.fingerprint(1) != page_cache.fingerprint(1.0) != page_cache.fingerprint("1")
    # what cannot be described (a generator: its state is out of reach) never compares equal
    assert page_cache.fingerprint((x for x in [1])) != page_cache.fingerprint((x for x in [1]))


def test_a_page_edited_by_hand_in_the_site_is_made_afresh(example, tmp_path):
    # the record says what the page was made from, not what its file now holds: a page changed in the site
    # since (a post-processing step, an editor) must not be kept as it is
    site = tmp_path / "site"
    build_site(load(example), site)
    page = next(p for p in sorted((site / "claims").glob("*.html")) if p.name != "index.html")
    twin = page.with_suffix(".ttl")
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", "</h1><p>Edited by hand.</p>", 1))
    twin.write_text(twin.read_text(encoding="utf-8") + "# edited by hand\n", encoding="utf-8")
    reused = rebuild_and_compare(example, site, tmp_path / "fresh")
    assert reused == framed_count(site) - 1
    assert "Edited by hand." not in page.read_text(encoding="utf-8")


def test_markup_one_page_made_and_another_takes_notes_the_same_reads(example):
    # a link to a claim, a badge, a reference: made once and kept, yet each page notes what making it read
    from claimgraph.site.environment import make_environment, template_loader
    from claimgraph.site.model import gather

    model = gather(load(example), [])
    claim = next(c for c in model.claims if c.measurand is not None and c.value is not None and c.cites)
    env = make_environment(template_loader(example), model.languages)
    template = env.from_string("{{ claim | page }} {{ claim.status | badge }} {{ claim.cites[0] | reference }}")
    context = {"claim": claim, "root": "../"}
    made_unnoted = template.render(context)  # kept while no page notes reads (as before the framed pages)
    pages = []
    page_cache.hook()
    try:
        for _ in range(3):
            with page_cache.Noting() as reads:
                pages.append((template.render(context), reads))
    finally:
        page_cache.unhook()
    assert [text for text, _ in pages] == [made_unnoted] * 3
    first = pages[0][1]
    assert all(reads == first for _, reads in pages)
    # read inside the filters, not by the template itself
    assert (claim.measurand, "name") in first and (claim.cites[0], "authors") in first


def test_rendering_notes_no_dunder_read_on_the_things(example):
    # an isinstance() that fails on a thing reads its __class__ through the hook: the rendering code tests exact
    # types instead, so a page's reads are the fields and names its template and filters use
    from claimgraph.site.environment import make_environment, template_loader
    from claimgraph.site.model import gather

    model = gather(load(example), [])
    env = make_environment(template_loader(example), model.languages)
    template = env.from_string(
        "{% for claim in claims %}{{ claim | page }} {{ claim.measurand | page }} {{ claim.status.key }}"
        "{% for step, role in claim.used_by %}{{ step | page }}{% endfor %}"
        "{% for s in claim.cites %}{{ s | page }}{% endfor %}{% endfor %}"
    )
    context = {"claims": model.claims, "root": "../"}
    page_cache.hook()
    try:
        # (the second time: the sandbox asks once per type and name whether a template may read it)
        template.render(context)
        with page_cache.Noting() as reads:
            text = template.render(context)
    finally:
        page_cache.unhook()
    assert "claims/" in text and "sources/" in text
    assert reads and not [name for _, name in reads if name.startswith("__")]
    claim = next(c for c in model.claims if c.measurand is not None)
    assert (claim, "measurand") in reads and (claim.measurand, "name") in reads


def test_noted_fields_records_fields_and_the_things_read_only_through_computed_names(example):
    from claimgraph.site.model import gather

    model = gather(load(example), [])
    things = page_cache.things(model)
    by_thing = page_cache.name_kinds(things)
    claim, source = model.claims[0], model.sources[0]
    reads = {(claim, "slug"), (claim, "__class__"), (claim, "path"), (source, "path"), (id(model), "title")}
    assert page_cache.noted_fields(reads, by_thing) == {
        page_cache.identity(claim): {"slug"},
        page_cache.identity(source): set(),  # read, through a property only
        "site": {"title"},
    }
    stranger = type(claim)(iri="https://example.org/not-listed", slug="x", quantitative=False, statement={})
    assert page_cache.noted_fields(reads | {(stranger, "slug")}, by_thing) is None
    assert page_cache.noted_fields({(stranger, "__class__")}, by_thing) == {}


def test_one_fingerprinter_for_many_values_gives_what_one_each_gives():
    from claimgraph.site.model import Measurand, Quote

    a = Measurand(iri="http://x/m", slug="m", label={"en": "m"})
    values = [[a], "Measurand http://x/m", Quote("x", "p. 1", None), 1, [1, "a", {"k": (2.0, None)}], [a, [a]]]
    describe = page_cache.Fingerprints()
    prints = [describe(value) for value in values]
    assert prints == [page_cache.fingerprint(value) for value in values]
    # a thing stands for its identity, not for the string its identity is
    assert prints[0] != page_cache.fingerprint(["Measurand http://x/m"])
    # what cannot be described never compares equal, and the fingerprinter still describes what follows
    assert describe((x for x in [1])) != describe((x for x in [1]))
    assert describe(values[2]) == prints[2]
