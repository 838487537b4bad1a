"""The bibliography as biber and biblatex read it (Debian's biber, installed by ``make biber``): the data
model check is clean, and claimgraph's own marker of unidentified works survives a biber round trip."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from claimgraph.loading.bibtex import strip_braces
from claimgraph.loading.sources import UNIDENTIFIED_KEYWORD, is_identified
from claimgraph.registry import load

from .conftest import PROJECT

pytestmark = pytest.mark.skipif(
    shutil.which("biber") is None and not os.environ.get("CI"),
    reason="biber is installed by `make biber` (a dependency of `make test`)",
)

#: Warnings on entries whose missing author or date is a recorded fact (the entry's note says what was seen).
RECORDED_INCOMPLETE = {"LuccioniSpace"}


def _biber(bib: Path, tmp_path: Path) -> tuple[list[str], str]:
    out = tmp_path / f"{bib.stem}.out.bib"
    # biber writes its log beside its input unless told otherwise: never into the registry's bib/
    log = tmp_path / f"{bib.stem}.blg"
    result = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", f"--output-file={out}", f"--logfile={log}", str(bib)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = [line for line in result.stdout.splitlines() if " WARN - " in line or " ERROR - " in line]
    return warnings, out.read_text(encoding="utf-8")


@pytest.mark.parametrize("bib", sorted((PROJECT / "bib").glob("*.bib")), ids=lambda p: p.name)
def test_biber_validates_the_data_model(bib, tmp_path):
    warnings, _ = _biber(bib, tmp_path)
    unexpected = []
    for line in warnings:
        match = re.search(r"Entry '([^']+)'", line)
        key = match.group(1) if match else None
        if key in RECORDED_INCOMPLETE and "Missing mandatory field" in line:
            continue
        unexpected.append(line)
    assert not unexpected, "\n".join(unexpected)


def test_unidentified_works_stay_unidentified_after_a_biber_round_trip(tmp_path):
    """The bug: biber dropped ``identified = {false}``, and 7 'could not be identified' findings turned into
    'no persistent identifier'. The marker is now a keyword, which biber keeps."""
    registry = load(PROJECT)
    unidentified = {
        key
        for key, entry in registry.sources.items()
        if not is_identified({k: strip_braces(v) for k, v in entry.fields.items()})
    }
    assert len(unidentified) >= 7
    _, text = _biber(PROJECT / "bib" / "references.bib", tmp_path)
    for key in unidentified & set(re.findall(r"@\w+\{([^,]+),", text)):
        entry = text.split(f"{{{key},", 1)[1].split("\n}", 1)[0]
        assert UNIDENTIFIED_KEYWORD in entry, key


def test_the_older_spelling_is_still_read():
    assert not is_identified({"identified": "false"})
    assert not is_identified({"keywords": "energy, claimgraph:unidentified"})
    assert is_identified({"keywords": "energy"})
