"""Benchmark harness: claimgraph against the naive baseline, side by side, on synthetic registries.

    python benchmarks/run.py                      # N = 100, 1,000, 10,000; writes benchmarks/results.md
    python benchmarks/run.py --sizes 100 1000 --repeat 3 --out /tmp/results.md
    python benchmarks/run.py --render-only benchmarks/results.md   # the report again, from its raw numbers
    python benchmarks/run.py --only build commands --sizes 100 1000   # some families, added to --out's figures
    python benchmarks/run.py --only check build commands exports serve --sizes 50000 \
        --build-max 50000 --serve-max 50000           # growth to 50,000 claims (build and serve stop at 10,000)

For each N it generates a registry (benchmarks/synthetic.py) and times, as
separate processes so every run is a cold start:

* ``claimgraph check --no-cache`` (cold) and ``claimgraph check`` again (cached);
* ``claimgraph build`` into a temporary folder;
* every saved query of ``queries/`` through claimgraph's query engine;
* ``claimgraph export`` in every format;
* every command as a user runs it (whole processes, wall and CPU time): ``check`` cold, unchanged and
  with one file changed; ``build`` full, after a one-claim change into the same ``--out``, and
  unchanged; ``diff``, ``list claims``, and ``claimgraph query NAME`` for every saved query;

and, in the same run, the naive baseline on the same data:

* pyshacl on a plain rdflib graph parsed by rdflib, with the same shapes and data (the claims, the
  vocabulary, and the sources as claimgraph reads them from BibTeX), timed as a whole process like
  ``claimgraph check``; and pyshacl-turbo (the ``bench`` extra) on the same, through pySHACL's API;
* each saved query on rdflib's own SPARQL engine (stopped after ``--baseline-timeout``);
* plain ``mkdocs build`` rendering every page of the same site, automatic navigation;
* the exports as they were at first: rdflib's canonical ``longturtle`` (whole-graph
  canonicalisation), stopped after ``--baseline-timeout``;

and ``claimgraph serve`` under 20 concurrent clients with runaway queries mixed in
(benchmarks/serve_load.py), at every size up to ``--serve-max``; ``--skip-serve`` leaves it out.

``--only FAMILY…`` times some families alone (check, build, commands, exports, shacl, serve) at
``--sizes`` and writes ``--out`` again with them added to the figures it recorded.

Medians over ``--repeat`` runs; peak memory is the child's maximum resident set.
Every headline figure is a ratio measured in this run, never against a figure
recorded elsewhere.
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import json
import os
import re
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))

import serve_load  # noqa: E402
from synthetic import generate  # noqa: E402

PYTHON = sys.executable
CLAIMGRAPH = str(Path(sys.executable).with_name("claimgraph"))

#: A registry's own SHACL-SPARQL constraint, added in shapes/ for the second shape set.
POLICY_SHAPES = HERE / "policy-shapes.ttl"

#: Saved queries with the most joins, run on rdflib's engine at 10,000 claims and above.
BASELINE_QUERIES_AT_SCALE = ("claims-by-measurand", "step-sources", "conclusion-support", "training-energy")

# The speed targets (seconds) at 10,000 claims, checked in the report.
TARGETS = {
    "check_cold_10000": 1.0,
    "check_warm_10000": 0.5,
    "build_10000": 10.0,
    "query_10000": 0.5,
    "export_10000": 3.0,
    "build_one_claim_10000": 2.0,
}

#: Every format of ``claimgraph export``, in the order the report shows them.
EXPORT_FORMATS = ("turtle", "trig", "jsonld", "nt", "csv", "nanopub", "rocrate")

#: The Turtle export as it was at first, for the baseline: rdflib's ``longturtle`` with ``canon=True``
#: (rdflib.compare's canonicalisation of the whole graph), on the same graph; a whole process, like the export.
_OLD_TURTLE_EXPORT = r"""
import sys
from claimgraph.registry import load
from claimgraph.export import prefixes
from rdflib import URIRef
registry = load(sys.argv[1])
graph = registry.data_rdflib_graph()
for prefix, iri in prefixes(registry).items():
    graph.bind(prefix, URIRef(iri), override=True, replace=True)
open(sys.argv[2], "w", encoding="utf-8").write(graph.serialize(format="longturtle", canon=True))
"""


def timed(cmd: list[str], *, env: dict | None = None, timeout: float = 900) -> tuple[float, int, int, float]:
    """Wall seconds, exit code, peak RSS (KiB) and CPU seconds (user + system, all threads) of one child.

    The child's own resource use, read with wait4(): the process-wide RUSAGE_CHILDREN peak is the
    largest of every child so far (a pyshacl baseline's would show up in the next check's figure)."""
    killed = []

    def kill() -> None:
        killed.append(True)
        proc.kill()

    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})}
    )
    timer = threading.Timer(timeout, kill)
    timer.start()
    _pid, status, usage = os.wait4(proc.pid, 0)  # blocks until the child ends: no polling delay in the time
    elapsed = time.perf_counter() - start
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait for it again
    if killed:
        return float("inf"), -1, 0, float("inf")
    return elapsed, proc.returncode, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def median_run(cmd, repeat, **kw) -> dict:
    runs = [timed(cmd, **kw) for _ in range(repeat)]
    return {
        "seconds": statistics.median(r[0] for r in runs),
        "exit": runs[-1][1],
        "peak_mib": round(max(r[2] for r in runs) / 1024, 1),
        # CPU time over wall time shows how much of the run used both cores
        "cpu_seconds": statistics.median(r[3] for r in runs),
    }


# The SHACL timings are of whole processes (interpreter start, imports, parsing, validation), like
# `claimgraph check`'s: both sides are measured the same way.
_PYSHACL_BASELINE = r"""
import sys
from pathlib import Path
from rdflib import Graph
import pyshacl
root, ontology, sources = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
data = Graph()
for p in sorted((root / "claims").glob("*.ttl")):
    data.parse(p, format="turtle", publicID="https://example.org/synthetic/")
data.parse(sources, format="nt")  # the BibTeX sources as claimgraph reads them: the shapes validate them too
for p in ("claimgraph.ttl", "schemes.ttl"):
    data.parse(ontology / p, format="turtle")
shapes = Graph().parse(ontology / "shapes.ttl", format="turtle")
for p in sorted((root / "shapes").glob("*.ttl")):  # the registry's own shapes, as claimgraph reads them
    shapes.parse(p, format="turtle")
pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True, allow_infos=True)
"""

_SHACL_COMPILED = r"""
import sys
from claimgraph.registry import load
from claimgraph.checks.shacl import validate
validate(load(sys.argv[1], normalise=False), engine="compiled")  # loaded as `check` loads it
"""

#: The sources graph claimgraph builds from the BibTeX files, written as N-Triples for the baseline
#: (before any timing): pyshacl has no BibTeX reader, and without them the source shapes would have no focus.
_SOURCES_AS_NTRIPLES = r"""
import sys
import pyoxigraph as ox
from claimgraph.registry import load
registry = load(sys.argv[1])
quads = registry.store.quads_for_pattern(None, None, None, registry.bib_graph_iri)
ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads], sys.argv[2],
             format=ox.RdfFormat.N_TRIPLES)
"""

#: The compiled SHACL queries exactly as claimgraph runs them on this registry (merged, classes
#: expanded), written before any timing.
_COMPILED_QUERIES_AS_JSON = r"""
import json, sys
from claimgraph.registry import load
from claimgraph.checks.shacl import shapes_graph
from claimgraph.checks.shacl_compiled import compile_shapes, plan
registry = load(sys.argv[1])
texts = [p.sparql for p in plan(registry.store, compile_shapes(shapes_graph(registry)))]
open(sys.argv[2], "w", encoding="utf-8").write(json.dumps(texts))
"""

#: The engine's floor: Oxigraph alone parses the same files and runs the same compiled SHACL queries
#: (two threads), with nothing of claimgraph around it: no line index, no loader checks, no other
#: family, no findings. What is left between this and `claimgraph check` is claimgraph's own work.
#: It prints the number of solutions (a merged query gives one per focus node for several constraints).
_ENGINE_FLOOR = r"""
import json, sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
import pyoxigraph as ox
root, ontology, sources, queries = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
store = ox.Store()
claims = ox.NamedNode("https://example.org/synthetic/graph/claims")
for p in sorted((root / "claims").rglob("*.ttl")):
    store.load(path=str(p), format=ox.RdfFormat.TURTLE, base_iri="https://example.org/synthetic/", to_graph=claims)
