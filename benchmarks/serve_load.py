"""Load test of ``claimgraph serve``: concurrent clients, runaway queries mixed in, on loopback only.

    python benchmarks/serve_load.py                          # 1,000 synthetic claims; prints the section
    python benchmarks/serve_load.py --claims 10000 --update benchmarks/results.md
    python benchmarks/serve_load.py --registry . --clients 20 --queries 800 --json /tmp/serve.json

It starts ``claimgraph serve`` (a process of its own, bound to 127.0.0.1, port chosen by the
system) on a registry and runs two phases, each bounded in count (``--queries``) and in time
(``--max-seconds``, after which the clients stop taking work):

1. **ordinary**: ``--clients`` threads, each with its own keep-alive connection, send the
   registry's saved queries (``/queries.json``) and small lookups, as fast as the answers come,
   each in turn in every format its query form has (SPARQL JSON, XML, CSV, TSV; Turtle,
   N-Triples, JSON-LD, RDF/XML);
2. **with runaways**: the same, with ``--runaways`` queries mixed in at even intervals that no
   limit lets finish: a five-way cross join counted (on a small registry, stopped by the time
   limit), a three-way cross join sorted (by the worker's memory cap), a three-way cross join
   listed in full (by the result size limit). On a large registry Oxigraph's joins may fill the
   worker's memory first: any limit will do, as long as the answer names it.

It records, per phase, the throughput (ordinary answers per second of wall time) and the
latency percentiles of the ordinary queries (p50, p95, p99: nearest rank), and every answer that
was not a 200: an ordinary query must never fail, and each runaway must get 503 with a body
naming the limit that stopped it. ``--update RESULTS`` puts the figures into a results file
written by ``benchmarks/run.py`` (its raw block and the section rendered from it).

Exit status: 0 when ordinary queries all succeeded and every runaway got 503 naming a limit,
1 otherwise, 2 when the server did not start.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import queue
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable

#: Queries no limit lets finish (on any registry of a few hundred triples or more), each with what
#: it is and the limit that stops it first on a small registry; on a large one, Oxigraph's joins
#: may fill the worker's memory before the time or result size limit is reached.
RUNAWAYS = (
    (
        "five-way cross join, counted",
        "time limit",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }",
        "application/sparql-results+json",
    ),
    (
        "three-way cross join, sorted",
        "memory limit",
        "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g ?c ?f ?i",
        "application/sparql-results+json",
    ),
    (
        "three-way cross join, listed as CSV",
        "result size limit",
        "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        "text/csv",
    ),
)
#: The limits a 503 may name, by their code.
LIMIT_CODES = {
    "CG405": "time limit",
    "CG407": "memory limit",
    "CG408": "result size limit",
    "CG409": "concurrency limit",
}
#: Small lookups beside the saved queries.
LOOKUPS = (
    "ASK { ?claim a cg:Claim }",
    "SELECT (COUNT(*) AS ?claims) WHERE { ?claim a cg:Claim }",
    "SELECT ?claim ?statement WHERE { ?claim a cg:Claim ; cg:statement ?statement } LIMIT 20",
)
#: What a client asks each query form for, in turn (an ASK has no CSV/TSV form: that would be 406).
ACCEPTS = {
    "SELECT": (
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ),
    "ASK": ("application/sparql-results+json", "application/sparql-results+xml"),
    "CONSTRUCT": ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"),
}
ACCEPTS["DESCRIBE"] = ACCEPTS["CONSTRUCT"]
#: Limits the server is started with for the test (the defaults suit a workstation, not a test run).
SERVER_ENV = {"CLAIMGRAPH_QUERY_MEMORY_MB": "256", "CLAIMGRAPH_QUERY_RESULT_MB": "16"}


def percentile(values: list[float], p: float) -> float:
    """The nearest-rank percentile ``p`` (0–100) of ``values``."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


