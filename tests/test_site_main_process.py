"""What the building process spends its time on, kept cheap: the cycle collector's state around a build, MkDocs
left to the processes that render, the framed pages taken as present when the tables' links are checked."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from claimgraph.registry import load
from claimgraph.site import SiteBuildError, build_site, html_blocks, mkdocs_hook

from .conftest import FIXTURES


@pytest.mark.parametrize("fails", [False, True])
def test_a_build_leaves_the_collector_as_it_found_it(templated_registry, tmp_path, fails):
    """The collector is paused and the model frozen during a build: both undone at the end, failed or not (here
    a template error, once the site model is made)."""
    if fails:
        (templated_registry / "site" / "templates" / "sources-table.html.j2").write_text("{{ site.no_such_thing }}\n")
    assert gc.isenabled() and gc.get_freeze_count() == 0
    if fails:
        with pytest.raises(SiteBuildError, match="template error"):
            build_site(load(templated_registry), tmp_path / "site")
    else:
        build_site(load(templated_registry), tmp_path / "site")
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    gc.disable()  # a host that paused it itself finds it paused
    try:
        build_site(load(FIXTURES / "valid"), tmp_path / "other")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_claimgraph_s_own_process_does_not_import_mkdocs():
    code = "import sys, claimgraph.site.build, claimgraph.site.early_frames; print('mkdocs' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_hook_s_late_handlers_run_last_as_event_priority_would_say():
    from mkdocs.plugins import event_priority

    expected = event_priority(-100)(lambda: None).mkdocs_priority
    assert mkdocs_hook.on_page_content.mkdocs_priority == expected
    assert mkdocs_hook.on_post_build.mkdocs_priority == expected


def test_the_tables_links_to_files_said_present_are_not_looked_for(tmp_path):
    page = tmp_path / "claims" / "index.html"
    page.parent.mkdir()
    page.write_text("<p>" + html_blocks.PLACEHOLDER.format(0) + "</p>", encoding="utf-8")
    table = '<table><tr><td><a href="c1.html">c1</a></td></tr></table>'
    with pytest.raises(SiteBuildError, match="link 'c1.html' leads to no file of the site"):
        html_blocks.place(tmp_path, {"claims/index.md": [table]})
    html_blocks.place(tmp_path, {"claims/index.md": [table]}, {"claims/c1.html"})
    assert page.read_text(encoding="utf-8") == "<p>" + table + "</p>"
    # a file not said present is still looked for
    page.write_text("<p>" + html_blocks.PLACEHOLDER.format(0) + "</p>", encoding="utf-8")
    with pytest.raises(SiteBuildError, match="leads to no file"):
        html_blocks.place(tmp_path, {"claims/index.md": [table]}, {"claims/c2.html"})


def test_a_thing_s_fingerprint_is_that_of_its_fields_values_in_name_order():
    from claimgraph.site import page_cache
    from claimgraph.site.model import Measurand

    thing = Measurand(iri="http://x/m", slug="m", label={"en": "m"})
    fingerprint = page_cache.thing_fingerprint
    expected = page_cache.fingerprint([{"en": "m"}, "m"])
    assert fingerprint(thing, ("label", "slug")) == fingerprint(thing, ["slug", "label"]) == expected
    assert fingerprint(thing, ("slug",)) == page_cache.fingerprint(["m"])
    assert fingerprint(thing, ("slug", "zz_no_such_field")) == page_cache.fingerprint(["m", None])
    assert fingerprint(thing, ()) == page_cache.fingerprint([])
    other = Measurand(iri="http://x/m", slug="m", label={"en": "changed"})
    assert fingerprint(other, ("label", "slug")) != expected
    page_cache.hook()  # while pages are made (reads noted): the same
    try:
        assert fingerprint(thing, ("label", "slug")) == expected
        assert fingerprint(thing, ("slug", "zz_no_such_field")) == page_cache.fingerprint(["m", None])
    finally:
        page_cache.unhook()
