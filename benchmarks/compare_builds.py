"""Build the same registries with two checkouts of claimgraph and compare the sites file for file.

``python benchmarks/compare_builds.py OTHER_SRC REGISTRY...`` builds every registry twice, once with this
checkout and once with the ``src`` folder of another (main's, say: ``/work/main/src``), each in a
process of its own, and compares the two output trees byte for byte (``diff -r``). A change meant to
make the build faster must leave every file as it was. Exit status 1 if any file differs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "src"


def build(src: Path, registry: Path, out: Path, cache: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(src), CLAIMGRAPH_CACHE_DIR=str(cache))
    for command in (["check"], ["build", "--out", str(out)]):
        subprocess.run(
            [sys.executable, "-m", "claimgraph", *command],
            cwd=registry,
            env=env,
            check=command[0] == "build",
            stdout=subprocess.DEVNULL,  # the findings of check: only the comparison is wanted here
        )


def main(argv: list[str]) -> int:
    other, registries = Path(argv[0]).resolve(), [Path(r).resolve() for r in argv[1:]]
    status = 0
    with tempfile.TemporaryDirectory(prefix="compare-builds-") as scratch:
        for n, registry in enumerate(registries):
            sites = []
            for name, src in (("this", HERE), ("other", other)):
                out = Path(scratch) / f"{n}-{name}"
                build(src, registry, out, Path(scratch) / f"cache-{name}")
                sites.append(out)
            diff = subprocess.run(["diff", "-r", "-q", *map(str, sites)], capture_output=True, text=True)
            print(f"{registry}: {'same' if diff.returncode == 0 else 'DIFFERENT'}")
            if diff.returncode:
                print(diff.stdout[:4000])
                status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