class Server:
    """``claimgraph serve`` on 127.0.0.1 in a process of its own."""

    def __init__(self, registry: Path, *, timeout: float, workers: int):
        cmd = [
            PYTHON,
            "-m",
            "claimgraph.cli",
            "serve",
            "--registry",
            str(registry),
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--quiet",
            "--timeout",
            f"{timeout:g}",
            "--workers",
            str(workers),
        ]
        self.process = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env={**os.environ, **SERVER_ENV})
        line = self.process.stderr.readline()
        match = re.search(r"SPARQL endpoint (http://127\.0\.0\.1:(\d+)/sparql)", line)
        if not match:
            self.process.kill()
            raise RuntimeError(f"claimgraph serve did not start: {line}{self.process.stderr.read()}")
        self.endpoint, self.port = match.group(1), int(match.group(2))
        # drain stderr so the server never blocks on a full pipe
        threading.Thread(target=self.process.stderr.read, daemon=True).start()

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


def request(conn: http.client.HTTPConnection, query: str, accept: str) -> tuple[int, bytes]:
    conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})
    response = conn.getresponse()
    return response.status, response.read()


def run_phase(
    port: int, jobs: list[tuple[str, str, str]], clients: int, max_seconds: float, client_timeout: float
) -> dict:
    """Send ``jobs`` (kind, query, accept) from ``clients`` threads; what came back, and when."""
    todo: queue.Queue = queue.Queue()
    for index, job in enumerate(jobs):
        todo.put((index, *job))
    records: list[dict] = []
    lock = threading.Lock()
    started = time.perf_counter()
    deadline = started + max_seconds

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=client_timeout)
        while time.perf_counter() < deadline:
            try:
                index, kind, query, accept = todo.get_nowait()
            except queue.Empty:
                break
            sent = time.perf_counter()
            try:
                status, body = request(conn, query, accept)
            except (OSError, http.client.HTTPException) as exc:
                status, body = 0, f"{type(exc).__name__}: {exc}".encode()
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=client_timeout)
            record = {"index": index, "kind": kind, "status": status, "seconds": time.perf_counter() - sent}
            if status != 200:
                record["body"] = body[:300].decode("utf-8", "replace")
            with lock:
                records.append(record)
        conn.close()

    threads = [threading.Thread(target=client, name=f"load-client-{i}") for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    ordinary = [r for r in records if r["kind"] == "ordinary"]
    ok = [r["seconds"] for r in ordinary if r["status"] == 200]
    runaways = []
    for r in sorted(records, key=lambda r: r["index"]):
        if r["kind"] == "ordinary":
            continue
        answer = r.get("body", "").splitlines()[0] if r.get("body") else ""
        code = answer.split(" ", 1)[0]
        named = LIMIT_CODES.get(code) if f"error: {LIMIT_CODES.get(code)}:" in answer else None
        runaways.append(
            {
                "query": r["kind"],
                "status": r["status"],
                "limit_named": named,
                "seconds": round(r["seconds"], 3),
                "answer": answer,
            }
        )
    return {
        "sent": len(records),
        "planned": len(jobs),
        "wall_seconds": round(wall, 3),
        "ordinary": len(ordinary),
        "ordinary_ok": len(ok),
        "ordinary_failures": [{k: r[k] for k in ("status", "body") if k in r} for r in ordinary if r["status"] != 200][
            :20
        ],
        "throughput_per_second": round(len(ok) / wall, 1) if wall > 0 else math.nan,
        "latency_seconds": {
            "p50": percentile(ok, 50),
            "p95": percentile(ok, 95),
            "p99": percentile(ok, 99),
            "max": max(ok) if ok else math.nan,
        },
        "runaways": runaways,
    }


def ordinary_jobs(port: int, count: int) -> list[tuple[str, str, str]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/queries.json")
    saved = [q["text"] for q in json.loads(conn.getresponse().read())]
    conn.close()
    from claimgraph.sparql.run import query_form

    texts = saved + list(LOOKUPS)
    jobs = []
    for i in range(count):
        text = texts[i % len(texts)]
        accepts = ACCEPTS[query_form(text)]
        jobs.append(("ordinary", text, accepts[(i // len(texts)) % len(accepts)]))
    return jobs


def with_runaways(jobs: list, runaways: int) -> list:
    """``jobs`` with ``runaways`` runaway queries put in at even intervals, cycling through the limits."""
    mixed = list(jobs)
    for k in range(runaways):
        what, _limit, query, accept = RUNAWAYS[k % len(RUNAWAYS)]
        position = (k + 1) * len(mixed) // (runaways + 1)
        mixed.insert(position, (what, query, accept))
    return mixed


def measure(
    registry: Path,
    *,
    clients: int = 20,
    queries: int = 800,
    runaways: int = 4,
    timeout: float = 5.0,
    workers: int = 2,
    max_seconds: float = 300.0,
    claims: int | None = None,
) -> dict:
    """Both phases on ``registry``; the figures, the settings and whether the endpoint held."""
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else math.nan
    server = Server(registry, timeout=timeout, workers=workers)
    try:
        client_timeout = 2 * timeout + 60  # longer than any wait the server allows itself
        jobs = ordinary_jobs(server.port, queries)
        clean = run_phase(server.port, jobs, clients, max_seconds, client_timeout)
        mixed = run_phase(server.port, with_runaways(jobs, runaways), clients, max_seconds, client_timeout)
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=client_timeout)
        after = request(conn, "ASK { ?s ?p ?o }", "application/sparql-results+json")[0]
        conn.close()
    finally:
        server.stop()
    named = all(r["status"] == 503 and r["limit_named"] for r in mixed["runaways"])
    held = (
        clean["ordinary_ok"] == clean["ordinary"] == queries
        and mixed["ordinary_ok"] == mixed["ordinary"] == queries
        and len(mixed["runaways"]) == runaways
        and named
        and after == 200
    )
    return {
        "registry": str(registry) if claims is None else f"synthetic, {claims:,} claims",
        "claims": claims,
        "clients": clients,
        "queries": queries,
        "runaways": runaways,
        "timeout": timeout,
        "workers": workers,
        "max_seconds": max_seconds,
        "server_env": SERVER_ENV,
        "ordinary_only": clean,
        "with_runaways": mixed,
        "answered_after": after,
        "held": held,
        "cores": os.cpu_count(),
        "load_average_before": round(load_before, 2),
    }


def _ms(seconds: float) -> str:
    if seconds is None or (isinstance(seconds, float) and math.isnan(seconds)):
        return "–"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def render(data: dict) -> list[str]:
    """The results section (Markdown lines) for ``benchmarks/results.md``."""
    env = ", ".join(f"`{k}={v}`" for k, v in data["server_env"].items())
    lines = [
        "## The endpoint under load",
        "",
        f"`python benchmarks/serve_load.py` (also run by `benchmarks/run.py`): `claimgraph serve` on "
        f"127.0.0.1 ({data['registry']}; `--workers {data['workers']} --timeout {data['timeout']:g}`, {env}), "
        f"{data['clients']} concurrent clients with keep-alive connections sending {data['queries']} queries "
        "(the saved queries and small lookups, each in turn in every format of its query form), once alone and once "
        f"with {data['runaways']} runaway queries mixed in at even intervals; each phase stops after "
        f"{data['max_seconds']:g} s. Throughput counts ordinary answers per second of the phase's wall time; "
        "latencies are those of ordinary queries (nearest rank), from request sent to body read. The clients "
        f"run on the same {data.get('cores', '?')} cores as the server; the machine's load average was "
        f"{data.get('load_average_before', math.nan):.1f} when the test started (other work on the machine "
        "slows every figure).",
        "",
        "| phase | ordinary queries answered | throughput | p50 | p95 | p99 | max | wall time |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, key in (("ordinary only", "ordinary_only"), (f"with {data['runaways']} runaways", "with_runaways")):
        phase = data[key]
        lat = phase["latency_seconds"]
        lines.append(
            f"| {label} | {phase['ordinary_ok']} / {phase['ordinary']} | "
            f"{phase['throughput_per_second']:.1f} /s | {_ms(lat['p50'])} | {_ms(lat['p95'])} | "
            f"{_ms(lat['p99'])} | {_ms(lat['max'])} | {phase['wall_seconds']:.1f} s |"
        )
    lines += ["", "| runaway query | limit named | answer | after |", "|---|---|---|---:|"]
    for r in data["with_runaways"]["runaways"]:
        answer = r["answer"].replace("|", "\\|")
        answer = answer if len(answer) <= 110 else answer[:107] + "…"
        lines.append(
            f"| {r['query']} | {r['limit_named'] or 'none'} | {r['status']} `{answer}` | {_ms(r['seconds'])} |"
        )
    failures = data["ordinary_only"]["ordinary_failures"] + data["with_runaways"]["ordinary_failures"]
    verdict = (
        "Every ordinary query succeeded, every runaway got 503 naming the limit that stopped it, and the endpoint "
        "answered after the run (its stopped workers replaced)."
        if data["held"]
        else f"**The endpoint did not hold**: {len(failures)} ordinary failure(s) shown in the raw results; "
        f"answer after the run: {data['answered_after']}."
    )
    lines += ["", verdict]
    return lines


def update_results(path: Path, data: dict) -> None:
    """Put ``data`` into a results file of ``benchmarks/run.py`` and render it again."""
    sys.path.insert(0, str(HERE))
    import run as harness

    raw = harness.recorded(path)
    raw["serve"] = data
    path.write_text(
        harness.report(
            raw["results"], raw["machine"], raw["baseline_timeout"], raw["repeat"], raw["bundled"], serve=data
        ),
        encoding="utf-8",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--registry", type=Path, help="a registry folder (default: a synthetic one, --claims)")
    where.add_argument("--claims", type=int, default=1000, help="claims in the synthetic registry (default 1000)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--queries", type=int, default=800, help="ordinary queries per phase (default 800)")
    parser.add_argument("--runaways", type=int, default=4, help="runaway queries in the second phase (default 4)")
    parser.add_argument("--timeout", type=float, default=5.0, help="the server's --timeout (default 5)")
    parser.add_argument("--workers", type=int, default=2, help="the server's --workers (default 2)")
    parser.add_argument("--max-seconds", type=float, default=300.0, help="longest a phase runs (default 300)")
    parser.add_argument("--json", type=Path, help="write the figures as JSON here")
    parser.add_argument(
        "--update", type=Path, metavar="RESULTS", help="put the figures into this results file of benchmarks/run.py"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimgraph-serve-load-") as tmp:
        if args.registry is None:
            sys.path.insert(0, str(HERE))
            from synthetic import generate

            registry, claims = generate(args.claims, Path(tmp) / "registry"), args.claims
        else:
            registry, claims = args.registry, None
        try:
            data = measure(
                registry,
                clients=args.clients,
                queries=args.queries,
                runaways=args.runaways,
                timeout=args.timeout,
                workers=args.workers,
                max_seconds=args.max_seconds,
                claims=claims,
            )
        except RuntimeError as exc:
            print(f"serve_load: {exc}", file=sys.stderr)
            return 2
    if args.json:
        args.json.write_text(json.dumps(data, indent=1), encoding="utf-8")
    if args.update:
        update_results(args.update, data)
        print(f"serve_load: updated {args.update}", file=sys.stderr)
    print("\n".join(render(data)))
    return 0 if data["held"] else 1


if __name__ == "__main__":
    sys.exit(main())