store.load(path=sources, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("https://example.org/synthetic/graph/sources"))
for name in ("claimgraph.ttl", "schemes.ttl"):
    store.load(path=str(ontology / name), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("https://w3id.org/claimgraph/ns"))
texts = json.loads(Path(queries).read_text(encoding="utf-8"))
with ThreadPoolExecutor(max_workers=2) as pool:
    rows = sum(pool.map(lambda q: len(list(store.query(q, use_default_graph_as_union=True))), texts))
print(rows)
"""

_QUERY_TIMER = r"""
import json, sys, time
from claimgraph.registry import load
from claimgraph.sparql.saved import saved_queries
from claimgraph.sparql.run import run_query
registry = load(sys.argv[1])
out = {}
for q in saved_queries(registry):
    start = time.perf_counter()
    run_query(registry, q.text, timeout=None)  # materialised: every row is read
    out[q.name] = time.perf_counter() - start
print(json.dumps(out))
"""

_RDFLIB_QUERY = r"""
import sys, time
from claimgraph.registry import load
from claimgraph.namespaces import sparql_prologue
from claimgraph.sparql.saved import find_saved_query
registry = load(sys.argv[1])
graph = registry.rdflib_graph
query = find_saved_query(sys.argv[2], registry).text
start = time.perf_counter()
list(graph.query(query if "PREFIX" in query.upper() else sparql_prologue() + query))
print(time.perf_counter() - start)
"""


def python_seconds(script: str, args: list[str], timeout: float) -> float:
    try:
        proc = subprocess.run([PYTHON, "-c", script, *args], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return float("inf")
    if proc.returncode != 0:
        # rdflib's engine fails on some valid queries (e.g. COUNT(DISTINCT ?x) over unbound ?x)
        print(f"baseline failed: {proc.stderr.strip().splitlines()[-1][:200]}", file=sys.stderr)
        return float("nan")
    return float(proc.stdout.strip().splitlines()[-1])


def process_seconds(script: str, args: list[str], timeout: float) -> float:
    """Wall seconds of a whole ``python -c script`` process (inf past ``timeout``, nan if it failed)."""
    seconds, code, *_ = timed([PYTHON, "-c", script, *args], timeout=timeout)
    return seconds if code == 0 or seconds == float("inf") else float("nan")


def _median_until_timeout(run, repeat: int) -> float:
    """Median of ``repeat`` runs, stopping at the first that timed out (inf) or failed (nan)."""
    results = []
    for _ in range(repeat):
        results.append(run())
        if results[-1] != results[-1] or results[-1] == float("inf"):
            return results[-1]
    return statistics.median(results)


def mkdocs_baseline(sources: Path, built: Path, site: Path, timeout: float) -> float:
    """Seconds for ``mkdocs build`` on the same pages with MkDocs' defaults: no ``nav`` (so
    every page is in the navigation of every page), one process, the theme's search indexer
    on every page, and every page rendered by MkDocs. claimgraph writes the pages of claims,
    sources and measurands into frames itself; here each of them becomes a Markdown page
    holding the body claimgraph wrote (``built``) as raw HTML, which Python-Markdown passes
    through with less work than Markdown tables and lists: if anything, the baseline is
    favoured."""
    import yaml

    for folder in ("claims", "sources", "measurands"):
        for page in (built / folder).glob("*.html"):
            if page.name == "index.html":
                continue
            text = page.read_text(encoding="utf-8")
            body = text.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
            title = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)
            name = re.sub(r"<[^>]+>", "", title.group(1)) if title else page.stem
            (sources / "docs" / folder / (page.stem + ".md")).write_text(
                f"---\ntitle: {json.dumps(html.unescape(name))}\n---\n\n{body.strip()}\n", encoding="utf-8"
            )
    config = yaml.safe_load((sources / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("nav", "not_in_nav", "hooks", "validation"):
        config.pop(key, None)
    naive = sources / "mkdocs-naive.yml"
    naive.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    seconds, code, *_ = timed(
        [PYTHON, "-m", "mkdocs", "build", "-q", "--config-file", str(naive), "--site-dir", str(site)],
        env={"NO_MKDOCS_2_WARNING": "1"},
        timeout=timeout,
    )
    shutil.rmtree(site, ignore_errors=True)
    return seconds if code == 0 or seconds == float("inf") else float("nan")


def bench_exports(
    root: Path, n: int, repeat: int, workdir: Path, env: dict, baseline_timeout: float, skip_baseline: bool
) -> dict:
    """``claimgraph export`` in every format, whole processes (load included), medians of ``repeat`` runs.

    A release is exported after ``claimgraph check`` has passed on the same files: the crate's check
    report then comes from check's cache, which this fills first (as ``bench_size``'s runs of check do)."""
    timed([CLAIMGRAPH, "check", "-r", str(root)], env=env)
    out: dict = {"load_average_before": os.getloadavg()[0]}  # a shared machine: wall time then exceeds CPU time
    for fmt in EXPORT_FORMATS:
        target = workdir / (f"crate-{n}" if fmt == "rocrate" else f"export-{n}.{fmt}")
        # rocrate and nanopub write folders: each repeat replaces the one before (--force)
        extra = ["--force", "--date", "2025-01-01"] if fmt in ("rocrate", "nanopub") else []
        out[fmt] = median_run(
            [CLAIMGRAPH, "export", "-r", str(root), "--format", fmt, "--out", str(target), *extra], repeat, env=env
        )
        shutil.rmtree(target, ignore_errors=True) if target.is_dir() else target.unlink(missing_ok=True)
    if not skip_baseline and n <= 1000:  # 48 s at 1,000 claims on this VM; at 10,000 it does not finish in minutes
        old = workdir / f"old-export-{n}.ttl"
        out["baseline_old_turtle"] = _median_until_timeout(
            lambda: process_seconds(_OLD_TURTLE_EXPORT, [str(root), str(old)], baseline_timeout), 1
        )
        old.unlink(missing_ok=True)
    out["load_average_after"] = os.getloadavg()[0]
    return out


def bench_size(
    n: int, repeat: int, workdir: Path, baseline_timeout: float, skip_baseline: bool, build_max: int = 10000
) -> dict:
    root = generate(n, workdir / f"registry-{n}")
    cache = workdir / f"cache-{n}"
    env = {"CLAIMGRAPH_CACHE_DIR": str(cache)}
    # which code the figures only a full run makes (first run, the build with --keep-markdown, the saved
    # queries, the SHACL-SPARQL shape set) were measured with: later --only runs leave them as they are
    result: dict = {"n": n, "full_run": _code_and_day()}
    # the very first run on a machine: pint's definitions parsed and its answers about units asked
    # (both are then kept in the user's cache folder, like any later run would find them)
    result["check_first"] = timed([CLAIMGRAPH, "check", "--no-cache", "-r", str(root)], env=env)[0]
    result["check_cold"] = median_run([CLAIMGRAPH, "check", "--no-cache", "-r", str(root)], repeat, env=env)
    if not skip_baseline:
        # the second shape set: the same registry with one SHACL-SPARQL constraint of its own, checked
        # right after the first (this VM's speed drifts from one minute to the next)
        with_policy = workdir / f"registry-{n}-policy"
        shutil.copytree(root, with_policy)
        (with_policy / "shapes").mkdir(exist_ok=True)
        shutil.copy(POLICY_SHAPES, with_policy / "shapes" / POLICY_SHAPES.name)
        result["sparql_constraint"] = {
            "check_cold": median_run([CLAIMGRAPH, "check", "--no-cache", "-r", str(with_policy)], repeat, env=env)
        }
    timed([CLAIMGRAPH, "check", "-r", str(root)], env=env)  # fill the cache
    result["check_warm"] = median_run([CLAIMGRAPH, "check", "-r", str(root)], repeat, env=env)
    site = workdir / f"site-{n}"
    if n <= build_max:
        result["build"] = median_run(
            [
                CLAIMGRAPH,
                "build",
                "-r",
                str(root),
                "--out",
                str(site),
                "--keep-markdown",
                str(workdir / f"site-{n}-src"),
            ],
            1 if n >= 10000 else repeat,
            env=env,
        )
    if not skip_baseline and n <= build_max:
        # the same pages, every one built by plain mkdocs with automatic navigation (every page in the nav)
        result["baseline_mkdocs"] = mkdocs_baseline(
            workdir / f"site-{n}-src", site, workdir / f"naive-site-{n}", baseline_timeout
        )
    try:
        result["queries"] = json.loads(
            subprocess.run(
                [PYTHON, "-c", _QUERY_TIMER, str(root)], capture_output=True, text=True, check=True, timeout=600
            ).stdout
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        result["queries"] = {"error": str(exc)[-300:]}
    if not skip_baseline:
        sources = workdir / f"sources-{n}.nt"
        subprocess.run([PYTHON, "-c", _SOURCES_AS_NTRIPLES, str(root), str(sources)], check=True, timeout=600)
        # a median like claimgraph's own timings: this VM's speed drifts by a third from one minute to the next
        result["baseline_pyshacl"] = _median_until_timeout(
            lambda: process_seconds(
                _PYSHACL_BASELINE, [str(root), str(PROJECT / "ontology"), str(sources)], baseline_timeout
            ),
            repeat,
        )
        result["shacl_turbo"] = bench_shacl_turbo(root, sources, repeat, baseline_timeout)
        # the same shapes on the same data, parsing included, with claimgraph's compiled engine
        result["shacl_compiled"] = _median_until_timeout(
            lambda: process_seconds(_SHACL_COMPILED, [str(root)], baseline_timeout), repeat
        )
        compiled = workdir / f"compiled-shacl-{n}.json"
        subprocess.run([PYTHON, "-c", _COMPILED_QUERIES_AS_JSON, str(root), str(compiled)], check=True, timeout=600)
        result["engine_floor"] = _median_until_timeout(
            lambda: process_seconds(
                _ENGINE_FLOOR, [str(root), str(PROJECT / "ontology"), str(sources), str(compiled)], baseline_timeout
            ),
            repeat,
        )
        result["sparql_constraint"]["baseline_pyshacl"] = _median_until_timeout(
            lambda: process_seconds(
                _PYSHACL_BASELINE, [str(with_policy), str(PROJECT / "ontology"), str(sources)], baseline_timeout
            ),
            repeat,
        )
        shutil.rmtree(with_policy, ignore_errors=True)
        result["baseline_rdflib_queries"] = {}
        names = [q for q in result["queries"] if q != "error"]
        if n > 10000:  # parsing alone takes rdflib about half a minute per query run
            names = []
        elif n >= 10000:  # rdflib's engine can take minutes per join at this size: the join-heavy ones only
            names = [q for q in names if q in BASELINE_QUERIES_AT_SCALE]
        for name in names:
            result["baseline_rdflib_queries"][name] = python_seconds(_RDFLIB_QUERY, [str(root), name], baseline_timeout)
    result["exports"] = bench_exports(root, n, repeat, workdir, env, baseline_timeout, skip_baseline)
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(workdir / f"site-{n}-src", ignore_errors=True)
    return result


# ------------------------------------------------------------------ every command a user runs
#
# Kept apart from the families above (check, build, queries and exports as first recorded): each
# function here times one command the way a user meets it, a whole process from the shell, and
# records the wall time beside the CPU time (user + system of the process and its children),
# since the machine these run on is often shared and only the CPU time is then the command's own.

#: The families ``--only`` can pick; a run without ``--only`` times them all.
FAMILIES = ("check", "build", "queries", "exports", "commands", "shacl", "rdflib", "mkdocs", "serve")

#: The file one edit touches, in the "one file changed" and "one claim changed" runs.
CHANGED_FILE = Path("claims") / "claims-0000.ttl"
_FIRST_VALUE = re.compile(r"(qudt:numericValue )(\d+)( ;)")

#: pySHACL's own baseline script run with pyshacl-turbo (the Rust engine behind pySHACL's API):
#: the same data parsed by rdflib, the same shapes, the same call.
_PYSHACL_TURBO_BASELINE = _PYSHACL_BASELINE.replace("import pyshacl\n", "import pyshacl_turbo as pyshacl\n")


def change_one_claim(root: Path) -> None:
    """Edit one claim's value in one file, as a user would: the first ``qudt:numericValue`` of
    :data:`CHANGED_FILE` goes up by one. Every call gives a state of the file never seen before, so no
    cache (the check cache is keyed by the files' contents) can answer from an earlier run: moving the
    value up and back down would hand every run after the second a cached result."""
    path = root / CHANGED_FILE
    text = path.read_text(encoding="utf-8")
    match = _FIRST_VALUE.search(text)
    new = int(match.group(2)) + 1
    path.write_text(text[: match.start(2)] + str(new) + text[match.end(2) :], encoding="utf-8")


def runs_of(make_run, repeat: int) -> dict:
    """``repeat`` runs of ``make_run()`` (each returns :func:`timed`'s tuple): the median and the
    minimum wall time, the median CPU time, the last exit code, the peak memory."""
    runs = [make_run() for _ in range(repeat)]
    walls = [r[0] for r in runs]
    return {
        "seconds": statistics.median(walls),
        "min_seconds": min(walls),
        "exit": runs[-1][1],
        "peak_mib": round(max(r[2] for r in runs) / 1024, 1),
        "cpu_seconds": statistics.median(r[3] for r in runs),
        "runs": len(runs),
    }


def bench_check_variants(root: Path, repeat: int, env: dict) -> dict:
    """``claimgraph check`` cold (``--no-cache``), unchanged (the cache filled by the run before) and
    with one file changed since the run before (one claim's value edited)."""
    check = [CLAIMGRAPH, "check", "-r", str(root)]
    out = {"cold": runs_of(lambda: timed([*check, "--no-cache"], env=env), repeat)}
    timed(check, env=env)
    out["unchanged"] = runs_of(lambda: timed(check, env=env), repeat)

    def one_changed():
        change_one_claim(root)
        return timed(check, env=env)

    out["one_file_changed"] = runs_of(one_changed, repeat)
    return out


def bench_build_variants(root: Path, n: int, repeat: int, workdir: Path, env: dict) -> dict:
    """``claimgraph build`` into a fresh folder (full), then again into the same ``--out`` after one
    claim's value changed (what a user does while editing; a build reusing its earlier work gains here)."""
    site = workdir / f"site-{n}-user"
    repeat = 1 if n >= 10000 else repeat
    build = [CLAIMGRAPH, "build", "-r", str(root), "--out", str(site)]

    def full():
        shutil.rmtree(site, ignore_errors=True)
        return timed(build, env=env)

    out = {"full": runs_of(full, repeat)}

    def one_changed():
        change_one_claim(root)
        return timed(build, env=env)

    out["one_claim_changed"] = runs_of(one_changed, repeat)
    out["unchanged"] = runs_of(lambda: timed(build, env=env), repeat)
    shutil.rmtree(site, ignore_errors=True)
    return out


def bench_commands(root: Path, n: int, repeat: int, workdir: Path, env: dict) -> dict:
    """``diff`` (against a copy with one claim's value changed), ``list claims`` in each format, and
    every saved query through ``claimgraph query NAME`` (whole processes: what a user waits for)."""
    old = workdir / f"registry-{n}-before"
    shutil.rmtree(old, ignore_errors=True)
    shutil.copytree(root, old)
    change_one_claim(root)
    out: dict = {"diff": {}, "list": {}, "query": {}}
    for form in ("text", "json"):
        out["diff"][form] = runs_of(
            lambda: timed([CLAIMGRAPH, "diff", "--format", form, str(old), str(root)], env=env), repeat
        )
    shutil.rmtree(old, ignore_errors=True)
    for form in ("csv", "json"):
        out["list"][form] = runs_of(
            lambda: timed([CLAIMGRAPH, "list", "claims", "-r", str(root), "--format", form], env=env), repeat
        )
    from claimgraph.sparql.run import query_form
    from claimgraph.sparql.saved import saved_queries

    # the registry's saved queries: the defaults and its own (the synthetic registry carries the bundled
    # registry's training-energy, a domain question that is no default)
    for saved in saved_queries(root):
        # a CONSTRUCT gives a graph, which `--format csv` refuses (exit 2, nothing timed)
        graph = query_form(saved.text) in ("CONSTRUCT", "DESCRIBE")
        form = "turtle" if graph else "csv"
        out["query"][saved.name] = runs_of(
            lambda: timed([CLAIMGRAPH, "query", "-r", str(root), "--format", form, saved.name], env=env), repeat
        )
    return out


def baseline_run(script: str, args: list[str], repeat: int, timeout: float) -> dict:
    """A baseline script as a whole process, ``repeat`` times (stopping at the first that timed out or
    failed): median wall time (inf: timed out; nan: failed) and median CPU time."""
    runs = []
    for _ in range(repeat):
        seconds, code, _peak, cpu = timed([PYTHON, "-c", script, *args], timeout=timeout)
        if seconds != float("inf") and code != 0:
            seconds = cpu = float("nan")
        runs.append((seconds, cpu))
        if seconds != seconds or seconds == float("inf"):
            return {"seconds": seconds, "cpu_seconds": cpu}
    return {"seconds": statistics.median(r[0] for r in runs), "cpu_seconds": statistics.median(r[1] for r in runs)}


def bench_shacl_turbo(root: Path, sources: Path, repeat: int, timeout: float) -> dict | None:
    """pyshacl-turbo on the same shapes and data as the pyshacl baseline (None when it is not installed:
    ``pip install -e '.[bench]'``)."""
    if importlib.util.find_spec("pyshacl_turbo") is None:
        print("pyshacl-turbo is not installed (pip install -e '.[bench]'): its baseline is left out", file=sys.stderr)
        return None
    return baseline_run(_PYSHACL_TURBO_BASELINE, [str(root), str(PROJECT / "ontology"), str(sources)], repeat, timeout)


def bench_serve(root: Path, n: int) -> dict:
    """``claimgraph serve`` under 20 concurrent clients, runaway queries mixed in (benchmarks/serve_load.py)."""
    return serve_load.measure(root, claims=n)


def _cell(run: dict | None) -> str:
    """ "1.23 s (1.10 s)": a median wall time, then its CPU time; the exit code when neither 0 nor 1."""
    if not run:
        return "–"
    text = f"{fmt(run['seconds'])} ({fmt(run.get('cpu_seconds'))})"
    return text if run.get("exit", 0) in (0, 1) else text + f" (exit {run['exit']})"


def latest_check(r: dict) -> dict:
    """The latest cold and unchanged ``check`` timed at ``r``'s size: an ``--only check`` run's when one came
    after the full run, else the full run's."""
    if "check_rerun" in r and "user_check" in r:
        return r["user_check"]
    return {"cold": r["check_cold"], "unchanged": r["check_warm"]}


def _shacl_check(r: dict) -> dict | None:
    """The cold check the SHACL baselines are compared with: the one timed beside them (``--only shacl``),
    else the whole run's (the baselines then ran in that run too)."""
    return r.get("shacl_check_cold") or r.get("check_cold")


def command_targets(r: dict) -> list[tuple[str, float | None, float]]:
    """Rows of the targets table at 10,000 claims for what the functions above timed."""
    rows = []
    build = r.get("user_build", {})
    if build.get("one_claim_changed"):
        rows.append(
            (
                f"build after a one-claim change ≤ {TARGETS['build_one_claim_10000']:g} s, wall",
                build["one_claim_changed"]["seconds"],
                TARGETS["build_one_claim_10000"],
            )
        )
        rows.append(
            (
                f"build after a one-claim change ≤ {TARGETS['build_one_claim_10000']:g} s, CPU time",
                build["one_claim_changed"]["cpu_seconds"],
                TARGETS["build_one_claim_10000"],
            )
        )
    if build.get("full"):
        rows.append(
            (f"build ≤ {TARGETS['build_10000']:g} s, CPU time", build["full"]["cpu_seconds"], TARGETS["build_10000"])
        )
    turbo = (r.get("shacl_turbo") or {}).get("seconds")
    if turbo and turbo == turbo and turbo != float("inf") and _shacl_check(r):
        # as a time: the cold check must take at most a fifth of pyshacl-turbo's
        rows.append(
            (
                "check (cold) ≥ 5× faster than pyshacl-turbo (limit: a fifth of its time)",
                _shacl_check(r)["seconds"],
                turbo / 5,
            )
        )
    return rows


def commands_report(results: list[dict]) -> list[str]:
    """The section of the commands a user runs, from what the functions above recorded."""
    rows = [r for r in results if "user_check" in r or "user_build" in r or "commands" in r]
    if not rows:
        return []
    lines = [
        "## Every command a user runs",
        "",
        "Whole processes as started from a shell (interpreter start, imports, loading, the command), medians "
        "of the runs (one run of `build` at 10,000 claims and above). Each cell is the wall time, then in "
        "brackets the CPU time (user and system, the process and its children, every thread): other "
        "engineers' work shared the 2 cores during these runs, so the wall time is often longer than what "
        "the command itself costs, and the CPU time is the steadier figure. *One file changed*: one claim's "
        f"value edited in `{CHANGED_FILE.as_posix()}` since the run before; `check` then reuses what its cache "
        "holds for the other files. `build` after a one-claim change goes into the same `--out`.",
        "",
        "| N claims | check (cold) | check (unchanged) | check (one file changed) | build (full) "
        "| build (one claim changed) | build (unchanged) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        c, b = r.get("user_check", {}), r.get("user_build", {})
        lines.append(
            f"| {r['n']:,} | {_cell(c.get('cold'))} | {_cell(c.get('unchanged'))} | "
            f"{_cell(c.get('one_file_changed'))} | {_cell(b.get('full'))} | "
            f"{_cell(b.get('one_claim_changed'))} | {_cell(b.get('unchanged'))} |"
        )
    loads = [(r["n"], *r["commands_load_average"]) for r in rows if "commands_load_average" in r]
    if loads:
        lines += [
            "",
            "Load average (1 minute) at the start and the end of these runs: "
            + "; ".join(f"N = {n:,}: {before:.1f}, {after:.1f}" for n, before, after in loads)
            + f", on {os.cpu_count()} cores.",
        ]
    with_commands = [r for r in rows if "commands" in r]
    if with_commands:
        lines += [
            "",
            "`claimgraph diff OLD NEW` (one claim's value changed between the two folders), "
            "`claimgraph list claims`, and every saved query through `claimgraph query NAME --format csv` "
            "(`--format turtle` for a CONSTRUCT), whole processes; the slowest query is named.",
            "",
            "| N claims | diff (text) | diff (json) | list (csv) | list (json) | saved queries: fastest | slowest |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in with_commands:
            cm = r["commands"]
            queries = sorted(cm["query"].items(), key=lambda kv: kv[1]["seconds"])
            fast = f"{_cell(queries[0][1])} ({queries[0][0]})" if queries else "–"
            slow = f"{_cell(queries[-1][1])} ({queries[-1][0]})" if queries else "–"
            lines.append(
                f"| {r['n']:,} | {_cell(cm['diff'].get('text'))} | {_cell(cm['diff'].get('json'))} | "
                f"{_cell(cm['list'].get('csv'))} | {_cell(cm['list'].get('json'))} | {fast} | {slow} |"
            )
    turbo = [r for r in results if r.get("shacl_turbo") and _shacl_check(r)]
    if turbo:
        lines += [
            "",
            "SHACL baselines on the same shapes and data (the pyshacl script above run with "
            "`import pyshacl_turbo as pyshacl`: pyshacl-turbo is a Rust engine behind pySHACL's API; the data "
            "parsed by rdflib as for pyshacl), whole processes, against `claimgraph check` (cold, every family "
            "of checks). Wall time, CPU time in brackets (pyshacl's CPU time is recorded only by `--only "
            "shacl`, which times a cold check beside the baselines); the ratios are of wall times, then of "
            "CPU times.",
            "",
            "| N claims | pyshacl | pyshacl-turbo | claimgraph check (cold) | vs pyshacl | vs pyshacl-turbo |",
            "|---:|---:|---:|---:|---:|---:|",
        ]

        def ratio(base, ours):
            if base is None or base != base or not ours:
                return "–"
            return "timed out" if base == float("inf") else f"{base / ours:.1f}×"

        for r in turbo:
            ours, fast = _shacl_check(r), r["shacl_turbo"]
            base = r.get("shacl_pyshacl") or {"seconds": r.get("baseline_pyshacl"), "cpu_seconds": None}
            lines.append(
                f"| {r['n']:,} | {_cell(base)} | {_cell(fast)} | {_cell(ours)} | "
                f"{ratio(base['seconds'], ours['seconds'])} / {ratio(base['cpu_seconds'], ours.get('cpu_seconds'))} | "
                f"{ratio(fast['seconds'], ours['seconds'])} / {ratio(fast['cpu_seconds'], ours.get('cpu_seconds'))} |"
            )
    served = [r for r in results if "serve" in r]
    if served:
        lines += [
            "",
            "`claimgraph serve` at each size (benchmarks/serve_load.py: 20 concurrent clients, the "
            "second phase with runaway queries mixed in; the clients share the cores with the server).",
            "",
            "| N claims | answered (ordinary only) | throughput | p50 | p99 | with runaways: throughput | p99 "
            "| runaways answered 503 naming the limit |",
            "|---:|---:|---:|---:|---:|---:|---:|:-:|",
        ]
        for r in served:
            s = r["serve"]
            clean, mixed = s["ordinary_only"], s["with_runaways"]
            named = all(x["status"] == 503 and x["limit_named"] for x in mixed["runaways"])
            lines.append(
                f"| {r['n']:,} | {clean['ordinary_ok']} / {clean['ordinary']} | "
                f"{clean['throughput_per_second']:.1f} /s | {serve_load._ms(clean['latency_seconds']['p50'])} | "
                f"{serve_load._ms(clean['latency_seconds']['p99'])} | "
                f"{mixed['throughput_per_second']:.1f} /s | {serve_load._ms(mixed['latency_seconds']['p99'])} | "
                f"{'yes' if named else 'no'} |"
            )
    lines.append("")
    return lines


def _code_and_day() -> str:
    """The commit this checkout is at (with ``+changes`` when its files differ from it) and today's date."""
    import datetime

    def git(*args: str) -> str:
        try:
            done = subprocess.run(["git", "-C", str(PROJECT), *args], capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            return ""
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown commit"
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", "src")
    return f"{commit}{' +changes' if dirty else ''}, {datetime.date.today().isoformat()}"


def bench_families(
    n: int,
    families: set[str],
    repeat: int,
    workdir: Path,
    baseline_timeout: float,
    skip_baseline: bool,
    build_max: int,
    known: dict | None = None,
    in_full_run: bool = False,
) -> dict:
    """The families of ``families`` at N claims, added to ``known`` (what a results file recorded for N);
    ``in_full_run``: the families a full run times after :func:`bench_size`, in the same run."""
    result = dict(known or {"n": n})
    load_before = os.getloadavg()[0]  # a shared machine: the wall times then exceed the CPU times
    root = generate(n, workdir / f"registry-{n}")
    env = {"CLAIMGRAPH_CACHE_DIR": str(workdir / f"cache-{n}")}
    if "check" in families:
        result["user_check"] = bench_check_variants(root, repeat, env)
        result.setdefault("check_cold", result["user_check"]["cold"])
        result.setdefault("check_warm", result["user_check"]["unchanged"])
        # a later run's: the full run's own check figures stay (the baselines of its run are compared with
        # them); the tables of the check itself show this run's, and say so
        if not in_full_run:
            result["check_rerun"] = _code_and_day()
    if "build" in families and n <= build_max:
        result["user_build"] = bench_build_variants(root, n, repeat, workdir, env)
        result.setdefault("build", result["user_build"]["full"])
    if "commands" in families:
        result["commands"] = bench_commands(root, n, repeat, workdir, env)
    if "exports" in families:
        result["exports"] = bench_exports(root, n, repeat, workdir, env, baseline_timeout, skip_baseline)
    if "shacl" in families and not skip_baseline:
        sources = workdir / f"sources-{n}.nt"
        subprocess.run([PYTHON, "-c", _SOURCES_AS_NTRIPLES, str(root), str(sources)], check=True, timeout=600)
        # all three in this run, one after the other: the ratios never mix figures of different runs
        result["shacl_check_cold"] = runs_of(
            lambda: timed([CLAIMGRAPH, "check", "--no-cache", "-r", str(root)], env=env), repeat
        )
        result["shacl_pyshacl"] = baseline_run(
            _PYSHACL_BASELINE, [str(root), str(PROJECT / "ontology"), str(sources)], repeat, baseline_timeout
        )
        result["shacl_turbo"] = bench_shacl_turbo(root, sources, repeat, baseline_timeout)
    if "serve" in families:
        result["serve"] = bench_serve(root, n)
    result["commands_load_average"] = [round(load_before, 1), round(os.getloadavg()[0], 1)]
    shutil.rmtree(root, ignore_errors=True)
    return result


def machine() -> dict:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = (
            next(
                int(line.split()[1])
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            )
            // 1024
        )
    except (OSError, StopIteration):
        mem = None
    from importlib.metadata import version

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_mib": mem,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "packages": {p: version(p) for p in ("claimgraph", "pyoxigraph", "rdflib", "pyshacl", "mkdocs")},
        "byte_compiled": True,  # see compile_bytecode: runs recorded before it compiled every module each time
        "file_systems": file_systems(),
    }


def _file_system(folder: Path) -> str:
    """The type of the file system holding ``folder`` (from /proc/mounts: the longest mount point above it)."""
    best, kind = "", "unknown"
    try:
        for line in Path("/proc/mounts").read_text().splitlines():
            parts = line.split()
            if len(parts) > 2 and str(folder).startswith(parts[1].rstrip("/") + "/") and len(parts[1]) > len(best):
                best, kind = parts[1], parts[2]
    except OSError:
        pass
    return kind


def _files_floor(folder: Path, count: int = 10_000) -> float:
    """Seconds to create ``count`` files of 2 KB in a new folder under ``folder`` (the file system's share of
    an export or a build that writes as many): the same in every run, whatever claimgraph does."""
    work = Path(tempfile.mkdtemp(prefix="claimgraph-floor-", dir=folder))
    try:
        data = b"x" * 2048
        started = time.perf_counter()
        for i in range(count):
            descriptor = os.open(work / f"{i}.trig", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            os.write(descriptor, data)
            os.close(descriptor)
        return time.perf_counter() - started
    finally:
        shutil.rmtree(work, ignore_errors=True)


def file_systems() -> list[dict]:
    """Where the runs write (the temporary folder: TMPDIR) and, if elsewhere, the disk the project is on:
    each file system's type and what creating 10,000 files costs there."""
    places = [Path(tempfile.gettempdir()).resolve()]
    if _file_system(HERE.resolve()) != _file_system(places[0]) or not HERE.resolve().is_relative_to(places[0]):
        places.append(HERE.resolve())
    return [
        {"folder": str(p), "type": _file_system(p), "files_10000_seconds": round(_files_floor(p), 3)} for p in places
    ]


def shape_counts(with_policy: bool) -> str:
    """ "10 node shapes, 41 property shapes and no SPARQL-based constraint": what pyshacl is given."""
    from rdflib import Graph
    from rdflib.namespace import RDF, SH

    shapes = Graph().parse(PROJECT / "ontology" / "shapes.ttl", format="turtle")
    if with_policy:
        shapes.parse(POLICY_SHAPES, format="turtle")
    nodes = len(set(shapes.subjects(RDF.type, SH.NodeShape)))
    properties = len(set(shapes.objects(None, SH.property)))
    sparql = len(set(shapes.objects(None, SH.sparql)))
    constraints = {0: "no SPARQL-based constraint", 1: "one SPARQL-based constraint"}.get(
        sparql, f"{sparql} SPARQL-based constraints"
    )
    return f"{nodes} node shapes, {properties} property shapes and {constraints}"


def fmt(seconds) -> str:
    if seconds is None:
        return "–"
    if seconds != seconds:  # NaN: the baseline engine raised an error
        return "failed"
    if seconds == float("inf"):
        return "timed out"
    return f"{seconds:.2f} s" if seconds >= 0.1 else f"{seconds * 1000:.0f} ms"


def _provenance_lines(results: list[dict]) -> list[str]:
    """Where a size's row mixes runs (``--only check`` after a full run), which figures come from which."""
    out = []
    for r in results:
        if "check_rerun" not in r or "check_first" not in r:  # not a full run's row timed again in part
            continue
        full = r.get("full_run", "an earlier full run, before runs were stamped with their commit")
        out.append(
            f"- {r['n']:,} claims: check (cold), its CPU, check (unchanged) and peak memory from the run of "
            f"{r['check_rerun']}; first run, build (with `--keep-markdown`), the slowest saved query and the "
            f"SHACL-SPARQL shape set below from {full}."
        )
    return ["", *out] if out else []


def report(
    results: list[dict],
    info: dict,
    baseline_timeout: float,
    repeat: int,
    bundled: dict | None = None,
    serve: dict | None = None,
) -> str:
    lines = [
        "# Benchmark results",
        "",
        "Recorded by `python benchmarks/run.py` (see its docstring). Synthetic registries from "
        "`benchmarks/synthetic.py`; every ratio is measured in the same run.",
        "",
        "## Machine",
        "",
        f"- CPU: {info['cpu']} ({info['cores']} cores visible)",
        f"- Memory: {info['memory_mib']} MiB",
        f"- System: {info['system']}, Python {info['python']}",
        *(
            [
                "- Latest runs: registries, sites and exports written under "
                + "; the project's disk: ".join(
                    f"`{place['folder']}` ({place['type']}: creating 10,000 files of 2 KB took "
                    f"{place['files_10000_seconds']:.2f} s)"
                    for place in info["file_systems"]
                )
            ]
            if info.get("file_systems")
            else []
        ),
        *(
            [
                "- Latest runs: claimgraph's modules byte-compiled before them, as `pip install` leaves them (no run compiles its source)"
            ]
            if info.get("byte_compiled")
            else []
        ),
        "- Packages: " + ", ".join(f"{k} {v}" for k, v in info["packages"].items()),
        "",
        "## check, build, queries",
        "",
        f"Medians of {repeat} run{'s' if repeat != 1 else ''}, each a fresh process; `build` runs once at 10,000 claims and above. "
        "*check (cold)* is `claimgraph check --no-cache`: nothing of the registry is remembered, but "
        "the user's cache folder holds what any earlier run on the machine left there (pint's parsed "
        "unit definitions, pint's answers about the units met); *first run* is the one run with that "
        "folder empty. Peak memory is the largest resident set of the check runs; CPU is the cold "
        "check's user and system time over all its threads (above the wall time when both cores work).",
        "",
        "| N claims | check (cold) | first run | CPU of the cold check | check (unchanged) | peak memory | build "
        "| slowest saved query |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        if "check_cold" not in r:  # a size only some families were timed at (--only)
            continue
        queries = {k: v for k, v in r.get("queries", {}).items() if k != "error"}
        slowest = max(queries.items(), key=lambda kv: kv[1]) if queries else None
        check = latest_check(r)
        cpu = check["cold"].get("cpu_seconds")  # absent from results recorded before it was measured
        lines.append(
            f"| {r['n']:,} | {fmt(check['cold']['seconds'])} | {fmt(r.get('check_first'))} | {fmt(cpu)} | "
            f"{fmt(check['unchanged']['seconds'])} | "
            f"{check['cold']['peak_mib']} MiB | "
            + (
                "not run"
                if "build" not in r
                else fmt(r["build"]["seconds"])
                + ("" if r["build"]["exit"] == 0 else " (exit " + str(r["build"]["exit"]) + ")")
            )
            + " | "
            f"{fmt(slowest[1]) + ' (' + slowest[0] + ')' if slowest else '–'} |"
        )
    lines += _provenance_lines(results)
    lines += [
        "",
        "## Against the naive baseline (same data, same run)",
        "",
        "`claimgraph check` runs every family of checks (SHACL, citation keys, in-text citations, "
        "bibliography, primary sources, units, values in quotes, conflicts, derived numbers, weak steps, "
        "saved queries: none in these registries); "
        "the baseline runs SHACL only, so the first ratio understates the gain on equal work. "
        f"Both are timed as whole processes (interpreter start, imports, parsing, validation), medians of "
        f"{repeat} run{'s' if repeat != 1 else ''}; the "
        "baseline's data graph holds the claims, the vocabulary and the sources (claimgraph's reading of "
        "the BibTeX files, written as N-Triples before timing, so the baseline is spared BibTeX parsing).",
        "",
        "| N claims | pyshacl on rdflib | claimgraph check (cold) | ratio | rdflib SPARQL, slowest query "
        "| claimgraph, same query | ratio |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        if "baseline_pyshacl" not in r:
            continue
        base = r["baseline_pyshacl"]
        ours = r["check_cold"]["seconds"]
        rq = r.get("baseline_rdflib_queries", {})
        rq = {k: v for k, v in rq.items() if v == v}  # drop queries rdflib could not run at all
        if rq:
            name, slow = max(rq.items(), key=lambda kv: kv[1])
            mine = r.get("queries", {}).get(name)
            q_ratio = (
                "≥ " + f"{baseline_timeout / mine:.0f}×"
                if slow == float("inf") and mine
                else (f"{slow / mine:.0f}×" if mine else "–")
            )
            q_cols = f"{fmt(slow)} ({name}) | {fmt(mine)} | {q_ratio}"
        else:
            q_cols = "– | – | –"
        ratio = f"≥ {baseline_timeout / ours:.0f}×" if base == float("inf") else f"{base / ours:.1f}×"
        lines.append(f"| {r['n']:,} | {fmt(base)} | {fmt(ours)} | {ratio} | {q_cols} |")
    lines += [
        "",
        "SHACL alone (whole processes, parsing included, same shapes, same data): pyshacl on an "
        "rdflib graph against claimgraph's shapes compiled to SPARQL on Oxigraph (claimgraph's whole "
        "loader, then the compiled queries and their findings), and the engine's floor: Oxigraph alone "
        "parsing the same files and running the same compiled queries on two threads, with nothing of "
        "claimgraph around it (no line index, no loader checks, no other family, no findings). The gap "
        "between the floor and `claimgraph check` is claimgraph's own work.",
        "",
        "| N claims | pyshacl on rdflib | compiled SHACL on Oxigraph | ratio | engine floor | ratio |",
        "|---:|---:|---:|---:|---:|---:|",
    ]

    def ratio_to(base: float, ours: float | None) -> str:
        if not ours or ours != ours:
            return "–"
        return f"≥ {baseline_timeout / ours:.1f}×" if base == float("inf") else f"{base / ours:.1f}×"

    for r in results:
        if r.get("shacl_compiled"):
            base, floor = r["baseline_pyshacl"], r.get("engine_floor")  # no floor in results recorded before it
            lines.append(
                f"| {r['n']:,} | {fmt(base)} | {fmt(r['shacl_compiled'])} | "
                f"{ratio_to(base, r['shacl_compiled'])} | {fmt(floor)} | {ratio_to(base, floor)} |"
            )
    policy = [r for r in results if "sparql_constraint" in r]
    if policy:
        lines += [
            "",
            "### With one SHACL-SPARQL constraint of the registry's own",
            "",
            f"The same registries with `shapes/{POLICY_SHAPES.name}` added: one node shape whose SPARQL-based "
            "constraint asks that a claim verified against its primary source cite a source with a DOI or "
            f"a URL. Without it the shapes are {shape_counts(False)}; with it, {shape_counts(True)}. "
            "The first speed targets were set against 11 node shapes and 40 property shapes "
            "including one SPARQL-based constraint. pyshacl runs that constraint's query once per focus "
            "node; claimgraph compiles it to one query over all of them.",
            "",
            "| N claims | pyshacl on rdflib | claimgraph check (cold) | ratio |",
            "|---:|---:|---:|---:|",
        ]
        for r in policy:
            base, ours = r["sparql_constraint"]["baseline_pyshacl"], r["sparql_constraint"]["check_cold"]["seconds"]
            lines.append(f"| {r['n']:,} | {fmt(base)} | {fmt(ours)} | {ratio_to(base, ours)} |")
    lines += [
        "",
        "The site: `claimgraph build` (everything: load, check, rendering; MkDocs Material renders the "
        "reading pages with a small navigation while claimgraph writes the pages of claims, sources and "
        "measurands into frames MkDocs rendered once) against plain `mkdocs build` rendering every one of "
        "the same pages (the framed pages' bodies as raw HTML in Markdown) with MkDocs' automatic "
        "navigation (every page listed in every page's navigation), in one process.",
        "",
        "| N claims | mkdocs, automatic navigation | claimgraph build (everything) | ratio |",
        "|---:|---:|---:|---:|",
    ]
    for r in results:
        if "baseline_mkdocs" in r:
            base, ours = r["baseline_mkdocs"], r["build"]["seconds"]
            ratio = (
                f"≥ {baseline_timeout / ours:.1f}×"
                if base == float("inf")
                else (f"{base / ours:.1f}×" if base == base else "–")
            )
            lines.append(f"| {r['n']:,} | {fmt(base)} | {fmt(ours)} | {ratio} |")
    lines += ["", f'Baseline runs are stopped after {baseline_timeout:.0f} s ("timed out").', ""]
    exported = [r for r in results if "exports" in r]
    if exported:
        lines += [
            "## Exports",
            "",
            "`claimgraph export --format F --out …`, whole processes (interpreter start, loading the registry, "
            "the export), medians; `rocrate` includes the TriG, JSON-LD, nanopub and CSV files it holds and the "
            "check report (from `check`'s cache, filled by a `claimgraph check` of the same files first). *before* is the Turtle export as it was at first (rdflib's `longturtle` "
            "with canonical blank nodes: whole-graph canonicalisation), one run, on the same data, not run above "
            "1,000 claims. `nanopub` and `rocrate` write one file per nanopublication (10,000 files at 10,000 "
            "claims). Each cell is the wall time, then the CPU time of the process (user and system, all its "
            "threads): on a machine shared with other work the wall time is longer than the CPU time, which "
            "is what the export itself costs.",
            "",
            "| N claims | " + " | ".join(EXPORT_FORMATS) + " | turtle before | ratio (wall) |",
            "|---:|" + "---:|" * (len(EXPORT_FORMATS) + 2),
        ]
        for r in exported:
            ex = r["exports"]
            cells = [
                fmt(ex[f]["seconds"])
                + f" ({fmt(ex[f].get('cpu_seconds'))})"
                + ("" if ex[f]["exit"] == 0 else f" (exit {ex[f]['exit']})")
                for f in EXPORT_FORMATS
            ]
            old = ex.get("baseline_old_turtle")
            ratio = ratio_to(old, ex["turtle"]["seconds"]) if old is not None else "–"
            lines.append(f"| {r['n']:,} | " + " | ".join(cells) + f" | {fmt(old)} | {ratio} |")
        loads = [
            (r["n"], r["exports"]["load_average_before"], r["exports"].get("load_average_after"))
            for r in exported
            if "load_average_before" in r["exports"]
        ]
        if loads:
            lines += [
                "",
                "Load average (1 minute) when the exports were timed: "
                + "; ".join(f"N = {n:,}: {before:.1f} before, {after:.1f} after" for n, before, after in loads)
                + f", on {os.cpu_count()} cores.",
            ]
        lines.append("")
    lines += commands_report(results)
    lines += ["## Scaling", ""]
    by_n = {r["n"]: r for r in results}
    if 1000 in by_n and 10000 in by_n:
        ratio = latest_check(by_n[10000])["cold"]["seconds"] / latest_check(by_n[1000])["cold"]["seconds"]
        lines.append(f"check (cold) at 10,000 / at 1,000 claims: {ratio:.1f} (target ≤ 11).")
    if 10000 in by_n and 50000 in by_n:
        ratio = latest_check(by_n[50000])["cold"]["seconds"] / latest_check(by_n[10000])["cold"]["seconds"]
        lines.append(f"\ncheck (cold) at 50,000 / at 10,000 claims: {ratio:.1f} (linear: 5).")
    if 10000 in by_n:
        r = by_n[10000]
        queries = {k: v for k, v in r.get("queries", {}).items() if k != "error"}
        lines += ["", "## Targets at 10,000 claims", "", "| target | measured | met |", "|---|---:|:-:|"]
        # the latest figures of each kind: a run of the commands (--only check, build) times the same whole
        # processes as the first table, later
        latest = r.get("user_check") or {"cold": r["check_cold"], "unchanged": r["check_warm"]}
        latest_build = (r.get("user_build") or {}).get("full") or r["build"]
        rows = [
            (
                f"check cold ≤ {TARGETS['check_cold_10000']:g} s",
                latest["cold"]["seconds"],
                TARGETS["check_cold_10000"],
            ),
            ("check unchanged ≤ 0.5 s", latest["unchanged"]["seconds"], TARGETS["check_warm_10000"]),
            (f"build ≤ {TARGETS['build_10000']:g} s", latest_build["seconds"], TARGETS["build_10000"]),
            ("every saved query ≤ 0.5 s", max(queries.values()) if queries else None, TARGETS["query_10000"]),
        ]
        if "exports" in r:
            slowest = max(EXPORT_FORMATS, key=lambda f: r["exports"][f]["seconds"])
            rows.append(
                (
                    f"every export format ≤ 3 s, wall (slowest: {slowest})",
                    r["exports"][slowest]["seconds"],
                    TARGETS["export_10000"],
                )
            )
            busiest = max(EXPORT_FORMATS, key=lambda f: r["exports"][f].get("cpu_seconds") or 0)
            rows.append(
                (
                    f"every export format ≤ 3 s, CPU time (largest: {busiest})",
                    r["exports"][busiest].get("cpu_seconds"),
                    TARGETS["export_10000"],
                )
            )
        rows += command_targets(r)
        for label, value, limit in rows:
            met = "yes" if value is not None and value <= limit else "no"
            lines.append(f"| {label} | {fmt(value)} | {met} |")
        if "baseline_pyshacl" in r and r["baseline_pyshacl"] != float("inf"):
            speedup = r["baseline_pyshacl"] / r["check_cold"]["seconds"]
            lines.append(
                f"| check (every family of checks) ≥ 25× faster than pyshacl on rdflib (SHACL only): claimgraph's shapes "
                f"({shape_counts(False)}) | {speedup:.1f}× | {'yes' if speedup >= 25 else 'no'} |"
            )
        if r.get("shacl_compiled") and r.get("baseline_pyshacl", float("inf")) != float("inf"):
            speedup = r["baseline_pyshacl"] / r["shacl_compiled"]
            lines.append(
                f"| SHACL alone ≥ 25× faster than pyshacl on rdflib (the same work: claimgraph's loader and "
                f"compiled shapes, claimgraph's shapes) | {speedup:.1f}× | "
                f"{'yes' if speedup >= 25 else 'no'} |"
            )
        policy_run = r.get("sparql_constraint", {})
        if policy_run.get("baseline_pyshacl", float("inf")) != float("inf"):
            speedup = policy_run["baseline_pyshacl"] / policy_run["check_cold"]["seconds"]
            lines.append(
                f"| check (every family of checks) ≥ 25× faster than pyshacl on rdflib (SHACL only): with one SHACL-SPARQL constraint "
                f"({shape_counts(True)}) | {speedup:.1f}× | {'yes' if speedup >= 25 else 'no'} |"
            )
    if bundled is not None:
        lines += [
            "",
            "## The bundled registry",
            "",
            f"`claimgraph check` (cold) on the bundled registry: {fmt(bundled['seconds'])} (target ≤ 1.5 s).",
        ]
    if serve is not None:
        lines += [""] + serve_load.render(serve)
    raw = {
        "machine": info,
        "repeat": repeat,
        "baseline_timeout": baseline_timeout,
        "bundled": bundled,
        "results": results,
    }
    if serve is not None:
        raw["serve"] = serve
    lines += ["", "## Raw results", "", "```json", json.dumps(raw, indent=1, default=str), "```", ""]
    return "\n".join(lines)


def recorded(path: Path) -> dict:
    """The raw results block of a results file written by this script."""
    text = path.read_text(encoding="utf-8")
    block = text.split("## Raw results", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    return json.loads(block)


def kept_sections(out: Path, text: str) -> str:
    """``text`` followed by the sections other scripts wrote into ``out`` between
    ``<!-- section:NAME -->`` and ``<!-- /section:NAME -->`` (benchmarks/source_quotes.py's):
    re-running this harness does not erase their results."""
    old = out.read_text(encoding="utf-8") if out.is_file() else ""
    kept = [m.group(0).rstrip("\n") for m in _SECTION.finditer(old)]
    return text.rstrip("\n") + "".join("\n\n" + k + "\n" for k in kept) if kept else text


_SECTION = re.compile(r"<!-- section:([\w-]+) -->.*?<!-- /section:\1 -->", re.S)


#: The families ``--only`` takes (the rest are timed by a whole run only).
FAMILIES_ONLY = ("check", "build", "commands", "exports", "shacl", "serve")


def served_at_most(results: list[dict], claims: int) -> dict | None:
    """The load test of the largest size up to ``claims`` among ``results``, for the endpoint's own section."""
    served = [r for r in results if "serve" in r and r["n"] <= claims]
    return max(served, key=lambda r: r["n"])["serve"] if served else None


def run_only(args) -> int:
    """``--only``: the chosen families at ``--sizes``, merged into what ``--out`` recorded."""
    raw = (
        recorded(args.out)
        if args.out.is_file() and "## Raw results" in args.out.read_text(encoding="utf-8")
        else {
            "machine": machine(),
            "repeat": args.repeat,
            "baseline_timeout": args.baseline_timeout,
            "bundled": None,
            "results": [],
        }
    )
    raw["machine"] = {**raw["machine"], **machine()}  # as it is for the runs made now
    by_n = {r["n"]: r for r in raw["results"]}
    families = set(args.only)
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as tmp:
        for n in args.sizes:
            print(f"N = {n:,}: {', '.join(sorted(families))} …", file=sys.stderr, flush=True)
            chosen = families - ({"serve"} if n > args.serve_max else set())
            for family, largest in (("build", args.build_max), ("serve", args.serve_max)):
                if family in families and n > largest:  # asked for by name: say why nothing comes of it
                    print(f"N = {n:,}: {family} left out, above --{family}-max {largest:,}", file=sys.stderr)
            by_n[n] = bench_families(
                n,
                chosen,
                args.repeat,
                Path(tmp),
                args.baseline_timeout,
                args.skip_baseline,
                args.build_max,
                known=by_n.get(n),
            )
            print(
                json.dumps({k: v for k, v in by_n[n].items() if k != "n"}, default=str)[:2000],
                file=sys.stderr,
                flush=True,
            )
    results = [by_n[n] for n in sorted(by_n)]
    serve = raw.get("serve") if "serve" not in families else (served_at_most(results, 1000) or raw.get("serve"))
    args.out.write_text(
        kept_sections(
            args.out, report(results, raw["machine"], raw["baseline_timeout"], raw["repeat"], raw["bundled"], serve)
        ),
        encoding="utf-8",
    )
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def compile_bytecode() -> None:
    """Byte-compile claimgraph's modules as ``pip install`` does: a user's installed copy reads them compiled,
    where a checkout run with ``PYTHONDONTWRITEBYTECODE`` set would compile every module in every run timed."""
    spec = importlib.util.find_spec("claimgraph")
    if spec is not None and spec.submodule_search_locations:
        subprocess.run([PYTHON, "-m", "compileall", "-q", *spec.submodule_search_locations], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline-timeout", type=float, default=300)
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument(
        "--build-max",
        type=int,
        default=10000,
        help="largest N whose site is built (and compared with plain mkdocs); default 10000",
    )
    parser.add_argument(
        "--skip-serve",
        action="store_true",
        help="leave out the load test of `claimgraph serve` (benchmarks/serve_load.py)",
    )
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=FAMILIES_ONLY,
        metavar="FAMILY",
        help="time only these families (" + ", ".join(FAMILIES_ONLY) + ") at --sizes, and write "
        "--out again with the new figures added to those it recorded (if any)",
    )
    parser.add_argument(
        "--serve-max",
        type=int,
        default=10000,
        help="largest N at which `claimgraph serve` is load-tested (default 10000)",
    )
    parser.add_argument(
        "--render-only",
        type=Path,
        metavar="RESULTS",
        help="measure nothing: write the report again from the raw results recorded in RESULTS "
        "(after a change to the report's wording), to --out",
    )
    args = parser.parse_args()
    if args.render_only:
        raw = recorded(args.render_only)
        args.out.write_text(
            kept_sections(
                args.out,
                report(
                    raw["results"],
                    raw["machine"],
                    raw["baseline_timeout"],
                    raw["repeat"],
                    raw["bundled"],
                    raw.get("serve"),
                ),
            ),
            encoding="utf-8",
        )
        print(f"wrote {args.out} from {args.render_only}", file=sys.stderr)
        return 0
    compile_bytecode()
    if args.only:
        return run_only(args)
    results = []
    bundled = median_run([CLAIMGRAPH, "check", "--no-cache", "-r", str(PROJECT)], args.repeat)
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as tmp:
        for n in args.sizes:
            print(f"N = {n:,} …", file=sys.stderr, flush=True)
            results.append(
                bench_size(n, args.repeat, Path(tmp), args.baseline_timeout, args.skip_baseline, args.build_max)
            )
            extra = {"check", "build", "commands"} | (
                {"serve"} if not args.skip_serve and n <= args.serve_max else set()
            )
            results[-1] = bench_families(
                n,
                extra,
                args.repeat,
                Path(tmp),
                args.baseline_timeout,
                args.skip_baseline,
                args.build_max,
                known=results[-1],
                in_full_run=True,
            )
            print(json.dumps(results[-1], default=str), file=sys.stderr, flush=True)
        serve = served_at_most(results, 1000)
        if serve is None and not args.skip_serve:
            claims = min(max(args.sizes), 1000)
            print(f"serve under load, {claims:,} claims …", file=sys.stderr, flush=True)
            serve = serve_load.measure(generate(claims, Path(tmp) / "serve-registry"), claims=claims)
    args.out.write_text(
        kept_sections(args.out, report(results, machine(), args.baseline_timeout, args.repeat, bundled, serve)),
        encoding="utf-8",
    )
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
