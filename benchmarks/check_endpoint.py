"""``claimgraph check --endpoint`` on a published synthetic registry, timed once against a local ``check``.

    python benchmarks/check_endpoint.py                       # 50,000 claims; writes a section of results.md
    python benchmarks/check_endpoint.py --claims 2000 --out /tmp/results.md

A synthetic registry (benchmarks/synthetic.py) is published with ``claimgraph publish`` to a throw-away
Virtuoso on 127.0.0.1 (tests/virtuoso_store.py; Debian's ``virtuoso-opensource``, `make virtuoso`),
started with a result-size limit above the largest answer, buffers sized for the data, and its
unauthenticated Graph Store endpoint open to updates (see ``running_virtuoso``), then checked three ways, each in a process
of its own: locally (``check --no-cache``), on the endpoint with the registry's files at hand
(``--registry``: file and line), and on the endpoint alone (subject IRIs). The findings of the families
the remote check runs are compared with the local ones (code, subject, severity). Loopback only.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(PROJECT))

from synthetic import generate  # noqa: E402
from tests.virtuoso_store import running_virtuoso  # noqa: E402

CLAIMGRAPH = str(Path(sys.executable).with_name("claimgraph"))
#: Virtuoso's NumberOfBuffers for this run (about 1.3 GiB): see the note the section ends with
BUFFERS = 170_000
BEGIN, END = "<!-- section:check-endpoint -->", "<!-- /section:check-endpoint -->"


def server_cpu_seconds() -> float | None:
    """CPU seconds (user + system) the Virtuoso started by this process has used so far; None where
    /proc cannot tell. The machine is often shared: the store's CPU time is the steady figure."""
    clock = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    try:
        for stat in Path("/proc").glob("[0-9]*/stat"):
            text = stat.read_text()
            fields = text.rsplit(")", 1)[1].split()  # after the command's name: state, ppid, …
            if "(virtuoso-t)" in text and int(fields[1]) == os.getpid():
                return (int(fields[11]) + int(fields[12])) / clock  # utime, stime
    except (OSError, ValueError, IndexError):
        return None
    return None


