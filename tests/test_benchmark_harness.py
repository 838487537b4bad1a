"""The benchmark harness runs end to end on a tiny registry, so the README's command cannot rot.

Speed itself is recorded by the harness in benchmarks/results.md and never asserted here."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from pathlib import Path

from claimgraph.registry import load
from claimgraph.sparql.saved import saved_queries

PROJECT = Path(__file__).resolve().parent.parent


def run_harness(out: Path, *args: str) -> str:
    """``benchmarks/run.py ARGS --out OUT`` run as a user runs it (from another folder); the results file's text."""
    proc = subprocess.run(
        [sys.executable, str(PROJECT / "benchmarks" / "run.py"), *args, "--out", str(out)],
        cwd=out.parent,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out.read_text(encoding="utf-8")


def raw_block(text: str) -> dict:
    """The raw results a results file records (its JSON block)."""
    return json.loads(text.split("```json\n", 1)[1].split("\n```", 1)[0])


def with_raw_block(text: str, raw: dict) -> str:
    """The results file's text with its JSON block replaced by ``raw``."""
    head, rest = text.split("```json\n", 1)
    return head + "```json\n" + json.dumps(raw, indent=1) + "\n```" + rest.split("\n```", 1)[1]


def test_the_harness_times_claimgraph_and_the_baseline_side_by_side(tmp_path):
    out = tmp_path / "results.md"
    text = run_harness(out, "--sizes", "40", "--repeat", "1")
    raw = raw_block(text)
    (result,) = raw["results"]
    assert result["n"] == 40 and raw["machine"]["cores"] and raw["bundled"]["seconds"] > 0
    # the synthetic registry carries deliberate faults: check reports them (exit 1), the site still builds
    assert result["check_cold"]["exit"] == 1 and result["check_warm"]["exit"] == 1
    assert result["build"]["exit"] == 0
    policy = result["sparql_constraint"]  # the same registry with one SHACL-SPARQL constraint of its own
    assert policy["check_cold"]["exit"] == 1
    timings = [
        result["check_first"],
        result["check_cold"]["seconds"],
        result["check_warm"]["seconds"],
        result["build"]["seconds"],
        result["baseline_pyshacl"],
        result["shacl_compiled"],
        result["engine_floor"],
        result["baseline_mkdocs"],
        policy["check_cold"]["seconds"],
        policy["baseline_pyshacl"],
    ]
    assert all(math.isfinite(t) and t > 0 for t in timings), timings
    cpu = result["check_cold"]["cpu_seconds"]  # the child's own user + system time, not the harness's
    assert math.isfinite(cpu) and 0 < cpu < 10 * result["check_cold"]["seconds"]
    assert re.search(
        r"^\| 40 \| [\d.]+ (s|ms) \| [\d.]+ (s|ms) \| [\d.]+ (s|ms) \| [\d.]+ (s|ms) \| [\d.]+ MiB \|", text, re.M
    ), text
    # every export format, timed as a whole process, beside the export as it was before (rdflib's canonical Turtle)
    exports = result["exports"]
    formats = ("turtle", "trig", "jsonld", "nt", "csv", "nanopub", "rocrate")
    assert all(exports[f]["exit"] == 0 and math.isfinite(exports[f]["seconds"]) for f in formats), exports
    assert math.isfinite(exports["baseline_old_turtle"]) and exports["baseline_old_turtle"] > 0
    assert re.search(
        r"^\| 40 \| " + r" \| ".join([r"[\d.]+ (?:s|ms) \([\d.]+ (?:s|ms)\)"] * 7 + [r"[\d.]+ (?:s|ms)"]),
        text.split("## Exports", 1)[1],
        re.M,
    )
    names = {q.name for q in saved_queries(load(PROJECT))}
    assert set(result["queries"]) == names and all(t > 0 for t in result["queries"].values())
    # every saved query was also run on rdflib's engine (NaN where rdflib cannot run it at all)
    assert set(result["baseline_rdflib_queries"]) == names
    # the ratios are computed from this run's numbers
    row = re.search(r"^\| 40 \| ([\d.]+) (s|ms) \| ([\d.]+) (s|ms) \| ([\d.]+)× \|", text, re.M)
    assert row, text
    assert row.group(5) == f"{result['baseline_pyshacl'] / result['check_cold']['seconds']:.1f}"
    policy_section = text.split("### With one SHACL-SPARQL constraint", 1)[1].split("\n\n|", 1)[1]
    policy_row = re.search(r"^\| 40 \| [\d.]+ (?:s|ms) \| [\d.]+ (?:s|ms) \| ([\d.]+)× \|$", policy_section, re.M)
    assert policy_row and policy_row.group(1) == f"{policy['baseline_pyshacl'] / policy['check_cold']['seconds']:.1f}"
    assert "11 node shapes, 41 property shapes and one SPARQL-based constraint" in text
    assert "## Machine" in text and "pyshacl" in text
    floor = re.search(
        r"^\| 40 \| [\d.]+ (?:s|ms) \| [\d.]+ (?:s|ms) \| [\d.]+× \| ([\d.]+) (s|ms) \| ([\d.]+)× \|$", text, re.M
    )
    assert floor, text
    assert floor.group(3) == f"{result['baseline_pyshacl'] / result['engine_floor']:.1f}"
    # the report can be written again from the recorded numbers alone, word for word
    again = tmp_path / "again.md"
    proc = subprocess.run(
        [sys.executable, str(PROJECT / "benchmarks" / "run.py"), "--render-only", str(out), "--out", str(again)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert again.read_text(encoding="utf-8") == text


def test_the_engine_floor_finds_what_the_compiled_shapes_find(tmp_path):
    """The floor runs the same queries on the same data as claimgraph's compiled SHACL: the same solutions."""
    sys.path.insert(0, str(PROJECT / "benchmarks"))
    try:
        import run as harness
        from synthetic import generate
    finally:
        sys.path.pop(0)
    from claimgraph.checks.shacl import shapes_graph
    from claimgraph.checks.shacl_compiled import compile_shapes, plan

    root = generate(60, tmp_path / "registry")
    sources, queries = tmp_path / "sources.nt", tmp_path / "queries.json"
    subprocess.run([sys.executable, "-c", harness._SOURCES_AS_NTRIPLES, str(root), str(sources)], check=True)
    subprocess.run([sys.executable, "-c", harness._COMPILED_QUERIES_AS_JSON, str(root), str(queries)], check=True)
    floor = subprocess.run(
        [sys.executable, "-c", harness._ENGINE_FLOOR, str(root), str(PROJECT / "ontology"), str(sources), str(queries)],
        capture_output=True,
        text=True,
        check=True,
    )
    registry = load(root)
    planned = plan(registry.store, compile_shapes(shapes_graph(registry)))
    expected = sum(len(list(registry.store.query(p.sparql, use_default_graph_as_union=True))) for p in planned)
    assert expected and int(floor.stdout) == expected


def test_each_run_reports_its_own_peak_memory_and_time_limit():
    """A small child timed after a big one reports its own peak, not the big one's (the process-wide
    figure for children is the largest so far); a child past its limit is stopped and reported as such."""
    # Timed from a fresh harness process, as `python benchmarks/run.py` times them: Linux counts in a
    # child's peak the memory of the process that spawned it (the child shares it until exec), and this
    # test process holds whatever the tests before it loaded.
    script = (
        f"import sys; sys.path.insert(0, {str(PROJECT / 'benchmarks')!r}); import run; "
        "big = run.timed([sys.executable, '-c', \"x = bytearray(300 * 1024 * 1024); "
        "x[::4096] = b'1' * len(x[::4096])\"]); "
        "small = run.timed([sys.executable, '-c', 'pass']); print(big[1], big[2], small[1], small[2])"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    big_exit, big_kib, small_exit, small_kib = map(int, out.split())
    assert big_exit == 0 and big_kib > 300 * 1024 and small_exit == 0 and small_kib < 100 * 1024, out
    sys.path.insert(0, str(PROJECT / "benchmarks"))
    try:
        import run as harness
    finally:
        sys.path.pop(0)
    assert harness.timed([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.5)[0] == float("inf")


def test_every_command_a_user_runs_is_timed_with_its_cpu_time(tmp_path):
    """``--only`` times the chosen families alone: check (cold, unchanged, one file changed), build (full,
    after a one-claim change, unchanged), diff, list and each saved query as whole processes, and the
    SHACL baselines, pyshacl-turbo among them; each figure with its CPU time."""
    out = tmp_path / "results.md"
    text = run_harness(out, "--only", "check", "build", "commands", "shacl", "--sizes", "30", "--repeat", "1")
    (result,) = raw_block(text)["results"]
    runs = [
        *result["user_check"].values(),
        *result["user_build"].values(),
        *result["commands"]["diff"].values(),
        *result["commands"]["list"].values(),
        *result["commands"]["query"].values(),
    ]
    assert all(
        math.isfinite(r["seconds"]) and 0 < r["cpu_seconds"] and r["min_seconds"] <= r["seconds"] for r in runs
    ), runs
    assert all(r["exit"] == 0 for r in result["user_build"].values())  # the faults are findings, not failures
    assert result["user_check"]["one_file_changed"]["exit"] in (0, 1)  # 0 clean, 1 findings: it ran
    assert set(result["commands"]["query"]) == {q.name for q in saved_queries(load(PROJECT))}
    turbo = result["shacl_turbo"]
    assert math.isfinite(turbo["seconds"]) and turbo["cpu_seconds"] > 0
    assert math.isfinite(result["shacl_pyshacl"]["seconds"]) and result["shacl_check_cold"]["exit"] in (0, 1)
    section = text.split("## Every command a user runs", 1)[1]
    cell = r"[\d.]+ (?:s|ms) \([\d.]+ (?:s|ms)\)"
    assert re.search(r"^\| 30 \| " + r" \| ".join([cell] * 6) + r" \|$", section, re.M), section
    assert re.search(
        r"^\| 30 \| " + r" \| ".join([cell] * 3) + r" \| [\d.]+× / [\d.]+× \| [\d.]+× / [\d.]+× \|$", section, re.M
    ), section
    # a second --only run adds its family to what the file recorded
    text = run_harness(out, "--only", "exports", "--sizes", "30", "--repeat", "1", "--skip-baseline")
    (again,) = raw_block(text)["results"]
    assert again["user_build"] == result["user_build"] and again["exports"]["turtle"]["exit"] == 0


def test_one_claim_change_is_a_change_every_time(tmp_path):
    """Each edit the harness makes gives the file a state never seen before (a value moved up and back would
    let the check cache answer every run after the second): one line differs, and no state comes back."""
    sys.path.insert(0, str(PROJECT / "benchmarks"))
    try:
        import run as harness
        from synthetic import generate
    finally:
        sys.path.pop(0)
    root = generate(20, tmp_path / "registry")
    path = root / harness.CHANGED_FILE
    before = path.read_text(encoding="utf-8")
    harness.change_one_claim(root)
    changed = path.read_text(encoding="utf-8")
    states = {before, changed}
    for _ in range(3):
        harness.change_one_claim(root)
        states.add(path.read_text(encoding="utf-8"))
    assert len(states) == 5
    differing = [(a, b) for a, b in zip(before.splitlines(), changed.splitlines()) if a != b]
    assert len(differing) == 1 and "qudt:numericValue" in differing[0][0]


def test_a_check_timed_again_replaces_the_full_runs_figures_and_says_so(tmp_path):
    """``--only check`` after a full run: the check's own table shows this run's cold and unchanged check
    (before, the full run's stayed there unnoticed), the baselines' tables keep the full run's (timed beside
    them), and the report names the run each figure came from."""
    out = tmp_path / "results.md"

    def run(*args: str) -> dict:
        sized = ("--sizes", "20", "--repeat", "1", "--skip-baseline", "--skip-serve", "--build-max", "0")
        (result,) = raw_block(run_harness(out, *args, *sized))["results"]
        return result

    full = run()
    assert "check_rerun" not in full and full["full_run"].count(", ") == 1
    # the full run's cold check marked, so that no figure of a later run can be taken for it
    text = out.read_text(encoding="utf-8")
    marked = dict(full, check_cold=dict(full["check_cold"], seconds=99.0, peak_mib=9999.9))
    out.write_text(with_raw_block(text, dict(raw_block(text), results=[marked])), encoding="utf-8")
    again = run("--only", "check")
    assert (again["check_cold"], again["check_warm"]) == (marked["check_cold"], full["check_warm"])
    assert again["check_first"] == full["check_first"] and again["full_run"] == full["full_run"]
    assert again["user_check"]["cold"]["peak_mib"] != 9999.9
    report = out.read_text(encoding="utf-8").split("```json", 1)[0]
    row = next(line for line in report.splitlines() if line.startswith("| 20 | "))
    assert f"| {again['user_check']['cold']['peak_mib']} MiB |" in row and "99" not in row.split(" | ")[1]
    assert (
        f"- 20 claims: check (cold), its CPU, check (unchanged) and peak memory from the run of {again['check_rerun']}"
        in report
    )
    assert f"SHACL-SPARQL shape set below from {full['full_run']}." in report
