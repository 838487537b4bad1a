"""Registries made as a user makes them, for the tests of what new users' trials found: ``claimgraph init``, one
source by ``new source``, claims by ``new claim``, findings read from ``check --format json``."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from claimgraph.checks import run_checks
from claimgraph.registry import load
from claimgraph.site import build_site

from .conftest import run_cli


def new_registry(tmp_path: Path, languages: tuple[str, ...] = ("en", "fr")) -> Path:
    """A registry as a user starts one: ``init``, one source (Doe2021), the languages set in claimgraph.toml."""
    root = tmp_path / "r"
    made = run_cli("init", str(root))
    assert made.code == 0, made.err
    source = run_cli(
        "new", "source", "--registry", str(root), "--key", "Doe2021", "--author", "Doe, Jane", "--title", "T",
        "--year", "2021", "--doi", "10.1234/abc",
    )  # fmt: skip
    assert source.code == 0, source.err
    settings = root / "claimgraph.toml"
    text = settings.read_text(encoding="utf-8")
    wanted = "languages = [" + ", ".join(f'"{language}"' for language in languages) + "]"
    assert 'languages = ["en"]' in text
    settings.write_text(text.replace('languages = ["en"]', wanted), encoding="utf-8")
    return root


def new_claim(root: Path, claim_id: str, *args: str, measurand: str | None = None, kind: str = "Energy"):
    """``new claim`` citing Doe2021, about a measurand of its own (by default) of quantity kind ``kind``."""
    return run_cli(
        "new", "claim", "--registry", str(root), "--id", claim_id, "--cites", "Doe2021",
        "--measurand", measurand or claim_id, "--quantity-kind", kind, "--about", "s", *args,
    )  # fmt: skip


def findings(root: Path, *codes: str) -> list[dict]:
    """The findings of ``check`` (every level, no cache), those of ``codes`` only when given."""
    result = run_cli("check", "--registry", str(root), "--format", "json", "--no-cache", "--min-level", "info")
    assert result.code in (0, 1), result.err
    return [f for f in json.loads(result.out)["findings"] if not codes or f["code"] in codes]


def number_findings(root: Path) -> list[tuple[str, str]]:
    """(code, message) of the findings about numbers read in text and figures in conflict."""
    return [(f["code"], f["message"]) for f in findings(root, "CG320", "CG321", "CG322", "CG340")]


def add_claim(
    root: Path,
    claim_id: str,
    statement: str,
    value: str,
    unit: str,
    *,
    quote: str | None = None,
    locator: str = "p. 1",
    translation: tuple[str, str] | None = None,
    kind: str = "Energy",
    more: tuple[str, ...] = (),
) -> None:
    """:func:`new_claim` of a figure: its statement (and a ``(language, text)`` translation), its quote at
    ``locator``, its value and unit, and ``more`` options; it must be added."""
    args = ["--statement", statement, *(("--translation", *translation) if translation else ())]
    if quote is not None:
        args += ["--quote", quote, "--locator", locator]
    added = new_claim(root, claim_id, *args, "--value", value, "--unit", unit, *more, kind=kind)
    assert added.code == 0, added.err


def quoted_claim(root: Path, claim_id: str, quote: str, value: str, unit: str, kind: str) -> None:
    """:func:`new_claim` of a figure whose only evidence is its quote ("See the quote." as its statement, p. 1): a
    value, or a range given as "LOW HIGH"; it must be added."""
    values = ("--range", *value.split()) if " " in value else ("--value", value)
    added = new_claim(
        root, claim_id, "--statement", "See the quote.", "--quote", quote, "--locator", "p. 1", *values,
        "--unit", unit, kind=kind,
    )  # fmt: skip
    assert added.code == 0, added.err


def quotes_not_stating(root: Path, claims: list) -> set[str]:
    """Add the :func:`quoted_claim` of each row ``(claim_id, quote, value, unit, kind, …)``; the ids of the claims
    whose quote does not state their value (CG320)."""
    for claim_id, quote, value, unit, kind, *_ in claims:
        quoted_claim(root, claim_id, quote, value, unit, kind)
    return {f["subject"].rsplit("/", 1)[-1] for f in findings(root, "CG320")}


def site_page(site: Path, path: str) -> str:
    """The HTML of the page at ``path`` of the built site ``site``."""
    return (site / path).read_text(encoding="utf-8")


def page_words(markup: str) -> str:
    """What a reader sees of ``markup``: its text, tags out, entities read, white space collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def site_words(site: Path, path: str) -> str:
    """What a reader sees of the page at ``path`` of the built site ``site`` (:func:`page_words`)."""
    return page_words(site_page(site, path))


def add_turtle(root: Path, turtle: str) -> None:
    """Append hand-written Turtle to the registry's claims/claims.ttl (what no command writes), on lines of its own."""
    with (root / "claims" / "claims.ttl").open("a", encoding="utf-8") as handle:
        handle.write("\n" + turtle + "\n")


def add_paged_copy(root: Path, pages: str, field: str = "../sources/Doe2021.txt") -> None:
    """Give Doe2021 a plain-text copy whose ``pages`` are split by form feeds, named by ``field`` of its entry."""
    (root / "sources").mkdir(exist_ok=True)
    (root / "sources" / "Doe2021.txt").write_text(pages, encoding="utf-8")
    bib = root / "bib" / "references.bib"
    bib.write_text(
        bib.read_text().replace("doi    = {10.1234/abc},", f"doi    = {{10.1234/abc}},\n  file   = {{{field}}},")
    )


def checked_site(root: Path, out: Path) -> Path:
    """The site of ``root`` built into ``out`` with the findings ``check`` gives it."""
    registry = load(root)
    build_site(registry, out, findings=run_checks(registry))
    return out


def figure(value: float, unit: str):
    """A claim's value of ``value`` in the QUDT unit ``unit`` (a local name), written as Python writes the float, for
    the number reader's ``states``."""
    from claimgraph.quantities import UNIT_NS, Quantity

    return Quantity(unit=UNIT_NS + unit, value=float(value), lexical=repr(float(value)))


def units_read(text: str, languages: tuple[str, ...]) -> list[tuple[float, str | None]]:
    """(value, unit) of every number the reader reads in ``text`` (its alternatives left out), the unit as a QUDT
    local name, "not read", or None for a bare number."""
    from claimgraph.numbers_in_text import UNIT_NOT_READ, read_numbers

    found = []
    for number in read_numbers(text, languages).numbers:
        if number.alternative:
            continue
        unit = "not read" if number.unit == UNIT_NOT_READ else number.unit and number.unit.rsplit("/", 1)[-1]
        found.append((number.value, unit))
    return found
