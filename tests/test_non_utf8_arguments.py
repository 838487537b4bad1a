"""Bytes that are not UTF-8 in an argument (a Latin-1 terminal) or in a path: a message naming the argument, exit 2,
nothing written; a registry or an --out whose path is not UTF-8 is still a path, and builds."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .conftest import run_cli, run_process

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ml-training-energy"
#: b"\xff" as Python reads it from the command line or a file name (PEP 383)
FF = os.fsdecode(b"\xff")


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    "args",
    [
        [
            "new",
            "source",
            "--key",
            "Q1",
            "--author",
            f"D{FF}e, J",
            "--title",
            "T",
            "--year",
            "2020",
            "--url",
            "https://x.org",
        ],
        ["new", "claim", "--id", "q1", "--statement", f"bad {FF}", "--cites", "Patterson2021"],
        ["check", "--path-prefix", FF, "--format", "sarif"],
    ],
    ids=["new-source", "new-claim", "check-path-prefix"],
)
def test_text_that_is_not_utf8_is_refused_naming_it(tmp_path, args):
    registry = shutil.copytree(EXAMPLE, tmp_path / "registry")
    before = _files(registry)
    result = (
        run_cli(*args[:2], "-r", str(registry), *args[2:])
        if args[0] == "new"
        else run_cli(args[0], "-r", str(registry), *args[1:])
    )
    assert result.code == 2
    assert "\\xff" in result.err and "not UTF-8 text" in result.err
    assert "Traceback" not in result.err
    assert _files(registry) == before


def test_init_with_a_name_that_is_not_utf8_makes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("init", f"bad{FF}name")
    assert result.code == 2 and "bad\\xffname: not UTF-8 text" in result.err
    assert list(tmp_path.iterdir()) == []


def test_a_registry_and_a_site_whose_paths_are_not_utf8_build(tmp_path):
    registry = shutil.copytree(EXAMPLE, tmp_path / f"registry{FF}")
    out = tmp_path / f"site{FF}"
    result = run_cli("build", "-r", str(registry), "--out", str(out))
    assert result.code == 0, result.err
    assert (out / "index.html").is_file() and "site\\xff" in result.err
    listed = run_process("list", "claims", "-r", str(registry))  # real streams, as a terminal has them
    assert listed.code == 0 and "Traceback" not in listed.err
