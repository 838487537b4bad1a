"""``check`` imports the families in a thread while the registry loads (:class:`claimgraph.checks.FamilyImports`)
and hands the families it listed to :func:`claimgraph.checks.run_checks`: the findings are those of a
``run_checks`` that lists them itself."""

from __future__ import annotations

import threading

from claimgraph.checks import families, import_families_in_background, run_checks
from claimgraph.registry import load

from .conftest import FIXTURES
from .fixture_overlays import invalid_case


def test_the_import_thread_lists_the_families_and_is_gone_once_finished():
    importing = import_families_in_background()
    importing.finish()
    assert not importing.is_alive()
    assert importing not in threading.enumerate()  # run_checks may then fork
    assert importing.found is not None
    assert [(f.name, f.module, f.package) for f in importing.found] == [
        (f.name, f.module, f.package) for f in families()
    ]


def test_findings_with_the_families_the_thread_listed_are_those_of_a_fresh_listing():
    found_any = []
    for root in (FIXTURES / "valid", invalid_case("units-and-conflicts"), invalid_case("unknown-key")):
        importing = import_families_in_background()
        registry = load(root, normalise=False)
        importing.finish()
        with_found = run_checks(registry, found=importing.found)
        assert with_found == run_checks(load(root, normalise=False))
        found_any.extend(with_found)
    assert {f.code for f in found_any} >= {"CG301", "CG340"}  # the invalid cases' findings were compared


def test_the_thread_imports_first_the_modules_a_caller_asks_for():
    """``build`` asks for the site's modules and the number reader while its registry loads: in a fresh process
    (nothing of claimgraph's imported yet) they are imported once the thread is finished."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from claimgraph.checks import import_families_in_background\n"
        "assert 'claimgraph.site.build' not in sys.modules\n"
        "importing = import_families_in_background('claimgraph.site.build', 'claimgraph.numbers_in_text')\n"
        "importing.finish()\n"
        "print(all(m in sys.modules for m in ('claimgraph.site.build', 'claimgraph.numbers_in_text')), "
        "importing.found is not None)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True"]
