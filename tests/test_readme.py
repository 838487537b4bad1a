"""The README's commands run, and the output it shows is the output they give."""

from __future__ import annotations

import re
import shlex

import pytest

from .conftest import PROJECT, run_cli

README = (PROJECT / "README.md").read_text(encoding="utf-8")
SECTIONS = ("## A short tour", "## Querying")


def _commands() -> list[str]:
    out = []
    for heading in SECTIONS:
        section = README.split(heading, 1)[1].split("\n## ", 1)[0]
        for block in re.findall(r"```sh\n(.*?)```", section, re.S):
            for line in block.splitlines():
                line = line.split("  #", 1)[0].strip()
                if line.startswith("claimgraph ") and not line.startswith("claimgraph serve"):
                    out.append(line)
    return out


COMMANDS = _commands()


def test_readme_shows_the_two_commands_near_the_top():
    top = README[:1200]
    assert "make site" in top and "make test" in top
    assert "make test" in (PROJECT / ".ci" / "run").read_text()


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs(command, monkeypatch):
    monkeypatch.chdir(PROJECT)
    argv = shlex.split(command.split(" > ", 1)[0])[1:]
    result = run_cli(*argv)
    assert result.code in (0, 1), result.err
    assert "Traceback" not in result.err
    assert result.out.strip(), f"{command} printed nothing"


def test_readme_example_output_is_real(monkeypatch):
    monkeypatch.chdir(PROJECT)
    shown = README.split("The last command shows what a finding looks like:", 1)[1].split("```", 2)[1]
    actual = run_cli("check", "--registry", "tests/fixtures/invalid/unknown-key").out
    # the whole output, as a reader would see it: its subject line and the summary were once left out
    assert shown.strip() == actual.strip()
