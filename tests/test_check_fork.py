"""``run_checks(fork=True)``: most families in a forked child while SHACL runs in the calling process
give the findings the threads give, and a child that fails costs time, never a finding."""

from __future__ import annotations

import os

import pytest

import claimgraph.checks as checks_module
import claimgraph.parallel as parallel
from claimgraph.checks import run_checks
from claimgraph.registry import load

from .conftest import FIXTURES, PROJECT
from .fixture_overlays import invalid_case

CASES = [
    FIXTURES / "valid",
    PROJECT,
    PROJECT / "examples" / "ml-training-energy",
    invalid_case("claim-in-two-files"),
    invalid_case("unknown-key"),
    invalid_case("units-and-conflicts"),
    invalid_case("quote-not-in-source"),
]


@pytest.fixture
def forks(monkeypatch):
    """Fork at any size, and count the forks."""
    made = []
    real = parallel.ForkedCall

    class Counted(real):
        def __init__(self, function):
            made.append(function)
            super().__init__(function)

    monkeypatch.setattr(checks_module, "FORK_MIN_SUBJECTS", 0)
    monkeypatch.setattr(parallel, "ForkedCall", Counted)
    return made


@pytest.mark.skipif(not parallel.can_fork() or parallel.cores() < 2, reason="forks on two cores or more")
@pytest.mark.parametrize("root", CASES, ids=[p.name for p in CASES])
def test_the_families_in_a_forked_child_find_what_the_threads_find(root, forks):
    in_threads = run_checks(load(root, normalise=False))
    assert not forks
    forked = run_checks(load(root, normalise=False), fork=True)
    assert len(forks) == 1
    assert forked == in_threads
    assert [f.facts for f in forked] == [f.facts for f in in_threads]  # (not compared by ==)
    assert [f.related for f in forked] == [f.related for f in in_threads]


@pytest.mark.skipif(not parallel.can_fork() or parallel.cores() < 2, reason="forks on two cores or more")
def test_a_child_that_dies_costs_time_never_a_finding(forks, monkeypatch):
    from claimgraph.checks import units

    parent = os.getpid()
    real_check = units.check

    def dies_in_the_child(registry):
        if os.getpid() != parent:
            os._exit(3)  # as a child killed by a signal or a crash would: no result
        return real_check(registry)

    root = invalid_case("units-and-conflicts")
    expected = run_checks(load(root, normalise=False))
    monkeypatch.setattr(units, "check", dies_in_the_child)
    assert run_checks(load(root, normalise=False), fork=True) == expected
    assert len(forks) == 1


def test_a_forked_call_gives_what_the_function_returned_or_says_it_failed():
    assert parallel.ForkedCall(lambda: {"answer": (4, 2)}).result() == {"answer": (4, 2)}
    with pytest.raises(parallel.ForkFailed, match="ZeroDivisionError: division by zero"):
        parallel.ForkedCall(lambda: 1 / 0).result()
    with pytest.raises(parallel.ForkFailed):
        parallel.ForkedCall(lambda: lambda: "a function is not pickled").result()
    # a result larger than a pipe holds is read while the child writes it
    assert parallel.ForkedCall(lambda: "x" * 5_000_000).result() == "x" * 5_000_000


def test_no_fork_below_the_size_where_it_pays(monkeypatch):
    made = []
    monkeypatch.setattr(parallel, "ForkedCall", lambda function: made.append(function))
    run_checks(load(FIXTURES / "valid", normalise=False), fork=True)
    assert not made


def test_a_child_whose_result_is_not_asked_for_is_stopped_and_the_collector_thawed():
    import gc

    frozen_before = gc.get_freeze_count()
    call = parallel.ForkedCall(lambda: __import__("time").sleep(60))
    assert gc.get_freeze_count() > frozen_before
    call.close()  # at once: the child is killed, not waited for a minute
    assert gc.get_freeze_count() == frozen_before
    with pytest.raises(ProcessLookupError):
        os.kill(call._pid, 0)  # reaped


def test_work_started_beside_gives_its_result_or_fails_in_its_own_words(tmp_path):
    written = parallel.start_beside(lambda: (tmp_path / "part").write_text("done") and "written", "cannot write")
    assert written() == "written"
    assert (tmp_path / "part").read_text() == "done"
    failing = parallel.start_beside(lambda: 1 / 0, f"cannot write into {tmp_path}")
    with pytest.raises(OSError, match=r"cannot write into .*: ZeroDivisionError: division by zero"):
        failing()
    # stopped unfinished: nothing it would have written lands after stop() returns
    slow = parallel.start_beside(
        lambda: (__import__("time").sleep(60), (tmp_path / "late").write_text("late")), "cannot write"
    )
    slow.stop()
    assert not (tmp_path / "late").exists()
