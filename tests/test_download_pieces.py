"""The graph downloads of a rebuild made from the previous build's pieces (:mod:`claimgraph.site.download_pieces`)
are, byte for byte, those of the whole graph (:func:`claimgraph.rdf_writer.every_format`), after any edit; and
the pieces are really taken where the files did not change (else the rebuild would be as slow as ever)."""

from __future__ import annotations

import random
import re

import pytest

from claimgraph import rdf_writer
from claimgraph.export import data_rows, jsonld_context
from claimgraph.registry import load
from claimgraph.site import rdf_views
from claimgraph.site.download_pieces import RememberedPieces

from .rebuild_edits import EDITS, random_edit
from .test_site_page_cache import _synthetic
from .test_site_rebuild_random import registry_copy


def _downloads(root, cache, monkeypatch, counted=None) -> int | None:
    """Write the downloads from the pieces and compare them with the whole graph's; the files whose pieces were
    taken from the cache (None: the whole graph was written). ``counted``: called with the registry once loaded,
    gives the store's count made before a fork (see download_pieces._store_size)."""
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(cache))
    registry = load(root)
    table, context = rdf_views.prefixes(registry.settings.base), jsonld_context(registry)
    whole = rdf_writer.every_format(rdf_writer.prepared(data_rows(registry)), table, context)
    pieces = RememberedPieces(registry, table, context, counted(registry) if counted is not None else None)
    made = pieces.texts()
    assert sorted(made) == sorted(whole)
    for fmt in whole:
        assert made[fmt] == whole[fmt], fmt
    return pieces.reused


@pytest.fixture
def synthetic(tmp_path):
    root = _synthetic(tmp_path / "registry", 450)
    assert len(list((root / "claims").glob("*.ttl"))) >= 4
    return root


def _edit(root, name: str, before: str, after: str, count: int = 1) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert before in text
    path.write_text(text.replace(before, after, count), encoding="utf-8")


