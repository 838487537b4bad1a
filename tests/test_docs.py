"""The docs say what the code does: the findings table, every command's --help."""

from __future__ import annotations

import re

from claimgraph.finding_docs import BEGIN, END, shape_codes, table
from claimgraph.findings import CODES

from .conftest import PROJECT, run_cli


def test_findings_table_is_up_to_date():
    text = (PROJECT / "docs" / "findings.md").read_text()
    committed = text.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    assert committed == table(), "run `python -m claimgraph.finding_docs` and commit docs/findings.md"


def test_every_code_has_one_row_and_shapes_carry_codes_and_messages():
    text = (PROJECT / "docs" / "findings.md").read_text()
    documented = re.findall(r'<a id="(cg\d+)"></a>', text)
    assert len(documented) == len(set(documented))
    assert {c.lower() for c in CODES} | {c.lower() for c in shape_codes()} == set(documented)
    for code, (_severity, message) in shape_codes().items():
        assert message, f"shape {code} has no sh:message"


def test_every_command_has_help():
    from claimgraph.cli import build_parser

    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # argparse keeps them here
    assert "check" in commands
    for name in commands:
        result = run_cli(name, "--help")
        assert result.code == 0 and f"claimgraph {name}" in result.out
