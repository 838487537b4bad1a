"""claimgraph's quote location side by side with linkml-reference-validator, on the same quotes and texts.

    python benchmarks/source_quotes.py                                   # writes a section of results.md
    python benchmarks/source_quotes.py --lrv-python /path/to/venv/bin/python --out /tmp/results.md

linkml-reference-validator (PyPI) checks a quote ("supporting text") against the text of a reference;
its ``file:`` references read local text, Markdown and HTML files, so both tools can be given the same
texts with no network. It is not a dependency of claimgraph: it is run with the Python given by
``--lrv-python`` (a virtual environment it is installed in) or, failing that, the current one; when it
cannot be imported, the section says so. Each case is a text file and a quote; the table says what each
tool reports, and the timing row how long each takes per quote on a long text (median of --repeat runs).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BEGIN, END = "<!-- section:source-quotes -->", "<!-- /section:source-quotes -->"

#: (name, what it tests, the source's pages, the quote, its locator's printed page or None)
CASES = [
    (
        "exact",
        "the quote word for word",
        ["Table 2. Training model X consumed 1,287 MWh of electricity."],
        "Training model X consumed 1,287 MWh of electricity.",
        None,
    ),
    (
        "case-and-spaces",
        "other case, line breaks",
        ["TRAINING model X\n  consumed 1,287 MWh\nof electricity."],
        "Training model X consumed 1,287 MWh of electricity.",
        None,
    ),
    (
        "ligature",
        "an 'ﬁ' ligature in the text",
        ["The ﬁrst model was the most efﬁcient one."],
        "The first model was the most efficient one.",
        None,
    ),
    (
        "line-end-hyphen",
        "a word hyphenated at a line end",
        ["Training model X con-\nsumed 1,287 MWh."],
        "Training model X consumed 1,287 MWh.",
        None,
    ),
    (
        "curly-quotes-dashes",
        "typographic quotes and an en dash",
        ["It is \u201cfrugal\u201d \u2013 or so they say."],
        'It is "frugal" - or so they say.',
        None,
    ),
    (
        "ellipsis-unicode",
        "an ellipsis written …",
        ["Training model X consumed 1,287 MWh of electricity."],
        "Training model X consumed \u2026 of electricity.",
        None,
    ),
    (
        "ellipsis-ascii",
        "an ellipsis written ...",
        ["Training model X consumed 1,287 MWh of electricity."],
        "Training model X consumed ... of electricity.",
        None,
    ),
    (
        "insertion-letter",
        "[T]he: a letter changed",
        ["the model consumed 1,287 MWh of electricity."],
        "[T]he model consumed 1,287 MWh of electricity.",
        None,
    ),
    (
        "insertion-words",
        "[words] replacing the source's",
        ["It consumed 1,287 MWh of electricity."],
        "[Model X] consumed 1,287 MWh of electricity.",
        None,
    ),
    (
        "html-markup",
        "an HTML copy with inline markup",
        ["<html><body><p>Training model X consumed <em>1,287&nbsp;MWh</em> of electricity.</p></body></html>"],
        "Training model X consumed 1,287 MWh of electricity.",
        None,
    ),
    (
        "ocr-error",
        "an OCR slip in the text (rn for m)",
        ["Training rnodel X consurned 1,287 MWh of electricity."],
        "Training model X consumed 1,287 MWh of electricity.",
        None,
    ),
    (
        "retyped-number",
        "the quote's number differs from the source's",
        ["Training model X consumed 1,278 MWh of electricity."],
        "Training model X consumed 1,287 MWh of electricity.",
        None,
    ),
    (
        "absent",
        "words the source does not hold",
        ["Cooling uses water; nothing else is measured here."],
        "Training model X consumed 1,287 MWh of electricity.",
        None,
    ),
    (
        "wrong-page",
        "on p. 3, the locator says p. 2",
        ["Page one.", "Page two.", "Training model X consumed 1,287 MWh of electricity."],
        "Training model X consumed 1,287 MWh of electricity.",
        "2",
    ),
]


def write_cases(folder: Path) -> list[dict]:
    out = []
    for name, what, pages, quote, page in CASES:
        suffix = ".html" if pages[0].startswith("<html") else ".txt"
        path = folder / f"{name}{suffix}"
        path.write_text("\f".join(pages), encoding="utf-8")
        out.append({"name": name, "what": what, "file": path.name, "quote": quote, "page": page})
    return out


def claimgraph_results(folder: Path, cases: list[dict]) -> dict[str, str]:
    from claimgraph.sources.locate import locate, locator_pages, page_numbering, pages_named, prepare
    from claimgraph.sources.texts import extract_bytes
    from claimgraph.numbers_in_text import states as quote_states
    from claimgraph.quantities import Quantity

    claimed = Quantity(unit="http://qudt.org/vocab/unit/MegaW-HR", value=1287.0, lexical="1287")
    out = {}
    for case in cases:
        media = "text/html" if case["file"].endswith(".html") else "text/plain"
        text = extract_bytes((folder / case["file"]).read_bytes(), media)
        numbering = page_numbering(text, None)
        wanted = pages_named(numbering, locator_pages(f"p. {case['page']}")) if case["page"] else set()
        match = locate(prepare(text), case["quote"], wanted or None)
        if match is None or not match.found:
            out[case["name"]] = f"not found (closest passage scores {match.score:g})" if match else "not found"
            continue
        said = "found" if match.exact else f"found approximately ({match.score:g})"
        if case["page"] and not set(range(match.start_page, match.end_page + 1)) & wanted:
            said += f", on p. {numbering.labels[match.start_page]}, not p. {case['page']} (CG383)"
        if quote_states(claimed, case["quote"]) and not quote_states(claimed, match.passage):
            said += ", value not in the passage (CG385)"
        out[case["name"]] = said
    return out


LRV_SCRIPT = r"""
import json, sys, time
from linkml_reference_validator.models import ReferenceValidationConfig
from linkml_reference_validator.validation.supporting_text_validator import SupportingTextValidator
import linkml_reference_validator
folder, cases, long_file, long_quote, repeat = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
config = ReferenceValidationConfig(reference_base_dir=folder, cache_dir=folder + "/lrv-cache")
validator = SupportingTextValidator(config)
out = {}
for case in cases:
    result = validator.validate(case["quote"], "file:" + case["file"])
    out[case["name"]] = ("found" if result.is_valid else "not found") + ": " + result.message
