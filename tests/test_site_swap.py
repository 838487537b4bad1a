"""The site swap (issue 24): nothing persistent beside --out, and a kill at any moment leaves a whole site there."""

from __future__ import annotations

import random
import subprocess
import sys
import time

from claimgraph.site.build import MARKER, _recover, _swap

_SWAPPER = r"""
import sys, tempfile
from pathlib import Path
from claimgraph.site.build import MARKER, _swap
out = Path(sys.argv[1])
print("ready", flush=True)
number = 0
while True:
    new = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
    (new / "index.html").write_text(str(number))
    (new / MARKER).write_text("built by claimgraph build\n")
    _swap(new, out)
    number += 1
"""


def _site(folder, text: str):
    folder.mkdir()
    (folder / "index.html").write_text(text)
    (folder / MARKER).write_text("built by claimgraph build\n")
    return folder


def test_a_kill_during_the_swap_still_leaves_a_site_at_out(tmp_path):
    out = _site(tmp_path / "site", "first")
    rng = random.Random(24)
    for _ in range(8):
        proc = subprocess.Popen([sys.executable, "-c", _SWAPPER, str(out)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.05))
        proc.kill()
        proc.wait()
        proc.stdout.close()
        assert (out / "index.html").is_file() and (out / MARKER).is_file()
    _recover(out)  # what the killed processes left beside the site is theirs, and they are gone...
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "site"]
    assert all(name.startswith(".site.build-") for name in leftovers)  # ...but a work folder is kept an hour


def test_swap_replaces_the_site_and_removes_the_old_one(tmp_path):
    out = _site(tmp_path / "site", "old")
    new = _site(tmp_path / ".site.build-x", "new")
    _swap(new, out)
    assert (out / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_site_left_aside_by_a_killed_fallback_swap_is_put_back(tmp_path):
    """Where the folders cannot be exchanged, the old site is renamed aside first: a kill then leaves it there."""
    aside = _site(tmp_path / ".site.old-4194305-1", "previous")  # beyond Linux's largest pid: its owner is gone
    out = tmp_path / "site"
    _recover(out)
    assert (out / "index.html").read_text() == "previous" and not aside.exists()