def timed(args: list[str], env: dict) -> tuple[float, dict, str, tuple[float, float | None]]:
    """Seconds, JSON report, stderr of ``claimgraph ARGS`` in a fresh process, and the CPU seconds it
    cost: its own (children included) and the store's (None when it cannot be read)."""
    before = server_cpu_seconds()
    children = os.times()
    start = time.perf_counter()
    done = subprocess.run([CLAIMGRAPH, *args], capture_output=True, text=True, env=env, timeout=7200)
    seconds = time.perf_counter() - start
    after, ended = server_cpu_seconds(), os.times()
    if done.returncode not in (0, 1):
        raise SystemExit(f"claimgraph {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    own = (ended.children_user - children.children_user) + (ended.children_system - children.children_system)
    store = None if before is None or after is None else after - before
    return seconds, json.loads(done.stdout), done.stderr, (own, store)


def cpu_cell(cpu: tuple[float, float | None], *, store: bool = True) -> str:
    """ "4.2 (0.6 + 3.6)": the CPU seconds of claimgraph and of the store, then each; claimgraph's
    alone for a local check (the store idles meanwhile)."""
    own, server = cpu
    if not store:
        return f"{own:.1f}"
    return "–" if server is None else f"{own + server:.1f} ({own:.1f} + {server:.1f})"


def same_families_locally(root: Path) -> list:
    """A local check's findings in the families a remote check runs (SHACL and REMOTE_FAMILIES)."""
    from importlib import import_module

    from claimgraph.checks import shacl
    from claimgraph.registry import load
    from claimgraph.remote_check import REMOTE_FAMILIES

    registry = load(root, normalise=False)
    found = list(shacl.validate(registry))
    for name in REMOTE_FAMILIES:
        found.extend(import_module(f"claimgraph.checks.{name}").check(registry))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=50000)
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    args = parser.parse_args()

    from claimgraph.publish import graph_payloads
    from claimgraph.registry import load
    from claimgraph.remote_check import REMOTE_FAMILIES

    env = {**os.environ, "CLAIMGRAPH_SHACL_TIMEOUT": "3600", "CLAIMGRAPH_PASSWORD": "dba", "NO_COLOR": "1"}
    with tempfile.TemporaryDirectory(prefix="claimgraph-check-endpoint-") as scratch:
        scratch = Path(scratch)
        root = generate(args.claims, scratch / "registry")
        registry = load(root, normalise=False)
        triples = sum(count for _g, _b, count in graph_payloads(registry))
        base = registry.settings.base
        graphs = [base + "graph/claims", base + "graph/sources"]
        del registry
        (scratch / "db").mkdir()
        with running_virtuoso(
            scratch / "db", max_rows=10_000_000, max_seconds=3600, max_memory="2000M", buffers=BUFFERS, open_update=True
        ) as virtuoso:
            start = time.perf_counter()
            published = subprocess.run(
                [
                    CLAIMGRAPH,
                    "publish",
                    "--registry",
                    str(root),
                    "--allow-errors",
                    "--endpoint",
                    f"{virtuoso}/sparql-graph-crud",
                    "--timeout",
                    "3600",
                ],
                capture_output=True,
                text=True,
                env=env,
                timeout=7200,
            )
            if published.returncode:
                raise SystemExit(f"publish failed:\n{published.stderr[-3000:]}")
            load_seconds = time.perf_counter() - start
            local_s, local, _, local_cpu = timed(
                ["check", "--registry", str(root), "--no-cache", "--format", "json"], env
            )
            remote_args = ["check", "--endpoint", f"{virtuoso}/sparql", "--format", "json", "--timeout", "3600"] + [
                a for g in graphs for a in ("--graph", g)
            ]
            files_s, with_files, _, files_cpu = timed(remote_args + ["--registry", str(root)], env)
            iri_s, by_iri, _, iri_cpu = timed(remote_args, env)
        expected = same_families_locally(root)

    def keys(findings) -> set:
        return {(f["code"], f["subject"], f["severity"]) for f in findings}

    remote_codes = keys(with_files["findings"])
    local_same_families = keys(f.as_dict() for f in expected)
    same = remote_codes == local_same_families and keys(by_iri["findings"]) == local_same_families

    cores = os.cpu_count()
    lines = [
        BEGIN,
        "## Checks where the data lives: `check --endpoint` on Virtuoso",
        "",
        f"`python benchmarks/check_endpoint.py --claims {args.claims}`: a synthetic registry of {args.claims:,} claims "
        f"({triples:,} triples in the claims and sources graphs) published with `claimgraph publish` to Debian's "
        "Virtuoso on 127.0.0.1, then checked once each way, each a whole process "
        f"(Python {platform.python_version()}, {cores} cores shared with other work; one run, not a median). "
        "CPU time: user and system, of claimgraph with its children, and of the Virtuoso process meanwhile.",
        "",
        "| what | seconds | CPU seconds (claimgraph + Virtuoso) | findings |",
        "|---|---:|---:|---:|",
        f"| `publish` (one PUT per graph) | {load_seconds:.1f} | | |",
        f"| local `check --no-cache` (every family) | {local_s:.1f} | {cpu_cell(local_cpu, store=False)} | "
        f"{len(local['findings']):,} |",
        f"| `check --endpoint … --registry DIR` (file:line) | {files_s:.1f} | {cpu_cell(files_cpu)} | "
        f"{len(with_files['findings']):,} |",
        f"| `check --endpoint …` (subject IRIs) | {iri_s:.1f} | {cpu_cell(iri_cpu)} | {len(by_iri['findings']):,} |",
        "",
        f"Families run on the endpoint: compiled SHACL and {', '.join(REMOTE_FAMILIES)}; their findings "
        + (
            "are the same as the local check's (code, subject, severity)."
            if same
            else f"DIFFER from the local check's: {len(remote_codes ^ local_same_families)} differences."
        ),
        "Not run there (listed by the command): " + "; ".join(with_files.get("not_run", [])) + ".",
        "",
        f"Virtuoso ran with NumberOfBuffers {BUFFERS:,} (8 KiB pages). With the 10,000 the tests use, the PUT of "
        "the 50,000-claim graph had not come back after 8 minutes in one attempt here (the server idle, its log "
        'saying "Locks are held for a long time"); a store for a registry this size needs its buffers sized '
        "for it.",
        END,
    ]
    text = "\n".join(lines) + "\n"
    old = args.out.read_text(encoding="utf-8") if args.out.is_file() else ""
    if BEGIN in old and END in old:
        new = old.split(BEGIN, 1)[0] + text + old.split(END, 1)[1].lstrip("\n")
    else:
        new = old.rstrip("\n") + ("\n\n" if old else "") + text
    args.out.write_text(new, encoding="utf-8")
    print(text)
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