cold, warm = [], []
for n in range(repeat):
    fresh = SupportingTextValidator(ReferenceValidationConfig(reference_base_dir=folder,
                                                              cache_dir=f"{folder}/lrv-cache-{n}"))
    start = time.perf_counter()
    fresh.validate(long_quote, "file:" + long_file)
    cold.append(time.perf_counter() - start)
    start = time.perf_counter()
    fresh.validate(long_quote, "file:" + long_file)
    warm.append(time.perf_counter() - start)
from importlib.metadata import version as installed
version = installed("linkml-reference-validator")
print(json.dumps({"results": out, "cold": cold, "warm": warm, "version": version}))
"""


def long_text(folder: Path) -> tuple[str, str]:
    """A 300-page text (about 600,000 characters) with the quote on page 250."""
    filler = (
        "Data centres draw power for servers, storage and cooling; the share of each varies with the "
        "climate and the age of the building. "
    ) * 18
    pages = [f"Page {n}. {filler}" for n in range(1, 301)]
    pages[249] += " Training model X consumed 1,287 MWh of electricity."
    (folder / "long.txt").write_text("\f".join(pages), encoding="utf-8")
    return "long.txt", "Training model X consumed 1,287 MWh of electricity."


def claimgraph_times(folder: Path, name: str, quote: str, repeat: int) -> dict[str, float]:
    from claimgraph.sources.locate import locate, prepare
    from claimgraph.sources.texts import extract_bytes

    data = (folder / name).read_bytes()
    prepared_times, locate_times, fuzzy_times = [], [], []
    for _ in range(repeat):
        start = time.perf_counter()
        prepared = prepare(extract_bytes(data, "text/plain"))
        prepared_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        locate(prepared, quote)
        locate_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        locate(prepared, quote.replace("1,287", "1,278"))  # not word for word: the fuzzy search runs
        fuzzy_times.append(time.perf_counter() - start)
    return {
        "prepare": statistics.median(prepared_times),
        "locate": statistics.median(locate_times),
        "fuzzy": statistics.median(fuzzy_times),
    }


def section(cases, ours, theirs, times, lrv_note) -> str:
    lines = [
        BEGIN,
        "## Quotes in source texts: claimgraph and linkml-reference-validator",
        "",
        "`python benchmarks/source_quotes.py` gives both tools the same local texts (plain text, and one HTML "
        "copy) and the same quotes; claimgraph is asked as `check` asks (`sources.locate`, page numbers, the "
        "claim's value 1,287 MWh), linkml-reference-validator through its `file:` references "
        f"({lrv_note}). No network is used.",
        "",
        "| case | what it tests | claimgraph | linkml-reference-validator |",
        "|---|---|---|---|",
    ]
    for case in cases:
        other = theirs.get(case["name"], "—") if theirs else "not run"
        lines.append(f"| {case['name']} | {case['what']} | {ours[case['name']]} | {other.replace('|', '/')} |")
    lines += [
        "",
        "Per quote, on a 300-page text of about 600,000 characters with the quote on page 250 (median of the runs):",
        "",
        "| | seconds |",
        "|---|---|",
        f"| claimgraph: normalise the text (once per source, extraction cached) | {times['prepare']:.4f} |",
        f"| claimgraph: locate a quote, exact words | {times['locate']:.5f} |",
        f"| claimgraph: locate a quote, fuzzy (not word for word) | {times['fuzzy']:.4f} |",
    ]
    if times.get("lrv_cold") is not None:
        lines += [
            f"| linkml-reference-validator: first quote of a reference (reads and normalises the file) "
            f"| {times['lrv_cold']:.4f} |",
            f"| linkml-reference-validator: another quote of the same reference (kept in memory) "
            f"| {times['lrv_warm']:.5f} |",
        ]
    lines += [
        "",
        "What differs, read from the table: linkml-reference-validator matches normalised substrings "
        "(deterministic, as its documentation says): it takes `...` but not `…` as an ellipsis, has no "
        "notion of pages (a quote on the wrong page passes), gives no closest passage or score when a "
        "quote is missing, and does not look for the claim's number; it reads HTML files as they are "
        "(markup included). claimgraph adds pages (PDF labels or the BibTeX pages start), a scored "
        "closest passage, and the value check; linkml-reference-validator fetches PubMed, PMC and many "
        "more sources by identifier, which claimgraph does not.",
        END,
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lrv-python", default=None, help="a Python with linkml-reference-validator installed")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimgraph-quotes-") as tmp:
        folder = Path(tmp)
        cases = write_cases(folder)
        ours = claimgraph_results(folder, cases)
        long_name, long_quote = long_text(folder)
        times = claimgraph_times(folder, long_name, long_quote, args.repeat)
        theirs, lrv_note = None, ""
        python = args.lrv_python or sys.executable
        proc = subprocess.run(
            [python, "-c", LRV_SCRIPT, str(folder), json.dumps(cases), long_name, long_quote, str(args.repeat)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if proc.returncode == 0:
            data = json.loads(proc.stdout.strip().splitlines()[-1])
            theirs = data["results"]
            times["lrv_cold"], times["lrv_warm"] = statistics.median(data["cold"]), statistics.median(data["warm"])
            lrv_note = f"version {data['version']}, installed from PyPI in a virtual environment of its own"
        else:
            last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            lrv_note = f"it could not be run here: {last}"
    text = section(cases, ours, theirs, times, lrv_note)
    old = args.out.read_text(encoding="utf-8") if args.out.is_file() else ""
    if BEGIN in old and END in old:
        new = old.split(BEGIN, 1)[0] + text + old.split(END, 1)[1].lstrip("\n")
    else:
        new = old.rstrip("\n") + ("\n\n" if old else "") + text
    args.out.write_text(new, encoding="utf-8")
    print(text)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
