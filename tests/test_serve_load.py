"""The endpoint's load test (benchmarks/serve_load.py) runs end to end on a small registry: concurrent
clients on loopback, runaway queries mixed in. What it must show holds here too: ordinary queries never
fail, each runaway gets 503 naming the limit that stopped it. Speed is recorded by the benchmark in
benchmarks/results.md and never asserted here."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
LOAD_TEST = PROJECT / "benchmarks" / "serve_load.py"


def test_ordinary_queries_never_fail_and_runaways_get_503_naming_their_limit(tmp_path):
    figures = tmp_path / "serve.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(LOAD_TEST),
            "--claims",
            "100",
            "--clients",
            "6",
            "--queries",
            "60",
            "--runaways",
            "3",
            "--timeout",
            "2",
            "--json",
            str(figures),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    data = json.loads(figures.read_text(encoding="utf-8"))
    assert data["held"] and data["answered_after"] == 200
    for phase in ("ordinary_only", "with_runaways"):
        figures_of = data[phase]
        assert figures_of["ordinary"] == figures_of["ordinary_ok"] == 60 and not figures_of["ordinary_failures"]
        latency = figures_of["latency_seconds"]
        assert all(math.isfinite(latency[p]) and latency[p] > 0 for p in ("p50", "p95", "p99"))
        assert latency["p50"] <= latency["p95"] <= latency["p99"] <= latency["max"]
    runaways = data["with_runaways"]["runaways"]
    # which limit stops a runaway first depends on the machine (each one alone: tests/test_serve*.py);
    # that the answer names the one that did, does not
    assert [r["query"] for r in runaways] == [
        "five-way cross join, counted",
        "three-way cross join, sorted",
        "three-way cross join, listed as CSV",
    ]
    codes = {"time limit": "CG405", "memory limit": "CG407", "result size limit": "CG408"}
    for r in runaways:
        assert r["status"] == 503 and r["limit_named"] in codes, r
        assert r["answer"].startswith(f"{codes[r['limit_named']]} error: {r['limit_named']}:"), r
    # the section printed is the one results.md gets
    assert "## The endpoint under load" in proc.stdout and "| with 3 runaways | 60 / 60 |" in proc.stdout


def test_the_figures_go_into_the_results_file_and_survive_rendering_again(tmp_path):
    sys.path.insert(0, str(PROJECT / "benchmarks"))
    try:
        import serve_load
    finally:
        sys.path.pop(0)
    results = tmp_path / "results.md"
    shutil.copy(PROJECT / "benchmarks" / "results.md", results)
    before = results.read_text(encoding="utf-8")
    phase = {
        "sent": 3,
        "planned": 3,
        "wall_seconds": 1.0,
        "ordinary": 2,
        "ordinary_ok": 2,
        "ordinary_failures": [],
        "throughput_per_second": 2.0,
        "latency_seconds": {"p50": 0.01, "p95": 0.02, "p99": 0.02, "max": 0.02},
        "runaways": [
            {
                "query": "five-way cross join, counted",
                "limit_named": "time limit",
                "status": 503,
                "seconds": 2.1,
                "answer": "CG405 error: time limit: query still running after 2 s",
            }
        ],
    }
    data = {
        "registry": "synthetic, 10 claims",
        "claims": 10,
        "clients": 2,
        "queries": 2,
        "runaways": 1,
        "timeout": 2.0,
        "workers": 1,
        "max_seconds": 60.0,
        "server_env": serve_load.SERVER_ENV,
        "ordinary_only": {**phase, "runaways": []},
        "with_runaways": phase,
        "answered_after": 200,
        "held": True,
    }
    serve_load.update_results(results, data)
    text = results.read_text(encoding="utf-8")
    assert "## The endpoint under load" in text and "| with 1 runaways | 2 / 2 | 2.0 /s | 10 ms |" in text
    # everything else of the file is as it was, and the section comes back from the raw block alone
    assert (
        text.split("## The endpoint under load")[0]
        == before.split("## The endpoint under load")[0].split("## Raw results")[0]
    )
    again = tmp_path / "again.md"
    proc = subprocess.run(
        [sys.executable, str(PROJECT / "benchmarks" / "run.py"), "--render-only", str(results), "--out", str(again)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert again.read_text(encoding="utf-8") == text