def test_a_value_changed_takes_every_other_file_from_the_cache(synthetic, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    files = len(list((synthetic / "claims").glob("*.ttl")))
    assert _downloads(synthetic, cache, monkeypatch) == 0  # nothing remembered yet
    assert _downloads(synthetic, cache, monkeypatch) == files
    text = (synthetic / "claims/claims-0000.ttl").read_text(encoding="utf-8")
    value = re.search(r"qudt:numericValue (\d+) ;", text).group(1)
    _edit(synthetic, "claims/claims-0000.ttl", f"qudt:numericValue {value} ;", f"qudt:numericValue {int(value) + 1} ;")
    assert _downloads(synthetic, cache, monkeypatch) == files - 1
    # the entry of the file's previous text is gone: the cache holds the registry as it is
    assert len(list(cache.glob("downloads-*/file-*.marshal"))) == files


def test_a_quantity_kind_changed_in_another_file_normalises_the_claims_again(synthetic, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    # a percentage on a measurand of energy: normalised to the first dimensionless unit (UNITLESS)
    _edit(synthetic, "claims/claims-0000.ttl", "qudt:unit unit:MegaW-HR", "qudt:unit unit:PERCENT")
    _downloads(synthetic, cache, monkeypatch)
    # ...and once the measurand counts things, to NUM: the claim's file is written again, though its text is not
    _edit(
        synthetic, "claims/measurands.ttl", "cg:quantityKind quantitykind:Energy", "cg:quantityKind quantitykind:Count"
    )
    files = len(list((synthetic / "claims").glob("*.ttl")))
    reused = _downloads(synthetic, cache, monkeypatch)
    assert reused is not None and reused < files - 1


@pytest.mark.parametrize(
    "change",
    [
        # a numeral the store keeps in another form: the file's literals come from its parse
        ("claims/claims-0000.ttl", "qudt:numericValue 100 ;", "qudt:numericValue 100.50 ;"),
        # a blank node more, and one fewer
        ("claims/claims-0001.ttl", "cg:status ", 'cg:citedQuote [ oa:exact "More." ] ;\n    cg:status '),
        ("claims/claims-0001.ttl", "cg:citedQuote [", "cg:citedNote [", 1),
        # two blank nodes alike but for the quotes they hang below: told apart in the second round of signatures,
        # which no piece remembered had (every blank node is labelled anew, each file read again)
        (
            "claims/claims-0000.ttl",
            "cg:status ",
            'cg:citedQuote [ oa:exact "A." ; cg:x [ cg:y 1 ] ] , [ oa:exact "B." ; cg:x [ cg:y 1 ] ] ;\n    cg:status ',
        ),
        # a prefix renamed (the same statements)
        ("claims/claims-0001.ttl", "@prefix status:", "@prefix st:"),
    ],
)
def test_edits_of_one_file_give_the_whole_graphs_downloads(synthetic, tmp_path, monkeypatch, change):
    cache = tmp_path / "cache"
    _downloads(synthetic, cache, monkeypatch)
    name, before, after, *count = change
    if before == "@prefix status:":
        text = (synthetic / name).read_text(encoding="utf-8")
        (synthetic / name).write_text(re.sub(r"(?<![\w:/#-])status:", "st:", text), encoding="utf-8")
    else:
        _edit(synthetic, name, before, after, *count)
    assert _downloads(synthetic, cache, monkeypatch) is not None
    assert _downloads(synthetic, cache, monkeypatch) == len(list((synthetic / "claims").glob("*.ttl")))


@pytest.mark.parametrize(
    "case",
    ["subject in two files", "unit of the registry", "blank subject", "source described", "twins", "named value"],
)
def test_what_pieces_cannot_give_is_written_whole(synthetic, tmp_path, monkeypatch, case):
    cache = tmp_path / "cache"
    _downloads(synthetic, cache, monkeypatch)
    extra = {
        "subject in two files": 'claim:c0 rdfs:comment "Said elsewhere." .\n',
        "unit of the registry": "<unit/Widget> a qudt:Unit ; qudt:conversionMultiplier 2 .\n",
        "blank subject": '[] rdfs:comment "A node no one names." .\n',
        "source described": 'source:Src0 rdfs:comment "A source said of in a claims file." .\n',
        "twins": "<thing/t> cg:note [ cg:y 1 ] , [ cg:y 1 ] .\n",
        "named value": "<thing/t> cg:measurand measurand:m0 ; cg:value <thing/v> .\n"
        "<thing/v> qudt:numericValue 5 ; qudt:unit unit:MegaW-HR .\n",
    }[case]
    prefixes = (synthetic / "claims/claims-0000.ttl").read_text(encoding="utf-8").split("\n\n")[0]
    (synthetic / "claims/extra.ttl").write_text(prefixes + "\n\n" + extra, encoding="utf-8")
    assert _downloads(synthetic, cache, monkeypatch) is None
    (synthetic / "claims/extra.ttl").unlink()
    assert _downloads(synthetic, cache, monkeypatch) is not None


@pytest.mark.parametrize("kind, seed", [("synthetic", 1), ("synthetic", 2), ("example", 3), ("bundled", 4)])
def test_random_edits_give_the_whole_graphs_downloads(kind, seed, tmp_path, monkeypatch):
    rng = random.Random(seed)
    root = registry_copy(kind, tmp_path / "registry", claims=450)
    cache = tmp_path / "cache"
    _downloads(root, cache, monkeypatch)
    reused = []
    # the edits of the registry's data, those of the new ones twice as often
    kinds = [k for k in EDITS if k not in ("template", "markdown template", "verification report", "saved query")]
    kinds += ["blank node", "prefix", "move claim", "claims file", "quantity kind", "bib field", "add bib"]
    for _ in range(8):
        for _ in range(rng.randint(1, 2)):
            EDITS[rng.choice(kinds)](rng, root) or random_edit(rng, root)
        reused.append(_downloads(root, cache, monkeypatch))
    assert any(count for count in reused), reused  # the pieces were taken, not only ever written whole


@pytest.mark.parametrize("damage", ["not marshal", "other version", "list", "blocks", "nodes", "cut"])
def test_a_damaged_entry_is_made_again(synthetic, tmp_path, monkeypatch, damage):
    import marshal

    cache = tmp_path / "cache"
    _downloads(synthetic, cache, monkeypatch)
    entry = sorted(cache.glob("downloads-*/file-*.marshal"))[0]
    data = marshal.loads(entry.read_bytes())
    if damage in ("blocks", "nodes"):
        data[damage] = [[1, 2]] if damage == "blocks" else [["_:b1"], ["_:b2", "x"]]
        entry.write_bytes(marshal.dumps(data))
    elif damage == "other version":
        entry.write_bytes(marshal.dumps(dict(data, version=2)))
    elif damage == "list":
        entry.write_bytes(marshal.dumps([]))
    elif damage == "cut":
        entry.write_bytes(entry.read_bytes()[:100])
    else:
        entry.write_bytes(b"not marshal")
    files = len(list((synthetic / "claims").glob("*.ttl")))
    assert _downloads(synthetic, cache, monkeypatch) == files - 1
    assert _downloads(synthetic, cache, monkeypatch) == files


def test_the_quantity_kinds_read_in_one_pass_are_those_asked_measurand_by_measurand(synthetic):
    """A remembered piece's measurands' quantity kinds are looked up in one read of the store's: the same as
    asking the store measurand by measurand (two kinds, none, a measurand the store does not hold)."""
    from claimgraph.site.download_pieces import _MEASURAND, _every_kind, _kinds, _kinds_of

    _edit(
        synthetic,
        "claims/measurands.ttl",
        "cg:quantityKind quantitykind:Energy",
        "cg:quantityKind quantitykind:Energy, quantitykind:Count",
    )
    registry = load(synthetic)
    measurands = {
        f"<{q.object.value}>"
        for q in registry.store.quads_for_pattern(None, None, None, registry.data_graph_iri)
        if q.predicate.value == _MEASURAND[1:-1]
    }
    asked = sorted(measurands) + ["<https://example.org/nowhere>"]
    rows = [("", _MEASURAND, m, "") for m in asked]
    by_one = _kinds(registry, rows)
    assert len(by_one) == len(asked) and by_one["<https://example.org/nowhere>"] == []
    assert any(len(kinds) == 2 for kinds in by_one.values()) and any(len(kinds) == 1 for kinds in by_one.values())
    assert _kinds_of(_every_kind(registry), asked) == by_one
    assert _kinds_of(_every_kind(registry), ["not an IRI", *asked]) == by_one


@pytest.mark.parametrize("parts_at_a_time", [1, 3, 256])
def test_the_files_written_a_few_parts_at_a_time_are_the_whole_graphs(
    synthetic, tmp_path, monkeypatch, parts_at_a_time
):
    """RememberedPieces.write joins a few hundred blocks at a time (the TriG's indented chunk by chunk): the files
    are byte for byte the whole graph's documents, from the pieces and when written whole, whatever the chunks."""
    from claimgraph.site import download_pieces

    monkeypatch.setattr(download_pieces, "_PARTS_AT_A_TIME", parts_at_a_time)
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    prefixes = (synthetic / "claims/claims-0000.ttl").read_text(encoding="utf-8").split("\n\n")[0]
    for step in ("first", "edited", "written whole"):
        if step == "edited":
            _edit(
                synthetic,
                "claims/claims-0001.ttl",
                "cg:status ",
                'cg:citedQuote [ oa:exact "More." ] ;\n    cg:status ',
            )
        elif step == "written whole":  # a subject in two files: no piece can be shown to be its file's
            (synthetic / "claims/extra.ttl").write_text(prefixes + '\n\nclaim:c0 rdfs:comment "Again." .\n')
        registry = load(synthetic)
        table, context = rdf_views.prefixes(registry.settings.base), jsonld_context(registry)
        whole = rdf_writer.every_format(rdf_writer.prepared(data_rows(registry)), table, context)
        pieces = RememberedPieces(registry, table, context)
        folder = tmp_path / step
        folder.mkdir()
        pieces.write({fmt: folder / fmt for fmt in whole})
        assert (pieces.reused is None) == (step == "written whole")
        for fmt, text in whole.items():
            assert (folder / fmt).read_bytes() == text.encode("utf-8"), (step, fmt)


def test_the_count_made_before_forking_is_the_one_taken(synthetic, tmp_path, monkeypatch):
    """The store's size counted by the build before it forked the downloads' process stands for the store's own
    count, for that store only: a count that is not the store's is seen (the pieces do not add up to the claims
    graph: the whole graph is written), and a count of another store is not taken."""
    cache = tmp_path / "cache"
    files = len(list((synthetic / "claims").glob("*.ttl")))
    _downloads(synthetic, cache, monkeypatch)
    for more, same_store, reused in ((0, True, files), (1, True, None), (1, False, files)):

        def counted(registry, more=more, same_store=same_store):
            store = registry.store if same_store else load(synthetic).store
            return store, len(store) + more

        assert _downloads(synthetic, cache, monkeypatch, counted) == reused, (more, same_store)
